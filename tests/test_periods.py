"""--period START:END parsing and filling open ends from the data."""

import datetime as dt

import pytest

from fraudfree.periods import fill_open_ends, parse_period

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-01:2021-12", (D(2021, 1, 1), D(2021, 12, 1))),
        ("2021-03:2021-03", (D(2021, 3, 1), D(2021, 3, 1))),
        ("2021-03:", (D(2021, 3, 1), None)),
        (":2021-11", (None, D(2021, 11, 1))),
        (":", (None, None)),
        (" 2021-01 : 2021-02 ", (D(2021, 1, 1), D(2021, 2, 1))),
    ],
)
def test_period_months_become_first_days_with_open_ends_as_none(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    "text", ["2021", "2021-01", "2021-13:", "2021-1:2021-2", "20210101:", "2021-12:2021-01", "a:b"]
)
def test_bad_period_is_refused_in_chinese_and_english(text):
    with pytest.raises(ValueError) as error:
        parse_period(text)
    assert "时段" in str(error.value) and "period" in str(error.value)


def test_open_ends_take_the_data_first_and_last_month():
    assert fill_open_ends(None, None, D(2020, 1, 1), D(2021, 12, 1)) == (D(2020, 1, 1), D(2021, 12, 1))
    assert fill_open_ends(D(2021, 6, 1), None, D(2020, 1, 1), D(2021, 12, 1)) == (D(2021, 6, 1), D(2021, 12, 1))


def test_filled_end_never_falls_before_a_given_start():
    assert fill_open_ends(D(2023, 1, 1), None, D(2020, 1, 1), D(2021, 12, 1)) == (D(2023, 1, 1), D(2023, 1, 1))
    assert fill_open_ends(None, D(2019, 5, 1), D(2020, 1, 1), D(2021, 12, 1)) == (D(2019, 5, 1), D(2019, 5, 1))


def test_without_data_open_ends_are_the_current_month():
    this_month = dt.date.today().replace(day=1)
    assert fill_open_ends(None, None, None, None) == (this_month, this_month)
