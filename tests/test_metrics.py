"""Small-area statistics: Garwood intervals, rates per 10,000, Marshall's EB smoothing, funnel limits."""

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest

from fraudfree import metrics


@pytest.mark.parametrize(
    ("count", "low", "high"),
    [
        (0, 0.0, 3.689),
        (1, 0.0253, 5.572),
        (5, 1.623, 11.668),
        (10, 4.795, 18.39),
    ],
)
def test_garwood_interval_matches_published_values(count, low, high):
    lows, highs = metrics.poisson_interval([count])
    assert lows[0] == pytest.approx(low, abs=5e-4)
    assert highs[0] == pytest.approx(high, abs=5e-3)


def test_garwood_interval_at_99_percent_for_zero_is_minus_log_of_half_a_percent():
    low, high = metrics.poisson_interval(np.array([0]), level=0.99)
    assert low[0] == 0
    assert high[0] == pytest.approx(-math.log(0.005))


def test_rate_interval_per_10k_scales_the_count_interval_by_population():
    low, high = metrics.rate_interval_per_10k([10], [50_000])
    assert low[0] == pytest.approx(4.7954 / 5, abs=1e-4)
    assert high[0] == pytest.approx(18.3904 / 5, abs=1e-4)


def test_zero_or_unknown_population_gives_no_rate_and_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rates = metrics.rate_per_10k([3, 0, 2], [0, 0, np.nan])
        low, high = metrics.rate_interval_per_10k([3, 0], [0, 0])
    assert np.isnan(rates).all() and np.isnan(low).all() and np.isnan(high).all()


def test_rate_per_10k_is_over_the_period_not_annualised():
    assert metrics.rate_per_10k([96], [960_000])[0] == pytest.approx(1.0)


def test_eb_matches_marshall_method_of_moments_worked_by_hand():
    cases = [2, 8, 0, 10]
    population = [1000, 2000, 500, 1500]
    # By hand, in exact fractions: overall rate b = 20/5000; s2 = Σ n (r − b)² / Σn; a = s2 − b / (Σn / N).
    b = Fraction(20, 5000)
    raw = [Fraction(x, n) for x, n in zip(cases, population, strict=True)]
    s2 = sum(n * (r - b) ** 2 for n, r in zip(population, raw, strict=True)) / 5000
    assert s2 == Fraction(17, 3_750_000)
    a = s2 - b / Fraction(5000, 4)
    assert a == Fraction(1, 750_000)  # positive: no floor
    expected = [b + a * (r - b) / (a + b / n) for r, n in zip(raw, population, strict=True)]
    # 2 cases in 1,000: shrink a / (a + b/n) = 1/4, so 0.002 becomes 0.004 − (0.004 − 0.002)/4.
    assert expected[0] == Fraction(7, 2000)

    estimates = metrics.eb_marshall(cases, population)
    assert estimates == pytest.approx([float(e) for e in expected], rel=1e-12)


def test_eb_pulls_each_rate_toward_the_overall_rate_and_small_areas_furthest():
    cases = np.array([2, 8, 0, 10])
    population = np.array([1000, 2000, 500, 1500])
    raw = cases / population
    overall = cases.sum() / population.sum()
    estimates = metrics.eb_marshall(cases, population)
    assert np.all(np.abs(estimates - overall) <= np.abs(raw - overall))
    assert estimates[2] > 0  # the zero-count area is not shown as zero risk
    differs = raw != overall  # area 1 sits on the overall rate and stays there
    assert estimates[~differs] == pytest.approx(overall)
    shrink = (estimates[differs] - overall) / (raw[differs] - overall)
    assert shrink == pytest.approx([1 / 4, 1 / 7, 1 / 3])  # 1,000, 500 and 1,500 residents


