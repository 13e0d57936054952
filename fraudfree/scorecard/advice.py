"""Follow-up advice for the lowest tiers: what lags against the county and similar townships, which frauds and
victims dominate locally, and which methods and channels reached most people per activity in similar townships,
written as sentences a planner can paste into a plan."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Tally:
    """Areas × categories (fraud types, age bands, methods …) of one count."""

    names: np.ndarray  # (M,) category names
    values: np.ndarray  # (N, M)

    @classmethod
    def of(cls, frame: pd.DataFrame, codes: pd.Index, column: str, value: str, names=None) -> Tally:
        if frame.empty:
            table = pd.DataFrame(index=codes, columns=list(names or ()), dtype=float).fillna(0.0)
        else:
            table = frame.pivot_table(
                index="township_code", columns=column, values=value, aggfunc="sum", fill_value=0
            ).reindex(codes, fill_value=0)
            if names is not None:
                table = table.reindex(columns=list(names), fill_value=0)
        return cls(table.columns.to_numpy(), table.to_numpy(float))

    def shares(self) -> np.ndarray:
        """The whole area's share of each category."""
        total = self.values.sum()
        return self.values.sum(axis=0) / total if total > 0 else np.zeros(len(self.names))


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
    count = min(peers, len(inputs) - 1)
    if count < 1:
        return np.empty((len(inputs), 0), dtype=int)
    squared = (features**2).sum(axis=1)
    distance = squared[:, None] + squared[None, :] - 2 * features @ features.T
    np.fill_diagonal(distance, np.inf)
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
    writer = _Writer(
        level=level,
        county=county,
        neighbours=neighbours,
        lang=lang,
        lag=lag_scores(level, county, neighbours),
        types=Tally.of(fraud_types, codes, "fraud_type", "cases"),
        ages=Tally.of(victim_ages, codes, "age_band", "victims", KNOWN_AGE_BANDS),
        method_count=Tally.of(methods, codes, "method", "activities"),
        method_reach=Tally.of(methods, codes, "method", "reach"),
        channel_count=Tally.of(methods[methods["channel"] != ""], codes, "channel", "activities"),
        channel_reach=Tally.of(methods[methods["channel"] != ""], codes, "channel", "reach"),
    )
    unmet = criteria_results[~criteria_results["met"].astype(bool)]
    gaps = dict(tuple(unmet.groupby("code"))) if not unmet.empty else {}
    rows = []
    for i in chosen:
        code, tier, chance = codes[i], areas["tier"].iloc[i], areas["p_bottom"].iloc[i]
        parts = {
            "lagging": writer.lagging(i),
            "fraud_types": writer.fraud_types(i),
            "victim_ages": writer.victim_ages(i),
            "methods": writer.methods(i),
        }
        sentences = [
            t(
                "scorecard.advice.opening",
                lang,
                name=areas["name"].iloc[i],
                tier=t(f"scorecard.tier.{tier}", lang),
                chance=fmt.percent(chance, lang, 0),
            )
        ]
        sentences += [t(f"scorecard.advice.{key}", lang, items=text) for key, text in parts.items() if text]
        if code in gaps:
            missing = ("；" if lang == "zh" else "; ").join(
                criteria.describe(row, lang, cases_as_of) for _, row in gaps[code].iterrows()
            )
            sentences.append(t("scorecard.advice.criteria", lang, items=missing))
        rows.append(
            {
                "code": code,
                "name": areas["name"].iloc[i],
                "county_name": areas["county_name"].iloc[i],
                "tier": tier,
                "p_bottom": chance,
                **parts,
                "advice": ("" if lang == "zh" else " ").join(sentences),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS)).sort_values("p_bottom", ascending=False, ignore_index=True)


