"""导入批次 (Import batches): what each upload wrote; undo one after a confirmation."""

import streamlit as st

from fraudfree.ingest import history
from fraudfree.ui import auth as auth_ui
from fraudfree.ui import context

auth_ui.require("undo")
lang, tr, path = context.lang(), context.tr, context.db_path()
st.title(tr("batches.title"))
st.caption(tr("batches.caption"))

message = st.session_state.pop("batches_message", None)
if message:
    (st.success if message.done else st.error)(message.message)

table = history.table(path, lang)
if table.empty:
    st.info(tr("batches.none"))
    st.stop()
st.dataframe(table, hide_index=True)

committed = [r for r in history.listing(path) if r["status"] == "committed"]
if not committed:
    st.stop()
labels = {r["batch"]: f"{r['batch']} · {r['created_at']} · {r['file_name'] or r['source']}" for r in committed}
batch = st.selectbox(tr("batches.choose"), list(labels), format_func=labels.get, key=context.key("batches_choice"))
if st.button(tr("batches.undo"), key="batches_undo"):
    st.session_state["batches_confirm"] = batch
if st.session_state.get("batches_confirm") == batch:
    st.warning(tr("batches.confirm_text", batch=batch))
    yes, no = st.columns(2)
    if yes.button(tr("batches.confirm"), type="primary", key="batches_confirm_yes"):
        user = auth_ui.current_user()
        st.session_state["batches_message"] = history.undo(context.connection(), batch, user and user.name, lang)
        st.session_state.pop("batches_confirm")
        st.cache_data.clear()  # pages show the restored data at once
        st.rerun()
    if no.button(tr("batches.cancel"), key="batches_confirm_no"):
        st.session_state.pop("batches_confirm")
        st.rerun()
