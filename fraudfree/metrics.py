"""Small-area statistics shared by every analytics page and the scorecard: rates per 10,000, exact Poisson
intervals, Marshall's empirical-Bayes smoothing and funnel-plot limits. Pure numpy/scipy.special."""

from __future__ import annotations

import numpy as np
from scipy import special

PER_10K = 10_000


def ratio(numerator, denominator, scale: float = 1.0) -> np.ndarray:
    """numerator / denominator × scale, NaN where the denominator is missing or zero (never a silent 0)."""
    numerator = np.asarray(numerator, dtype=float)
    denominator = np.asarray(denominator, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / denominator * scale, np.nan)


def poisson_interval(counts, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Exact (Garwood) interval for the mean of a Poisson count k.

    low = chi2.ppf(α/2, 2k)/2 (0 when k = 0), high = chi2.ppf(1 − α/2, 2k + 2)/2, written with the
    regularized incomplete gamma inverse (chi2.ppf(p, 2a)/2 = gammaincinv(a, p)), which saves the
    command line the import of scipy.stats. k = 0 gives (0, 3.689); k = 10 gives (4.795, 18.39).
    """
    k = np.asarray(counts, dtype=float)
    alpha = 1.0 - level
    with np.errstate(invalid="ignore"):
        low = np.where(k > 0, special.gammaincinv(np.maximum(k, 1.0), alpha / 2), 0.0)
    high = special.gammaincinv(k + 1.0, 1.0 - alpha / 2)
    return low, high


def rate_per_10k(counts, population) -> np.ndarray:
    """Counts per 10,000 residents; NaN where the population is zero or unknown (a rate cannot exist there)."""
    return ratio(counts, population, PER_10K)


def rate_interval_per_10k(counts, population, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """The Garwood interval of the counts, as rates per 10,000 (NaN where the population is zero or unknown)."""
    low, high = poisson_interval(counts, level)
    return rate_per_10k(low, population), rate_per_10k(high, population)


def eb_marshall(counts, population) -> np.ndarray:
    """Marshall's (1991) global empirical-Bayes rates per person, shrunk toward the overall rate.

    Method of moments exactly as R's spdep::EBest(n = counts, x = population, family = "poisson") computes it,
    checked against r-spatial/spdep R/EBI.R (commit 6693ca5, 2026-04):
        b = Σcases/Σpop;  s2 = Σ pop_i (r_i − b)² / Σpop;  a = s2 − b/(Σpop/N), set to 0 when negative;
        est_i = b + a (r_i − b) / (a + b/pop_i).
    With a = 0 (no spread beyond Poisson noise) every estimate is the overall rate. EBest stops on a
    non-positive population; here such areas (zero, NaN) are left out of the moments and get NaN, and the
    rest are computed as EBest would compute them on their own. All counts zero gives all estimates 0.
    """
    x = np.asarray(counts, dtype=float)
    n = np.asarray(population, dtype=float)
    if np.any(x < 0) or np.any(n < 0):
        raise ValueError("counts and populations must not be negative")
    known = n > 0  # False for NaN too
    estimates = np.full(x.shape, np.nan)
    if not known.any():
        return estimates
    x, n = x[known], n[known]
    rates = x / n
    overall = x.sum() / n.sum()
    s2 = np.sum(n * (rates - overall) ** 2) / n.sum()
    a = max(s2 - overall / (n.sum() / len(n)), 0.0)
    # a = 0 means full shrinkage; writing it as a factor avoids 0/0 when the overall rate is 0 too.
    shrink = a / (a + overall / n) if a > 0 else np.zeros_like(n)
    estimates[known] = overall + shrink * (rates - overall)
    return estimates


def funnel_limits(population_grid, county_rate, levels=(0.95, 0.998)) -> dict[float, tuple[np.ndarray, np.ndarray]]:
    """Control limits of a funnel plot: {level: (low, high)} as rates per 10,000 at each population.

    `county_rate` is the county's rate per 10,000 (the funnel's centre line). The limits are exact Poisson
    quantiles of the expected count θ = rate × population, interpolated between integers as in Spiegelhalter
    (2005, Statistics in Medicine 24:1185, appendix A.1.2) so the funnel is smooth: with y the p-quantile,
    limit = y − (P(Y ≤ y) − p) / P(Y = y), never below 0.
    """
    population = np.asarray(population_grid, dtype=float)
    expected = county_rate / PER_10K * population
    limits = {}
    for level in levels:
        tail = (1.0 - level) / 2
        low, high = (_interpolated_poisson_quantile(p, expected) for p in (tail, 1.0 - tail))
        limits[level] = (rate_per_10k(low, population), rate_per_10k(high, population))
    return limits


def _interpolated_poisson_quantile(p: float, mean: np.ndarray) -> np.ndarray:
    # Smallest integer y with P(Y ≤ y) ≥ p, found as scipy.stats.poisson.ppf does from pdtrik.
    candidate = np.ceil(special.pdtrik(p, mean))
    below = np.maximum(candidate - 1, 0)
    quantile = np.where(special.pdtr(below, mean) >= p, below, candidate)
    cdf = special.pdtr(quantile, mean)
    cdf_below = np.where(quantile > 0, special.pdtr(quantile - 1, mean), 0.0)
    # Below the first integer the interpolation would go negative; a count cannot.
    return np.maximum(quantile - (cdf - p) / (cdf - cdf_below), 0.0)
