"""Structured logs: one JSON object a line, allowed fields only, no account names or passwords."""

import json
import logging

import pytest
from auth_helpers import PASSWORD, add_account

from fraudfree import auth, db, logs


@pytest.fixture
def logged():
    """The JSON objects the fraudfree logger writes during a test, at INFO."""
    lines = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(record.getMessage()))

    handler = Keep()
    logger = logging.getLogger("fraudfree")
    level = logger.level
    logger.setLevel(logging.INFO)  # setLevel, not the attribute: loggers cache isEnabledFor
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_fields_outside_the_allowed_list_are_dropped_by_name_only():
    entry = logs.record("import", {"rows": 120, "file_name": "张三的案件.xlsx", "user": "zhang"})
    assert entry["event"] == "import" and entry["rows"] == 120 and entry["dropped"] == ["file_name", "user"]
    assert "张三" not in json.dumps(entry, ensure_ascii=False) and "zhang" not in json.dumps(entry)


def test_sign_ins_are_logged_without_the_account_name_or_password(database, logged):
    con = db.connection(database)
    add_account(con, "zhangsan", "planner")
    auth.verify(con, "zhangsan", "Wrong-horse-9")
    auth.verify(con, "zhangsan", PASSWORD)
    sign_ins = [entry for entry in logged if entry["event"] == "sign_in"]
    assert [(e["outcome"], e.get("role")) for e in sign_ins] == [("failed", None), ("ok", "planner")]
    text = json.dumps(logged, ensure_ascii=False)
    assert "zhangsan" not in text and PASSWORD not in text and "Wrong-horse-9" not in text
