"""The 数据上传 and 导入批次 pages, driven with AppTest on a 青州市 database made by `init`."""

import pytest
from streamlit.testing.v1 import AppTest

from fraudfree import db, queries
from fraudfree.ingest import pipeline
from fraudfree.ui import auth as auth_ui
from tests.ingest_support import FIXTURES, rows

pytest_plugins = ["tests.ingest_databases"]  # the county_db fixture


@pytest.fixture
def app_db(county_db, monkeypatch):
    monkeypatch.setenv("FRAUDFREE_DB", str(county_db))
    yield county_db
    db.close_all()
    queries.clear_cache()


def page(name: str) -> AppTest:
    """The page as app.py runs it after the sign-in gate, on a database without accounts (everything open)."""
    at = AppTest.from_file(str(db.ROOT / "views" / f"{name}.py"), default_timeout=60)
    at.session_state[auth_ui.USER_KEY] = None
    return at


def send(at: AppTest, *names: str) -> AppTest:
    at.file_uploader(key="upload_files").set_value(
        [(name, (FIXTURES / name).read_bytes(), "application/octet-stream") for name in names]
    )
    return at.run()


def test_a_file_with_errors_shows_them_with_the_bad_cells_and_cannot_be_confirmed(app_db):
    at = page("upload").run()
    assert not at.exception and at.title[0].value == "数据上传"
    send(at, "errors_many.xlsx")
    assert not at.exception
    assert at.error[0].value.startswith("发现 10 处错误")
    # sheets, errors, then the rows with bad cells of each of the two sheets
    assert len(at.dataframe) == 4
    errors = at.dataframe[1].value
    assert list(errors.columns) == ["文件", "工作表", "行", "列", "值", "说明"] and len(errors) == 10
    assert not [b for b in at.button if b.key == "upload_confirm"]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[-2:] == ["下载 CSV", "下载 Excel"], "the errors table downloads"
    assert "宣传活动" in labels, "templates download on the same page"


def test_preview_then_confirm_writes_the_batch_and_the_batches_page_undoes_it(app_db):
    at = send(page("upload").run(), "two_kinds.xlsx")
    assert at.success[0].value == "检查通过：将新增 5 行、更新 0 行，跳过 0 行。确认后写入。"
    assert rows(db.connection(app_db), "select count(*) from import_batches where source = 'import'") == [(0,)]
    at.button(key="upload_confirm").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("已导入，批次 2")
    assert rows(db.connection(app_db), "select count(*) from warnings") == [(3,)]

    batches = page("batches").run()
    assert not batches.exception
    listed = batches.dataframe[0].value
    assert listed.iloc[0]["批次"] == 2 and listed.iloc[0]["状态"] == "有效"
    batches.button(key="batches_undo").click().run()
    assert "确定撤销批次 2" in batches.warning[0].value
    assert rows(db.connection(app_db), "select count(*) from warnings") == [(3,)], "nothing before confirming"
    batches.button(key="batches_confirm_yes").click().run()
    assert batches.success[0].value == "已撤销批次 2"
    assert batches.dataframe[0].value.iloc[0]["状态"] == "已撤销"
    assert rows(db.connection(app_db), "select count(*) from warnings") == [(0,)]
    assert len(list((app_db.parent / "backups").glob("*-before-undo-2.duckdb"))) == 1, "a copy taken first"


def test_undo_can_be_cancelled(app_db):
    at = send(page("upload").run(), "venues_v1.xlsx")
    at.button(key="upload_confirm").click().run()
    batches = page("batches").run()
    batches.button(key="batches_undo").click().run()
    batches.button(key="batches_confirm_no").click().run()
    assert not batches.warning and not batches.success
    assert rows(db.connection(app_db), "select count(*) from venues") == [(3,)]


def test_the_same_file_again_is_reported_as_already_imported(app_db):
    at = send(page("upload").run(), "venues_v1.xlsx")
    at.button(key="upload_confirm").click().run()
    again = send(page("upload").run(), "venues_v1.xlsx")
    assert again.info[0].value == "这些文件已由批次 2 导入过，不会重复导入。"


def test_the_upload_page_speaks_english_and_states_the_size_limit(app_db):
    at = page("upload")
    at.query_params["lang"] = "en"
    at.run()
    assert at.title[0].value == "Upload data"
    assert f"{pipeline.max_upload_mb()} MB" in at.caption[0].value, "the limit of .streamlit/config.toml"
    send(at, "errors_many.xlsx")
    assert at.error[0].value.startswith("10 errors found")
    assert at.dataframe[1].value.iloc[0]["Message"] == "Above 预警数 (50)"
