"""Warm median time of each page's queries (its analytics load()) at county and province scale, against the target
of 300 ms a page at province scale. The query cache is cleared before every run; DuckDB's own caches stay warm.
Beside the wall time, the process's CPU time (DuckDB's threads included): on a shared machine the wall time swings
with other work, the CPU time much less.

    python bench/bench_pages.py [--runs N] [--county-db PATH] [--province-db PATH]

Missing databases are built first with `python -m fraudfree demo` (the province takes a minute or more).
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fraudfree import db, queries  # noqa: E402
from fraudfree.analytics import channels, videos, volunteers  # noqa: E402
from fraudfree.filters import Filters, default_start  # noqa: E402

TARGET_MS = 300
# Page name → callable(path, filters) running every query the page needs.
PAGES = {
    "渠道与阵地 channels": channels.load,
    "志愿者 volunteers": volunteers.load,
    "视频 videos": videos.load,
}


def default_filters(path) -> Filters:
    """What a page opens with: the last twelve months of data, every township, every fraud type."""
    bounds = queries.run("data_months", path).iloc[0]
    first, last = bounds["first_month"].date(), bounds["last_month"].date()
    return Filters(default_start(first, last), last)


def warm_medians_ms(load, path, filters: Filters, runs: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of `load` over `runs` runs, after one run to warm up."""
    load(path, filters)  # warm DuckDB's buffers and the process's imports
    wall, cpu = [], []
    for _ in range(runs):
        queries.clear_cache()
        started, started_cpu = time.perf_counter(), time.process_time()
        load(path, filters)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def ensure(path: Path, scale: str) -> Path:
    if not path.exists():
        print(f"building the {scale} demo at {path} …", file=sys.stderr)
        command = [sys.executable, "-m", "fraudfree", "demo", "--scale", scale, "--db", str(path)]
        subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return path


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=7)
    options.add_argument("--county-db", type=Path, default=Path("/tmp/county.duckdb"))
    options.add_argument("--province-db", type=Path, default=Path("/tmp/prov.duckdb"))
    args = options.parse_args()
    scales = {"county": ensure(args.county_db, "county"), "province": ensure(args.province_db, "province")}
    figures = {}
    for scale, path in scales.items():
        filters = default_filters(path)
        for page, load in PAGES.items():
            figures[page, scale] = warm_medians_ms(load, path, filters, args.runs)
        db.close_all()
    print(
        f"{'page':22} {'county ms':>10} {'province ms':>12} {'target ms':>10} {'county cpu':>11} {'province cpu':>13}"
    )
    for page in PAGES:
        (county, county_cpu), (province, province_cpu) = figures[page, "county"], figures[page, "province"]
        flag = "" if province <= TARGET_MS else "  over target"
        print(
            f"{page:22} {county:10.0f} {province:12.0f} {TARGET_MS:10d} {county_cpu:11.0f} {province_cpu:13.0f}{flag}"
        )


if __name__ == "__main__":
    main()
