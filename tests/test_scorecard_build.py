"""The whole scorecard on a small hand-made 青州市 database: inputs from SQL, criteria, tiers, advice, missing data."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from fraudfree import county, db
from fraudfree.scorecard import card, settings

WANGFEN, WANGFU, YIDU, LAGGARD = "370781101", "370781001", "370781002", "370781007"  # 黄楼街道 lags
MONTHS = [dt.date(y, m, 1) for y in (2021, 2022) for m in range(1, 13)]
D2022 = (dt.date(2022, 1, 1), dt.date(2022, 12, 1))


def insert(cur, kind, rows):
    batch = db.new_batch(cur, "import", [kind], {kind: len(rows)})
    db.insert_frame(cur, f"{kind}_versions", pd.DataFrame(rows).assign(batch_id=batch))


def small_county(path):
    """Cases, registrations, activities, warnings and surveys for 2021–2022. 王坟镇 meets every default
    criterion in 2022; 黄楼街道 has many cases and little publicity; 益都街道 has no survey."""
    con = db.open_db(path)
    county.init_area(con, "370781")
    rng = np.random.default_rng(5)
    people = dict(con.execute("select township_code, population from population").fetchall())
    homes = dict(con.execute("select township_code, households from population").fetchall())
    cases, activities, registrations, warnings, surveys = [], [], [], [], []
    for code, population in people.items():
        rate = {WANGFEN: 0.3, LAGGARD: 3.0}.get(code, 0.8) / 10_000  # cases per resident a month
        for month in MONTHS:
            count = int(rng.poisson(rate * population))
            if code == WANGFEN and month >= dt.date(2022, 4, 1):
                count = 0
            if count:
                cases.append(
                    {
                        "month": month,
                        "township_code": code,
                        "fraud_type": "刷单返利",
                        "cases": count,
                        "loss_yuan": 20_000.0 * count,
                    }
                )
        share = {WANGFEN: 0.85, LAGGARD: 0.3}.get(code, 0.6)
        registrations.append(
            {
                "month": dt.date(2022, 12, 1),
                "township_code": code,
                "app": "国家反诈APP",
                "registered": int(share * population),
            }
        )
        visits = {WANGFEN: 0.95, LAGGARD: 0.1}.get(code, 0.5) * homes[code]
        reach_share = {WANGFEN: 2.0, LAGGARD: 0.1}.get(code, 1.0)
        for i, month in enumerate(MONTHS[12:]):
            activities.append(
                {
                    "date": month + dt.timedelta(days=9),
                    "township_code": code,
                    "community": f"{code[-3:]}村" if i % 2 else None,
                    "method": "入户走访" if i % 3 else "文艺演出",
                    "channel": "面对面",
                    "reach": int(reach_share * population / 12),
                    "households": int(visits / 12) + 1,
                }
            )
        warnings.append(
            {
                "month": dt.date(2022, 6, 1),
                "township_code": code,
                "warnings": 100,
                "dissuaded": 95 if code == WANGFEN else 80,
            }
        )
        if code != YIDU:
            surveys.append(
                {
                    "month": dt.date(2022, 6, 1),
                    "township_code": code,
                    "sampled": 200,
                    "aware": 196 if code == WANGFEN else 170,
                }
            )
    with db.transaction(con) as cur:
        for kind, rows in (
            ("cases", cases),
            ("activities", activities),
            ("app_registrations", registrations),
            ("warnings", warnings),
            ("survey", surveys),
        ):
            insert(cur, kind, rows)
    con.close()


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
