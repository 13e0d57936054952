"""审计日志: who signed in, imported, undid, exported and changed what, when, from which file (administrators)."""

import datetime as dt

import streamlit as st

from fraudfree import auth
from fraudfree.ui import auth as auth_ui
from fraudfree.ui.context import connection, tr

auth_ui.require("view_audit")
st.title(tr("audit_page.title"))

today = dt.date.today()
actions_column, user_column, period_column = st.columns([2, 1, 1])
actions = actions_column.multiselect(
    tr("audit_page.actions"),
    auth.AUDIT_ACTIONS,
    format_func=lambda action: tr(f"audit_actions.{action}"),
    placeholder=tr("audit_page.all_actions"),
)
user_name = user_column.text_input(tr("audit_page.user")).strip() or None
period = period_column.date_input(tr("audit_page.period"), (today - dt.timedelta(days=30), today))
if len(period) == 2:
    since, until = period
else:  # while a range is half picked: that one day
    since = until = period[0] if period else today

entries = auth.audit_entries(
    connection(),
    actions,
    user_name,
    dt.datetime.combine(since, dt.time()),
    dt.datetime.combine(until + dt.timedelta(days=1), dt.time()),
)
if entries:
    st.dataframe(auth_ui.audit_table(entries), hide_index=True)
else:
    st.info(tr("audit_page.empty"))
