"""The columns an import reads and an export writes (issue 3): one contract, so an export
re-imports unchanged. Plain data, no pandas, so the CLI can parse its arguments without it."""

from __future__ import annotations

# The import's column names (issue 3), in template order. The CSV export writes exactly these,
# so an export re-imports unchanged.
COLUMNS: tuple[str, ...] = (
    "kind",
    "term",
    "session",
    "phase",
    "ref_no",
    "received_on",
    "source",
    "summary",
    "topic",
    "lead_unit",
    "coordinating_units",
    "due_on",
    "response_no",
    "responded_on",
    "result",
    "signer",
)
# Optional columns that carry the rest of an item, so nothing is lost on a round trip.
EXTRA_COLUMNS: tuple[str, ...] = (
    "deputy",
    "full_text",
    "response_summary",
    "roadmap",
    "committed_on",
    "late_reason",
    "transfer_note",
)
ALL_COLUMNS = COLUMNS + EXTRA_COLUMNS
# What the CSV export adds after them (issue 12): the workflow stage (a code, like kind and result)
# and the internal deadline in force. Derived or the Office's: the import leaves them aside.
EXPORT_ONLY_COLUMNS: tuple[str, ...] = ("stage", "internal_due_on")
CSV_COLUMNS = ALL_COLUMNS + EXPORT_ONLY_COLUMNS
# A blank or absent phase follows from the session's dates (sessions.derive_phase).
REQUIRED_COLUMNS = ("kind", "session", "received_on", "summary")
DATE_COLUMNS = frozenset({"received_on", "due_on", "responded_on", "committed_on"})
TRANSFERRED = "transferred"  # a result value: returned/transferred to the competent agency
ENCODINGS = ("auto", "utf-8", "utf-16", "cp1258")
# The export's file formats (tracker/exporting.py, the CLI's --format).
FORMATS = ("xlsx", "docx", "csv")
