"""The filter bar shown on every page (period, townships, fraud types, language), bound to the URL by Streamlit."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from fraudfree import fmt, i18n, queries
from fraudfree.filters import Filters, default_start, months_between
from fraudfree.kinds import VOCABULARIES
from fraudfree.ui import context

# Widget keys double as the URL's query parameter names.
PERIOD, TOWNSHIPS, FRAUD_TYPES, LANG = "period", "t", "ft", "lang"


def language_switch() -> str:
    st.sidebar.segmented_control(
        "🌐",
        i18n.LANGUAGES,
        default=i18n.DEFAULT_LANGUAGE,
        key=LANG,
        bind="query-params",
        required=True,
        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
        label_visibility="collapsed",
    )
    return context.lang()


def data_months() -> tuple[dt.date, dt.date] | None:
    bounds = queries.run("data_months", context.db_path()).iloc[0]
    if pd.isna(bounds["first_month"]):
        return None
    return pd.Timestamp(bounds["first_month"]).date(), pd.Timestamp(bounds["last_month"]).date()


def townships() -> pd.DataFrame:
    return queries.run("townships", context.db_path())


def on_chart_click(key: str):
    """An on_select callback: townships clicked on a chart (codes in customdata) become the township filter."""

    def follow() -> None:
        points = st.session_state[key]["selection"]["points"]
        codes = [p["customdata"][0] if isinstance(p.get("customdata"), list) else p.get("customdata") for p in points]
        if codes := [c for c in codes if c]:
            st.session_state[TOWNSHIPS] = list(dict.fromkeys(codes))

    return follow


def on_table_select(key: str, codes: list[str]):
    """An on_select callback: the townships of the selected table rows become the township filter."""

    def follow() -> None:
        st.session_state[TOWNSHIPS] = [codes[i] for i in st.session_state[key]["selection"]["rows"]]

    return follow


def render() -> Filters | None:
    """Draw the filter bar in the sidebar and return the current filters (None when the database has no data yet)."""
    lang = context.lang()
    bounds = data_months()
    if bounds is None:
        return None
    first, last = bounds
    months = [f"{m:%Y-%m}" for m in months_between(first, last)]
    sidebar = st.sidebar
    start, end = sidebar.select_slider(
        context.tr("filters.period"),
        options=months,
        value=(f"{default_start(first, last):%Y-%m}", months[-1]),
        format_func=lambda m: fmt.month(f"{m}-01", lang),
        key=PERIOD,
        bind="query-params",
    )
    names = townships().set_index("code")["name_zh" if lang == "zh" else "name_en"].to_dict()
    chosen = sidebar.multiselect(
        context.tr("filters.townships"),
        options=list(names),
        format_func=lambda code: names.get(code, code),
        placeholder=context.tr("filters.all_townships"),
        key=TOWNSHIPS,
        bind="query-params",
    )
    fraud_types = sidebar.multiselect(
        context.tr("filters.fraud_types"),
        options=list(VOCABULARIES["fraud_type"]),
        format_func=lambda kind: context.tr(f"fraud_type.{kind}") if lang == "en" else kind,
        placeholder=context.tr("filters.all_fraud_types"),
        key=FRAUD_TYPES,
        bind="query-params",
    )
    return Filters(
        start=dt.date.fromisoformat(f"{start}-01"),
        end=dt.date.fromisoformat(f"{end}-01"),
        townships=tuple(chosen),
        fraud_types=tuple(fraud_types),
    )
