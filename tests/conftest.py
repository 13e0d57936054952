"""Shared fixtures. `demo_db`: the county demo database (青州市, default seed), built once per test session."""

import pytest

from fraudfree import demo


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """Path of the county demo database. Shared by every test: read it, or copy it before writing to it."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    demo.build(path, "county", demo.DEFAULT_SEED)
    return path
