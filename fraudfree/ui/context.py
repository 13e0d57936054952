"""Per-run context for pages: the interface language (kept in the URL) and the database in use."""

from __future__ import annotations

import streamlit as st

from fraudfree import app_queue, db, i18n


def lang() -> str:
    value = st.query_params.get("lang", i18n.DEFAULT_LANGUAGE)
    return value if value in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def tr(key: str, **values) -> str:
    return i18n.t(key, lang(), **values)


def db_path():
    return db.app_db_path()


def connection():
    path = db_path()
    con = db.connection(path)
    app_queue.serve(path)  # from now on commands reach this database through the app (see app_queue)
    return con
