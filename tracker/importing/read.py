"""Reading an upload: an .xlsx (python-calamine) or .csv (encoding detected or chosen) into a Table."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from tracker import file_limits, xlsx_limits
from tracker.dates import format_date
from tracker.errors import InvalidInput
from tracker.importing.gc_pause import collector_paused
from tracker.importing.vocab import _header_keys, _norm
from tracker.text import clean

HEADER_SEARCH_ROWS = 15


@dataclass(frozen=True)
class Table:
    """A file's header and data rows; ``rows`` carry the spreadsheet row number users see."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]
    encoding: str | None = None  # None for .xlsx
    # A CSV may carry the export's formula guard ("'=..."), removed on reading; an .xlsx holds
    # text as typed (Excel's quote prefix is a style), so a leading "'" there is the user's.
    formula_guarded: bool = False
    # Every cell is str (a CSV: the csv module reads nothing else): the columns skip a type check
    # a cell (issue 15).
    text_only: bool = False


def detect_encoding(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 (BOM or not), else Windows-1258, the Vietnamese Windows code page."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4000]
    if sample and sample.count(0) > len(sample) // 4:
        # UTF-16 without a BOM: ASCII letters pair with a zero byte.
        return "utf-16-be" if sample[0::2].count(0) > sample[1::2].count(0) else "utf-16-le"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1258"
    return "utf-8"


def _choose_encoding(data: bytes, encoding: str | None) -> str:
    chosen = detect_encoding(data) if encoding in (None, "", "auto") else encoding
    if chosen == "utf-8" and data.startswith(codecs.BOM_UTF8):
        chosen = "utf-8-sig"
    return chosen


def _csv_rows(data: bytes, encoding: str | None, name: str) -> tuple[list[list[str]], str]:
    """Rows decoded and split as they are read, refused once past the row or column limit, so
    memory follows the rows kept rather than the file."""
    chosen = _choose_encoding(data, encoding)
    rows: list[list[str]] = []
    try:
        stream = io.TextIOWrapper(io.BytesIO(data), encoding=chosen, newline="")
        first = stream.readline()
        stream.seek(0)
        try:
            delimiter = csv.Sniffer().sniff(first, delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
        for row in csv.reader(stream, delimiter=delimiter):
            if len(row) > file_limits.MAX_COLUMNS:
                width = len(row)
                while width and not row[width - 1]:
                    width -= 1  # Excel pads rows with empty cells up to the widest one
                file_limits.check_rows(len(rows) + 1, width, name)
                row = row[:width]  # and keeps no padding: a file of commas stays small
            elif len(rows) >= file_limits.MAX_ROWS:
                file_limits.check_rows(len(rows) + 1, len(row), name)
            rows.append(row)
    except (UnicodeDecodeError, LookupError):
        raise InvalidInput("import.bad_encoding", field="encoding", file=name, encoding=chosen) from None
    except csv.Error as error:
        raise InvalidInput("import.unreadable", field="file", file=name, detail=str(error)[:200]) from None
    return rows, chosen


def _xlsx_rows(data: bytes, name: str) -> Sequence[Sequence[object]]:
    from python_calamine import CalamineError, CalamineWorkbook

    # Before python-calamine sees the file: it would allocate the whole range up to the farthest
    # cell, and abort the process if that is too big (tracker/xlsx_limits.py).
    # The workbook is opened while the sheet is scanned; its sheet is read only after the scan.
    try:
        book = xlsx_limits.check_xlsx(data, name, lambda: CalamineWorkbook.from_filelike(io.BytesIO(data)))
        # skip_empty_area=False keeps row numbers equal to what Excel shows.
        return book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, ValueError, OSError) as error:
        raise InvalidInput("import.unreadable", field="file", file=name, detail=str(error)[:200]) from None


@collector_paused()
def read_table(data: bytes, name: str, encoding: str | None = None) -> Table:
    """Read an .xlsx or .csv upload; the first non-empty row is the header. A file beyond the
    limits of tracker/file_limits.py is refused before it is parsed (FileTooLarge)."""
    if not data:
        raise InvalidInput("import.empty_file", field="file", file=name)
    file_limits.check_size(len(data), name)
    is_xlsx = Path(name).suffix.lower() in (".xlsx", ".xlsm") or data[:2] == b"PK"
    used = None
    raw: Sequence[Sequence[object]]
    if is_xlsx:
        raw = _xlsx_rows(data, name)
    else:
        raw, used = _csv_rows(data, encoding, name)
    # A row is kept when any cell reads as text: only None and "" read as none (_cell_text), so
    # two counts in C tell it without a Python call per cell.
    numbered = [(n, tuple(row)) for n, row in enumerate(raw, start=1) if len(row) > row.count("") + row.count(None)]
    del raw
    if not numbered:
        raise InvalidInput("import.empty_file", field="file", file=name)
    # Forwarded lists often carry a title ("DANH MỤC KIẾN NGHỊ …") above the header: the header
    # is the first of the top rows that names at least three known columns.
    known = _header_keys()
    start = next(
        (
            i
            for i, (_, r) in enumerate(numbered[:HEADER_SEARCH_ROWS])
            if sum(_norm(_cell_text(c)) in known for c in r) >= 3
        ),
        0,
    )
    (_, header), *body = numbered[start:]
    headers = tuple(clean(_cell_text(h)) for h in header)
    return Table(name, headers, tuple(body), used, formula_guarded=not is_xlsx, text_only=not is_xlsx)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 6036 as 6036.0
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    return str(value)
