"""Committing: one transaction, batch records, keyed updates that undo restores exactly, duplicate files."""

import datetime as dt

import pytest

from fraudfree import db
from fraudfree.ingest import history, pipeline
from fraudfree.ingest.read import Upload
from fraudfree.summary import summary
from tests.ingest_support import import_fixtures, rows, upload

pytest_plugins = ["tests.ingest_databases"]  # the con and county_db fixtures

CURRENT_VENUES = (
    "select venue_id, name, venue_type, township_code, lon, lat, screens, start_date from venues order by all"
)


def everything(con) -> dict:
    """What the pages can see: every current row of every kind, plus the summary."""
    return {
        **{name: rows(con, f"select * exclude (batch_id) from {name} order by all") for name in db.VERSIONED},
        "summary": summary(con),
    }


def test_a_later_upload_updates_keyed_rows_in_place_and_undo_restores_them_exactly(con):
    first = import_fixtures(con, "venues_v1.xlsx")
    before = everything(con)
    second = import_fixtures(con, "venues_v2.xlsx")
    assert second.rows["venues"] == {"read": 3, "written": 2, "skipped": 1, "added": 1, "updated": 1}
    assert rows(con, "select venue_id, name, screens from venues order by venue_id") == [
        ("ZD001", "农商银行王府支行", 2),
        ("ZD002", "移动营业厅益都旗舰店", 3),
        ("ZD003", "王坟镇卫生院接种点", 1),
        ("ZD004", "黄楼十字路口大屏", 2),
    ]
    # The replaced row is kept, marked with the batch that replaced it.
    assert rows(con, "select name, superseded_by from venues_versions where venue_id = 'ZD002' order by all") == [
        ("移动营业厅益都店", second.batch),
        ("移动营业厅益都旗舰店", None),
    ]
    assert db.undo_batch(con, second.batch)
    assert everything(con) == before
    assert first.batch < second.batch


def test_undo_of_an_import_gives_back_identical_query_results(con):
    import_fixtures(con, "cases_wanyuan.xlsx")
    before = everything(con)
    report = import_fixtures(con, "cases_records_personal.xlsx", "activities_gbk_title_total.csv", "population.txt")
    assert report.status == "imported"
    assert everything(con) != before
    assert db.undo_batch(con, report.batch)
    assert everything(con) == before


def test_an_earlier_batch_cannot_be_undone_while_a_later_one_replaced_its_rows(con):
    first = import_fixtures(con, "venues_v1.xlsx")
    second = import_fixtures(con, "venues_v2.xlsx")
    with pytest.raises(db.UndoBlocked) as blocked:
        db.undo_batch(con, first.batch)
    assert blocked.value.later == [second.batch]
    assert db.undo_batch(con, second.batch) and db.undo_batch(con, first.batch)
    assert rows(con, "select count(*) from venues") == [(0,)]


def test_the_same_file_twice_is_a_duplicate_of_its_batch_and_adds_nothing(con):
    first = import_fixtures(con, "two_kinds.xlsx")
    before = everything(con)
    again = pipeline.run_import(con, [Upload("renamed copy.xlsx", upload("two_kinds.xlsx").content)])
    assert (again.status, again.batch) == ("duplicate", first.batch)
    assert again.files[0]["duplicate_of"] == first.batch
    assert everything(con) == before
    # Once its batch is undone, the same file may come in again.
    db.undo_batch(con, first.batch)
    assert import_fixtures(con, "two_kinds.xlsx").status == "imported"


def test_rows_equal_to_stored_ones_are_skipped_and_nothing_new_makes_no_batch(con):
    import_fixtures(con, "activities_legacy.xls")
    batches = rows(con, "select count(*) from import_batches")
    # Two of the same rows in another file.
    text = "\n".join(
        [
            "日期,乡镇街道,宣传方式,渠道,覆盖人次",
            "2021-08-01,谭坊镇,线上推送,微信群,5000",
            "2021-08-05,王坟,直播,直播,12000",
        ]
    )
    report = pipeline.run_import(con, [Upload("again.csv", text.encode())])
    assert (report.status, report.batch) == ("imported", None)
    assert report.rows["activities"] == {"read": 2, "written": 0, "skipped": 2, "added": 0, "updated": 0}
    assert rows(con, "select count(*) from import_batches") == batches
    assert "没有新数据" in report.warnings[-1].message


