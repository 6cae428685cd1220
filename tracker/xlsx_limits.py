"""The .xlsx check before python-calamine reads an upload (issue 8, point 1; issue 15, point 3).

python-calamine 0.9.1 sizes a sheet from the cells it finds, not from the declared
``<dimension>``: one cell at XFD1048576 makes it allocate 512 GiB at once and abort the process
(SIGABRT, measured). So an .xlsx is checked first, streaming: the first sheet's declared
dimension, then every row and cell position, in chunks of decompressed XML, never the range.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import PurePosixPath
from typing import TypeVar

from tracker import file_limits  # the unpacked limit is read there at each call: a test lowers it
from tracker.errors import InvalidInput
from tracker.file_limits import MAX_COLUMNS, MAX_ROWS, MAX_XLSX_ENTRIES, FileTooLarge

T = TypeVar("T")

_CHUNK = 1 << 20
_MAX_TAG = 1 << 20  # a tag plus the text after it (a cell holds at most 32,767 characters)

_CELL_REF = re.compile(rb"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
# Start tags of rows and cells, with or without a namespace prefix (<x:c …>). <col>, <cols> and
# <cfRule> do not match: the name must end at the "c".
# Attribute values may hold ">" but never "<", which keeps each match to one tag.
_ROW_OR_CELL = re.compile(rb"<(?:\w+:)?(row|c)(?=[\s/>])((?:[^<>\"']|\"[^<\"]*\"|'[^<']*')*)>")
_ATTRIBUTE = re.compile(rb"([^\s=]+)\s*=\s*(\"[^\"]*\"|'[^']*')")


def column_number(letters: bytes | str) -> int:
    """A column's 1-based number: A -> 1, Z -> 26, AA -> 27, XFD -> 16384."""
    text = letters.decode("ascii") if isinstance(letters, bytes) else letters
    number = 0
    for ch in text.upper():
        number = number * 26 + (ord(ch) - ord("A") + 1)
    return number


def _cell_position(ref: bytes) -> tuple[int, int] | None:
    """(row, column), both 1-based, of "B12" or "$B$12"; None if it is not a cell reference."""
    match = _CELL_REF.match(ref.strip())
    if not match:
        return None
    return int(match.group(2)), column_number(match.group(1))


