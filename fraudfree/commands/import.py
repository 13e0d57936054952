"""`import FILE… [--kind KIND] [--dry-run]`: validate and import spreadsheets in one batch, all or nothing."""

from __future__ import annotations

import getpass
from pathlib import Path

from fraudfree import db, i18n
from fraudfree.cli import emit
from fraudfree.ingest import pipeline
from fraudfree.ingest.read import Upload
from fraudfree.ingest.report import Finding, ImportReport
from fraudfree.kinds import KINDS

SHOWN_FINDINGS = 50  # in prose; --json lists every one


def register(subparsers, common):
    p = subparsers.add_parser("import", parents=[common], help="validate and import spreadsheets (one batch)")
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="xlsx, xls, csv, tsv, txt; geojson, zip, gpkg for boundaries"
    )
    p.add_argument("--kind", choices=[*KINDS, "boundaries"], help="read every sheet as this kind")
    p.add_argument("--dry-run", action="store_true", help="validate and report without writing")
    p.set_defaults(run=run)


def run(args) -> int:
    t = i18n.translator("zh")
    path = db.command_db_path(args.db)
    missing = [
        Finding(name, None, None, None, None, t("import_cli.no_such_file"))
        for name in args.files
        if not Path(name).is_file()
    ]
    if not path.exists():
        missing.append(Finding(None, None, None, None, None, t("import_cli.no_database", path=path)))
    if missing:
        report = ImportReport(status="refused", errors=missing)
    else:
        uploads = [Upload(Path(name).name, Path(name).read_bytes()) for name in args.files]
        con = db.open_db(path)
        try:
            report = pipeline.run_import(
                con,
                uploads,
                kind=args.kind,
                dry_run=args.dry_run,
                created_by=_who(),
                max_bytes=pipeline.max_upload_mb() * 1_048_576,
            )
        finally:
            con.close()
    emit(args, report.to_json(), prose(report, t))
    return 1 if report.status == "refused" else 0


def _who() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def prose(report: ImportReport, t) -> str:
    lines = [t(f"import_cli.status_{report.status.replace('-', '_')}", batch=report.batch)]
    for kind, counts in report.rows.items():
        lines.append(t("import_cli.rows", kind=t(f"ingest.kind.{kind}"), **counts))
    for title, findings in ((t("import_cli.errors"), report.errors), (t("import_cli.warnings"), report.warnings)):
        if findings:
            lines.append(f"{title} ({len(findings)}):")
            lines += [f"  {where(f)}{f.message}" for f in findings[:SHOWN_FINDINGS]]
            if len(findings) > SHOWN_FINDINGS:
                lines.append("  " + t("import_cli.more", count=len(findings) - SHOWN_FINDINGS))
    return "\n".join(lines)


def where(f: Finding) -> str:
    """'[活动.xlsx / Sheet1 / D7 / 覆盖人次 = abc] ' for a finding's place and (masked) value."""
    parts = [str(p) for p in (f.file, f.sheet, f.cell or f.row, f.column) if p]
    value = f" = {f.value}" if f.value is not None else ""
    return f"[{' / '.join(parts)}{value}] " if parts else ""
