"""`users` and `audit` on the command line: exit codes, refusals in Chinese and English, JSON (data-contract.md)."""

import io
import json

import pytest
from auth_helpers import PASSWORD, add_account

from fraudfree import auth, cli, db


@pytest.fixture
def command(database, monkeypatch, capsys):
    """Run `python -m fraudfree ARGS --db DATABASE` in this process; (exit code, stdout, stderr)."""

    def run(*args: str, stdin: str = ""):
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = cli.main([*args, "--db", str(database)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def twice(password: str = PASSWORD) -> str:
    return f"{password}\n{password}\n"


def test_users_add_with_password_on_stdin_exits_0_and_the_account_signs_in(command, database):
    code, out, _ = command("users", "add", "zhang", "--role", "planner", "--password-stdin", stdin=twice())
    assert code == 0 and "zhang" in out
    assert auth.verify(db.connection(database), "zhang", PASSWORD) == auth.User("zhang", "planner")


def test_users_add_asks_twice_at_hidden_prompts_without_password_stdin(command, database, monkeypatch):
    typed = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))
    assert command("users", "add", "zhang", "--role", "viewer")[0] == 0
    assert auth.get_user(db.connection(database), "zhang").role == "viewer"


@pytest.mark.parametrize(
    ("args", "stdin", "says"),
    [
        (["--role", "boss"], twice(), "Unknown role"),
        (["--role", "viewer"], twice("short-1"), "too short"),
        (["--role", "viewer"], twice("zhang-was-here-1"), "must not contain the account name"),
        (["--role", "viewer"], f"{PASSWORD}\nCorrect-horse-8\n", "differ"),
        (["--role", "viewer"], f"{PASSWORD}\n", "two lines"),
    ],
)
def test_users_add_refusals_exit_1_say_why_in_both_languages_and_write_nothing(command, database, args, stdin, says):
    code, out, err = command("users", "add", "zhang", *args, "--password-stdin", stdin=stdin)
    assert code == 1 and out == ""
    assert says in err and " / " in err and any("\u4e00" <= ch <= "\u9fff" for ch in err)
    assert not auth.accounts_exist(db.connection(database))


def test_a_duplicate_account_is_refused_with_exit_1_and_a_json_error(command, database):
    add_account(db.connection(database), "zhang", "viewer")
    code, out, _ = command("users", "add", "zhang", "--role", "admin", "--password-stdin", "--json", stdin=twice())
    assert code == 1 and json.loads(out)["error"]["code"] == "duplicate_user"
    assert auth.get_user(db.connection(database), "zhang").role == "viewer"


def test_users_list_json_shows_accounts_and_roles_but_no_hashes(command, database):
    add_account(db.connection(database), "zhang", "viewer")
    add_account(db.connection(database), "li", "admin")
    code, out, _ = command("users", "list", "--json")
    users = json.loads(out)["users"]
    assert code == 0 and [(u["name"], u["role"], u["disabled"]) for u in users] == [
        ("li", "admin", False),
        ("zhang", "viewer", False),
    ]
    assert "argon2" not in out


def test_set_role_and_disable_exit_0_and_take_effect(command, database):
    con = db.connection(database)
    add_account(con, "zhang", "viewer")
    assert command("users", "set-role", "zhang", "uploader")[0] == 0
    assert auth.get_user(con, "zhang").role == "uploader"
    assert command("users", "disable", "zhang")[0] == 0
    assert auth.verify(con, "zhang", PASSWORD) is None


@pytest.mark.parametrize(
    "args", [["set-role", "nobody", "viewer"], ["set-role", "zhang", "boss"], ["disable", "nobody"]]
)
def test_set_role_and_disable_exit_1_when_refused(command, database, args):
    add_account(db.connection(database), "zhang", "viewer")
    code, _, err = command("users", *args)
    assert code == 1 and err


def test_disabling_the_last_admin_is_refused(command, database):
    add_account(db.connection(database), "boss", "admin")
    code, _, err = command("users", "disable", "boss")
    assert code == 1 and "last enabled administrator" in err


def test_commands_refuse_a_missing_database_without_creating_it(tmp_path, capsys):
    missing = tmp_path / "nowhere.duckdb"
    for args in (["users", "list"], ["audit"], ["backup", "--out", str(tmp_path / "b.duckdb")]):
        assert cli.main([*args, "--db", str(missing)]) == 1
        assert str(missing) in capsys.readouterr().err
    assert not missing.exists()


def test_audit_lists_command_line_changes_newest_first_with_who_did_them(command):
    command("users", "add", "zhang", "--role", "viewer", "--password-stdin", stdin=twice())
    command("users", "set-role", "zhang", "planner")
    code, out, _ = command("audit", "--json")
    entries = json.loads(out)["entries"]
    assert code == 0 and [e["action"] for e in entries] == ["user_set_role", "user_add"]
    assert all(e["user_name"].startswith("cli:") for e in entries)
    assert entries[0]["detail"] == {"account": "zhang", "role": "planner", "previous": "viewer"}


def test_audit_filters_by_action_and_prints_a_line_per_entry(command):
    command("users", "add", "zhang", "--role", "viewer", "--password-stdin", stdin=twice())
    command("users", "disable", "zhang")
    code, out, _ = command("audit", "--action", "user_disable")
    assert code == 0 and len(out.strip().splitlines()) == 1 and "user_disable" in out


def test_json_and_db_options_work_before_the_subcommand_too(database, capsys):
    assert cli.main(["--json", "--db", str(database), "users", "list"]) == 0
    assert json.loads(capsys.readouterr().out) == {"users": []}
