"""Township measures: each defined once from summed inputs, and the county value computed from totals."""

import numpy as np
import pandas as pd
import pytest

from fraudfree import measures


@pytest.fixture
def two_townships():
    return pd.DataFrame(
        {
            "population": [40_000, 60_000],
            "households": [15_000, 25_000],
            "cases": [4, 16],
            "loss_yuan": [80_000.0, 120_000.0],
            "reach": [20_000, 90_000],
            "households_visited": [3_000, 5_000],
            "materials": [10_000, 50_000],
            "volunteer_hours": [400.0, 300.0],
            "app_registered": [20_000, 42_000],
            "venues": [8, 3],
        }
    )


def test_materials_per_resident_and_venues_per_10k_divide_by_population(two_townships):
    out = measures.add_township_measures(two_townships)
    assert out["materials_per_resident"].tolist() == pytest.approx([0.25, 50_000 / 60_000])
    assert out["venues_per_10k"].tolist() == pytest.approx([2.0, 0.5])


def test_county_values_are_ratios_of_totals_not_averages_of_ratios(two_townships):
    county = measures.area_measures(two_townships)
    assert county["case_rate_per_10k"] == pytest.approx(2.0)  # 20 cases in 100,000 residents
    assert county["venues_per_10k"] == pytest.approx(1.1)
    assert county["household_coverage"] == pytest.approx(0.2)
    assert county["app_rate"] == pytest.approx(0.62)
    # A single area has nothing to be shrunk toward but itself.
    assert county["eb_case_rate_per_10k"] == pytest.approx(county["case_rate_per_10k"])


def test_township_without_population_has_no_rates_but_its_cases_count_for_the_county(two_townships):
    frame = pd.concat([two_townships, pd.DataFrame([{"population": np.nan, "cases": 5}])], ignore_index=True)
    out = measures.add_township_measures(frame)
    assert np.isnan(out.loc[2, ["case_rate_per_10k", "eb_case_rate_per_10k", "venues_per_10k"]].astype(float)).all()
    assert measures.area_measures(frame)["case_rate_per_10k"] == pytest.approx(2.5)


def test_every_listed_measure_is_computed(two_townships):
    out = measures.add_township_measures(two_townships)
    for name in (*measures.REACH_MEASURES, *measures.CASE_MEASURES):
        assert np.isfinite(out[name]).all(), name
