"""`audit [--action A] [--user NAME] [--limit N]`: the audit log, newest first."""

from __future__ import annotations

import json

from fraudfree import app_queue, db
from fraudfree.cli import emit
from fraudfree.refusal import DatabaseUnavailable, Refusal, report


def register(subparsers, common):
    p = subparsers.add_parser("audit", parents=[common], help="list the audit log, newest first")
    p.add_argument("--action", action="append", default=[], help="only this action (repeatable), e.g. sign_in")
    p.add_argument("--user", help="only this account")
    p.add_argument("--limit", type=int, default=1000, help="at most this many entries (default 1000)")
    p.set_defaults(run=run)


def run(args) -> int:
    path = db.command_db_path(args.db)
    try:
        if not path.exists():
            raise DatabaseUnavailable("no_database", db=str(path))
        entries = app_queue.perform(
            path, "audit", {"actions": args.action, "user_name": args.user, "limit": args.limit}
        )
    except Refusal as refusal:
        return report(args, refusal)
    lines = [
        "\t".join(
            str(v)
            for v in (
                e["at"],
                e["user_name"] or "-",
                e["action"],
                e["file_name"] or "-",
                json.dumps(e["detail"], ensure_ascii=False) if e["detail"] else "",
            )
        )
        for e in entries["entries"]
    ]
    emit(args, entries, "\n".join(lines) or "审计日志为空 / the audit log is empty")
    return 0
