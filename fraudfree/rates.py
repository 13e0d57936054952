"""Case rates per township over a period: the numbers behind the analytics pages and `rates`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from fraudfree import metrics, periods, queries


@dataclass(frozen=True)
class TownshipRates:
    """Per-township rates over [start, end] (first days of months, both months included) and the county total."""

    start: dt.date
    end: dt.date
    # code, name, name_en, cases, population, population_year, rate_per_10k, ci_low, ci_high, eb_rate_per_10k
    townships: pd.DataFrame
    county: dict  # cases, population, rate_per_10k


def township_rates(
    db_path: Path | str | None, start: dt.date | None, end: dt.date | None, fraud_types=(), lang: str = "zh"
) -> TownshipRates:
    """Cases per 10,000 residents over the period (not annualised), with the exact 95 % Poisson interval and
    Marshall's empirical-Bayes estimate. An open end (None) is the data's first or last month (the app's
    default period, queries/data_months.sql).

    Townships without a population have no rates (NaN) and stay out of the smoothing; the county row adds up
    every township's cases and every known population.
    """
    if start is None or end is None:
        span = queries.run("data_months", db_path).iloc[0]
        start, end = periods.fill_open_ends(start, end, _date(span["first_month"]), _date(span["last_month"]))
    rows = queries.run("rates_by_township", db_path, start=start, end=end, fraud_types=list(fraud_types))
    cases = rows["cases"].to_numpy(dtype=float)
    population = rows["population"].to_numpy(dtype=float)
    ci_low, ci_high = metrics.rate_interval_per_10k(cases, population)
    names = rows["name_zh"] if lang == "zh" else rows["name_en"].fillna(rows["name_zh"])
    townships = pd.DataFrame(
        {
            "code": rows["code"],
            "name": names,
            "name_en": rows["name_en"],
            "cases": rows["cases"].astype("int64"),
            "population": rows["population"].astype("Int64"),
            "population_year": rows["population_year"].astype("Int64"),
            "rate_per_10k": metrics.rate_per_10k(cases, population),
            "ci_low": ci_low,
            "ci_high": ci_high,
            "eb_rate_per_10k": metrics.eb_marshall(cases, population) * metrics.PER_10K,
        }
    )
    county_cases = int(cases.sum())
    county_population = int(np.nansum(population))
    county = {
        "cases": county_cases,
        "population": county_population,
        "rate_per_10k": float(metrics.rate_per_10k(county_cases, county_population)),
    }
    return TownshipRates(start, end, townships, county)


def _date(value) -> dt.date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()
