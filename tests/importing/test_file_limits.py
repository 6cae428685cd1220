"""Upload and file limits (issue 8, point 1): a hostile or oversized file gets one clear message
in the user's language, before anything is parsed, and the server keeps serving. These files are
small on disk and are refused before any large range or buffer could be built, so they run in CI."""

from __future__ import annotations

import io
import struct
import tomllib
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.conftest import ROOT, open_page, run_cli, start_app
from tracker import file_limits, xlsx_limits
from tracker.file_limits import MAX_COLUMNS, MAX_ROWS, MAX_UPLOAD_BYTES, FileTooLarge
from tracker.importing import read_table

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_BOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
HEADER = ("kind", "session", "phase", "received_on", "summary")


def sheet_xml(rows: str, dimension: str | None = None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{rows}</sheetData></worksheet>"
    )


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row() -> str:
    return '<row r="1">' + "".join(cell(f"{chr(65 + i)}1", h) for i, h in enumerate(HEADER)) + "</row>"


def workbook(sheet: str | bytes, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, part in (
            ("[Content_Types].xml", _CT),
            ("_rels/.rels", _RELS),
            ("xl/workbook.xml", _BOOK),
            ("xl/_rels/workbook.xml.rels", _BOOK_RELS),
            ("xl/worksheets/sheet1.xml", sheet),
        ):
            z.writestr(name, part)
        for name, part in (extra or {}).items():
            z.writestr(name, part)
    return out.getvalue()


def last_cell_xlsx(dimension: str | None) -> bytes:
    """The issue's file: a header and one cell at the sheet's last row and column."""
    return workbook(sheet_xml(header_row() + '<row r="1048576">' + cell("XFD1048576", "x") + "</row>", dimension))


def refusal(data: bytes, name: str) -> FileTooLarge:
    with pytest.raises(FileTooLarge) as caught:
        read_table(data, name)
    return caught.value


def test_the_hostile_files_are_under_2_kb():
    assert len(last_cell_xlsx(None)) < 2048 and len(last_cell_xlsx("A1:XFD1048576")) < 2048


def test_a_cell_at_the_last_row_and_column_is_refused_without_a_dimension():
    error = refusal(last_cell_xlsx(None), "tan-cong.xlsx")
    assert error.message("vi") == (
        "Tệp tan-cong.xlsx có ô XFD1048576, nằm ngoài giới hạn 120.000 dòng × 64 cột. Không có gì được ghi."
    )
    assert error.message("en") == (
        "tan-cong.xlsx has a cell at XFD1048576, beyond the limit of 120,000 rows × 64 columns. Nothing was written."
    )


def test_a_false_small_dimension_does_not_hide_the_far_cell():
    assert "XFD1048576" in refusal(last_cell_xlsx("A1:E1"), "x.xlsx").message("en")


def test_a_declared_huge_range_is_refused_by_what_it_declares():
    data = workbook(sheet_xml(header_row(), "A1:XFD1048576"))
    assert refusal(data, "khai-bao.xlsx").message("vi") == (
        "Tệp khai-bao.xlsx khai báo vùng dữ liệu A1:XFD1048576 (1.048.576 dòng × 16.384 cột); "
        "giới hạn là 120.000 dòng × 64 cột. Không có gì được ghi."
    )


@pytest.mark.parametrize(
    "rows",
    [
        # Positions without "r" attributes count on from the previous cell and row, as calamine does.
        '<row r="1">' + "<c><v>1</v></c>" * (MAX_COLUMNS + 1) + "</row>",
        f'<row r="{MAX_ROWS + 1}"><c><v>1</v></c></row>',
        # A namespace prefix, single quotes and a ">" inside another attribute change nothing.
        f"<x:row r='9'><x:c s=\"a>b\" r='A{MAX_ROWS + 5}'><x:v>1</x:v></x:c></x:row>",
        # As spreadsheet programs write it (the fast path): one column too many, one row too many.
        '<row r="2"><c r="BM2"><v>1</v></c></row>',
        f'<row r="{MAX_ROWS + 1}"><c r="A{MAX_ROWS + 1}" t="n"><v>1</v></c></row>',
    ],
    ids=["65-cells-in-a-row", "row-beyond-the-limit", "prefixed-and-quoted", "column-65", "row-120001"],
)
def test_cells_beyond_the_limits_are_found_however_they_are_written(rows):
    data = workbook(sheet_xml(header_row() + rows).replace("<worksheet ", '<worksheet xmlns:x="urn:x" '))
    assert refusal(data, "x.xlsx").key == "import.xlsx_cell_beyond_limit"


def test_a_comment_that_could_hide_a_cell_makes_the_sheet_unreadable():
    data = workbook(sheet_xml(header_row() + "<!-- a -->"))
    with pytest.raises(Exception) as caught:
        read_table(data, "x.xlsx")
    assert caught.value.key == "import.unreadable"


def test_a_sheet_at_the_limits_is_read():
    rows = (
        header_row()
        + f'<row r="{MAX_ROWS}">'
        + cell(f"{xlsx_limits._column_letters(MAX_COLUMNS)}{MAX_ROWS}", "x")
        + "</row>"
    )
    table = read_table(workbook(sheet_xml(rows, f"A1:BL{MAX_ROWS}")), "x.xlsx")
    assert table.headers[:5] == HEADER and table.rows[-1][0] == MAX_ROWS


def test_a_zip_bomb_is_refused_by_its_declared_size():
    # The header's size is refused before a byte is unpacked, so the stream itself can be short.
    size = file_limits.MAX_XLSX_UNCOMPRESSED_MB + 8
    stream = zlib.compress(bytes(1 << 16), 9)[2:-4]
    data = _with_entry(workbook(sheet_xml(header_row())), "xl/sharedStrings.xml", stream, size << 20, 0)
    assert len(data) < 2048
    assert (
        refusal(data, "bom.xlsx")
        .message("en")
        .startswith(f"bom.xlsx unpacks to more than {file_limits.MAX_XLSX_UNCOMPRESSED_MB} MB")
    )


def test_a_zip_bomb_that_lies_about_its_size_is_counted_as_it_unpacks(monkeypatch):
    monkeypatch.setattr(file_limits, "MAX_XLSX_UNCOMPRESSED", 4 << 20)
    stream = zlib.compress(bytes(8 << 20), 9)[2:-4]  # raw deflate of 8 MB of zeros, ~8 KB
    data = _with_entry(workbook(sheet_xml(header_row())), "xl/sharedStrings.xml", stream, 100, zlib.crc32(bytes(100)))
    assert refusal(data, "bom.xlsx").key == "import.xlsx_too_big_inside"


def _with_entry(book: bytes, name: str, deflated: bytes, declared: int, crc: int) -> bytes:
    """``book`` plus an entry whose header states ``declared`` bytes, whatever ``deflated`` holds."""
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    out = io.BytesIO()
    central = []
    for part_name, body in [*((n, zlib.compress(b, 6)[2:-4]) for n, b in parts), (name, deflated)]:
        raw = dict(parts).get(part_name)
        size, part_crc = (len(raw), zlib.crc32(raw)) if part_name != name else (declared, crc)
        encoded = part_name.encode()
        offset = out.tell()
        out.write(
            struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, part_crc, len(body), size, len(encoded), 0)
        )
        out.write(encoded + body)
        central.append(
            struct.pack(
                "<4sHHHHHHIIIHHHHHII",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0,
                part_crc,
                len(body),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    out.write(b"".join(central))
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue()


def test_an_oversized_csv_is_refused_by_its_size_before_it_is_read():
    data = b"kind,session,phase,received_on,summary\n" + b"x" * MAX_UPLOAD_BYTES
    assert refusal(data, "lon.csv").message("vi").startswith("Tệp lon.csv nặng 50,0 MB; giới hạn là 50 MB mỗi tệp.")


def test_a_csv_with_too_many_rows_is_refused_while_reading():
    data = ("kind,session,phase,received_on,summary\n" + "a,b,c,d,e\n" * MAX_ROWS).encode()
    assert len(data) < MAX_UPLOAD_BYTES
    assert refusal(data, "dai.csv").message("en") == (
        "dai.csv has more than 120,000 rows; the limit is 120,000 rows a file. Nothing was written; split it into several files."
    )


def test_a_csv_with_too_many_columns_is_refused_but_excel_padding_is_not():
    assert refusal(("a," * MAX_COLUMNS + "b\n").encode(), "rong.csv").key == "import.too_many_columns"
    padded = ",".join(HEADER) + "," * 200 + "\n" + "kiến nghị,15/9,after,04/08/2025,Nội dung" + "," * 200 + "\n"
    assert read_table(padded.encode(), "excel.csv").headers == HEADER


def test_streamlits_upload_limit_equals_the_import_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == file_limits.MAX_UPLOAD_MB


def test_cli_refuses_hostile_and_oversized_files_in_one_line(db_path, tmp_path):
    hostile = tmp_path / "tan-cong.xlsx"
    hostile.write_bytes(last_cell_xlsx(None))
    result = run_cli("import", str(hostile), "--dry-run", db=db_path, lang="en")
    assert result.returncode == 2, (result.returncode, result.stderr)  # not -6 (SIGABRT)
    assert result.stderr.strip().splitlines() == [
        "Error: tan-cong.xlsx has a cell at XFD1048576, beyond the limit of 120,000 rows × 64 columns. Nothing was written."
    ]
    big = tmp_path / "lon.csv"
    with open(big, "wb") as f:
        f.truncate(MAX_UPLOAD_BYTES + 1)  # sparse: the CLI refuses it by its size, unread
    result = run_cli("import", str(big), db=db_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "giới hạn là 50 MB" in result.stderr


def test_the_import_page_explains_a_hostile_file_and_keeps_working(db_path, monkeypatch):
    from tests.pages.test_import_export_pages import csv_file, recommendation, texts

    at = open_page(start_app(db_path, monkeypatch, role="liaison"), "import_data")
    assert "Giới hạn mỗi tệp: 50 MB, 120.000 dòng, 64 cột." in texts(at)
    at.file_uploader[0].set_value(("tan-cong.xlsx", last_cell_xlsx("A1:XFD1048576"), "application/octet-stream")).run()
    assert not at.exception
    assert len(at.error) == 1
    assert (
        "Tệp tan-cong.xlsx khai báo vùng dữ liệu A1:XFD1048576 (1.048.576 dòng × 16.384 cột); "
        "giới hạn là 120.000 dòng × 64 cột. Không có gì được ghi."
    ) in texts(at)
    # The same session goes on: the next, good file previews as usual.
    at.file_uploader[0].set_value(("tot.csv", csv_file([recommendation(1)]), "text/csv")).run()
    assert not at.exception
    assert "Tệp tot.csv: 1 dòng — 1 mới, 0 trùng, 0 không hợp lệ." in texts(at)


def test_the_limits_are_documented():
    docs = (ROOT / "docs" / "IMPORT_EXPORT.md").read_text(encoding="utf-8")
    for figure in ("50 MB", "120,000", "64", "512 MB"):
        assert figure in docs, figure


def test_read_upload_refuses_by_size_without_reading(tmp_path: Path):
    path = tmp_path / "x.csv"
    with open(path, "wb") as f:
        f.truncate(MAX_UPLOAD_BYTES + 10)
    with pytest.raises(FileTooLarge):
        file_limits.read_upload(path)
