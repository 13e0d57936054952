"""The health check a process supervisor calls: the database opens, has this program's schema, and answers."""

from __future__ import annotations

from pathlib import Path

import duckdb

from fraudfree import db
from fraudfree.refusal import DatabaseUnavailable


def check_connection(con, path: Path | str, via: str) -> dict:
    """Health of the database behind `con`; `via` says who opened it (`direct` or `app`)."""
    cur = con.cursor()
    try:
        version = db.schema_version(cur)
        townships = cur.execute("select count(*) from townships").fetchone()[0] if version else 0
    finally:
        cur.close()
    return {
        "ok": version == db.SCHEMA_VERSION,
        "db": str(path),
        "via": via,
        "schema_version": version,
        "expected_schema_version": db.SCHEMA_VERSION,
        "townships": townships,
    }


def check_file(path: Path | str) -> dict:
    """Open the file read-only (never creating or migrating it); DuckDB's lock IOException when another
    process holds it read-write (the caller then asks the app, see app_queue)."""
    path = Path(path)
    if not path.exists():
        return {
            "ok": False,
            "db": str(path),
            "via": "direct",
            "error": DatabaseUnavailable("no_database", db=str(path)).as_json(),
        }
    con = duckdb.connect(str(path), read_only=True)
    try:
        return check_connection(con, path, via="direct")
    finally:
        con.close()
