"""Fixtures of the tests of accounts, audit, backups and health: a cheap hasher, a fresh database."""

from __future__ import annotations

import pytest
from auth_helpers import CHEAP_HASHER

from fraudfree import auth, db


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    monkeypatch.setattr(auth, "HASHER", CHEAP_HASHER)
    monkeypatch.setattr(auth, "_DUMMY_HASH", None)


@pytest.fixture
def database(tmp_path):
    """A fresh, migrated database file that nothing holds open; the path."""
    path = tmp_path / "fraudfree.duckdb"
    db.open_db(path).close()
    yield path
    db.close_all()
