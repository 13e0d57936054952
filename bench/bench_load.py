"""Page latency for one person alone versus ten at once while an import commits through the app: real Chromium
sessions on one `streamlit run app.py` (the scenario of tests/test_load.py, in tests/load_sessions.py).

Latency: from a click on the page's link in the sidebar until its title and main content (its first metric tile
or chart) are visible; each session opens its first page by its address, shown apart ("first load"). Alone: one
session opens every page `--alone-runs` times after a first, untimed round. Ten at once: each session opens every
page `--rounds` times, each starting at another page, and the import starts once half of them have a page open.
Per page: median and 95th percentile, side by side, with the ratio. Browsers and server share this machine's
cores: the server's CPU seconds per page view and its share of the machine's busy time say how much of the
slowdown is the server's.

    python bench/bench_load.py [--sessions N] [--rounds N] [--alone-runs N] [--rows N] [--db DEMO.duckdb]

--rows N imports a generated N-row activities workbook (bench_import.py's) instead of the 5-row test fixture.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fraudfree import demo  # noqa: E402
from tests.browser_server import serve  # noqa: E402
from tests.ingest_support import FIXTURES  # noqa: E402
from tests.load_sessions import PAGES, Visit, browse, rows  # noqa: E402

DEMO = ROOT / "data" / "demo.duckdb"
TICK = os.sysconf("SC_CLK_TCK")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


def server_cpu() -> float:
    """CPU seconds of the `streamlit run` this script started (and its threads)."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == os.getpid() and b"streamlit\0run" in command:
            return (int(fields[11]) + int(fields[12])) / TICK
    raise RuntimeError("no streamlit server started by this process")


def machine_busy() -> float:
    """CPU seconds all cores spent busy (not idle, not waiting for I/O) since boot."""
    ticks = list(map(int, Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]))
    return (sum(ticks) - ticks[3] - ticks[4]) / TICK


def measured(url: str, db: Path, sessions: int, visits: int, workbook: Path | None = None):
    """browse() and what it cost: (outcome, wall seconds, server CPU seconds, machine busy seconds)."""
    wall, server, busy = time.monotonic(), server_cpu(), machine_busy()
    outcome = asyncio.run(browse(url, db, sessions, visits, workbook))
    return outcome, time.monotonic() - wall, server_cpu() - server, machine_busy() - busy


def line(label: str, alone: list[float], crowd: list[float]) -> str:
    ratio = f"{statistics.median(crowd) / statistics.median(alone):>12.1f} {p95(crowd) / p95(alone):>9.1f}"
    return (
        f"{label:<12} {statistics.median(alone):>15.2f} {p95(alone):>6.2f}   "
        f"{statistics.median(crowd):>16.2f} {p95(crowd):>6.2f}   {ratio}"
    )


def clicks(visits: list[Visit], page: str | None = None) -> list[float]:
    return [v.seconds for v in visits if v.how == "click" and page in (None, v.page)]


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--sessions", type=int, default=10)
    options.add_argument("--rounds", type=int, default=2, help="times each of the sessions opens every page")
    options.add_argument("--alone-runs", type=int, default=5, help="times the single session opens every page")
    options.add_argument("--rows", type=int, default=0, help="import a generated workbook of this many activities")
    options.add_argument("--db", type=Path, default=DEMO, help="county demo database (built when missing)")
    args = options.parse_args()
    every_page = len(PAGES) + 1  # the first, by its address, and then each page from the sidebar

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        db = folder / "demo.duckdb"
        if args.db.exists():
            shutil.copy(args.db, db)
        else:
            print(f"building the county demo in {db} …", flush=True)
            demo.build(db, "county", demo.DEFAULT_SEED)
        if args.rows:
            from bench.bench_import import make_workbook

            workbook = folder / "宣传活动.xlsx"
            make_workbook(workbook, args.rows)
        else:
            workbook = FIXTURES / "activities_merged_headers.xlsx"
        before = rows(db)
        with serve(db) as url:
            asyncio.run(browse(url, db, 1, every_page))  # warm: first runs, caches filled
            alone, alone_cost = [], [0.0, 0.0, 0.0]
            for _ in range(args.alone_runs):
                outcome, *cost = measured(url, db, 1, every_page)
                alone += outcome.visits
                alone_cost = [a + b for a, b in zip(alone_cost, cost, strict=True)]
            crowd, *crowd_cost = measured(url, db, args.sessions, args.rounds * len(PAGES) + 1, workbook)
            after = rows(db)

    report = crowd.imported
    written = {kind: counts["written"] for kind, counts in report["rows"].items()}
    lost = {k: n + written.get(k, 0) - after.get(k, 0) for k, n in before.items() if n + written.get(k, 0) != after[k]}
    failures = [(v.session, v.page, v.failures) for v in alone + crowd.visits if v.failures]

    print(f"\nImport of {workbook.name} during the {args.sessions} sessions: status {report['status']}, "
          f"{sum(written.values()):,} rows written, {crowd.import_finished - crowd.import_started:.1f} s "
          f"(the command's wall time, through the app's queue)")  # fmt: skip
    print("Latency (s) from the sidebar click until the page's title and first tile or chart are visible")
    print(
        f"{'page':<12} {'1 alone: median':>15} {'p95':>6}   {f'{args.sessions} at once: median':>16} {'p95':>6}   "
        f"{'ratio median':>12} {'ratio p95':>9}"
    )
    for page in PAGES:
        print(line(page, clicks(alone, page), clicks(crowd.visits, page)))
    print(line("all pages", clicks(alone), clicks(crowd.visits)))
    loads = [[v.seconds for v in visits if v.how == "load"] for visits in (alone, crowd.visits)]
    print(line("first load", *loads))
    for label, visits, (wall, server, busy) in (("alone", alone, alone_cost), ("at once", crowd.visits, crowd_cost)):
        print(
            f"{label:>8}: {len(visits)} page views in {wall:.0f} s; server {server / len(visits):.2f} CPU s a view, "
            f"{server / busy:.0%} of the machine's busy time ({busy / wall:.1f} of {os.cpu_count()} cores busy)"
        )
    print(f"pages with an exception or error box: {len(failures)}; rows lost: {lost or 'none'}")
    for failure in failures:
        print("  failed:", failure)


if __name__ == "__main__":
    main()
