"""反诈宣传分析看板: the router — page list, language switch and shared filter bar; the pages do the rest."""

import streamlit as st

from fraudfree.ui import bootstrap, context, filterbar

st.set_page_config(page_title="反诈宣传分析看板", page_icon="🛡️", layout="wide")
bootstrap.ensure_database()

pages = [
    st.Page("pages/overview.py", title=context.tr("nav.overview"), icon="📊", url_path="overview", default=True),
    st.Page("pages/channels.py", title=context.tr("channels.title"), icon="📣", url_path="channels"),
    st.Page("pages/volunteers.py", title=context.tr("volunteers.title"), icon="🤝", url_path="volunteers"),
    st.Page("pages/videos.py", title=context.tr("videos.title"), icon="🎬", url_path="videos"),
]
navigation = st.navigation(pages)
filterbar.language_switch()
st.session_state["_filters"] = filterbar.render()
context.banners()
navigation.run()
