"""Tables as CSV and xlsx downloads, safe against formula injection (a cell never starts a formula in Excel/WPS)."""

from __future__ import annotations

import io
import re

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(defuse)
    out.columns = [defuse(str(c)) for c in out.columns]
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel and WPS open Chinese text correctly."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def sheet_title(name: str) -> str:
    """A valid Excel sheet name: the characters Excel refuses ([]:*?/\\) become spaces, at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", " ", name)[:31].strip() or "Sheet1"


def to_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One sheet per frame, header row frozen, columns sized to their content; strings are written as text."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(
        buffer, engine="xlsxwriter", engine_kwargs={"options": {"strings_to_formulas": False}}
    ) as writer:
        for name, frame in sheets.items():
            safe = safe_frame(frame)
            sheet_name = sheet_title(name)
            safe.to_excel(writer, sheet_name=sheet_name, index=False)
            sheet = writer.sheets[sheet_name]
            sheet.freeze_panes(1, 0)
            for i, column in enumerate(safe.columns):
                width = max([len(str(column))] + [len(str(v)) for v in safe[column].head(200)])
                sheet.set_column(i, i, min(max(8, width * 1.6), 50))
    return buffer.getvalue()
