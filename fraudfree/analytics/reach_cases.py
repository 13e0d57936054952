"""覆盖与发案 (reach vs cases): per-township reach, lagged, against case rates with intervals, smoothing, quadrants,
funnel positions and monthly rates — everything the page draws, computed without Streamlit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from fraudfree import measures, metrics, queries
from fraudfree.filters import Filters

LAGS = (1, 3, 6)  # months of reach before each month of cases
DEFAULT_LAG = 3
# Inputs that add up month by month (summed over a window) and levels at a point in time (averaged over it).
FLOWS = ("reach", "households_visited", "materials", "volunteer_hours")
LEVELS = ("app_registered", "venues")
# (reach high, cases high) → quadrant; the names are under [reach_cases] quadrant_*.
QUADRANTS = {
    (True, False): "consolidate",
    (True, True): "investigate",
    (False, False): "watch",
    (False, True): "priority",
}
FUNNEL_LEVELS = (0.95, 0.998)
FUNNEL_POINTS = 120
SIDES = ("low", "high")
MAX_PANELS = 24  # small multiples beyond this many townships show the ones with the most cases


@dataclass(frozen=True)
class ReachCases:
    """What the 覆盖与发案 page shows for one set of filters and options."""

    lag: int
    reach_measure: str
    case_measure: str
    # One row per township: code, name, selected, population, households, the measure inputs (reach inputs lagged),
    # every measure of measures.py, ci_low, ci_high (95 % exact, per 10,000), quadrant, funnel.
    townships: pd.DataFrame
    county: pd.Series  # the measures of all townships together: the reference lines
    selection: pd.Series  # the same for the selected townships (all when none is selected), with ci_low, ci_high
    funnel: pd.DataFrame  # population, and low_95, high_95, low_99.8, high_99.8 as rates per 10,000
    # Small multiples: code, name, month, cases, population, case_rate_per_10k, county_rate_per_10k.
    monthly: pd.DataFrame
    boundaries: pd.DataFrame  # township_code, geojson, schematic (queries/boundaries.sql)
    panels_capped: bool  # more townships than MAX_PANELS: the monthly frame keeps those with the most cases
    lag_incomplete: bool  # the lag reaches back before the first month of data, so early reach reads low

    @property
    def has_data(self) -> bool:
        chosen = self.townships[self.townships["selected"]]
        return bool(chosen["cases"].sum() > 0 or chosen[list(FLOWS)].to_numpy().sum() > 0)


def load(
    path,
    filters: Filters,
    lag: int = DEFAULT_LAG,
    reach_measure: str = "reach_per_1k",
    case_measure: str = "case_rate_per_10k",
    lang: str = "zh",
) -> ReachCases:
    if lag not in LAGS:
        raise ValueError(f"lag must be one of {LAGS}, got {lag}")
    if reach_measure not in measures.REACH_MEASURES or case_measure not in measures.CASE_MEASURES:
        raise ValueError(f"unknown measure {reach_measure!r} or {case_measure!r}")
    history_start = add_months(filters.start, -max(LAGS))
    monthly = queries.run(
        "reach_cases_monthly", path, history_start=history_start, end=filters.end, fraud_types=filters.fraud_types
    )
    names = queries.run("townships", path).set_index("code")["name_zh" if lang == "zh" else "name_en"]

    frame = measures.add_township_measures(lagged_totals(monthly, filters.start, lag))
    frame.insert(1, "name", frame["code"].map(names))
    frame.insert(2, "selected", frame["code"].isin(filters.townships) if filters.townships else True)
    frame["ci_low"], frame["ci_high"] = metrics.rate_interval_per_10k(frame["cases"], frame["population"])
    county = measures.area_measures(frame)
    frame["quadrant"] = quadrants(
        frame[reach_measure], frame[case_measure], county[reach_measure], county[case_measure]
    )
    funnel = funnel_frame(frame["population"], county["case_rate_per_10k"])
    frame["funnel"] = funnel_positions(frame["case_rate_per_10k"], frame["population"], county["case_rate_per_10k"])

    selection = measures.area_measures(frame[frame["selected"]])
    low, high = metrics.rate_interval_per_10k(selection["cases"], selection["population"])
    selection["ci_low"], selection["ci_high"] = float(low), float(high)
    panels, capped = monthly_rates(monthly, frame, filters.start)
    first_month = queries.run("data_months", path).iloc[0]["first_month"]
    lag_incomplete = pd.notna(first_month) and add_months(filters.start, -lag) < pd.Timestamp(first_month).date()
    boundaries = queries.run("boundaries", path)
    return ReachCases(
        lag,
        reach_measure,
        case_measure,
        frame,
        county,
        selection,
        funnel,
        panels,
        boundaries,
        capped,
        bool(lag_incomplete),
    )


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def lagged_totals(monthly: pd.DataFrame, start: dt.date, lag: int) -> pd.DataFrame:
    """Per township over the period (the months from `start` on): cases and losses as they were, and each reach
    input taken from the `lag` months before every month of the period.

    For each month of the period the window is the `lag` months before it, averaged so the figure keeps the
    units of one month; flows (reach, households visited, materials, hours) are then summed over the period and
    levels (registrations, venues in use) averaged, so with no lag effect the totals read like the period's own.
    `monthly` is queries/reach_cases_monthly.sql: every township × month, months before `start` included.
    """
    months = np.sort(monthly["month"].unique())
    codes = monthly["code"].unique()
    period = np.asarray(pd.to_datetime(months).date) >= start
    first = int(np.argmax(period))
    if first < lag:
        raise ValueError(f"the monthly frame holds {first} months before {start}, fewer than the lag of {lag}")

    def grid(column: str) -> np.ndarray:  # townships × months, in the frame's (code, month) order
        return monthly[column].to_numpy(dtype=float).reshape(len(codes), len(months))

    out = pd.DataFrame({"code": codes})
    static = monthly.groupby("code", sort=False)[["population", "households"]].first()
    out["population"] = static["population"].to_numpy(dtype=float)
    out["households"] = static["households"].to_numpy(dtype=float)
    for column in ("cases", "loss_yuan"):
        out[column] = grid(column)[:, period].sum(axis=1)
    for column in FLOWS:
        out[column] = window_means(grid(column), first, lag).sum(axis=1)
    for column in LEVELS:
        windows = window_means(grid(column), first, lag)
        out[column] = metrics.ratio(np.nansum(windows, axis=1), np.isfinite(windows).sum(axis=1))
    return out


def window_means(values: np.ndarray, first: int, lag: int) -> np.ndarray:
    """For each month j ≥ `first` (columns), the mean of columns j − lag … j − 1, ignoring missing values
    (NaN when the whole window is missing)."""
    known = np.isfinite(values)
    filled = np.where(known, values, 0.0)
    sums = np.concatenate([np.zeros((len(values), 1)), np.cumsum(filled, axis=1)], axis=1)
    counts = np.concatenate([np.zeros((len(values), 1)), np.cumsum(known, axis=1)], axis=1)
    columns = np.arange(first, values.shape[1])
    window_sum = sums[:, columns] - sums[:, columns - lag]
    window_count = counts[:, columns] - counts[:, columns - lag]
    return metrics.ratio(window_sum, window_count)


def quadrants(reach, cases, county_reach: float, county_cases: float) -> pd.Series:
    """consolidate / investigate / watch / priority by which side of the county value each measure falls
    (exactly on it counts as low); None where either value is missing."""
    reach, cases = pd.Series(reach, dtype=float), pd.Series(cases, dtype=float)
    known = reach.notna() & cases.notna() & np.isfinite(county_reach) & np.isfinite(county_cases)
    labels = [
        QUADRANTS[(bool(r > county_reach), bool(c > county_cases))] if k else None
        for r, c, k in zip(reach, cases, known, strict=True)
    ]
    return pd.Series(labels, index=reach.index, dtype=object)


def funnel_frame(population, county_rate: float) -> pd.DataFrame:
    """The funnel's limits (rates per 10,000) over a population grid spanning the townships'."""
    known = pd.Series(population, dtype=float).dropna()
    known = known[known > 0]
    if known.empty or not np.isfinite(county_rate):
        return pd.DataFrame(columns=["population", *(f"{side}_{_level(v)}" for v in FUNNEL_LEVELS for side in SIDES)])
    grid = np.geomspace(known.min() * 0.8, known.max() * 1.2, FUNNEL_POINTS)
    frame = pd.DataFrame({"population": grid})
    for level, (low, high) in metrics.funnel_limits(grid, county_rate, FUNNEL_LEVELS).items():
        frame[f"low_{_level(level)}"], frame[f"high_{_level(level)}"] = low, high  # e.g. low_95, high_99.8
    return frame


def funnel_positions(rates, population, county_rate: float) -> pd.Series:
    """Where each township falls on the funnel: above_998, above_95, within, below_95, below_998 (None if unknown)."""
    rates = np.asarray(rates, dtype=float)
    population = np.asarray(population, dtype=float)
    positions = np.full(rates.shape, None, dtype=object)
    known = np.isfinite(rates) & (population > 0) & np.isfinite(county_rate)
    if not known.any():
        return pd.Series(positions)
    limits = metrics.funnel_limits(population[known], county_rate, FUNNEL_LEVELS)
    (low_95, high_95), (low_998, high_998) = limits[0.95], limits[0.998]
    r = rates[known]
    positions[known] = np.select(
        [r > high_998, r > high_95, r < low_998, r < low_95],
        ["above_998", "above_95", "below_998", "below_95"],
        "within",
    )
    return pd.Series(positions)


def _level(level: float) -> str:
    return f"{level * 100:g}"


def monthly_rates(monthly: pd.DataFrame, frame: pd.DataFrame, start: dt.date) -> tuple[pd.DataFrame, bool]:
    """Each shown township's case rate per 10,000 month by month over the period, beside the county's.

    Shown: the selected townships, at most MAX_PANELS of them, those with the most cases first."""
    period = monthly[pd.to_datetime(monthly["month"]).dt.date >= start]
    county = period.groupby("month", as_index=False)[["cases"]].sum()
    known_population = float(np.nansum(frame["population"].to_numpy(dtype=float)))
    county["county_rate_per_10k"] = metrics.rate_per_10k(county["cases"], known_population)
    chosen = frame[frame["selected"]].sort_values(["cases", "code"], ascending=[False, True])
    shown = chosen.head(MAX_PANELS)[["code", "name"]]
    panels = shown.merge(period[["code", "month", "cases", "population"]], on="code", how="left")
    panels["case_rate_per_10k"] = metrics.rate_per_10k(panels["cases"], panels["population"])
    panels = panels.merge(county[["month", "county_rate_per_10k"]], on="month", how="left")
    return panels, len(chosen) > MAX_PANELS
