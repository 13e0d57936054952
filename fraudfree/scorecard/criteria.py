"""无诈达标 criteria: the configured pass/fail rules, which of them each area meets, and what is still missing.

An area is certified when it meets every enabled criterion; a criterion whose data are missing is not met
(and says so), never assumed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from fraudfree import fmt
from fraudfree.i18n import t
from fraudfree.measures import ratio

# Each criterion's value, how it compares with its threshold, and the unit of what is still missing.
KEYS = (
    "zero_case_months",
    "app_rate",
    "household_coverage",
    "awareness",
    "case_change",
    "loss_change",
    "dissuasion_rate",
)
AT_MOST = {"case_change", "loss_change"}  # met when the value is at or below the threshold


@dataclass(frozen=True)
class Criterion:
    key: str
    enabled: bool
    threshold: float


def zero_case_streak(monthly: pd.DataFrame, codes: pd.Series) -> tuple[pd.Series, pd.Timestamp | None]:
    """Consecutive months without a case up to the latest month with case data, and that month.

    `monthly` holds township_code, month, cases for every month in which the case table has data (zeros
    included). A month without any case data breaks the streak: it is unknown, not zero.
    """
    if monthly.empty:
        return pd.Series(np.nan, index=codes.to_numpy()), None
    months = pd.to_datetime(monthly["month"])
    calendar = pd.date_range(months.min(), months.max(), freq="MS")
    grid = (
        monthly.assign(month=months)
        .pivot_table(index="township_code", columns="month", values="cases", aggfunc="sum")
        .reindex(index=codes.to_numpy())
        .fillna(0.0)  # no row in a month with data: no case
        .reindex(columns=calendar)
    )  # a month without any case data stays unknown
    broken = (grid.to_numpy() != 0)[:, ::-1]  # NaN != 0 is True: unknown months break the streak
    streak = np.where(broken.any(axis=1), broken.argmax(axis=1), broken.shape[1])
    return pd.Series(streak, index=grid.index, dtype=float), calendar[-1]


def evaluate(areas: pd.DataFrame, streak: pd.Series, criteria: dict[str, Criterion]) -> pd.DataFrame:
    """One row per area and enabled criterion: code, criterion, value, threshold, known, met, gap.

    `areas` is indexed by code with the scorecard inputs; `gap` is what is missing, in the criterion's own
    unit (months, people, households, share points, cases, yuan), 0 when met.
    """
    frames = []
    for key in KEYS:
        criterion = criteria.get(key)
        if criterion is None or not criterion.enabled:
            continue
        value, gap = _measure(key, criterion.threshold, areas, streak)
        known = ~np.isnan(value)
        if key in AT_MOST:
            met = known & (value <= criterion.threshold + 1e-12)
        else:
            met = known & (value >= criterion.threshold - 1e-12)
        if key in ("case_change", "loss_change"):
            # With nothing the year before, only zero now meets a reduction target.
            current = areas["cases" if key == "case_change" else "loss"].to_numpy(float)
            prior = areas["cases_prior" if key == "case_change" else "loss_prior"].to_numpy(float)
            known = ~np.isnan(current) & ~np.isnan(prior)
            met = known & np.where(prior > 0, met, current == 0)
        frames.append(
            pd.DataFrame(
                {
                    "code": areas.index,
                    "criterion": key,
                    "value": value,
                    "threshold": criterion.threshold,
                    "known": known,
                    "met": met,
                    "gap": np.where(met, 0.0, gap),
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=["code", "criterion", "value", "threshold", "known", "met", "gap"])
    return pd.concat(frames, ignore_index=True)


def _measure(key: str, threshold: float, a: pd.DataFrame, streak: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(value, what is missing) of one criterion for every area."""

    def col(name: str) -> np.ndarray:
        return a[name].to_numpy(float)

    with np.errstate(divide="ignore", invalid="ignore"):
        if key == "zero_case_months":
            value = streak.reindex(a.index).to_numpy(float)
            return value, np.maximum(threshold - value, 0)
        if key == "app_rate":
            return ratio(col("registered"), col("population")), _people(
                threshold * col("population") - col("registered")
            )
        if key == "household_coverage":
            return (
                np.minimum(ratio(col("households_visited"), col("households")), 1.0),  # capped as on the Overview
                _people(threshold * col("households") - col("households_visited")),
            )
        if key == "awareness":
            value = ratio(col("aware"), col("sampled"))
            return value, np.maximum(threshold - value, 0)
        if key == "dissuasion_rate":
            return ratio(col("dissuaded"), col("warnings")), _people(threshold * col("warnings") - col("dissuaded"))
        current, prior = (
            (col("cases"), col("cases_prior")) if key == "case_change" else (col("loss"), col("loss_prior"))
        )
        value = np.where(prior > 0, ratio(current - prior, prior), np.where(current > 0, np.inf, 0))
        value = np.where(np.isnan(current) | np.isnan(prior), np.nan, value)
        allowed = prior * (1 + threshold)
        if key == "case_change":
            allowed = np.floor(allowed + 1e-9)
        return value, np.maximum(current - allowed, 0)


def _people(missing: np.ndarray) -> np.ndarray:
    """Whole people or households still needed."""
    return np.maximum(np.ceil(missing - 1e-9), 0)


def certified(results: pd.DataFrame, codes: pd.Index) -> pd.Series:
    """True where an area meets every enabled criterion (False when none is enabled)."""
    if results.empty:
        return pd.Series(False, index=codes)
    return results.groupby("code")["met"].all().reindex(codes, fill_value=False)


def describe(row, lang: str = "zh", as_of: pd.Timestamp | None = None) -> str:
    """A criterion result as a sentence: what the area has and, unless met, what it still lacks, in numbers."""
    key = row["criterion"]
    if not row["known"]:
        return t(f"scorecard.criterion_no_data.{key}", lang)
    values = {
        "value": format_value(key, row["value"], lang),
        "threshold": format_value(key, row["threshold"], lang),
        "gap": _format_gap(key, row["gap"], lang),
        "as_of": fmt.month(as_of, lang) if as_of is not None else "",
    }
    return t(f"scorecard.criterion_{'met' if row['met'] else 'gap'}.{key}", lang, **values)


def format_value(key: str, value: float, lang: str) -> str:
    """A criterion's value or threshold as people read it: 6, 81.2%, ↓15.0%."""
    if key == "zero_case_months":
        return str(int(value))
    if key in ("case_change", "loss_change"):
        if math.isinf(value):
            return t("scorecard.new_cases", lang)
        return fmt.change(value, lang) or "0%"
    return fmt.percent(value, lang)


def _format_gap(key: str, gap: float, lang: str) -> str:
    if key == "awareness":
        return f"{gap * 100:.1f}"
    if key == "loss_change":
        return fmt.money(round(gap), lang)
    return fmt.number(int(gap), lang)
