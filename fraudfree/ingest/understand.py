"""Import step 2, understanding: raw sheets → typed columns of a record kind.

Finds the header under title rows (one level, or two with merged parents), maps each header to a column
through its aliases and reads its unit (万元 → × 10,000), tells the kind of each sheet, drops 合计 rows and
the notes under the table, and parses each column with fraudfree/ingest/cells.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from fraudfree import templates
from fraudfree.ingest.cells import Context, column_parser, normalize, parse_cells, parse_column, unit_scale
from fraudfree.ingest.read import GeoLayer, RawSheet
from fraudfree.ingest.report import Finding, cell_text
from fraudfree.kinds import (
    CASE_RECORDS,
    KINDS,
    NATIONAL_APP,
    Column,
    Kind,
)

HEADER_SEARCH_ROWS = 30
_BRACKETED = re.compile(r"(.+?)[(\[【〔](.*?)[)\]】〕]")
_TOTAL = re.compile(r"(全[省市县区镇乡]|本[月年]|总)?(合计|总计|小计|累计|总数)[:：]?")
_NOTE = re.compile(
    r"(填表人|填报人|制表人|审核人|审核|统计人|负责人|联系人|单位负责人|填表单位|填报单位|填表日期|填报日期"
    r"|制表日期|报送日期|注[:：]|注\d|说明|备注[:：]|数据来源)"
)
SERIAL_NUMBER_HEADER = re.compile(r"序号|编号|no\.?|#", re.IGNORECASE)
BOUNDARIES = Kind(
    "boundaries",
    "区划边界",
    "boundaries",
    (
        Column("township", "乡镇街道", "township", True),
        Column("geojson", "边界", "geometry", True),
    ),
)
# What a sheet can be: every kind, and cases written one row per case.
SHAPES: dict[str, Kind] = {**KINDS, "cases_records": CASE_RECORDS}
GEO_CODE_FIELDS = ("区划代码", "code", "代码", "行政区划代码", "乡镇代码", "adcode", "xzqdm", "township_code", "dm")
GEO_NAME_FIELDS = ("名称", "name", "乡镇街道", "乡镇", "乡镇名称", "镇街", "name_zh", "xzqmc", "township", "mc")


def split_header(text: str) -> tuple[str, str | None]:
    """'覆盖人数（人次）' → ('覆盖人数', '人次'); markers such as * are dropped."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).strip("*※#")
    match = _BRACKETED.fullmatch(text)
    if match:
        return match[1].strip("*※"), match[2]
    return text, None


def _lookup(kind: Kind) -> dict[str, Column]:
    names: dict[str, Column] = {}
    for column in kind.columns:
        for name in (column.zh, column.name, *column.aliases):
            names.setdefault(split_header(name)[0].casefold(), column)
    return names


LOOKUPS: dict[str, dict[str, Column]] = {name: _lookup(kind) for name, kind in SHAPES.items()}
KNOWN_HEADERS = frozenset(key for lookup in LOOKUPS.values() for key in lookup)


@dataclass(frozen=True)
class HeaderName:
    text: str  # as written, for messages
    key: str  # normalized name without its unit
    unit: str | None

    @classmethod
    def parse(cls, text: str) -> HeaderName:
        name, unit = split_header(text)
        key = name.casefold()
        if key not in KNOWN_HEADERS and unit is None:
            # '损失金额万元': a unit written without brackets
            for length in range(min(4, len(name) - 1), 0, -1):
                head, tail = name[:-length], name[-length:]
                if head.casefold() in KNOWN_HEADERS and unit_scale(tail) is not None:
                    return cls(text, head.casefold(), tail)
        return cls(text, key, unit)


@dataclass
class Header:
    row: int  # 0-based index of the last header row
    names: list[HeaderName]
    first_row: int  # 0-based index of the first header row (two-level headers span two)


# --- parsed tables --------------------------------------------------------------------------------


