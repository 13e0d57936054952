"""无诈评分: certification criteria, composite scores with editable weights, rank intervals, tiers, advice, export."""

import streamlit as st

from fraudfree import charts, fmt
from fraudfree.scorecard import card, composite, export, montecarlo, tables
from fraudfree.scorecard import settings as scoring
from fraudfree.ui import auth as auth_ui
from fraudfree.ui import context, downloads

lang, tr, path, f = context.analysis_page("scorecard.title", "scorecard.no_data")

con = context.connection()
user = auth_ui.current_user()
actor = user.name if user else None
may_share, may_own = auth_ui.can("manage_presets"), auth_ui.can("own_presets")
saved = scoring.load(con)
presets = {f"{p.owner}/{p.name}": p for p in scoring.presets(con, actor)}


def column_config(table: tables.Table) -> dict:
    """Number formats for a view's columns (the export uses the same kinds)."""
    shapes = {"score": "%.1f", "percent": "percent", "integer": "localized", "number": "%.1f"}
    return {
        name: st.column_config.NumberColumn(name, format=shapes[kind])
        for name, kind in table.formats.items()
        if kind in shapes
    }


with st.expander(tr("scorecard.settings")):
    preset_id = st.selectbox(
        tr("scorecard.preset"),
        ["", *presets],
        format_func=lambda key: (
            tr("scorecard.preset_default")
            if not key
            else presets[key].name
            if presets[key].owner == scoring.SHARED
            else tr("scorecard.preset_own", name=presets[key].name)
        ),
        key=context.key("sc_preset"),
    )
    preset = presets.get(preset_id)
    start = saved.with_preset(preset.values) if preset else saved
    scope = f"{preset_id}.{lang}"  # widgets start again from a newly chosen preset
    left, right = st.columns(2)
    normalisation = left.radio(
        tr("scorecard.normalisation_label"),
        composite.NORMALISATIONS,
        index=composite.NORMALISATIONS.index(start.normalisation),
        format_func=lambda key: tr(f"scorecard.normalisation.{key}"),
        horizontal=True,
        key=f"sc_norm.{scope}",
    )
    aggregation = right.radio(
        tr("scorecard.aggregation_label"),
        composite.AGGREGATIONS,
        index=composite.AGGREGATIONS.index(start.aggregation),
        format_func=lambda key: tr(f"scorecard.aggregation.{key}"),
        horizontal=True,
        key=f"sc_agg.{scope}",
    )
    if aggregation == "geometric" and normalisation != "minmax":
        st.info(tr("scorecard.geometric_note"))
        normalisation = "minmax"
    pillar_weights = {
        pillar: column.number_input(
            tr("scorecard.pillar_weight", pillar=tr(f"scorecard.pillar.{pillar}")),
            min_value=0.0,
            value=float(weight),
            step=0.1,
            key=f"sc_pillar.{pillar}.{scope}",
        )
        for column, (pillar, weight) in zip(
            st.columns(len(start.pillar_weights)), start.pillar_weights.items(), strict=True
        )
    }
    editor_columns = {
        "key": None,
        "indicator": st.column_config.TextColumn(tr("scorecard.column.indicator"), disabled=True),
        "pillar": st.column_config.TextColumn(tr("scorecard.column.pillar"), disabled=True),
        "weight": st.column_config.NumberColumn(tr("scorecard.column.weight"), min_value=0.0, step=0.5, required=True),
    }
    weights = st.data_editor(
        scoring.weights_frame(start, "township", lang),
        column_config=editor_columns,
        hide_index=True,
        key=f"sc_weights.{scope}",
    )
    st.caption(tr("scorecard.weights_help"))
    community_weights = st.data_editor(
        scoring.weights_frame(start, "community", lang),
        column_config=editor_columns,
        hide_index=True,
        key=f"sc_community_weights.{scope}",
    )

with st.expander(tr("scorecard.criteria_title")):
    st.caption(tr("scorecard.criteria_help"))
    rules = st.data_editor(
        scoring.criteria_frame(saved, lang),
        column_config={
            "key": None,
            "criterion": st.column_config.TextColumn(tr("scorecard.column.criterion"), disabled=True),
            "enabled": st.column_config.CheckboxColumn(tr("scorecard.column.enabled")),
            "threshold": st.column_config.NumberColumn(tr("scorecard.column.threshold"), required=True),
        },
        hide_index=True,
        key=context.key("sc_criteria"),
    )

try:
    chosen = scoring.edited(saved, normalisation, aggregation, pillar_weights, weights, community_weights, rules)
except scoring.SettingsError as err:
    st.error(tr("scorecard.invalid_weights", error=str(err)))
    st.stop()


def save_preset(name: str, chosen: scoring.Settings, owner: str) -> None:
    scoring.save_preset(con, name, chosen, owner, actor)
    st.session_state[context.key("sc_preset")] = f"{owner}/{name.strip()}"
    st.toast(tr("scorecard.preset_saved", name=name.strip()))


def delete_preset(preset: scoring.Preset) -> None:
    scoring.delete_preset(con, preset.name, preset.owner, actor)
    st.session_state[context.key("sc_preset")] = ""
    st.toast(tr("scorecard.preset_deleted", name=preset.name))


def save_criteria(chosen: scoring.Settings) -> None:
    scoring.save_criteria(con, chosen.criteria, actor)
    st.toast(tr("scorecard.criteria_saved"))


