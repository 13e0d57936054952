"""`import`, `batches`, `undo`, `templates` and `summary` as data-contract.md drives them: JSON keys and exit codes."""

import json
import os
import subprocess
import sys

from fraudfree import db
from tests.ingest_support import FIXTURES

pytest_plugins = ["tests.ingest_databases"]  # the county_db fixture

FINDING_KEYS = {"file", "sheet", "row", "column", "value", "message"}


def cli(*args: str) -> tuple[int, dict | str]:
    done = subprocess.run([sys.executable, "-m", "fraudfree", *args], capture_output=True, text=True, cwd=db.ROOT)
    try:
        return done.returncode, json.loads(done.stdout)
    except json.JSONDecodeError:
        return done.returncode, done.stdout + done.stderr


def test_import_then_duplicate_then_undo_through_the_command_line(county_db):
    code, report = cli("import", str(FIXTURES / "warnings_duplicates.tsv"), "--db", str(county_db), "--json")
    assert code == 0
    assert {"batch", "status", "rows", "warnings", "errors"} <= set(report)
    assert (report["status"], report["batch"]) == ("imported", 2)
    assert report["rows"]["warnings"] == {"read": 5, "written": 3, "skipped": 2, "added": 3, "updated": 0}
    assert all(set(w) >= FINDING_KEYS for w in report["warnings"]) and report["warnings"][0]["row"] == 4

    code, again = cli("--db", str(county_db), "--json", "import", str(FIXTURES / "warnings_duplicates.tsv"))
    assert (code, again["status"], again["batch"]) == (0, "duplicate", 2)

    code, batches = cli("batches", "--db", str(county_db), "--json")
    assert code == 0 and [(b["batch"], b["source"], b["status"]) for b in batches["batches"]] == [
        (2, "import", "committed"),
        (1, "init", "committed"),
    ]
    assert batches["batches"][0]["file_name"] == "warnings_duplicates.tsv"

    assert cli("undo", "2", "--db", str(county_db), "--json") == (0, {"batch": 2, "status": "undone"})
    code, failed = cli("undo", "2", "--db", str(county_db), "--json")
    assert code == 1 and failed["status"] == "failed"


def test_refused_import_exits_1_and_writes_nothing_and_dry_run_writes_nothing(county_db):
    code, report = cli("import", str(FIXTURES / "errors_many.xlsx"), "--db", str(county_db), "--json")
    assert (code, report["status"], report["batch"]) == (1, "refused", None)
    assert len(report["errors"]) == 10 and all(set(e) >= FINDING_KEYS for e in report["errors"])
    code, report = cli("import", str(FIXTURES / "venues_v1.xlsx"), "--dry-run", "--db", str(county_db), "--json")
    assert (code, report["status"]) == (0, "dry-run")
    code, summary = cli("summary", "--db", str(county_db), "--json")
    assert summary["kinds"]["venues"] == {"rows": 0, "screens": 0}
    assert summary["kinds"]["warnings"]["rows"] == 0


def test_usage_errors_exit_2(county_db):
    assert cli("import", "--db", str(county_db))[0] == 2
    assert cli("import", str(FIXTURES / "two_kinds.xlsx"), "--kind", "nonsense", "--db", str(county_db))[0] == 2
    assert cli("summary", "--period", "2021-13:", "--db", str(county_db))[0] == 2


def test_summary_per_period_counts_current_rows_with_english_column_names(county_db):
    files = [str(FIXTURES / n) for n in ("activities_gbk_title_total.csv", "activities_legacy.xls", "population.txt")]
    assert cli("import", *files, "--db", str(county_db), "--json")[0] == 0
    code, march = cli("summary", "--period", "2021-03:2021-03", "--db", str(county_db), "--json")
    assert code == 0
    assert march["kinds"]["activities"] == {
        "rows": 6,
        "staff": 0,
        "reach": 29220,
        "households": 335,
        "materials": 5380,
        "app_signups": 0,
    }
    assert march["kinds"]["population"] == {"rows": 2, "population": 121500, "households": 42600, "aged_60_plus": 31100}
    code, up_to_july = cli("summary", "--period", ":2021-07", "--db", str(county_db), "--json")
    assert up_to_july["kinds"]["activities"]["rows"] == 6, "August's activities are after the period"
    assert up_to_july["kinds"]["population"]["population"] == 962382


def test_commands_go_through_the_app_while_it_holds_the_database(county_db):
    """The app keeps the file open; import, batches, summary and undo reach it through its queue."""
    holder = subprocess.Popen(
        [sys.executable, str(db.ROOT / "tests" / "auth" / "hold_database.py"), str(county_db), "--serve"],
        cwd=db.ROOT,
        env={**os.environ, "PYTHONPATH": str(db.ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        code, report = cli("import", str(FIXTURES / "two_kinds.xlsx"), "--db", str(county_db), "--json")
        assert (code, report["status"], report["batch"]) == (0, "imported", 2)
        code, listed = cli("batches", "--db", str(county_db), "--json")
        assert listed["batches"][0]["batch"] == 2
        code, sums = cli("summary", "--db", str(county_db), "--json")
        assert sums["kinds"]["survey"] == {"rows": 2, "sampled": 350, "aware": 327}
        assert cli("undo", "2", "--db", str(county_db), "--json") == (0, {"batch": 2, "status": "undone"})
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
