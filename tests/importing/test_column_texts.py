"""A column's cell texts read a whole column at a time (Cells._str_texts, tracker.text.clean_each,
issue 15) are exactly the texts read a cell at a time (``Cells.text``): NFC, trimmed, the CSV's
formula guard taken off and only that — for columns that repeat themselves and columns that do not."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.importing.cells import Cells
from tracker.importing.read import Table
from tracker.text import clean, clean_each

# What the guard and the trim are about, in every position: apostrophes, formula starts, the
# whitespace str.strip removes (NBSP, ideographic space, line separators), decomposed Vietnamese.
_TRICKY = ["'", "''", "=", "+", "-", "@", "\t", "\r", "\n", " ", "\xa0", "\u3000", "\u2028", "\x1c", "\u0323"]
_WORDS = ["Đề nghị", "Lương cơ sở", unicodedata.normalize("NFD", "Nghệ An"), "=SUM(A1)", "x"]
cell_text = st.lists(st.sampled_from(_TRICKY + _WORDS), max_size=6).map("".join)


def cell_by_cell(texts: list[str], guarded: bool) -> list[str]:
    cells = Cells(
        Table("f.csv", ("summary",), tuple((n, (t,)) for n, t in enumerate(texts, 2)), None, guarded, guarded),
        {"summary": 0},
        "vi",
    )
    return [cells.text(values, "summary") for _, values in cells.table.rows]


def by_column(texts: list[str], guarded: bool) -> list[str]:
    cells = Cells(
        Table("f.csv", ("summary",), tuple((n, (t,)) for n, t in enumerate(texts, 2)), None, guarded, guarded),
        {"summary": 0},
        "vi",
    )
    return cells.column_texts("summary")


@settings(max_examples=300, deadline=None)
@given(st.lists(cell_text, min_size=1, max_size=12), st.booleans(), st.integers(1, 20))
def test_a_column_reads_as_its_cells_do(texts, guarded, repeat):
    # repeat > 1 makes the column repeat itself (the memo path); 1 leaves it mostly distinct.
    column = texts * repeat
    assert by_column(column, guarded) == cell_by_cell(column, guarded)


def test_the_guard_comes_off_exactly_once_and_only_in_a_csv():
    column = ["'=SUM(A1)", "''=x", "'Làng Sen", "  '=1  ", "=SUM(A1)"]
    assert by_column(column, True) == ["=SUM(A1)", "'=x", "'Làng Sen", "=1", "=SUM(A1)"]
    assert by_column(column, False) == ["'=SUM(A1)", "''=x", "'Làng Sen", "'=1", "=SUM(A1)"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text()))
def test_clean_each_is_clean_of_each(texts):
    assert clean_each(texts) == [clean(text) for text in texts]


def test_clean_each_composes_and_trims_vietnamese():
    assert clean_each([" " + unicodedata.normalize("NFD", "Cử tri Nghệ An") + "\u3000", ""]) == ["Cử tri Nghệ An", ""]
