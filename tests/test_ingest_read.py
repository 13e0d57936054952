"""Reading: encodings and delimiters of text files, Excel through calamine, unreadable files named clearly."""

import codecs

import pytest

from fraudfree.ingest.read import ReadError, Upload, decode, read_upload, sniff_delimiter
from tests.ingest_support import upload

TEXT = "月份,乡镇街道,样本数\n2021-05,王坟镇,200\n"


@pytest.mark.parametrize(
    "content",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("gbk"),
        TEXT.encode("gb18030"),
        TEXT.encode("utf-16"),  # with its BOM
        TEXT.encode("utf-16-le"),  # without
        TEXT.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be"],
)
def test_text_in_every_encoding_partners_use_decodes_to_the_same_characters(content):
    assert decode(content) == TEXT


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_delimiter_is_sniffed_past_a_title_row(delimiter):
    text = (
        "青州市2021年知晓率调查\n"
        + TEXT.replace(",", delimiter)
        + "2021-06"
        + delimiter
        + "弥河镇"
        + delimiter
        + "150\n"
    )
    assert sniff_delimiter(text) == delimiter


def test_thousands_in_quotes_do_not_split_a_comma_separated_cell():
    (sheet,) = read_upload(Upload("a.csv", b'a,b,c\n1,"1,234",x\n'))
    assert sheet.cells == [["a", "b", "c"], ["1", "1,234", "x"]]
    assert sheet.name == "a", "Excel names a CSV's sheet after the file"


def test_legacy_xls_is_read_with_its_merged_title():
    (sheet,) = read_upload(upload("activities_legacy.xls"))
    assert sheet.name == "8月" and sheet.merged == [((0, 0), (0, 4))]
    assert sheet.cells[1][:2] == ["日期", "乡镇街道"]


def test_hidden_sheets_are_marked_and_cells_keep_excel_positions():
    sheets = read_upload(upload("two_kinds.xlsx"))
    assert [(s.name, s.hidden) for s in sheets] == [
        ("预警劝阻2021年5月", False),
        ("知晓率调查", False),
        ("说明", False),
    ]
    assert sheets[0].cells[0][0] == "2021年5月预警劝阻情况"  # row 1, column A


def test_text_saved_under_an_xls_name_is_read_as_text():
    (sheet,) = read_upload(Upload("export.xls", "月份\t乡镇街道\n2021-05\t王坟\n".encode("gbk")))
    assert sheet.cells == [["月份", "乡镇街道"], ["2021-05", "王坟"]]


@pytest.mark.parametrize(
    ("name", "content", "key"),
    [
        ("notes.docx", b"PK\x03\x04", "unsupported_type"),
        ("broken.xlsx", b"\x00\x01\x02\x03" * 100, "unreadable_excel"),
        ("map.geojson", b"{not json", "unreadable_geo"),
    ],
)
def test_unreadable_files_raise_a_named_reason(name, content, key):
    with pytest.raises(ReadError) as err:
        read_upload(Upload(name, content))
    assert err.value.key == key
