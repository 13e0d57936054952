"""Import step 1, reading: uploaded bytes → sheets of cells as Excel shows them, or a layer of map features.

Excel files go through calamine (cached values of formulas; macros are never run). Text files have their
encoding (UTF-8 with or without BOM, GB18030/GBK, UTF-16) and delimiter (comma, tab, semicolon) detected.
Nothing is written to disk: uploads stay in memory.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import warnings
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath

import python_calamine

EXCEL_TYPES = (".xlsx", ".xls")
TEXT_TYPES = (".csv", ".tsv", ".txt")
GEO_TYPES = (".geojson", ".json", ".zip", ".gpkg")
ACCEPTED_TYPES = EXCEL_TYPES + TEXT_TYPES + GEO_TYPES
DELIMITERS = (",", "\t", ";")


@dataclass(frozen=True)
class Upload:
    name: str  # the file name as the user knows it
    content: bytes = field(repr=False)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def suffix(self) -> str:
        return PurePath(self.name).suffix.lower()

    @property
    def is_geo(self) -> bool:
        return self.suffix in GEO_TYPES


@dataclass
class RawSheet:
    file: str
    name: str  # a text file's one sheet is named after the file, as Excel names it
    cells: list[list]  # cells[i][j]: Excel row i + 1, column j (A = 0); blanks are ""
    merged: list[tuple[tuple[int, int], tuple[int, int]]] | None = None  # None: the format has no merges
    hidden: bool = False


@dataclass
class GeoLayer:
    file: str
    name: str
    frame: object  # geopandas.GeoDataFrame, imported only when a map file arrives


class ReadError(Exception):
    """The file cannot be read at all; `key` names the message in the [ingest] catalogue section."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key = key
        self.values = values


def read_upload(upload: Upload) -> list[RawSheet] | list[GeoLayer]:
    if upload.suffix in EXCEL_TYPES:
        return read_excel(upload)
    if upload.suffix in TEXT_TYPES:
        return [read_text(upload)]
    if upload.suffix in GEO_TYPES:
        return [read_geo(upload)]
    raise ReadError("unsupported_type", suffix=upload.suffix or upload.name)


def read_excel(upload: Upload) -> list[RawSheet]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(upload.content))
    except python_calamine.PasswordError as err:
        raise ReadError("password_protected") from err
    except Exception as err:
        # Some systems export tab- or comma-separated text under an .xls name.
        if _looks_like_text(upload.content):
            return [read_text(upload)]
        raise ReadError("unreadable_excel") from err
    sheets = []
    with workbook:
        for meta in workbook.sheets_metadata:
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            cells = sheet.to_python(skip_empty_area=False)
            sheets.append(
                RawSheet(
                    file=upload.name,
                    name=meta.name,
                    cells=cells,
                    merged=sheet.merged_cell_ranges or [],
                    hidden=meta.visible != python_calamine.SheetVisibleEnum.Visible,
                )
            )
    return sheets


def read_text(upload: Upload) -> RawSheet:
    text = decode(upload.content)
    delimiter = "\t" if upload.suffix == ".tsv" else sniff_delimiter(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return RawSheet(file=upload.name, name=PurePath(upload.name).stem, cells=rows, merged=None)


def decode(content: bytes) -> str:
    """Text in UTF-8 (BOM or not), UTF-16 (BOM or not) or GB18030, the superset of GBK and GB2312."""
    if content.startswith(codecs.BOM_UTF8):
        return content[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16")
    head = content[:4000]
    if head and head.count(0) > len(head) // 4:  # UTF-16 without a BOM: every other byte of ASCII is zero
        even_zeros = head[0::2].count(0)
        return content.decode("utf-16-be" if even_zeros > head[1::2].count(0) else "utf-16-le")
    for encoding in ("utf-8", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("unknown_encoding")


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the most sample lines into the same number (> 1) of fields."""
    sample = [line for line in text[:64_000].splitlines()[:60] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths = Counter(len(row) for row in csv.reader(sample, delimiter=delimiter))
        width, lines = widths.most_common(1)[0] if widths else (1, 0)
        score = (lines if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _looks_like_text(content: bytes) -> bool:
    try:
        head = decode(content)[:4000]
    except (ReadError, UnicodeDecodeError):
        return False
    return not any(ord(ch) < 32 and ch not in "\t\r\n" for ch in head)


def read_geo(upload: Upload) -> GeoLayer:
    import geopandas  # slow to import; only map files need it
    import pyogrio.errors

    try:
        with warnings.catch_warnings():  # about the in-memory copy's name, not the user's file
            warnings.filterwarnings("ignore", "File /vsimem/.* non conformant file extension", RuntimeWarning)
            frame = geopandas.read_file(io.BytesIO(upload.content), engine="pyogrio")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as err:
        raise ReadError("unreadable_geo") from err
    return GeoLayer(file=upload.name, name=PurePath(upload.name).stem, frame=frame)
