"""视频 (short videos): plays, likes, shares and new followers over time, by series and platform, the top videos and
plays by days since publishing."""

import streamlit as st

from fraudfree import charts, fmt, i18n, tables
from fraudfree.analytics import videos
from fraudfree.filters import months_between
from fraudfree.kinds import VOCABULARIES
from fraudfree.ui import context, filterbar, show

lang, tr, path, f = context.analysis_page("videos.title")
data = videos.load(path, f)
level = tr("videos.township_level") if data.township_level else tr("videos.county_level")
st.caption(filterbar.describe(f) + " · " + level + (" " + tr("videos.no_fraud_types") if f.fraud_types else ""))


def header(column: str) -> str:
    return tables.header("videos", column, lang)


def term(column: str) -> str:
    return tables.term("videos", column, lang)


def number(value) -> str:
    return fmt.number(value, lang)


tiles = {"published_videos": number(data.published), **{m: number(data.total(m)) for m in videos.MEASURES}}
# Rows of four keep long Chinese figures whole on a laptop; the columns stack on a phone.
for tile, (key, value) in zip([*st.columns(4), *st.columns(4)], tiles.items(), strict=False):
    tile.metric(header(key), value)
if data.total("plays") == 0:
    st.info(tr("videos.no_views"))
    st.stop()

measure = st.segmented_control(
    tr("videos.measure"),
    videos.MEASURES,
    default="plays",
    required=True,
    format_func=header,
    key=context.key("videos_measure"),
)
platform_colours = charts.vocabulary_colours(VOCABULARIES["platform"])


def platform(value) -> str:
    return i18n.label("platform", value, lang)


def reader(frame):
    return tables.for_reader(frame, lang, "videos", {"platform": "platform", "series": "series"})


st.subheader(tr("videos.trend", measure=term(measure)))
monthly = data.monthly.assign(month=data.monthly["month"].dt.date)
figure = charts.stacked_bars(
    monthly,
    "month",
    "platform",
    measure,
    header(measure),
    months_between(f.start, f.end),
    category_format=lambda m: fmt.month(m, lang),
    group_format=platform,
    colours=platform_colours,
)
caption = tr("videos.trend_caption", measure=term(measure)) + " " + level
show.chart(figure, "videos_trend", caption, reader(data.monthly), tr("videos.trend_file"))

st.subheader(tr("videos.series", measure=term(measure)))
by_series = reader(data.by_series(measure))
figure = charts.stacked_bars(
    by_series,
    header("series"),
    header("platform"),
    header(measure),
    header(measure),
    list(dict.fromkeys(by_series[header("series")])),
    colours={platform(p): colour for p, colour in platform_colours.items()},
    horizontal=True,
)
caption = tr("videos.series_caption", measure=term(measure))
show.chart(figure, "videos_series", caption, by_series, tr("videos.series_file"))

st.subheader(tr("videos.top", count=videos.TOP_VIDEOS, measure=term(measure)))
top = reader(data.top(measure))
show.table(top, "videos_top_table", tr("videos.top_caption", measure=term(measure)), tr("videos.top_file"))

st.subheader(tr("videos.age"))
if data.by_age.empty:
    st.info(tr("videos.no_age"))
    st.stop()
age = data.by_age
figure = charts.bars_and_line(
    age["days"], age["plays"], header("plays"), age["median_plays"], header("median_plays"), header("days")
)
show.chart(figure, "videos_age", tr("videos.age_caption"), reader(age), tr("videos.age_file"))
