"""无诈达标 criteria: each rule met or not, and what is still missing, in numbers."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from fraudfree.scorecard import criteria
from fraudfree.scorecard.criteria import Criterion

MONTHS = [dt.date(2022, m, 1) for m in range(1, 7)]


def monthly(rows: dict[str, list[int]], months=MONTHS) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"township_code": code, "month": m, "cases": c}
            for code, counts in rows.items()
            for m, c in zip(months, counts, strict=True)
        ]
    )


def areas(**columns) -> pd.DataFrame:
    base = {
        "cases": 0.0,
        "loss": 0.0,
        "cases_prior": 0.0,
        "loss_prior": 0.0,
        "population": 10_000.0,
        "households": 4_000.0,
        "registered": 8_000.0,
        "households_visited": 3_600.0,
        "warnings": 100.0,
        "dissuaded": 95.0,
        "sampled": 200.0,
        "aware": 190.0,
    }
    base.update(columns)
    return pd.DataFrame(base, index=pd.Index(["A"], name="code"))


def only(key: str, threshold: float) -> dict[str, Criterion]:
    return {key: Criterion(key, True, threshold)}


def result(frame: pd.DataFrame, key: str, threshold: float, streak=None) -> pd.Series:
    streak = pd.Series(np.nan, index=frame.index) if streak is None else streak
    return criteria.evaluate(frame, streak, only(key, threshold)).iloc[0]


def test_streak_counts_trailing_months_without_cases():
    frame = monthly({"A": [1, 0, 0, 0, 0, 0], "B": [0, 0, 0, 0, 0, 0], "C": [0, 0, 0, 0, 0, 2]})
    streak, as_of = criteria.zero_case_streak(frame, pd.Series(["A", "B", "C"]))
    assert streak.to_dict() == {"A": 5, "B": 6, "C": 0}
    assert as_of == pd.Timestamp(2022, 6, 1)


def test_a_month_without_any_case_data_breaks_the_streak():
    months = [m for m in MONTHS if m.month != 4]
    streak, _ = criteria.zero_case_streak(monthly({"B": [0, 0, 0, 0, 0]}, months), pd.Series(["B"]))
    assert streak["B"] == 2


def test_a_township_without_rows_in_a_month_with_data_had_no_case():
    frame = monthly({"A": [0, 0, 0, 0, 0, 1]})
    streak, _ = criteria.zero_case_streak(frame, pd.Series(["A", "Z"]))
    assert streak["Z"] == 6


def test_zero_case_months_met_and_missing():
    frame = areas()
    met = result(frame, "zero_case_months", 6, pd.Series({"A": 8.0}))
    short = result(frame, "zero_case_months", 6, pd.Series({"A": 2.0}))
    assert met["met"] and not short["met"]
    assert short["gap"] == 4
    assert (
        criteria.describe(short, as_of=pd.Timestamp(2022, 12, 1)) == "连续零发案 2 个月（截至2022年12月），还需 4 个月"
    )


def test_app_rate_gap_is_the_registrations_still_needed():
    row = result(areas(registered=4_800.0), "app_rate", 0.8)
    assert not row["met"] and row["gap"] == 3_200
    assert "还差 3,200 人注册" in criteria.describe(row)
    assert result(areas(registered=8_000.0), "app_rate", 0.8)["met"]


def test_household_coverage_gap_in_households():
    row = result(areas(households_visited=3_000.0), "household_coverage", 0.9)
    assert not row["met"] and row["gap"] == 600
    assert "还差 600 户" in criteria.describe(row)


def test_awareness_gap_in_percentage_points_and_no_survey_is_not_met():
    row = result(areas(aware=180.0), "awareness", 0.92)
    assert not row["met"] and row["gap"] == pytest.approx(0.02)
    assert "还差 2.0 个百分点" in criteria.describe(row)
    unknown = result(areas(sampled=np.nan, aware=np.nan), "awareness", 0.92)
    assert not unknown["known"] and not unknown["met"]
    assert criteria.describe(unknown) == "本期没有知晓率调查"


def test_case_reduction_counts_the_cases_over_the_target():
    row = result(areas(cases=9.0, cases_prior=10.0), "case_change", -0.15)
    assert not row["met"] and row["gap"] == 1  # at most 8 of last year's 10
    assert result(areas(cases=8.0, cases_prior=10.0), "case_change", -0.15)["met"]


def test_case_reduction_with_none_last_year_needs_none_now():
    assert result(areas(cases=0.0, cases_prior=0.0), "case_change", -0.15)["met"]
    row = result(areas(cases=2.0, cases_prior=0.0), "case_change", -0.15)
    assert not row["met"] and row["gap"] == 2


def test_loss_reduction_gap_in_yuan():
    row = result(areas(loss=90_000.0, loss_prior=100_000.0), "loss_change", -0.2)
    assert not row["met"] and row["gap"] == pytest.approx(10_000)
    assert "还需再少损失 1万元" in criteria.describe(row)


def test_dissuasion_rate_gap_in_people():
    row = result(areas(warnings=100.0, dissuaded=85.0), "dissuasion_rate", 0.9)
    assert not row["met"] and row["gap"] == 5


def test_certified_only_when_every_enabled_criterion_is_met():
    frame = pd.concat([areas(), areas(registered=100.0).rename(index={"A": "B"})])
    rules = {
        "app_rate": Criterion("app_rate", True, 0.8),
        "household_coverage": Criterion("household_coverage", True, 0.9),
        "awareness": Criterion("awareness", False, 0.99),  # disabled: not judged
    }
    results = criteria.evaluate(frame, pd.Series(np.nan, index=frame.index), rules)
    assert set(results["criterion"]) == {"app_rate", "household_coverage"}
    assert criteria.certified(results, frame.index).to_dict() == {"A": True, "B": False}
