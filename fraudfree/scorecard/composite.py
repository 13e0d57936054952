"""Composite score as the OECD/JRC handbook builds it: normalise each indicator, weight, aggregate by pillar.

Arrays carry the areas on the last axis (indicators after them where stacked), with any leading axes
(Monte Carlo draws) broadcast. Missing values stay missing: an area's pillar averages the indicators it has,
and the share of the weight it has is reported, so nothing is silently counted as zero.
"""

from __future__ import annotations

import numpy as np

NORMALISATIONS = ("minmax", "zscore")
AGGREGATIONS = ("arithmetic", "geometric")


class MethodError(ValueError):
    """A combination of choices the handbook does not allow."""


def check_method(normalisation: str, aggregation: str) -> None:
    if normalisation not in NORMALISATIONS:
        raise MethodError(f"normalisation must be one of {NORMALISATIONS}, not {normalisation!r}")
    if aggregation not in AGGREGATIONS:
        raise MethodError(f"aggregation must be one of {AGGREGATIONS}, not {aggregation!r}")
    if aggregation == "geometric" and normalisation != "minmax":
        raise MethodError("geometric aggregation needs positive values: use min-max normalisation")


def normalise(values: np.ndarray, higher_is_better: bool, normalisation: str, aggregation: str) -> np.ndarray:
    """Direction-aware normalisation across the areas (last axis): higher is always better afterwards.

    min-max maps the worst area to 0 and the best to 100 (to 1 and 100 for geometric aggregation, which
    cannot take zeros); z-score gives standard deviations from the mean of the areas. Where every area has
    the same value the indicator cannot tell them apart and everyone gets the middle of the scale.
    """
    check_method(normalisation, aggregation)
    values = np.asarray(values, dtype=float)
    if not higher_is_better:
        values = -values
    present = ~np.isnan(values)
    any_present = present.any(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore"):
        if normalisation == "minmax":
            low = np.nanmin(np.where(any_present, values, 0.0), axis=-1, keepdims=True)
            high = np.nanmax(np.where(any_present, values, 0.0), axis=-1, keepdims=True)
            span = high - low
            scaled = np.where(span > 0, (values - low) / np.where(span > 0, span, 1.0), 0.5)
            floor = 1.0 if aggregation == "geometric" else 0.0
            result = floor + (100.0 - floor) * scaled
        else:
            mean = np.nanmean(np.where(any_present, values, 0.0), axis=-1, keepdims=True)
            sd = np.nanstd(np.where(any_present, values, 0.0), axis=-1, keepdims=True)
            result = np.where(sd > 0, (values - mean) / np.where(sd > 0, sd, 1.0), 0.0)
    return np.where(present, result, np.nan)


def effective_weights(weights: np.ndarray, pillars: np.ndarray, pillar_weights: np.ndarray) -> np.ndarray:
    """Each indicator's share of the whole: its pillar's share times its share within the pillar.

    `weights` (..., K), `pillars` (K,) pillar index of each indicator, `pillar_weights` (..., P).
    """
    weights = np.asarray(weights, dtype=float)
    pillar_weights = np.asarray(pillar_weights, dtype=float)
    members = np.eye(pillar_weights.shape[-1])[pillars]  # (K, P)
    within_total = weights @ members  # (..., P)
    pillar_total = (pillar_weights * (within_total > 0)).sum(axis=-1, keepdims=True)
    pillar_share = np.where(within_total > 0, pillar_weights / np.where(pillar_total > 0, pillar_total, 1), 0)
    own_total = within_total @ members.T  # (..., K)
    return weights / np.where(own_total > 0, own_total, 1) * (pillar_share @ members.T)


def aggregate(
    normalised: np.ndarray, weights: np.ndarray, pillars: np.ndarray, pillar_weights: np.ndarray, aggregation: str
) -> np.ndarray:
    """The score of each area from its normalised values (..., N, K).

    Within a pillar the indicators an area has are averaged with their weights (re-weighted over what is
    present); the pillars it has are then averaged with the pillar weights. Arithmetic or weighted geometric
    means at both levels. An area with nothing present has no score.
    """
    normalised = np.asarray(normalised, dtype=float)
    pillar_weights = np.asarray(pillar_weights, dtype=float)[..., None, :]  # (..., 1, P)
    members = np.eye(pillar_weights.shape[-1])[pillars]  # (K, P)
    by_pillar = np.asarray(weights, dtype=float)[..., :, None] * members  # (..., K, P)
    present = ~np.isnan(normalised)
    values = np.where(present, normalised, 1.0 if aggregation == "geometric" else 0.0)
    if aggregation == "geometric":
        values = np.log(values)
    # Weighted sums as matrix products: no (draws × areas × indicators) array of weights is ever built.
    within_weight = present.astype(float) @ by_pillar  # (..., N, P)
    with np.errstate(invalid="ignore", divide="ignore"):
        pillar_scores = (values @ by_pillar) / within_weight
    pillar_present = within_weight > 0
    outer = np.where(pillar_present, pillar_weights, 0.0)
    outer_total = outer.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = (outer * np.where(pillar_present, pillar_scores, 0.0)).sum(axis=-1) / outer_total
    score = np.where(outer_total > 0, score, np.nan)
    return np.exp(score) if aggregation == "geometric" else score


def weight_share(normalised: np.ndarray, weights: np.ndarray, pillars: np.ndarray, pillar_weights: np.ndarray):
    """How much of the intended weight each area's score rests on: the effective weights of what it has."""
    present = ~np.isnan(np.asarray(normalised, dtype=float))
    return (present * effective_weights(weights, pillars, pillar_weights)[..., None, :]).sum(axis=-1)
