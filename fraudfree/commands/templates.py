"""`templates --out DIR`: one blank .xlsx template per kind, with the database's townships in drop-downs."""

from __future__ import annotations

from pathlib import Path

from fraudfree import db, i18n, templates
from fraudfree.cli import emit


def register(subparsers, common):
    p = subparsers.add_parser("templates", parents=[common], help="write blank import templates")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="directory to write the .xlsx files into")
    p.set_defaults(run=run)


def run(args) -> int:
    path = db.command_db_path(args.db)
    townships: list[str] = []
    if path.exists():  # without a database the templates simply have no township list
        con = db.open_db(path)
        try:
            townships = templates.township_names(con)
        finally:
            con.close()
    written = templates.write_all(args.out, townships)
    emit(
        args,
        {"templates": [str(p) for p in written]},
        i18n.t("import_cli.templates_written", count=len(written), out=args.out),
    )
    return 0