def test_eb_with_no_spread_beyond_chance_floors_variance_and_gives_everyone_the_overall_rate():
    # Rates 0.001 everywhere: s2 = 0, so a = 0 − b/(Σn/N) < 0 is floored at 0.
    estimates = metrics.eb_marshall([1, 2, 3], [1000, 2000, 3000])
    assert estimates == pytest.approx([0.001, 0.001, 0.001])
    # Small noisy differences, still within Poisson noise: a < 0 before the floor.
    estimates = metrics.eb_marshall([4, 6, 5], [5000, 5000, 5000])
    assert estimates == pytest.approx([0.001, 0.001, 0.001])


def test_eb_leaves_areas_without_population_out_and_marks_them_missing():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        estimates = metrics.eb_marshall([2, 8, 0, 10, 3], [1000, 2000, 500, 1500, 0])
    assert np.isnan(estimates[4])
    assert estimates[:4] == pytest.approx(metrics.eb_marshall([2, 8, 0, 10], [1000, 2000, 500, 1500]))


def test_eb_with_all_counts_zero_is_zero_and_with_no_population_is_missing():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert metrics.eb_marshall([0, 0, 0], [100, 200, 300]) == pytest.approx([0, 0, 0])
        assert np.isnan(metrics.eb_marshall([1, 2], [0, np.nan])).all()


def test_eb_refuses_negative_counts():
    with pytest.raises(ValueError):
        metrics.eb_marshall([-1, 2], [100, 200])


def test_funnel_upper_limit_at_expected_count_one_is_the_interpolated_poisson_quantile():
    # θ = 1: P(Y ≤ 2) = 2.5/e, P(Y ≤ 3) = (8/3)/e, so the 97.5 % point is 3 − (P(Y≤3) − 0.975)/P(Y=3).
    p2, p3 = 2.5 / math.e, (8 / 3) / math.e
    expected_upper = 3 - (p3 - 0.975) / (p3 - p2)
    limits = metrics.funnel_limits([10_000], county_rate=1.0, levels=(0.95,))
    low, high = limits[0.95]
    assert high[0] == pytest.approx(expected_upper)
    assert low[0] == 0.0


def test_funnel_limits_lie_within_one_count_below_the_exact_poisson_quantiles():
    from scipy import stats

    population = np.array([2_000, 35_000, 120_000, 960_000])
    county_rate = 8.0
    expected = county_rate / 10_000 * population
    for level, (low, high) in metrics.funnel_limits(population, county_rate).items():
        tail = (1 - level) / 2
        for limit, p in ((low, tail), (high, 1 - tail)):
            count = limit * population / 10_000
            quantile = stats.poisson.ppf(p, expected)
            assert np.all(count <= quantile) and np.all(count >= np.maximum(quantile - 1, 0))
        assert np.all(low < county_rate) and np.all(high > county_rate)


def test_funnel_narrows_with_population_and_approaches_the_normal_limits():
    population = np.array([10_000, 100_000, 10_000_000])
    low, high = metrics.funnel_limits(population, 8.0)[0.998]
    assert np.all(np.diff(high - low) < 0)
    theta = 8.0 / 10_000 * 10_000_000
    half_width = 3.0902 * math.sqrt(theta) / 10_000_000 * 10_000
    assert high[2] - 8.0 == pytest.approx(half_width, rel=0.02)
    assert 8.0 - low[2] == pytest.approx(half_width, rel=0.02)


def test_funnel_with_zero_county_rate_is_flat_at_zero_and_zero_population_has_no_limit():
    low, high = metrics.funnel_limits([0, 50_000], 0.0, levels=(0.95,))[0.95]
    assert np.isnan(low[0]) and np.isnan(high[0])
    assert low[1] == 0 and high[1] == 0


def test_garwood_interval_equals_the_chi_square_formula_for_counts_up_to_500():
    from scipy import stats

    counts = np.arange(0, 501)
    low, high = metrics.poisson_interval(counts)
    assert low == pytest.approx(np.where(counts > 0, stats.chi2.ppf(0.025, 2 * counts) / 2, 0), rel=1e-10)
    assert high == pytest.approx(stats.chi2.ppf(0.975, 2 * counts + 2) / 2, rel=1e-10)
