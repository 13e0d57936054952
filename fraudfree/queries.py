"""Runs the named SQL files of `queries/` with DuckDB named parameters; results cached until the next write."""

from __future__ import annotations

import re
import threading
from functools import cache
from pathlib import Path

import pandas as pd

from fraudfree import db

QUERY_DIR = db.ROOT / "queries"
_results: dict[tuple, pd.DataFrame] = {}
_results_lock = threading.Lock()


@cache
def load(name: str) -> str:
    """The text of queries/NAME.sql; names are file stems, never user input."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"bad query name {name!r}")
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")


def names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


@cache
def parameters(name: str) -> set[str]:
    """The $names a query takes, read from its text."""
    sql = re.sub(r"--[^\n]*", "", load(name))
    return set(re.findall(r"\$([a-z_][a-z0-9_]*)", sql))


def _freeze(value):
    return tuple(value) if isinstance(value, (list, tuple, set)) else value


def run(name: str, path: Path | str | None = None, **params) -> pd.DataFrame:
    """Rows of query NAME on the database at `path` (the app's by default). Do not mutate the result.

    Parameters the query does not use are left out, so callers can pass a whole filter set.
    """
    path = str(path or db.app_db_path())
    used = parameters(name)
    params = {k: v for k, v in params.items() if k in used}
    key = (path, name, tuple(sorted((k, _freeze(v)) for k, v in params.items())))
    with _results_lock:
        if key in _results:
            return _results[key]
    cur = db.connection(path).cursor()
    try:
        frame = cur.execute(
            load(name), {k: list(v) if isinstance(v, (tuple, set)) else v for k, v in params.items()}
        ).df()
    finally:
        cur.close()
    with _results_lock:
        _results[key] = frame
    return frame


def clear_cache() -> None:
    with _results_lock:
        _results.clear()


db.on_write(clear_cache)
