"""`undo BATCH`: restore the database to what it was without that batch (no confirmation: the page asks), after a
copy of the database as it was, whose path it prints (`restore FILE` brings the batch back)."""

from __future__ import annotations

from fraudfree import app_queue, auth, db, i18n
from fraudfree.cli import emit
from fraudfree.refusal import DatabaseUnavailable, Refusal, report


def register(subparsers, common):
    p = subparsers.add_parser("undo", parents=[common], help="undo an import batch")
    p.add_argument("batch", type=int, metavar="BATCH", help="batch id, as `batches` lists it")
    p.set_defaults(run=run)


def run(args) -> int:
    path = db.command_db_path(args.db)
    try:
        if not path.exists():
            raise DatabaseUnavailable("no_database", db=str(path))
        result = app_queue.perform(path, "undo", {"batch": args.batch, "actor": auth.cli_actor()})
    except Refusal as refusal:
        return report(args, refusal)
    payload = {"batch": args.batch, "status": "undone" if result["done"] else "failed"}
    if not result["done"]:
        payload["error"] = result["message"]
    prose = result["message"]
    if result["backup"]:
        prose += "\n" + i18n.t("ops.undo_backup", "zh", file=result["backup"])
    emit(args, payload, prose)
    return 0 if result["done"] else 1
