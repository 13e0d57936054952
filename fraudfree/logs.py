"""Structured logs: one JSON object a line on stderr (journald keeps them), free of personal data.
Level from $FRAUDFREE_LOG_LEVEL, WARNING by default so commands stay quiet; the systemd unit sets INFO.

Only the field names in FIELDS pass, and only plain values; anything else is dropped and its field *name*
noted, so that an account name, a file name or a spreadsheet value can never reach a log by accident.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys

FIELDS = frozenset(
    {
        "action",
        "outcome",
        "reason",
        "role",
        "locked",
        "method",
        "via",
        "status",
        "batch",
        "rows",
        "kinds",
        "bytes",
        "duration_ms",
        "schema_version",
        "count",
        "pages",
        "error_code",
    }
)
MAX_TEXT = 80

_logger = logging.getLogger("fraudfree")


def _handler() -> logging.Handler:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    return handler


if not _logger.handlers:
    _logger.addHandler(_handler())
    _logger.setLevel(os.environ.get("FRAUDFREE_LOG_LEVEL", "WARNING").upper())
    _logger.propagate = False


def _plain(value):
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int)) for v in value):
        return [v[:MAX_TEXT] if isinstance(v, str) else v for v in value]
    return str(value)[:MAX_TEXT]


def record(event: str, fields: dict) -> dict:
    """The JSON object logged for `event`: allowed fields only, the names of the others under `dropped`."""
    entry = {"ts": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"), "event": event}
    dropped = sorted(name for name in fields if name not in FIELDS)
    entry.update({name: _plain(value) for name, value in fields.items() if name in FIELDS and value is not None})
    if dropped:
        entry["dropped"] = dropped
    return entry


def event(name: str, level: int = logging.INFO, **fields) -> None:
    """Log one event, e.g. `event("sign_in", outcome="failed", reason="locked")`."""
    if _logger.isEnabledFor(level):
        _logger.log(level, json.dumps(record(name, fields), ensure_ascii=False))
