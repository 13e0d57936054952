"""Tables as readers see them: translated headers and vocabulary values, months, yes/no and township names."""

import datetime as dt

import pandas as pd

from fraudfree import tables

FRAME = pd.DataFrame(
    {
        "month": pd.to_datetime(["2021-03-01", "2021-04-01"]),
        "method": ["入户走访", None],
        "township_code": ["370781101", None],
        "idle": [True, False],
        "founded": pd.to_datetime(["2020-06-23", "2021-01-05"]),
        "reach": [10, 20],
    }
)
NAMES = pd.Series({"370781101": "王坟镇"})


def test_chinese_tables_keep_vocabulary_values_and_name_townships():
    shown = tables.for_reader(FRAME, "zh", "channels", {"method": "method"}, NAMES)
    assert list(shown.columns) == ["月份", "宣传方式", "乡镇街道", "idle", "founded", "覆盖人次"]
    assert shown["月份"].tolist() == ["2021年3月", "2021年4月"]
    assert shown["宣传方式"].tolist() == ["入户走访", "未填写"]
    assert shown["乡镇街道"].tolist() == ["王坟镇", None]
    assert shown["idle"].tolist() == ["是", "否"]
    assert shown["founded"].tolist() == [dt.date(2020, 6, 23), dt.date(2021, 1, 5)]


def test_english_tables_translate_headers_and_values():
    shown = tables.for_reader(FRAME, "en", "volunteers", {"method": "method"})
    assert shown["Month"].tolist() == ["Mar 2021", "Apr 2021"]
    assert shown["method"].tolist() == ["Home visits", "(blank)"]
    assert shown["Idle"].tolist() == ["yes", "no"]
    assert tables.term("channels", "reach", "en") == "people reached"
    assert tables.term("channels", "reach", "zh") == "覆盖人次"


def test_long_name_lists_are_cut_with_the_count():
    names = [f"队{i}" for i in range(12)]
    assert tables.name_list(names, "zh", limit=3) == "队0、队1、队2 等 12 个"
    assert tables.name_list(names[:2], "en") == "队0, 队1"
