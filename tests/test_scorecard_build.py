"""The whole scorecard on a small hand-made 青州市 database: inputs from SQL, criteria, tiers, advice, missing data."""

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from fraudfree import db
from fraudfree.scorecard import card, settings
from tests.scorecard_county import D2022, LAGGARD, WANGFEN, YIDU, small_county


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    target = tmp_path_factory.mktemp("scorecard") / "county.duckdb"
    small_county(target)
    yield target
    db.close_all()


@pytest.fixture(scope="module")
def scorecard(path):
    return card.build(path, *D2022, settings.defaults())


def test_wangfen_meets_every_default_criterion(scorecard):
    wangfen = scorecard.criteria[scorecard.criteria["code"] == WANGFEN]
    assert wangfen["met"].all() and len(wangfen) == 4
    assert scorecard.township.areas.loc[WANGFEN, "tier"] == "certified"


def test_the_laggard_is_a_priority_and_certain_to_be_in_the_bottom_quarter(scorecard):
    laggard = scorecard.township.areas.loc[LAGGARD]
    assert laggard["tier"] == "focus" and laggard["p_bottom"] == 1.0
    assert laggard["rank_median"] == 13


def test_a_township_without_a_survey_is_scored_with_awareness_listed_as_missing(scorecard):
    yidu = scorecard.township.areas.loc[YIDU]
    assert yidu["missing"] == ["awareness"]
    assert 0.8 < yidu["weight_share"] < 1 and not np.isnan(yidu["score"])
    assert np.isnan(scorecard.township.values.loc[YIDU, "awareness"])
    detail = scorecard.criteria.query("code == @YIDU and criterion == 'awareness'").iloc[0]
    assert not detail["known"] and not detail["met"]


def test_county_figures_are_pooled_over_townships(scorecard):
    inputs = scorecard.inputs
    assert scorecard.county["app_rate"] == pytest.approx(inputs["registered"].sum() / inputs["population"].sum())


def test_zero_case_streak_runs_to_the_latest_month_with_case_data(scorecard):
    streak = scorecard.criteria.query("code == @WANGFEN and criterion == 'zero_case_months'").iloc[0]
    assert streak["value"] == 9
    assert scorecard.cases_as_of == pd.Timestamp(2022, 12, 1)


def test_advice_names_the_laggard_first_with_its_lagging_indicators_and_gaps(scorecard):
    advice = scorecard.advice
    assert advice.iloc[0]["code"] == LAGGARD
    text = advice.iloc[0]["advice"]
    assert text.startswith("黄楼街道（重点关注")
    assert "同类乡镇" in text and "刷单返利" in text and "距无诈达标" in text and "人注册" in text
    assert WANGFEN not in set(advice["code"])


def test_communities_are_scored_on_their_own_level(scorecard):
    communities = scorecard.community.areas
    assert len(communities) == 13 and communities["name"].str.endswith("村").all()
    assert set(communities["tier"]) <= {"good", "fair", "focus"}
    assert not communities["certified"].any()


def test_an_indicator_without_any_data_is_left_out_for_everyone(path):
    sc = card.build(path, dt.date(2021, 1, 1), dt.date(2021, 12, 1), settings.defaults())
    assert {"awareness", "dissuasion_rate", "reach_per_1k", "household_coverage"} <= set(sc.township.no_data)
    assert sc.township.weights["awareness"] == 0
    assert sc.township.areas["score"].notna().all()
    assert sc.community is None


def test_default_period_is_the_last_twelve_months_of_data(path):
    assert card.resolve_period(path, None, None) == D2022
    assert card.resolve_period(path, dt.date(2022, 7, 1), None) == (dt.date(2022, 7, 1), dt.date(2022, 12, 1))


def test_remembered_scorecards_last_until_the_next_write(path):
    first = card.remembered(path, *D2022, settings.defaults())
    assert card.remembered(path, *D2022, settings.defaults()) is first
    assert card.remembered(path, *D2022, dataclasses.replace(settings.defaults(), seed=3)) is not first
    settings.save_preset(db.connection(path), "写入", settings.defaults())
    assert card.remembered(path, *D2022, settings.defaults()) is not first
