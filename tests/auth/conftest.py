"""Fixtures of the tests of accounts, audit, backups and health: a cheap hasher, a fresh database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from auth_helpers import CHEAP_HASHER, ROOT

from fraudfree import auth, db

HOLDER = Path(__file__).with_name("hold_database.py")


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


@pytest.fixture
def hold(database):
    """Start processes that hold `database` open as the app does (see hold_database.py); stopped after."""
    started = []

    def start(*flags: str) -> subprocess.Popen:
        db.close_all()  # this process lets go first, as a separate command would have
        process = subprocess.Popen(
            [sys.executable, str(HOLDER), str(database), *flags],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        assert process.stdout.readline().strip() == "ready"
        return process

    yield start
    for process in started:
        process.stdin.close()
        process.wait(timeout=30)
