"""Times `python -m fraudfree demo` at county and province scale: wall time of the whole command, process start
included, against the targets (county: a few seconds; province: 10 M activity rows in under 3 minutes on 2 cores).

    python bench/bench_demo.py [--scale county|province] [--runs N]
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = {"county": 5.0, "province": 180.0}


def run_once(scale: str, folder: Path) -> tuple[float, dict]:
    path = folder / f"{scale}.duckdb"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "fraudfree", "demo", "--scale", scale, "--db", str(path), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    wall = time.perf_counter() - started
    report = json.loads(done.stdout)
    report["megabytes"] = path.stat().st_size / 1e6
    path.unlink()
    return wall, report


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--scale", choices=("county", "province"), action="append")
    options.add_argument("--runs", type=int, default=1)
    args = options.parse_args()
    print(
        f"{'scale':9} {'wall s':>7} {'target s':>8} {'build s':>7} {'rows':>11} {'rows/s':>10} "
        f"{'activities':>11} {'video_views':>11} {'MB':>6}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for scale in args.scale or ["county", "province"]:
            for _ in range(args.runs):
                wall, report = run_once(scale, Path(folder))
                rows = sum(report["rows"].values())
                print(
                    f"{scale:9} {wall:7.1f} {TARGET_SECONDS[scale]:8.0f} {report['seconds']:7.1f} {rows:11,} "
                    f"{rows / wall:10,.0f} {report['rows']['activities']:11,} {report['rows']['video_views']:11,} "
                    f"{report['megabytes']:6.0f}"
                )


if __name__ == "__main__":
    main()
