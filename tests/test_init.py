"""`init --county CODE` sets up any county from the national list."""

import json
import subprocess
import sys

import duckdb

from fraudfree import db


def run(*args):
    return subprocess.run([sys.executable, "-m", "fraudfree", *args], capture_output=True, text=True, cwd=db.ROOT)


def test_init_qingzhou_loads_13_townships_populations_and_schematic_boundaries(tmp_path):
    path = tmp_path / "qz.duckdb"
    result = run("init", "--county", "370781", "--db", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["townships"] == 13
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("select count(*) from townships").fetchone() == (13,)
    assert con.execute("select sum(population) from population").fetchone() == (960_882,)
    assert con.execute("select count(*), bool_and(schematic) from boundaries").fetchone() == (13, True)


def test_init_any_other_county_works_without_details(tmp_path):
    path = tmp_path / "dongcheng.duckdb"
    result = run("--db", str(path), "init", "--county", "110101")
    assert result.returncode == 0, result.stderr
    con = duckdb.connect(str(path), read_only=True)
    names = [r[0] for r in con.execute("select name_zh from townships").fetchall()]
    assert "东华门街道" in names
    assert con.execute("select count(*) from boundaries").fetchone() == (0,)


def test_unknown_county_code_exits_1_and_says_so(tmp_path):
    result = run("init", "--county", "999999", "--db", str(tmp_path / "x.duckdb"))
    assert result.returncode == 1
    assert "999999" in result.stdout
