"""Follow-up advice: similar townships, lagging indicators, local frauds and victims, best methods per activity."""

import numpy as np
import pandas as pd

from fraudfree.scorecard import advice, card, criteria, indicators

CODES = ["A", "B", "C", "D", "E"]


def inputs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "urban_share": [0.9, 0.88, 0.2, 0.25, 0.3],
            "aged_60_plus": [9_000, 9_500, 15_000, 14_000, 16_000],
            "population": [60_000, 62_000, 50_000, 48_000, 52_000],
        },
        index=pd.Index(CODES, name="code"),
    )


def level(tiers, app_rate) -> card.Level:
    inds = tuple(i for i in indicators.TOWNSHIP if i.key == "app_rate")
    areas = pd.DataFrame(
        {
            "name": [f"{c}镇" for c in CODES],
            "county_name": "某县",
            "tier": tiers,
            "p_bottom": [0.0, 0.1, 0.2, 0.3, 0.9],
            "certified": False,
        },
        index=pd.Index(CODES, name="code"),
    )
    values = pd.DataFrame({"app_rate": app_rate}, index=areas.index)
    return card.Level("township", inds, {"app_rate": 1.0}, areas, values, values, (), 1000)


def test_similar_townships_are_the_nearest_in_urban_share_age_and_size():
    peers = advice.similar_areas(inputs(), peers=2)
    assert peers[0][0] == 1  # the other urban subdistrict
    assert set(peers[4]) == {2, 3}  # a rural town's peers are the rural towns


def test_advice_for_the_laggard_names_lag_frauds_ages_methods_and_gaps():
    lvl = level(["good", "good", "fair", "fair", "focus"], [0.7, 0.72, 0.65, 0.66, 0.4])
    fraud_types = pd.DataFrame(
        {
            "township_code": ["E", "E", "C"],
            "fraud_type": ["冒充公检法", "刷单返利", "刷单返利"],
            "cases": [6, 2, 5],
            "loss": [0, 0, 0],
        }
    )
    ages = pd.DataFrame({"township_code": ["E", "E", "C"], "age_band": [">65", "18-40", "18-40"], "victims": [5, 3, 5]})
    methods = pd.DataFrame(
        {
            "township_code": ["C", "C", "D", "D", "E"],
            "method": ["文艺演出", "线上推送", "文艺演出", "入户走访", "入户走访"],
            "channel": ["大喇叭", "微信群", "大喇叭", "面对面", ""],
            "activities": [5, 10, 5, 10, 3],
            "reach": [3_000, 2_000, 2_000, 1_000, 90],
        }
    )
    gaps = pd.DataFrame(
        {
            "code": ["E"],
            "criterion": ["app_rate"],
            "value": [0.4],
            "threshold": [0.8],
            "known": [True],
            "met": [False],
            "gap": [20_800.0],
        }
    )
    result = advice.follow_up(lvl, inputs(), {"app_rate": 0.62}, gaps, None, fraud_types, ages, methods)
    assert list(result["code"]) == ["E", "D", "C"]  # lowest tiers only, likeliest bottom quarter first
    text = result.iloc[0]["advice"]
    assert text.startswith("E镇（重点关注，进入后四分之一的概率 90%）：")
    assert "反诈APP注册率（本地 40.0%，全县 62.0%，同类乡镇 68.0%）" in text
    assert "冒充公检法 6 起（占 75%，全县 46%）" in text
    assert "65岁以上占 62%（全县 38%）" in text
    assert "文艺演出（平均每次 500 人次）" in text and "渠道是大喇叭（平均每次 500 人次）" in text
    assert "还差 2.08万 人注册" in text


def test_no_advice_when_no_township_is_in_the_lowest_tiers():
    lvl = level(["good"] * 5, [0.7] * 5)
    empty = pd.DataFrame(
        columns=[
            "township_code",
            "fraud_type",
            "cases",
            "age_band",
            "victims",
            "method",
            "channel",
            "activities",
            "reach",
        ]
    )
    result = advice.follow_up(
        lvl, inputs(), {}, criteria.evaluate(pd.DataFrame(), pd.Series(dtype=float), {}), None, empty, empty, empty
    )
    assert result.empty and list(result.columns) == list(advice.COLUMNS)


def test_lag_scores_are_in_standard_deviations_and_positive_when_worse():
    lvl = level(["fair"] * 5, [0.7, 0.72, 0.65, 0.66, 0.4])
    peers = advice.similar_areas(inputs())
    lag = advice.lag_scores(lvl, {"app_rate": 0.62}, peers)
    assert lag.loc["E", "app_rate"] > 1 and lag.loc["B", "app_rate"] < 0
    assert np.isfinite(lag.to_numpy()).all()
