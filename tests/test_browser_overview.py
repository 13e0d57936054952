"""The Overview in a real Chromium: Chinese title, a KPI value, the map, and no request leaving the machine."""

import pytest

from tests.browser_server import chromium, copy_db, needs_chromium, serve

pytestmark = [pytest.mark.browser, needs_chromium]


def test_overview_shows_title_kpis_and_map_offline(demo_db, tmp_path):
    with serve(copy_db(demo_db, tmp_path)) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        outside = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(url) else None)
        page.goto(url)
        page.get_by_role("heading", name="反诈宣传分析看板").wait_for(timeout=60_000)
        first_kpi = page.get_by_test_id("stMetricValue").first
        first_kpi.wait_for()
        assert first_kpi.inner_text().strip()[0].isdigit()
        page.get_by_text("演示数据").first.wait_for()
        # The map: one filled polygon trace per class and a label per township.
        page.locator("g.textpoint text", has_text="王坟镇").wait_for()
        assert page.locator(".js-plotly-plot .scatterlayer .trace path.js-fill").count() >= 1
        assert outside == [], f"requests left the machine: {outside}"


def test_clicking_a_row_of_the_township_table_filters_the_page(demo_db, tmp_path):
    with serve(copy_db(demo_db, tmp_path)) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        page.goto(f"{url}/?period=2021-01:2021-12")
        grid = page.get_by_test_id("stDataFrame").first
        grid.wait_for(timeout=60_000)
        box = grid.bounding_box()
        # The grid draws on a canvas: the selection box is the first column, rows 35 px under a 35 px header;
        # 王坟镇 is the sixth township by code.
        page.mouse.click(box["x"] + 15, box["y"] + 35 + 35 * 5 + 17)
        page.get_by_text("已选 1 个乡镇街道：王坟镇").wait_for(timeout=30_000)
        assert "t=370781101" in page.url


def test_filters_stay_when_switching_pages(demo_db, tmp_path):
    with serve(copy_db(demo_db, tmp_path)) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/?period=2021-01:2021-06&t=370781101")
        page.get_by_text("已选 1 个乡镇街道：王坟镇").wait_for(timeout=60_000)
        page.get_by_test_id("stSidebarNav").get_by_text("覆盖与发案").click()
        page.get_by_role("heading", name="覆盖与发案", exact=True).wait_for(timeout=30_000)
        page.get_by_text("2021年1月–2021年6月 · 已选 1 个乡镇街道：王坟镇").first.wait_for(timeout=30_000)
        assert "t=370781101" in page.url and "period=2021-01%3A2021-06" in page.url
