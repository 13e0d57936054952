"""Normalisation and aggregation of the 无诈评分 against small cases computed by hand."""

import numpy as np
import pytest

from fraudfree.scorecard import composite

A = np.array([10.0, 20.0, 30.0])  # higher is better
B = np.array([5.0, 1.0, 3.0])  # lower is better


def both(values, weights, pillars, pillar_weights, aggregation):
    """(score, weight share) as the scorecard computes them for observed data."""
    return (
        composite.aggregate(values, weights, pillars, pillar_weights, aggregation),
        composite.weight_share(values, weights, pillars, pillar_weights),
    )


def normalised(normalisation="minmax", aggregation="arithmetic"):
    return np.stack(
        [
            composite.normalise(A, True, normalisation, aggregation),
            composite.normalise(B, False, normalisation, aggregation),
        ],
        axis=-1,
    )


def test_minmax_puts_best_at_100_and_reverses_lower_is_better():
    np.testing.assert_allclose(composite.normalise(A, True, "minmax", "arithmetic"), [0, 50, 100])
    np.testing.assert_allclose(composite.normalise(B, False, "minmax", "arithmetic"), [0, 100, 50])


def test_minmax_for_geometric_aggregation_starts_at_one():
    np.testing.assert_allclose(composite.normalise(A, True, "minmax", "geometric"), [1, 50.5, 100])


def test_zscore_uses_the_spread_of_the_areas_and_reverses_direction():
    sd_a, sd_b = np.sqrt(200 / 3), np.sqrt(8 / 3)
    np.testing.assert_allclose(composite.normalise(A, True, "zscore", "arithmetic"), [-10 / sd_a, 0, 10 / sd_a])
    np.testing.assert_allclose(composite.normalise(B, False, "zscore", "arithmetic"), [-2 / sd_b, 2 / sd_b, 0])


def test_equal_values_give_everyone_the_middle_of_the_scale():
    same = np.array([4.0, 4.0, 4.0])
    np.testing.assert_allclose(composite.normalise(same, True, "minmax", "arithmetic"), [50, 50, 50])
    np.testing.assert_allclose(composite.normalise(same, True, "zscore", "arithmetic"), [0, 0, 0])


def test_missing_values_stay_missing_and_do_not_move_the_bounds():
    result = composite.normalise(np.array([10.0, np.nan, 30.0]), True, "minmax", "arithmetic")
    assert result[0] == 0 and result[2] == 100 and np.isnan(result[1])


def test_geometric_aggregation_refuses_zscores():
    with pytest.raises(composite.MethodError):
        composite.normalise(A, True, "zscore", "geometric")


def test_arithmetic_mean_of_two_pillars_with_equal_weights():
    score, share = both(normalised(), np.array([1.0, 1.0]), np.array([0, 1]), np.array([1.0, 1.0]), "arithmetic")
    np.testing.assert_allclose(score, [0, 75, 75])
    np.testing.assert_allclose(share, [1, 1, 1])


def test_pillar_weights_three_to_one():
    score, _ = both(normalised(), np.array([1.0, 1.0]), np.array([0, 1]), np.array([3.0, 1.0]), "arithmetic")
    np.testing.assert_allclose(score, [0, 62.5, 87.5])


def test_indicator_weights_within_one_pillar():
    score, _ = both(normalised(), np.array([2.0, 1.0]), np.array([0, 0]), np.array([1.0]), "arithmetic")
    np.testing.assert_allclose(score, [0, (2 * 50 + 100) / 3, (2 * 100 + 50) / 3])


def test_geometric_mean_of_two_pillars():
    score, _ = both(
        normalised(aggregation="geometric"), np.array([1.0, 1.0]), np.array([0, 1]), np.array([1.0, 1.0]), "geometric"
    )
    np.testing.assert_allclose(score, [1, np.sqrt(50.5 * 100), np.sqrt(100 * 50.5)])


def test_weighted_geometric_mean_within_a_pillar():
    score, _ = both(
        normalised(aggregation="geometric"), np.array([3.0, 1.0]), np.array([0, 0]), np.array([1.0]), "geometric"
    )
    np.testing.assert_allclose(score[1], 50.5**0.75 * 100**0.25)


def test_a_missing_indicator_is_reweighted_not_counted_as_zero():
    values = np.array([[0.0, 0.0], [100.0, 100.0], [np.nan, 50.0]])
    score, share = both(values, np.array([1.0, 1.0]), np.array([0, 0]), np.array([1.0]), "arithmetic")
    np.testing.assert_allclose(score, [0, 100, 50])
    np.testing.assert_allclose(share, [1, 1, 0.5])


def test_a_missing_pillar_leaves_the_other_pillar_and_reports_half_the_weight():
    values = np.array([[np.nan, 80.0], [20.0, 40.0]])
    score, share = both(values, np.array([1.0, 1.0]), np.array([0, 1]), np.array([1.0, 1.0]), "arithmetic")
    np.testing.assert_allclose(score, [80, 30])
    np.testing.assert_allclose(share, [0.5, 1])


def test_an_area_without_any_indicator_has_no_score():
    values = np.array([[np.nan, np.nan], [20.0, 40.0]])
    score, share = both(values, np.array([1.0, 1.0]), np.array([0, 1]), np.array([1.0, 1.0]), "arithmetic")
    assert np.isnan(score[0]) and share[0] == 0


def test_zero_weight_leaves_an_indicator_out():
    score, share = both(normalised(), np.array([1.0, 0.0]), np.array([0, 1]), np.array([1.0, 1.0]), "arithmetic")
    np.testing.assert_allclose(score, [0, 50, 100])
    np.testing.assert_allclose(share, [1, 1, 1])


def test_effective_weights_multiply_pillar_and_within_pillar_shares():
    weights = composite.effective_weights(np.array([1.0, 3.0, 2.0]), np.array([0, 0, 1]), np.array([1.0, 1.0]))
    np.testing.assert_allclose(weights, [0.125, 0.375, 0.5])


def test_aggregation_broadcasts_over_draws():
    stacked = np.stack([normalised(), normalised()[::-1]])
    weights = np.array([[1.0, 1.0], [3.0, 1.0]])
    score, _ = both(stacked, weights, np.array([0, 0]), np.array([[1.0], [1.0]]), "arithmetic")
    np.testing.assert_allclose(score[0], [0, 75, 75])
    np.testing.assert_allclose(score[1], [(3 * 100 + 50) / 4, (3 * 50 + 100) / 4, 0])
