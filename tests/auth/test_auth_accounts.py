"""Accounts, password rules, sign-in with lockout, and the audit entries they leave (fraudfree.auth)."""

import datetime as dt

import pytest
from auth_helpers import PASSWORD, PRODUCTION_HASHER, add_account

from fraudfree import auth, db


@pytest.fixture
def con(database):
    return db.connection(database)


def actions(con):
    return [e["action"] for e in reversed(auth.audit_entries(con))]


def test_production_hashing_is_argon2id_with_64_mib():
    assert PRODUCTION_HASHER.hash("Correct-horse-9").startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_password_is_stored_only_as_an_argon2id_hash(con):
    add_account(con, "zhang", "planner")
    stored = con.execute("select password_hash from users where name = 'zhang'").fetchone()[0]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert PASSWORD not in str(auth.audit_entries(con)) and "password_hash" not in auth.list_users(con)[0]


@pytest.mark.parametrize(
    ("password", "again", "code"),
    [
        ("Short-1", "Short-1", "password_too_short"),
        ("abcdefghijkl", "abcdefghijkl", "password_too_simple"),
        ("aaaaaaaaaa11", "aaaaaaaaaa11", "password_too_simple"),
        ("zhangsan-2024", "zhangsan-2024", "password_contains_name"),
        ("Correct-horse-9", "Correct-horse-8", "password_mismatch"),
    ],
)
def test_weak_or_mismatching_passwords_are_refused(password, again, code):
    with pytest.raises(auth.AccountError) as refused:
        auth.password_hash("zhangsan", password, again)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("name", "role", "code"),
    [
        ("has space", "viewer", "bad_name"),
        ("", "viewer", "bad_name"),
        ("li", "boss", "bad_role"),
    ],
)
def test_bad_names_and_roles_are_refused(con, name, role, code):
    with pytest.raises(auth.AccountError) as refused:
        add_account(con, name, role)
    assert refused.value.code == code
    assert not auth.accounts_exist(con)


def test_duplicate_account_is_refused(con):
    add_account(con, "王伟", "viewer")
    with pytest.raises(auth.AccountError) as refused:
        add_account(con, "王伟", "admin")
    assert refused.value.code == "duplicate_user"
    assert auth.get_user(con, "王伟") == auth.User("王伟", "viewer")


def test_right_password_signs_in_and_wrong_one_does_not(con):
    add_account(con, "li", "uploader")
    assert auth.verify(con, "li", "Wrong-horse-9") is None
    assert auth.verify(con, "li", PASSWORD) == auth.User("li", "uploader")
    assert actions(con)[-2:] == ["sign_in_failed", "sign_in"]


def test_five_failures_lock_the_account_for_fifteen_minutes_even_against_the_right_password(con):
    add_account(con, "li", "planner")
    start = dt.datetime(2024, 5, 1, 9, 0)
    for _ in range(auth.MAX_FAILED_SIGN_INS):
        assert auth.verify(con, "li", "Wrong-horse-9", now=start) is None
    assert auth.verify(con, "li", PASSWORD, now=start + dt.timedelta(minutes=14)) is None
    assert auth.verify(con, "li", PASSWORD, now=start + dt.timedelta(minutes=15, seconds=1)) == auth.User(
        "li", "planner"
    )
    last = auth.audit_entries(con, ["sign_in_failed"], "li", limit=2)
    assert last[0]["detail"]["reason"] == "locked" and last[1]["detail"] == {"reason": "wrong_password", "locked": True}


def test_many_failures_across_names_slow_every_sign_in_down(con, monkeypatch):
    add_account(con, "li", "planner")
    waits = []
    monkeypatch.setattr(auth.time, "sleep", waits.append)
    now = dt.datetime.now().replace(microsecond=0)
    for i in range(auth.SPRAY_FAILURES):
        auth.verify(con, f"guess{i}", "Wrong-horse-9", now=now)
    assert waits == [], "a few failures cost nothing extra"
    assert auth.verify(con, "li", PASSWORD, now=now) == auth.User("li", "planner"), "slowed, never locked out"
    assert waits == [auth.SPRAY_DELAY_SECONDS]
    assert auth.verify(con, "li", PASSWORD, now=now + auth.SPRAY_WINDOW + dt.timedelta(seconds=1))
    assert len(waits) == 1, "the slowdown ends once the failures are a minute old"


def test_four_failures_then_a_success_start_the_count_again(con):
    add_account(con, "li", "planner")
    now = dt.datetime(2024, 5, 1, 9, 0)
    for _ in range(auth.MAX_FAILED_SIGN_INS - 1):
        auth.verify(con, "li", "Wrong-horse-9", now=now)
    assert auth.verify(con, "li", PASSWORD, now=now)
    for _ in range(auth.MAX_FAILED_SIGN_INS - 1):
        auth.verify(con, "li", "Wrong-horse-9", now=now)
    assert auth.verify(con, "li", PASSWORD, now=now)


