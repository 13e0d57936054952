"""Derived measures per area — case rate, APP rate, reach per 1,000 — defined once for every page and the scorecard."""

from __future__ import annotations

import numpy as np
import pandas as pd

from fraudfree.metrics import rate_per_10k, ratio


def add_township_measures(frame: pd.DataFrame) -> pd.DataFrame:
    """Adds rate columns to a frame with population, households, cases, loss_yuan, reach, households_visited,
    volunteer_hours and app_registered (the columns of queries/township_overview.sql)."""
    out = frame.copy()
    out["case_rate_per_10k"] = rate_per_10k(out["cases"], out["population"])
    out["loss_per_resident"] = ratio(out["loss_yuan"], out["population"])
    out["app_rate"] = ratio(out["app_registered"], out["population"])
    out["reach_per_1k"] = ratio(out["reach"], out["population"], 1e3)
    # Repeat visits count again in 入户户数, so the share is capped at every household visited.
    out["household_coverage"] = np.minimum(ratio(out["households_visited"], out["households"]), 1.0)
    out["volunteer_hours_per_1k"] = volunteer_hours_per_1k(out["volunteer_hours"], out["population"])
    return out


def volunteer_hours_per_1k(hours, population):
    """Volunteer service hours per 1,000 residents (NaN where the population is unknown)."""
    return ratio(hours, population, 1e3)
