"""Every undo (command, app queue, page) first copies the database; the copy restores the state before the undo,
and no copy means no undo."""

import duckdb
import pytest
from auth_helpers import run_command

from fraudfree import backup, cli, db
from fraudfree.ingest import history
from tests.ingest_support import import_fixtures

pytest_plugins = ["tests.ingest_databases"]  # county_db: an empty 青州市 database

DATA = {
    "venues": "select * from venues_versions order by all",
    "batches": "select batch_id, status from import_batches order by batch_id",
    "undo_entries": "select count(*) from audit_log where action = 'undo'",
}


@pytest.fixture
def database(county_db):
    """The database the `hold` fixture holds: 青州市 with venues_v1.xlsx imported as batch 2."""
    con = db.open_db(county_db)
    assert import_fixtures(con, "venues_v1.xlsx").batch == 2
    con.close()
    return county_db


def state(path) -> dict:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in DATA.items()}
    finally:
        con.close()


def test_an_undo_command_leaves_a_backup_that_restores_the_state_before_the_undo(database, capsys):
    before = state(database)
    assert cli.main(["undo", "2", "--db", str(database)]) == 0
    said = capsys.readouterr().out
    db.close_all()
    copies = list((database.parent / "backups").glob("*-before-undo-2.duckdb"))
    assert len(copies) == 1 and str(copies[0]) in said and "restore" in said
    undone = state(database)
    assert undone["venues"] == [] and undone["batches"][-1] == (2, "undone")
    assert state(copies[0]) == before

    assert cli.main(["restore", str(copies[0]), "--db", str(database)]) == 0
    assert state(database) == before  # the three venues and batch 2 are back, as before the undo


def test_an_undo_through_the_app_queue_leaves_the_backup_beside_the_apps_database(database, hold):
    before = state(database)
    hold("--serve")
    finished = run_command("undo", "2", "--db", str(database), "--json")
    assert finished.returncode == 0 and '"undone"' in finished.stdout, finished.stderr
    [copy] = (database.parent / "backups").glob("*-before-undo-2.duckdb")
    assert state(copy) == before


def test_an_undo_whose_backup_cannot_be_written_changes_nothing_and_says_why(database, monkeypatch):
    def disk_full(con, out):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "copy_connection", disk_full)
    before = state(database)
    con = db.connection(database)
    undone = history.undo(con, 2, "li")
    assert not undone.done and undone.backup is None
    assert "未撤销批次 2" in undone.message and "No space left on device" in undone.message
    db.close_all()
    assert state(database) == before


def test_a_refused_undo_takes_no_backup(database):
    con = db.connection(database)
    assert not history.undo(con, 99, "li").done
    db.close_all()
    assert not (database.parent / "backups").exists()
