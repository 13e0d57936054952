"""Downloads by role and in the audit log: case-level tables (fraudfree/ui/downloads.py) only for roles with
export_case_level, every download recorded; pages run with AppTest on the demo database as the router leaves them."""

import datetime as dt
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from fraudfree import auth, db, queries
from fraudfree.filters import Filters
from fraudfree.scorecard import card, settings, tables
from fraudfree.ui import auth as auth_ui

YEAR_2021 = Filters(dt.date(2021, 1, 1), dt.date(2021, 12, 1))
WANGFEN = "370781101"
WITHHELD = "仅限规划、录入和管理角色下载"


@pytest.fixture(scope="module")
def database(demo_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("exports") / "demo.duckdb"
    shutil.copy(demo_db, path)
    yield path
    db.close_all()
    queries.clear_cache()


def open_page(database, monkeypatch, page: str, role: str | None, filters: Filters = YEAR_2021) -> AppTest:
    """views/PAGE.py as the router runs it for an account of `role` (None: the open demo)."""
    monkeypatch.setenv("FRAUDFREE_DB", str(database))
    app = AppTest.from_file(str(db.ROOT / "views" / f"{page}.py"), default_timeout=60)
    app.session_state["_filters"] = filters
    app.session_state[auth_ui.USER_KEY] = auth.User(f"{role}1", role) if role else None
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def download_keys(app: AppTest) -> set[str]:
    return {button.key for button in app.download_button}


def withheld(app: AppTest) -> bool:
    return any(WITHHELD in caption.value for caption in app.caption)


def test_a_viewer_gets_no_download_of_the_monthly_township_cases_but_of_the_aggregates(database, monkeypatch):
    app = open_page(database, monkeypatch, "reach_cases", "viewer")
    keys = download_keys(app)
    assert "reach_cases_trend_download_csv" not in keys and "reach_cases_trend_download_xlsx" not in keys
    assert withheld(app)
    assert {"reach_cases_table_download_csv", "reach_cases_funnel_download_xlsx"} <= keys  # township totals


@pytest.mark.parametrize("role", ["planner", "uploader", "admin", None])
def test_roles_with_case_level_exports_and_the_open_demo_get_every_download(database, monkeypatch, role):
    app = open_page(database, monkeypatch, "reach_cases", role)
    assert {"reach_cases_trend_download_csv", "reach_cases_trend_download_xlsx"} <= download_keys(app)
    assert not withheld(app)


def test_a_fraud_type_filter_makes_township_case_tables_case_level_for_a_viewer(database, monkeypatch):
    by_type = Filters(YEAR_2021.start, YEAR_2021.end, fraud_types=("刷单返利",))
    keys = download_keys(open_page(database, monkeypatch, "reach_cases", "viewer", by_type))
    assert "reach_cases_table_download_csv" not in keys and "reach_cases_map_cases_download_csv" not in keys
    assert "reach_cases_map_reach_download_csv" in keys  # publicity, not cases


def test_the_overview_trend_of_chosen_townships_is_case_level_the_county_trend_is_not(database, monkeypatch):
    county = download_keys(open_page(database, monkeypatch, "overview", "viewer"))
    assert {"overview_trend_download_csv", "overview_table_download_csv"} <= county
    one_township = Filters(YEAR_2021.start, YEAR_2021.end, townships=(WANGFEN,))
    chosen = download_keys(open_page(database, monkeypatch, "overview", "viewer", one_township))
    assert "overview_trend_download_csv" not in chosen and "overview_table_download_csv" in chosen


def test_a_download_click_writes_an_export_entry_with_who_what_and_the_file(database, monkeypatch):
    app = open_page(database, monkeypatch, "reach_cases", "planner")
    before = len(auth.audit_entries(db.connection(database), ["export"]))
    app.download_button(key="reach_cases_trend_download_csv").click().run()
    assert not app.exception
    entries = auth.audit_entries(db.connection(database), ["export"])
    assert len(entries) == before + 1
    entry = entries[0]
    assert (entry["user_name"], entry["file_name"]) == ("planner1", "各乡镇街道月度发案率.csv")
    assert entry["detail"]["case_level"] is True and entry["detail"]["format"] == "csv"
    assert entry["detail"]["rows"] > 0


def test_a_viewer_downloading_an_aggregate_is_audited_too(database, monkeypatch):
    app = open_page(database, monkeypatch, "overview", "viewer")
    app.download_button(key="overview_table_download_xlsx").click().run()
    entry = auth.audit_entries(db.connection(database), ["export"])[0]
    assert (entry["user_name"], entry["file_name"], entry["detail"]["case_level"]) == (
        "viewer1",
        "乡镇街道一览.xlsx",
        False,
    )


def test_the_scorecard_workbook_leaves_the_case_level_advice_out_for_a_viewer(database):
    sc = card.build(database, YEAR_2021.start, YEAR_2021.end, settings.defaults())
    full = [table.key for table in tables.all_tables(sc)]
    assert "advice" in full
    assert [table.key for table in tables.all_tables(sc, case_level=False)] == [k for k in full if k != "advice"]
