"""覆盖与发案 (reach vs cases): where publicity reaches people, where cases are high, and whether they move together."""

import streamlit as st

from fraudfree import charts, fmt, measures, overview, rate_charts
from fraudfree.analytics import reach_cases
from fraudfree.ui import context, downloads, filterbar

lang, tr, path, f = context.analysis_page("reach_cases.title")

left, middle, right = st.columns(3)
reach_measure = left.selectbox(
    tr("reach_cases.reach_measure"),
    measures.REACH_MEASURES,
    format_func=lambda m: tr(f"measure.{m}"),
    key=context.key("reach_cases_reach"),
)
case_measure = middle.selectbox(
    tr("reach_cases.case_measure"),
    measures.CASE_MEASURES,
    format_func=lambda m: tr(f"measure.{m}"),
    key=context.key("reach_cases_case"),
)
lag = right.segmented_control(
    tr("reach_cases.lag"),
    reach_cases.LAGS,
    default=reach_cases.DEFAULT_LAG,
    required=True,
    format_func=lambda n: tr("reach_cases.lag_months", months=n),
    key=context.key("reach_cases_lag"),
)

data = reach_cases.load(path, f, lag, reach_measure, case_measure, lang)
frame, county, selection = data.townships, data.county, data.selection
chosen = frame[frame["selected"]]
scope = (
    tr("overview.scope_some", count=len(chosen), names=("、" if lang == "zh" else ", ").join(chosen["name"]))
    if f.townships
    else tr("overview.scope_all")
)
st.caption(tr("reach_cases.subtitle", period=fmt.month_range(f.start, f.end, lang), scope=scope))
if not data.has_data:
    st.info(tr("reach_cases.empty"))
    st.stop()

reach_label, case_label = tr(f"measure.{reach_measure}"), tr(f"measure.{case_measure}")
reach_format = overview.measure_format(reach_measure, lang)
case_format = overview.measure_format(case_measure, lang)
rate_format = overview.measure_format("case_rate_per_10k", lang)

tiles = st.columns(4)
tiles[0].metric(tr("reach_cases.kpi_cases"), fmt.number(selection["cases"], lang))
tiles[1].metric(
    tr("reach_cases.kpi_rate"),
    rate_format(selection["case_rate_per_10k"]),
    help=tr("reach_cases.kpi_rate_help", low=rate_format(selection["ci_low"]), high=rate_format(selection["ci_high"])),
)
tiles[2].metric(reach_label, reach_format(selection[reach_measure]))
if len(chosen) == 1 and chosen["quadrant"].iloc[0]:
    tiles[3].metric(tr("reach_cases.kpi_quadrant"), tr(f"reach_cases.short_{chosen['quadrant'].iloc[0]}"))
else:
    tiles[3].metric(
        tr("reach_cases.kpi_quadrant"),
        tr("reach_cases.kpi_priority", count=int((chosen["quadrant"] == "priority").sum())),
        help=tr("reach_cases.kpi_priority_help", total=len(chosen)),
    )
if not selection["population"] > 0:
    st.info(tr("reach_cases.no_population"))
st.caption(tr("reach_cases.lag_caption", months=lag))
if data.lag_incomplete:
    st.caption(tr("reach_cases.lag_incomplete", months=lag))

column = {
    "name": tr("reach_cases.column_name"),
    "population": tr("reach_cases.column_population"),
    "cases": tr("reach_cases.column_cases"),
    "case_rate_per_10k": tr("reach_cases.column_rate"),
    "ci_low": tr("reach_cases.column_ci_low"),
    "ci_high": tr("reach_cases.column_ci_high"),
    "eb_case_rate_per_10k": tr("reach_cases.column_eb"),
    "quadrant": tr("reach_cases.column_quadrant"),
    "funnel": tr("reach_cases.column_funnel"),
    reach_measure: reach_label,
    case_measure: case_label,
}
named = frame.assign(
    quadrant=frame["quadrant"].map(lambda q: tr(f"reach_cases.quadrant_{q}") if q else None),
    funnel=frame["funnel"].map(lambda p: tr(f"reach_cases.funnel_{p}") if p else None),
)


# Township case figures narrowed to some fraud types are case-level, and so are months per township
# (downloads.buttons); publicity measures are not.
by_type = bool(f.fraud_types)


def township_map(measure: str, label: str, high_is_bad: bool, key: str, caption: str, case_level: bool) -> None:
    if data.boundaries.empty:
        st.info(tr("overview.no_boundaries"))
        return
    st.subheader(tr(f"reach_cases.{key}"))
    values = frame.assign(value=frame[measure])[["code", "name", "value"]]
    figure = charts.township_map(
        data.boundaries, values, label, overview.measure_format(measure, lang), high_is_bad, f.townships
    )
    figure.update_layout(height=400)
    chart_key = f"reach_cases_{key}"
    st.plotly_chart(
        figure,
        key=chart_key,
        on_select=filterbar.on_chart_click(chart_key),
        selection_mode="points",
        config={"displayModeBar": False},
    )
    schematic = " " + tr("app.schematic_note") if data.boundaries["schematic"].any() else ""
    st.caption(caption + schematic)
    downloads.buttons(named[["name", measure]].rename(columns=column), label, f"{chart_key}_download", case_level)


