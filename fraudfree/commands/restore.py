"""`restore FILE`: replace the database with a backup; refused while the app or any process holds it."""

from __future__ import annotations

from pathlib import Path

from fraudfree import app_queue, auth, backup, db
from fraudfree.cli import emit
from fraudfree.refusal import Refusal, report


def register(subparsers, common):
    p = subparsers.add_parser("restore", parents=[common], help="replace the database with a backup")
    p.add_argument("file", type=Path, help="a file written by `backup`")
    p.set_defaults(run=run)


def run(args) -> int:
    path = db.command_db_path(args.db)
    try:
        result = app_queue.perform(
            path, "restore", {}, refuse_if_app=True, local=lambda: backup.restore(path, args.file, auth.cli_actor())
        )
    except Refusal as refusal:
        return report(args, refusal)
    kept = (
        f"；原文件保留为 {result['previous']} / the replaced file is kept as {result['previous']}"
        if result["previous"]
        else ""
    )
    emit(args, result, f"已从 {args.file} 恢复 {path} / restored{kept}")
    return 0
