"""The scorecard's indicators: what each one measures, its direction and pillar, and how it is computed.

Formulas take arrays whose last axis is the areas, so the same code computes the observed values (one row)
and every Monte Carlo draw at once (one row per draw).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from fraudfree import fmt, metrics
from fraudfree.measures import ratio

Inputs = Mapping[str, np.ndarray]


@dataclass(frozen=True)
class Indicator:
    key: str
    pillar: str  # outcomes | prevention | activity
    higher_is_better: bool
    sources: tuple[str, ...]  # the tables it is computed from
    unit: str  # per_10k | yuan | change | share | per_1k | count
    formula: Callable[[Inputs], np.ndarray]


def change(current: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """Year-on-year change (current − prior) / prior; missing when the prior period had none."""
    return ratio(np.asarray(current, dtype=float) - prior, prior)


def eb_rate(cases: np.ndarray, population: np.ndarray) -> np.ndarray:
    """Marshall's empirical-Bayes rate per resident, row by row (a row is one draw of all the areas)."""
    cases = np.asarray(cases, dtype=float)
    population = np.broadcast_to(np.asarray(population, dtype=float), cases.shape)
    if np.isnan(cases).all():
        return np.full(cases.shape, np.nan)  # no case data at all: missing, not a rate of 0
    rows = [
        metrics.eb_marshall(c, p)
        for c, p in zip(cases.reshape(-1, cases.shape[-1]), population.reshape(-1, cases.shape[-1]), strict=True)
    ]
    return np.asarray(rows).reshape(cases.shape)


TOWNSHIP: tuple[Indicator, ...] = (
    Indicator(
        "eb_case_rate",
        "outcomes",
        False,
        ("cases", "population"),
        "per_10k",
        lambda x: eb_rate(x["cases"], x["population"]) * metrics.PER_10K,
    ),
    Indicator(
        "loss_per_resident",
        "outcomes",
        False,
        ("cases", "population"),
        "yuan",
        lambda x: ratio(x["loss"], x["population"]),
    ),
    Indicator("case_change", "outcomes", False, ("cases",), "change", lambda x: change(x["cases"], x["cases_prior"])),
    Indicator(
        "app_rate",
        "prevention",
        True,
        ("app_registrations", "population"),
        "share",
        lambda x: ratio(x["registered"], x["population"]),
    ),
    Indicator(
        "household_coverage",
        "prevention",
        True,
        ("activities", "population"),
        "share",
        # Repeat visits are recorded again, so coverage is capped at 100 % (as on the Overview).
        lambda x: np.minimum(ratio(x["households_visited"], x["households"]), 1.0),
    ),
    Indicator(
        "reach_per_1k",
        "prevention",
        True,
        ("activities", "population"),
        "per_1k",
        lambda x: ratio(x["reach"], x["population"], 1000),
    ),
    Indicator(
        "volunteer_hours_per_1k",
        "prevention",
        True,
        ("volunteer_hours", "population"),
        "per_1k",
        lambda x: ratio(x["volunteer_hours"], x["population"], 1000),
    ),
    Indicator(
        "dissuasion_rate", "prevention", True, ("warnings",), "share", lambda x: ratio(x["dissuaded"], x["warnings"])
    ),
    Indicator("awareness", "prevention", True, ("survey",), "share", lambda x: ratio(x["aware"], x["sampled"])),
)

# Villages and communities carry no population or cases: only what the activity records say.
COMMUNITY: tuple[Indicator, ...] = (
    Indicator("activities", "activity", True, ("activities",), "count", lambda x: x["activities"] * 1.0),
    Indicator("reach", "activity", True, ("activities",), "count", lambda x: x["reach"] * 1.0),
    Indicator(
        "households_visited", "activity", True, ("activities",), "count", lambda x: x["households_visited"] * 1.0
    ),
    Indicator("app_signups", "activity", True, ("activities",), "count", lambda x: x["app_signups"] * 1.0),
    Indicator(
        "active_month_share",
        "activity",
        True,
        ("activities",),
        "share",
        lambda x: ratio(x["active_months"], x["months"]),
    ),
    Indicator("methods_used", "activity", True, ("activities",), "count", lambda x: x["methods_used"] * 1.0),
)

# How the Monte Carlo perturbs each input: counts get Poisson noise, counts out of a known total binomial
# noise, losses follow their cases; inputs not listed (populations, hours, survey sizes) are held fixed.
NOISE: dict[str, tuple[str, ...]] = {
    "cases": ("poisson",),
    "cases_prior": ("poisson",),
    "loss": ("scaled", "cases"),
    "loss_prior": ("scaled", "cases_prior"),
    "registered": ("poisson",),
    "households_visited": ("poisson",),
    "reach": ("poisson",),
    "app_signups": ("poisson",),
    "dissuaded": ("binomial", "warnings"),
    "aware": ("binomial", "sampled"),
}


def compute(indicators: tuple[Indicator, ...], inputs: Inputs) -> dict[str, np.ndarray]:
    """Every indicator's values, shaped like the inputs (areas on the last axis)."""
    return {ind.key: np.asarray(ind.formula(inputs), dtype=float) for ind in indicators}


def by_key(indicators: tuple[Indicator, ...]) -> dict[str, Indicator]:
    return {ind.key: ind for ind in indicators}


def display(indicator: Indicator, value: float | None, lang: str = "zh") -> str:
    """A value in the indicator's unit: 81.2%, ↓15.0%, 12.5元, 8.3, 4,055; — when missing."""
    if value is None or pd.isna(value):
        return "—"
    if indicator.unit == "share":
        return fmt.percent(value, lang)
    if indicator.unit == "change":
        return fmt.change(value, lang) if value else "0.0%"
    if indicator.unit == "yuan":
        return fmt.money(round(value, 1), lang)
    return fmt.number(round(value) if abs(value) >= 100 else round(value, 1), lang)