map_left, map_right = st.columns(2)
with map_left:
    township_map(
        reach_measure,
        reach_label,
        False,
        "map_reach",
        tr("reach_cases.map_reach_caption", measure=reach_label, months=lag),
        case_level=False,
    )
with map_right:
    caption = tr("reach_cases.map_cases_caption", measure=case_label)
    township_map(case_measure, case_label, True, "map_cases", caption, case_level=by_type)

st.subheader(tr("reach_cases.scatter"))
quadrant_names = {q: tr(f"reach_cases.quadrant_{q}") for q in rate_charts.QUADRANT_COLOURS}
scatter = rate_charts.quadrant_scatter(
    frame.assign(x=frame[reach_measure], y=frame[case_measure]),
    reach_label,
    case_label,
    county[reach_measure],
    county[case_measure],
    quadrant_names,
    reach_format,
    case_format,
    tr("reach_cases.county"),
    f.townships,
)
st.plotly_chart(
    scatter,
    key="reach_cases_scatter",
    on_select=filterbar.on_chart_click("reach_cases_scatter"),
    selection_mode="points",
    config={"displayModeBar": False},
)
st.caption(tr("reach_cases.scatter_caption"))
downloads.buttons(
    named[["name", "population", reach_measure, case_measure, "quadrant"]].rename(columns=column),
    tr("reach_cases.scatter"),
    "reach_cases_scatter_download",
    case_level=by_type,
)

st.subheader(tr("reach_cases.table"))
table_columns = ["code", "name", "population", "cases", "case_rate_per_10k", "ci_low", "ci_high"]
table_columns += ["eb_case_rate_per_10k", reach_measure, "quadrant", "funnel"]
table = named.sort_values("eb_case_rate_per_10k", ascending=False)[table_columns]
rates = ("case_rate_per_10k", "ci_low", "ci_high", "eb_case_rate_per_10k")
st.dataframe(
    table,
    hide_index=True,
    key="reach_cases_table",
    on_select=filterbar.on_table_select("reach_cases_table", table["code"].tolist()),
    selection_mode="multi-row",
    column_config={
        "code": None,
        "name": column["name"],
        "population": st.column_config.NumberColumn(column["population"], format="localized"),
        "cases": st.column_config.NumberColumn(column["cases"], format="localized"),
        **{c: st.column_config.NumberColumn(column[c], format="%.2f") for c in rates},
        reach_measure: st.column_config.NumberColumn(
            reach_label, format="percent" if reach_measure in measures.SHARES else "%.2f"
        ),
        "quadrant": column["quadrant"],
        "funnel": column["funnel"],
    },
)
st.caption(tr("reach_cases.table_caption"))
downloads.buttons(
    table.drop(columns="code").rename(columns=column),
    tr("reach_cases.table"),
    "reach_cases_table_download",
    case_level=by_type,
)

st.subheader(tr("reach_cases.funnel"))
funnel_labels = {
    "x": tr("reach_cases.funnel_x"),
    "y": tr("reach_cases.funnel_y"),
    "county": tr("reach_cases.county"),
    "limit_95": tr("reach_cases.limit_95"),
    "limit_998": tr("reach_cases.limit_998"),
    **{p: tr(f"reach_cases.funnel_{p}") for p in rate_charts.FUNNEL_COLOURS},
}
funnel = rate_charts.funnel_plot(
    frame.assign(rate=frame["case_rate_per_10k"], position=frame["funnel"]),
    data.funnel,
    county["case_rate_per_10k"],
    funnel_labels,
    rate_format,
    f.townships,
)
st.plotly_chart(
    funnel,
    key="reach_cases_funnel",
    on_select=filterbar.on_chart_click("reach_cases_funnel"),
    selection_mode="points",
    config={"displayModeBar": False},
)
st.caption(tr("reach_cases.funnel_caption"))
downloads.buttons(
    named[["name", "population", "cases", "case_rate_per_10k", "funnel"]].rename(columns=column),
    tr("reach_cases.funnel"),
    "reach_cases_funnel_download",
    case_level=by_type,
)

st.subheader(tr("reach_cases.trend"))
month_format = "%Y年%-m月" if lang == "zh" else "%b %Y"
st.plotly_chart(
    rate_charts.small_multiples(data.monthly, tr("reach_cases.trend_rate"), tr("reach_cases.county"), month_format),
    key="reach_cases_trend",
    config={"displayModeBar": False},
)
st.caption(tr("reach_cases.trend_caption"))
if data.panels_capped:
    st.caption(tr("reach_cases.trend_capped", count=reach_cases.MAX_PANELS))
downloads.buttons(
    data.monthly.assign(month=data.monthly["month"].map(lambda m: fmt.month(m, lang)))[
        ["name", "month", "cases", "case_rate_per_10k", "county_rate_per_10k"]
    ].rename(
        columns={
            **column,
            "month": tr("reach_cases.month"),
            "county_rate_per_10k": tr("reach_cases.column_county_rate"),
        }
    ),
    tr("reach_cases.trend"),
    "reach_cases_trend_download",
    case_level=True,
)
