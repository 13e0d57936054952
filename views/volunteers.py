"""志愿者 (volunteers): teams, members, hours and reach by team and township; townships no team covers; idle teams."""

import streamlit as st

from fraudfree import charts, fmt, queries, tables
from fraudfree.analytics import volunteers
from fraudfree.ui import context, filterbar, show

lang, tr, path, f = context.analysis_page("volunteers.title")
st.caption(filterbar.describe(f) + (" · " + tr("volunteers.no_fraud_types") if f.fraud_types else ""))
data = volunteers.load(path, f)
names = filterbar.townships().set_index("code")["name_zh" if lang == "zh" else "name_en"]


def header(column: str) -> str:
    return tables.header("volunteers", column, lang)


def number(value) -> str:
    return fmt.number(value, lang)


def reader(frame):
    return tables.for_reader(frame, lang, "volunteers", township_names=names)


tiles = {
    "teams": number(len(data.registered_teams)),
    "members": number(data.registered_teams["members"].sum()),
    "active_teams": number(data.active_teams),
    "hours": number(round(data.monthly["hours"].sum())),
    "reach": number(data.monthly["reach"].sum()),
}
# Rows of four keep long Chinese figures whole on a laptop; the columns stack on a phone.
for tile, (key, value) in zip([*st.columns(4), *st.columns(4)], tiles.items(), strict=False):
    tile.metric(header(key), value)

if data.uncovered.empty:
    st.success(tr("volunteers.all_covered"))
else:
    uncovered = tables.name_list(data.uncovered["code"].map(names), lang)
    st.warning(tr("volunteers.uncovered", count=len(data.uncovered), names=uncovered))
if not data.idle.empty:
    st.warning(tr("volunteers.idle", count=len(data.idle), names=tables.name_list(data.idle["team"], lang)))

st.subheader(tr("volunteers.trend"))
if data.monthly["service_days"].sum() == 0:
    st.info(tr("volunteers.no_service"))
else:
    figure = charts.monthly_trend(
        data.monthly, "hours", header("hours"), "reach", header("reach"), lambda m: fmt.month(m, lang)
    )
    show.chart(figure, "volunteers_trend", tr("volunteers.trend_caption"), reader(data.monthly), tr("volunteers.trend"))

st.subheader(tr("volunteers.townships"))
per_1k = "volunteer_hours_per_1k"
township_table = reader(data.townships.drop(columns=["name_zh", "name_en"]).rename(columns={"code": "township_code"}))
boundaries = queries.run("boundaries", path)
if boundaries.empty:
    st.info(tr("overview.no_boundaries"))
else:
    values = data.townships.assign(name=data.townships["code"].map(names), value=data.townships[per_1k])
    figure = charts.township_map(
        boundaries,
        values[["code", "name", "value"]],
        header(per_1k),
        lambda v: number(round(v, 1)),
        high_is_bad=False,
        selected=f.townships,
    )
    schematic = " " + tr("app.schematic_note") if boundaries["schematic"].any() else ""
    show.chart(
        figure,
        "volunteers_map",
        tr("volunteers.map_caption") + schematic,
        township_table[[header("township_code"), header(per_1k)]],
        header(per_1k),
        on_select=filterbar.on_chart_click("volunteers_map"),
        selection_mode="points",
        config={"displayModeBar": False},
    )
show.table(
    township_table,
    "volunteers_township_table",
    tr("volunteers.townships_caption"),
    tr("volunteers.townships"),
    ratios=[header(per_1k)],
)

st.subheader(tr("volunteers.teams"))
if data.teams.empty:
    st.info(tr("volunteers.no_teams"))
    st.stop()
busiest = data.teams[data.teams["hours"] > 0].head(volunteers.TOP_TEAMS)
if not busiest.empty:
    figure = charts.ranked_bars(busiest, "team", "hours", header("hours"), lambda v: number(round(v)))
    caption = tr("volunteers.teams_chart_caption", count=len(busiest))
    show.chart(figure, "volunteers_teams_chart", caption, reader(busiest[["team", "hours"]]), tr("volunteers.top_file"))
county_wide = data.teams["registered"] & data.teams["township_code"].isna()
teams = data.teams.assign(township_code=data.teams["township_code"].mask(county_wide, tr("volunteers.county_wide")))
show.table(reader(teams), "volunteers_team_table", tr("volunteers.teams_caption"), tr("volunteers.teams"))
