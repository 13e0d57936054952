"""The scorecard as a workbook (a sheet per view, formatted for print) or CSV, safe against formula injection."""

from __future__ import annotations

import io
import math
import unicodedata
from pathlib import Path

import pandas as pd
import xlsxwriter

from fraudfree import fmt
from fraudfree.export import defuse, to_csv
from fraudfree.i18n import t
from fraudfree.scorecard import card, tables

NUMBER_FORMATS = {"score": "0.0", "percent": "0.0%", "integer": "#,##0", "number": "#,##0.0"}
MAX_WIDTH, LONG_WIDTH = 40, 60
WIDTH_SAMPLE = 500


def _text(value) -> str:
    """Text a spreadsheet shows as written and never runs as a formula."""
    return defuse(str(value))


def _width(text: str) -> int:
    """Display width: CJK and full-width characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def write_xlsx(sc: card.Scorecard, target, lang: str = "zh", case_level: bool = True) -> None:
    """Write every view to `target` (a path or a binary file object), the township scores first; the case-level
    advice only with `case_level`."""
    book = xlsxwriter.Workbook(target, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    base = {"font_name": "Microsoft YaHei", "font_size": 10, "valign": "top", "border": 1, "border_color": "#bfbfbf"}
    header = book.add_format({**base, "bold": True, "bg_color": "#e8eef7", "text_wrap": True, "valign": "vcenter"})
    text = book.add_format(base)
    long = book.add_format({**base, "text_wrap": True})
    numbers = {kind: book.add_format({**base, "num_format": pattern}) for kind, pattern in NUMBER_FORMATS.items()}
    title = t("scorecard.title", lang) + " " + fmt.month_range(sc.start, sc.end, lang)
    for table in tables.all_tables(sc, lang, case_level):
        sheet = book.add_worksheet(t(f"scorecard.sheet.{table.key}", lang)[:31])
        _write_table(sheet, table, header, text, long, numbers)
        if table.key == "notes":
            _write_paragraphs(sheet, tables.general_notes(sc, lang), len(table.frame) + 2, long)
        _print_setup(sheet, table, title)
    book.close()


def xlsx_bytes(sc: card.Scorecard, lang: str = "zh", case_level: bool = True) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(sc, buffer, lang, case_level)
    return buffer.getvalue()


def _write_table(sheet, table: tables.Table, header, text, long, numbers) -> None:
    frame = table.frame
    for col, name in enumerate(frame.columns):
        sheet.write_string(0, col, _text(name), header)
        kind = table.formats.get(name, "text")
        column = frame[name]
        if kind in NUMBER_FORMATS and pd.api.types.is_numeric_dtype(column):
            style = numbers[kind]
            for row, value in enumerate(column.astype(float).tolist(), start=1):
                if math.isnan(value):
                    sheet.write_blank(row, col, None, style)
                else:
                    sheet.write_number(row, col, value, style)
        else:
            style = long if kind == "long" else text
            for row, value in enumerate(column.tolist(), start=1):
                if _missing(value):
                    sheet.write_blank(row, col, None, style)
                else:
                    sheet.write_string(row, col, _text(value), style)
        # Widths from the first rows: enough to size a column, and quick on a province's villages.
        sample = [str(v) for v in column.head(WIDTH_SAMPLE).tolist() if not _missing(v)]
        widest = max([_width(str(name))] + [_width(v) for v in sample])
        sheet.set_column(col, col, min(LONG_WIDTH if kind == "long" else MAX_WIDTH, widest + 2))
    sheet.freeze_panes(1, 1)
    if len(frame):
        sheet.autofilter(0, 0, len(frame), len(frame.columns) - 1)


def _write_paragraphs(sheet, paragraphs: list[str], first_row: int, long) -> None:
    last_column = 5
    for offset, paragraph in enumerate(paragraphs):
        row = first_row + offset
        sheet.merge_range(row, 0, row, last_column, _text(paragraph), long)
        sheet.set_row(row, 15 * max(2, math.ceil(_width(paragraph) / 110)))


def _print_setup(sheet, table: tables.Table, title: str) -> None:
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)  # one page wide, as many long as needed
    sheet.repeat_rows(0)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_header(f"&L{title.replace('&', '&&')}")
    sheet.set_footer("&C&P / &N")
    sheet.hide_gridlines(0)


def write_csv(sc: card.Scorecard, path: Path, lang: str = "zh") -> list[Path]:
    """The township scores as CSV (UTF-8 with BOM, for Excel); villages and communities, when present, beside it
    in a file of their own. Returns the files written."""
    written = []
    for table, target in (
        (tables.townships(sc, lang), path),
        (
            tables.communities(sc, lang),
            path.with_name(f"{path.stem}_{t('scorecard.sheet.communities', lang)}{path.suffix}"),
        ),
    ):
        if table is None:
            continue
        target.write_bytes(to_csv(table.frame))
        written.append(target)
    return written
