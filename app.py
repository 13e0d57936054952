"""反诈宣传分析看板: the router — page list, language switch and shared filter bar; the pages do the rest."""

import streamlit as st

from fraudfree.ui import bootstrap, context, filterbar

st.set_page_config(page_title="反诈宣传分析看板", page_icon="🛡️", layout="wide")
bootstrap.ensure_database()

pages = [
    st.Page("pages/overview.py", title=context.tr("nav.overview"), icon="📊", url_path="overview", default=True),
    st.Page("pages/reach_cases.py", title=context.tr("reach_cases.nav"), icon="🎯", url_path="reach_cases"),
]
navigation = st.navigation(pages)
filterbar.language_switch()
st.session_state["_filters"] = filterbar.render()
context.banners()
navigation.run()
