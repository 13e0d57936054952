"""渠道与阵地 (channels and venues): activities and reach by method, channel and partner over time, reach per activity
by method, and the venues on the map with their activity."""

import streamlit as st

from fraudfree import charts, fmt, i18n, queries, tables
from fraudfree.analytics import channels
from fraudfree.filters import months_between
from fraudfree.kinds import VOCABULARIES
from fraudfree.ui import context, filterbar, show

lang, tr, path, f = context.analysis_page("channels.title")
st.caption(filterbar.describe(f) + (" · " + tr("channels.no_fraud_types") if f.fraud_types else ""))
data = channels.load(path, f)
names = filterbar.townships().set_index("code")["name_zh" if lang == "zh" else "name_en"]


def header(column: str) -> str:
    return tables.header("channels", column, lang)


def number(value) -> str:
    return fmt.number(value, lang)


def reader(frame, **vocabularies):
    return tables.for_reader(frame, lang, "channels", vocabularies, names)


tiles = {
    "activities": number(data.activities),
    "reach": number(data.reach),
    "reach_per_activity": number(round(data.reach_per_activity)) if data.activities else "—",
    "venues": number(data.venue_count),
}
for tile, (key, value) in zip(st.columns(len(tiles)), tiles.items(), strict=True):
    tile.metric(header(key), value)

if data.activities == 0:
    st.info(tr("channels.no_activities"))
else:
    left, right = st.columns(2)
    dimension = left.segmented_control(
        tr("channels.dimension"),
        channels.DIMENSIONS,
        default="method",
        required=True,
        format_func=header,
        key=context.key("channels_dimension"),
    )
    measure = right.segmented_control(
        tr("channels.measure"),
        ("reach", "activities"),
        default="reach",
        required=True,
        format_func=header,
        key=context.key("channels_measure"),
    )
    by_month = data.by_month(dimension)
    labels = {"dimension": tables.term("channels", dimension, lang), "measure": tables.term("channels", measure, lang)}
    st.subheader(tr("channels.trend", **labels))
    figure = charts.stacked_bars(
        by_month.assign(month=by_month["month"].dt.date),
        "month",
        "value",
        measure,
        header(measure),
        months_between(f.start, f.end),
        category_format=lambda m: fmt.month(m, lang),
        group_format=lambda v: i18n.label(dimension, v, lang),
        colours=charts.vocabulary_colours(VOCABULARIES[dimension]),
    )
    shown = reader(by_month.rename(columns={"value": dimension}), **{dimension: dimension})
    show.chart(
        figure, "channels_trend", tr("channels.trend_caption", **labels), shown, tr("channels.trend_file", **labels)
    )

    st.subheader(tr("channels.effort"))
    effort = reader(data.effort, method="method")
    reach_per_activity = header("reach_per_activity")
    figure = charts.ranked_bars(
        effort, header("method"), reach_per_activity, reach_per_activity, lambda v: number(round(v))
    )
    drawn = effort[[header("method"), reach_per_activity]]
    show.chart(figure, "channels_effort", tr("channels.effort_caption"), drawn, reach_per_activity)
    ratios = [header(c) for c in channels.EFFORT_RATIOS]
    show.table(effort, "channels_effort_table", tr("channels.effort_table_caption"), tr("channels.effort"), ratios)

st.subheader(tr("channels.venues"))
if data.venue_count == 0:
    st.info(tr("channels.no_venues"))
    st.stop()
boundaries = queries.run("boundaries", path)
if f.townships:
    boundaries = boundaries[boundaries["township_code"].isin(f.townships)]
if data.venues is None:
    st.info(tr("channels.too_many_venues", count=number(data.venue_count)))
elif boundaries.empty:
    st.info(tr("overview.no_boundaries"))
else:

    def hover(venue) -> str:
        return tr(
            "channels.venue_hover",
            name=venue.name,
            type=i18n.label("venue_type", venue.venue_type, lang),
            township=names.get(venue.township_code, venue.township_code),
            activities=number(venue.activities),
            reach=number(venue.reach),
        )

    type_label = lambda v: i18n.label("venue_type", v, lang)  # noqa: E731
    figure = charts.venue_map(boundaries, names, data.venues, type_label, hover, selected=f.townships)
    unlocated = int(data.venues[["lon", "lat"]].isna().any(axis=1).sum())
    caption = (
        tr("channels.map_caption", count=number(len(data.venues) - unlocated))
        + (" " + tr("channels.unlocated", count=number(unlocated)) if unlocated else "")
        + (" " + tr("app.schematic_note") if boundaries["schematic"].any() else "")
    )
    show.chart(
        figure,
        "channels_map",
        caption,
        reader(data.venues, venue_type="venue_type"),
        tr("channels.venue_file"),
        on_select=filterbar.on_chart_click("channels_map"),
        selection_mode="points",
        config={"displayModeBar": False},
    )

types = reader(data.venue_types, venue_type="venue_type")
show.table(types, "channels_types_table", tr("channels.types_caption"), tr("channels.types_file"))
