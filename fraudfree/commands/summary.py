"""`summary [--period START:END]`: per kind, current rows and the sum of each count or amount column."""

from __future__ import annotations

import argparse

from fraudfree import db, i18n, periods
from fraudfree.cli import emit
from fraudfree.summary import summary


def period(text: str):
    try:
        return periods.parse_period(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from err


def register(subparsers, common):
    p = subparsers.add_parser("summary", parents=[common], help="row counts and sums per kind")
    p.add_argument(
        "--period",
        type=period,
        default=(None, None),
        metavar="START:END",
        help="months YYYY-MM, both ends inclusive; either end may be empty",
    )
    p.set_defaults(run=run)


def run(args) -> int:
    t = i18n.translator("zh")
    path = db.command_db_path(args.db)
    if not path.exists():
        emit(args, {"error": t("import_cli.no_database", path=path)}, t("import_cli.no_database", path=path))
        return 1
    con = db.open_db(path)
    try:
        result = summary(con, *args.period)
    finally:
        con.close()
    lines = [
        f"{t(f'ingest.kind.{kind}')}: " + ", ".join(f"{name} {value:,}" for name, value in sums.items())
        for kind, sums in result["kinds"].items()
    ]
    emit(args, result, "\n".join(lines))
    return 0
