"""`undo BATCH`: restore the database to what it was without that batch (no confirmation: the page asks)."""

from __future__ import annotations

from fraudfree import db, i18n
from fraudfree.cli import emit
from fraudfree.ingest import history


def register(subparsers, common):
    p = subparsers.add_parser("undo", parents=[common], help="undo an import batch")
    p.add_argument("batch", type=int, metavar="BATCH", help="batch id, as `batches` lists it")
    p.set_defaults(run=run)


def run(args) -> int:
    path = db.command_db_path(args.db)
    if not path.exists():
        done, message = False, i18n.t("import_cli.no_database", path=path)
    else:
        con = db.open_db(path)
        try:
            done, message = history.undo(con, args.batch)
        finally:
            con.close()
    payload = {"batch": args.batch, "status": "undone" if done else "failed"} | ({} if done else {"error": message})
    emit(args, payload, message)
    return 0 if done else 1
