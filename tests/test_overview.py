"""The Overview: headline figures, year-on-year change and the township filter, on the demo database."""

import datetime as dt
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from fraudfree import db, overview, queries
from fraudfree.filters import Filters

YEAR_2021 = Filters(dt.date(2021, 1, 1), dt.date(2021, 12, 1))
WANGFEN = "370781101"


def test_kpis_cover_the_headline_figures_with_year_on_year_change(demo_db):
    tiles = {k.key: k for k in overview.kpis(demo_db, YEAR_2021)}
    assert list(tiles) == [spec[0] for spec in overview.KPI_SPECS]
    assert 0.9 * 766 <= tiles["cases"].value <= 1.1 * 766
    assert tiles["solved"].change > 0.3, "solved cases rose about 50 % in 2021"
    assert 0.5 < tiles["app_rate"].value < 0.7


def test_headline_reads_like_san_sheng_yi_jiang(demo_db):
    sentence = overview.headline(demo_db, YEAR_2021, "zh")
    assert sentence.startswith("与去年同期相比")
    assert "升" in sentence and "发案数" in sentence


def test_township_filter_narrows_every_figure(demo_db):
    everywhere = {k.key: k.value for k in overview.kpis(demo_db, YEAR_2021)}
    one = {k.key: k.value for k in overview.kpis(demo_db, Filters(YEAR_2021.start, YEAR_2021.end, (WANGFEN,)))}
    assert one["cases"] < everywhere["cases"]
    assert one["reach"] < everywhere["reach"]


def test_every_query_has_a_header_and_runs_on_the_demo(demo_db):
    params = {**YEAR_2021.params(), "townships": [WANGFEN], "fraud_types": ["刷单返利"]}
    for name in queries.names():
        lines = queries.load(name).splitlines()
        header = "\n".join(line for line in lines[: next(i for i, x in enumerate(lines) if not x.startswith("--"))])
        assert "Params:" in header, f"{name}.sql needs a header saying what it returns and its parameters"
        undeclared = {p for p in queries.parameters(name) if f"${p}" not in header}
        assert not undeclared, f"{name}.sql header does not name {undeclared}"
        queries.run(name, demo_db, **{k: params.get(k) for k in queries.parameters(name)})


@pytest.fixture
def app(demo_db, tmp_path, monkeypatch):
    """The whole app (router, filter bar, Overview) on a private copy of the demo."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    monkeypatch.setenv("FRAUDFREE_DB", str(path))
    yield AppTest.from_file(str(db.ROOT / "app.py"), default_timeout=60)
    db.close_all()
    queries.clear_cache()


def kpi_values(at):
    return {m.label: m.value for m in at.metric}


def test_overview_page_renders_kpis_in_chinese(app):
    app.query_params["period"] = "2021-01:2021-12"
    app.run()
    assert not app.exception
    assert app.title[0].value == "反诈宣传分析看板"
    values = kpi_values(app)
    assert {"发案数", "损失金额", "破案数", "反诈APP注册率", "宣传覆盖人次", "志愿服务时长", "视频播放量"} <= set(
        values
    )
    assert any("演示数据" in w.value for w in app.warning)
    assert "万" in values["宣传覆盖人次"]


def test_choosing_a_township_changes_the_kpis_and_the_url(app):
    app.query_params["period"] = "2021-01:2021-12"
    app.run()
    county = kpi_values(app)["发案数"]
    app.multiselect(key="filter_townships.zh").set_value([WANGFEN]).run()
    assert not app.exception
    assert kpi_values(app)["发案数"] != county
    assert app.query_params["t"] == WANGFEN
    assert "王坟镇" in app.caption[0].value


def test_switching_to_english_keeps_the_filters(app):
    app.query_params.update({"period": "2021-01:2021-12", "t": WANGFEN})
    app.run()
    cases = kpi_values(app)["发案数"]
    app.button_group(key="lang").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "Anti-fraud Publicity Dashboard"
    assert app.multiselect(key="filter_townships.en").value == [WANGFEN]
    assert kpi_values(app)["Cases"] == cases
    assert app.query_params["lang"] == "en"


def test_a_copied_link_opens_the_same_view_in_english(app):
    app.query_params.update({"period": "2021-01:2021-06", "t": WANGFEN, "lang": "en"})
    app.run()
    assert not app.exception
    assert app.title[0].value == "Anti-fraud Publicity Dashboard"
    assert app.multiselect(key="filter_townships.en").value == [WANGFEN]
    assert "Cases" in kpi_values(app)
