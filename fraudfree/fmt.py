"""Numbers and dates as readers expect them: 万/亿 and 2021年3月 in Chinese, thousands and Mar 2021 in English."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def number(value, lang: str = "zh", digits: int = 1) -> str:
    """1234 → 1,234; 56300 → 5.63万; 33300000 → 3330万; 166000000 → 1.66亿 (zh); 56,300 / 483K / 166M (en).

    Large values keep three significant digits, enough for a tile and what readers quote."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    magnitude = abs(value)
    if lang == "zh":
        for unit, size in (("亿", 1e8), ("万", 1e4)):
            if magnitude >= size:
                return f"{_significant(value / size).replace(',', '')}{unit}"
    else:
        for unit, size, threshold in (("B", 1e9, 1e9), ("M", 1e6, 1e6), ("K", 1e3, 1e5)):
            if magnitude >= threshold:
                return f"{_significant(value / size)}{unit}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{digits}f}"


def _significant(value: float) -> str:
    """Three significant digits without trailing zeros: 7.71, 71.0 → 71, 710.3 → 710."""
    digits = max(0, 2 - math.floor(math.log10(abs(value))))
    return f"{value:,.{digits}f}".rstrip("0").rstrip(".") if digits else f"{round(value):,}"


def money(yuan, lang: str = "zh") -> str:
    """Amounts in yuan: 2.21亿元 / ¥221M."""
    if lang == "zh":
        return f"{number(yuan, lang)}元"
    return f"¥{number(yuan, lang)}"


def percent(share, lang: str = "zh", digits: int = 1) -> str:
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "—"
    return f"{share * 100:.{digits}f}%"


def change(share, lang: str = "zh") -> str:
    """Year-on-year change with its sign: ↑12.3% / ↓2.0%."""
    if share is None or (isinstance(share, float) and (math.isnan(share) or math.isinf(share))):
        return "—"
    arrow = "↑" if share > 0 else "↓" if share < 0 else ""
    return f"{arrow}{abs(share) * 100:.1f}%"


def signed_percent(share) -> str | None:
    """+12.3% / -2.0%, the form st.metric reads for its delta arrow; None when there is nothing to compare."""
    if share is None or (isinstance(share, float) and (math.isnan(share) or math.isinf(share))):
        return None
    return f"{share * 100:+.1f}%"


def month(value, lang: str = "zh") -> str:
    """2021-03-01 → 2021年3月 / Mar 2021."""
    stamp = pd.Timestamp(value)
    return f"{stamp.year}年{stamp.month}月" if lang == "zh" else f"{MONTHS_EN[stamp.month - 1]} {stamp.year}"


def month_range(start: dt.date, end: dt.date, lang: str = "zh") -> str:
    return f"{month(start, lang)}–{month(end, lang)}"
