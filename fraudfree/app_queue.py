"""One writer, many readers: commands reach a database that the app holds through a queue the app drains.

DuckDB lets one process open a file read-write, and while it does no other process may open the file at all,
not even read-only. The app keeps its connection for as long as it runs, so a command that finds the file
locked by the app writes a request file into `<db>.queue/`; a thread in the app claims it, runs it on the
app's connection (where DuckDB's transactions keep readers and the writer apart) and writes the answer back.
A command that finds the file held by anything else (another command, a crashed app) says so and exits:
it never waits silently and never touches the file. Only the file's owner can use the queue (mode 0700).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import threading
import time
import uuid
from pathlib import Path

import duckdb

from fraudfree import auth, backup, db, health, logs, summary, templates
from fraudfree.ingest import history, pipeline
from fraudfree.ingest.read import Upload
from fraudfree.refusal import DatabaseUnavailable, Refusal

POLL_SECONDS = 0.1
HEARTBEAT_SECONDS = 2.0
HEARTBEAT_FRESH_SECONDS = 10.0
CLAIM_TIMEOUT_SECONDS = 5.0  # an app that beats but does not claim a request within this is stuck
ANSWER_TIMEOUT_SECONDS = 600.0


def queue_dir(path: Path | str) -> Path:
    return Path(f"{Path(path).resolve()}.queue")


def lock_conflict(err: BaseException) -> bool:
    return isinstance(err, duckdb.IOException) and "Could not set lock" in str(err)


def holder_pid(err: BaseException) -> int | None:
    """The process DuckDB names as holding the lock."""
    found = re.search(r"\(PID (\d+)\)", str(err))
    return int(found.group(1)) if found else None


def app_pid(path: Path | str) -> int | None:
    """The app process serving this database's queue, when its heartbeat is fresh."""
    try:
        beat = json.loads((queue_dir(path) / "app.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return beat["pid"] if time.time() - beat["beat"] < HEARTBEAT_FRESH_SECONDS else None


# --- the command's side ----------------------------------------------------------------------------------


def perform(path: Path | str, action: str, payload: dict, local=None, refuse_if_app: bool = False) -> dict:
    """Run ACTION: here when the file is free (`local()`, default: the action on this process's
    connection), else in the app that holds it; DatabaseUnavailable when neither can."""

    def here() -> dict:
        return ACTIONS[action](db.connection(path), Path(path), **payload)

    try:
        return (local or here)()
    except duckdb.IOException as err:
        if not lock_conflict(err):
            raise
        refusal = held(path, err, app_code="held_by_app")
        if refusal.code == "held" or refuse_if_app:
            raise refusal from None
        logs.event("queue_request", action=action)
        return ask(path, action, payload)


def held(path: Path | str, err: BaseException, app_code: str = "app_holds") -> DatabaseUnavailable:
    """The refusal for a command that found `path` locked: by the app serving its queue (`app_code`), or by
    another process, named by its PID."""
    holder = holder_pid(err)
    serving = app_pid(path)
    if serving is not None and holder in (None, serving):
        return DatabaseUnavailable(app_code, db=str(path), pid=serving)
    return DatabaseUnavailable("held", db=str(path), pid=holder or "?")


def locked_file(err: BaseException) -> str | None:
    """The file DuckDB could not lock, as its message names it."""
    found = re.search(r'lock on file "([^"]+)"', str(err))
    return found.group(1) if found else None


def ask(path: Path | str, action: str, payload: dict, timeout: float = ANSWER_TIMEOUT_SECONDS) -> dict:
    """Hand ACTION to the app through the queue and wait for its answer, while the app keeps beating."""
    directory = queue_dir(path)
    request_id = uuid.uuid4().hex
    request = directory / f"{request_id}.request.json"
    answer = directory / f"{request_id}.answer.json"
    try:
        _write_json(request, {"action": action, "payload": payload})
    except PermissionError:
        raise DatabaseUnavailable("queue_denied", db=str(path), queue=str(directory)) from None
    started = time.monotonic()
    while not answer.exists():
        waited = time.monotonic() - started
        unclaimed_too_long = waited > CLAIM_TIMEOUT_SECONDS and _withdraw(request)
        if unclaimed_too_long or waited > timeout or app_pid(path) is None:
            _withdraw(request)
            raise DatabaseUnavailable("app_not_answering", db=str(path), seconds=int(waited))
        time.sleep(POLL_SECONDS)
    reply = json.loads(answer.read_text(encoding="utf-8"))
    answer.unlink()
    if "error" in reply:
        raise _refusal_from(reply["error"])
    return reply["result"]


def _withdraw(request: Path) -> bool:
    """Take back a request the app has not claimed; False when it has."""
    try:
        request.unlink()
        return True
    except FileNotFoundError:
        return False


# --- the app's side --------------------------------------------------------------------------------------

_serving: set[str] = set()
_serving_lock = threading.Lock()


def serve(path: Path | str) -> None:
    """Start, once per process and database, the thread that drains the queue (the app calls this)."""
    key = str(Path(path).resolve())
    with _serving_lock:
        if key in _serving:
            return
        _serving.add(key)
    threading.Thread(target=_drain_forever, args=(Path(key),), name="fraudfree-queue", daemon=True).start()


def _drain_forever(path: Path) -> None:
    last_beat = 0.0
    while True:
        try:
            if time.monotonic() - last_beat > HEARTBEAT_SECONDS:
                beat(path)
                last_beat = time.monotonic()
            for claimed in claim(path):
                # A thread per request: a long backup does not hold up the heartbeat or the next request.
                threading.Thread(target=answer, args=(path, claimed), name="fraudfree-request", daemon=True).start()
        except Exception as err:  # the thread must outlive any one bad request
            logs.event("queue", level=40, outcome="error", error_code=type(err).__name__)
        time.sleep(POLL_SECONDS)


def beat(path: Path | str) -> None:
    """Tell commands that this process serves the queue."""
    directory = queue_dir(path)
    directory.mkdir(mode=0o700, exist_ok=True)
    _write_json(directory / "app.json", {"pid": os.getpid(), "beat": time.time()})


def claim(path: Path | str) -> list[Path]:
    """Take every waiting request (renamed, so that the command can no longer withdraw it)."""
    claimed = []
    for request in sorted(queue_dir(path).glob("*.request.json")):
        target = request.with_name(request.name.replace(".request.json", ".claimed.json"))
        try:
            os.rename(request, target)
        except FileNotFoundError:
            continue  # the command withdrew it
        claimed.append(target)
    return claimed


def answer(path: Path | str, claimed: Path) -> None:
    """Run one claimed request on this process's connection and write the answer beside it."""
    started = time.monotonic()
    action = None
    try:
        message = json.loads(claimed.read_text(encoding="utf-8"))
        action = message["action"]
        reply = {"result": ACTIONS[action](db.connection(path), Path(path), **message["payload"])}
    except Refusal as refusal:
        reply = {"error": {"section": refusal.section, "code": refusal.code, "values": refusal.values}}
    except Exception as err:
        reply = {"error": {"section": "database", "code": "failed_in_app", "values": {"error": str(err)[:500]}}}
    _write_json(claimed.with_name(claimed.name.replace(".claimed.json", ".answer.json")), reply)
    claimed.unlink()
    logs.event(
        "queue_answer",
        action=action,
        outcome="error" if "error" in reply else "ok",
        duration_ms=round(1000 * (time.monotonic() - started)),
    )


def _write_json(target: Path, value: dict) -> None:
    """Write whole or not at all: readers never see half a file."""
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(json.dumps(value, ensure_ascii=False, default=str), encoding="utf-8")
    os.replace(partial, target)


_REFUSALS = {cls.section: cls for cls in (auth.AccountError, backup.BackupError, DatabaseUnavailable)}


def _refusal_from(error: dict) -> Refusal:
    return _REFUSALS.get(error["section"], DatabaseUnavailable)(error["code"], **error["values"])


# --- what the app does for a command ---------------------------------------------------------------------


def _backup(con, path: Path) -> dict:
    out = queue_dir(path) / f"backup-{uuid.uuid4().hex}.duckdb"
    return {**backup.copy_connection(con, out), "via": "app"}


def _users_add(con, path: Path, name: str, role: str, password_hash: str, actor: str) -> dict:
    return vars(auth.add_user(con, name, role, password_hash, actor))


def _users_set_role(con, path: Path, name: str, role: str, actor: str) -> dict:
    return vars(auth.set_role(con, name, role, actor))


def _users_set_disabled(con, path: Path, name: str, disabled: bool, actor: str) -> dict:
    auth.set_disabled(con, name, disabled, actor)
    return {"name": name, "disabled": disabled}


def _users_set_password(con, path: Path, name: str, password_hash: str, actor: str) -> dict:
    auth.set_password(con, name, password_hash, actor)
    return {"name": name}


def _users_list(con, path: Path) -> dict:
    return {"users": auth.list_users(con)}


def _audit(con, path: Path, actions: list, user_name: str | None, limit: int) -> dict:
    return {"entries": auth.audit_entries(con, actions, user_name, limit=limit)}


def _health(con, path: Path) -> dict:
    return health.check_connection(con, path, via="app")


def _import(con, path: Path, files: list[str], kind: str | None, dry_run: bool, actor: str) -> dict:
    """The command's files are read here, by path: the app runs as the same system user."""
    uploads = [Upload(Path(f).name, Path(f).read_bytes()) for f in files]
    limit = pipeline.max_upload_mb() * 1_048_576
    return pipeline.run_import(con, uploads, kind=kind, dry_run=dry_run, created_by=actor, max_bytes=limit).to_json()


def _undo(con, path: Path, batch: int, actor: str) -> dict:
    return history.undo(con, batch, actor)._asdict()


def _batches(con, path: Path) -> dict:
    return {"batches": history.listing(path)}


def _summary(con, path: Path, start: str | None, end: str | None) -> dict:
    return summary.summary(con, *(None if d is None else dt.date.fromisoformat(d) for d in (start, end)))


def _township_names(con, path: Path) -> dict:
    return {"names": templates.township_names(con)}


ACTIONS = {
    "import": _import,
    "undo": _undo,
    "batches": _batches,
    "summary": _summary,
    "township_names": _township_names,
    "backup": _backup,
    "health": _health,
    "users_add": _users_add,
    "users_set_role": _users_set_role,
    "users_set_disabled": _users_set_disabled,
    "users_set_password": _users_set_password,
    "users_list": _users_list,
    "audit": _audit,
}
