"""Import batches: the list, and undo (after a copy of the database) with a reason when it cannot be done (for
`batches`, `undo` and 导入批次)."""

from __future__ import annotations

import json
from typing import NamedTuple

import pandas as pd

from fraudfree import auth, backup, db, i18n, logs, queries


def listing(path) -> list[dict]:
    """Newest first: batch, source, file_name, sha256, kinds, counts, created_at, created_by, status, undone_at."""
    rows = []
    for record in queries.run("import_batches", path).to_dict("records"):
        record = dict(record)
        record["batch"] = int(record.pop("batch_id"))
        record["kinds"] = [] if record["kinds"] is None else list(record["kinds"])
        record["counts"] = json.loads(record["counts"]) if record["counts"] else {}
        for stamp in ("created_at", "undone_at"):
            value = record[stamp]
            record[stamp] = None if pd.isna(value) else value.isoformat(sep=" ", timespec="seconds")
        rows.append(record)
    return rows


def table(path, lang: str = i18n.DEFAULT_LANGUAGE) -> pd.DataFrame:
    """The batches as a table to show, with headers and values in the interface language."""
    t = i18n.translator(lang)
    rows = [
        {
            t("batches.batch"): r["batch"],
            t("batches.created_at"): r["created_at"],
            t("batches.source"): t(f"batches.source_{r['source']}"),
            t("batches.file"): r["file_name"] or "",
            t("batches.kinds"): "、".join(t(f"ingest.kind.{k}") for k in r["kinds"]),
            t("batches.written"): sum(_written(c) for c in r["counts"].values()),
            t("batches.created_by"): r["created_by"] or "",
            t("batches.status"): t(f"batches.status_{r['status']}"),
        }
        for r in listing(path)
    ]
    return pd.DataFrame(rows)


def _written(counts) -> int:
    """Rows a batch wrote of one kind: import batches keep read/written/…; init and demo batches a count."""
    return int(counts.get("written", 0)) if isinstance(counts, dict) else int(counts)


class Undo(NamedTuple):
    done: bool
    message: str  # for the user, in the interface language
    backup: str | None  # the copy of the database taken just before (backup.before_undo); None when not undone


def undo(con, batch: int, actor: str | None, lang: str = i18n.DEFAULT_LANGUAGE) -> Undo:
    """Undo a batch, after a copy of the database as it was and with its audit entry by `actor`. The one
    undo of the 导入批次 page, `python -m fraudfree undo` and the app's queue; no copy, no undo."""
    t = i18n.translator(lang)
    copies = []

    def audited(cur) -> None:
        auth.audit(cur, actor, "undo", {"batch": batch, "backup": copies[0].name})

    try:
        done = db.undo_batch(con, batch, before=lambda cur: copies.append(backup.before_undo(con, batch)), also=audited)
    except db.UndoBlocked as blocked:
        logs.event("undo", outcome="refused", reason="later_batches", batch=batch)
        return Undo(False, t("import_cli.undo_blocked", batch=batch, later=", ".join(map(str, blocked.later))), None)
    except backup.UndoBackupFailed as failed:
        logs.event("undo", outcome="refused", reason="backup_failed", batch=batch)
        return Undo(False, failed.message(lang), None)
    logs.event("undo", outcome="undone" if done else "refused", batch=batch)
    message = t("import_cli.undone" if done else "import_cli.cannot_undo", batch=batch)
    return Undo(done, message, str(copies[0]) if done else None)