def test_lockout_survives_a_restart(database):
    con = db.connection(database)
    add_account(con, "li", "viewer")
    for _ in range(auth.MAX_FAILED_SIGN_INS):
        auth.verify(con, "li", "Wrong-horse-9")
    db.close_all()
    assert auth.verify(db.connection(database), "li", PASSWORD) is None


def test_disabled_account_cannot_sign_in_and_enabled_again_can(con):
    add_account(con, "li", "viewer")
    auth.set_disabled(con, "li", True, actor="test")
    assert auth.verify(con, "li", PASSWORD) is None and auth.get_user(con, "li") is None
    auth.set_disabled(con, "li", False, actor="test")
    assert auth.verify(con, "li", PASSWORD) == auth.User("li", "viewer")


def test_unknown_name_is_refused_without_recording_what_was_typed(con):
    add_account(con, "li", "viewer")
    assert auth.verify(con, "Correct-horse-9", "li") is None
    entry = auth.audit_entries(con, ["sign_in_failed"])[0]
    assert entry["user_name"] is None and entry["detail"] == {"reason": "unknown_account"}
    assert "Correct-horse-9" not in str(auth.audit_entries(con))


def test_the_last_enabled_admin_can_be_neither_disabled_nor_demoted(con):
    add_account(con, "boss", "admin")
    for change in (
        lambda: auth.set_disabled(con, "boss", True, "test"),
        lambda: auth.set_role(con, "boss", "viewer", "test"),
    ):
        with pytest.raises(auth.AccountError) as refused:
            change()
        assert refused.value.code == "last_admin"
    add_account(con, "deputy", "admin")
    auth.set_role(con, "boss", "viewer", "test")
    assert auth.get_user(con, "boss").role == "viewer"


def test_a_new_password_lifts_a_lockout(con):
    add_account(con, "li", "viewer")
    for _ in range(auth.MAX_FAILED_SIGN_INS):
        auth.verify(con, "li", "Wrong-horse-9")
    auth.set_password(con, "li", auth.password_hash("li", "Fresh-start-42", "Fresh-start-42"), actor="boss")
    assert auth.verify(con, "li", "Fresh-start-42") == auth.User("li", "viewer")


def test_account_changes_are_audited_with_who_and_what(con):
    add_account(con, "li", "viewer")
    auth.set_role(con, "li", "planner", actor="boss")
    auth.set_disabled(con, "li", True, actor="boss")
    entries = auth.audit_entries(con, ["user_add", "user_set_role", "user_disable"])
    assert [(e["user_name"], e["action"], e["detail"]) for e in entries] == [
        ("boss", "user_disable", {"account": "li"}),
        ("boss", "user_set_role", {"account": "li", "role": "planner", "previous": "viewer"}),
        ("test", "user_add", {"account": "li", "role": "viewer"}),
    ]


def test_an_import_writes_its_audit_entry_in_its_own_transaction(con):
    with db.transaction(con) as cur:
        auth.audit(cur, "li", "import", {"batch": 3, "rows": 120}, file_name="2024年5月案件.xlsx")
    with pytest.raises(RuntimeError), db.transaction(con) as cur:
        auth.audit(cur, "li", "import", {"batch": 4}, file_name="rolled-back.xlsx")
        raise RuntimeError("the import failed")
    entries = auth.audit_entries(con, ["import"])
    assert [(e["file_name"], e["detail"]) for e in entries] == [("2024年5月案件.xlsx", {"batch": 3, "rows": 120})]


def test_audit_entries_filter_by_action_account_and_time(con):
    with db.transaction(con) as cur:
        auth.audit(cur, "li", "export", {"table": "cases"})
        auth.audit(cur, "wang", "export", {"table": "rates"})
        auth.audit(cur, "li", "preset_change", {"preset": 2})
    assert len(auth.audit_entries(con, ["export"])) == 2
    assert [e["action"] for e in auth.audit_entries(con, user_name="li")] == ["preset_change", "export"]
    tomorrow = dt.datetime.now() + dt.timedelta(days=1)
    assert auth.audit_entries(con, since=tomorrow) == []
    assert len(auth.audit_entries(con, until=tomorrow, limit=2)) == 2


def test_an_unknown_audit_action_is_refused(con):
    with pytest.raises(ValueError), db.transaction(con) as cur:
        auth.audit(cur, "li", "exported", {})


def test_repeated_failures_are_counted_while_another_reader_is_open(con):
    add_account(con, "li", "viewer")
    reader = con.cursor()
    reader.execute("begin")
    reader.execute("select count(*) from users").fetchone()  # a page reading during the sign-ins
    for _ in range(auth.MAX_FAILED_SIGN_INS):
        assert auth.verify(con, "li", "Wrong-horse-9") is None
    reader.execute("commit")
    assert auth.verify(con, "li", PASSWORD) is None  # locked
