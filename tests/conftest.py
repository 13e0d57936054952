"""Shared fixtures. `demo_db`: the county demo database (青州市, default seed), built once per test session;
`app_db`: the app pointed at a private copy of a database."""

import shutil

import pytest

from fraudfree import db, demo, queries


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """Path of the county demo database. Shared by every test: read it, or copy it before writing to it."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    demo.build(path, "county", demo.DEFAULT_SEED)
    return path


@pytest.fixture
def app_db(monkeypatch, tmp_path):
    """Point the app at a private copy of a database: `app_db(path)`."""

    def use(path):
        copy = tmp_path / "app.duckdb"
        shutil.copy(path, copy)
        monkeypatch.setenv("FRAUDFREE_DB", str(copy))

    yield use
    db.close_all()
    queries.clear_cache()
