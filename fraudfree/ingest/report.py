"""What an import tells its user: findings (errors and warnings) located as in Excel, and the report of a call.

JSON keys follow data-contract.md: batch, status, rows per kind (read, written, skipped), warnings and errors,
each with file, sheet, row, column, value, message. Echoed values are always masked; personal columns never echo.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from fraudfree.ingest.personal import masked


def cell_text(value) -> str | None:
    """A cell as the user typed it: 12.0 → '12', dates as 2021-03-05; blank → None."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        if value != value:
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def column_letter(index: int) -> str:
    """0 → A, 27 → AB."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass
class Finding:
    file: str | None
    sheet: str | None
    row: int | None  # as Excel numbers it, 1-based
    column: str | None  # the header as written in the file
    value: str | None  # masked; None for personal columns
    message: str
    cell: str | None = None  # A1-style reference when row and column are known

    @classmethod
    def at(cls, file, sheet, row, column, value, message, column_index: int | None = None) -> Finding:
        text = cell_text(value)
        cell = f"{column_letter(column_index)}{row}" if column_index is not None and row is not None else None
        return cls(file, sheet, row, column, None if text is None else masked(text), message, cell)

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class ImportReport:
    status: str  # imported | refused | duplicate | dry-run
    batch: int | None = None
    rows: dict[str, dict[str, int]] = field(default_factory=dict)
    warnings: list[Finding] = field(default_factory=list)
    errors: list[Finding] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)  # file, sha256, bytes, duplicate_of
    sheets: list[dict] = field(
        default_factory=list
    )  # file, sheet, kind, form, header_row, read, added, updated, skipped

    def to_json(self) -> dict:
        return {
            "status": self.status,
            "batch": self.batch,
            "rows": self.rows,
            "warnings": [w.to_json() for w in self.warnings],
            "errors": [e.to_json() for e in self.errors],
            "files": self.files,
            "sheets": self.sheets,
        }
