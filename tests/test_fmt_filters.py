"""Numbers, months and the URL form of the filters, as readers and copied links need them."""

import datetime as dt

from fraudfree import fmt
from fraudfree.filters import Filters, default_start, from_query

FIRST, LAST = dt.date(2020, 1, 1), dt.date(2022, 12, 1)


def test_chinese_numbers_use_wan_and_yi():
    assert fmt.number(1234) == "1,234"
    assert fmt.number(56_300) == "5.63万"
    assert fmt.number(563_000) == "56.3万"
    assert fmt.number(166_000_000) == "1.66亿"
    assert fmt.money(221_000_000) == "2.21亿元"


def test_english_numbers_use_thousands_and_millions():
    assert fmt.number(56_300, "en") == "56,300"
    assert fmt.number(483_231, "en") == "483K"
    assert fmt.number(166_000_000, "en") == "166M"


def test_months_read_as_chinese_dates():
    assert fmt.month(dt.date(2021, 3, 1)) == "2021年3月"
    assert fmt.month(dt.date(2021, 3, 1), "en") == "Mar 2021"


def test_filters_survive_a_round_trip_through_the_url():
    filters = Filters(dt.date(2021, 1, 1), dt.date(2021, 12, 1), ("370781101",), ("刷单返利",))
    assert from_query(filters.to_query(), FIRST, LAST, {"370781101"}, {"刷单返利"}) == filters


def test_bad_or_unknown_url_parts_are_ignored():
    filters = from_query({"period": "2021-13:2030-01", "t": "x,370781101"}, FIRST, LAST, {"370781101"}, set())
    assert (filters.start, filters.end, filters.townships) == (default_start(FIRST, LAST), LAST, ("370781101",))


def test_default_period_is_the_last_twelve_months():
    assert default_start(FIRST, LAST) == dt.date(2022, 1, 1)


def test_year_on_year_compares_the_same_months():
    previous = Filters(dt.date(2021, 1, 1), dt.date(2021, 6, 1)).previous_year()
    assert (previous.start, previous.end) == (dt.date(2020, 1, 1), dt.date(2020, 6, 1))
