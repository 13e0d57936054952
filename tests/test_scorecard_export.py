"""The scorecard workbook and CSV: sheets, the contract's first sheet, print setup, no formula ever runs;
and `python -m fraudfree scorecard` end to end."""

import csv
import datetime as dt
import json
import os
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

from fraudfree import db
from fraudfree.scorecard import card, export, settings
from tests.scorecard_county import WANGFEN, small_county

HOSTILE = ('=HYPERLINK("http://example.com","x")', "+1+1", "-2", "@SUM(A1)", "\tTab村")
SHEETS = ["乡镇街道得分", "村社区得分", "达标条件", "指标", "权重", "下一轮宣传重点", "方法说明"]


def fraudfree(*args):
    env = {k: v for k, v in os.environ.items() if k != "FRAUDFREE_DB"}
    return subprocess.run(
        [sys.executable, "-m", "fraudfree", *map(str, args)],
        cwd=db.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    """The small county, with villages whose names would run as formulas in a careless export."""
    target = tmp_path_factory.mktemp("export") / "county.duckdb"
    small_county(target)
    con = db.open_db(target)
    with db.transaction(con) as cur:
        rows = pd.DataFrame(
            {
                "date": dt.date(2022, 5, 5),
                "township_code": WANGFEN,
                "community": list(HOSTILE),
                "method": "集中宣讲",
                "reach": 100,
                "households": 10,
            }
        )
        batch = db.new_batch(cur, "import", ["activities"], {"activities": len(rows)})
        db.insert_frame(cur, "activities_versions", rows.assign(batch_id=batch))
    con.close()
    yield target
    db.close_all()


@pytest.fixture(scope="module")
def workbook(path, tmp_path_factory):
    sc = card.build(path, dt.date(2022, 1, 1), dt.date(2022, 12, 1), settings.defaults())
    db.close_all()  # the commands below open the file themselves
    target = tmp_path_factory.mktemp("xlsx") / "scorecard.xlsx"
    export.write_xlsx(sc, str(target))
    return openpyxl.load_workbook(target)


def test_workbook_has_a_sheet_per_view_township_scores_first(workbook):
    assert workbook.sheetnames == SHEETS


def test_first_sheet_has_the_contract_columns_and_one_row_per_township(workbook):
    rows = list(workbook[SHEETS[0]].values)
    assert list(rows[0][:5]) == ["乡镇街道", "得分", "等级", "排名区间", "无诈达标"]
    assert len(rows) == 14
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["王坟镇"][2:5] == ("达标", "1", "是")
    assert by_name["黄楼街道"][2] == "重点关注" and by_name["黄楼街道"][4] == "否"
    assert {row[4] for row in rows[1:]} <= {"是", "否"}
    assert all(isinstance(row[1], (int, float)) for row in rows[1:])  # numbers, not text


def test_cells_that_would_be_formulas_are_quoted_text(workbook):
    names = [row[0] for row in workbook[SHEETS[1]].iter_rows(min_row=2, values_only=True)]
    for hostile in HOSTILE:
        assert "'" + hostile in names
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            assert not any(cell.data_type == "f" for cell in row)


def test_sheets_are_set_up_for_printing(workbook):
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage  # one page wide (the default width), any length:
        assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.freeze_panes == "B2"


def test_method_notes_say_how_each_indicator_is_computed(workbook):
    text = "\n".join(str(v) for row in workbook[SHEETS[-1]].values for v in row if v)
    assert "常住人口" in text and "经验贝叶斯" in text and "模拟 1000 次" in text


def test_command_writes_the_workbook_and_reports_in_json(path, tmp_path):
    out = tmp_path / "评分.xlsx"
    done = fraudfree("scorecard", "--db", path, "--period", "2022-01:2022-12", "--out", out, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["townships"] == 13 and report["certified"] == ["王坟镇"]
    assert report["period"] == {"start": "2022-01", "end": "2022-12"}
    assert openpyxl.load_workbook(out).sheetnames == SHEETS


def test_command_writes_csv_with_communities_beside_it(path, tmp_path):
    out = tmp_path / "scorecard.csv"
    done = fraudfree("scorecard", "--out", out, "--db", path)
    assert done.returncode == 0, done.stderr
    assert "王坟镇" not in done.stdout and "达标 1 个" in done.stdout
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:5] == ["乡镇街道", "得分", "等级", "排名区间", "无诈达标"] and len(rows) == 14
    communities = (tmp_path / "scorecard_村社区得分.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in communities and "\n=HYPERLINK" not in communities


def test_command_refuses_other_file_types(path, tmp_path):
    done = fraudfree("scorecard", "--db", path, "--out", tmp_path / "scorecard.pdf")
    assert done.returncode == 2 and ".xlsx" in done.stdout
    assert not (tmp_path / "scorecard.pdf").exists()


def test_command_without_a_database_exits_1_and_creates_nothing(tmp_path):
    done = fraudfree("scorecard", "--db", tmp_path / "missing.duckdb", "--out", tmp_path / "scorecard.xlsx", "--json")
    assert done.returncode == 1 and "missing.duckdb" in json.loads(done.stdout)["error"]["message"]
    assert not (tmp_path / "missing.duckdb").exists() and not (tmp_path / "scorecard.xlsx").exists()
