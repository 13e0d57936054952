"""Consistent copies of a database (while the app runs or not), restoring one, and the copy before an undo.

A copy is DuckDB's `COPY FROM DATABASE` into a freshly attached file inside one transaction: it reads one
snapshot, so writes that commit meanwhile are either wholly in the copy or wholly absent, and it carries
tables, views, sequences (with their current values) and constraints. Copying the file's bytes would not
be consistent while the app writes; DuckDB's EXPORT writes a directory, not the one file a user keeps.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from pathlib import Path

import duckdb

from fraudfree import auth, db
from fraudfree.refusal import DatabaseUnavailable, Refusal

BACKUP_DIR_NAME = "backups"
KEEP_UNDO_SNAPSHOTS = 20


class BackupError(Refusal):
    section = "backup"


class UndoBackupFailed(Refusal):
    """The copy before an undo could not be written (a full disk, say): the undo does not happen."""

    section = "ops"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _identifier(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def copy_database(cur, source_alias: str, out: Path) -> dict:
    """Copy the attached database `source_alias` into the new file `out` (replacing it only when complete)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    target = f"backup_{uuid.uuid4().hex}"  # attached names are shared by the whole process
    # ATTACH takes no parameters; the path is quoted as a literal and the names are our own.
    cur.execute(f"attach {_literal(str(partial))} as {target}")
    try:
        cur.execute("begin")
        try:
            cur.execute(f"copy from database {_identifier(source_alias)} to {target}")
            cur.execute("commit")
        except BaseException:
            cur.execute("rollback")
            raise
    except BaseException:
        cur.execute(f"detach {target}")
        for leftover in (partial, partial.with_name(f"{partial.name}.wal")):  # no half copy stays behind
            leftover.unlink(missing_ok=True)
        raise
    cur.execute(f"detach {target}")
    os.replace(partial, out)
    return {"file": str(out), "bytes": out.stat().st_size}


def copy_connection(con, out: Path) -> dict:
    """Copy the database that `con` (e.g. the app's connection) has open into `out`."""
    cur = con.cursor()
    try:
        return copy_database(cur, cur.execute("select current_database()").fetchone()[0], out)
    finally:
        cur.close()


def copy_file(path: Path, out: Path) -> dict:
    """Copy the database file `path` without writing to it; DuckDB's lock IOException when another
    process holds it read-write (the caller then asks the app, see app_queue)."""
    path = Path(path)
    if not path.exists():
        raise DatabaseUnavailable("no_database", db=str(path))
    con = duckdb.connect()
    try:
        con.execute(f"attach {_literal(str(path))} as source (read_only)")
        return copy_database(con, "source", out)
    finally:
        con.close()


def restore(path: Path, backup_file: Path, actor: str) -> dict:
    """Replace the database at `path` with the copy in `backup_file`; the replaced file is kept beside it.

    Opens `path` read-write first, so that it fails with DuckDB's lock IOException while the app (or any
    process) has the database open, and holds that lock until the new file is in place.
    """
    path, backup_file = Path(path), Path(backup_file)
    if not backup_file.exists():
        raise BackupError("no_backup_file", file=str(backup_file))
    version = _backup_schema_version(backup_file)
    holder = duckdb.connect(str(path)) if path.exists() else None
    staged = path.with_name(f".{path.name}.restoring-{os.getpid()}")
    previous = None
    try:
        con = duckdb.connect()
        try:  # a copy rather than the file's bytes: it also takes in a `.wal` left beside the backup
            con.execute(f"attach {_literal(str(backup_file))} as source (read_only)")
            copy_database(con, "source", staged)
        finally:
            con.close()
        if holder is not None:
            holder.execute("checkpoint")  # everything in the old file itself, none in a .wal
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            previous = path.with_name(f"{path.stem}.before-restore-{stamp}{path.suffix}")
            _keep(path, previous)
        os.replace(staged, path)
    finally:
        staged.unlink(missing_ok=True)
        if holder is not None:
            holder.close()
    con = db.open_db(path)  # brings an older backup's schema up to date
    try:
        with db.transaction(con) as cur:
            auth.audit(cur, actor, "restore", {"schema_version": version}, file_name=backup_file.name)
    finally:
        con.close()
    return {
        "db": str(path),
        "restored_from": str(backup_file),
        "previous": str(previous) if previous else None,
        "schema_version": version,
    }


def _keep(path: Path, previous: Path) -> None:
    """The old file under a new name: a hard link costs no space; a copy where links are not possible."""
    try:
        os.link(path, previous)
    except OSError:
        shutil.copy2(path, previous)


def _backup_schema_version(backup_file: Path) -> int:
    try:
        con = duckdb.connect(str(backup_file), read_only=True)
    except duckdb.Error:
        raise BackupError("not_a_database", file=str(backup_file)) from None
    try:
        version = db.schema_version(con)
    finally:
        con.close()
    if version == 0:
        raise BackupError("not_a_database", file=str(backup_file))
    if version > db.SCHEMA_VERSION:
        raise BackupError("newer_schema", file=str(backup_file), version=version, supported=db.SCHEMA_VERSION)
    return version


def before_undo(con, batch_id: int) -> Path:
    """The automatic copy of the database `con` has open, taken before undoing `batch_id` (history.undo runs
    it inside the undo's transaction): into `backups/` beside the database file, keeping the newest
    KEEP_UNDO_SNAPSHOTS. UndoBackupFailed when the copy cannot be written."""
    path = Path(
        con.cursor()
        .execute("select path from duckdb_databases() where database_name = current_database()")
        .fetchone()[0]
    )
    directory = path.parent / BACKUP_DIR_NAME
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = directory / f"{path.stem}-{stamp}-before-undo-{batch_id}{path.suffix}"
    try:
        copy_connection(con, out)
    except (OSError, duckdb.Error) as err:
        raise UndoBackupFailed(
            "undo_backup_failed", batch=batch_id, folder=str(directory), error=str(err)[:300]
        ) from err
    snapshots = sorted(directory.glob(f"{path.stem}-*-before-undo-*{path.suffix}"), key=lambda p: p.stat().st_mtime)
    for old in snapshots[:-KEEP_UNDO_SNAPSHOTS]:
        old.unlink()
    return out
