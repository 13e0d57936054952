"""`health`: exit 0 when the database opens, has this program's schema and answers; 1 otherwise.
A process supervisor can call it; Streamlit's own http://HOST:PORT/_stcore/health says the web server is up."""

from __future__ import annotations

from fraudfree import app_queue, db, health
from fraudfree.cli import emit
from fraudfree.refusal import Refusal


def register(subparsers, common):
    p = subparsers.add_parser("health", parents=[common], help="check the database (through the app if it runs)")
    p.set_defaults(run=run)


def run(args) -> int:
    path = db.command_db_path(args.db)
    try:
        result = app_queue.perform(path, "health", {}, local=lambda: health.check_file(path))
    except Refusal as refusal:
        result = {"ok": False, "db": str(path), "error": refusal.as_json()}
    if result["ok"]:
        prose = f"正常 / ok: {path} (schema {result['schema_version']}, via {result['via']})"
    else:
        problem = (
            result.get("error", {}).get("message")
            or f"schema {result['schema_version']} ≠ {result['expected_schema_version']}"
        )
        prose = f"异常 / not ok: {path}: {problem}"
    emit(args, result, prose)
    return 0 if result["ok"] else 1
