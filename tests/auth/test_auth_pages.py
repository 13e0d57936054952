"""The sign-in gate, role-filtered pages and the admin pages, driven with Streamlit's AppTest through tiny
routers: one of the same shape as app.py (gate, then st.navigation over pages_for), and one without
st.navigation for what happens across clicks, because AppTest (1.67) does not run the router script again
on reruns once st.navigation has picked a page (a browser does; checked by hand with Chromium)."""

import shutil

import pytest
from auth_helpers import PASSWORD, ROOT, add_account
from streamlit.testing.v1 import AppTest

from fraudfree import auth, db
from fraudfree.ui import auth as auth_ui

ROUTER = """
import streamlit as st
from fraudfree.ui import auth as auth_ui

user = auth_ui.gate()
pages = [st.Page(path, url_path=path.split("/")[-1][:-3], default=path.endswith("overview.py")) for path in {pages}]
pages = auth_ui.pages_for(user, pages)
st.session_state["test_pages"] = [p.url_path or "overview" for p in pages]
st.navigation(pages).run()
"""
GATE_ONLY = """
import streamlit as st
from fraudfree.ui import auth as auth_ui

auth_ui.gate()
st.write("overview page")
if auth_ui.can("export_case_level") and st.button("export cases"):
    auth_ui.audit("export", {"table": "cases", "rows": 12}, file_name="cases.xlsx")
"""
OVERVIEW = """
import streamlit as st

st.write("overview page")
"""
PAGES = ["views/overview.py", "views/upload.py", "views/users.py", "views/audit.py"]


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory):
    """A router filtering by role, another listing every page (a router that forgot to filter), the real
    admin pages and two stand-ins."""
    directory = tmp_path_factory.mktemp("app")
    (directory / "views").mkdir()
    (directory / "app.py").write_text(ROUTER.format(pages=PAGES))
    (directory / "unfiltered.py").write_text(ROUTER.format(pages=PAGES).replace("auth_ui.pages_for(user, ", "("))
    (directory / "gate_only.py").write_text(GATE_ONLY)
    (directory / "views/overview.py").write_text(OVERVIEW)
    (directory / "views/upload.py").write_text("import streamlit as st\nst.write('upload page')\n")
    for page in ("users.py", "audit.py"):
        shutil.copy(ROOT / "views" / page, directory / "views" / page)
    return directory


@pytest.fixture
def con(database, monkeypatch):
    monkeypatch.setenv("FRAUDFREE_DB", str(database))
    return db.connection(database)


def start(app_dir, router="app.py") -> AppTest:
    app = AppTest.from_file(str(app_dir / router), default_timeout=30)
    return app.run()


