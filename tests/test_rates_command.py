"""`python -m fraudfree rates`: case rates per township on a small 青州市 database, through the command line."""

import datetime as dt
import json
import os
import subprocess
import sys

import pandas as pd
import pytest
from scipy import stats

from fraudfree import db, metrics
from fraudfree.rates import township_rates

ROOT = db.ROOT
WANGFU, YIDU, WANGFEN = "370781001", "370781002", "370781101"
TOWNSHIP_KEYS = {"code", "name", "cases", "population", "rate_per_10k", "ci_low", "ci_high", "eb_rate_per_10k"}
D = dt.date


def fraudfree(*args):
    env = {k: v for k, v in os.environ.items() if k != "FRAUDFREE_DB"}
    return subprocess.run(
        [sys.executable, "-m", "fraudfree", *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def insert(cur, table, kind, rows):
    batch = db.new_batch(cur, "import", [kind], {kind: len(rows)})
    db.insert_frame(cur, table, pd.DataFrame(rows).assign(batch_id=batch))
    return batch


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    path = tmp_path_factory.mktemp("rates") / "county.duckdb"
    assert fraudfree("init", "--county", "370781", "--db", path).returncode == 0
    con = db.open_db(path)
    with db.transaction(con) as cur:
        insert(
            cur,
            "cases_versions",
            "cases",
            [
                {"month": D(2021, 1, 1), "township_code": WANGFU, "fraud_type": "刷单返利", "cases": 10},
                {"month": D(2021, 2, 1), "township_code": WANGFU, "fraud_type": "冒充公检法", "cases": 5},
                {"month": D(2022, 1, 1), "township_code": YIDU, "fraud_type": "刷单返利", "cases": 7},
            ],
        )
        # A cell later replaced: only the current value (3) counts.
        first = insert(
            cur,
            "cases_versions",
            "cases",
            [{"month": D(2021, 3, 1), "township_code": WANGFEN, "fraud_type": "刷单返利", "cases": 99}],
        )
        second = insert(
            cur,
            "cases_versions",
            "cases",
            [{"month": D(2021, 3, 1), "township_code": WANGFEN, "fraud_type": "刷单返利", "cases": 3}],
        )
        cur.execute("update cases_versions set superseded_by = ? where batch_id = ?", [second, first])
        insert(cur, "population_versions", "population", [{"year": 2022, "township_code": YIDU, "population": 130_000}])
    con.close()
    return path


def rates_json(database, *args):
    done = fraudfree("rates", "--db", database, "--json", *args)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    return result, {row["code"]: row for row in result["townships"]}


def test_json_has_exactly_the_contract_keys_for_county_and_every_township(database):
    result, townships = rates_json(database, "--period", "2021-01:2021-12")
    assert set(result) == {"county", "townships"}
    assert set(result["county"]) == {"cases", "population", "rate_per_10k"}
    assert len(townships) == 13
    assert all(set(row) == TOWNSHIP_KEYS for row in townships.values())
    assert townships[WANGFU]["name"] == "王府街道"


def test_year_2021_counts_current_cases_with_rates_and_garwood_intervals_per_10k(database):
    result, townships = rates_json(database, "--period", "2021-01:2021-12")
    assert result["county"] == {"cases": 18, "population": 960_882, "rate_per_10k": pytest.approx(18 / 96.0882)}
    wangfu = townships[WANGFU]
    assert (wangfu["cases"], wangfu["population"]) == (15, 95_000)
    assert wangfu["rate_per_10k"] == pytest.approx(15 / 9.5)
    assert wangfu["ci_low"] == pytest.approx(stats.chi2.ppf(0.025, 30) / 2 / 9.5)
    assert wangfu["ci_high"] == pytest.approx(stats.chi2.ppf(0.975, 32) / 2 / 9.5)
    assert townships[WANGFEN]["cases"] == 3
    assert townships[YIDU]["cases"] == 0 and townships[YIDU]["ci_low"] == 0


def test_smoothed_rates_are_marshall_estimates_between_raw_and_county_rate(database):
    result, townships = rates_json(database, "--period", "2021-01:2021-12")
    rows = list(townships.values())
    expected = metrics.eb_marshall([r["cases"] for r in rows], [r["population"] for r in rows]) * 10_000
    assert [r["eb_rate_per_10k"] for r in rows] == pytest.approx(list(expected))
    county_rate = result["county"]["rate_per_10k"]
    assert county_rate < townships[WANGFU]["eb_rate_per_10k"] < townships[WANGFU]["rate_per_10k"]
    assert 0 < townships[YIDU]["eb_rate_per_10k"] < county_rate


def test_population_is_the_latest_year_up_to_the_period_else_the_earliest(database):
    _, townships_2021 = rates_json(database, "--period", "2021-01:2021-12")
    _, townships_2022 = rates_json(database, "--period", "2022-01:2022-01")
    _, townships_2019 = rates_json(database, "--period", "2019-01:2019-12")
    assert townships_2021[YIDU]["population"] == 120_000
    assert townships_2022[YIDU]["population"] == 130_000
    assert townships_2022[YIDU]["cases"] == 7
    assert townships_2019[YIDU]["population"] == 120_000
    assert all(row["cases"] == 0 and row["eb_rate_per_10k"] == 0 for row in townships_2019.values())


def test_open_period_ends_take_the_first_and_last_month_with_cases(database):
    everything, _ = rates_json(database)
    from_march, _ = rates_json(database, "--period", "2021-03:")
    up_to_february, _ = rates_json(database, "--period", ":2021-02")
    assert everything["county"]["cases"] == 25
    assert from_march["county"]["cases"] == 10
    assert up_to_february["county"]["cases"] == 15


def test_db_and_json_are_accepted_before_the_subcommand(database):
    done = fraudfree("--db", database, "--json", "rates", "--period", "2021-01:2021-01")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["county"]["cases"] == 10


def test_without_json_prints_a_chinese_table_with_the_total_row(database):
    done = fraudfree("rates", "--db", database, "--period", "2021-01:2021-12")
    assert done.returncode == 0
    assert "2021年1月–2021年12月" in done.stdout
    assert "王府街道" in done.stdout and "合计" in done.stdout and "1.58" in done.stdout


@pytest.mark.parametrize("period", ["2021-12:2021-01", "2021/01:2021/03", "2021-01"])
def test_bad_period_exits_2_and_says_why(database, period):
    done = fraudfree("rates", "--db", database, "--period", period)
    assert done.returncode == 2
    assert "时段" in done.stdout


def test_missing_database_exits_1_without_creating_it(tmp_path):
    done = fraudfree("rates", "--db", tmp_path / "missing.duckdb", "--json")
    assert done.returncode == 1
    assert not (tmp_path / "missing.duckdb").exists()


def test_fraud_type_filter_counts_only_those_types(database):
    try:
        result = township_rates(database, D(2021, 1, 1), D(2021, 12, 1), fraud_types=["刷单返利"])
    finally:
        db.close_all()  # release the file for the commands run by other tests
    cases = result.townships.set_index("code")["cases"]
    assert (cases[WANGFU], cases[WANGFEN], result.county["cases"]) == (10, 3, 13)
