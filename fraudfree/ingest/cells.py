"""Reading one cell: Chinese numbers with units, dates, months and years as partners write them, townships by
code, full or short name, and vocabularies with their aliases; a message (with the nearest allowed values) for
each cell that cannot be read. Each distinct value of a column is parsed once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from fraudfree import i18n, reference
from fraudfree.ingest.report import cell_text
from fraudfree.kinds import NATIONAL_APP, NATIONAL_APP_ALIASES, VOCABULARIES, VOCABULARY_ALIASES, Column

SCALES = {"万": 1e4, "亿": 1e8, "千": 1e3}
# Longest first where one starts another (人次 before 人).
BASE_UNITS = ("人次", "小时", "元", "人", "户", "份", "个", "秒", "次",
              "岁", "场", "条", "名", "件", "起", "处", "台", "块")  # fmt: skip
_UNIT = re.compile(rf"({'|'.join(SCALES)})?({'|'.join(BASE_UNITS)})?")
_NUMBER = re.compile(rf"([+-]?(?:\d+(?:\.\d*)?|\.\d+))({'|'.join(SCALES)})?({'|'.join(BASE_UNITS)}|%)?")
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?(?:[ T]?\d{1,2}[:时].*)?")
_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MONTH = re.compile(r"(\d{4})[-/.年](\d{1,2})(?:月份?)?")
_MONTH_COMPACT = re.compile(r"(\d{4})(\d{2})")
_YEAR = re.compile(r"(\d{4})年?度?")
BLANKS = frozenset({"", "-", "--", "—", "——", "–", "/", "无", "空", "n/a", "N/A", "#N/A", "nan"})
EXCEL_EPOCH = dt.date(1899, 12, 30)
EARLIEST = dt.date(1950, 1, 1)
LATEST = dt.date(2100, 12, 31)


def normalize(text: str) -> str:
    """Full-width to half-width, no spaces, case folded: the form values and headers are compared in."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def unit_scale(unit: str) -> float | None:
    """万元 → 10000, 人次 → 1, 亿 → 1e8; None when `unit` is not a unit."""
    match = _UNIT.fullmatch(unit)
    if not unit or not match:
        return None
    return SCALES.get(match[1], 1.0)


# --- townships and vocabularies -------------------------------------------------------------------


@dataclass
class TownshipIndex:
    """The database's townships by code, full name, short name, and county-prefixed name."""

    names: dict[str, str]  # code → full name
    by_name: dict[str, list[str]]  # normalized name → codes
    prefixes: tuple[str, ...]  # county and city names that may precede a township name

    @classmethod
    def from_frame(cls, townships: pd.DataFrame) -> TownshipIndex:
        by_name: dict[str, list[str]] = {}
        names = dict(zip(townships["code"], townships["name_zh"], strict=True))
        for code, name in names.items():
            for variant in {normalize(name), normalize(reference.short_name(name))}:
                by_name.setdefault(variant, []).append(code)
        prefixes = {
            normalize(str(p))
            for column in ("county_name", "city_name")
            if column in townships
            for p in townships[column].dropna().unique()
        }
        return cls(names, by_name, tuple(sorted(prefixes, key=len, reverse=True)))

    @classmethod
    def from_db(cls, con) -> TownshipIndex:
        cur = con.cursor()
        try:
            frame = cur.execute("select code, name_zh, county_name, city_name from townships order by code").df()
        finally:
            cur.close()
        return cls.from_frame(frame)

    def codes_for(self, text: str) -> list[str]:
        key = normalize(text)
        if key.isdigit():
            if len(key) == 12 and key.endswith("000"):
                key = key[:9]
            return [key] if key in self.names else []
        if key in self.by_name:
            return self.by_name[key]
        for prefix in self.prefixes:  # 青州市王坟镇, 潍坊市青州市王坟镇
            if key.startswith(prefix) and len(key) > len(prefix):
                return self.codes_for(key[len(prefix) :])
        return []

    def nearest(self, text: str, n: int = 3) -> list[str]:
        key = normalize(text)
        full_names = {normalize(name): name for name in self.names.values()}
        matches = difflib.get_close_matches(key, list(full_names), n=n, cutoff=0.4)
        return [full_names[m] for m in matches]


