"""Helpers of the tests of accounts, audit, backups and health (fixtures are in conftest.py beside)."""

from __future__ import annotations

import argon2

from fraudfree import auth

PASSWORD = "Correct-horse-9"
PRODUCTION_HASHER = auth.HASHER
# The tests check behaviour, not hashing cost: a cheap argon2id keeps each sign-in in milliseconds.
CHEAP_HASHER = argon2.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def add_account(con, name: str, role: str, password: str = PASSWORD) -> auth.User:
    return auth.add_user(con, name, role, auth.password_hash(name, password, password), actor="test")