if may_share or may_own:
    owner = scoring.SHARED if may_share else actor
    with st.expander(tr("scorecard.save_preset")):
        name = st.text_input(
            tr("scorecard.preset_name"), value=preset.name if preset else "", max_chars=scoring.PRESET_NAME_MAX
        )
        save, delete, rules_button = st.columns(3)
        save.button(
            tr("scorecard.save_preset"), disabled=not name.strip(), on_click=save_preset, args=(name, chosen, owner)
        )
        if preset and (preset.owner == owner or may_share):
            delete.button(tr("scorecard.delete_preset"), on_click=delete_preset, args=(preset,))
        if may_share:
            rules_button.button(tr("scorecard.save_criteria"), on_click=save_criteria, args=(chosen,))
        else:
            st.caption(tr("scorecard.own_presets_only"))
else:
    st.caption(tr("scorecard.admin_only"))

levels = ["township", "community"] if card.has_communities(path, f.start, f.end) else ["township"]
level_key = st.segmented_control(
    tr("scorecard.level_label"),
    levels,
    default="township",
    format_func=lambda key: tr(f"scorecard.level.{key}"),
    key=context.key("sc_level"),
    required=True,
)
with st.spinner():  # villages and communities are scored only when asked for: a province has very many
    sc = card.remembered(path, f.start, f.end, chosen, lang, communities=level_key == "community")

st.caption(
    tr(
        "scorecard.subtitle",
        area=context.settings().get("area_name", ""),
        period=fmt.month_range(sc.start, sc.end, lang),
        count=len(sc.township.areas),
    )
    + " · "
    + tr("scorecard.scope_note")
)
level = sc.community if level_key == "community" else sc.township
if level.no_data:
    st.caption(tr("scorecard.excluded", items="、".join(tr(f"scorecard.indicator.{k}") for k in level.no_data)))
if level_key == "community":
    st.info(tr("scorecard.community_note"))

counts = level.areas["tier"].value_counts()
shown_tiers = [tier for tier in montecarlo.TIERS if counts.get(tier, 0)]
for column, tier in zip(st.columns(len(shown_tiers)), shown_tiers, strict=True):
    column.metric(tr(f"scorecard.tier.{tier}"), tr("scorecard.tier_count", count=int(counts[tier])))

st.subheader(tr("scorecard.chart_title"))
rows, ranked = tables.rank_chart_rows(level, lang, f.townships if level_key == "township" else ())
if len(rows) < ranked and not f.townships:
    st.caption(tr("scorecard.chart_subset", count=len(rows)))
st.plotly_chart(
    charts.rank_intervals(rows, tables.tier_legend(lang), tr("scorecard.chart_axis"), ranked, f.townships),
    key="scorecard_ranks",
    config={"displayModeBar": False},
)
st.caption(
    tr(
        "scorecard.chart_caption",
        draws=chosen.draws,
        spread=fmt.percent(chosen.weight_spread, lang, 0),
        interval=fmt.percent(chosen.interval, lang, 0),
    )
)

st.subheader(tr("scorecard.table_title"))
scores = tables.townships(sc, lang) if level_key == "township" else tables.communities(sc, lang)
st.dataframe(scores.frame, hide_index=True, column_config=column_config(scores))
downloads.buttons(scores.frame, tr(f"scorecard.sheet.{scores.key}"), "scorecard_scores")
st.caption(
    tr(
        "scorecard.table_caption",
        normalisation=tr(f"scorecard.normalisation.{chosen.normalisation}"),
        aggregation=tr(f"scorecard.aggregation.{chosen.aggregation}"),
    )
)

if level_key == "township":
    st.subheader(tr("scorecard.criteria_table"))
    met = tables.criteria_table(sc, lang)
    st.dataframe(met.frame, hide_index=True)
    downloads.buttons(met.frame, tr("scorecard.sheet.criteria"), "scorecard_criteria")

    st.subheader(tr("scorecard.advice_title"))
    follow_up = tables.advice_table(sc, lang)
    if follow_up.frame.empty:
        st.info(tr("scorecard.advice_none"))
    else:
        st.caption(tr("scorecard.advice_caption"))
        st.dataframe(follow_up.frame, hide_index=True, column_config=column_config(follow_up))
        # Cases by fraud type and victims by age, per township: case-level (downloads.buttons).
        downloads.buttons(follow_up.frame, tr("scorecard.sheet.advice"), "scorecard_advice", case_level=True)
        st.code("\n\n".join(sc.advice["advice"]), language=None, wrap_lines=True)

with st.expander(tr("scorecard.indicator_details")):
    details = tables.indicator_table(sc, level, lang)
    st.dataframe(details.frame, hide_index=True, column_config=column_config(details))

if auth_ui.can("export"):
    case_level = auth_ui.can("export_case_level")  # else the workbook leaves the advice out
    workbook = f"{tr('scorecard.title')}_{sc.start:%Y%m}-{sc.end:%Y%m}.xlsx"
    st.download_button(
        tr("scorecard.download"),
        on_click=auth_ui.audit,
        args=(
            "export",
            {"view": "scorecard", "period": f"{f.start:%Y-%m}:{f.end:%Y-%m}", "case_level": case_level},
            workbook,
        ),
        data=lambda: export.xlsx_bytes(card.remembered(path, f.start, f.end, chosen, lang), lang, case_level),
        file_name=workbook,
        mime=downloads.XLSX,
    )

with st.expander(tr("scorecard.method_title")):
    notes = tables.notes_table(sc, lang)
    st.dataframe(notes.frame, hide_index=True)
    for paragraph in tables.general_notes(sc, lang):
        st.markdown(paragraph)
