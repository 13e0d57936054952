"""Sign-in for the app: the gate app.py runs before st.navigation, the pages a role may open, and the
checks pages make before an export or a change. With no account in the database everything stays open."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from fraudfree import app_queue, auth, db
from fraudfree.ui.context import connection, tr

SIGNED_IN_KEY = "fraudfree_signed_in"  # the account name, kept across runs of the session
USER_KEY = "fraudfree_user"  # this run's User, or None in the open demo; set by gate() on every run


def gate() -> auth.User | None:
    """Call first in app.py, before st.navigation. Returns the signed-in user, or None when the database has
    no accounts (the open demo: every page, every action). Otherwise draws the sign-in form and stops the run.

    The account is read again on every run, so a disabled account or a new role takes effect at the next click.
    """
    st.session_state.pop(USER_KEY, None)
    try:
        con = connection()
    except Exception as err:
        if not app_queue.lock_conflict(err):
            raise
        st.error(tr("auth.database_busy", pid=app_queue.holder_pid(err) or "?"))
        st.stop()
    if not auth.accounts_exist(con):
        st.session_state.pop(SIGNED_IN_KEY, None)
        st.session_state[USER_KEY] = None
        return None
    user = _signed_in_user(con)
    if user is None:
        _sign_in_form(con)
        st.stop()
    st.session_state[USER_KEY] = user
    with st.sidebar:
        st.caption(tr("auth.signed_in_as", name=user.name, role=role_label(user.role)))
        if st.button(tr("auth.sign_out"), key="fraudfree_sign_out"):
            sign_out(con, user)
    return user


def pages_for(user: auth.User | None, pages: list) -> list:
    """The pages (st.Page objects or file paths, in order) that `user` may open; all of them in the open demo:
    `st.navigation(auth_ui.pages_for(user, pages))`."""
    return auth.pages_for(user.role if user else None, pages)


def current_user() -> auth.User | None:
    """This run's user (None in the open demo). Raises if gate() did not run: pages never guess access."""
    if USER_KEY not in st.session_state:
        raise RuntimeError("fraudfree.ui.auth.gate() must run before any page")
    return st.session_state[USER_KEY]


def can(action: str) -> bool:
    """Whether this run's user may do `action` (see auth.ACTIONS), e.g. before offering a download button."""
    user = current_user()
    return auth.allowed(user.role if user else None, action)


def require(action: str) -> None:
    """Stop the page with a refusal unless this run's user may do `action`."""
    if not can(action):
        st.error(tr("auth.refused", role=role_label(current_user().role)))
        st.stop()


def audit(action: str, detail: dict | None = None, file_name: str | None = None) -> None:
    """Record `action` by this run's user in the audit log, e.g. as a download button's on_click."""
    user = current_user()
    with db.transaction(connection(), changes_data=False) as cur:
        auth.audit(cur, user.name if user else None, action, detail, file_name)


def role_label(role: str) -> str:
    return tr(f"roles.{role}")


def sso_configured() -> bool:
    """Single sign-on is on when secrets.toml has an [auth] section (Streamlit's OIDC support)."""
    return st.secrets.load_if_toml_exists() and "auth" in st.secrets


def sign_out(con, user: auth.User) -> None:
    with db.transaction(con, changes_data=False) as cur:
        auth.audit(cur, user.name, "sign_out")
    st.session_state.pop(SIGNED_IN_KEY, None)
    st.session_state.pop(USER_KEY, None)
    if sso_configured() and st.user.is_logged_in:
        st.logout()
    st.rerun()


def _signed_in_user(con) -> auth.User | None:
    name = st.session_state.get(SIGNED_IN_KEY)
    if name is not None:
        user = auth.get_user(con, name)
        if user is None:  # disabled or removed since: the session ends here
            st.session_state.pop(SIGNED_IN_KEY, None)
        return user
    if sso_configured() and st.user.is_logged_in:
        # The identity provider vouches for the person; the local account decides the role.
        name = st.user.get("preferred_username") or st.user.get("email") or ""
        user = auth.sign_in_external(con, name, "oidc")
        if user is None:
            st.error(tr("auth.sso_no_account", name=name))
            if st.button(tr("auth.sign_out")):
                st.logout()
            st.stop()
        st.session_state[SIGNED_IN_KEY] = user.name
        return user
    return None


def _sign_in_form(con) -> None:
    st.title(tr("auth.sign_in_title"))
    st.caption(tr("auth.sign_in_intro"))
    with st.form("fraudfree_sign_in", clear_on_submit=True):
        name = st.text_input(tr("auth.name"))
        password = st.text_input(tr("auth.password"), type="password")
        submitted = st.form_submit_button(tr("auth.sign_in"))
    if submitted:
        user = auth.verify(con, name.strip(), password)
        if user is not None:
            st.session_state[SIGNED_IN_KEY] = user.name
            st.rerun()
        st.error(
            tr(
                "auth.sign_in_failed",
                attempts=auth.MAX_FAILED_SIGN_INS,
                minutes=int(auth.LOCKOUT.total_seconds() // 60),
            )
        )
    if sso_configured():
        st.button(tr("auth.sso"), on_click=st.login)


# --- tables for the admin pages --------------------------------------------------------------------------


def users_table(users: list[dict]) -> pd.DataFrame:
    """Accounts for display, labelled in the interface language; no password hashes."""
    frame = pd.DataFrame(users, columns=["name", "role", "disabled", "created_at", "failed_count", "locked_until"])
    frame["role"] = frame["role"].map(role_label)
    frame["locked_until"] = frame["locked_until"].map(lambda until: "" if until is None or pd.isna(until) else until)
    return frame.rename(
        columns={
            "name": tr("users_page.account"),
            "role": tr("users_page.role"),
            "disabled": tr("users_page.column_disabled"),
            "created_at": tr("users_page.column_created"),
            "failed_count": tr("users_page.column_failed"),
            "locked_until": tr("users_page.column_locked_until"),
        }
    )


def audit_table(entries: list[dict]) -> pd.DataFrame:
    """Audit entries for display: actions named in the interface language, details as compact JSON."""
    frame = pd.DataFrame(entries, columns=["at", "user_name", "action", "file_name", "detail"])
    frame["action"] = frame["action"].map(lambda action: tr(f"audit_actions.{action}"))
    frame["detail"] = frame["detail"].map(lambda d: json.dumps(d, ensure_ascii=False) if d else "")
    frame["file_name"] = frame["file_name"].fillna("")
    return frame.rename(
        columns={
            "at": tr("audit_page.column_at"),
            "user_name": tr("audit_page.column_user"),
            "action": tr("audit_page.column_action"),
            "file_name": tr("audit_page.column_file"),
            "detail": tr("audit_page.column_detail"),
        }
    )
