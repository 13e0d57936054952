"""Follow-up advice for the lowest tiers: what lags against the county and similar townships, which frauds and
victims dominate locally, and which methods and channels reached most people per activity in similar townships,
written as sentences a planner can paste into a plan."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from fraudfree import fmt
from fraudfree.i18n import t
from fraudfree.scorecard import criteria
from fraudfree.scorecard.indicators import display

ADVISED_TIERS = ("focus", "fair")
PEERS = 5  # similar townships compared with
LAGGING_SHOWN = 2
MIN_LAG = 0.25  # standard deviations behind before an indicator is called lagging
MIN_ACTIVITIES = 5  # a method needs this many activities among the peers before its reach per activity counts
KNOWN_AGE_BANDS = ("<18", "18-40", "41-65", ">65")
COLUMNS = (
    "code",
    "name",
    "county_name",
    "tier",
    "p_bottom",
    "lagging",
    "fraud_types",
    "victim_ages",
    "methods",
    "advice",
)


def similar_areas(inputs: pd.DataFrame, peers: int = PEERS) -> np.ndarray:
    """For each township, the positions of the `peers` most similar others: nearest in urban share, share of
    residents aged 60+ and (log) population, each standardised; unknown features count as average."""
    features = np.column_stack(
        [
            inputs["urban_share"].to_numpy(float),
            (inputs["aged_60_plus"] / inputs["population"]).to_numpy(float),
            np.log(inputs["population"].to_numpy(float).clip(min=1)),
        ]
    )
    with np.errstate(invalid="ignore"):
        features = (features - np.nanmean(features, axis=0)) / np.nanstd(features, axis=0)
    features = np.nan_to_num(features, nan=0.0, posinf=0.0, neginf=0.0)
    squared = (features**2).sum(axis=1)
    distance = squared[:, None] + squared[None, :] - 2 * features @ features.T
    np.fill_diagonal(distance, np.inf)
    count = min(peers, len(inputs) - 1)
    if count < 1:
        return np.empty((len(inputs), 0), dtype=int)
    nearest = np.argpartition(distance, count - 1, axis=1)[:, :count]
    order = np.argsort(np.take_along_axis(distance, nearest, axis=1), axis=1, kind="stable")
    return np.take_along_axis(nearest, order, axis=1)


def follow_up(
    level,
    inputs: pd.DataFrame,
    county: dict[str, float],
    criteria_results: pd.DataFrame,
    cases_as_of,
    fraud_types: pd.DataFrame,
    victim_ages: pd.DataFrame,
    methods: pd.DataFrame,
    lang: str = "zh",
) -> pd.DataFrame:
    """One row per township in the lowest tiers, the likeliest to be in the bottom quarter first."""
    areas = level.areas
    chosen = np.flatnonzero(areas["tier"].isin(ADVISED_TIERS).to_numpy())
    if chosen.size == 0:
        return pd.DataFrame(columns=list(COLUMNS))
    codes = areas.index
    neighbours = similar_areas(inputs.reindex(codes))
    type_cases = _matrix(fraud_types, codes, "fraud_type", "cases")
    age_victims = _matrix(victim_ages, codes, "age_band", "victims").reindex(
        columns=list(KNOWN_AGE_BANDS), fill_value=0.0
    )
    method_count = _matrix(methods, codes, "method", "activities")
    method_reach = _matrix(methods, codes, "method", "reach")
    channels = methods[methods["channel"] != ""]
    channel_count = _matrix(channels, codes, "channel", "activities")
    channel_reach = _matrix(channels, codes, "channel", "reach")
    lag = _lag_scores(level, county, neighbours)
    unmet = criteria_results[~criteria_results["met"]] if not criteria_results.empty else criteria_results
    gaps = {code: group for code, group in unmet.groupby("code")} if not unmet.empty else {}
    separator = "" if lang == "zh" else " "

    rows = []
    for i in chosen:
        code = codes[i]
        name = areas["name"].iloc[i]
        peers = neighbours[i]
        lagging = _lagging_text(level, county, neighbours, lag, i, lang)
        types = _fraud_text(type_cases, i, lang)
        ages = _age_text(age_victims, i, lang)
        best = _methods_text(method_count, method_reach, channel_count, channel_reach, peers, lang)
        sentences = [
            t(
                "scorecard.advice.opening",
                lang,
                name=name,
                tier=t(f"scorecard.tier.{areas['tier'].iloc[i]}", lang),
                chance=fmt.percent(areas["p_bottom"].iloc[i], lang, 0),
            ),
            lagging and t("scorecard.advice.lagging", lang, items=lagging),
            types and t("scorecard.advice.fraud_types", lang, items=types),
            ages and t("scorecard.advice.victim_ages", lang, items=ages),
            best and t("scorecard.advice.methods", lang, items=best),
        ]
        if code in gaps:
            missing = ("；" if lang == "zh" else "; ").join(
                criteria.describe(row, lang, cases_as_of) for _, row in gaps[code].iterrows()
            )
            sentences.append(t("scorecard.advice.criteria", lang, items=missing))
        rows.append(
            {
                "code": code,
                "name": name,
                "county_name": areas["county_name"].iloc[i],
                "tier": areas["tier"].iloc[i],
                "p_bottom": areas["p_bottom"].iloc[i],
                "lagging": lagging,
                "fraud_types": types,
                "victim_ages": ages,
                "methods": best,
                "advice": separator.join(s for s in sentences if s),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS)).sort_values("p_bottom", ascending=False, ignore_index=True)


def _matrix(frame: pd.DataFrame, codes: pd.Index, column: str, value: str) -> pd.DataFrame:
    """Areas × categories of `value`, zeros where nothing was recorded."""
    if frame.empty:
        return pd.DataFrame(index=codes, dtype=float)
    return (
        frame.pivot_table(index="township_code", columns=column, values=value, aggfunc="sum", fill_value=0)
        .reindex(codes, fill_value=0)
        .astype(float)
    )


def _lag_scores(level, county: dict[str, float], neighbours: np.ndarray) -> pd.DataFrame:
    """How far each area trails (positive = worse), in standard deviations across areas, averaged over the
    comparison with the county and with its similar townships."""
    scores = {}
    for ind in level.indicators:
        if level.weights[ind.key] <= 0:
            continue
        values = level.values[ind.key].to_numpy(float)
        sd = np.nanstd(values)
        if not sd > 0:
            continue
        direction = 1.0 if ind.higher_is_better else -1.0
        peer_median = _peer_median(values, neighbours)
        against_county = direction * (county.get(ind.key, np.nan) - values) / sd
        against_peers = direction * (peer_median - values) / sd
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # neither comparison possible: NaN, not shown
            scores[ind.key] = np.nanmean(np.vstack([against_county, against_peers]), axis=0)
    return pd.DataFrame(scores, index=level.values.index)


def _peer_median(values: np.ndarray, neighbours: np.ndarray) -> np.ndarray:
    if neighbours.shape[1] == 0:
        return np.full(values.shape, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # peers without a value give NaN, as they should
        return np.nanmedian(values[neighbours], axis=1)


def _lagging_text(level, county, neighbours, lag: pd.DataFrame, i: int, lang: str) -> str:
    row = lag.iloc[i].dropna()
    worst = row[row > MIN_LAG].sort_values(ascending=False).index[:LAGGING_SHOWN]
    by_key = {ind.key: ind for ind in level.indicators}
    items = []
    for key in worst:
        ind = by_key[key]
        values = level.values[key].to_numpy(float)
        items.append(
            t(
                "scorecard.advice.lag_item",
                lang,
                indicator=t(f"scorecard.indicator.{key}", lang),
                value=display(ind, values[i], lang),
                county=display(ind, county.get(key), lang),
                peers=display(ind, _peer_median(values, neighbours[i : i + 1])[0], lang),
            )
        )
    return ("；" if lang == "zh" else "; ").join(items)


def _fraud_text(type_cases: pd.DataFrame, i: int, lang: str) -> str:
    if type_cases.empty:
        return ""
    local = type_cases.iloc[i]
    if local.sum() <= 0:
        return ""
    county_share = type_cases.sum() / type_cases.to_numpy().sum()
    top = local[local > 0].sort_values(ascending=False, kind="stable").index[:2]
    return ("、" if lang == "zh" else ", ").join(
        t(
            "scorecard.advice.fraud_item",
            lang,
            type=_vocabulary("fraud_type", kind, lang),
            cases=int(local[kind]),
            share=fmt.percent(local[kind] / local.sum(), lang, 0),
            county=fmt.percent(county_share[kind], lang, 0),
        )
        for kind in top
    )


def _age_text(age_victims: pd.DataFrame, i: int, lang: str) -> str:
    local = age_victims.iloc[i]
    if local.sum() <= 0:
        return ""
    share = local / local.sum()
    county = age_victims.sum() / max(age_victims.to_numpy().sum(), 1)
    top = share.sort_values(ascending=False, kind="stable").index[0]
    items = [
        t(
            "scorecard.advice.age_item",
            lang,
            band=t(f"scorecard.age.{top}", lang),
            share=fmt.percent(share[top], lang, 0),
            county=fmt.percent(county[top], lang, 0),
        )
    ]
    if top != ">65" and share[">65"] > county[">65"]:
        items.append(
            t(
                "scorecard.advice.age_item",
                lang,
                band=t("scorecard.age.>65", lang),
                share=fmt.percent(share[">65"], lang, 0),
                county=fmt.percent(county[">65"], lang, 0),
            )
        )
    return ("，" if lang == "zh" else ", ").join(items)


def _methods_text(method_count, method_reach, channel_count, channel_reach, peers: np.ndarray, lang: str) -> str:
    """The two methods and the channel that reached most people per activity among the similar townships (the
    whole area's when the peers have too few activities), as one clause. A channel named like a chosen method
    (直播) would say the same thing twice and is skipped."""
    separator = "、" if lang == "zh" else ", "
    found, named = {}, set()
    for counts, reach, kind, shown in (
        (method_count, method_reach, "method", 2),
        (channel_count, channel_reach, "channel", 1),
    ):
        best = _best_per_activity(counts, reach, peers, shown, named) or _best_per_activity(
            counts, reach, np.arange(len(counts)), shown, named
        )
        named |= {name for name, _ in best}
        found[kind] = separator.join(
            t(
                "scorecard.advice.method_item",
                lang,
                method=_vocabulary(kind, name, lang),
                reach=fmt.number(round(per_activity), lang),
            )
            for name, per_activity in best
        )
    if not found["method"]:
        return ""
    if not found["channel"]:
        return found["method"]
    return t("scorecard.advice.methods_and_channel", lang, methods=found["method"], channel=found["channel"])


def _best_per_activity(counts: pd.DataFrame, reach: pd.DataFrame, rows: np.ndarray, shown: int, skip: set[str]):
    """The `shown` categories with most reach per activity over `rows`, among those with enough activities."""
    if counts.empty or len(rows) == 0:
        return []
    total = counts.iloc[rows].sum()
    per_activity = (reach.iloc[rows].sum() / total.where(total > 0))[
        (total >= MIN_ACTIVITIES) & ~total.index.isin(skip)
    ]
    return list(per_activity.sort_values(ascending=False, kind="stable").head(shown).items())


def _vocabulary(kind: str, value: str, lang: str) -> str:
    """A vocabulary word (fraud type, method, channel) in the interface language; Chinese is the word itself."""
    if lang == "zh":
        return value
    return t(f"fraud_type.{value}" if kind == "fraud_type" else f"scorecard.{kind}.{value}", lang)
