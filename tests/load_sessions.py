"""Many people browsing one `streamlit run app.py` while an import commits through the app: real Chromium sessions
(one browser, a context each) opening the analysis pages, and `python -m fraudfree import` started meanwhile.
The scenario of tests/test_load.py and bench/bench_load.py."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from fraudfree import i18n
from tests.browser_server import CHROMIUM, CHROMIUM_ARGS, ROOT

# Each analysis page by its url_path (the default page is at /) and the key of its title.
PAGES = {
    "overview": ("", "app.title"),
    "reach_cases": ("reach_cases", "reach_cases.title"),
    "channels": ("channels", "channels.title"),
    "volunteers": ("volunteers", "volunteers.title"),
    "videos": ("videos", "videos.title"),
    "scorecard": ("scorecard", "scorecard.title"),
}
# Elements of the run under way; those of the page before stay on screen, marked stale, until replaced.
FRESH = '[data-testid="stElementContainer"][data-stale="false"]'
# A page's main content: every analysis page opens with metric tiles or a chart.
CONTENT = '[data-testid="stMetric"], [data-testid="stPlotlyChart"]'
# The script has run to its end, so any exception or error it shows is on the page by now.
FINISHED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
FAILURES = '[data-testid="stException"], [data-testid="stAlertContentError"]'
TIMEOUT_MS = 90_000


@dataclass
class Visit:
    session: int
    page: str
    how: str  # "load": the address opened in the tab; "click": the page's link in the sidebar
    started: float  # time.monotonic()
    seconds: float  # navigation until the page's title and main content are visible
    failures: list[str]  # texts of exception and error boxes


@dataclass
class Outcome:
    visits: list[Visit] = field(default_factory=list)
    imported: dict | None = None  # the import's --json report
    import_started: float | None = None
    import_finished: float | None = None


def fraudfree(*args: str) -> dict:
    """`python -m fraudfree ARGS --json` as an operator runs it; its JSON."""
    done = subprocess.run(
        [sys.executable, "-m", "fraudfree", *args, "--json"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    return json.loads(done.stdout)


async def visit(page, url: str, session: int, name: str, how: str) -> Visit:
    path, title = PAGES[name]
    started = time.monotonic()
    if how == "load":
        await page.goto(f"{url}/{path}")
    else:
        await page.locator(f'[data-testid="stSidebarNavLink"][href="{url}/{path}"]').click()
    fresh = page.locator(FRESH)
    await fresh.get_by_role("heading", level=1, name=i18n.t(title, "zh"), exact=True).wait_for(timeout=TIMEOUT_MS)
    await page.locator(f"{FRESH} :is({CONTENT})").first.wait_for(timeout=TIMEOUT_MS)
    seconds = time.monotonic() - started
    await page.locator(FINISHED).wait_for(timeout=TIMEOUT_MS)
    failures = await page.locator(FAILURES).all_inner_texts()
    return Visit(session, name, how, started, seconds, failures)


async def browse(
    url: str,
    db: Path,
    sessions: int,
    visits: int,
    import_file: Path | None = None,
    pages: tuple[str, ...] = tuple(PAGES),
) -> Outcome:
    """`sessions` people at once, each opening `visits` pages: the first by its address (each person another one
    of `pages`), the next ones from the sidebar, as people move around the dashboard.

    With `import_file`, the import starts once half of them have a page open, and everyone keeps browsing, up to
    twice `visits`, until it has finished: it commits while pages load."""
    from playwright.async_api import async_playwright

    outcome = Outcome()
    imported = asyncio.Event()
    half_open = asyncio.Event()
    opened = set()

    async def person(browser, number: int) -> None:
        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        page = await context.new_page()
        try:
            for k in range(2 * visits if import_file else visits):
                if k >= visits and imported.is_set():
                    break
                name = pages[(number + k) % len(pages)]
                outcome.visits.append(await visit(page, url, number, name, "click" if k else "load"))
                opened.add(number)
                if len(opened) * 2 >= sessions:
                    half_open.set()
        finally:
            await context.close()

    async def importer() -> None:
        await half_open.wait()
        outcome.import_started = time.monotonic()
        outcome.imported = await asyncio.to_thread(fraudfree, "import", str(import_file), "--db", str(db))
        outcome.import_finished = time.monotonic()
        imported.set()

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            work = [person(browser, number) for number in range(sessions)]
            await asyncio.gather(*work, *([importer()] if import_file else []))
        finally:
            await browser.close()
    return outcome


def rows(db: Path) -> dict[str, int]:
    """Current rows per kind, by `summary --json` (through the app's queue while the app holds the database)."""
    return {kind: sums["rows"] for kind, sums in fraudfree("summary", "--db", str(db))["kinds"].items()}
