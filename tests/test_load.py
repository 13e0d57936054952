"""Ten people browse one server in real Chromium while an import commits through the app: no page fails, the
import is imported and no row is lost (issue 7, point 6). Figures for the same scenario: bench/bench_load.py."""

import asyncio

import pytest

from tests.browser_server import copy_db, needs_chromium, serve
from tests.ingest_support import FIXTURES
from tests.load_sessions import PAGES, browse, rows

pytestmark = [pytest.mark.browser, needs_chromium]

SESSIONS = 10
VISITS = 3  # each: the first by its address, then from the sidebar; the ten start at different pages


def test_ten_sessions_browse_while_an_import_commits_without_errors_or_lost_rows(demo_db, tmp_path):
    db = copy_db(demo_db, tmp_path)
    before = rows(db)  # the file is free: counted directly, before the app opens it
    with serve(db) as url:
        outcome = asyncio.run(browse(url, db, SESSIONS, VISITS, FIXTURES / "activities_merged_headers.xlsx"))
        after = rows(db)  # through the app's queue

    failed = [(v.session, v.page, v.failures) for v in outcome.visits if v.failures]
    assert failed == []
    assert {v.page for v in outcome.visits} == set(PAGES)
    assert all(sum(v.session == s for v in outcome.visits) >= VISITS for s in range(SESSIONS))
    # Pages were loading while the import ran.
    assert any(v.started < outcome.import_finished and v.started + v.seconds > outcome.import_started
               for v in outcome.visits)  # fmt: skip

    report = outcome.imported
    assert report["status"] == "imported" and report["errors"] == []
    written = {kind: counts["written"] for kind, counts in report["rows"].items()}
    assert written == {"activities": 5} and report["rows"]["activities"]["updated"] == 0
    assert after == {kind: count + written.get(kind, 0) for kind, count in before.items()}
