"""Monte Carlo ranks: reproducible with a seed, honest about noise, and the tiers drawn from them."""

import numpy as np

from fraudfree.scorecard import indicators, montecarlo

# Five areas: E has many cases and little reach, A few cases and much reach.
INPUTS = {
    "cases": np.array([5.0, 20.0, 22.0, 25.0, 80.0]),
    "cases_prior": np.array([8.0, 21.0, 20.0, 30.0, 60.0]),
    "loss": np.array([1e5, 4e5, 4e5, 5e5, 2e6]),
    "loss_prior": np.array([2e5, 4e5, 3e5, 5e5, 1e6]),
    "population": np.full(5, 50_000.0),
    "households": np.full(5, 18_000.0),
    "registered": np.array([42_000.0, 30_000.0, 29_000.0, 28_000.0, 15_000.0]),
    "households_visited": np.array([17_000.0, 9_000.0, 9_500.0, 8_000.0, 2_000.0]),
    "reach": np.array([150_000.0, 80_000.0, 78_000.0, 70_000.0, 10_000.0]),
    "volunteer_hours": np.array([3_000.0, 1_500.0, 1_500.0, 1_400.0, 200.0]),
    "warnings": np.array([200.0, 200.0, 200.0, 200.0, 200.0]),
    "dissuaded": np.array([190.0, 170.0, 168.0, 165.0, 120.0]),
    "sampled": np.full(5, 300.0),
    "aware": np.array([290.0, 260.0, 258.0, 255.0, 200.0]),
}


def design(normalisation="minmax", aggregation="arithmetic"):
    inds = indicators.TOWNSHIP
    pillars = ["outcomes", "prevention"]
    return montecarlo.Design(
        indicators=inds,
        weights=np.ones(len(inds)),
        pillars=np.array([pillars.index(i.pillar) for i in inds]),
        pillar_weights=np.array([0.5, 0.5]),
        normalisation=normalisation,
        aggregation=aggregation,
    )


def simulate(seed, draws=300):
    return montecarlo.simulate(design(), INPUTS, np.ones(5, bool), draws, seed, 0.25)


def test_same_seed_gives_the_same_ranks():
    np.testing.assert_array_equal(simulate(7), simulate(7))


def test_another_seed_gives_other_draws():
    assert not np.array_equal(simulate(7), simulate(8))


def test_each_draw_is_a_permutation_of_ranks():
    ranks = simulate(3)
    assert (np.sort(ranks, axis=1) == np.arange(1, 6)).all()


def test_the_clear_laggard_is_ranked_last_and_lands_in_the_bottom_quarter():
    summary = montecarlo.summarise(simulate(1), 0.9, 0.25)
    assert summary["rank_median"][4] == 5 and summary["rank_low"][4] == 5
    assert summary["p_bottom"][4] == 1.0
    assert summary["rank_median"][0] == 1


def test_close_areas_share_a_wide_rank_interval():
    summary = montecarlo.summarise(simulate(1), 0.9, 0.25)
    b_c = summary["rank_high"][1:3] - summary["rank_low"][1:3]
    assert (b_c >= 1).all()


def test_ranks_put_the_highest_score_first_and_missing_last():
    np.testing.assert_array_equal(montecarlo.ranks(np.array([[3.0, np.nan, 5.0, 1.0]])), [[2, 4, 1, 3]])


def test_summary_from_known_draws():
    draws = np.array([[1, 2, 3, 4]] * 6 + [[2, 1, 3, 4]] * 4)
    summary = montecarlo.summarise(draws, 0.9, 0.25)
    assert summary["rank_low"].tolist() == [1, 1, 3, 4]
    assert summary["rank_high"].tolist() == [2, 2, 3, 4]
    assert summary["p_bottom"].tolist() == [0, 0, 0, 1]
    assert summary["p_top_half"].tolist() == [1, 1, 0, 0]


def test_noise_keeps_missing_values_missing_and_binomials_within_their_totals():
    rng = np.random.default_rng(0)
    drawn = montecarlo.draw_inputs(
        rng,
        {
            "cases": np.array([4.0, np.nan]),
            "loss": np.array([400.0, np.nan]),
            "aware": np.array([9.0, 5.0]),
            "sampled": np.array([10.0, 10.0]),
            "population": np.array([100.0, 200.0]),
        },
        200,
    )
    assert np.isnan(drawn["cases"][:, 1]).all() and np.isnan(drawn["loss"][:, 1]).all()
    np.testing.assert_allclose(drawn["loss"][:, 0], drawn["cases"][:, 0] * 100)  # losses follow their cases
    assert (drawn["aware"] <= 10).all() and drawn["aware"].std() > 0
    assert (drawn["population"] == [100, 200]).all()


def test_weights_vary_within_the_spread():
    weights = montecarlo.perturb(np.random.default_rng(0), np.array([1.0, 2.0]), 1000, 0.25)
    assert weights[:, 0].min() >= 0.75 and weights[:, 0].max() <= 1.25
    assert weights[:, 1].min() >= 1.5 and weights[:, 1].max() <= 2.5


def test_tiers_from_criteria_and_rank_chances():
    tiers = montecarlo.tiers(
        certified=np.array([True, False, False, False, False]),
        scored=np.array([True, True, True, True, False]),
        p_bottom=np.array([0.0, 0.0, 0.2, 0.6, 0.0]),
        p_top_half=np.array([1.0, 0.9, 0.4, 0.0, 0.0]),
        focus_probability=0.5,
        good_probability=0.75,
    )
    assert tiers.tolist() == ["certified", "good", "fair", "focus", "no_data"]
