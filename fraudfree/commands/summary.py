"""`summary [--period START:END]`: per kind, current rows and the sum of each count or amount column."""

from __future__ import annotations

from fraudfree import app_queue, db, i18n
from fraudfree.cli import emit, period_option
from fraudfree.refusal import DatabaseUnavailable, Refusal, report


def register(subparsers, common):
    p = subparsers.add_parser("summary", parents=[common], help="row counts and sums per kind")
    p.add_argument("--period", default=":", metavar="START:END", help="months YYYY-MM, both ends inclusive")
    p.set_defaults(run=run)


def run(args) -> int:
    if (period := period_option(args)) is None:
        return 2
    start, end = period
    path = db.command_db_path(args.db)
    try:
        if not path.exists():
            raise DatabaseUnavailable("no_database", db=str(path))
        payload = {"start": start and start.isoformat(), "end": end and end.isoformat()}
        result = app_queue.perform(path, "summary", payload)
    except Refusal as refusal:
        return report(args, refusal)
    t = i18n.translator("zh")
    lines = [
        f"{t(f'ingest.kind.{kind}')}: " + ", ".join(f"{name} {value:,}" for name, value in sums.items())
        for kind, sums in result["kinds"].items()
    ]
    emit(args, result, "\n".join(lines))
    return 0
