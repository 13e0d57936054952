"""One import, from uploaded files to a report: the pipeline behind `python -m fraudfree import` and 数据上传.

prepare() reads, understands, judges and plans without writing anything; commit() writes a prepared import
in one transaction with its batch record. A call with any error writes nothing; a file whose content was
imported before (same sha256, batch not undone) adds nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
import tomllib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from fraudfree import auth, db, i18n, logs
from fraudfree.ingest import commit as committing
from fraudfree.ingest.cells import Context, TownshipIndex
from fraudfree.ingest.judge import judge
from fraudfree.ingest.personal import masked
from fraudfree.ingest.read import RawSheet, ReadError, Upload, read_upload
from fraudfree.ingest.report import Finding, ImportReport, cell_text
from fraudfree.ingest.understand import Table, understand_layer, understand_sheet
from fraudfree.templates import LISTS_SHEET, NOTES_SHEET

STREAMLIT_CONFIG = db.ROOT / ".streamlit" / "config.toml"
STREAMLIT_DEFAULT_UPLOAD_MB = 200


def max_upload_mb() -> int:
    """The upload limit in MB, the same one Streamlit's uploader enforces (server.maxUploadSize)."""
    try:
        config = tomllib.loads(STREAMLIT_CONFIG.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return STREAMLIT_DEFAULT_UPLOAD_MB
    return int(config.get("server", {}).get("maxUploadSize", STREAMLIT_DEFAULT_UPLOAD_MB))


@dataclass
class Prepared:
    """An import read, judged and planned: what the preview shows and what commit() writes."""

    report: ImportReport
    tables: list[Table]
    rows: dict[str, committing.KindRows]
    files: list[dict]  # the new files: file, sha256, bytes
    warnings: list[Finding]  # from reading and judging; the plan adds its own to the report's
    lang: str


def prepare(
    con,
    uploads: list[Upload],
    kind: str | None = None,
    lang: str = i18n.DEFAULT_LANGUAGE,
    max_bytes: int | None = None,
    today: dt.date | None = None,
    plan: bool = True,
) -> Prepared:
    """Read, understand, judge and (with `plan`) tell each row's fate against the stored data, writing nothing.

    Without `plan` the rows to add, update and skip are left for commit(), which plans again anyway."""
    ctx = Context(TownshipIndex.from_db(con), lang, today or dt.date.today())
    report = ImportReport(status="dry-run")
    imported = imported_files(con)
    tables: list[Table] = []
    new_files: list[dict] = []
    seen: dict[str, str] = {}
    for upload in uploads:
        entry = {"file": upload.name, "sha256": upload.sha256, "bytes": len(upload.content), "duplicate_of": None}
        report.files.append(entry)
        if max_bytes is not None and len(upload.content) > max_bytes:
            report.errors.append(
                Finding(
                    upload.name,
                    None,
                    None,
                    None,
                    None,
                    ctx.tr("file_too_large", size=_megabytes(len(upload.content)), limit=_megabytes(max_bytes)),
                )
            )
        elif upload.sha256 in imported:
            entry["duplicate_of"] = imported[upload.sha256]
            report.warnings.append(
                Finding(upload.name, None, None, None, None, ctx.tr("duplicate_file", batch=imported[upload.sha256]))
            )
        elif upload.sha256 in seen:
            report.warnings.append(
                Finding(upload.name, None, None, None, None, ctx.tr("same_file_twice", other=seen[upload.sha256]))
            )
        else:
            seen[upload.sha256] = upload.name
            new_files.append({k: entry[k] for k in ("file", "sha256", "bytes")})
            tables += _understand_file(upload, ctx, kind, report)
    for table in tables:
        judge(table, ctx)
        report.errors += table.errors + table.cell_errors()
        report.warnings += table.warnings
    tables = [t for t in tables if t.shape is not None]
    rows, errors, warnings = committing.gather(tables, ctx)
    report.errors += errors
    report.warnings += warnings
    prepared = Prepared(report, tables, rows, new_files, report.warnings, lang)
    if report.errors:
        report.status = "refused"
    elif not new_files and any(f["duplicate_of"] for f in report.files):
        report.status = "duplicate"
        report.batch = next(f["duplicate_of"] for f in report.files if f["duplicate_of"])
    elif plan:
        cur = con.cursor()
        try:
            for kind_rows in rows.values():
                kind_rows.actions = committing.plan(cur, kind_rows)
        finally:
            cur.close()
    _summarize(prepared, ctx)
    return prepared


def _understand_file(upload: Upload, ctx: Context, kind: str | None, report: ImportReport) -> list[Table]:
    def file_error(key: str, **values) -> list[Table]:
        report.errors.append(Finding(upload.name, None, None, None, None, ctx.tr(key, **values)))
        return []

    if upload.is_geo != (kind == "boundaries") and kind is not None:
        return file_error("geo_needs_boundaries" if upload.is_geo else "boundaries_need_geo")
    try:
        sources = read_upload(upload)
    except ReadError as err:
        return file_error(err.key, **err.values)
    if upload.is_geo:
        return [understand_layer(layer, ctx) for layer in sources]
    tables = []
    for sheet in sources:
        if sheet.hidden or sheet.name == NOTES_SHEET:
            if sheet.name not in (LISTS_SHEET, NOTES_SHEET) and _has_content(sheet):
                report.warnings.append(
                    Finding(upload.name, sheet.name, None, None, None, ctx.tr("hidden_sheet_skipped"))
                )
            continue
        table = understand_sheet(sheet, ctx, kind)
        if table.shape is None and not table.errors and _has_content(sheet):
            report.warnings.append(Finding(upload.name, sheet.name, None, None, None, ctx.tr("sheet_skipped")))
        tables.append(table)
    if not any(t.shape is not None or t.errors for t in tables):
        return file_error("no_table")
    return tables


def _has_content(sheet: RawSheet) -> bool:
    return any(cell not in ("", None) for row in sheet.cells for cell in row)


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"


def imported_files(con) -> dict[str, int]:
    """sha256 → batch for the files of committed import batches."""
    cur = con.cursor()
    try:
        return dict(
            cur.execute(
                "select f.sha256, min(f.batch_id) from import_files f join import_batches b using (batch_id) "
                "where b.status = 'committed' group by f.sha256"
            ).fetchall()
        )
    finally:
        cur.close()


def _summarize(prepared: Prepared, ctx: Context) -> None:
    """Rows per kind and per sheet, from the plan (and what was written, once committed)."""
    report = prepared.report
    committed = report.status == "imported"
    report.rows = {}
    report.warnings = list(prepared.warnings)
    for kind, rows in prepared.rows.items():
        added, updated = rows.count("add"), rows.count("update")
        unchanged = rows.count("skip")
        report.rows[kind] = {
            "read": rows.read,
            "written": added + updated if committed else 0,
            "skipped": len(rows.duplicates) + unchanged,
            "added": added,
            "updated": updated,
        }
        if unchanged:
            report.warnings.append(
                Finding(
                    None, None, None, None, None, ctx.tr("unchanged_rows", count=unchanged, kind=ctx.tr(f"kind.{kind}"))
                )
            )
    report.sheets = []
    for table in prepared.tables:
        sheet = {
            "file": table.file,
            "sheet": table.sheet,
            "kind": table.kind,
            "form": "records" if table.shape == "cases_records" else "table",
            "header_row": table.header_row,
            "read": len(table.rows),
            "added": 0,
            "updated": 0,
            "skipped": 0,
        }
        rows = prepared.rows.get(table.kind)
        if rows is not None:
            here = ((rows.frame["_file"] == table.file) & (rows.frame["_sheet"] == table.sheet)).to_numpy()
            if rows.actions is not None:
                for action, name in (("add", "added"), ("update", "updated"), ("skip", "skipped")):
                    sheet[name] = int((here & (rows.actions == action)).sum())
            duplicates = rows.duplicates
            sheet["skipped"] += int(((duplicates["_file"] == table.file) & (duplicates["_sheet"] == table.sheet)).sum())
        report.sheets.append(sheet)


def commit(con, prepared: Prepared, created_by: str | None = None) -> ImportReport:
    """Write a prepared import in one transaction with its batch record and audit entry; returns the report
    (a refused or duplicate one unchanged). `created_by` is the account, or cli:<login> for a command."""
    report = prepared.report
    if report.status != "dry-run":
        return report
    started = time.monotonic()
    report = dataclasses.replace(report, status="imported")
    prepared = dataclasses.replace(prepared, report=report)
    ctx = Context(None, prepared.lang)
    with db.transaction(con) as cur:
        for rows in prepared.rows.values():
            rows.actions = committing.plan(cur, rows)
        written = {k: r.count("add") + r.count("update") for k, r in prepared.rows.items()}
        _summarize(prepared, ctx)
        if not any(written.values()):
            report.warnings.append(Finding(None, None, None, None, None, ctx.tr("nothing_new")))
            return report
        kinds = [k for k, n in written.items() if n]
        files = prepared.files
        file_names = ", ".join(f["file"] for f in files)
        report.batch = db.new_batch(
            cur,
            "import",
            kinds,
            report.rows,
            file_name=file_names,
            sha256=files[0]["sha256"] if len(files) == 1 else None,
            created_by=created_by,
        )
        for f in files:
            cur.execute(
                "insert into import_files values (?, ?, ?, ?)", [report.batch, f["file"], f["sha256"], f["bytes"]]
            )
        for rows in prepared.rows.values():
            committing.write(cur, rows, report.batch)
        auth.audit(cur, created_by, "import", {"batch": report.batch, "written": written}, file_names)
    logs.event(
        "import",
        outcome="imported",
        batch=report.batch,
        kinds=kinds,
        rows=sum(written.values()),
        duration_ms=round(1000 * (time.monotonic() - started)),
    )
    return report


def run_import(
    con,
    uploads: list[Upload],
    kind: str | None = None,
    dry_run: bool = False,
    lang: str = i18n.DEFAULT_LANGUAGE,
    created_by: str | None = None,
    max_bytes: int | None = None,
) -> ImportReport:
    """prepare() then, unless this is a dry run, commit(): what `python -m fraudfree import` does."""
    prepared = prepare(con, uploads, kind=kind, lang=lang, max_bytes=max_bytes, plan=dry_run)
    return prepared.report if dry_run else commit(con, prepared, created_by)


# --- for the preview ------------------------------------------------------------------------------


def kind_label(kind: str | None, lang: str) -> str:
    return "—" if kind is None else i18n.t(f"ingest.kind.{kind}", lang)


def findings_frame(findings: list[Finding], lang: str) -> pd.DataFrame:
    """Findings as a table with headers in the interface language, for display and download."""
    columns = ["file", "sheet", "row", "column", "value", "message"]
    frame = pd.DataFrame([f.to_json() for f in findings], columns=[*columns, "cell"])[columns]
    frame["row"] = frame["row"].astype("Int64")
    return frame.rename(columns={c: i18n.t(f"ingest.field_{c}", lang) for c in columns})


def sheets_frame(report: ImportReport, lang: str) -> pd.DataFrame:
    """One row per sheet: its kind and rows read, to add, to update and to skip, headed in the interface language."""
    columns = ["file", "sheet", "kind", "header_row", "read", "added", "updated", "skipped"]
    frame = pd.DataFrame(report.sheets, columns=[*columns, "form"])
    frame["kind"] = [
        kind_label("cases_records" if f == "records" else k, lang)
        for k, f in zip(frame["kind"], frame["form"], strict=True)
    ]
    frame["header_row"] = frame["header_row"].astype("Int64")
    return frame[columns].rename(columns={c: i18n.t(f"ingest.field_{c}", lang) for c in columns})


def bad_rows(table: Table, limit: int = 500) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows of a table with a wrong cell, as written (personal numbers masked), and which cells are wrong.

    Index: the Excel row; columns: the headers as written. At most `limit` rows.
    """
    columns = sorted(table.columns.values(), key=lambda c: c.index)
    rows = np.flatnonzero(table.bad_rows())[:limit]
    cells = {c.header: [None if (t := cell_text(v)) is None else masked(t) for v in c.raw[rows]] for c in columns}
    marks = {c.header: c.bad[rows] for c in columns}
    index = pd.Index(table.rows[rows], name="row")
    return pd.DataFrame(cells, index=index), pd.DataFrame(marks, index=index)