@dataclass
class ParsedColumn:
    column: Column
    header: str  # as written in the file
    index: int  # the sheet column, A = 0
    raw: np.ndarray  # the cells as read, data rows only
    values: np.ndarray  # parsed: float64 (NaN), datetime64[D] (NaT) or object (None)
    problems: np.ndarray  # a message per cell that is wrong, else None
    bad: np.ndarray = field(init=False)  # where problems has a message, kept in step by Table.flag and keep

    def __post_init__(self):
        self.bad = self.problems.astype(bool)

    @property
    def missing(self) -> np.ndarray:
        if self.values.dtype == object:
            return pd.isna(self.values)
        return np.isnan(self.values) if self.values.dtype.kind == "f" else np.isnat(self.values)


@dataclass
class Table:
    """One sheet understood: its shape (a kind, or cases_records), data rows and parsed columns.

    `shape` is None when the sheet holds no table of a known kind.
    """

    file: str
    sheet: str
    shape: str | None = None
    header_row: int | None = None  # Excel row number of the (last) header row
    rows: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))  # Excel row of each data row
    columns: dict[str, ParsedColumn] = field(default_factory=dict)
    extra: list[tuple[str, int]] = field(default_factory=list)  # headers of no column: (text, index)
    errors: list[Finding] = field(default_factory=list)  # about the sheet as a whole
    warnings: list[Finding] = field(default_factory=list)
    hidden: bool = False

    @property
    def kind(self) -> str | None:
        return None if self.shape is None else SHAPES.get(self.shape, BOUNDARIES).name

    def finding(
        self, message: str, row: int | None = None, column: str | None = None, value=None, index: int | None = None
    ) -> Finding:
        return Finding.at(self.file, self.sheet, row, column, value, message, index)

    def flag(self, name: str, mask: np.ndarray, message: str | np.ndarray) -> None:
        """Mark the cells of column `name` where `mask` holds as wrong, unless already marked."""
        column = self.columns[name]
        mask = mask & ~column.bad
        if mask.any():
            column.problems[mask] = message if isinstance(message, str) else message[mask]
            column.bad |= mask

    def keep(self, rows: np.ndarray) -> None:
        """Keep only the data rows where `rows` holds."""
        self.rows = self.rows[rows]
        for column in self.columns.values():
            column.raw, column.values = column.raw[rows], column.values[rows]
            column.problems, column.bad = column.problems[rows], column.bad[rows]

    def cell_errors(self) -> list[Finding]:
        """One finding per wrong cell, in row order then column order."""
        found = []
        for column in sorted(self.columns.values(), key=lambda c: c.index):
            for i in np.flatnonzero(column.bad):
                found.append(
                    (
                        int(self.rows[i]),
                        column.index,
                        self.finding(column.problems[i], int(self.rows[i]), column.header, column.raw[i], column.index),
                    )
                )
        found.sort(key=lambda item: item[:2])
        return [f for *_, f in found]

    def bad_rows(self) -> np.ndarray:
        bad = np.zeros(len(self.rows), dtype=bool)
        for column in self.columns.values():
            bad |= column.bad
        return bad


# --- finding the table ----------------------------------------------------------------------------


def _texts(row: list) -> list[str]:
    return [cell_text(c) or "" for c in row]


def _score(names: list[HeaderName]) -> int:
    return len({n.key for n in names if n.key in KNOWN_HEADERS})


def _looks_like_data(text: str) -> bool:
    return bool(re.fullmatch(r"[\d\s,.\-/:年月日号%万亿]+", text))