def check_xlsx(data: bytes, name: str, alongside: Callable[[], T]) -> T:
    """Refuse an .xlsx whose parts decompress beyond the limit or whose first sheet declares or
    holds a cell beyond MAX_ROWS x MAX_COLUMNS. Memory stays at about one chunk of XML.

    ``alongside`` (python-calamine opening the workbook) runs in a thread while the sheet is
    scanned, once every other part is counted: opening reads those parts, never the sheet, and
    python-calamine lets go of the GIL while it does. Its result is returned, its error raised,
    after the scan passes; a refused file waits for it and then raises the refusal."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        # not a zip: python-calamine says so in its own words (import.unreadable)
        return alongside()
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_XLSX_ENTRIES:
            raise _unreadable(name, f"{len(entries)} parts")
        declared = sum(e.file_size for e in entries)
        if declared > file_limits.MAX_XLSX_UNCOMPRESSED:
            raise _too_big_inside(name, declared)
        sheets = _first_sheet_paths(archive, entries)
        total = 0
        for entry in entries:
            if entry.filename not in sheets:
                for chunk in _inflate(data, entry, name):
                    total = _count(total, len(chunk), name)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="xlsx-open") as pool:
            opened = pool.submit(alongside)
            for entry in entries:
                if entry.filename in sheets:
                    total = _scan_sheet(data, entry, name, total)
        return opened.result()


def _count(total: int, more: int, name: str) -> int:
    total += more
    if total > file_limits.MAX_XLSX_UNCOMPRESSED:
        raise _too_big_inside(name, total)
    return total


def _too_big_inside(name: str, size: int) -> FileTooLarge:
    return FileTooLarge(
        "import.xlsx_too_big_inside",
        field="file",
        file=name,
        size_mb=size / (1024 * 1024),
        limit_mb=file_limits.MAX_XLSX_UNCOMPRESSED_MB,
    )


def _unreadable(name: str, detail: str) -> InvalidInput:
    return InvalidInput("import.unreadable", field="file", file=name, detail=detail)


def _inflate(data: bytes, entry: zipfile.ZipInfo, name: str) -> Iterator[bytes]:
    """The entry's bytes as they decompress, read from the archive itself: the sizes in its
    header may lie (a zip bomb), so the output is counted, not the header believed."""
    start = entry.header_offset
    header = data[start : start + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise _unreadable(name, entry.filename)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    offset = start + 30 + name_length + extra_length
    compressed = memoryview(data)[offset : offset + entry.compress_size]
    if entry.compress_type == zipfile.ZIP_STORED:
        for at in range(0, len(compressed), _CHUNK):
            yield bytes(compressed[at : at + _CHUNK])
        return
    if entry.compress_type != zipfile.ZIP_DEFLATED:
        raise _unreadable(name, f"{entry.filename}: compression {entry.compress_type}")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        for at in range(0, len(compressed), _CHUNK // 16):
            pending = bytes(compressed[at : at + _CHUNK // 16])
            while pending:
                # max_length keeps each step to one chunk, however well the input compresses.
                out = inflater.decompress(pending, _CHUNK)
                pending = inflater.unconsumed_tail
                if out:
                    yield out
            if inflater.eof:
                return
        while not inflater.eof:
            out = inflater.decompress(b"", _CHUNK)
            if not out:
                break
            yield out
    except zlib.error:
        raise _unreadable(name, entry.filename) from None


def _first_sheet_paths(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> set[str]:
    """The part python-calamine reads as sheet 1; every worksheet if that cannot be told."""
    worksheets = {
        e.filename for e in entries if e.filename.startswith("xl/worksheets/") and e.filename.endswith(".xml")
    }
    try:
        # Both parts are a few KB and already counted against the limit by their declared size;
        # read_bounded refuses one that decompresses to more than it declares.
        book = _read_bounded(archive, "xl/workbook.xml")
        rels = _read_bounded(archive, "xl/_rels/workbook.xml.rels")
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return worksheets
    sheet = re.search(rb"<(?:\w+:)?sheet\b[^>]*?\b\w+:id\s*=\s*[\"']([^\"']+)[\"']", book)
    if not sheet:
        return worksheets
    for rel in re.finditer(rb"<(?:\w+:)?Relationship\b([^>]*)>", rels):
        attrs = rel.group(1)
        rid = re.search(rb"\bId\s*=\s*[\"']([^\"']+)[\"']", attrs)
        target = re.search(rb"\bTarget\s*=\s*[\"']([^\"']+)[\"']", attrs)
        if rid and target and rid.group(1) == sheet.group(1):
            path = target.group(1).decode("utf-8", "replace")
            resolved = path.lstrip("/") if path.startswith("/") else str(PurePosixPath("xl") / path)
            parts: list[str] = []
            for part in resolved.split("/"):
                if part == "..":
                    if parts:
                        parts.pop()
                elif part not in ("", "."):
                    parts.append(part)
            resolved = "/".join(parts)
            return {resolved} if resolved in {e.filename for e in entries} else worksheets
    return worksheets


def _read_bounded(archive: zipfile.ZipFile, part: str) -> bytes:
    info = archive.getinfo(part)
    with archive.open(info) as f:
        # zipfile stops at the declared size and checks the CRC, so this is at most file_size.
        return f.read(min(info.file_size, file_limits.MAX_XLSX_UNCOMPRESSED))


def _scan_sheet(data: bytes, entry: zipfile.ZipInfo, name: str, total: int) -> int:
    """Stream the sheet's XML: its declared dimension first, then every cell's position.

    Spreadsheet programs write every cell as <c r="B12" …>: those chunks are checked with one
    search in C for any other cell tag (fast). A sheet written otherwise (cells without "r",
    prefixes, other quoting or case) is scanned again, tracking positions as python-calamine
    does (exact)."""
    try:
        return _scan_stream(data, entry, name, total, fast=True)
    except _ExactScanNeeded:
        return _scan_stream(data, entry, name, total, fast=False)


class _ExactScanNeeded(Exception):
    pass


def _scan_stream(data: bytes, entry: zipfile.ZipInfo, name: str, total: int, *, fast: bool) -> int:
    state = [0, 0, False]  # current row and column (1-based; 0 = none yet), dimension seen
    scan_xml = _scan_fast if fast else _scan_xml
    buffer = b""
    for chunk in _inflate(data, entry, name):
        total = _count(total, len(chunk), name)
        buffer += chunk
        # Scan up to the last "<" only: the tag it opens may be cut by the chunk's end ("<" is
        # never inside an attribute value), and is scanned with the next chunk.
        cut = buffer.rfind(b"<")
        if cut == -1:
            buffer = b""
            continue
        scan_xml(buffer[:cut], state, name, entry.filename)
        buffer = buffer[cut:]
        if len(buffer) > _MAX_TAG:
            raise _unreadable(name, entry.filename)
    scan_xml(buffer, state, name, entry.filename)
    return total


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters or "A"


def _up_to(limit: str, first: str, last: str) -> bytes:
    """A regex for the strings of [first-last] that count up to ``limit`` ("BL": a column's letters
    up to BL; "120000": a row number up to 120000, no leading zero): the shorter ones, then those of
    its length that sort at or before it."""
    n = len(limit)
    low = "A" if last == "Z" else "0"
    options = [f"[{first}-{last}][{low}-{last}]{{0,{n - 2}}}"] if n > 1 else []
    for i, ch in enumerate(limit):
        floor = first if i == 0 else low
        if ch > floor:
            options.append(f"{limit[:i]}[{floor}-{chr(ord(ch) - 1)}][{low}-{last}]{{{n - i - 1}}}")
    options.append(limit)
    return ("(?:" + "|".join(options) + ")").encode()


_COLUMN_UP_TO_LIMIT = _up_to(_column_letters(MAX_COLUMNS), "A", "Z")
_ROW_UP_TO_LIMIT = _up_to(str(MAX_ROWS), "1", "9")
# A cell tag that is not <c r="REF"> with REF inside the limits, in upper case and with no leading
# zero, as spreadsheet programs write every cell. One search in C per chunk: every match is
# looked at (a cell beyond the limits, or one the exact scan must place).
_CELL_TO_LOOK_AT = re.compile(rb'<c(?![^\s/>]| r="' + _COLUMN_UP_TO_LIMIT + _ROW_UP_TO_LIMIT + rb'")')
_WRITTEN_REF = re.compile(rb'<c r="([A-Za-z]{1,3}[0-9]{1,7})"')
# A namespace prefix on a row or cell (<x:c …>) needs a colon right before the name: chunks
# without one (nearly all) skip the search for the prefix.
_COLON_NAME = re.compile(rb":(?:c|row)[\s/>]")
_PREFIXED = re.compile(rb"<\w+:(?:c|row)[\s/>]")


def _scan_head(scan: bytes, state: list[int], name: str, part: str) -> None:
    """What both scans check first: no markup that could hide a cell, and the declared size."""
    if b"<!" in scan:
        # A comment, CDATA section or DOCTYPE could hide a cell from a scan like this one (or
        # expand entities); spreadsheet programs never write them into a sheet.
        raise _unreadable(name, part)
    if not state[2]:
        declared = _DIMENSION.search(scan)
        if declared:
            state[2] = True
            _check_dimension(declared.group(1), name)
        elif b"sheetData" in scan:
            state[2] = True  # the dimension comes before the data, or not at all


def _scan_fast(scan: bytes, state: list[int], name: str, part: str) -> None:
    _scan_head(scan, state, name, part)
    if _COLON_NAME.search(scan) and _PREFIXED.search(scan):
        raise _ExactScanNeeded
    odd = _CELL_TO_LOOK_AT.search(scan)
    if odd:
        written = _WRITTEN_REF.match(scan, odd.start())
        position = _cell_position(written.group(1)) if written else None
        if position is not None and (position[0] > MAX_ROWS or position[1] > MAX_COLUMNS):
            _refuse_cell(name, *position)
        raise _ExactScanNeeded


def _scan_xml(scan: bytes, state: list[int], name: str, part: str) -> None:
    _scan_head(scan, state, name, part)
    for match in _ROW_OR_CELL.finditer(scan):
        refs = [value for key, value in _ATTRIBUTE.findall(match.group(2)) if key.rsplit(b":", 1)[-1] == b"r"]
        if match.group(1) == b"row":
            if refs:
                if not all(r[1:-1].strip().isdigit() for r in refs):
                    raise _unreadable(name, part)
                state[0] = max(int(r[1:-1]) for r in refs)
            else:
                state[0] += 1
            state[1] = 0
            continue
        if refs:
            positions = [_cell_position(r[1:-1]) for r in refs]
            known = [p for p in positions if p is not None]
            if len(known) != len(positions):
                raise _unreadable(name, part)
            state[0] = max(p[0] for p in known)
            state[1] = max(p[1] for p in known)
        else:
            state[0] = max(state[0], 1)
            state[1] += 1
        if state[0] > MAX_ROWS or state[1] > MAX_COLUMNS:
            _refuse_cell(name, state[0], state[1])


def _refuse_cell(name: str, row: int, column: int) -> None:
    raise FileTooLarge(
        "import.xlsx_cell_beyond_limit",
        field="file",
        file=name,
        cell=f"{_column_letters(column)}{row}",
        rows=MAX_ROWS,
        columns=MAX_COLUMNS,
    )


def _check_dimension(ref: bytes, name: str) -> None:
    last = ref.split(b":")[-1]
    position = _cell_position(last)
    if position is None:
        return  # an unreadable dimension says nothing; the cells are checked one by one
    rows, columns = position
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise FileTooLarge(
            "import.xlsx_declares_too_much",
            field="file",
            file=name,
            ref=ref.decode("ascii", "replace"),
            declared_rows=rows,
            declared_columns=columns,
            rows=MAX_ROWS,
            columns=MAX_COLUMNS,
        )
