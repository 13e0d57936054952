"""The whole 无诈评分 for a period: inputs from the database, criteria, composite scores, Monte Carlo ranks,
tiers and follow-up advice, for townships and (where activities name them) villages and communities."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from fraudfree import db, periods, queries
from fraudfree.filters import default_start
from fraudfree.kinds import NATIONAL_APP
from fraudfree.scorecard import advice, criteria, indicators, montecarlo
from fraudfree.scorecard.settings import Settings

TOWNSHIP_INPUTS = (
    "cases",
    "loss",
    "cases_prior",
    "loss_prior",
    "population",
    "households",
    "registered",
    "households_visited",
    "reach",
    "volunteer_hours",
    "warnings",
    "dissuaded",
    "sampled",
    "aware",
)
COMMUNITY_INPUTS = (
    "activities",
    "reach",
    "households_visited",
    "app_signups",
    "active_months",
    "methods_used",
    "months",
)


@dataclass(frozen=True)
class Level:
    """The scorecard of one level: townships, or villages and communities."""

    level: str  # township | community
    indicators: tuple[indicators.Indicator, ...]
    weights: dict[str, float]  # as used: indicators without any data in the period are set to 0
    # Indexed by code: name, county_name (township_name for communities), score, tier, rank_low, rank_median,
    # rank_high, p_bottom, p_top_half, weight_share, missing (indicator keys absent for the area), certified.
    areas: pd.DataFrame
    values: pd.DataFrame  # indexed by code, one column per indicator: the indicator as measured
    normalised: pd.DataFrame  # the same, normalised (higher is better)
    no_data: tuple[str, ...]  # indicators without any data in the period, left out for everyone
    draws: int  # Monte Carlo draws made (fewer than asked only for very many areas: montecarlo.draws_for)


@dataclass(frozen=True)
class Scorecard:
    start: dt.date
    end: dt.date
    settings: Settings
    township: Level
    community: Level | None
    criteria: pd.DataFrame  # criteria.evaluate's rows, for townships
    cases_as_of: pd.Timestamp | None  # the latest month with case data, where zero-case streaks end
    county: dict[str, float]  # each township indicator over the whole area (pooled, not averaged)
    inputs: pd.DataFrame  # the township inputs, indexed by code
    advice: pd.DataFrame  # advice.follow_up's rows


def resolve_period(path, start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    """The period to score: both ends open means the app's default (the last twelve months of data); one open
    end is the data's first or last month, as every command reads `--period`."""
    span = queries.run("data_months", path).iloc[0]
    first = None if pd.isna(span["first_month"]) else pd.Timestamp(span["first_month"]).date()
    last = None if pd.isna(span["last_month"]) else pd.Timestamp(span["last_month"]).date()
    if start is None and end is None and first is not None:
        return default_start(first, last), last
    return periods.fill_open_ends(start, end, first, last)


def build(
    path: Path | str, start: dt.date, end: dt.date, settings: Settings, lang: str = "zh", communities: bool = True
) -> Scorecard:
    """The scorecard of the period; villages and communities only when `communities` (they cost most)."""
    params = {"start": start, "end": end}
    inputs = _as_float(queries.run("scorecard_townships", path, app=NATIONAL_APP, **params), TOWNSHIP_INPUTS)
    monthly = queries.run("scorecard_monthly_cases", path, end=end)
    streak, as_of = criteria.zero_case_streak(monthly, inputs.index.to_series())
    results = criteria.evaluate(inputs, streak, settings.criteria)
    certified = criteria.certified(results, inputs.index)
    township = score_level(
        "township", inputs, indicators.TOWNSHIP, settings.weights, settings.pillar_weights, settings, certified
    )
    community = None
    if communities and has_communities(path, start, end):
        frame = _as_float(queries.run("scorecard_communities", path, **params), COMMUNITY_INPUTS)
        community = score_level(
            "community", frame, indicators.COMMUNITY, settings.community_weights, {"activity": 1.0}, settings, None
        )
    county_inputs = {name: np.array([inputs[name].sum(min_count=1)], dtype=float) for name in TOWNSHIP_INPUTS}
    county = {key: float(value[0]) for key, value in indicators.compute(indicators.TOWNSHIP, county_inputs).items()}
    follow_up = advice.follow_up(
        township,
        inputs,
        county,
        results,
        as_of,
        fraud_types=queries.run("scorecard_fraud_types", path, **params),
        victim_ages=queries.run("scorecard_victim_ages", path, **params),
        methods=queries.run("scorecard_methods", path, **params),
        lang=lang,
    )
    return Scorecard(start, end, settings, township, community, results, as_of, county, inputs, follow_up)


