"""Honest ranking: Monte Carlo over Poisson noise in the counts and over the weights, then tiers.

Each draw perturbs the inputs (indicators.NOISE) and the weights, recomputes indicators, normalisation and
scores for every area at once, and ranks; the draws give each area a rank interval and its chance of being
in the bottom quarter. A numpy Generator with a seed makes a run reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fraudfree.scorecard import composite, indicators

TIERS = ("certified", "good", "fair", "focus", "no_data")
# Draws are processed in chunks so that memory stays small at province scale.
CELLS_PER_CHUNK = 2_000_000
# Areas × draws at most: a level with very many areas (a province's villages) gets fewer draws, never below
# MIN_DRAWS; a county's townships and villages always get the draws asked for.
DRAW_CELLS = 10_000_000
MIN_DRAWS = 100
NORMAL_FROM = 30  # counts (or binomial variances) this large get the normal approximation to their noise


def draws_for(areas: int, requested: int) -> int:
    """The draws a level of `areas` areas gets."""
    return min(requested, max(MIN_DRAWS, DRAW_CELLS // max(areas, 1)))


@dataclass(frozen=True)
class Design:
    """What the composite needs besides the data: indicators, weights and method."""

    indicators: tuple[indicators.Indicator, ...]
    weights: np.ndarray  # (K,)
    pillars: np.ndarray  # (K,) pillar index of each indicator
    pillar_weights: np.ndarray  # (P,)
    normalisation: str
    aggregation: str

    def normalised(self, inputs) -> np.ndarray:
        """Every indicator normalised across the areas, (..., N, K), for inputs shaped (..., N)."""
        values = indicators.compute(self.indicators, inputs)
        return np.stack(
            [
                composite.normalise(values[ind.key], ind.higher_is_better, self.normalisation, self.aggregation)
                for ind in self.indicators
            ],
            axis=-1,
        )

    def score(self, normalised: np.ndarray, weights=None, pillar_weights=None) -> np.ndarray:
        """Scores (..., N) with this design's weights, or with perturbed ones (draws, K) and (draws, P)."""
        return composite.aggregate(
            normalised,
            self.weights if weights is None else weights,
            self.pillars,
            self.pillar_weights if pillar_weights is None else pillar_weights,
            self.aggregation,
        )

    def weight_share(self, normalised: np.ndarray) -> np.ndarray:
        return composite.weight_share(normalised, self.weights, self.pillars, self.pillar_weights)


def draw_inputs(rng: np.random.Generator, inputs: dict[str, np.ndarray], draws: int) -> dict[str, np.ndarray]:
    """`draws` noisy copies (draws, N) of the inputs; missing values stay missing."""
    drawn: dict[str, np.ndarray] = {}
    for name, values in inputs.items():
        values = np.asarray(values, dtype=float)
        noise = indicators.NOISE.get(name, ())
        known = ~np.isnan(values)
        if noise[:1] == ("poisson",):
            sample = _poisson(rng, np.where(known, values, 0.0), draws)
        elif noise[:1] == ("binomial",):
            total = np.asarray(inputs[noise[1]], dtype=float)
            known &= ~np.isnan(total) & (total > 0)
            trials = np.where(known, total, 0.0)
            chance = np.clip(np.where(known, values / np.where(known, total, 1), 0), 0, 1)
            sample = _binomial(rng, trials, chance, draws)
        else:
            sample = np.broadcast_to(values, (draws, values.size))
        drawn[name] = np.where(known, sample, np.nan)
    for name, values in inputs.items():
        noise = indicators.NOISE.get(name, ())
        if noise[:1] == ("scaled",):
            base = np.asarray(inputs[noise[1]], dtype=float)
            factor = np.where(base > 0, drawn[noise[1]] / np.where(base > 0, base, 1), 1.0)
            drawn[name] = np.asarray(values, dtype=float) * factor
    return drawn


def _poisson(rng: np.random.Generator, mean: np.ndarray, draws: int) -> np.ndarray:
    """Poisson counts; from NORMAL_FROM on, the normal approximation (exact enough, and many times faster)."""
    sample = np.empty((draws, mean.size))
    large = mean >= NORMAL_FROM
    sample[:, large] = mean[large] + np.sqrt(mean[large]) * rng.standard_normal((draws, int(large.sum())))
    sample[:, ~large] = rng.poisson(mean[~large], size=(draws, int((~large).sum())))
    return np.maximum(sample, 0.0)


