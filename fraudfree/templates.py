"""Blank spreadsheet templates, one .xlsx per kind: canonical headers, an example row, drop-down lists
(vocabularies and the database's township names) and a notes sheet. The importer skips an unchanged example row.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from fraudfree import i18n
from fraudfree.kinds import CASE_RECORDS, KINDS, NATIONAL_APP, VOCABULARIES, Column, Kind

NOTES_SHEET = "填表说明"
LISTS_SHEET = "下拉选项"
TEMPLATE_ROWS = 5000  # rows that carry the drop-down lists
HEADER_UNITS = {"loss_yuan": "元", "stopped_yuan": "元", "hours": "小时", "duration_s": "秒"}

# The example row of each sheet; a township column takes the database's first township.
EXAMPLES: dict[str, dict[str, object]] = {
    "activities": {
        "date": dt.date(2021, 3, 5),
        "community": "示例村",
        "method": "入户走访",
        "channel": "面对面",
        "partner": "卫健",
        "staff": 4,
        "reach": 120,
        "households": 35,
        "materials": 80,
        "app_signups": 12,
        "notes": "示例行：未改动时不会导入",
    },
    "venues": {
        "venue_id": "ZD0001",
        "name": "示例银行网点",
        "venue_type": "银行网点",
        "lon": 118.48,
        "lat": 36.69,
        "screens": 2,
        "start_date": dt.date(2021, 1, 1),
    },
    "teams": {"team": "示例志愿服务队", "organisation": "示例单位", "members": 30, "founded": dt.date(2020, 6, 1)},
    "volunteer_hours": {
        "date": dt.date(2021, 3, 5),
        "team": "示例志愿服务队",
        "volunteers": 8,
        "hours": 3.5,
        "reach": 200,
    },
    "videos": {
        "video_id": "SP0001",
        "title": "示例：一分钟识破刷单骗局",
        "series": "一分钟反诈",
        "platform": "抖音",
        "published": dt.date(2021, 3, 5),
        "duration_s": 60,
    },
    "video_views": {
        "date": dt.date(2021, 3, 5),
        "video_id": "SP0001",
        "plays": 1500,
        "likes": 80,
        "shares": 12,
        "comments": 6,
        "new_followers": 20,
    },
    "cases": {"month": dt.date(2021, 3, 1), "fraud_type": "刷单返利", "cases": 3, "loss_yuan": 25000, "solved": 1},
    "cases_records": {"filed": dt.date(2021, 3, 5), "fraud_type": "刷单返利", "loss_yuan": 8000, "victim_age": 23},
    "app_registrations": {"month": dt.date(2021, 3, 1), "app": NATIONAL_APP, "registered": 45000},
    "warnings": {
        "month": dt.date(2021, 3, 1),
        "warnings": 120,
        "dissuaded": 115,
        "onsite_30min": 40,
        "stopped_yuan": 50000,
    },
    "population": {"year": 2020, "population": 85000, "households": 29500, "aged_60_plus": 20400},
    "survey": {"month": dt.date(2021, 3, 1), "sampled": 200, "aware": 186},
}


def sheets_of(kind: str) -> list[tuple[str, Kind]]:
    """(shape, Kind) for each data sheet of a kind's template: cases has a sheet per form."""
    return [(kind, KINDS[kind])] + ([("cases_records", CASE_RECORDS)] if kind == "cases" else [])


def header(column: Column) -> str:
    unit = HEADER_UNITS.get(column.name)
    return f"{column.zh}（{unit}）" if unit else column.zh


def example_cells(shape: str, township: str | None) -> dict[str, object]:
    """Column name → the example cell of a sheet, as the template writes it."""
    cells = dict(EXAMPLES[shape])
    kind = CASE_RECORDS if shape == "cases_records" else KINDS[shape]
    for column in kind.columns:
        if column.type == "township" and township:
            cells[column.name] = township
    return cells


