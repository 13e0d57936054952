"""Derived measures per area — case rate, APP rate, reach per 1,000 — defined once for every page and the scorecard."""

from __future__ import annotations

import numpy as np
import pandas as pd

from fraudfree.metrics import PER_10K, eb_marshall, rate_per_10k, ratio

# The columns the measures are computed from: counts and amounts that add up across townships.
INPUTS = (
    "population",
    "households",
    "cases",
    "loss_yuan",
    "reach",
    "households_visited",
    "materials",
    "volunteer_hours",
    "app_registered",
    "venues",
)
# Measures of publicity reaching people, and of cases; both over the period the inputs cover.
REACH_MEASURES = (
    "reach_per_1k",
    "household_coverage",
    "app_rate",
    "volunteer_hours_per_1k",
    "materials_per_resident",
    "venues_per_10k",
)
CASE_MEASURES = ("case_rate_per_10k", "eb_case_rate_per_10k", "loss_per_resident")
SHARES = frozenset({"app_rate", "household_coverage"})  # shown as percentages


def add_township_measures(frame: pd.DataFrame) -> pd.DataFrame:
    """Adds measure columns to a frame with the INPUTS columns (those of queries/township_overview.sql).

    eb_case_rate_per_10k is smoothed toward the rate of all the frame's rows together, so pass every township
    of the area (a one-row frame of totals gets the plain rate)."""
    out = frame.copy()
    out["case_rate_per_10k"] = rate_per_10k(out["cases"], out["population"])
    out["eb_case_rate_per_10k"] = eb_marshall(out["cases"], out["population"]) * PER_10K
    out["loss_per_resident"] = ratio(out["loss_yuan"], out["population"])
    out["app_rate"] = ratio(out["app_registered"], out["population"])
    out["reach_per_1k"] = ratio(out["reach"], out["population"], 1e3)
    # Repeat visits count again in 入户户数, so the share is capped at every household visited.
    out["household_coverage"] = np.minimum(ratio(out["households_visited"], out["households"]), 1.0)
    out["volunteer_hours_per_1k"] = volunteer_hours_per_1k(out["volunteer_hours"], out["population"])
    out["materials_per_resident"] = ratio(out["materials"], out["population"])
    out["venues_per_10k"] = ratio(out["venues"], out["population"], PER_10K)
    return out


def area_measures(frame: pd.DataFrame) -> pd.Series:
    """The measures of all the frame's townships taken together (the county values): totals first, then ratios.

    A township without a population adds its counts but no residents, as the county row of `rates` does."""
    totals = pd.DataFrame([frame[list(INPUTS)].sum(min_count=1)])
    return add_township_measures(totals).iloc[0]


def volunteer_hours_per_1k(hours, population):
    """Volunteer service hours per 1,000 residents (NaN where the population is unknown)."""
    return ratio(hours, population, 1e3)