def _two_level(cells: list[list], i: int, merged) -> list[HeaderName] | None:
    """Rows i and i + 1 read as parent and child headers, or None when they do not look like that."""
    width = max(len(cells[i]), len(cells[i + 1]))
    parent = _texts(cells[i]) + [""] * (width - len(cells[i]))
    child = _texts(cells[i + 1]) + [""] * (width - len(cells[i + 1]))
    if merged is not None:
        spans = [(c0, min(c1, width - 1)) for (r0, c0), (_, c1) in merged if r0 == i and c1 > c0]
        vertical = any(r0 == i and r1 > i for (r0, _), (r1, _) in merged)
        if not spans and not vertical:
            return None
        for c0, c1 in spans:
            parent[c0 + 1 : c1 + 1] = [parent[c0]] * (c1 - c0)
    else:
        if any(_looks_like_data(c) for c in child if c):
            return None
        last = ""
        for j in range(width):
            last = parent[j] or last
            if not parent[j] and child[j]:
                parent[j] = last
    names = []
    for p, c in zip(parent, child, strict=True):
        name = HeaderName.parse(c) if c else None
        if name is not None and name.key in KNOWN_HEADERS:
            names.append(name)
        elif p and c:
            combined = HeaderName.parse(p + c)
            names.append(HeaderName(c, combined.key, combined.unit))
        else:
            names.append(HeaderName.parse(p or c))
    return names


def find_header(sheet: RawSheet) -> Header | None:
    """The row (or two rows) under any titles that names the most known columns; None below two."""
    cells = sheet.cells
    best, best_score = None, 1
    for i in range(min(len(cells), HEADER_SEARCH_ROWS)):
        single = [HeaderName.parse(t) for t in _texts(cells[i])]
        score = _score(single)
        if score > best_score:
            best, best_score = Header(i, single, i), score
        if i + 1 < len(cells):
            combined = _two_level(cells, i, sheet.merged)
            if combined is not None:
                below = _score([HeaderName.parse(t) for t in _texts(cells[i + 1])])
                combined_score = _score(combined)
                if combined_score > max(score, below, best_score):
                    best, best_score = Header(i + 1, combined, i), combined_score
    return best


def match_shape(names: list[HeaderName], forced: str | None) -> tuple[str | None, dict[str, int], list[Column]]:
    """The shape whose columns the headers name best, its column → index map, and what it lacks.

    With no shape complete, returns the closest with its missing required columns; a tie is (None, {}, []).
    """
    candidates = [s for s in SHAPES if forced is None or SHAPES[s].name == forced]
    scored = []
    for shape in candidates:
        mapping: dict[str, int] = {}
        for j, name in enumerate(names):
            column = LOOKUPS[shape].get(name.key)
            if column is not None and column.name not in mapping:
                mapping[column.name] = j
        missing = [c for c in SHAPES[shape].columns if c.required and c.name not in mapping]
        scored.append((not missing, len(mapping), shape, mapping, missing))
    scored.sort(key=lambda s: s[:2], reverse=True)
    if not scored:
        return None, {}, []
    top = scored[0]
    if len(scored) > 1 and scored[1][:2] == top[:2] and top[0]:
        return None, {}, []
    return top[2], top[3], top[4]


