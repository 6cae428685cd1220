"""The .xlsx check's quick path (issue 15, point 3): one search per chunk of sheet XML finds every
cell that is not written as spreadsheet programs write it inside the limits; each one found is
either refused on the spot or sends the sheet to the exact scan. And the workbook opens while the
sheet is scanned, without a refusal ever coming later than before."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import as_xlsx, generated_rows
from tests.importing.test_file_limits import cell, header_row, refusal, sheet_xml, workbook
from tracker import xlsx_limits
from tracker.file_limits import MAX_COLUMNS, MAX_ROWS
from tracker.importing import read_table

COLUMN = re.compile(xlsx_limits._COLUMN_UP_TO_LIMIT)
ROW = re.compile(xlsx_limits._ROW_UP_TO_LIMIT)


def test_the_quick_path_knows_every_column_up_to_three_letters():
    for number in range(1, 26**3 + 26**2 + 27):
        letters = xlsx_limits._column_letters(number)
        assert bool(COLUMN.fullmatch(letters.encode())) == (number <= MAX_COLUMNS), letters


def test_the_quick_path_knows_every_row_up_to_past_the_limit():
    for number in range(1, 2 * MAX_ROWS):
        assert bool(ROW.fullmatch(str(number).encode())) == (number <= MAX_ROWS), number


@given(st.integers(min_value=0, max_value=9_999_999))
def test_a_row_written_with_a_leading_zero_is_left_to_the_exact_scan(number):
    assert ROW.fullmatch(f"0{number}".encode()) is None


def test_a_sheet_as_spreadsheet_programs_write_it_never_needs_the_exact_scan(monkeypatch):
    def exact(*args):
        raise AssertionError("the exact scan ran")

    monkeypatch.setattr(xlsx_limits, "_scan_xml", exact)
    table = read_table(as_xlsx(generated_rows(300)), "binh-thuong.xlsx")
    assert len(table.rows) == 300


@pytest.mark.parametrize(
    "written",
    [
        '<c r="bm2"><v>1</v></c>',  # lower case
        f'<c r="a{MAX_ROWS + 1}"><v>1</v></c>',
        f'<c r="A0{MAX_ROWS + 1}"><v>1</v></c>',  # a leading zero
        '<c\tr="BM2"><v>1</v></c>',  # a tab, not a space
        "<c r='BM2'><v>1</v></c>",  # single quotes
        '<c s="1" r="BM2"><v>1</v></c>',  # r not first
        '<c r="B2"><v>1</v></c><c r="bm2"><v>1</v></c>',  # a quick cell first, then an odd one
    ],
    ids=["lower-case", "lower-case-row", "leading-zero", "tab", "single-quotes", "r-not-first", "after-a-quick-cell"],
)
def test_a_cell_beyond_the_limits_is_refused_however_it_is_spelled(written):
    data = workbook(sheet_xml(header_row() + f'<row r="2">{written}</row>'))
    assert refusal(data, "x.xlsx").key == "import.xlsx_cell_beyond_limit"


@pytest.mark.parametrize(
    "written",
    ['<c r="b2"><v>7</v></c>', '<c r="B02"><v>7</v></c>', '<c\tr="B2"><v>7</v></c>', "<c r='B2'><v>7</v></c>"],
    ids=["lower-case", "leading-zero", "tab", "single-quotes"],
)
def test_an_odd_spelling_inside_the_limits_is_read_by_the_exact_scan(written, monkeypatch):
    calls = []
    exact = xlsx_limits._scan_xml
    monkeypatch.setattr(xlsx_limits, "_scan_xml", lambda *a: calls.append(1) or exact(*a))
    table = read_table(workbook(sheet_xml(header_row() + f'<row r="2">{written}</row>')), "x.xlsx")
    assert calls and table.rows[0][1][:2] == ("", 7.0)


def test_the_refusal_wins_over_a_workbook_that_cannot_be_opened():
    # No xl/workbook.xml: python-calamine cannot open it, but the far cell is found and named first.
    data = workbook(sheet_xml(header_row() + '<row r="2"><c r="BM2"><v>1</v></c></row>'))
    broken = data.replace(b"xl/workbook.xml", b"xl/workbook.xmX")
    message = refusal(broken, "x.xlsx").message("vi")
    assert "BM2" in message and message.endswith("Không có gì được ghi.")


def test_a_workbook_that_cannot_be_opened_is_still_unreadable_in_words():
    data = workbook(sheet_xml(header_row() + '<row r="2">' + cell("B2", "x") + "</row>"))
    broken = data.replace(b"xl/workbook.xml", b"xl/workbook.xmX")
    with pytest.raises(Exception) as caught:
        read_table(broken, "x.xlsx")
    assert caught.value.key == "import.unreadable"
