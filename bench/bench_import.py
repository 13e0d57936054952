"""Times the validated import of a 100,000-row activities workbook against a baseline measured in the same run:
pandas.read_excel(engine="openpyxl") plus a plain insert into DuckDB (no checks at all).
Target: our whole validated import at least 5× faster than the baseline (both in one process), and the
`python -m fraudfree import` command under 5 s of wall time, process start included. The baseline is also
timed as a command, for a like-for-like ratio of the two commands.

    python bench/bench_import.py [--rows N] [--runs N]
"""

import argparse
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import xlsxwriter  # noqa: E402

from fraudfree import county, db  # noqa: E402
from fraudfree.ingest import pipeline  # noqa: E402
from fraudfree.ingest.read import Upload  # noqa: E402
from fraudfree.kinds import KINDS, VOCABULARIES  # noqa: E402

TARGET_SECONDS = 5.0
TARGET_RATIO = 5.0
# Township names as partners write them: full, short, and the odd code.
TOWNSHIPS = ["王府街道", "益都", "云门山街道", "黄楼", "弥河镇", "王坟", "庙子镇", "邵庄", "高柳镇", "何官镇", "东夏",
             "谭坊镇", "王母宫", "370781101"]  # fmt: skip


def make_workbook(path: Path, rows: int, seed: int = 7) -> None:
    """A realistic monthly-report shape: a title row, the header, `rows` activities and a 合计 row."""
    rng = random.Random(seed)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("宣传活动")
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write(0, 0, "2021年宣传活动统计表")
    sheet.write_row(1, 0, [c.zh for c in KINDS["activities"].columns])
    start = dt.datetime(2021, 1, 1)
    reach_total = 0
    for i in range(2, rows + 2):
        reach = rng.randrange(20, 3000)
        reach_total += reach
        sheet.write_datetime(i, 0, start + dt.timedelta(days=rng.randrange(365)), date)
        sheet.write_string(i, 1, rng.choice(TOWNSHIPS))
        sheet.write_string(i, 2, f"第{rng.randrange(1, 60)}村")
        sheet.write_string(i, 3, rng.choice(VOCABULARIES["method"]))
        sheet.write_string(i, 4, rng.choice(VOCABULARIES["channel"]))
        sheet.write_string(i, 5, f"ZD{rng.randrange(1500):04d}")
        sheet.write_string(i, 6, rng.choice(VOCABULARIES["partner"]))
        sheet.write_string(i, 7, f"志愿服务{rng.randrange(32) + 1}队")
        sheet.write_number(i, 8, rng.randrange(1, 20))
        sheet.write_number(i, 9, reach)
        sheet.write_number(i, 10, rng.randrange(0, 200))
        sheet.write_number(i, 11, rng.randrange(0, 500))
        sheet.write_number(i, 12, rng.randrange(0, 50))
        sheet.write_string(i, 13, rng.choice(["", "", "", "村医随访", "联合派出所开展"]))
    sheet.write(rows + 2, 0, "合计")
    sheet.write_number(rows + 2, 9, reach_total)
    book.close()


def baseline_code(workbook: Path, database: Path) -> str:
    """pandas.read_excel with openpyxl, then a plain insert into DuckDB: no checks, no parsing."""
    return (
        "import duckdb, pandas\n"
        f"frame = pandas.read_excel({str(workbook)!r}, engine='openpyxl', header=1)\n"
        f"con = duckdb.connect({str(database)!r})\n"
        "con.register('frame', frame)\n"
        "con.execute('create or replace table activities as select * from frame')\n"
        "con.close()\n"
    )


def baseline(workbook: Path, folder: Path) -> float:
    code = baseline_code(workbook, folder / "baseline.duckdb")
    started = time.perf_counter()
    exec(code, {})  # in this process, where pandas and duckdb are imported already, like our in-process import
    return time.perf_counter() - started


def baseline_command(workbook: Path, folder: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", baseline_code(workbook, folder / "baseline_cmd.duckdb")], check=True)
    return time.perf_counter() - started


def ours_in_process(workbook: Path, database: Path) -> tuple[float, dict]:
    started = time.perf_counter()
    con = db.open_db(database)
    report = pipeline.run_import(con, [Upload(workbook.name, workbook.read_bytes())])
    con.close()
    return time.perf_counter() - started, report.to_json()


def ours_command(workbook: Path, database: Path) -> tuple[float, dict]:
    """`python -m fraudfree import` as a user runs it: wall time, process start included."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "fraudfree", "import", str(workbook), "--db", str(database), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return time.perf_counter() - started, json.loads(done.stdout)


def fresh_database(template: Path, folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(template.read_bytes())
    return path


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rows", type=int, default=100_000)
    options.add_argument("--runs", type=int, default=1, help="repeat each measurement; medians are shown")
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        workbook = folder / "activities_100k.xlsx"
        make_workbook(workbook, args.rows)
        megabytes = workbook.stat().st_size / 1e6
        template = folder / "county.duckdb"
        con = db.open_db(template)
        county.init_area(con, "370781")
        con.close()

        timings: dict[str, list[float]] = {"baseline": [], "ours": [], "baseline_command": [], "command": []}
        for run in range(args.runs):
            timings["baseline"].append(baseline(workbook, folder))
            seconds, report = ours_in_process(workbook, fresh_database(template, folder, f"in_{run}.duckdb"))
            timings["ours"].append(seconds)
            assert report["status"] == "imported" and report["rows"]["activities"]["written"] == args.rows, report
            timings["baseline_command"].append(baseline_command(workbook, folder))
            seconds, report = ours_command(workbook, fresh_database(template, folder, f"cmd_{run}.duckdb"))
            timings["command"].append(seconds)
            assert report["rows"]["activities"]["written"] == args.rows, report["errors"][:3]

    median = {key: statistics.median(values) for key, values in timings.items()}
    print(f"{args.rows:,} activity rows, {megabytes:.1f} MB xlsx, median of {args.runs} run(s)")
    print(f"{'':48} {'seconds':>8} {'rows/s':>10} {'× faster':>9}")
    for label, key, against in (
        ("baseline: read_excel(openpyxl) + insert", "baseline", "baseline"),
        ("ours: validated import, in process", "ours", "baseline"),
        ("baseline as a command (python -c …)", "baseline_command", "baseline_command"),
        ("ours: `python -m fraudfree import` (wall)", "command", "baseline_command"),
    ):
        seconds = median[key]
        print(f"{label:48} {seconds:8.2f} {args.rows / seconds:10,.0f} {median[against] / seconds:9.1f}")
    ratio, command = median["baseline"] / median["ours"], median["command"]
    verdict = "met" if ratio >= TARGET_RATIO and command < TARGET_SECONDS else "NOT met"
    print(
        f"target (import ≥ {TARGET_RATIO:.0f}× the baseline: {ratio:.1f}×; command under {TARGET_SECONDS:.0f} s: "
        f"{command:.2f} s): {verdict}"
    )


if __name__ == "__main__":
    main()
