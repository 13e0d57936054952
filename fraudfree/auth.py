"""Accounts, roles and what each role may do; password checks with lockout; the audit log.

Passwords exist only in memory while checked and as argon2id hashes in `users`; nothing here logs them.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import re
import secrets
import time
from dataclasses import dataclass

import argon2

from fraudfree import db, logs, queries
from fraudfree.refusal import Refusal

ROLES = ("viewer", "planner", "uploader", "admin")

# What each role may do. The web app asks `allowed(role, action)`; the command line is an operator's tool
# guarded by file permissions (whoever can run it can read the database file anyway).
#   browse: open the analysis pages and use their filters
#   export: download charts and aggregated tables;  export_case_level: download case-level tables
#   own_presets: save scorecard presets of one's own;  manage_presets: edit the shared criteria and weights
#   import / undo: upload spreadsheets, undo a batch;  manage_users: accounts;  view_audit: read the audit log
ACTIONS = (
    "browse",
    "export",
    "export_case_level",
    "own_presets",
    "import",
    "undo",
    "manage_presets",
    "manage_users",
    "view_audit",
)
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "viewer": frozenset({"browse", "export"}),
    "planner": frozenset({"browse", "export", "export_case_level", "own_presets"}),
    "uploader": frozenset({"browse", "export", "export_case_level", "import", "undo"}),
    "admin": frozenset(ACTIONS),
}

# The pages (by file stem, which is also their url_path) that need more than `browse`; every other page is
# open to every role.
PAGE_ACTIONS = {
    "upload": "import",
    "batches": "undo",
    "users": "manage_users",
    "audit": "view_audit",
}

# What the audit log records; a page or command that does one of these writes an entry with audit().
AUDIT_ACTIONS = (
    "sign_in",
    "sign_in_failed",
    "sign_out",
    "import",
    "undo",
    "export",
    "preset_change",
    "user_add",
    "user_set_role",
    "user_disable",
    "user_enable",
    "user_set_password",
    "restore",
)

MAX_FAILED_SIGN_INS = 5
LOCKOUT = dt.timedelta(minutes=15)
# Lockout is per account, so guesses spread over many names (password spraying) would never slow down; and
# behind the reverse proxy every request comes from one address. So when the whole app has seen many failures
# lately, every sign-in answer waits: an attacker's rate drops, and nobody is locked out by someone else.
SPRAY_WINDOW = dt.timedelta(minutes=1)
SPRAY_FAILURES = 20
SPRAY_DELAY_SECONDS = 3.0
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256  # argon2 takes any length; a bound keeps one request from costing much
NAME_PATTERN = re.compile(r"[\w.@-]{1,64}")  # \w takes Chinese characters too

# argon2id with the library's defaults (RFC 9106 low-memory profile: 3 passes, 64 MiB, 4 lanes).
HASHER = argon2.PasswordHasher()


class AccountError(Refusal):
    """A refused account operation; `code` names the message `auth.<code>`."""

    section = "auth"


@dataclass(frozen=True)
class User:
    name: str
    role: str

    def can(self, action: str) -> bool:
        return allowed(self.role, action)


def allowed(role: str | None, action: str) -> bool:
    """Whether `role` may do `action`. No role (a database without accounts, the open demo) may do all."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    return role is None or action in ROLE_PERMISSIONS.get(role, frozenset())


def pages_for(role: str | None, pages: list) -> list:
    """The pages of `pages` that `role` may open, in their order: file paths, or st.Page objects (known by
    their url_path; the default page, whose url_path is empty, must be one every role may browse)."""
    return [page for page in pages if allowed(role, PAGE_ACTIONS.get(_page_name(page), "browse"))]


def _page_name(page) -> str:
    if hasattr(page, "url_path"):
        return page.url_path
    return os.path.splitext(os.path.basename(str(page)))[0]


def cli_actor() -> str:
    """Who runs a command, for the audit log: the login behind sudo when there is one."""
    return f"cli:{os.environ.get('SUDO_USER') or getpass.getuser()}"


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# --- passwords -------------------------------------------------------------------------------------------


