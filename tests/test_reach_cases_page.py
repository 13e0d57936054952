"""覆盖与发案 through AppTest: the whole app (router, filter bar, page) with filters set from the URL."""

import datetime as dt
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from fraudfree import db, fmt, overview, queries
from fraudfree.analytics import reach_cases
from fraudfree.county import init_area
from fraudfree.filters import Filters

WANGFU, WANGFEN = "370781001", "370781101"
YEAR_2021 = "2021-01:2021-12"
SHORT_QUADRANT_NAMES = {"consolidate": "巩固", "investigate": "查因", "watch": "关注", "priority": "优先"}


@pytest.fixture(scope="module")
def database(demo_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("reach_page") / "demo.duckdb"
    shutil.copy(demo_db, path)
    return path


def open_page(path, monkeypatch, **query) -> AppTest:
    monkeypatch.setenv("FRAUDFREE_DB", str(path))
    at = AppTest.from_file(str(db.ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()  # AppTest finds pages registered by st.navigation only after a first run
    at.switch_page("views/reach_cases.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(autouse=True)
def fresh_cache():
    yield
    db.close_all()
    queries.clear_cache()


def tiles(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_one_township_one_year_one_fraud_type_shows_that_townships_figures(database, monkeypatch):
    at = open_page(database, monkeypatch, t=WANGFEN, period=YEAR_2021, ft="刷单返利")
    expected = reach_cases.load(database, Filters(dt.date(2021, 1, 1), dt.date(2021, 12, 1), (WANGFEN,), ("刷单返利",)))
    shown = tiles(at)
    assert shown["发案数"] == fmt.number(expected.selection["cases"])
    assert shown["每万人发案率"] == overview.measure_format("case_rate_per_10k", "zh")(
        expected.selection["case_rate_per_10k"]
    )
    quadrant = expected.townships.set_index("code").loc[WANGFEN, "quadrant"]
    assert shown["所处象限"] == SHORT_QUADRANT_NAMES[quadrant]
    assert any("已选 1 个乡镇街道：王坟镇" in c.value for c in at.caption)
    # Two maps, the scatter, the funnel and the small multiples; the rate table beside them.
    assert len(at.get("plotly_chart")) == 5
    assert len(at.dataframe) == 1


def test_rate_table_lists_every_township_with_raw_interval_and_smoothed_rates(database, monkeypatch):
    at = open_page(database, monkeypatch, period=YEAR_2021)
    table = at.dataframe[0].value
    assert len(table) == 13
    row = table.set_index("code").loc[WANGFEN]
    assert row["ci_low"] <= row["case_rate_per_10k"] <= row["ci_high"]
    assert {"eb_case_rate_per_10k", "quadrant", "funnel"} <= set(table.columns)
    # Ordered by the smoothed rate, highest first: the list planners read from the top.
    assert table["eb_case_rate_per_10k"].is_monotonic_decreasing


def test_choosing_venues_per_10k_as_reach_measure_shows_it_in_the_tile(database, monkeypatch):
    at = open_page(database, monkeypatch, t=WANGFEN, period=YEAR_2021)
    at.selectbox(key="reach_cases_reach.zh").select("venues_per_10k").run()
    assert not at.exception
    expected = reach_cases.load(
        database, Filters(dt.date(2021, 1, 1), dt.date(2021, 12, 1), (WANGFEN,)), reach_measure="venues_per_10k"
    )
    value = overview.measure_format("venues_per_10k", "zh")(expected.selection["venues_per_10k"])
    assert tiles(at)["每万人宣传阵地数"] == value


def test_english_page_with_two_townships_reads_in_english(database, monkeypatch):
    at = open_page(database, monkeypatch, t=f"{WANGFU},{WANGFEN}", period=YEAR_2021, lang="en")
    assert at.title[0].value == "Reach vs cases"
    assert "Cases per 10,000" in tiles(at)
    assert any("2 townships selected: Wangfu Subdistrict, Wangfen Town" in c.value for c in at.caption)


def test_a_database_without_data_shows_a_friendly_message(tmp_path, monkeypatch):
    path = tmp_path / "empty.duckdb"
    con = db.open_db(path)
    init_area(con, "370781")
    con.close()
    at = open_page(path, monkeypatch)
    assert at.info and "还没有数据" in at.info[0].value
    assert not at.metric
