"""Times the 无诈评分 at province scale (山东省 demo: 1,853 townships, 1,000 Monte Carlo draws) against the 5 s target,
with the county demo beside it, and the whole `scorecard` command (villages and the workbook included).

    python bench/bench_scorecard.py [--province /tmp/prov.duckdb] [--runs 3]

The province demo is built once (`python -m fraudfree demo --scale province --db PATH`, about a minute) and reused.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fraudfree import db, queries  # noqa: E402
from fraudfree.scorecard import card, settings  # noqa: E402

TARGET_SECONDS = 5.0


def demo(scale: str, path: Path) -> Path:
    if not path.exists():
        print(f"building the {scale} demo at {path} …", flush=True)
        subprocess.run(
            [sys.executable, "-m", "fraudfree", "demo", "--scale", scale, "--db", str(path)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    return path


def in_process(path: Path, communities: bool, runs: int) -> tuple[list[float], card.Scorecard]:
    """Wall times of card.build with every query run afresh (the query cache is cleared before each run)."""
    times, result = [], None
    start, end = card.resolve_period(path, None, None)
    chosen = settings.defaults()
    for _ in range(runs):
        queries.clear_cache()
        began = time.perf_counter()
        result = card.build(path, start, end, chosen, communities=communities)
        times.append(time.perf_counter() - began)
    db.close_all()
    return times, result


def command(path: Path, out: Path) -> float:
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "fraudfree", "scorecard", "--db", str(path), "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - began


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--province", type=Path, default=Path("/tmp/prov.duckdb"))
    options.add_argument("--runs", type=int, default=3)
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        paths = {"county": demo("county", folder / "county.duckdb"), "province": demo("province", args.province)}
        print(f"{'what':44} {'areas':>8} {'draws':>6} {'min s':>7} {'median s':>8} {'target s':>8} {'ratio':>6}")
        for scale, path in paths.items():
            for communities in (False, True):
                times, result = in_process(path, communities, args.runs)
                level = result.community if communities else result.township
                label = f"{scale}: build, {'+ villages' if communities else 'townships'}"
                best, middle = min(times), statistics.median(times)
                target = (
                    f"{TARGET_SECONDS:8.1f} {middle / TARGET_SECONDS:6.2f}" if not communities else f"{'':8} {'':6}"
                )
                print(f"{label:44} {len(level.areas):8,} {level.draws:6,} {best:7.2f} {middle:8.2f} {target}")
            for suffix in (".xlsx", ".csv"):
                wall = command(path, folder / f"{scale}{suffix}")
                print(f"{scale + ': python -m fraudfree scorecard ' + suffix:44} {'':8} {'':6} {wall:7.2f}")


if __name__ == "__main__":
    main()
