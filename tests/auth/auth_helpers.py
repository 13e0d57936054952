"""Helpers of the tests of accounts, audit, backups and health (fixtures are in conftest.py beside)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import argon2

from fraudfree import auth

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Correct-horse-9"
PRODUCTION_HASHER = auth.HASHER
# The tests check behaviour, not hashing cost: a cheap argon2id keeps each sign-in in milliseconds.
CHEAP_HASHER = argon2.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def add_account(con, name: str, role: str, password: str = PASSWORD) -> auth.User:
    return auth.add_user(con, name, role, auth.password_hash(name, password, password), actor="test")


def run_command(*args: str, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess:
    """`python -m fraudfree ARGS` in its own process, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "fraudfree", *args],
        cwd=ROOT,
        input=stdin,
        text=True,
        capture_output=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
