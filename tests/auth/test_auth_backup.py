"""`backup` and `restore`: a consistent copy (also while the app holds and writes the database), the round
trip back, refusals, and the automatic copy before an undo."""

import json

import duckdb
import pytest
from auth_helpers import PASSWORD, add_account, run_command

from fraudfree import auth, backup, cli, db


def rows(path, sql):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_backup_and_restore_round_trip_brings_back_accounts_audit_and_ids(database, tmp_path, capsys):
    con = db.connection(database)
    add_account(con, "zhang", "planner")
    db.close_all()
    copy = tmp_path / "copy.duckdb"
    assert cli.main(["backup", "--out", str(copy), "--db", str(database), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["via"] == "direct"

    con = db.connection(database)  # changes after the backup, which the restore undoes
    add_account(con, "li", "admin")
    auth.set_role(con, "zhang", "viewer", actor="test")
    db.close_all()
    assert cli.main(["restore", str(copy), "--db", str(database), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)

    con = db.connection(database)
    assert [(u["name"], u["role"]) for u in auth.list_users(con)] == [("zhang", "planner")]
    assert auth.verify(con, "zhang", PASSWORD)
    restore_entry = auth.audit_entries(con, ["restore"])[0]
    assert restore_entry["file_name"] == "copy.duckdb"
    assert restore_entry["id"] == 2  # the id sequence came back with the data: user_add was 1
    db.close_all()
    previous = rows(result["previous"], "select name, role from users order by name")
    assert previous == [("li", "admin"), ("zhang", "viewer")]  # the replaced file is kept


def test_backup_while_the_app_holds_and_writes_the_database_is_consistent(database, hold, tmp_path):
    app = hold("--serve", "--write")
    copies = []
    for n in range(2):
        copy = tmp_path / f"copy-{n}.duckdb"
        finished = run_command("backup", "--out", str(copy), "--db", str(database), "--json")
        assert finished.returncode == 0, finished.stderr
        assert json.loads(finished.stdout)["via"] == "app"
        copies.append(copy)
    for copy in copies:
        written, entries = rows(
            copy,
            "select (select value::int from settings where key = 'writes'), "
            "(select count(*) from audit_log where action = 'export')",
        )[0]
        assert written == entries > 0  # every transaction wholly in the copy, none half
    assert app.poll() is None  # the app went on running
    assert not list(database.parent.glob(f"{database.name}.queue/*.duckdb"))  # nothing left in the queue


def test_restore_is_refused_while_the_app_holds_the_database(database, hold, tmp_path):
    copy = tmp_path / "copy.duckdb"
    backup.copy_file(database, copy)
    hold("--serve")
    finished = run_command("restore", str(copy), "--db", str(database))
    assert finished.returncode == 1
    assert "stop the dashboard first" in finished.stderr and "请先停止看板" in finished.stderr
    assert str(database) in finished.stderr
    assert not list(tmp_path.glob("*before-restore*"))


def test_restore_refuses_a_file_that_is_not_a_backup(database, tmp_path, capsys):
    not_a_database = tmp_path / "cases.xlsx"
    not_a_database.write_bytes(b"PK\x03\x04 a spreadsheet")
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    for file in (not_a_database, empty, tmp_path / "missing.duckdb"):
        assert cli.main(["restore", str(file), "--db", str(database)]) == 1
        assert str(file) in capsys.readouterr().err


def test_restore_refuses_a_backup_from_a_newer_program(database, tmp_path, capsys):
    newer = tmp_path / "newer.duckdb"
    backup.copy_file(database, newer)
    con = duckdb.connect(str(newer))
    con.execute("insert into schema_version values (?, current_timestamp)", [db.SCHEMA_VERSION + 1])
    con.close()
    assert cli.main(["restore", str(newer), "--db", str(database)]) == 1
    assert "upgrade the program" in capsys.readouterr().err


def test_before_undo_copies_the_database_and_keeps_only_the_newest(database, monkeypatch):
    monkeypatch.setattr(backup, "KEEP_UNDO_SNAPSHOTS", 2)
    con = db.connection(database)
    add_account(con, "zhang", "viewer")
    made = [backup.before_undo(con, batch_id) for batch_id in (7, 8, 9)]
    kept = sorted(p.name for p in (database.parent / "backups").iterdir())
    assert kept == sorted(p.name for p in made[1:]) and made[-1].name.endswith("-before-undo-9.duckdb")
    db.close_all()
    assert rows(made[-1], "select name from users") == [("zhang",)]


@pytest.mark.parametrize("name", ["it's here.duckdb", "备份 2024.duckdb"])
def test_backup_paths_with_quotes_and_chinese_work(database, tmp_path, name):
    out = tmp_path / name
    assert backup.copy_file(database, out)["file"] == str(out)
    assert rows(out, "select max(version) from schema_version") == [(db.SCHEMA_VERSION,)]
