"""`batches`: the import batches, newest first, with what each wrote and whether it was undone."""

from __future__ import annotations

from fraudfree import app_queue, db, i18n
from fraudfree.cli import emit
from fraudfree.refusal import DatabaseUnavailable, Refusal, report


def register(subparsers, common):
    p = subparsers.add_parser("batches", parents=[common], help="list import batches")
    p.set_defaults(run=run)


def run(args) -> int:
    t = i18n.translator("zh")
    path = db.command_db_path(args.db)
    try:
        if not path.exists():
            raise DatabaseUnavailable("no_database", db=str(path))
        result = app_queue.perform(path, "batches", {})
    except Refusal as refusal:
        return report(args, refusal)
    lines = [
        t(
            "import_cli.batch_line",
            batch=b["batch"],
            created_at=b["created_at"],
            source=b["source"],
            status=t(f"import_cli.batch_{b['status']}"),
            kinds=", ".join(b["kinds"]) or "—",
            file=b["file_name"] or "—",
        )
        for b in result["batches"]
    ]
    emit(args, result, "\n".join(lines) or t("import_cli.no_batches"))
    return 0
