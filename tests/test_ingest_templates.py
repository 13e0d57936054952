"""Templates: one workbook per kind with headers, an example row, drop-down lists and notes; they import back."""

import io

import openpyxl
import pytest

from fraudfree import templates
from fraudfree.ingest import pipeline
from fraudfree.ingest.read import Upload
from fraudfree.kinds import KINDS

pytest_plugins = ["tests.ingest_databases"]  # the con fixture


@pytest.fixture
def names(con):
    return templates.township_names(con)


def test_each_template_has_headers_an_example_row_lists_and_a_notes_sheet(names):
    book = openpyxl.load_workbook(io.BytesIO(templates.workbook("activities", names)))
    data, notes, lists = book.worksheets
    assert (data.title, notes.title, lists.title) == ("宣传活动", "填表说明", "下拉选项")
    assert lists.sheet_state == "hidden"
    assert [c.value for c in data[1]] == [c.zh for c in KINDS["activities"].columns]
    assert data["B2"].value == "王府街道" and data["D2"].value == "入户走访"
    sources = {str(v.sqref): v.formula1 for v in data.data_validations.dataValidation}
    assert sources["B2:B5001"] == "'下拉选项'!$A$2:$A$14", "13 townships"
    assert sources["D2:D5001"] == "'下拉选项'!$B$2:$B$12", "11 methods"
    assert [lists.cell(row, 1).value for row in (1, 2, 14)] == ["乡镇街道", "王府街道", "王母宫经济发展区"]
    assert "个人信息" in " ".join(str(c.value) for row in notes.iter_rows() for c in row if c.value)


def test_cases_template_offers_both_forms():
    book = openpyxl.load_workbook(io.BytesIO(templates.workbook("cases", [])))
    assert [s.title for s in book.worksheets] == ["案件", "案件（逐案登记）", "填表说明", "下拉选项"]
    assert [c.value for c in book.worksheets[1][1]] == [
        "立案日期",
        "乡镇街道",
        "诈骗类型",
        "损失金额（元）",
        "受害人年龄",
    ]


def test_unchanged_templates_import_nothing_and_say_the_example_row_was_skipped(con, names):
    uploads = [Upload(f"{kind}.xlsx", templates.workbook(kind, names)) for kind in KINDS]
    report = pipeline.run_import(con, uploads)
    assert report.status == "imported" and report.batch is None
    assert not report.errors
    assert sum(r["read"] for r in report.rows.values()) == 0
    assert sum("示例行" in w.message for w in report.warnings) == len(KINDS) + 1  # cases has two sheets


@pytest.mark.parametrize(
    ("kind", "sheet"), [(kind, i) for kind in KINDS for i in range(len(templates.sheets_of(kind)))]
)
def test_a_filled_in_template_imports_cleanly(con, names, kind, sheet):
    book = openpyxl.load_workbook(io.BytesIO(templates.workbook(kind, names)))
    # Change the example's first count so that it is data; the other form of cases keeps its example.
    spec = templates.sheets_of(kind)[sheet][1]
    first_count = next(j for j, c in enumerate(spec.columns, start=1) if c.type == "int")
    book.worksheets[sheet].cell(2, first_count).value += 1
    buffer = io.BytesIO()
    book.save(buffer)
    report = pipeline.run_import(con, [Upload(f"{kind}.xlsx", buffer.getvalue())])
    assert report.status == "imported", [(e.cell, e.message) for e in report.errors]
    assert report.rows[kind]["written"] == 1


def test_templates_command_writes_one_workbook_per_kind(county_db, tmp_path):
    from fraudfree.cli import main

    assert main(["templates", "--out", str(tmp_path / "out"), "--db", str(county_db)]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{k}.xlsx" for k in KINDS)