def password_hash(name: str, password: str, again: str) -> str:
    """The argon2id hash of a new password given twice, or AccountError when the two differ or it is too
    weak for account `name`."""
    if password != again:
        raise AccountError("password_mismatch")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("password_too_short", minimum=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError("password_too_long", maximum=MAX_PASSWORD_LENGTH)
    classes = (
        any(c.isalpha() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() for c in password),
    )
    if sum(classes) < 2 or len(set(password)) < 5:
        raise AccountError("password_too_simple")
    if len(name) >= 3 and name.casefold() in password.casefold():
        raise AccountError("password_contains_name")
    return HASHER.hash(password)


def _dummy_hash() -> str:
    """A hash to check unknown names against, so that they take as long as known ones."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = HASHER.hash(secrets.token_urlsafe(16))
    return _DUMMY_HASH


_DUMMY_HASH: str | None = None


# --- accounts --------------------------------------------------------------------------------------------


def accounts_exist(con) -> bool:
    """True once any account exists (disabled ones too): from then on every page needs sign-in."""
    return con.cursor().execute("select count(*) from users").fetchone()[0] > 0


def list_users(con) -> list[dict]:
    cur = con.cursor()
    try:
        rows = cur.execute(queries.load("users")).fetchall()
        names = [d[0] for d in cur.description]
    finally:
        cur.close()
    return [dict(zip(names, row, strict=True)) for row in rows]


def get_user(con, name: str) -> User | None:
    """The enabled account `name`, or None."""
    row = con.cursor().execute("select role from users where name = ? and not disabled", [name]).fetchone()
    return User(name, row[0]) if row else None


def check_account(name: str, role: str | None = None) -> None:
    """AccountError unless `name` can name an account and `role` (when given) is a role."""
    if not NAME_PATTERN.fullmatch(name):
        raise AccountError("bad_name")
    if role is not None and role not in ROLES:
        raise AccountError("bad_role", role=role, roles=", ".join(ROLES))


def _existing(cur, name: str) -> tuple[str, bool]:
    row = cur.execute("select role, disabled from users where name = ?", [name]).fetchone()
    if row is None:
        raise AccountError("no_such_user", name=name)
    return row


def _other_enabled_admins(cur, name: str) -> int:
    return cur.execute(
        "select count(*) from users where role = 'admin' and not disabled and name <> ?", [name]
    ).fetchone()[0]


def add_user(con, name: str, role: str, hashed_password: str, actor: str | None) -> User:
    """Create an account; `hashed_password` comes from password_hash()."""
    check_account(name, role)
    with db.transaction(con, changes_data=False) as cur:
        if cur.execute("select count(*) from users where name = ?", [name]).fetchone()[0]:
            raise AccountError("duplicate_user", name=name)
        cur.execute(
            "insert into users (name, role, password_hash, created_at) values (?, ?, ?, ?)",
            [name, role, hashed_password, _now()],
        )
        audit(cur, actor, "user_add", {"account": name, "role": role})
    logs.event("user_add", role=role)
    return User(name, role)


def set_role(con, name: str, role: str, actor: str | None) -> User:
    check_account(name, role)
    with db.transaction(con, changes_data=False) as cur:
        previous, disabled = _existing(cur, name)
        if previous == "admin" and role != "admin" and not disabled and not _other_enabled_admins(cur, name):
            raise AccountError("last_admin")
        cur.execute("update users set role = ? where name = ?", [role, name])
        audit(cur, actor, "user_set_role", {"account": name, "role": role, "previous": previous})
    logs.event("user_set_role", role=role)
    return User(name, role)


def set_disabled(con, name: str, disabled: bool, actor: str | None) -> None:
    """Disable an account (its open sessions end on their next click) or enable it again."""
    with db.transaction(con, changes_data=False) as cur:
        role, _ = _existing(cur, name)
        if disabled and role == "admin" and not _other_enabled_admins(cur, name):
            raise AccountError("last_admin")
        cur.execute("update users set disabled = ? where name = ?", [disabled, name])
        audit(cur, actor, "user_disable" if disabled else "user_enable", {"account": name})
    logs.event("user_disable" if disabled else "user_enable", role=role)


def set_password(con, name: str, hashed_password: str, actor: str | None) -> None:
    """Replace an account's password (and lift a lockout)."""
    with db.transaction(con, changes_data=False) as cur:
        _existing(cur, name)
        cur.execute(
            "update users set password_hash = ?, failed_count = 0, locked_until = null where name = ?",
            [hashed_password, name],
        )
        audit(cur, actor, "user_set_password", {"account": name})
    logs.event("user_set_password")


# --- signing in ------------------------------------------------------------------------------------------


def verify(con, name: str, password: str, now: dt.datetime | None = None) -> User | None:
    """The account when `password` is right and the account enabled and not locked; None otherwise.

    The caller shows one message for every refusal, so that nobody learns which names exist.
    After MAX_FAILED_SIGN_INS failures in a row the account is locked for LOCKOUT, in the database.
    """
    now = now or _now()
    _slow_down_when_sprayed(con, now)
    row = (
        con.cursor()
        .execute("select role, password_hash, disabled, locked_until from users where name = ?", [name])
        .fetchone()
    )
    if row is None:
        _matches(_dummy_hash(), password)
        # The typed name is not recorded: an unknown "name" is often a password typed in the wrong box.
        _record_failure(con, None, "unknown_account")
        return None
    role, stored_hash, disabled, locked_until = row
    if disabled or (locked_until is not None and now < locked_until):
        _matches(_dummy_hash(), password)  # same time as a real check: the refusal tells nothing
        _record_failure(con, name, "disabled" if disabled else "locked")
        return None
    if not _matches(stored_hash, password):
        with db.transaction(con, changes_data=False) as cur:
            failures_left = cur.execute(
                "update users set failed_count = case when failed_count + 1 >= ? then 0 else failed_count + 1 end, "
                "locked_until = case when failed_count + 1 >= ? then ? else locked_until end "
                "where name = ? returning failed_count",
                [MAX_FAILED_SIGN_INS, MAX_FAILED_SIGN_INS, now + LOCKOUT, name],
            ).fetchone()[0]
            locked = failures_left == 0
            audit(cur, name, "sign_in_failed", {"reason": "wrong_password", "locked": locked})
        logs.event("sign_in", outcome="failed", reason="wrong_password", locked=locked)
        return None
    new_hash = HASHER.hash(password) if HASHER.check_needs_rehash(stored_hash) else stored_hash
    with db.transaction(con, changes_data=False) as cur:
        cur.execute(
            "update users set failed_count = 0, locked_until = null, password_hash = ? where name = ?",
            [new_hash, name],
        )
        audit(cur, name, "sign_in", {"method": "password"})
    logs.event("sign_in", outcome="ok", role=role)
    return User(name, role)


def _slow_down_when_sprayed(con, now: dt.datetime) -> None:
    recent = (
        con.cursor()
        .execute(
            """select count(*) from audit_log where action = 'sign_in_failed' and "at" > ?""", [now - SPRAY_WINDOW]
        )
        .fetchone()[0]
    )
    if recent >= SPRAY_FAILURES:
        logs.event("sign_in", outcome="slowed", count=recent)
        time.sleep(SPRAY_DELAY_SECONDS)


def _matches(stored_hash: str, password: str) -> bool:
    if len(password) > MAX_PASSWORD_LENGTH:
        return False
    try:
        return HASHER.verify(stored_hash, password)
    except argon2.exceptions.VerificationError:
        return False
    except argon2.exceptions.InvalidHashError:
        return False


def _record_failure(con, name: str | None, reason: str) -> None:
    with db.transaction(con, changes_data=False) as cur:
        audit(cur, name, "sign_in_failed", {"reason": reason})
    logs.event("sign_in", outcome="failed", reason=reason)


def sign_in_external(con, name: str, method: str) -> User | None:
    """The enabled account `name` for a user whom single sign-on vouched for; recorded in the audit log."""
    user = get_user(con, name)
    with db.transaction(con, changes_data=False) as cur:
        if user:
            audit(cur, name, "sign_in", {"method": method})
        else:
            audit(cur, None, "sign_in_failed", {"method": method, "reason": "no_local_account"})
    logs.event("sign_in", outcome="ok" if user else "failed", reason=method, role=user.role if user else None)
    return user


# --- audit log -------------------------------------------------------------------------------------------


def audit(cur, user: str | None, action: str, detail: dict | None = None, file_name: str | None = None) -> None:
    """Record one action on `cur`, a cursor inside the caller's transaction (db.transaction), so that the
    entry commits with the change it describes. `detail` holds counts, ids and roles, never personal data."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    cur.execute(
        'insert into audit_log ("at", user_name, action, detail, file_name) values (?, ?, ?, ?, ?)',
        [_now(), user, action, json.dumps(detail, ensure_ascii=False) if detail else None, file_name],
    )


def audit_entries(
    con,
    actions: list[str] | tuple = (),
    user_name: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int = 1000,
) -> list[dict]:
    """Audit log entries, newest first, each with `detail` decoded."""
    cur = con.cursor()
    try:
        rows = cur.execute(
            queries.load("audit_log"),
            {
                "actions": list(actions),
                "user_name": user_name,
                "since": since,
                "until": until,
                "row_limit": limit,
            },
        ).fetchall()
        names = [d[0] for d in cur.description]
    finally:
        cur.close()
    entries = [dict(zip(names, row, strict=True)) for row in rows]
    for entry in entries:
        entry["detail"] = json.loads(entry["detail"]) if entry["detail"] else {}
    return entries
