"""The Overview (总览): headline figures with year-on-year change, the "三升一降" sentence, trend and township table."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from fraudfree import fmt, measures, metrics, queries
from fraudfree.filters import Filters
from fraudfree.i18n import t


@dataclass(frozen=True)
class Kpi:
    key: str  # message key under [kpi] and a column of queries/overview_kpis.sql (or a derived one)
    value: float
    previous: float
    up_is_good: bool
    money: bool = False
    share: bool = False

    @property
    def change(self) -> float:
        """Relative change on the same period a year earlier; NaN when there is nothing to compare with."""
        if not self.previous or math.isnan(self.previous) or math.isnan(self.value):
            return math.nan
        return self.value / self.previous - 1

    @property
    def improved(self) -> bool | None:
        if math.isnan(self.change) or self.change == 0:
            return None
        return (self.change > 0) == self.up_is_good

    def display(self, lang: str) -> str:
        if self.share:
            return fmt.percent(self.value, lang)
        return fmt.money(self.value, lang) if self.money else fmt.number(self.value, lang)


# (key, up_is_good, money, share) in the order the tiles show.
KPI_SPECS = (
    ("cases", False, False, False),
    ("loss_yuan", False, True, False),
    ("solved", True, False, False),
    ("app_rate", True, False, True),
    ("reach", True, False, False),
    ("volunteer_hours", True, False, False),
    ("video_plays", True, False, False),
)
# Also read for the headline sentence, not shown as tiles.
HEADLINE_EXTRA = (("stopped_yuan", True, True, False), ("dissuaded", True, False, False))


def _figures(path, filters: Filters) -> dict:
    row = queries.run("overview_kpis", path, **filters.params()).iloc[0].to_dict()
    row["app_rate"] = float(metrics.ratio(row["app_registered"], row["population"]))
    return {k: (math.nan if v is None or pd.isna(v) else float(v)) for k, v in row.items()}


def kpis(path, filters: Filters, specs=KPI_SPECS) -> list[Kpi]:
    now, before = _figures(path, filters), _figures(path, filters.previous_year())
    return [Kpi(key, now[key], before[key], good, money, share) for key, good, money, share in specs]


CHINESE_COUNTS = "零一二三四五六七八九十"


def headline(path, filters: Filters, lang: str) -> str:
    """E.g. 与去年同期相比 破案数、止付金额、劝阻人数 三升，发案数 一降 — what leadership reads first."""
    figures = kpis(path, filters, (KPI_SPECS[0], KPI_SPECS[1], KPI_SPECS[2], *HEADLINE_EXTRA))
    better = [k for k in figures if k.improved]
    if not better:
        return t("overview.headline_none", lang)
    ups = [k for k in better if k.change > 0]
    downs = [k for k in better if k.change < 0]
    separator = "、" if lang == "zh" else ", "

    def part(items, key):
        names = separator.join(t(f"kpi.{k.key}", lang) for k in items)
        count = CHINESE_COUNTS[len(items)] if lang == "zh" else str(len(items))
        return t(key, lang, names=names, count=count)

    parts = [
        part(items, key) for items, key in ((ups, "overview.headline_up"), (downs, "overview.headline_down")) if items
    ]
    return t("overview.headline", lang, parts=("，" if lang == "zh" else "; ").join(parts))


def page_data(path, filters: Filters, lang: str) -> dict:
    """Everything the Overview draws, in one call (the page and bench/bench_pages.py use it)."""
    return {
        "headline": headline(path, filters, lang),
        "kpis": kpis(path, filters),
        "monthly": monthly(path, filters),
        "townships": township_table(path, filters),
        "boundaries": queries.run("boundaries", path),
    }


def monthly(path, filters: Filters) -> pd.DataFrame:
    return queries.run("overview_monthly", path, **filters.params())


def township_table(path, filters: Filters) -> pd.DataFrame:
    """Every township with its figures and rates for the period (the map and the table read this)."""
    frame = queries.run("township_overview", path, **filters.params())
    return measures.add_township_measures(frame)


# Map measures: (column, high values are bad).
MAP_MEASURES = ("case_rate_per_10k", "app_rate", "reach_per_1k", "household_coverage", "volunteer_hours_per_1k")
SHARES = measures.SHARES
TABLE_COLUMNS = (
    "code",
    "name",
    "population",
    "cases",
    "case_rate_per_10k",
    "loss_yuan",
    "solved",
    "app_rate",
    "reach_per_1k",
    "household_coverage",
    "volunteer_hours",
)


def measure_format(measure: str, lang: str):
    if measure in SHARES:
        return lambda v: fmt.percent(v, lang)
    # Two decimals below 10 so that small per-resident figures (0.37 materials, 1.24 venues) keep their meaning.
    return lambda v: fmt.number(round(v, digits := 2 if abs(v) < 10 else 1), lang, digits)
