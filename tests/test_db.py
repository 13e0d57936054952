"""Schema versions, migrations from older files, batches and undo."""

import datetime as dt

import duckdb
import pandas as pd
import pytest

from fraudfree import db


def add_cases(con, rows, supersede=False):
    """Write cases rows as a new batch; with supersede, earlier rows with the same key are replaced."""
    with db.transaction(con) as cur:
        batch = db.new_batch(cur, "import", ["cases"], {"cases": len(rows)})
        frame = pd.DataFrame(rows, columns=["month", "township_code", "fraud_type", "cases"]).assign(batch_id=batch)
        if supersede:
            for month, code, kind, _ in rows:
                cur.execute(
                    "update cases_versions set superseded_by = ? where superseded_by is null "
                    "and month = ? and township_code = ? and fraud_type = ?",
                    [batch, month, code, kind],
                )
        db.insert_frame(cur, "cases_versions", frame)
    return batch


def cases_now(con):
    return con.cursor().execute("select township_code, cases from cases order by all").fetchall()


def test_new_database_has_the_current_schema_and_a_view_per_kind(tmp_path):
    con = db.open_db(tmp_path / "new.duckdb")
    assert db.schema_version(con) == db.SCHEMA_VERSION
    views = {r[0] for r in con.execute("select view_name from duckdb_views() where not internal").fetchall()}
    assert set(db.VERSIONED) <= views


def test_version_1_database_upgrades_on_open_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    assert db.migrate(old, target=1) == 1
    old.execute("insert into import_batches (batch_id, source) values (1, 'import')")
    old.execute("insert into cases_versions values ('2021-03-01', '370781101', '刷单返利', 4, 1000, 1, 1, null)")
    old.close()

    con = db.open_db(path)
    assert db.schema_version(con) == db.SCHEMA_VERSION
    assert cases_now(con) == [("370781101", 4)]
    # Version 2 added the victims' age table and the townships' urban share.
    assert con.execute("select count(*) from case_victims").fetchone() == (0,)
    assert "urban_share" in [r[0] for r in con.execute("describe townships").fetchall()]


def test_database_from_a_newer_program_is_refused_not_damaged(tmp_path):
    path = tmp_path / "future.duckdb"
    con = db.open_db(path)
    con.execute("insert into schema_version values (?, current_timestamp)", [db.SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(db.SchemaError, match="高于本程序"):
        db.open_db(path)


def test_undo_brings_back_the_values_a_batch_replaced(tmp_path):
    con = db.open_db(tmp_path / "undo.duckdb")
    month = dt.date(2021, 3, 1)
    add_cases(con, [(month, "370781101", "刷单返利", 4), (month, "370781002", "刷单返利", 7)])
    before = cases_now(con)
    replacing = add_cases(con, [(month, "370781101", "刷单返利", 9)], supersede=True)
    assert cases_now(con) == [("370781002", 7), ("370781101", 9)]

    assert db.undo_batch(con, replacing)
    assert cases_now(con) == before
    assert not db.undo_batch(con, replacing), "a batch is undone once"


def test_failed_write_leaves_nothing_behind(tmp_path):
    con = db.open_db(tmp_path / "atomic.duckdb")
    with pytest.raises(RuntimeError), db.transaction(con) as cur:
        batch = db.new_batch(cur, "import", ["cases"], {})
        cur.execute(
            "insert into cases_versions values ('2021-03-01', '370781101', '刷单返利', 4, 0, 0, ?, null)", [batch]
        )
        raise RuntimeError("disk full half-way")
    assert cases_now(con) == []
    assert con.execute("select count(*) from import_batches").fetchone() == (0,)


def test_a_migration_missed_below_the_highest_version_is_applied(tmp_path):
    path = tmp_path / "gap.duckdb"
    con = duckdb.connect(str(path))
    db.migrate(con, target=2)
    later = [(v, sql) for v, sql in db.migrations() if v > 3]
    for version, sql in later:  # a file made on a branch that had 5 but not yet 3 and 4
        con.execute(sql)
        con.execute("insert into schema_version values (?, current_timestamp)", [version])
    con.close()
    con = db.open_db(path)
    assert db.applied_versions(con) == {v for v, _ in db.migrations()}
