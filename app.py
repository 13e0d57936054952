"""反诈宣传分析看板: the router — sign-in, page list, language switch and shared filter bar; the pages do the rest."""

import streamlit as st

from fraudfree import db
from fraudfree.ui import auth as auth_ui
from fraudfree.ui import bootstrap, context, filterbar

st.set_page_config(page_title="反诈宣传分析看板", page_icon=str(db.DATA_DIR / "favicon.png"), layout="wide")
bootstrap.ensure_database()
filterbar.language_switch()
user = auth_ui.gate()  # open while the database has no accounts; otherwise signs in or stops here

tr = context.tr
pages = [
    st.Page(
        "views/overview.py", title=tr("nav.overview"), icon=":material/dashboard:", url_path="overview", default=True
    ),
    st.Page(
        "views/reach_cases.py", title=tr("reach_cases.nav"), icon=":material/scatter_plot:", url_path="reach_cases"
    ),
    st.Page("views/channels.py", title=tr("channels.title"), icon=":material/campaign:", url_path="channels"),
    st.Page(
        "views/volunteers.py", title=tr("volunteers.title"), icon=":material/volunteer_activism:", url_path="volunteers"
    ),
    st.Page("views/videos.py", title=tr("videos.title"), icon=":material/smart_display:", url_path="videos"),
    st.Page("views/upload.py", title=tr("upload.title"), icon=":material/upload_file:", url_path="upload"),
    st.Page("views/batches.py", title=tr("batches.title"), icon=":material/inventory_2:", url_path="batches"),
    st.Page("views/scorecard.py", title=tr("scorecard.nav"), icon=":material/verified:", url_path="scorecard"),
    st.Page("views/users.py", title=tr("users_page.title"), icon=":material/manage_accounts:", url_path="users"),
    st.Page("views/audit.py", title=tr("audit_page.title"), icon=":material/history:", url_path="audit"),
]
navigation = st.navigation(auth_ui.pages_for(user, pages))
st.session_state["_filters"] = filterbar.render()
context.banners()
navigation.run()
