"""Each ugly fixture file (tests/fixtures/make_fixtures.py) imports with exactly the expected outcome."""

import datetime as dt
import json

import pytest
import shapely.geometry

from fraudfree.summary import summary
from tests.ingest_support import import_fixtures, rows

pytest_plugins = ["tests.ingest_databases"]  # the con and county_db fixtures

D = dt.date

# file → (rows per kind as (read, written, skipped), summary of the kinds it fills, warnings)
EXPECTED = {
    "activities_gbk_title_total.csv": (
        {"activities": (6, 6, 0)},
        {"activities": {"rows": 6, "staff": 0, "reach": 29220, "households": 335, "materials": 5380, "app_signups": 0}},
        1,
    ),
    "activities_merged_headers.xlsx": (
        {"activities": (5, 5, 0)},
        {"activities": {"rows": 5, "staff": 0, "reach": 19600, "households": 120, "materials": 3450, "app_signups": 0}},
        1,
    ),
    "activities_legacy.xls": (
        {"activities": (3, 3, 0)},
        {"activities": {"rows": 3, "staff": 0, "reach": 17450, "households": 0, "materials": 0, "app_signups": 0}},
        0,
    ),
    "activities_personal_notes.csv": (
        {"activities": (3, 3, 0)},
        {"activities": {"rows": 3, "staff": 0, "reach": 510, "households": 0, "materials": 0, "app_signups": 0}},
        3,
    ),
    "cases_wanyuan.xlsx": (
        {"cases": (5, 5, 0)},
        {"cases": {"rows": 5, "cases": 11, "loss_yuan": 452500.0, "solved": 4}},
        1,
    ),
    "cases_records_personal.xlsx": (
        {"cases": (8, 5, 0)},
        {"cases": {"rows": 5, "cases": 8, "loss_yuan": 272500.0, "solved": 0}},
        5,
    ),
    "warnings_duplicates.tsv": (
        {"warnings": (5, 3, 2)},
        {"warnings": {"rows": 3, "warnings": 275, "dissuaded": 258, "onsite_30min": 65, "stopped_yuan": 63000.0}},
        2,
    ),
    "two_kinds.xlsx": (
        {"warnings": (3, 3, 0), "survey": (2, 2, 0)},
        {
            "warnings": {"rows": 3, "warnings": 205, "dissuaded": 192, "onsite_30min": 0, "stopped_yuan": 15000.5},
            "survey": {"rows": 2, "sampled": 350, "aware": 327},
        },
        1,
    ),
    "venues_v1.xlsx": ({"venues": (3, 3, 0)}, {"venues": {"rows": 3, "screens": 4}}, 0),
    "app_registrations.csv": (
        {"app_registrations": (5, 5, 0)},
        {"app_registrations": {"rows": 5, "registered": 94500}},
        0,
    ),
    # The reference population of 2020 stays for the other 11 townships; 王坟 and 弥河 now have 2021 figures.
    "population.txt": (
        {"population": (2, 2, 0)},
        {"population": {"rows": 15, "population": 962382, "households": 336100, "aged_60_plus": 213250}},
        0,
    ),
    "boundaries_3857.geojson": ({"boundaries": (3, 2, 0)}, {}, 0),
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_fixture_imports_with_the_expected_rows_sums_and_warnings(con, name):
    expected_rows, expected_sums, warnings = EXPECTED[name]
    report = import_fixtures(con, name)
    assert report.status == "imported", [e.to_json() for e in report.errors]
    assert report.batch is not None
    assert {k: (v["read"], v["written"], v["skipped"]) for k, v in report.rows.items()} == expected_rows
    sums = summary(con)["kinds"]
    for kind, figures in expected_sums.items():
        assert sums[kind] == figures
    assert len(report.warnings) == warnings, [w.message for w in report.warnings]


def test_gbk_csv_with_title_rows_total_row_and_notes_imports_six_rows(con):
    report = import_fixtures(con, "activities_gbk_title_total.csv")
    assert report.sheets[0]["header_row"] == 4
    assert report.warnings[0].row == 11 and "合计" in report.warnings[0].message
    assert rows(con, "select date, township_code, method, reach, households from activities order by date") == [
        (D(2021, 3, 2), "370781101", "入户走访", 120, 35),
        (D(2021, 3, 5), "370781100", "集中宣讲", 1200, None),
        (D(2021, 3, 8), "370781006", "进校园", 25000, None),
        (D(2021, 3, 12), "370781007", "文艺演出", 800, None),
        (D(2021, 3, 15), "370781111", "邮政投递", 1500, 300),
        (D(2021, 3, 20), "370781400", "流动宣传", 600, None),
    ]


def test_merged_two_level_header_in_wan_ren_ci_and_aliases_are_understood(con):
    report = import_fixtures(con, "activities_merged_headers.xlsx")
    assert report.sheets[0]["header_row"] == 3
    assert rows(con, "select township_code, partner, channel, reach from activities order by date") == [
        ("370781001", "公安", "LED屏", 5000),
        ("370781002", "教育", "海报展板", 12000),
        ("370781007", "卫健", "面对面", 300),
        ("370781109", "人社", "宣传资料", 800),
        ("370781115", "文旅", "大喇叭", 1500),
    ]


def test_cases_in_wan_yuan_with_months_written_four_ways(con):
    import_fixtures(con, "cases_wanyuan.xlsx")
    assert rows(con, "select month, township_code, fraud_type, cases, loss_yuan, solved from cases order by all") == [
        (D(2021, 1, 1), "370781101", "刷单返利", 3, 15000.0, 1),
        (D(2021, 2, 1), "370781101", "网络婚恋交友", 1, 128000.0, 0),
        (D(2021, 3, 1), "370781002", "冒充公检法", 2, 3500.0, None),
        (D(2021, 3, 1), "370781100", "虚假投资理财", 1, 300000.0, 1),
        (D(2021, 3, 1), "370781113", "其他", 4, 6000.0, 2),
    ]


def test_case_records_are_counted_into_monthly_cells_and_age_bands(con):
    report = import_fixtures(con, "cases_records_personal.xlsx")
    assert sorted(w.column for w in report.warnings) == sorted(
        ["受害人姓名", "身份证号", "联系电话", "银行卡号", "家庭住址"]
    )
    assert all(w.value is None for w in report.warnings)
    assert rows(con, "select month, township_code, fraud_type, cases, loss_yuan from cases order by all") == [
        (D(2021, 5, 1), "370781002", "冒充公检法", 1, 80000.0),
        (D(2021, 5, 1), "370781002", "虚假网络贷款", 1, 3000.0),
        (D(2021, 5, 1), "370781101", "刷单返利", 2, 17000.0),
        (D(2021, 6, 1), "370781100", "网络婚恋交友", 2, 170000.0),
        (D(2021, 6, 1), "370781111", "刷单返利", 2, 2500.0),
    ]
    assert rows(con, "select township_code, fraud_type, age_band, victims from case_victims order by all") == [
        ("370781002", "冒充公检法", ">65", 1),
        ("370781002", "虚假网络贷款", "未知", 1),
        ("370781100", "网络婚恋交友", "41-65", 2),
        ("370781101", "刷单返利", "18-40", 2),
        ("370781111", "刷单返利", "18-40", 1),
        ("370781111", "刷单返利", "<18", 1),
    ]


def test_personal_numbers_inside_notes_are_masked_and_contact_columns_dropped(con):
    report = import_fixtures(con, "activities_personal_notes.csv")
    assert [(w.column, w.value) for w in report.warnings] == [("联系人", None), ("手机号", None), ("备注", None)]
    assert "2 个单元格" in report.warnings[2].message
    assert rows(con, "select notes from activities order by date") == [
        ("回访群众[手机号]，身份证[身份证号]已核实",),
        ("银行卡[银行卡号]登记",),
        ("无异常",),
    ]


def test_exact_duplicate_rows_are_imported_once_and_reported_with_the_first_row(con):
    report = import_fixtures(con, "warnings_duplicates.tsv")
    assert [(w.row, w.message) for w in report.warnings] == [
        (4, "与第 2 行完全相同，只导入一次"),
        (6, "与第 3 行完全相同，只导入一次"),
    ]


def test_workbook_with_two_kinds_fills_both_and_skips_its_notes_sheet(con):
    report = import_fixtures(con, "two_kinds.xlsx")
    assert [(s["sheet"], s["kind"]) for s in report.sheets] == [
        ("预警劝阻2021年5月", "warnings"),
        ("知晓率调查", "survey"),
    ]
    assert report.warnings[0].sheet == "说明"
    assert sorted(report.to_json()["rows"]) == ["survey", "warnings"]


def test_app_registrations_count_the_national_app_under_its_other_names(con):
    import_fixtures(con, "app_registrations.csv")
    assert rows(con, "select app, count(*) from app_registrations group by all order by all") == [
        ("国家反诈APP", 4),
        ("青州反诈防护", 1),
    ]
    january = summary(con, D(2021, 1, 1), D(2021, 1, 1))["kinds"]["app_registrations"]
    assert january == {"rows": 2, "registered": 90000}


def test_boundaries_in_web_mercator_are_stored_per_township_in_lon_lat(con):
    import_fixtures(con, "boundaries_3857.geojson")
    stored = rows(
        con,
        "select township_code, schematic, geojson from boundaries where township_code in ('370781101', '370781100') "
        "order by all",
    )
    assert [(code, schematic) for code, schematic, _ in stored] == [("370781100", False), ("370781101", False)]
    wangfen = shapely.geometry.shape(json.loads(stored[1][2]))
    assert wangfen.geom_type == "Polygon", "the two pieces of 王坟 are united"
    assert [round(v, 3) for v in wangfen.bounds] == [118.25, 36.5, 118.35, 36.55]


def test_file_with_errors_is_refused_whole_with_every_error_located(con):
    before = rows(con, "select count(*) from import_batches")
    report = import_fixtures(con, "errors_many.xlsx")
    assert report.status == "refused" and report.batch is None
    assert [(e.sheet, e.cell, e.column, e.value, e.message) for e in report.errors] == [
        ("预警", "D2", "劝阻成功数", "60", "大于预警数（50）"),
        ("预警", "E2", "30分钟到场数", "-3", "不能为负数"),
        ("预警", "A3", "月份", "2099年1月", "月份在未来"),
        ("预警", "B3", "乡镇街道", "王坟乡", "未知的乡镇街道，最接近的是：王坟镇"),
        ("预警", "A4", "月份", "2021年13月", "月份不存在（应为 1 到 12 月）"),
        ("预警", "C4", "预警数", "十二", "不是数字：应如 1234、1,234、2.5万、97.8%"),
        ("活动", "A2", "日期", "2021-02-30", "日期不存在"),
        (
            "活动",
            "C2",
            "宣传方式",
            "集中宣传会",
            "不是可选值。最接近：集中宣讲、阵地展示、直播。可选值：入户走访、邮政投递、招聘会、文艺演出、进校园、"
            "集中宣讲、流动宣传、阵地展示、线上推送、直播、其他",
        ),
        ("活动", "D3", "覆盖人次", None, "必填，不能为空"),
        ("活动", "D4", "覆盖人次", "12.5", "应为整数"),
    ]
    assert {e.file for e in report.errors} == {"errors_many.xlsx"}
    assert [e.row for e in report.errors] == [2, 2, 3, 3, 4, 4, 2, 2, 3, 4]
    assert rows(con, "select count(*) from import_batches") == before
    assert rows(con, "select count(*) from warnings_versions") == [(0,)]


def test_errors_are_in_english_when_the_interface_is(con):
    report = import_fixtures(con, "errors_many.xlsx", lang="en")
    assert report.errors[0].message == "Above 预警数 (50)"
    assert report.errors[3].message == "Unknown township; nearest: 王坟镇"
