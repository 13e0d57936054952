"""Per-run context for pages: the interface language (kept in the URL) and the database in use."""

from __future__ import annotations

import streamlit as st

from fraudfree import app_queue, db, i18n


def lang() -> str:
    """The interface language: the switch's value, else the URL's lang=, else Chinese."""
    value = st.session_state.get("lang") or st.query_params.get("lang", i18n.DEFAULT_LANGUAGE)
    return value if value in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def key(name: str) -> str:
    """A widget key for widgets whose labels depend on the language (Streamlit keeps a keyed widget's labels)."""
    return f"{name}.{lang()}"


def tr(key: str, **values) -> str:
    return i18n.t(key, lang(), **values)


def db_path():
    return db.app_db_path()


def connection():
    path = db_path()
    con = db.connection(path)
    app_queue.serve(path)  # from now on commands reach this database through the app (see app_queue)
    return con


def settings() -> dict[str, str]:
    return db.settings(connection())


def filters():
    """The filters the router's filter bar produced on this run (None when there is no data yet)."""
    return st.session_state.get("_filters")


def analysis_page(title_key: str, no_data_key: str = "overview.no_data"):
    """The opening of every analysis page: its title, then (lang, tr, db path, filters); a database without data
    gets a friendly message and the page stops there. `tr` is bound to this run's language, since widgets may
    call a format_func outside the run."""
    language = lang()
    bound = i18n.translator(language)
    st.title(bound(title_key))
    current = filters()
    if current is None:
        st.info(bound(no_data_key))
        st.stop()
    return language, bound, db_path(), current


def banners() -> None:
    """The 演示数据 banner on every page of a demo database."""
    if settings().get("is_demo") == "true":
        st.warning(tr("app.demo_banner"))
