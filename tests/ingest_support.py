"""Helpers of the importer's tests: the fixture files and short ways to import them and read rows back."""

from __future__ import annotations

from pathlib import Path

from fraudfree.ingest import pipeline
from fraudfree.ingest.read import Upload

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def upload(name: str) -> Upload:
    return Upload(name, (FIXTURES / name).read_bytes())


def import_fixtures(con, *names: str, **options):
    return pipeline.run_import(con, [upload(n) for n in names], **options)


def rows(con, sql: str, params=None) -> list[tuple]:
    cur = con.cursor()
    try:
        return cur.execute(sql, params or []).fetchall()
    finally:
        cur.close()
