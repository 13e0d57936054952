"""One writer, many readers: commands against a database another process holds either go through the app's
queue or say clearly who holds it; `health` for a supervisor."""

import json
import time

import duckdb
from auth_helpers import PASSWORD, run_command

from fraudfree import app_queue, cli


def test_a_command_says_who_holds_the_database_and_exits_1_without_waiting(database, hold):
    holder = hold()  # a process that holds the file but serves no queue, e.g. a long import
    started = time.monotonic()
    finished = run_command("users", "list", "--db", str(database))
    assert finished.returncode == 1 and time.monotonic() - started < 20
    assert f"PID {holder.pid}" in finished.stderr and str(database) in finished.stderr
    assert "独占使用" in finished.stderr and "changed nothing" in finished.stderr


def test_account_commands_go_through_the_app_that_holds_the_database(database, hold):
    hold("--serve")
    added = run_command(
        "users",
        "add",
        "zhang",
        "--role",
        "uploader",
        "--password-stdin",
        "--db",
        str(database),
        stdin=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert added.returncode == 0, added.stderr
    listed = run_command("users", "list", "--json", "--db", str(database))
    assert [(u["name"], u["role"]) for u in json.loads(listed.stdout)["users"]] == [("zhang", "uploader")]
    refused = run_command(
        "users",
        "add",
        "zhang",
        "--role",
        "viewer",
        "--password-stdin",
        "--db",
        str(database),
        stdin=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert refused.returncode == 1 and "exists already" in refused.stderr  # the app's refusal, relayed
    audited = run_command("audit", "--json", "--db", str(database))
    assert [e["action"] for e in json.loads(audited.stdout)["entries"]] == ["user_add"]


def test_an_app_that_beats_but_does_not_answer_is_reported_not_waited_for(database, hold, monkeypatch, capsys):
    holder = hold()
    queue = app_queue.queue_dir(database)
    queue.mkdir()
    (queue / "app.json").write_text(json.dumps({"pid": holder.pid, "beat": time.time() + 60}))
    monkeypatch.setattr(app_queue, "CLAIM_TIMEOUT_SECONDS", 0.5)
    assert cli.main(["users", "list", "--db", str(database)]) == 1
    assert "did not answer" in capsys.readouterr().err
    assert not list(queue.glob("*.request.json"))  # the request was taken back


def test_health_is_ok_directly_and_through_the_app(database, hold):
    direct = run_command("health", "--json", "--db", str(database))
    assert direct.returncode == 0 and json.loads(direct.stdout)["via"] == "direct"
    hold("--serve")
    through_app = run_command("health", "--json", "--db", str(database))
    assert through_app.returncode == 0, through_app.stdout
    assert json.loads(through_app.stdout) | {"db": None} == {
        "ok": True,
        "db": None,
        "via": "app",
        "schema_version": app_queue.db.SCHEMA_VERSION,
        "expected_schema_version": app_queue.db.SCHEMA_VERSION,
        "townships": 0,
    }


def test_health_fails_when_something_else_holds_the_database(database, hold, capsys):
    hold()
    assert cli.main(["health", "--json", "--db", str(database)]) == 1
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "held"


def test_health_fails_for_a_missing_database_or_another_schema(tmp_path, capsys):
    missing = tmp_path / "missing.duckdb"
    assert cli.main(["health", "--json", "--db", str(missing)]) == 1
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "no_database"
    assert not missing.exists()
    old = tmp_path / "old.duckdb"
    con = duckdb.connect(str(old))
    con.execute(
        "create table schema_version (version integer, applied_at timestamp); "
        "insert into schema_version values (2, current_timestamp); create table townships (code varchar)"
    )
    con.close()
    assert cli.main(["health", "--db", str(old)]) == 1
    assert "schema 2" in capsys.readouterr().out


def test_any_command_that_finds_the_app_holding_the_database_says_so_and_what_to_do(database, hold, capsys):
    app = hold("--serve")
    assert cli.main(["rates", "--db", str(database)]) == 1
    said = capsys.readouterr().err
    assert f"PID {app.pid}" in said and str(database) in said and "stop the dashboard" in said