def has_communities(path: Path | str, start: dt.date, end: dt.date) -> bool:
    """Whether the period's activity records name villages or communities."""
    return bool(queries.run("scorecard_has_communities", path, start=start, end=end).iloc[0, 0])


def _as_float(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Indexed by code, with the input columns as floats (NULL becomes NaN), leaving the query's result as it is."""
    return frame.astype({name: "float64" for name in columns}).set_index("code")


_remembered: dict[tuple, Scorecard] = {}
_remembered_lock = threading.Lock()
REMEMBERED = 4  # scorecards kept: a province's is large


def remembered(
    path: Path | str, start: dt.date, end: dt.date, settings: Settings, lang: str = "zh", communities: bool = True
) -> Scorecard:
    """`build`, kept until the next write to the database (as queries.run keeps results), so that a page rerun
    for a click does not repeat the Monte Carlo. Do not mutate the result."""
    fingerprint = json.dumps(dataclasses.asdict(settings), sort_keys=True)
    key = (str(Path(path).resolve()), start, end, fingerprint, lang, communities)
    with _remembered_lock:
        if key in _remembered:
            return _remembered[key]
    result = build(path, start, end, settings, lang, communities)
    with _remembered_lock:
        while len(_remembered) >= REMEMBERED:
            _remembered.pop(next(iter(_remembered)))
        _remembered[key] = result
    return result


def _forget() -> None:
    with _remembered_lock:
        _remembered.clear()


db.on_write(_forget)


def score_level(
    level: str,
    frame: pd.DataFrame,
    indicator_set: tuple[indicators.Indicator, ...],
    weights: dict[str, float],
    pillar_weights: dict[str, float],
    settings: Settings,
    certified: pd.Series | None,
) -> Level:
    """Observed scores, Monte Carlo rank intervals and tiers for the areas of `frame` (indexed by code)."""
    inputs = {name: frame[name].to_numpy() for name in frame.columns if name in TOWNSHIP_INPUTS + COMMUNITY_INPUTS}
    observed = indicators.compute(indicator_set, inputs)
    no_data = tuple(ind.key for ind in indicator_set if np.isnan(observed[ind.key]).all())
    used = {ind.key: 0.0 if ind.key in no_data else float(weights.get(ind.key, 0.0)) for ind in indicator_set}
    pillar_names = list(dict.fromkeys(ind.pillar for ind in indicator_set))
    design = montecarlo.Design(
        indicators=indicator_set,
        weights=np.array([used[ind.key] for ind in indicator_set]),
        pillars=np.array([pillar_names.index(ind.pillar) for ind in indicator_set]),
        pillar_weights=np.array([float(pillar_weights.get(p, 0.0)) for p in pillar_names]),
        normalisation=settings.normalisation,
        aggregation=settings.aggregation,
    )
    normalised = design.normalised(inputs)
    score, share = design.score(normalised), design.weight_share(normalised)
    scored = ~np.isnan(score) & (share >= settings.min_weight_share - 1e-9)
    areas = pd.DataFrame(index=frame.index)
    areas["name"] = frame["name"]
    for column in ("county_name", "township_code", "township_name"):
        if column in frame:
            areas[column] = frame[column]
    areas["score"] = np.where(scored, score, np.nan)
    areas["weight_share"] = share
    weighted = [ind.key for ind in indicator_set if used[ind.key] > 0]
    areas["missing"] = [[k for k in weighted if np.isnan(observed[k][i])] for i in range(len(frame))]
    for column in ("rank_low", "rank_median", "rank_high"):
        areas[column] = pd.array([pd.NA] * len(frame), dtype="Int64")
    areas["p_bottom"] = np.nan
    areas["p_top_half"] = np.nan
    draws = montecarlo.draws_for(int(scored.sum()), settings.draws)
    if scored.any():
        rank_draws = montecarlo.simulate(design, inputs, scored, draws, settings.seed, settings.weight_spread)
        summary = montecarlo.summarise(rank_draws, settings.interval, settings.bottom_share)
        for column, values in summary.items():
            areas.loc[scored, column] = values
    areas["certified"] = False if certified is None else certified.reindex(frame.index).fillna(False).astype(bool)
    areas["tier"] = montecarlo.tiers(
        areas["certified"].to_numpy(bool),
        scored,
        areas["p_bottom"].fillna(0).to_numpy(),
        areas["p_top_half"].fillna(0).to_numpy(),
        settings.focus_probability,
        settings.good_probability,
    )
    keys = [ind.key for ind in indicator_set]
    return Level(
        level=level,
        indicators=indicator_set,
        weights=used,
        areas=areas,
        values=pd.DataFrame({k: observed[k] for k in keys}, index=frame.index),
        normalised=pd.DataFrame(normalised, index=frame.index, columns=keys),
        no_data=no_data,
        draws=draws,
    )
