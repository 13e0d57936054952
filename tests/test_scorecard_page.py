"""The 无诈评分 page through Streamlit's AppTest, on the small county: tiers, chart, tables, changed weights."""

import pytest
from streamlit.testing.v1 import AppTest

from fraudfree import auth, db
from fraudfree.filters import Filters
from fraudfree.ui import auth as auth_ui
from tests.scorecard_county import D2022, small_county

PAGE = str(db.ROOT / "views" / "scorecard.py")


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    target = tmp_path_factory.mktemp("page") / "county.duckdb"
    small_county(target)
    yield target
    db.close_all()


@pytest.fixture
def page(path, monkeypatch):
    monkeypatch.setenv("FRAUDFREE_DB", str(path))
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.session_state["_filters"] = Filters(*D2022)
    app.session_state[auth_ui.USER_KEY] = None  # what the router's sign-in gate leaves in the open demo
    return app


def scores(app) -> dict[str, float]:
    table = next(t.value for t in app.dataframe if t.editing_mode == "read_only" and "得分" in t.value.columns)
    return dict(zip(table["乡镇街道"], table["得分"], strict=True))


def test_page_shows_tiers_chart_scores_and_advice(page):
    page.run()
    assert not page.exception
    tiers = {m.label: m.value for m in page.metric}
    assert tiers["达标"] == "1 个" and set(tiers) == {"达标", "良好", "一般", "重点关注"}
    assert len(page.get("plotly_chart")) == 1
    assert scores(page)["王坟镇"] == 100.0
    advice = page.code[0].value
    assert advice.startswith("黄楼街道（重点关注") and "距无诈达标" in advice
    assert [s.value for s in page.subheader] == ["排名区间", "得分与等级", "达标情况", "下一轮宣传重点"]


def test_changed_pillar_weight_changes_the_scores(page):
    page.run()
    before = scores(page)
    outcomes = next(n for n in page.number_input if n.label.startswith("结果"))
    outcomes.set_value(0.0).run()
    after = scores(page)
    assert not page.exception
    assert after != before
    assert after["黄楼街道"] == pytest.approx(0.0)  # last on every prevention indicator


def test_changed_indicator_weight_in_the_table_changes_the_scores(page):
    page.run()
    before = scores(page)
    page.session_state["sc_weights..zh"] = {
        "edited_rows": {str(i): {"weight": 0.0} for i in range(1, 9)},
        "added_rows": [],
        "deleted_rows": [],
    }
    page.run()
    assert not page.exception
    after = scores(page)
    assert after != before and after["王坟镇"] == 100.0


def test_geometric_aggregation_with_zscores_falls_back_to_minmax(page):
    page.run()
    next(r for r in page.radio if r.label == "标准化").set_value("zscore").run()
    next(r for r in page.radio if r.label == "汇总").set_value("geometric").run()
    assert not page.exception
    assert any("几何平均需要正值" in i.value for i in page.info)
    assert min(scores(page).values()) >= 1


def test_presets_are_saved_and_offered_when_nobody_has_an_account(page):
    page.run()
    page.text_input[0].set_value("重预防").run()
    next(b for b in page.button if b.label == "保存为方案").click().run()
    assert not page.exception
    assert page.selectbox[0].options == ["默认设置", "重预防"] and page.selectbox[0].value == "/重预防"
    assert page.toast[0].value == "已保存方案“重预防”。"


def test_english_interface(page):
    page.session_state["lang"] = "en"
    page.run()
    assert not page.exception
    assert page.title[0].value == "Fraud-free scorecard"
    assert "Certified" in {m.label for m in page.metric}


def test_without_filters_from_the_router_the_page_says_there_is_no_data(path, monkeypatch):
    monkeypatch.setenv("FRAUDFREE_DB", str(path))
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.session_state[auth_ui.USER_KEY] = None
    app.run()
    assert not app.exception
    assert app.info[0].value == "数据库中还没有数据，无法评分。"


def test_villages_are_scored_when_their_level_is_chosen(page):
    page.run()
    page.segmented_control[0].set_value("community").run()
    assert not page.exception
    assert any("村社区没有人口和案件数据" in i.value for i in page.info)
    table = next(t.value for t in page.dataframe if t.editing_mode == "read_only" and "村社区" in t.value.columns)
    assert len(table) == 13 and table["村社区"].str.endswith("村").all()


def test_a_planner_saves_presets_of_their_own_but_not_the_criteria(page):
    page.session_state[auth_ui.USER_KEY] = auth.User("planner1", "planner")
    page.run()
    assert not any(b.label == "保存为全县达标条件" for b in page.button)
    page.text_input[0].set_value("我的权重").run()
    next(b for b in page.button if b.label == "保存为方案").click().run()
    assert not page.exception
    assert page.selectbox[0].value == "planner1/我的权重"
    assert "我的权重（我的）" in page.selectbox[0].options


def test_a_viewer_changes_weights_for_the_view_only(page):
    page.session_state[auth_ui.USER_KEY] = auth.User("viewer1", "viewer")
    page.run()
    assert not page.exception
    assert not any(b.label == "保存为方案" for b in page.button)
    assert any("只有管理员可以保存共享方案" in c.value for c in page.caption)
