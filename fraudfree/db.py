"""The DuckDB file: where it is, one cached connection per process, schema migrations, batches and undo."""

from __future__ import annotations

import json
import os
import threading
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

from fraudfree.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_DB = DATA_DIR / "fraudfree.duckdb"
DEMO_DB = DATA_DIR / "demo.duckdb"

# Tables with batch-versioned rows; a view of the same name without `_versions` shows the current rows.
VERSIONED = (*KINDS, "case_victims", "boundaries")

_connections: dict[str, duckdb.DuckDBPyConnection] = {}
_connections_lock = threading.Lock()
write_lock = threading.RLock()  # writes are serialized within the process
_after_write_hooks: list = []


class SchemaError(RuntimeError):
    """The database file was made by a newer version of the program."""


def command_db_path(arg: str | None) -> Path:
    """The database a command works on: --db, else $FRAUDFREE_DB, else data/fraudfree.duckdb."""
    return Path(arg or os.environ.get("FRAUDFREE_DB") or DEFAULT_DB)


def app_db_path() -> Path:
    """The database the app opens, as data-contract.md says: $FRAUDFREE_DB, a set-up county, or the demo."""
    if os.environ.get("FRAUDFREE_DB"):
        return Path(os.environ["FRAUDFREE_DB"])
    return DEFAULT_DB if DEFAULT_DB.exists() else DEMO_DB


def migrations() -> list[tuple[int, str]]:
    files = sorted(f for f in resources.files("fraudfree.migrations").iterdir() if f.name.endswith(".sql"))
    return [(int(f.name.split("_", 1)[0]), f.read_text(encoding="utf-8")) for f in files]


SCHEMA_VERSION = migrations()[-1][0]


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    # fetchall, never fetchone: a result left open keeps the connection's read transaction open, and while it is,
    # every large commit on this connection's cursors slows to a crawl (100,000 rows: minutes instead of 0.1 s).
    exists = con.execute(
        "select count(*) from information_schema.tables where table_name = 'schema_version'"
    ).fetchall()[0][0]
    if not exists:
        return set()
    return {row[0] for row in con.execute("select version from schema_version").fetchall()}


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    return max(applied_versions(con), default=0)


def migrate(con: duckdb.DuckDBPyConnection, target: int = SCHEMA_VERSION) -> int:
    """Apply every migration up to `target` that the file lacks, one transaction each; return the version reached.

    Missing versions below the highest are applied too, so a file made while migrations were added out of
    order still ends up complete."""
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise SchemaError(
            f"数据库结构版本 {current} 高于本程序支持的 {SCHEMA_VERSION}，请升级程序 / "
            f"the database schema version {current} is newer than this program's {SCHEMA_VERSION}"
        )
    applied = applied_versions(con)
    for version, sql in migrations():
        if version not in applied and version <= target:
            con.execute("begin")
            con.execute("create table if not exists schema_version (version integer, applied_at timestamp)")
            con.execute(sql)
            _create_current_views(con)
            con.execute("insert into schema_version values (?, current_timestamp)", [version])
            con.execute("commit")
    return schema_version(con)


def _create_current_views(con: duckdb.DuckDBPyConnection) -> None:
    tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
    for name in VERSIONED:
        if f"{name}_versions" in tables:
            con.execute(
                f"create or replace view {name} as "  # identifiers from the fixed list above
                f"select * exclude (superseded_by) from {name}_versions where superseded_by is null"
            )