class Vocabulary:
    def __init__(self, name: str):
        self.allowed = VOCABULARIES[name]
        self.canonical = {normalize(v): v for v in self.allowed}
        self.canonical.update({normalize(alias): v for alias, v in VOCABULARY_ALIASES.get(name, {}).items()})

    def nearest(self, text: str, n: int = 3) -> list[str]:
        matches = difflib.get_close_matches(normalize(text), list(self.canonical), n=n * 2, cutoff=0.3)
        return list(dict.fromkeys(self.canonical[m] for m in matches))[:n]


@dataclass
class Context:
    """What reading cells needs: the townships to match, the language of messages, and today (for the future)."""

    townships: TownshipIndex | None  # None when only messages are needed
    lang: str = i18n.DEFAULT_LANGUAGE
    today: dt.date = field(default_factory=dt.date.today)

    def tr(self, name: str, /, **values) -> str:
        return i18n.t(f"ingest.{name}", self.lang, **values)

    def list_text(self, items) -> str:
        return ("、" if self.lang == "zh" else ", ").join(items)


# --- parsing cells --------------------------------------------------------------------------------


def parse_column(raw: np.ndarray, parser) -> tuple[np.ndarray, np.ndarray]:
    """Parse each distinct cell once; returns (values, problems) aligned with `raw`."""
    parse_one, dtype, missing = parser
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    parsed = [parse_one(u) for u in uniques]
    values = np.array([p[0] for p in parsed] + [missing], dtype=dtype)
    problems = np.array([p[1] for p in parsed] + [None], dtype=object)
    return values[codes], problems[codes]


def parse_cells(raw: np.ndarray, column: Column, scale: float, ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """A column's cells parsed as its type, `scale` from its header's unit; returns (values, problems)."""
    if column.type in ("int", "float") and pd.api.types.infer_dtype(raw, skipna=False) in NUMBERS_ONLY:
        return _numbers(raw.astype(np.float64) * scale, scale != 1, column.type == "int", ctx)
    return parse_column(raw, column_parser(column, scale, ctx))


NUMBERS_ONLY = ("floating", "integer", "mixed-integer-float")  # what Excel gives for a column of numbers


def _numbers(values: np.ndarray, scaled: bool, integer: bool, ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """parse_number for a whole column of numbers at once."""
    problems = np.full(len(values), None, dtype=object)
    if integer:
        rounded = np.round(values)
        if not scaled:
            fractional = np.abs(values - rounded) > 1e-9
            problems[fractional] = ctx.tr("not_integer")
            rounded[fractional] = np.nan
        values = rounded
    return values, problems


def column_parser(column: Column, scale: float, ctx: Context):
    """(parse_one, dtype, missing value) for a column's type."""
    kind = column.type
    if kind in ("int", "float"):
        return (lambda v: parse_number(v, scale, kind == "int", ctx)), np.float64, np.nan
    if kind == "date":
        return (lambda v: parse_date(v, ctx)), "datetime64[D]", np.datetime64("NaT")
    if kind == "month":
        return (lambda v: parse_month(v, ctx)), "datetime64[D]", np.datetime64("NaT")
    if kind == "year":
        return (lambda v: parse_year(v, ctx)), np.float64, np.nan
    if kind == "township":
        return (lambda v: parse_township(v, ctx)), object, None
    if kind.startswith("vocab:"):
        vocabulary = Vocabulary(kind.split(":", 1)[1])
        return (lambda v: parse_vocab(v, vocabulary, ctx)), object, None
    if column.name == "app":
        return (lambda v: parse_app(v)), object, None
    return (lambda v: (parse_text(v), None)), object, None


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and unicodedata.normalize("NFKC", value).strip() in BLANKS)


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("−", "-").replace(",", "")


def parse_number(value, scale: float, integer: bool, ctx: Context):
    if is_blank(value):
        return np.nan, None
    if isinstance(value, (bool, dt.date, dt.time, dt.timedelta)):
        return np.nan, ctx.tr("not_number")
    if isinstance(value, (int, float)):
        number, scaled = float(value) * scale, scale != 1
    else:
        match = _NUMBER.fullmatch(_clean(value))
        if not match:
            return np.nan, ctx.tr("not_number")
        number = float(match[1]) * scale * SCALES.get(match[2], 1.0)
        if match[3] == "%":
            number /= 100
        scaled = scale != 1 or match[2] is not None
    if integer:
        rounded = round(number)
        if not scaled and abs(number - rounded) > 1e-9:
            return np.nan, ctx.tr("not_integer")
        number = float(rounded)
    return number, None


def _date_or_problem(year: int, month: int, day: int, ctx: Context):
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return np.datetime64("NaT"), ctx.tr("impossible_date")
    if not EARLIEST <= date <= LATEST:
        return np.datetime64("NaT"), ctx.tr("date_out_of_range", earliest=EARLIEST.year)
    return np.datetime64(date, "D"), None


def parse_date(value, ctx: Context):
    if is_blank(value):
        return np.datetime64("NaT"), None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _date_or_problem(value.year, value.month, value.day, ctx)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 19000101 <= value <= 21001231:
            text = str(int(value))
            return _date_or_problem(int(text[:4]), int(text[4:6]), int(text[6:]), ctx)
        if 1 <= value < 2958466:  # an Excel serial day number
            serial = EXCEL_EPOCH + dt.timedelta(days=int(value))
            return _date_or_problem(serial.year, serial.month, serial.day, ctx)
        return np.datetime64("NaT"), ctx.tr("not_date")
    if isinstance(value, str):
        text = _clean(value)
        match = _DATE.fullmatch(text) or _DATE_COMPACT.fullmatch(text)
        if match:
            return _date_or_problem(int(match[1]), int(match[2]), int(match[3]), ctx)
        if re.fullmatch(r"\d{5}(\.\d+)?", text):
            return parse_date(float(text), ctx)
    return np.datetime64("NaT"), ctx.tr("not_date")


def parse_month(value, ctx: Context):
    if is_blank(value):
        return np.datetime64("NaT"), None
    if isinstance(value, dt.date):
        return _date_or_problem(value.year, value.month, 1, ctx)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466 and float(value).is_integer() and not 190001 <= value <= 210012:
            return parse_month(EXCEL_EPOCH + dt.timedelta(days=int(value)), ctx)
        value = str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, str):
        text = _clean(value)
        match = _MONTH.fullmatch(text) or _MONTH_COMPACT.fullmatch(text)
        if match:
            if not 1 <= int(match[2]) <= 12:
                return np.datetime64("NaT"), ctx.tr("impossible_month")
            return _date_or_problem(int(match[1]), int(match[2]), 1, ctx)
        day = _DATE.fullmatch(text) or _DATE_COMPACT.fullmatch(text)
        if day:
            return _date_or_problem(int(day[1]), int(day[2]), 1, ctx)
    return np.datetime64("NaT"), ctx.tr("not_month")


