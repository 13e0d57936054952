"""Understanding: headers (titles, two levels, units), Chinese numbers, dates, months, townships, vocabularies."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from fraudfree.ingest.cells import (
    Context,
    TownshipIndex,
    Vocabulary,
    parse_date,
    parse_month,
    parse_number,
    parse_township,
    parse_vocab,
    unit_scale,
)
from fraudfree.ingest.read import RawSheet
from fraudfree.ingest.understand import HeaderName, find_header, split_header

TOWNSHIPS = pd.DataFrame(
    {
        "code": ["370781001", "370781101", "370781400", "370702001"],
        "name_zh": ["王府街道", "王坟镇", "王母宫经济发展区", "城关街道"],
        "county_name": ["青州市", "青州市", "青州市", "潍城区"],
        "city_name": ["潍坊市"] * 4,
    }
)
CTX = Context(TownshipIndex.from_frame(TOWNSHIPS), "zh", dt.date(2021, 12, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("覆盖人数（人次）", ("覆盖人数", "人次")),
        ("损失金额(万元)", ("损失金额", "万元")),
        (" 日 期 *", ("日期", None)),
        ("止付金额【元】", ("止付金额", "元")),
    ],
)
def test_header_name_and_unit_are_split_with_full_width_brackets_and_spaces(text, expected):
    assert split_header(text) == expected


@pytest.mark.parametrize(
    ("unit", "scale"), [("万元", 1e4), ("万", 1e4), ("亿元", 1e8), ("人次", 1), ("秒", 1), ("万人次", 1e4)]
)
def test_units_scale_values(unit, scale):
    assert unit_scale(unit) == scale


def test_unknown_unit_is_not_a_unit():
    assert unit_scale("分钟") is None


def test_a_unit_written_without_brackets_is_still_read():
    assert HeaderName.parse("损失金额万元") == HeaderName("损失金额万元", "损失金额", "万元")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1,234", 1234),
        ("１２３４", 1234),
        ("2.5万", 25000),
        ("1.66亿", 166_000_000),
        ("97.8%", 0.978),
        (1234.0, 1234),
        ("300人次", 300),
        (" 12 ", 12),
    ],
)
def test_chinese_numbers(cell, expected):
    value, problem = parse_number(cell, 1.0, False, CTX)
    assert problem is None and value == pytest.approx(expected)


@pytest.mark.parametrize("cell", ["-", "—", "/", "无", "", None])
def test_no_value_marks(cell):
    value, problem = parse_number(cell, 1.0, True, CTX)
    assert problem is None and np.isnan(value)


def test_header_scale_multiplies_and_rounds_counts():
    assert parse_number(1.5, 1e4, False, CTX) == (15000.0, None)
    assert parse_number("1.23456万", 1.0, True, CTX) == (12346.0, None)
    assert parse_number("12.5", 1.0, True, CTX)[1] == "应为整数"
    assert parse_number("十二", 1.0, True, CTX)[1].startswith("不是数字")


@pytest.mark.parametrize(
    "cell",
    ["2021-03-05", "2021/3/5", "2021.3.5", "2021年3月5日", "20210305", 20210305, dt.datetime(2021, 3, 5, 10, 30),
     dt.date(2021, 3, 5), 44260.0, "2021-03-05 00:00:00"],
)  # fmt: skip
def test_dates_written_every_way_read_the_same(cell):
    assert parse_date(cell, CTX) == (np.datetime64("2021-03-05"), None)


def test_impossible_and_unreadable_dates_are_told_apart():
    assert parse_date("2021-02-30", CTX)[1] == "日期不存在"
    assert parse_date("3月5日", CTX)[1].startswith("无法识别的日期")


@pytest.mark.parametrize(
    "cell",
    ["2021-03", "2021年3月", "2021.3", "2021.03", "202103", 202103, 2021.03, dt.date(2021, 3, 17), "2021年3月份"],
)
def test_months_written_every_way_read_as_the_first_day(cell):
    assert parse_month(cell, CTX) == (np.datetime64("2021-03-01"), None)


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("王坟镇", "370781101"),
        ("王坟", "370781101"),
        ("王母宫", "370781400"),
        ("370781101", "370781101"),
        ("370781101000", "370781101"),
        (370781101.0, "370781101"),
        ("青州市王坟镇", "370781101"),
        (" 王 坟 镇 ", "370781101"),
    ],
)
def test_townships_by_code_full_name_short_name_or_with_the_county(cell, code):
    assert parse_township(cell, CTX) == (code, None)


def test_an_unknown_township_names_the_nearest_never_a_guess():
    assert parse_township("王坟乡", CTX) == (None, "未知的乡镇街道，最接近的是：王坟镇")
    assert parse_township("370781999", CTX)[0] is None


def test_a_name_shared_by_two_townships_asks_for_the_code():
    frame = pd.concat([TOWNSHIPS, pd.DataFrame({"code": ["370703001"], "name_zh": ["城关街道"]})], ignore_index=True)
    ctx = Context(TownshipIndex.from_frame(frame), "zh")
    code, problem = parse_township("城关", ctx)
    assert code is None and "370702001" in problem and "370703001" in problem


def test_vocabulary_aliases_and_nearest_suggestions():
    method = Vocabulary("method")
    assert parse_vocab("走访", method, CTX) == ("入户走访", None)
    assert parse_vocab(" 入户走访 ", method, CTX) == ("入户走访", None)
    assert parse_vocab("led", Vocabulary("channel"), CTX) == ("LED屏", None)
    value, problem = parse_vocab("入户宣传走访", method, CTX)
    assert value is None and problem.startswith("不是可选值。最接近：入户走访")


def sheet(cells, merged=None):
    return RawSheet("f.xlsx", "Sheet1", cells, merged)


def test_header_is_found_under_title_rows():
    header = find_header(
        sheet([["标题", "", ""], ["", "", ""], ["日期", "乡镇街道", "覆盖人次"], ["2021-03-05", "王坟", "1"]])
    )
    assert header.row == 2 and [n.key for n in header.names] == ["日期", "乡镇街道", "覆盖人次"]


def test_two_level_merged_header_takes_child_names_or_parent_and_child():
    cells = [
        ["日期", "乡镇街道", "宣传情况", "", "覆盖", ""],
        ["", "", "宣传方式", "渠道", "人次", "入户户数"],
        ["2021-03-05", "王坟", "入户走访", "面对面", "100", "20"],
    ]
    merged = [((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (0, 3)), ((0, 4), (0, 5))]
    header = find_header(sheet(cells, merged))
    assert header.row == 1
    assert [n.key for n in header.names] == ["日期", "乡镇街道", "宣传方式", "渠道", "覆盖人次", "入户户数"]
    assert header.names[4].text == "人次", "messages name the column as written"


def test_a_sheet_without_two_known_headers_has_no_table():
    assert find_header(sheet([["1. 本表由反诈中心汇总"], ["2. 日期按自然月"]])) is None
