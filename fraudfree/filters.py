"""The filter bar's state (period, townships, fraud types) and its URL form, so a copied link reopens a view."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Filters:
    start: dt.date  # first day of the first month
    end: dt.date  # first day of the last month, inclusive
    townships: tuple[str, ...] = ()  # empty = all
    fraud_types: tuple[str, ...] = field(default=())  # empty = all

    def params(self) -> dict:
        """Named parameters for queries/*.sql."""
        return {
            "start": self.start,
            "end": self.end,
            "townships": list(self.townships),
            "fraud_types": list(self.fraud_types),
        }

    def to_query(self) -> dict[str, str]:
        """URL parameters: period=2021-01:2021-12, t=code,code, ft=type,type (empty ones left out)."""
        query = {"period": f"{self.start:%Y-%m}:{self.end:%Y-%m}"}
        if self.townships:
            query["t"] = ",".join(self.townships)
        if self.fraud_types:
            query["ft"] = ",".join(self.fraud_types)
        return query

    def previous_year(self) -> Filters:
        """The same months one year earlier, for year-on-year change."""
        return replace(self, start=_shift_year(self.start, -1), end=_shift_year(self.end, -1))


def from_query(query, first: dt.date, last: dt.date, townships, fraud_types) -> Filters:
    """Filters from URL parameters: malformed or unknown parts are ignored, months clamped to the data's range."""
    start, end = default_start(first, last), last
    match = PERIOD.match(query.get("period") or "")
    if match:
        start, end = (_month(match[1]) or start), (_month(match[2]) or end)
    start, end = sorted((min(max(start, first), last), min(max(end, first), last)))
    return Filters(
        start=start,
        end=end,
        townships=tuple(code for code in _split(query.get("t")) if code in townships),
        fraud_types=tuple(kind for kind in _split(query.get("ft")) if kind in fraud_types),
    )


def default_start(first: dt.date, last: dt.date) -> dt.date:
    """The default period is the last twelve months of data."""
    index = last.year * 12 + last.month - 1 - 11
    return max(first, dt.date(index // 12, index % 12 + 1, 1))


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, current = [], first
    while current <= last:
        months.append(current)
        current = dt.date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def _shift_year(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years)


PERIOD = re.compile(r"^(\d{4}-\d{2})?:(\d{4}-\d{2})?$")


def _month(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(f"{text}-01") if text else None
    except ValueError:
        return None


def _split(text: str | None) -> list[str]:
    return list(dict.fromkeys(part for part in (text or "").split(",") if part))
