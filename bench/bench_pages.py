"""Warm median time of each page's queries and computations (its package load function, query cache cleared before
every run) on the default view — the last twelve months, every township — at county and province scale, against
the target of 300 ms a page at province scale. Beside the wall time, the process's CPU time (DuckDB's threads
included): on a shared machine the wall time swings with other work, the CPU time much less.

    python bench/bench_pages.py [--runs N] [--page NAME] [--county PATH] [--province PATH]

The demo databases are built when missing (province: 1–3 minutes) and reused after; the timings run on private
copies, since other benches may hold the shared files open (DuckDB locks a file for one process).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from fraudfree import db, filters, overview, queries  # noqa: E402
from fraudfree.analytics import channels, reach_cases, videos, volunteers  # noqa: E402

TARGET_MS = 300.0
# Page → a function of (database path, filters) that runs every query the page needs.
PAGES = {
    "overview": lambda path, view: overview.page_data(path, view, "zh"),
    "reach_cases": lambda path, view: reach_cases.load(path, view),
    "channels": channels.load,
    "volunteers": volunteers.load,
    "videos": videos.load,
}


def default_view(path: Path) -> filters.Filters:
    """What a page shows on opening: the last twelve months of data, all townships, all fraud types."""
    months = queries.run("data_months", path).iloc[0]
    first, last = (months[c].date() for c in ("first_month", "last_month"))
    return filters.Filters(filters.default_start(first, last), last)


def warm_medians_ms(load, path: Path, view: filters.Filters, runs: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of `load` over `runs` runs, after one run to warm up."""
    load(path, view)  # warm: connection open, query files read, DuckDB's own caches filled
    wall, cpu = [], []
    for _ in range(runs):
        queries.clear_cache()
        started, started_cpu = time.perf_counter(), time.process_time()
        load(path, view)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def demo_copy(shared: Path, scale: str, folder: Path) -> Path:
    """A private copy of the shared demo at `shared`, built there first when missing; built afresh in `folder`
    when the shared file has another schema version (another branch built it)."""
    private = folder / f"{scale}.duckdb"
    if not shared.exists():
        build(shared, scale)
    shutil.copy(shared, private)  # a file copy works even while another process holds DuckDB's lock
    if _schema_version(private) != db.SCHEMA_VERSION:
        private.unlink()
        build(private, scale)
    return private


def build(path: Path, scale: str) -> None:
    print(f"building the {scale} demo at {path} …", file=sys.stderr)
    command = [sys.executable, "-m", "fraudfree", "demo", "--scale", scale, "--db", str(path)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)


def _schema_version(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return db.schema_version(con)
    finally:
        con.close()


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=7)
    options.add_argument("--page", choices=sorted(PAGES), action="append")
    options.add_argument("--county", type=Path, default=Path("/tmp/county.duckdb"))
    options.add_argument("--province", type=Path, default=Path("/tmp/prov.duckdb"))
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        shared = {"county": args.county, "province": args.province}
        databases = {scale: demo_copy(path, scale, Path(folder)) for scale, path in shared.items()}
        views = {scale: default_view(path) for scale, path in databases.items()}
        print(f"{'page':12} {'county ms':>10} {'province ms':>12} {'target ms':>10} {'province cpu ms':>16}  within")
        for page in args.page or PAGES:
            (county, _), (province, province_cpu) = (
                warm_medians_ms(PAGES[page], databases[s], views[s], args.runs) for s in databases
            )
            verdict = "yes" if province <= TARGET_MS else "NO"
            print(f"{page:12} {county:10.1f} {province:12.1f} {TARGET_MS:10.0f} {province_cpu:16.1f}  {verdict}")
        db.close_all()


if __name__ == "__main__":
    main()
