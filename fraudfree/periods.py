"""Periods as users write them (`2021-01:2021-12`, `:2021-06`, `2021-01:`): months, both ends inclusive."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def parse_period(text: str | None) -> tuple[dt.date | None, dt.date | None]:
    """'2021-01:2021-12' → (2021-01-01, 2021-12-31); an empty end is None (open). Raises ValueError."""
    if text is None or not text.strip():
        return None, None
    if text.count(":") != 1:
        raise ValueError(f"period must be START:END with months as YYYY-MM, got {text!r}")
    start_text, end_text = (part.strip() for part in text.split(":"))
    start = _month(start_text) if start_text else None
    end = _month(end_text) if end_text else None
    if end is not None:
        end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
    if start and end and start > end:
        raise ValueError(f"period starts after it ends: {text!r}")
    return start, end


def _month(text: str) -> dt.date:
    match = _MONTH.fullmatch(text)
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(f"month must be YYYY-MM, got {text!r}")
    return dt.date(int(match[1]), int(match[2]), 1)