def open_db(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A new connection with the schema brought up to date (read-only connections refuse old schemas)."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    if read_only:
        if applied_versions(con) != {version for version, _ in migrations()}:
            con.close()
            raise SchemaError(f"{path}: schema version differs from {SCHEMA_VERSION}; open it read-write to migrate")
    else:
        migrate(con)
    return con


def connection(path: Path | str) -> duckdb.DuckDBPyConnection:
    """The process's one cached connection to `path`; take a `.cursor()` per query."""
    key = str(Path(path).resolve())
    with _connections_lock:
        if key not in _connections:
            _connections[key] = open_db(key)
        return _connections[key]


def close_all() -> None:
    with _connections_lock:
        for con in _connections.values():
            con.close()
        _connections.clear()


def on_write(hook) -> None:
    """Register a callable run after every committed write (the query cache clears itself this way)."""
    _after_write_hooks.append(hook)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection, changes_data: bool = True):
    """One serialized write transaction on its own cursor: all of it commits, or none of it.

    Writes that leave the analysed data as it was (accounts, the audit log) pass changes_data=False and keep
    the cached query results."""
    with write_lock:
        cur = con.cursor()
        cur.execute("begin")
        try:
            yield cur
            cur.execute("commit")
        except BaseException:
            cur.execute("rollback")
            raise
        finally:
            cur.close()
    if changes_data:
        for hook in _after_write_hooks:
            hook()


def new_batch(
    cur,
    source: str,
    kinds: list[str],
    counts: dict,
    file_name: str | None = None,
    sha256: str | None = None,
    created_by: str | None = None,
) -> int:
    batch_id = cur.execute("select nextval('batch_ids')").fetchone()[0]
    cur.execute(
        "insert into import_batches (batch_id, source, file_name, sha256, kinds, counts, created_by) "
        "values (?, ?, ?, ?, ?, ?, ?)",
        [batch_id, source, file_name, sha256, kinds, json.dumps(counts, ensure_ascii=False), created_by],
    )
    return batch_id


class UndoBlocked(RuntimeError):
    """Later batches replaced rows of this one: undo them first, or the rows this batch replaced would come back."""

    def __init__(self, batch_id: int, later: list[int]):
        super().__init__(f"batch {batch_id} has rows replaced by batches {later}")
        self.batch_id, self.later = batch_id, later


def undo_batch(con: duckdb.DuckDBPyConnection, batch_id: int, also=None, before=None) -> bool:
    """Remove a committed batch's rows and bring back the rows it replaced; False if there is no such batch.

    Raises UndoBlocked when a later committed batch replaced some of its rows. `before(cur)` runs once the undo
    is known to be possible, before anything changes, and no other write can commit meanwhile (the copy of the
    database before an undo); `also(cur)` runs after the changes in the same transaction (its audit entry).
    An exception from either leaves the database as it was.
    """
    with transaction(con) as cur:
        status = cur.execute("select status from import_batches where batch_id = ?", [batch_id]).fetchone()
        if status is None or status[0] != "committed":
            return False
        later = set()
        for name in VERSIONED:
            sql = f"select distinct superseded_by from {name}_versions where batch_id = ? and superseded_by is not null"
            later |= {row[0] for row in cur.execute(sql, [batch_id]).fetchall()}
        later = sorted(later)
        if later:
            raise UndoBlocked(batch_id, later)
        if before is not None:
            before(cur)
        for name in VERSIONED:
            cur.execute(f"delete from {name}_versions where batch_id = ?", [batch_id])
            cur.execute(f"update {name}_versions set superseded_by = null where superseded_by = ?", [batch_id])
        cur.execute(
            "update import_batches set status = 'undone', undone_at = current_timestamp where batch_id = ?",
            [batch_id],
        )
        if also is not None:
            also(cur)
    return True


def insert_frame(cur, table: str, frame) -> None:
    """Append a pandas or Arrow frame to `table` (a name from the schema), matching columns by name."""
    cur.register("incoming_frame", frame)
    try:
        cur.execute(f"insert into {table} by name select * from incoming_frame")
    finally:
        cur.unregister("incoming_frame")


def settings(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.cursor().execute("select key, value from settings").fetchall())


def put_settings(cur, values: dict[str, str]) -> None:
    for key, value in values.items():
        cur.execute("insert or replace into settings values (?, ?)", [key, str(value)])
