"""The filter bar's state: period, townships and fraud types, as query parameters."""

from __future__ import annotations

import datetime as dt
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

    def previous_year(self) -> Filters:
        """The same months one year earlier, for year-on-year change."""
        return replace(self, start=_shift_year(self.start, -1), end=_shift_year(self.end, -1))


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
