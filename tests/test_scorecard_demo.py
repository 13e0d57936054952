"""The scorecard on the county demo: the pilot town is certified, the laggard is a priority, runs repeat exactly."""

import dataclasses

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from fraudfree import db
from fraudfree.filters import Filters
from fraudfree.scorecard import card, settings
from fraudfree.ui import auth as auth_ui

WANGFEN = "370781101"


@pytest.fixture(scope="module")
def period(demo_db):
    return card.resolve_period(demo_db, None, None)


@pytest.fixture(scope="module")
def scorecard(demo_db, period):
    yield card.build(demo_db, *period, settings.defaults())
    db.close_all()  # the demo database is shared with tests that run commands on it


def test_default_period_is_the_demos_last_year(period):
    assert [f"{d:%Y-%m}" for d in period] == ["2022-01", "2022-12"]


def test_wangfen_passes_the_default_criteria(scorecard):
    rules = scorecard.criteria[scorecard.criteria["code"] == WANGFEN].set_index("criterion")
    assert rules["met"].all()
    assert set(rules.index) == {"zero_case_months", "app_rate", "household_coverage", "awareness"}
    assert rules.loc["zero_case_months", "value"] >= 8 and rules.loc["app_rate", "value"] >= 0.8
    wangfen = scorecard.township.areas.loc[WANGFEN]
    assert wangfen["certified"] and wangfen["tier"] == "certified"
    assert scorecard.township.areas["certified"].sum() == 1


def test_the_township_with_low_reach_and_high_cases_is_a_priority(scorecard):
    values = scorecard.township.values
    lagging = values[values["eb_case_rate"] > values["eb_case_rate"].median()]["reach_per_1k"].idxmin()
    assert scorecard.township.areas.loc[lagging, "name"] == "益都街道"
    assert scorecard.township.areas.loc[lagging, "tier"] == "focus"
    assert scorecard.advice.iloc[0]["code"] == lagging


def test_every_tier_but_no_data_is_used_and_priorities_are_about_a_quarter(scorecard):
    tiers = scorecard.township.areas["tier"].value_counts()
    assert set(tiers.index) == {"certified", "good", "fair", "focus"}
    assert 2 <= tiers["focus"] <= 5


def test_monte_carlo_repeats_exactly_with_its_seed(demo_db, period, scorecard):
    again = card.build(demo_db, *period, settings.defaults())
    columns = ["rank_low", "rank_median", "rank_high", "p_bottom"]
    assert again.township.areas[columns].equals(scorecard.township.areas[columns])
    other = card.build(demo_db, *period, dataclasses.replace(settings.defaults(), seed=1))
    assert not np.allclose(other.township.areas["p_bottom"], scorecard.township.areas["p_bottom"])
    db.close_all()


def test_villages_and_communities_are_scored_where_activities_name_them(scorecard):
    communities = scorecard.community.areas
    assert len(communities) > 500
    assert communities["rank_median"].notna().all()
    assert communities["tier"].isin(["good", "fair", "focus"]).all()


def test_page_on_the_demo_with_changed_weights(demo_db, monkeypatch, period):
    monkeypatch.setenv("FRAUDFREE_DB", str(demo_db))
    page = AppTest.from_file(str(db.ROOT / "views" / "scorecard.py"), default_timeout=120)
    page.session_state["_filters"] = Filters(*period)
    page.session_state[auth_ui.USER_KEY] = None  # the open demo, as the router's sign-in gate leaves it
    page.run()
    next(n for n in page.number_input if n.label.startswith("预防")).set_value(0.0).run()
    db.close_all()
    assert not page.exception
    tiers = {m.label: m.value for m in page.metric}
    assert tiers["达标"] == "1 个"
    assert page.code[0].value.startswith("益都街道")
