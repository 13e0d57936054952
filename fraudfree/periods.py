"""`--period START:END` in months (YYYY-MM, both ends inclusive, either end may be empty), as dates."""

from __future__ import annotations

import datetime as dt
import re

MONTH = re.compile(r"(\d{4})-(\d{2})")


def parse_period(text: str) -> tuple[dt.date | None, dt.date | None]:
    """'2021-01:2021-12' → (2021-01-01, 2021-12-01), first days of months; an empty end is None.

    Raises ValueError, in Chinese and English, for anything else.
    """
    start_text, colon, end_text = text.strip().partition(":")
    if not colon:
        raise _bad(text)
    start, end = (_month(part.strip(), text) for part in (start_text, end_text))
    if start and end and start > end:
        raise ValueError(f"时段起点晚于终点：{text!r} / the period starts after it ends: {text!r}")
    return start, end


def fill_open_ends(
    start: dt.date | None, end: dt.date | None, first: dt.date | None, last: dt.date | None
) -> tuple[dt.date, dt.date]:
    """Open ends become the data's first and last month (the current month when there is no data).

    A filled end never falls before the given start, nor a filled start after the given end.
    """
    if end is None:
        end = max(last or dt.date.today().replace(day=1), start or dt.date.min)
    if start is None:
        start = min(first or end, end)
    return start, end


def _month(part: str, text: str) -> dt.date | None:
    if not part:
        return None
    match = MONTH.fullmatch(part)
    if not match or not 1 <= int(match[2]) <= 12:
        raise _bad(text)
    return dt.date(int(match[1]), int(match[2]), 1)


def _bad(text: str) -> ValueError:
    return ValueError(
        f"时段格式应为 起始月:结束月，如 2021-01:2021-12（两端含，可留空一端），收到 {text!r} / "
        f"the period must be START:END in months, e.g. 2021-01:2021-12 (both inclusive, "
        f"either may be empty), got {text!r}"
    )
