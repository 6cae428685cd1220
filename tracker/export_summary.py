"""The export's figures (issue 9): the Excel summary sheet, and for a unit's export the block of
items it only coordinates, labelled apart.

A unit's summary counts what the unit leads, so it equals ``stats --by unit`` (role "lead")
for the same session and date; items it coordinates for another lead unit are in the register
beside it and are summed in their own block, never under the unit's name as if it led them.
"""

from __future__ import annotations

from typing import Any, Protocol

from tracker.export_data import ExportData, scope_lines
from tracker.formatting import percent_text
from tracker.i18n import t
from tracker.items import Kind
from tracker.report_text import replied_of_total
from tracker.service import Tracker
from tracker.stats import Counts

Worksheet = Any  # xlsxwriter ships no type information


class Book(Protocol):
    """tracker/exporting.py's ``_Book`` (which imports this module): the workbook and its formats."""

    book: Any
    f: dict[str, Any]


KINDS = (Kind.VOTER_RECOMMENDATION.value, Kind.DEPUTY_QUESTION.value)

SUMMARY_LINES = (
    ("metric.total", "total"),
    ("metric.replied", "replied"),
    ("status.replied_on_time", "replied_on_time"),
    ("status.replied_late", "replied_late"),
    ("status.open_not_due", "open_not_due"),
    ("status.overdue", "overdue"),
    ("status.transferred", "transferred"),
)
RESULT_LINES = (
    ("result.resolved", "resolved"),
    ("result.being_resolved", "being_resolved"),
    ("result.explained", "explained"),
)


def _kind_table(book: Book, ws: Worksheet, row: int, counts: dict[str, Counts], lang: str, decimals: int) -> int:
    """The measures x (recommendations, questions, all) table; returns the next free row."""
    heads = [t("export.col.measure", lang), *[t(f"kind.{k}", lang) for k in KINDS], t("export.col.all", lang)]
    for c, head in enumerate(heads):
        ws.write_string(row, c, head, book.f["head"])
    row += 1
    per_kind = [counts[k] for k in KINDS] + [sum(counts.values(), Counts())]
    for key, attr in SUMMARY_LINES:
        ws.write_string(row, 0, t(key, lang), book.f["text"])
        for c, c_ in enumerate(per_kind, start=1):
            ws.write_number(row, c, getattr(c_, attr), book.f["int"])
        row += 1
    ws.write_string(row, 0, t("metric.completion", lang), book.f["text"])
    for c, c_ in enumerate(per_kind, start=1):
        write_percent(book, ws, row, c, c_.replied, c_.total, lang, decimals)
    row += 2
    ws.write_string(row, 0, t("export.results_heading", lang), book.f["bold"])
    row += 1
    for key, attr in RESULT_LINES:
        ws.write_string(row, 0, t(key, lang), book.f["text"])
        for c, c_ in enumerate(per_kind, start=1):
            ws.write_number(row, c, getattr(c_, attr), book.f["int"])
        row += 1
    return row + 1


def write_percent(
    book: Book, ws: Worksheet, row: int, col: int, part: int, whole: int, lang: str, decimals: int
) -> None:
    """The rule's text itself (tracker/percent.py), so every spreadsheet DISPLAYS exactly what the
    page and the report say: a number format would round 99,95 % up to "100,0 %" and would take
    its decimal separator from the reader's locale, not from the file's language."""
    ws.write_string(row, col, percent_text(part, whole, lang, decimals), book.f["pct_text"])


