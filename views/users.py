"""账户管理: accounts and their roles, for administrators."""

import streamlit as st

from fraudfree import auth
from fraudfree.ui import auth as auth_ui
from fraudfree.ui.context import connection, lang, tr

auth_ui.require("manage_users")
st.title(tr("users_page.title"))
con = connection()
users = auth.list_users(con)
if not users:
    st.info(tr("users_page.no_accounts"))  # the first administrator comes from the command line
    st.stop()
actor = auth_ui.current_user().name
names = [u["name"] for u in users]

st.dataframe(auth_ui.users_table(users), hide_index=True)

add, change, password = st.tabs([tr("users_page.add"), tr("users_page.change"), tr("users_page.reset_password")])
with add, st.form("add_user", clear_on_submit=True):
    name = st.text_input(tr("auth.name"), key="add_name")
    role = st.selectbox(tr("users_page.role"), auth.ROLES, format_func=auth_ui.role_label, key="add_role")
    first = st.text_input(tr("auth.password"), type="password", key="add_password")
    again = st.text_input(tr("auth.password_again"), type="password", key="add_again")
    if st.form_submit_button(tr("users_page.create")):
        try:
            auth.check_account(name.strip(), role)
            auth.add_user(con, name.strip(), role, auth.password_hash(name.strip(), first, again), actor)
            st.success(tr("users_page.added", name=name.strip()))
        except auth.AccountError as refusal:
            st.error(refusal.message(lang()))

with change, st.form("change_user"):
    name = st.selectbox(tr("users_page.account"), names, key="change_name")
    role = st.selectbox(tr("users_page.role"), auth.ROLES, format_func=auth_ui.role_label, key="change_role")
    set_role, disable, enable = st.columns(3)
    try:
        if set_role.form_submit_button(tr("users_page.set_role")):
            auth.set_role(con, name, role, actor)
            st.success(tr("users_page.role_set", name=name, role=auth_ui.role_label(role)))
        if disable.form_submit_button(tr("users_page.disable")):
            auth.set_disabled(con, name, True, actor)
            st.success(tr("users_page.disabled_done", name=name))
        if enable.form_submit_button(tr("users_page.enable")):
            auth.set_disabled(con, name, False, actor)
            st.success(tr("users_page.enabled_done", name=name))
    except auth.AccountError as refusal:
        st.error(refusal.message(lang()))

with password, st.form("reset_password", clear_on_submit=True):
    name = st.selectbox(tr("users_page.account"), names, key="reset_name")
    first = st.text_input(tr("auth.password"), type="password", key="reset_password")
    again = st.text_input(tr("auth.password_again"), type="password", key="reset_again")
    if st.form_submit_button(tr("users_page.reset_password")):
        try:
            auth.set_password(con, name, auth.password_hash(name, first, again), actor)
            st.success(tr("users_page.password_set", name=name))
        except auth.AccountError as refusal:
            st.error(refusal.message(lang()))