def workbook(kind: str, townships: list[str], lang: str = i18n.DEFAULT_LANGUAGE) -> bytes:
    """The template of `kind` as .xlsx bytes; `townships` are the full names offered in drop-downs."""
    t = i18n.translator(lang)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"})
    required = book.add_format(
        {"bold": True, "bg_color": "#FCE4D6", "border": 1, "font_color": "#C00000", "text_wrap": True, "valign": "top"}
    )
    example = {"italic": True, "font_color": "#7F7F7F"}
    formats = {
        "date": book.add_format({**example, "num_format": "yyyy-mm-dd"}),
        "month": book.add_format({**example, "num_format": "yyyy-mm"}),
        "plain": book.add_format(example),
    }
    sources = _list_sources(kind, townships)
    for shape, spec in sheets_of(kind):
        sheet = book.add_worksheet(t(f"ingest.kind.{shape}")[:31])
        cells = example_cells(shape, townships[0] if townships else None)
        for j, column in enumerate(spec.columns):
            sheet.write(0, j, header(column), required if column.required else bold)
            sheet.set_column(j, j, max(10, len(header(column)) * 2 + 2))
            value = cells.get(column.name)
            if isinstance(value, dt.date):
                sheet.write_datetime(
                    1, j, dt.datetime.combine(value, dt.time()), formats.get(column.type, formats["date"])
                )
            elif value is not None:
                sheet.write(1, j, value, formats["plain"])
            if column.type in sources:
                sheet.data_validation(
                    1,
                    j,
                    TEMPLATE_ROWS,
                    j,
                    {
                        "validate": "list",
                        "source": sources[column.type],
                        "error_type": "warning" if column.type == "township" else "stop",
                        "error_message": t("templates.validation_message"),
                    },
                )
        sheet.freeze_panes(1, 0)
        sheet.write_comment(0, 0, t("templates.example_comment"))
    _notes(book, kind, t, bold)
    _lists_sheet(book, kind, townships)
    book.set_properties({"title": t(f"ingest.kind.{kind}"), "comments": t("templates.properties_comment")})
    book.close()
    return buffer.getvalue()


def _list_columns(kind: str, townships: list[str]) -> dict[str, tuple[str, tuple[str, ...] | list[str]]]:
    """Column type → (header, values) for each drop-down list of a kind's template."""
    lists = {}
    for _, spec in sheets_of(kind):
        for column in spec.columns:
            if column.type.startswith("vocab:"):
                lists[column.type] = (column.zh, VOCABULARIES[column.type.split(":", 1)[1]])
            elif column.type == "township" and townships:
                lists[column.type] = (column.zh, townships)
    return lists


def _list_sources(kind: str, townships: list[str]) -> dict[str, str]:
    """Column type → the range of its values on the hidden lists sheet, as a validation source."""
    return {
        column_type: f"='{LISTS_SHEET}'!${xl_col_to_name(j)}$2:${xl_col_to_name(j)}${len(values) + 1}"
        for j, (column_type, (_, values)) in enumerate(_list_columns(kind, townships).items())
    }


def _lists_sheet(book, kind: str, townships: list[str]) -> None:
    lists = _list_columns(kind, townships)
    if not lists:
        return
    sheet = book.add_worksheet(LISTS_SHEET)
    for j, (title, values) in enumerate(lists.values()):
        sheet.write(0, j, title)
        sheet.write_column(1, j, values)
    sheet.hide()


def _notes(book, kind: str, t, bold) -> None:
    sheet = book.add_worksheet(NOTES_SHEET)
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, 1, 16)
    sheet.set_column(2, 2, 8)
    sheet.set_column(3, 3, 70, wrap)
    sheet.write(0, 0, t("templates.notes_title", kind=t(f"ingest.kind.{kind}")), bold)
    general = [t(f"templates.note_{n}") for n in ("header", "example", "units", "totals", "personal", "townships")]
    if kind == "cases":
        general.append(t("templates.note_cases_forms"))
    if KINDS[kind].key:
        keys = "、".join(KINDS[kind].column(k).zh for k in KINDS[kind].key)
        general.append(t("templates.note_key", columns=keys))
    if KINDS[kind].latest_per_township:
        general.append(t("templates.note_running_total"))
    row = 1
    for line in general:
        sheet.write(row, 0, f"• {line}")
        row += 1
    row += 1
    for j, title in enumerate(("column", "english", "required", "format")):
        sheet.write(row, j, t(f"templates.notes_{title}"), bold)
    for shape, spec in sheets_of(kind):
        row += 1
        sheet.write(row, 0, t(f"ingest.kind.{shape}"), bold)
        for column in spec.columns:
            row += 1
            aliases = "、".join(column.aliases)
            text = _format_note(column, t) + (f" {t('templates.aliases', aliases=aliases)}" if aliases else "")
            sheet.write_row(row, 0, [header(column), column.name, t("templates.yes") if column.required else "", text])


def _format_note(column: Column, t) -> str:
    if column.type.startswith("vocab:"):
        return t("templates.format_vocab", values="、".join(VOCABULARIES[column.type.split(":", 1)[1]]))
    return t(f"templates.format_{column.type}")


def write_all(out_dir: Path, townships: list[str], lang: str = i18n.DEFAULT_LANGUAGE) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = out_dir / f"{kind}.xlsx"
        path.write_bytes(workbook(kind, townships, lang))
        written.append(path)
    return written


def township_names(con) -> list[str]:
    cur = con.cursor()
    try:
        return [r[0] for r in cur.execute("select name_zh from townships order by code").fetchall()]
    finally:
        cur.close()