def summary_sheet(tracker: Tracker, book: Book, data: ExportData, lang: str) -> None:
    ws = book.book.add_worksheet(t("export.sheet_summary", lang))
    ref = tracker.reference
    title = data.session.label(lang) if data.session else t("export.all_sessions", lang)
    ws.write_string(0, 0, t("export.summary_title", lang, session=title.upper()), book.f["title"])
    row = 1
    for line in scope_lines(tracker, data, lang):
        ws.write_string(row, 0, line, book.f["italic"])
        row += 1
    row += 1
    if data.scope.unit:
        unit = ref.unit_name(data.scope.unit, lang)
        ws.write_string(row, 0, t("export.block_lead", lang, unit=unit), book.f["bold"])
        row += 1
    row = _kind_table(book, ws, row, data.counts, lang, data.decimals)
    row = _raised_again_lines(tracker, book, ws, row, data, lang)
    if data.coordinating is not None:
        ws.write_string(
            row, 0, t("export.block_coordinating", lang, unit=ref.unit_name(data.scope.unit, lang)), book.f["bold"]
        )
        row = _kind_table(book, ws, row + 1, data.coordinating, lang, data.decimals)
    ws.write_string(row, 0, t("progress.by_unit", lang), book.f["bold"])
    row += 1
    unit_heads = [
        t("field.lead_unit", lang),
        t("metric.total", lang),
        t("metric.replied", lang),
        t("status.replied_on_time", lang),
        t("status.replied_late", lang),
        t("status.open_not_due", lang),
        t("status.overdue", lang),
        t("status.transferred", lang),
        t("metric.completion", lang),
    ]
    for c, head in enumerate(unit_heads):
        ws.write_string(row, c, head, book.f["head"])
    row += 1
    for code, c_ in data.by_unit:
        ws.write_string(row, 0, ref.unit_name(code, lang) if code else t("item.unassigned", lang), book.f["text"])
        for c, value in enumerate(
            (c_.total, c_.replied, c_.replied_on_time, c_.replied_late, c_.open_not_due, c_.overdue, c_.transferred),
            start=1,
        ):
            ws.write_number(row, c, value, book.f["int"])
        write_percent(book, ws, row, 8, c_.replied, c_.total, lang, data.decimals)
        row += 1
    ws.set_column(0, 0, 48)
    ws.set_column(1, 8, 16)
    # The shares are text on purpose (write_percent): no "number stored as text" warnings.
    ws.ignore_errors({"number_stored_as_text": f"A1:I{row + 1}"})


def _raised_again_lines(tracker: Tracker, book: Book, ws: Worksheet, row: int, data: ExportData, lang: str) -> int:
    """Issue 14: of the exported recommendations, how many repeat an earlier one, and how many of
    those were last answered "explained" or with a roadmap whose date has passed."""
    ids = [r["id"] for r in data.rows if r.get("kind") == Kind.VOTER_RECOMMENDATION.value]
    counts = tracker.raised_again_counts(ids, data.scope.as_of)
    for key, value in (
        ("similar.count_raised_again", counts.raised_again),
        ("similar.count_last_explained", counts.last_explained),
        ("similar.count_commitment_passed", counts.commitment_passed),
    ):
        ws.write_string(row, 0, t(key, lang), book.f["text"])
        ws.write_number(row, 1, value, book.f["int"])
        row += 1
    return row + 1


def coordinating_paragraphs(tracker: Tracker, data: ExportData, lang: str) -> list[str]:
    """The Word report's separately labelled block for a unit's export: what the unit coordinates
    for other lead units (empty when the export is not for one unit)."""
    if data.coordinating is None:
        return []
    unit = tracker.reference.unit_name(data.scope.unit, lang)
    rec = data.coordinating[Kind.VOTER_RECOMMENDATION.value]
    q = data.coordinating[Kind.DEPUTY_QUESTION.value]
    if not (rec.total or q.total):
        return [t("docx.coordinating_none", lang, unit=unit)]
    out = [t("docx.coordinating_heading", lang, unit=unit)]
    for kind, c in ((Kind.VOTER_RECOMMENDATION.value, rec), (Kind.DEPUTY_QUESTION.value, q)):
        if c.total:
            out.append(replied_of_total(f"docx.coordinating.{kind}", c, lang, data.decimals))
    return out
