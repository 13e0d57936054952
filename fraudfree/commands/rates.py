"""`rates [--period START:END]`: case rates per township with exact intervals and smoothed values."""

from __future__ import annotations

import unicodedata

import pandas as pd

from fraudfree import db, fmt
from fraudfree.cli import emit, period_option
from fraudfree.i18n import t
from fraudfree.rates import township_rates

JSON_TOWNSHIP_KEYS = ("code", "name", "cases", "population", "rate_per_10k", "ci_low", "ci_high", "eb_rate_per_10k")


def register(subparsers, common):
    p = subparsers.add_parser("rates", parents=[common], help="case rates per township (per 10,000 residents)")
    p.add_argument("--period", default=":", help="months START:END, e.g. 2021-01:2021-12; either end may be empty")
    p.set_defaults(run=run)


def run(args) -> int:
    if (period := period_option(args)) is None:
        return 2
    start, end = period
    path = db.command_db_path(args.db)
    if not path.exists():
        message = t("rates.no_database", path=path)
        emit(args, {"error": message}, message)
        return 1
    result = township_rates(path, start, end)
    payload = {
        "county": {key: _plain(value) for key, value in result.county.items()},
        "townships": [
            {key: _plain(row[key]) for key in JSON_TOWNSHIP_KEYS} for row in result.townships.to_dict("records")
        ],
    }
    emit(args, payload, _table(result))
    return 0


def _plain(value):
    """JSON-ready: numpy numbers become Python ones, missing values null."""
    if pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _table(result) -> str:
    headers = [t(f"rates.{key}") for key in ("township", "cases", "population", "rate", "interval", "smoothed")]
    lines = []
    for row in result.townships.itertuples():
        lines.append(
            [
                row.name,
                fmt.number(row.cases),
                _population(row.population),
                _rate(row.rate_per_10k),
                f"{_rate(row.ci_low)}–{_rate(row.ci_high)}",
                _rate(row.eb_rate_per_10k),
            ]
        )
    county = result.county
    lines.append(
        [
            t("rates.county"),
            fmt.number(county["cases"]),
            _population(county["population"]),
            _rate(county["rate_per_10k"]),
            "",
            "",
        ]
    )
    widths = [max(_width(line[i]) for line in [headers, *lines]) for i in range(len(headers))]
    title = t("rates.title", period=fmt.month_range(result.start, result.end))
    body = [_row(line, widths) for line in [headers, *lines]]
    return "\n".join([title, *body, t("rates.note")])


def _rate(value) -> str:
    return "—" if pd.isna(value) else f"{value:.2f}"


def _population(value) -> str:
    return "—" if pd.isna(value) else fmt.number(int(value))


def _width(text: str) -> int:
    """Columns a terminal gives the text: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _row(cells: list[str], widths: list[int]) -> str:
    # The name column is left-aligned, the numbers right-aligned.
    first, *rest = cells
    padded = [first + " " * (widths[0] - _width(first))]
    padded += [" " * (w - _width(c)) + c for c, w in zip(rest, widths[1:], strict=True)]
    return "  ".join(padded)
