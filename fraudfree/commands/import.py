"""`import FILE… [--kind KIND] [--dry-run]`: validate and import spreadsheets in one batch, all or nothing.

While the app holds the database, the app runs the import for the command (fraudfree/app_queue.py)."""

from __future__ import annotations

from pathlib import Path

from fraudfree import app_queue, auth, db, i18n
from fraudfree.cli import emit
from fraudfree.ingest.report import Finding, ImportReport
from fraudfree.kinds import KINDS
from fraudfree.refusal import DatabaseUnavailable, Refusal, report

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
    missing = [name for name in args.files if not Path(name).is_file()]
    if missing:
        result = ImportReport(
            status="refused", errors=[Finding(n, None, None, None, None, t("import_cli.no_such_file")) for n in missing]
        ).to_json()
    else:
        path = db.command_db_path(args.db)
        payload = {
            "files": [str(Path(name).resolve()) for name in args.files],
            "kind": args.kind,
            "dry_run": args.dry_run,
            "actor": auth.cli_actor(),
        }
        try:
            if not path.exists():
                raise DatabaseUnavailable("no_database", db=str(path))
            result = app_queue.perform(path, "import", payload)
        except Refusal as refusal:
            return report(args, refusal)
    emit(args, result, prose(result, t))
    return 1 if result["status"] == "refused" else 0


def prose(result: dict, t) -> str:
    """The report for a terminal: status, rows per kind, then errors and warnings where they are."""
    lines = [t(f"import_cli.status_{result['status'].replace('-', '_')}", batch=result["batch"])]
    for kind, counts in result["rows"].items():
        lines.append(t("import_cli.rows", kind=t(f"ingest.kind.{kind}"), **counts))
    for title, findings in ((t("import_cli.errors"), result["errors"]), (t("import_cli.warnings"), result["warnings"])):
        if findings:
            lines.append(f"{title} ({len(findings)}):")
            lines += [f"  {where(f)}{f['message']}" for f in findings[:SHOWN_FINDINGS]]
            if len(findings) > SHOWN_FINDINGS:
                lines.append("  " + t("import_cli.more", count=len(findings) - SHOWN_FINDINGS))
    return "\n".join(lines)


def where(finding: dict) -> str:
    """'[活动.xlsx / Sheet1 / D7 / 覆盖人次 = abc] ' for a finding's place and (masked) value."""
    place = (finding["file"], finding["sheet"], finding.get("cell") or finding["row"], finding["column"])
    parts = [str(p) for p in place if p]
    value = f" = {finding['value']}" if finding["value"] is not None else ""
    return f"[{' / '.join(parts)}{value}] " if parts else ""
