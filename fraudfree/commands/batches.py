"""`batches`: the import batches, newest first, with what each wrote and whether it was undone."""

from __future__ import annotations

from fraudfree import db, i18n
from fraudfree.cli import emit
from fraudfree.ingest import history


def register(subparsers, common):
    p = subparsers.add_parser("batches", parents=[common], help="list import batches")
    p.set_defaults(run=run)


def run(args) -> int:
    t = i18n.translator("zh")
    path = db.command_db_path(args.db)
    if not path.exists():
        emit(args, {"error": t("import_cli.no_database", path=path)}, t("import_cli.no_database", path=path))
        return 1
    rows = history.listing(path)
    lines = [
        t(
            "import_cli.batch_line",
            batch=r["batch"],
            created_at=r["created_at"],
            source=r["source"],
            status=t(f"import_cli.batch_{r['status']}"),
            kinds=", ".join(r["kinds"]) or "—",
            file=r["file_name"] or "—",
        )
        for r in rows
    ]
    emit(args, {"batches": rows}, "\n".join(lines) or t("import_cli.no_batches"))
    return 0