def _binomial(rng: np.random.Generator, trials: np.ndarray, chance: np.ndarray, draws: int) -> np.ndarray:
    """Binomial counts; with a variance from NORMAL_FROM on, the normal approximation, kept within 0..trials."""
    sample = np.empty((draws, trials.size))
    variance = trials * chance * (1 - chance)
    large = variance >= NORMAL_FROM
    sample[:, large] = trials[large] * chance[large] + np.sqrt(variance[large]) * rng.standard_normal(
        (draws, int(large.sum()))
    )
    sample[:, ~large] = rng.binomial(trials[~large].astype(np.int64), chance[~large], size=(draws, int((~large).sum())))
    return np.clip(sample, 0.0, trials)


def perturb(rng: np.random.Generator, weights: np.ndarray, draws: int, spread: float) -> np.ndarray:
    """(draws, K) weights, each multiplied by a factor drawn uniformly from [1 − spread, 1 + spread]."""
    weights = np.asarray(weights, dtype=float)
    return weights * rng.uniform(1 - spread, 1 + spread, size=(draws, weights.size))


def ranks(scores: np.ndarray) -> np.ndarray:
    """Rank of each area in each row, 1 = highest score; missing scores rank last."""
    order = np.argsort(-np.where(np.isnan(scores), -np.inf, scores), axis=-1)
    result = np.empty(scores.shape, dtype=np.int32)
    np.put_along_axis(result, order, np.arange(1, scores.shape[-1] + 1, dtype=np.int32)[None, :], axis=-1)
    return result


def bottom_count(areas: int, bottom_share: float) -> int:
    """How many areas make the bottom quarter (at least one)."""
    return max(1, int(np.ceil(areas * bottom_share)))


def summarise(rank_draws: np.ndarray, interval: float, bottom_share: float) -> dict[str, np.ndarray]:
    """Rank interval (middle `interval` of the draws), median rank, P(bottom quarter), P(top half)."""
    areas = rank_draws.shape[-1]
    tail = (1 - interval) / 2
    return {
        "rank_low": np.quantile(rank_draws, tail, axis=0, method="inverted_cdf").astype(int),
        "rank_median": np.quantile(rank_draws, 0.5, axis=0, method="inverted_cdf").astype(int),
        "rank_high": np.quantile(rank_draws, 1 - tail, axis=0, method="inverted_cdf").astype(int),
        "p_bottom": (rank_draws > areas - bottom_count(areas, bottom_share)).mean(axis=0),
        "p_top_half": (rank_draws <= areas / 2).mean(axis=0),
    }


def simulate(
    design: Design, inputs: dict[str, np.ndarray], scored: np.ndarray, draws: int, seed: int, weight_spread: float
) -> np.ndarray:
    """Ranks (draws, scored areas) among the areas marked `scored`, reproducible for a given seed."""
    rng = np.random.default_rng(seed)
    areas = int(np.asarray(scored).size)
    chunk = max(1, CELLS_PER_CHUNK // max(1, areas * len(design.indicators)))
    result = np.empty((draws, int(scored.sum())), dtype=np.int32)
    for first in range(0, draws, chunk):
        size = min(chunk, draws - first)
        drawn = draw_inputs(rng, inputs, size)
        weights = perturb(rng, design.weights, size, weight_spread)
        pillar_weights = perturb(rng, design.pillar_weights, size, weight_spread)
        score = design.score(design.normalised(drawn), weights, pillar_weights)
        result[first : first + size] = ranks(score[:, scored])
    return result


def tiers(
    certified: np.ndarray,
    scored: np.ndarray,
    p_bottom: np.ndarray,
    p_top_half: np.ndarray,
    focus_probability: float,
    good_probability: float,
) -> np.ndarray:
    """达标 for certified areas; otherwise 重点关注 when likely in the bottom quarter, 良好 when likely in the top
    half, 一般 in between; areas without enough data to score are 数据不足."""
    return np.select(
        [certified, ~scored, p_bottom >= focus_probability, p_top_half >= good_probability],
        ["certified", "no_data", "focus", "good"],
        default="fair",
    )