def parse_year(value, ctx: Context):
    if is_blank(value):
        return np.nan, None
    if isinstance(value, dt.date):
        value = value.year
    if isinstance(value, str):
        match = _YEAR.fullmatch(_clean(value))
        value = int(match[1]) if match else None
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number and float(value).is_integer() and EARLIEST.year <= value <= LATEST.year:
        return float(value), None
    return np.nan, ctx.tr("not_year")


def parse_township(value, ctx: Context):
    if is_blank(value):
        return None, None
    text = cell_text(value)
    codes = ctx.townships.codes_for(text)
    if len(codes) == 1:
        return codes[0], None
    if codes:
        return None, ctx.tr(
            "ambiguous_township", candidates=ctx.list_text(f"{ctx.townships.names[c]}（{c}）" for c in codes)
        )
    nearest = ctx.townships.nearest(text)
    if nearest:
        return None, ctx.tr("unknown_township_near", nearest=ctx.list_text(nearest))
    return None, ctx.tr("unknown_township", count=len(ctx.townships.names))


def parse_vocab(value, vocabulary: Vocabulary, ctx: Context):
    if is_blank(value):
        return None, None
    text = cell_text(value)
    canonical = vocabulary.canonical.get(normalize(text))
    if canonical is not None:
        return canonical, None
    nearest = vocabulary.nearest(text)
    return None, ctx.tr(
        "unknown_value", nearest=ctx.list_text(nearest) or "—", allowed=ctx.list_text(vocabulary.allowed)
    )


_NATIONAL_APP_NAMES = frozenset(normalize(n) for n in (NATIONAL_APP, *NATIONAL_APP_ALIASES))


def parse_app(value):
    text = parse_text(value)
    if text is not None and normalize(text) in _NATIONAL_APP_NAMES:
        return NATIONAL_APP, None
    return text, None


def parse_text(value) -> str | None:
    if is_blank(value):
        return None
    return cell_text(value).strip() or None