def sign_in(app: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    app.text_input[0].input(name)
    app.text_input[1].input(password)
    return app.button[0].click().run()


def texts(app: AppTest) -> str:
    return " ".join(
        e.value for kind in (app.markdown, app.title, app.caption, app.error, app.success, app.info) for e in kind
    )


def test_without_accounts_every_page_is_open_without_sign_in(app_dir, con):
    app = start(app_dir)
    assert not app.exception
    assert "overview page" in texts(app) and not app.text_input
    assert app.session_state["test_pages"] == ["overview", "upload", "users", "audit"]


def test_once_an_account_exists_every_page_asks_for_sign_in_first(app_dir, con):
    add_account(con, "zhang", "viewer")
    app = start(app_dir)
    assert "登录" in texts(app) and "overview page" not in texts(app)
    assert [t.label for t in app.text_input] == ["账户名", "密码"]


def test_a_viewer_signs_in_and_sees_only_the_browsing_pages(app_dir, con):
    add_account(con, "zhang", "viewer")
    app = sign_in(start(app_dir), "zhang")
    assert not app.exception
    assert app.session_state["test_pages"] == ["overview"]
    assert "overview page" in texts(app) and "已登录：zhang（浏览）" in texts(app)


def test_a_viewer_is_offered_no_case_level_export(app_dir, con):
    add_account(con, "zhang", "viewer")
    app = sign_in(start(app_dir, "gate_only.py"), "zhang")
    assert "overview page" in texts(app) and not any(b.label == "export cases" for b in app.button)


def test_wrong_password_and_unknown_account_get_the_same_message_and_stay_out(app_dir, con):
    add_account(con, "zhang", "planner")
    wrong = sign_in(start(app_dir), "zhang", "Wrong-horse-9")
    unknown = sign_in(start(app_dir), "nobody")
    assert [e.value for e in wrong.error] == [e.value for e in unknown.error] != []
    assert "overview page" not in texts(wrong) and "overview page" not in texts(unknown)


def test_five_failures_in_the_form_lock_the_account(app_dir, con):
    add_account(con, "zhang", "planner")
    app = start(app_dir)
    for _ in range(auth.MAX_FAILED_SIGN_INS):
        app = sign_in(app, "zhang", "Wrong-horse-9")
    app = sign_in(app, "zhang")
    assert "overview page" not in texts(app) and "锁定" in app.error[0].value


def test_sign_out_returns_to_the_form_and_is_audited(app_dir, con):
    add_account(con, "zhang", "planner")
    app = sign_in(start(app_dir, "gate_only.py"), "zhang")
    app = app.sidebar.button[0].click().run()
    assert "overview page" not in texts(app) and app.text_input
    assert [e["action"] for e in auth.audit_entries(con, user_name="zhang")][:2] == ["sign_out", "sign_in"]


def test_a_disabled_account_is_signed_out_at_its_next_click(app_dir, con):
    add_account(con, "zhang", "planner")
    add_account(con, "boss", "admin")
    app = sign_in(start(app_dir, "gate_only.py"), "zhang")
    assert "overview page" in texts(app)
    auth.set_disabled(con, "zhang", True, actor="boss")
    app = app.run()
    assert "overview page" not in texts(app) and app.text_input


def test_a_planners_case_export_is_audited_with_the_file(app_dir, con):
    add_account(con, "zhang", "planner")
    app = sign_in(start(app_dir, "gate_only.py"), "zhang")
    next(b for b in app.button if b.label == "export cases").click().run()
    entry = auth.audit_entries(con, ["export"])[0]
    assert (entry["user_name"], entry["file_name"], entry["detail"]) == (
        "zhang",
        "cases.xlsx",
        {"table": "cases", "rows": 12},
    )


def test_an_admin_adds_an_account_on_the_users_page(app_dir, con):
    add_account(con, "boss", "admin")
    app = sign_in(start(app_dir), "boss")
    app.switch_page("views/users.py").run()
    app.text_input(key="add_name").input("wang")
    app.text_input(key="add_password").input("Fresh-start-42")
    app.text_input(key="add_again").input("Fresh-start-42")
    app.selectbox(key="add_role").select("uploader")
    next(b for b in app.button if b.label == "建立").click().run()
    assert "已建立账户“wang”。" in texts(app)
    assert auth.get_user(con, "wang") == auth.User("wang", "uploader")
    assert auth.audit_entries(con, ["user_add"])[0]["user_name"] == "boss"


def test_a_weak_password_on_the_users_page_is_refused_in_the_page_language(app_dir, con):
    add_account(con, "boss", "admin")
    app = sign_in(start(app_dir), "boss")
    app.switch_page("views/users.py").run()
    app.text_input(key="add_name").input("wang")
    app.text_input(key="add_password").input("short")
    app.text_input(key="add_again").input("short")
    next(b for b in app.button if b.label == "建立").click().run()
    assert "密码太短" in app.error[0].value and auth.get_user(con, "wang") is None


@pytest.mark.parametrize("page", ["views/users.py", "views/audit.py"])
def test_admin_pages_refuse_other_roles_even_when_a_router_lists_them(app_dir, con, page):
    add_account(con, "zhang", "uploader")
    app = sign_in(start(app_dir, "unfiltered.py"), "zhang")
    app.switch_page(page).run()
    assert "无权" in app.error[0].value and not app.dataframe


def test_the_audit_page_shows_sign_ins_to_an_admin(app_dir, con):
    add_account(con, "boss", "admin")
    app = sign_in(start(app_dir), "boss")
    app.switch_page("views/audit.py").run()
    table = app.dataframe[0].value
    assert list(zip(table["账户"], table["操作"], strict=True)) == [("boss", "登录"), ("test", "新建账户")]


def test_an_admin_changes_a_role_and_resets_a_password_on_the_users_page(app_dir, con):
    add_account(con, "boss", "admin")
    add_account(con, "zhang", "viewer")
    for _ in range(auth.MAX_FAILED_SIGN_INS):
        auth.verify(con, "zhang", "Wrong-horse-9")
    app = sign_in(start(app_dir), "boss")
    app.switch_page("views/users.py").run()
    app.selectbox(key="change_name").select("zhang")
    app.selectbox(key="change_role").select("planner")
    next(b for b in app.button if b.label == "修改角色").click().run()
    app.selectbox(key="reset_name").select("zhang")
    app.text_input(key="reset_password").input("Fresh-start-42")
    app.text_input(key="reset_again").input("Fresh-start-42")
    next(b for b in app.button if b.label == "重设密码").click().run()
    assert not app.error
    assert auth.verify(con, "zhang", "Fresh-start-42") == auth.User("zhang", "planner")


def test_single_sign_on_maps_to_the_local_account_and_its_role(app_dir, con):
    add_account(con, "zhang", "uploader")
    app = AppTest.from_file(str(app_dir / "app.py"), default_timeout=30)
    app.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "dashboard",
        "client_secret": "s",
        "server_metadata_url": "http://localhost/.well-known/openid-configuration",
    }
    app.user = {"is_logged_in": True, "preferred_username": "zhang", "email": "zhang@example.org"}
    app.run()
    assert app.session_state["test_pages"] == ["overview", "upload"]
    assert auth.audit_entries(con, ["sign_in"])[0]["detail"] == {"method": "oidc"}
    stranger = AppTest.from_file(str(app_dir / "app.py"), default_timeout=30)
    stranger.secrets["auth"] = app.secrets["auth"]
    stranger.user = {"is_logged_in": True, "preferred_username": "stranger"}
    stranger.run()
    assert "stranger" in stranger.error[0].value and "overview page" not in texts(stranger)


@pytest.mark.parametrize("role", auth.ROLES)
@pytest.mark.parametrize(("page", "action"), [("upload", "import"), ("batches", "undo")])
def test_the_real_upload_and_batches_pages_refuse_roles_without_their_action(con, role, page, action):
    app = AppTest.from_file(str(ROOT / "views" / f"{page}.py"), default_timeout=30)
    app.session_state[auth_ui.USER_KEY] = auth.User("someone", role)
    app.run()
    refused = any("无权" in e.value for e in app.error)
    assert refused == (not auth.allowed(role, action)) and not app.exception
    assert bool(app.title) == auth.allowed(role, action)
