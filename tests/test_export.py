"""Downloads never carry a formula into Excel or WPS."""

import io

import openpyxl
import pandas as pd

from fraudfree import export


def test_text_that_looks_like_a_formula_is_written_as_text():
    frame = pd.DataFrame({"名称": ['=HYPERLINK("http://x")', "+1", "正常"], "数": [1, -2, 3]})
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx({"表": frame})))
    cells = [c.value for c in book["表"]["A"]]
    assert cells == ["名称", '\'=HYPERLINK("http://x")', "'+1", "正常"]
    assert [c.value for c in book["表"]["B"]][1:] == [1, -2, 3], "negative numbers stay numbers"


def test_csv_has_a_bom_for_excel_and_defused_cells():
    data = export.to_csv(pd.DataFrame({"a": ["@SUM(A1)"]}))
    assert data.startswith("\ufeff".encode())
    assert "'@SUM(A1)" in data.decode("utf-8-sig")


def test_a_chart_title_with_a_colon_still_makes_a_workbook():
    frame = pd.DataFrame({"a": [1]})
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx({"Case rates: raw, interval and smoothed": frame})))
    assert book.sheetnames == ["Case rates  raw, interval and s"]
