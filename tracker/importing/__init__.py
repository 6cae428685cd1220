"""Bulk import (issue 3): read a spreadsheet, show every row's fate, then commit all or nothing.

1. ``read_table`` turns the bytes of an .xlsx (python-calamine) or .csv (UTF-8 with or without BOM,
   UTF-16, Windows-1258: detected or chosen) into a header and rows.
2. ``preview_import`` matches headers (Vietnamese or English), parses and validates every row with
   the same rules as the entry form (tracker/validation.py), and classifies it: new, duplicate of an
   existing item or of an earlier row (same kind, session and incoming number, or near-identical
   text), or invalid with the reason, row and column. Nothing is written.
   The rows are a ``RowSet``: those the fast path accepted kept as columns, a ``PreviewRow`` made
   only for a row someone reads (issue 15).
3. ``commit_import`` writes the new rows in ONE ``Database.write``: missing sessions and units
   (only when asked), the items and one "imported" event per item as Arrow inserts of 20,000
   rows at a time inside that one transaction. A file
   with any invalid row is refused whole; duplicates are skipped, so a re-import adds nothing.

The steps live in their own modules: read (bytes -> Table), vocab (headers, value words, session
and unit codes), rows (one row parsed and validated), duplicates, preview, commit, view (the preview
as tables) and template. The column contract export shares is tracker/file_columns.py.
"""

from tracker.file_columns import (
    ALL_COLUMNS,
    COLUMNS,
    DATE_COLUMNS,
    ENCODINGS,
    EXTRA_COLUMNS,
    REQUIRED_COLUMNS,
    TRANSFERRED,
)
from tracker.formula_guard import FORMULA_STARTS, neutralise, unneutralise
from tracker.importing.commit import commit_import, import_file
from tracker.importing.duplicates import TEXT_DUPLICATE_SCORE
from tracker.importing.model import (
    Duplicate,
    Fate,
    ImportedItem,
    ImportResult,
    Preview,
    PreviewRow,
    Progress,
    RowProblem,
)
from tracker.importing.preview import preview_import
from tracker.importing.read import HEADER_SEARCH_ROWS, Table, detect_encoding, read_table
from tracker.importing.template import template_csv, template_xlsx
from tracker.importing.view import PREVIEW_PAGE_ROWS, duplicates_frame, preview_frame, preview_reasons
from tracker.importing.vocab import parse_session, unit_code_for

__all__ = [
    "ALL_COLUMNS",
    "COLUMNS",
    "DATE_COLUMNS",
    "ENCODINGS",
    "EXTRA_COLUMNS",
    "FORMULA_STARTS",
    "HEADER_SEARCH_ROWS",
    "PREVIEW_PAGE_ROWS",
    "REQUIRED_COLUMNS",
    "TEXT_DUPLICATE_SCORE",
    "TRANSFERRED",
    "Duplicate",
    "Fate",
    "ImportResult",
    "ImportedItem",
    "Preview",
    "PreviewRow",
    "Progress",
    "RowProblem",
    "Table",
    "commit_import",
    "detect_encoding",
    "duplicates_frame",
    "import_file",
    "neutralise",
    "parse_session",
    "preview_frame",
    "preview_import",
    "preview_reasons",
    "read_table",
    "template_csv",
    "template_xlsx",
    "unit_code_for",
    "unneutralise",
]
