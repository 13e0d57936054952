"""Nothing personal from the fixtures ever reaches the database file, the batch records or the report."""

import json

from fraudfree import db
from tests.ingest_support import import_fixtures, rows

pytest_plugins = ["tests.ingest_databases"]  # the con and county_db fixtures

# Every personal value the fixtures carry: names, ID, phone and bank-card numbers, addresses.
PERSONAL = [
    "张伟", "李娜", "王芳", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "孙丽", "周杰", "吴刚", "张三", "李四", "王五",
    "370781199001011234", "37078119850202456X", "370781195403035678", "370781199811116789", "370781197604047890",
    "370781196905058901", "370781200406069012", "370781200207070123", "370781197203034567",
    "13812345678", "13912345678", "15012345678", "15112345678", "15212345678", "15312345678", "15512345678",
    "15612345678", "13698765432", "15887654321", "18612349876", "13512345678",
    "6222021234567890123", "6228481234567890", "6217001234567891234", "6212261234567890", "6222601234567890",
    "6226091234567890", "6230521234567890", "6214831234567890", "6217001234567890",
    "王坟镇东村", "王坟镇西村", "益都街道南关", "益都街道北关",
]  # fmt: skip
FILES = ["cases_records_personal.xlsx", "activities_personal_notes.csv", "activities_gbk_title_total.csv",
         "activities_merged_headers.xlsx"]  # fmt: skip


def test_no_personal_value_is_in_the_database_file_after_importing_the_fixtures(county_db):
    con = db.open_db(county_db)
    con.execute("set force_compression = 'uncompressed'")  # so that stored text is readable in the file's bytes
    report = import_fixtures(con, *FILES)
    assert report.status == "imported"
    varchar_columns = rows(
        con, "select table_name, column_name from information_schema.columns where data_type = 'VARCHAR'"
    )
    for table, column in varchar_columns:
        for value in PERSONAL:
            found = rows(con, f'select count(*) from "{table}" where contains("{column}", ?)', [value])
            assert found == [(0,)], f"{value} in {table}.{column}"
    con.execute("checkpoint")
    con.close()
    stored = county_db.read_bytes() + (
        county_db.with_suffix(".duckdb.wal").read_bytes() if county_db.with_suffix(".duckdb.wal").exists() else b""
    )
    assert "回访群众".encode() in stored, "the scan can see stored text"
    leaks = [value for value in PERSONAL if value.encode() in stored]
    assert leaks == []


def test_the_report_names_personal_columns_but_never_echoes_their_values(county_db):
    con = db.open_db(county_db)
    report = import_fixtures(con, *FILES)
    con.close()
    text = json.dumps(report.to_json(), ensure_ascii=False)
    assert "身份证号" in text and "联系电话" in text
    assert [value for value in PERSONAL if value in text] == []


def test_an_error_never_echoes_a_personal_number_typed_into_a_checked_column(county_db):
    con = db.open_db(county_db)
    text = "日期,乡镇街道,宣传方式,覆盖人次\n2021-03-05,13812345678,入户走访,120\n"
    from fraudfree.ingest.pipeline import run_import
    from fraudfree.ingest.read import Upload

    report = run_import(con, [Upload("typo.csv", text.encode())])
    con.close()
    assert report.status == "refused"
    assert report.errors[0].value == "[手机号]"
