"""`backup --out FILE`: a consistent copy of the database, also while the app has it open."""

from __future__ import annotations

import shutil
from pathlib import Path

from fraudfree import app_queue, backup, db
from fraudfree.cli import emit
from fraudfree.refusal import Refusal, report


def register(subparsers, common):
    p = subparsers.add_parser("backup", parents=[common], help="write a consistent copy of the database")
    p.add_argument("--out", required=True, type=Path, help="the copy to write (replaced if it exists)")
    p.set_defaults(run=run)


def run(args) -> int:
    path = db.command_db_path(args.db)
    out = args.out.resolve()
    try:
        # Directly when the file is free; when the app holds it, the app writes the copy into its queue
        # folder (a snapshot inside one of its transactions) and the copy is moved here.
        result = app_queue.perform(path, "backup", {}, local=lambda: {**backup.copy_file(path, out), "via": "direct"})
    except Refusal as refusal:
        return report(args, refusal)
    if Path(result["file"]) != out:
        shutil.move(result["file"], out)
    payload = {"db": str(path), "out": str(out), "bytes": result["bytes"], "via": result["via"]}
    emit(args, payload, f"已备份 {path} → {out}（{result['bytes']:,} 字节）/ backed up")
    return 0
