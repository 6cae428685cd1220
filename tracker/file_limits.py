"""Limits on what an import may read, enforced before anything is parsed (issue 8, point 1).

Why these numbers (docs/IMPORT_EXPORT.md, "Limits"): a session brings hundreds to a few
thousand items; a historic load is about 100,000 rows, and issue 15 wants a 100,000-row CSV. So:

- ``MAX_UPLOAD_MB`` = 50: a 100,000-row CSV of summaries is about 40 MB; a session's list with
  full texts is under 10 MB. Streamlit refuses a bigger upload itself (``server.maxUploadSize`` in
  .streamlit/config.toml, equal to this, a test checks) and ``read_upload`` checks again, so the
  CLI is protected too.
- ``MAX_ROWS`` = 120,000 sheet rows: 100,000 items plus room for a title, a header and blank
  lines. ``MAX_COLUMNS`` = 64: the template has 23 columns, forwarded lists add a few.
- ``MAX_XLSX_UNCOMPRESSED_MB`` = 512: an .xlsx at the row and column limits holds ~300 MB of sheet
  XML; a zip bomb's parts are counted as they decompress, never trusted from the header.

The .xlsx check that runs before python-calamine is in tracker/xlsx_limits.py.
"""

from __future__ import annotations

from pathlib import Path

from tracker.errors import InvalidInput

MAX_UPLOAD_MB = 50
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_ROWS = 120_000
MAX_COLUMNS = 64
MAX_XLSX_UNCOMPRESSED_MB = 512
MAX_XLSX_UNCOMPRESSED = MAX_XLSX_UNCOMPRESSED_MB * 1024 * 1024
MAX_XLSX_ENTRIES = 1_000  # Excel writes a dozen parts; thousands mean something else


class FileTooLarge(InvalidInput):
    """A file beyond a limit: says what the limit is and what the file holds or declares."""

    def message(self, lang: str = "vi") -> str:
        from tracker.i18n import t

        params = {k: number_text(v, lang) if isinstance(v, (int, float)) else v for k, v in self.params.items()}
        return t(self.key, lang, **params)


def number_text(value: float, lang: str) -> str:
    """1048576 -> "1.048.576" and 60.5 -> "60,5" in Vietnamese; "1,048,576" and "60.5" in English."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "vi" else text


def limits_text(lang: str) -> dict[str, str]:
    """The limits as the upload page states them."""
    return {
        "size_mb": number_text(MAX_UPLOAD_MB, lang),
        "rows": number_text(MAX_ROWS, lang),
        "columns": number_text(MAX_COLUMNS, lang),
    }


def check_size(size: int, name: str) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise FileTooLarge(
            "import.file_too_large", field="file", file=name, size_mb=size / (1024 * 1024), limit_mb=MAX_UPLOAD_MB
        )


def read_upload(path: Path) -> bytes:
    """The bytes of a file to import, refused by its size before it is read (the CLI's path)."""
    check_size(path.stat().st_size, path.name)
    with open(path, "rb") as f:
        data = f.read(MAX_UPLOAD_BYTES + 1)  # a file that grew since stat() is still bounded
    check_size(len(data), path.name)
    return data


def check_rows(rows: int, columns: int, name: str) -> None:
    """Rows and columns counted while reading (CSV): refused once past a limit."""
    if rows > MAX_ROWS:
        raise FileTooLarge("import.too_many_rows", field="file", file=name, limit=MAX_ROWS)
    if columns > MAX_COLUMNS:
        raise FileTooLarge("import.too_many_columns", field="file", file=name, columns=columns, limit=MAX_COLUMNS)