def _peer_median(values: np.ndarray, neighbours: np.ndarray) -> np.ndarray:
    if neighbours.shape[1] == 0:
        return np.full(values.shape, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # peers without a value give NaN, as they should
        return np.nanmedian(values[neighbours], axis=1)


def lag_scores(level, county: dict[str, float], neighbours: np.ndarray) -> pd.DataFrame:
    """How far each area trails (positive = worse), in standard deviations across areas, averaged over the
    comparison with the county and with its similar townships' median."""
    scores = {}
    for ind in level.indicators:
        values = level.values[ind.key].to_numpy(float)
        sd = np.nanstd(values) if level.weights[ind.key] > 0 else np.nan
        if not sd > 0:
            continue
        direction = 1.0 if ind.higher_is_better else -1.0
        gaps = np.vstack([county.get(ind.key, np.nan) - values, _peer_median(values, neighbours) - values])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # neither comparison possible: NaN, not shown
            scores[ind.key] = direction * np.nanmean(gaps, axis=0) / sd
    return pd.DataFrame(scores, index=level.values.index)


@dataclass(frozen=True)
class _Writer:
    """The clauses of one area's advice, from tallies computed once for all areas."""

    level: object
    county: dict[str, float]
    neighbours: np.ndarray
    lang: str
    lag: pd.DataFrame  # lag_scores
    types: Tally
    ages: Tally
    method_count: Tally
    method_reach: Tally
    channel_count: Tally
    channel_reach: Tally

    def join(self, items, comma: bool = False) -> str:
        if self.lang == "zh":
            return ("，" if comma else "、").join(items)
        return ", ".join(items)

    def lagging(self, i: int) -> str:
        row = self.lag.iloc[i]
        worst = row[row > MIN_LAG].sort_values(ascending=False).index[:LAGGING_SHOWN]
        by_key = {ind.key: ind for ind in self.level.indicators}
        items = []
        for key in worst:
            values = self.level.values[key].to_numpy(float)
            peers = _peer_median(values, self.neighbours[i : i + 1])[0]
            items.append(
                t(
                    "scorecard.advice.lag_item",
                    self.lang,
                    indicator=t(f"scorecard.indicator.{key}", self.lang),
                    value=display(by_key[key], values[i], self.lang),
                    county=display(by_key[key], self.county.get(key), self.lang),
                    peers=display(by_key[key], peers, self.lang),
                )
            )
        return ("；" if self.lang == "zh" else "; ").join(items)

    def fraud_types(self, i: int) -> str:
        local = self.types.values[i] if len(self.types.names) else np.zeros(0)
        if local.sum() <= 0:
            return ""
        county = self.types.shares()
        top = [j for j in np.argsort(-local, kind="stable")[:2] if local[j] > 0]
        return self.join(
            t(
                "scorecard.advice.fraud_item",
                self.lang,
                type=_vocabulary("fraud_type", self.types.names[j], self.lang),
                cases=int(local[j]),
                share=fmt.percent(local[j] / local.sum(), self.lang, 0),
                county=fmt.percent(county[j], self.lang, 0),
            )
            for j in top
        )

    def victim_ages(self, i: int) -> str:
        """The commonest age band among local victims, and those over 65 when they are over-represented."""
        local = self.ages.values[i]
        if local.sum() <= 0:
            return ""
        share, county = local / local.sum(), self.ages.shares()
        shown = [int(np.argmax(local))]
        elderly = KNOWN_AGE_BANDS.index(">65")
        if shown[0] != elderly and share[elderly] > county[elderly]:
            shown.append(elderly)
        return self.join(
            (
                t(
                    "scorecard.advice.age_item",
                    self.lang,
                    band=t(f"scorecard.age.{self.ages.names[j]}", self.lang),
                    share=fmt.percent(share[j], self.lang, 0),
                    county=fmt.percent(county[j], self.lang, 0),
                )
                for j in shown
            ),
            comma=True,
        )

    def methods(self, i: int) -> str:
        """The two methods and the channel that reached most people per activity among the similar townships (the
        whole area's when the peers have too few activities). A channel named like a chosen method (直播) would
        say the same thing twice and is skipped."""
        peers, everyone = self.neighbours[i], slice(None)
        found, named = {}, set()
        for count, reach, kind, shown in (
            (self.method_count, self.method_reach, "method", 2),
            (self.channel_count, self.channel_reach, "channel", 1),
        ):
            best = _best_per_activity(count, reach, peers, shown, named) or _best_per_activity(
                count, reach, everyone, shown, named
            )
            named |= {name for name, _ in best}
            found[kind] = self.join(
                t(
                    "scorecard.advice.method_item",
                    self.lang,
                    method=_vocabulary(kind, name, self.lang),
                    reach=fmt.number(round(per_activity), self.lang),
                )
                for name, per_activity in best
            )
        if not found["method"] or not found["channel"]:
            return found["method"]
        return t("scorecard.advice.methods_and_channel", self.lang, methods=found["method"], channel=found["channel"])


def _best_per_activity(count: Tally, reach: Tally, rows, shown: int, skip: set[str]) -> list[tuple[str, float]]:
    """The `shown` categories with most reach per activity over `rows`, among those with enough activities."""
    if not len(count.names):
        return []
    activities = count.values[rows].sum(axis=0)
    people = reach.values[rows].sum(axis=0)
    usable = (activities >= MIN_ACTIVITIES) & ~np.isin(count.names, list(skip))
    per_activity = np.where(usable, people / np.maximum(activities, 1), -np.inf)
    order = [j for j in np.argsort(-per_activity, kind="stable")[:shown] if usable[j]]
    return [(count.names[j], float(per_activity[j])) for j in order]


def _vocabulary(kind: str, value: str, lang: str) -> str:
    """A vocabulary word (fraud type, method, channel) in the interface language; Chinese is the word itself."""
    if lang == "zh":
        return value
    return t(f"fraud_type.{value}" if kind == "fraud_type" else f"scorecard.{kind}.{value}", lang)
