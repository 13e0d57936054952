"""A copied link reproduces the view: in Chromium, click a township on the 覆盖与发案 map, open the page's URL in a
fresh browser context, and see the same township selected and the same figures."""

import datetime as dt

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from fraudfree import fmt
from fraudfree.analytics import reach_cases
from fraudfree.filters import Filters
from tests.browser_server import chromium, copy_db, needs_chromium, serve

pytestmark = [pytest.mark.browser, needs_chromium]
WANGFEN = "370781101"
TIMEOUT = 60_000


@pytest.fixture(scope="module")
def app_url(demo_db, tmp_path_factory):
    with serve(copy_db(demo_db, tmp_path_factory.mktemp("browser_filters"))) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def kpis(page) -> dict[str, str]:
    metrics = page.get_by_test_id("stMetric")
    metrics.first.wait_for(timeout=TIMEOUT)
    return {
        metrics.nth(i).get_by_test_id("stMetricLabel").inner_text().strip(): metrics.nth(i)
        .get_by_test_id("stMetricValue")
        .inner_text()
        .strip()
        for i in range(metrics.count())
    }


def settled(page) -> None:
    """Wait until the script run is over: a click on a chart still being redrawn can be lost."""
    page.get_by_text("每个小图是一个乡镇街道").wait_for(timeout=TIMEOUT)  # the page's last caption
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=TIMEOUT)


def chosen_townships(page):
    return page.get_by_test_id("stSidebar").locator("[data-tag]")


def click_township_on_map(page, name: str, attempts: int = 3) -> None:
    """Hover the township's point until plotly shows its label, then click; a click that lands while the chart
    is still being drawn is lost, so try again until the sidebar shows the township chosen."""
    label = page.locator(".js-plotly-plot").first.locator("g.textpoint text", has_text=name)
    for attempt in range(attempts):
        label.scroll_into_view_if_needed(timeout=TIMEOUT)
        box = label.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(x, y)  # plotly clicks the point it hovers, so hover first
        page.locator(".hoverlayer .hovertext", has_text=name).wait_for(timeout=TIMEOUT)
        page.mouse.click(x, y)
        try:
            chosen_townships(page).filter(has_text=name).wait_for(timeout=15_000)
            return
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise


def test_a_township_clicked_on_the_map_survives_a_copied_link(app_url, browser, demo_db):
    first = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = first.new_page()
    page.goto(app_url)
    kpis(page)  # let the Overview finish its first run: a click on the navigation before then races it
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=TIMEOUT)
    page.get_by_test_id("stSidebarNav").get_by_text("覆盖与发案").click()
    page.get_by_role("heading", name="覆盖与发案", exact=True).wait_for(timeout=TIMEOUT)
    settled(page)
    county_cases = kpis(page)["发案数"]

    # Click 王坟镇 on the reach map (the first map of the page): a plotly click on its label's point.
    click_township_on_map(page, "王坟镇")
    # The filter bar rewrites the address in place (no navigation), so watch location itself.
    page.wait_for_function(f"() => location.search.includes('t={WANGFEN}')", timeout=TIMEOUT)
    page.get_by_text("已选 1 个乡镇街道：王坟镇").wait_for(timeout=TIMEOUT)
    settled(page)
    shown = kpis(page)
    link = page.url
    first.close()

    # The figures are the package's for that township and the default period (the last twelve months of data).
    expected = reach_cases.load(demo_db, Filters(dt.date(2022, 1, 1), dt.date(2022, 12, 1), townships=(WANGFEN,)))
    assert shown["发案数"] == fmt.number(expected.selection["cases"]) != county_cases
    assert (
        shown["所处象限"]
        == {"consolidate": "巩固", "investigate": "查因", "watch": "关注", "priority": "优先"}[
            expected.townships.set_index("code").loc[WANGFEN, "quadrant"]
        ]
    )

    fresh = browser.new_context(viewport={"width": 1400, "height": 1000})
    again = fresh.new_page()
    again.goto(link)
    again.get_by_role("heading", name="覆盖与发案", exact=True).wait_for(timeout=TIMEOUT)
    again.get_by_text("已选 1 个乡镇街道：王坟镇").wait_for(timeout=TIMEOUT)
    settled(again)
    # Under load the sidebar can still be redrawing when the caption shows: wait for the tag, then compare.
    chosen_townships(again).filter(has_text="王坟镇").wait_for(timeout=TIMEOUT)
    assert chosen_townships(again).all_inner_texts() == ["王坟镇"]
    assert kpis(again) == shown
    fresh.close()


def test_a_copied_link_opened_first_on_a_freshly_started_server_keeps_the_filter_bar(demo_db, tmp_path, browser):
    with serve(copy_db(demo_db, tmp_path)) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{url}/reach_cases?period=2022-01:2022-12&t={WANGFEN}")
        page.get_by_role("heading", name="覆盖与发案", exact=True).wait_for(timeout=TIMEOUT)
        try:
            chosen_townships(page).filter(has_text="王坟镇").wait_for(timeout=15_000)
        finally:
            context.close()
