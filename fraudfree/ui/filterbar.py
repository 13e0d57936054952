"""The filter bar shown on every page (period, townships, fraud types, language), kept in step with the URL.

The URL is read when it changes from outside (a pasted link, the first load); otherwise the widgets lead and the
URL is rewritten after them. Options stay codes, so a link means the same view in either language.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from fraudfree import filters, fmt, i18n, queries
from fraudfree.kinds import VOCABULARIES
from fraudfree.ui import context

START, END, TOWNSHIPS, FRAUD_TYPES, LANG = (
    "filter_start",
    "filter_end",
    "filter_townships",
    "filter_fraud_types",
    "lang",
)
_SEEN = "_filter_url_seen"  # the query string this session last wrote or read
OUR_PARAMS = ("period", "t", "ft", "lang")


def _our_query() -> dict[str, str]:
    return {k: st.query_params[k] for k in OUR_PARAMS if k in st.query_params}


def language_switch() -> str:
    """The 中文 / English switch; the language rides in the URL as lang=en (zh is the default and left out)."""
    linked = st.query_params.get("lang", i18n.DEFAULT_LANGUAGE)
    st.sidebar.segmented_control(
        "Language",
        i18n.LANGUAGES,
        key=LANG,
        required=True,
        label_visibility="collapsed",
        default=linked if linked in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE,
        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
    )
    return context.lang()


def data_months() -> tuple[dt.date, dt.date] | None:
    bounds = queries.run("data_months", context.db_path()).iloc[0]
    if pd.isna(bounds["first_month"]):
        return None
    return pd.Timestamp(bounds["first_month"]).date(), pd.Timestamp(bounds["last_month"]).date()


def townships() -> pd.DataFrame:
    return queries.run("townships", context.db_path())


def render() -> filters.Filters | None:
    """Draw the filter bar in the sidebar and return the current filters (None when the database has no data yet)."""
    lang = context.lang()
    bounds = data_months()
    if bounds is None:
        _write_url(None)
        return None
    first, last = bounds
    names = townships().set_index("code")["name_zh" if lang == "zh" else "name_en"].to_dict()
    # Widget keys carry the language: Streamlit keeps a keyed widget's option labels, so a switch needs new widgets.
    keys = {name: context.key(name) for name in (START, END, TOWNSHIPS, FRAUD_TYPES)}
    query, previous = _our_query(), context.filters()
    linked_from_outside = query != st.session_state.get(_SEEN) and bool(query.keys() - {"lang"})
    if linked_from_outside or previous is None:
        previous = filters.from_query(query, first, last, names, VOCABULARIES["fraud_type"])
    if linked_from_outside or any(k not in st.session_state for k in keys.values()):
        st.session_state[keys[START]] = f"{previous.start:%Y-%m}"
        st.session_state[keys[END]] = f"{previous.end:%Y-%m}"
        st.session_state[keys[TOWNSHIPS]] = list(previous.townships)
        st.session_state[keys[FRAUD_TYPES]] = list(previous.fraud_types)
    months = [f"{m:%Y-%m}" for m in filters.months_between(first, last)]
    month_label = lambda m: fmt.month(f"{m}-01", lang)  # noqa: E731
    sidebar = st.sidebar
    left, right = sidebar.columns(2)
    start = left.selectbox(context.tr("filters.start"), months, key=keys[START], format_func=month_label)
    end = right.selectbox(context.tr("filters.end"), months, key=keys[END], format_func=month_label)
    start, end = sorted((start, end))
    chosen = sidebar.multiselect(
        context.tr("filters.townships"),
        options=list(names),
        format_func=lambda code: names.get(code, code),
        placeholder=context.tr("filters.all_townships"),
        key=keys[TOWNSHIPS],
    )
    fraud_types = sidebar.multiselect(
        context.tr("filters.fraud_types"),
        options=list(VOCABULARIES["fraud_type"]),
        # Labels bound to this run's language: Streamlit (and AppTest) may call format_func outside the run.
        format_func=lambda kind: i18n.t(f"fraud_type.{kind}", lang) if lang == "en" else kind,
        placeholder=context.tr("filters.all_fraud_types"),
        key=keys[FRAUD_TYPES],
    )
    current = filters.Filters(
        dt.date.fromisoformat(f"{start}-01"), dt.date.fromisoformat(f"{end}-01"), tuple(chosen), tuple(fraud_types)
    )
    _write_url(current)
    return current


def _write_url(current: filters.Filters | None) -> None:
    wanted = current.to_query() if current else {}
    if st.session_state.get(LANG, i18n.DEFAULT_LANGUAGE) != i18n.DEFAULT_LANGUAGE:
        wanted["lang"] = st.session_state[LANG]
    if _our_query() != wanted:
        for key in OUR_PARAMS:
            if key in st.query_params and key not in wanted:
                del st.query_params[key]
        st.query_params.update(wanted)
    st.session_state[_SEEN] = wanted


def on_chart_click(key: str):
    """An on_select callback: townships clicked on a chart (codes in customdata) become the township filter."""

    def follow() -> None:
        points = st.session_state[key]["selection"]["points"]
        codes = [p["customdata"][0] if isinstance(p.get("customdata"), list) else p.get("customdata") for p in points]
        if codes := [c for c in codes if c]:
            st.session_state[context.key(TOWNSHIPS)] = list(dict.fromkeys(codes))

    return follow


def on_table_select(key: str, codes: list[str]):
    """An on_select callback: the townships of the selected table rows become the township filter."""

    def follow() -> None:
        st.session_state[context.key(TOWNSHIPS)] = [codes[i] for i in st.session_state[key]["selection"]["rows"]]

    return follow


def describe(current: filters.Filters) -> str:
    """One line saying what the filters select: 青州市 · 2021年1月–2021年12月 · 全部乡镇街道 (or the chosen ones)."""
    lang = context.lang()
    names = townships().set_index("code")["name_zh" if lang == "zh" else "name_en"]
    scope = (
        context.tr(
            "overview.scope_some",
            count=len(current.townships),
            names=("、" if lang == "zh" else ", ").join(names[c] for c in current.townships),
        )
        if current.townships
        else context.tr("overview.scope_all")
    )
    period = fmt.month_range(current.start, current.end, lang)
    return context.tr("overview.subtitle", area=context.settings().get("area_name", ""), period=period) + " · " + scope
