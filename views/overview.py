"""总览 (Overview): headline figures with year-on-year change, trend, township map and table, for leadership."""

import streamlit as st

from fraudfree import charts, fmt, i18n, overview
from fraudfree.ui import context, downloads, filterbar, show

lang, tr, path, f = context.analysis_page("app.title")

names = filterbar.townships().set_index("code")["name_zh" if lang == "zh" else "name_en"]
scope = (
    tr("overview.scope_some", count=len(f.townships), names="、".join(names[c] for c in f.townships))
    if f.townships
    else tr("overview.scope_all")
)
st.caption(
    tr("overview.subtitle", area=context.settings().get("area_name", ""), period=fmt.month_range(f.start, f.end, lang))
    + " · "
    + scope
)
data = overview.page_data(path, f, lang)
st.markdown(f"**{data['headline']}**")

# Two rows of tiles keep long Chinese figures whole on a laptop and stack on a phone.
for column, kpi in zip([*st.columns(4), *st.columns(4)], data["kpis"], strict=False):
    column.metric(
        tr(f"kpi.{kpi.key}"),
        kpi.display(lang),
        fmt.signed_percent(kpi.change),
        delta_color="normal" if kpi.up_is_good else "inverse",
        help=None if fmt.signed_percent(kpi.change) else tr("kpi.yoy_none"),
    )
st.caption(tr("overview.video_note"))

left, right = st.columns([3, 2])
monthly, table, boundaries = data["monthly"], data["townships"], data["boundaries"]
with left:
    st.subheader(tr("overview.trend"))
    # The county's months are aggregates; the months of chosen townships are case-level (downloads.buttons).
    show.chart(
        charts.monthly_trend(monthly, "cases", tr("kpi.cases"), "reach", tr("kpi.reach"), lambda m: fmt.month(m, lang)),
        "overview_trend",
        tr("overview.trend_caption"),
        monthly,
        tr("overview.trend"),
        case_level=bool(f.townships),
    )

with right:
    measure = st.selectbox(
        tr("overview.map_measure"),
        overview.MAP_MEASURES,
        format_func=lambda m: i18n.t(f"measure.{m}", lang),  # bound: may be called outside the run
        key=context.key("overview_measure"),
    )
    if boundaries.empty:
        st.info(tr("overview.no_boundaries"))
    else:
        values = table.assign(name=table["name_zh" if lang == "zh" else "name_en"], value=table[measure])
        figure = charts.township_map(
            boundaries,
            values[["code", "name", "value"]],
            tr(f"measure.{measure}"),
            overview.measure_format(measure, lang),
            high_is_bad=measure == "case_rate_per_10k",
            selected=f.townships,
        )
        st.plotly_chart(
            figure,
            key="overview_map",
            on_select=filterbar.on_chart_click("overview_map"),
            selection_mode="points",
            config={"displayModeBar": False},
        )
        schematic = " " + tr("app.schematic_note") if boundaries["schematic"].any() else ""
        st.caption(tr("overview.map_caption") + schematic)

st.subheader(tr("overview.table"))
number = {
    c: st.column_config.NumberColumn(tr(f"column.{c}"), format="localized")
    for c in ("population", "cases", "loss_yuan", "solved", "volunteer_hours")
}
ratio = {
    c: st.column_config.NumberColumn(tr(f"column.{c}"), format="%.1f") for c in ("case_rate_per_10k", "reach_per_1k")
}
share = {c: st.column_config.NumberColumn(tr(f"column.{c}"), format="percent") for c in overview.SHARES}
column_config = {"code": None, "name": tr("column.name"), **number, **ratio, **share}
shown = table.assign(name=table["name_zh" if lang == "zh" else "name_en"])[list(overview.TABLE_COLUMNS)]
st.dataframe(
    shown,
    hide_index=True,
    key="overview_table",
    on_select=filterbar.on_table_select("overview_table", shown["code"].tolist()),
    selection_mode="multi-row",
    column_config=column_config,
)
st.caption(tr("overview.table_caption"))
downloads.buttons(
    shown.drop(columns="code"), tr("overview.table"), "overview_table_download", case_level=bool(f.fraud_types)
)
