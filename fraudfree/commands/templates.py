"""`templates --out DIR`: one blank .xlsx template per kind, with the database's townships in drop-downs."""

from __future__ import annotations

from pathlib import Path

from fraudfree import app_queue, db, i18n, templates
from fraudfree.cli import emit
from fraudfree.refusal import Refusal, report


def register(subparsers, common):
    p = subparsers.add_parser("templates", parents=[common], help="write blank import templates")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="directory to write the .xlsx files into")
    p.set_defaults(run=run)


def run(args) -> int:
    path = db.command_db_path(args.db)
    names: list[str] = []
    if path.exists():  # without a database the templates simply have no township list
        try:
            names = app_queue.perform(path, "township_names", {})["names"]
        except Refusal as refusal:
            return report(args, refusal)
    written = templates.write_all(args.out, names)
    emit(
        args,
        {"templates": [str(p) for p in written]},
        i18n.t("import_cli.templates_written", count=len(written), out=args.out),
    )
    return 0