def _data_rows(cells: np.ndarray, blank: np.ndarray, check_columns: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """(kept, totals): masks of the data rows, and of 合计 rows, over the rows under the header."""
    filled = (~blank).sum(axis=1)
    totals = np.zeros(len(cells), dtype=bool)
    for j in check_columns:
        totals |= _matches(cells[:, j], _TOTAL)
    # Notes (填表人：…, 审核人：…) fill a few cells of a row at most; only such rows are looked at.
    sparse = np.flatnonzero((filled > 0) & (filled <= max(4, cells.shape[1] // 2)))
    notes = np.zeros(len(cells), dtype=bool)
    first = cells[sparse, (~blank[sparse]).argmax(axis=1)]
    notes[sparse] = _matches(first, _NOTE, fullmatch=False)
    # Lines of a note block under the table hold one cell each.
    full_rows = np.flatnonzero((filled > 1) & ~totals & ~notes)
    trailing = np.zeros(len(cells), dtype=bool)
    if len(full_rows):
        trailing[full_rows[-1] + 1 :] = filled[full_rows[-1] + 1 :] == 1
    kept = (filled > 0) & ~totals & ~notes & ~trailing
    return kept, totals


def _matches(values: np.ndarray, pattern: re.Pattern, fullmatch: bool = True) -> np.ndarray:
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    test = pattern.fullmatch if fullmatch else pattern.match
    hits = np.array([isinstance(u, str) and bool(test(re.sub(r"\s+", "", u))) for u in uniques] + [False])
    return hits[codes]


def _grid(rows: list[list], width: int) -> np.ndarray:
    """A 2-D object array of the rows, padded with blanks to `width` columns."""
    if not rows:
        return np.empty((0, width), dtype=object)
    if all(len(r) == width for r in rows):
        grid = np.empty((len(rows), width), dtype=object)
        grid[:] = rows
        return grid
    return np.array([(r + [""] * width)[:width] for r in rows], dtype=object)


def understand_sheet(sheet: RawSheet, ctx: Context, forced: str | None = None) -> Table:
    table = Table(sheet.file, sheet.name, hidden=sheet.hidden)
    header = find_header(sheet)
    if header is None:
        return table
    shape, mapping, missing = match_shape(header.names, forced)
    header_row = header.row + 1
    if shape is None:
        table.errors.append(table.finding(ctx.tr("ambiguous_kind"), header_row))
        return table
    kind = SHAPES[shape]
    if missing:
        table.errors.append(
            table.finding(
                ctx.tr("missing_columns", kind=ctx.tr(f"kind.{shape}"), columns=ctx.list_text(c.zh for c in missing)),
                header_row,
            )
        )
        return table
    table.shape, table.header_row = shape, header_row
    width = len(header.names)
    body = _grid(sheet.cells[header.row + 1 :], width)
    blank = body == ""  # calamine and csv give "" for an empty cell, and _grid pads with it
    # 合计 stands in one of the first columns or where the township would be.
    township = [j for name, j in mapping.items() if kind.column(name).type == "township"]
    kept, totals = _data_rows(body, blank, sorted({*range(min(width, 3)), *township}))
    if totals.any():
        total_rows = np.flatnonzero(totals) + header_row + 1
        table.warnings.append(
            table.finding(ctx.tr("total_rows_dropped", rows=ctx.list_text(map(str, total_rows))), int(total_rows[0]))
        )
    body, blank = body[kept], blank[kept]
    table.rows = np.flatnonzero(kept) + header_row + 1
    used = set(mapping.values())
    for j, name in enumerate(header.names):
        if j in used or not name.text:
            continue
        column = LOOKUPS[shape].get(name.key)
        if column is not None:  # a second header for a column already read
            table.warnings.append(
                table.finding(ctx.tr("duplicate_header", column=column.zh), header_row, name.text, index=j)
            )
        elif blank[:, j].all():
            continue  # an empty column: nothing to drop or report
        else:
            table.extra.append((name.text, j))
    for name, j in mapping.items():
        column = kind.column(name)
        header_name = header.names[j]
        scale = 1.0
        if header_name.unit is not None and column.type in ("int", "float"):
            scale = unit_scale(header_name.unit)
            if scale is None:
                table.errors.append(
                    table.finding(ctx.tr("unknown_unit", unit=header_name.unit), header_row, header_name.text, index=j)
                )
                continue
        raw = body[:, j]
        values, problems = parse_cells(raw, column, scale, ctx)
        table.columns[name] = ParsedColumn(column, header_name.text, j, raw, values, problems)
    if shape == "app_registrations":
        _default_app(table, kind)
    _skip_template_example(table, ctx)
    return table


def _skip_template_example(table: Table, ctx: Context) -> None:
    """Our templates carry an example row; left unchanged, it is not data."""
    first_township = next(iter(ctx.townships.names.values()), None)
    expected = {name: cell_text(value) for name, value in templates.example_cells(table.shape, first_township).items()}
    read = [c for c in table.columns.values() if c.index >= 0]  # not the app column filled in for the sheet
    if not read or not len(table.rows):
        return
    # Narrow down on one column's distinct values, then compare the few candidate rows cell by cell.
    first = read[0]
    codes, uniques = pd.factorize(first.raw, use_na_sentinel=True)
    same = np.array([cell_text(u) == expected.get(first.column.name) for u in uniques] + [False])
    candidates = np.flatnonzero(same[codes])
    example = [i for i in candidates if all(cell_text(c.raw[i]) == expected.get(c.column.name) for c in read)]
    if example:
        keep = np.ones(len(table.rows), dtype=bool)
        keep[example] = False
        table.keep(keep)
        table.warnings.append(table.finding(ctx.tr("template_example_skipped")))


def _default_app(table: Table, kind: Kind) -> None:
    """A sheet of app registrations without an 应用 column counts the national app."""
    column = table.columns.get("app")
    if column is None:
        n = len(table.rows)
        table.columns["app"] = ParsedColumn(
            kind.column("app"),
            kind.column("app").zh,
            -1,
            np.full(n, "", dtype=object),
            np.full(n, NATIONAL_APP, dtype=object),
            np.full(n, None, dtype=object),
        )
    else:
        column.values[pd.isna(column.values)] = NATIONAL_APP


# --- map layers -----------------------------------------------------------------------------------


def understand_layer(layer: GeoLayer, ctx: Context) -> Table:
    """Boundaries: each feature matched to a township by a code or name field; geometries in EPSG:4326."""
    import shapely

    frame = layer.frame
    table = Table(layer.file, layer.name, shape="boundaries", header_row=1)
    fields = {normalize(c): c for c in frame.columns if c != frame.geometry.name}
    chosen = [fields[normalize(f)] for f in (*GEO_CODE_FIELDS, *GEO_NAME_FIELDS) if normalize(f) in fields]
    if not chosen:
        table.errors.append(
            table.finding(ctx.tr("geo_no_field", fields=ctx.list_text(GEO_CODE_FIELDS[:2] + GEO_NAME_FIELDS[:2])))
        )
        return table
    if frame.crs is None:
        minx, miny, maxx, maxy = frame.total_bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            table.errors.append(table.finding(ctx.tr("geo_no_crs")))
            return table
        frame = frame.set_crs(4326)
        table.warnings.append(table.finding(ctx.tr("geo_assumed_wgs84")))
    frame = frame.to_crs(4326)
    n = len(frame)
    table.rows = np.arange(1, n + 1)
    # A feature takes the first of its fields that names a township; the first field's problems are reported.
    parser = column_parser(BOUNDARIES.column("township"), 1.0, ctx)
    codes = np.full(n, None, dtype=object)
    raw, problems = None, None
    for name in chosen:
        cells = frame[name].astype(object).to_numpy()
        values, found = parse_column(cells, parser)
        if raw is None:
            raw, problems = cells.copy(), found.copy()
        take = pd.isna(codes) & pd.notna(values)
        codes[take], raw[take] = values[take], cells[take]
    problems[pd.notna(codes)] = None
    table.columns["township"] = ParsedColumn(BOUNDARIES.column("township"), chosen[0], 0, raw, codes, problems)
    geometries = np.asarray(shapely.make_valid(frame.geometry.to_numpy()), dtype=object)
    empty = pd.isna(geometries)
    empty[~empty] = shapely.is_empty(geometries[~empty].astype(object))
    table.columns["geojson"] = ParsedColumn(
        BOUNDARIES.column("geojson"),
        "geometry",
        1,
        np.full(n, "", dtype=object),
        np.where(empty, None, geometries),
        np.where(empty, ctx.tr("geo_empty"), None).astype(object),
    )
    return table