def test_an_exception_in_the_middle_of_an_import_leaves_the_database_unchanged(con, monkeypatch):
    before = everything(con)
    batches = rows(con, "select * from import_batches")
    calls = []
    real_insert = db.insert_frame

    def failing_insert(cur, table, frame):
        calls.append(table)
        if len(calls) == 2:  # after the first kind is written, before the second
            raise RuntimeError("disk full")
        real_insert(cur, table, frame)

    monkeypatch.setattr(db, "insert_frame", failing_insert)
    with pytest.raises(RuntimeError, match="disk full"):
        import_fixtures(con, "two_kinds.xlsx")
    monkeypatch.undo()
    assert len(calls) == 2
    assert everything(con) == before
    assert rows(con, "select * from import_batches") == batches
    assert rows(con, "select count(*) from import_files") == [(0,)]
    assert import_fixtures(con, "two_kinds.xlsx").status == "imported", "the file is not taken for a duplicate"


def test_batch_record_names_the_files_kinds_counts_and_who(con):
    report = import_fixtures(con, "two_kinds.xlsx", "activities_legacy.xls", created_by="cli:staff")
    (record,) = rows(
        con,
        "select file_name, sha256, kinds, counts::varchar, created_by, status from import_batches where batch_id = ?",
        [report.batch],
    )
    assert record[0] == "two_kinds.xlsx, activities_legacy.xls"
    assert record[1] is None, "a batch of two files keeps their hashes in import_files"
    assert sorted(record[2]) == ["activities", "survey", "warnings"]
    assert '"written": 3' in record[3] and record[4:] == ("cli:staff", "committed")
    assert sorted(rows(con, "select file_name from import_files where batch_id = ?", [report.batch])) == [
        ("activities_legacy.xls",),
        ("two_kinds.xlsx",),
    ]


def test_same_key_with_different_values_in_one_upload_is_an_error(con):
    text = "月份,乡镇街道,样本数,知晓人数\n2021-05,王坟镇,200,188\n2021-05,王坟,210,190\n"
    report = pipeline.run_import(con, [Upload("survey.csv", text.encode())])
    assert report.status == "refused"
    assert [(e.row, e.message) for e in report.errors] == [
        (2, "与第 3 行的月份、乡镇街道相同但其他数值不同，无法确定以哪行为准"),
        (3, "与第 2 行的月份、乡镇街道相同但其他数值不同，无法确定以哪行为准"),
    ]


def test_case_records_replace_the_age_bands_of_the_cells_they_cover(con):
    import_fixtures(con, "cases_records_personal.xlsx")
    monthly = "月份,乡镇街道,诈骗类型,发案数\n2021-05,王坟镇,刷单返利,3\n"
    report = pipeline.run_import(con, [Upload("monthly.csv", monthly.encode())])
    assert report.rows["cases"]["updated"] == 1
    assert rows(con, "select count(*) from case_victims where township_code = '370781101'") == [(0,)]
    assert rows(con, "select sum(victims) from case_victims") == [(6,)]
    db.undo_batch(con, report.batch)
    assert rows(con, "select age_band, victims from case_victims where township_code = '370781101'") == [("18-40", 2)]


def test_dry_run_plans_without_writing(con):
    before = everything(con)
    report = import_fixtures(con, "venues_v1.xlsx", dry_run=True)
    assert (report.status, report.batch) == ("dry-run", None)
    assert report.rows["venues"] == {"read": 3, "written": 0, "skipped": 0, "added": 3, "updated": 0}
    assert everything(con) == before


def test_a_file_above_the_size_limit_is_refused_with_its_size(con):
    big = Upload("big.csv", b"x" * 3_000_000)
    report = pipeline.run_import(con, [big, upload("two_kinds.xlsx")], max_bytes=2 * 1_048_576)
    assert report.status == "refused"
    assert [(e.file, e.message) for e in report.errors] == [
        ("big.csv", "文件大小 2.9 MB 超过上限 2.0 MB，请拆分后分批上传")
    ]


def test_today_bounds_future_months(con):
    text = "月份,乡镇街道,样本数,知晓人数\n2021-06,王坟镇,200,188\n"
    prepared = pipeline.prepare(con, [Upload("s.csv", text.encode())], today=dt.date(2021, 5, 31))
    assert [e.message for e in prepared.report.errors] == ["月份在未来"]


def test_import_and_undo_are_audited_with_who_and_the_batch(con):
    report = import_fixtures(con, "venues_v1.xlsx", created_by="zhang")
    undone = history.undo(con, report.batch, "li")
    assert undone[:2] == (True, f"已撤销批次 {report.batch}")
    entries = rows(con, "select user_name, action, detail::varchar, file_name from audit_log order by id")
    backup_name = undone.backup.rsplit("/", 1)[1]
    assert entries == [
        ("zhang", "import", f'{{"batch": {report.batch}, "written": {{"venues": 3}}}}', "venues_v1.xlsx"),
        ("li", "undo", f'{{"batch": {report.batch}, "backup": "{backup_name}"}}', None),
    ]
