"""Pytest fixtures of the importer's tests (loaded with pytest_plugins): a 青州市 database, fresh for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fraudfree import county, db


@pytest.fixture(scope="session")
def county_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("county") / "qingzhou.duckdb"
    con = db.open_db(path)
    county.init_area(con, "370781")
    con.close()
    return path


@pytest.fixture
def county_db(county_template, tmp_path) -> Path:
    """A fresh copy of an empty 青州市 database (13 townships, reference population, schematic boundaries)."""
    path = tmp_path / "fraudfree.duckdb"
    shutil.copy(county_template, path)
    return path


@pytest.fixture
def con(county_db):
    connection = db.open_db(county_db)
    yield connection
    connection.close()
