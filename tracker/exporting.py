"""The pre-session report pack (issue 3): Excel workbook, Word report in the official layout, CSV.

The Word report's layout is tracker/report_docx.py, its sentences tracker/report_text.py.

One function collects what an export shows (``collect``: a session's items as of a date,
optionally one unit's, optionally only the open ones), and each format renders that same data,
so a unit's filtered export and the Minister's office's "open items" list come from one code path
and the summary always adds up to the register beside it. What is collected (``ExportScope``,
``ExportData``, ``scope_lines``) is tracker/export_data.py, re-exported here.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, cast

from tracker.dates import format_date
from tracker.errors import InvalidInput
from tracker.export_data import REPLIED, ExportData, ExportScope, scope_lines  # noqa: F401 - re-exported
from tracker.export_summary import summary_sheet
from tracker.file_columns import CSV_COLUMNS, FORMATS, TRANSFERRED
from tracker.formula_guard import looks_like_formula, neutralise
from tracker.i18n import t
from tracker.items import Kind, Result, Status
from tracker.permissions import Action, Actor, require
from tracker.report_docx import to_docx
from tracker.service import Tracker
from tracker.stats import Counts, count

KINDS = (Kind.VOTER_RECOMMENDATION.value, Kind.DEPUTY_QUESTION.value)
Row = dict[str, Any]  # one item as queries/ returns it
Worksheet = Any  # xlsxwriter ships no type information


def _tally(groups: Iterable[tuple[Any, ...]]) -> Counts:
    """Counts of (kind, unit, status, result, how many) groups, through the pure reference count
    (tracker/stats.py), so the summary adds up to the rows exported."""
    weights: Counter[tuple[str, str | None]] = Counter()
    for _kind, _unit, status, result, n in groups:
        weights[(status, result)] += n
    total = Counts()
    for (status, result), n in weights.items():
        one = count([(Status(status), Result(result) if result else None)])
        total = total + Counts(**{f: getattr(one, f) * n for f in Counts.__dataclass_fields__})
    return total


def collect(tracker: Tracker, actor: Actor, scope: ExportScope, *, rows: bool = True) -> ExportData:
    """Everything a file of ``scope`` holds. ``rows=False`` gives the figures alone, from one
    aggregate (the page shows them on every run; the rows are read only to make a file)."""
    require(actor, Action.EXPORT)
    ref = tracker.reference
    session = ref.session(scope.session_id) if scope.session_id is not None else None
    if scope.unit is not None and ref.unit(scope.unit) is None:
        raise InvalidInput("error.unknown_unit", field="unit", value=scope.unit)
    params = {"as_of": scope.as_of, "session_id": scope.session_id, "unit": scope.unit, "only_open": scope.only_open}
    if rows:
        items = _with_internal_due(tracker, tracker.db.records("export/items", params))
        groups = [(r["kind"], r["lead_unit"], r["status"], r["result"], 1) for r in items]
    else:
        items = []
        groups = [
            (r["kind"], r["lead_unit"], r["status"], r["result"], r["n"])
            for r in tracker.db.records("export/summary", params)
        ]

    # One unit's export: its register holds what it leads and what it coordinates, but its
    # figures count the lead role (as stats --by unit does); the rest is a block of its own.
    led = [g for g in groups if scope.unit is None or g[1] == scope.unit]
    counts = {kind: _tally(g for g in led if g[0] == kind) for kind in KINDS}
    coordinating = None
    if scope.unit is not None:
        coordinating = {kind: _tally(g for g in groups if g[0] == kind and g[1] != scope.unit) for kind in KINDS}
    leads = {g[1] for g in groups}
    by_unit = sorted(
        ((u, _tally(g for g in groups if g[1] == u)) for u in leads),
        key=lambda uc: (-uc[1].overdue, -uc[1].total, uc[0] or ""),
    )
    nxt, due = tracker.report_due_for(session) if session is not None else (None, None)
    return ExportData(scope, session, items, counts, by_unit, nxt, due, coordinating, ref.percent_decimals)


def _with_internal_due(tracker: Tracker, items: list[Row]) -> list[Row]:
    """Each row's internal deadline in force (issue 12): the Office's date, else the default
    counted back from the legal deadline, once per kind and legal deadline (a session's items
    share a few due days)."""
    defaults: dict[tuple[str, date], date] = {}
    for r in items:
        if r["internal_due_on"] is None:
            key = (r["kind"], r["due_on"])
            if key not in defaults:
                defaults[key] = tracker.internal_due(r["kind"], r["due_on"], None)
            r["internal_due_on"] = defaults[key]
    return items


def export(
    tracker: Tracker,
    actor: Actor,
    scope: ExportScope,
    fmt: str,
    *,
    lang: str = "vi",
    number: str = "",
    issued_on: date | None = None,
) -> bytes:
    """The file's bytes in ``fmt`` (xlsx, docx or csv)."""
    if fmt not in FORMATS:
        raise InvalidInput("error.choice", field="format", value=fmt)
    if fmt == "docx" and scope.session_id is None:
        raise InvalidInput("export.session_required", field="session")
    return render(tracker, collect(tracker, actor, scope), fmt, lang=lang, number=number, issued_on=issued_on)


def render(
    tracker: Tracker, data: ExportData, fmt: str, *, lang: str = "vi", number: str = "", issued_on: date | None = None
) -> bytes:
    """The bytes of collected data in one format (the page collects once, shows, then renders)."""
    if fmt == "docx" and data.session is None:
        raise InvalidInput("export.session_required", field="session")
    if fmt == "xlsx":
        return to_xlsx(tracker, data, lang)
    if fmt == "docx":
        return to_docx(tracker, data, lang, number=number, issued_on=issued_on)
    return to_csv(data)


MIME_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv",
}


def filename(tracker: Tracker, scope: ExportScope, fmt: str) -> str:
    """ "kien-nghi-15-8-2026-11-22.xlsx": session, unit and date, ASCII only (mail gateways)."""
    parts = ["bao-cao" if fmt == "docx" else "kien-nghi-chat-van"]
    if scope.session_id is not None:
        parts.append(tracker.reference.session(scope.session_id).ref.code().replace("/", "-").lower())
    if scope.unit:
        from tracker.text import fold

        parts.append(fold(scope.unit).replace(" ", ""))
    if scope.only_open:
        parts.append("chua-tra-loi")
    parts.append(scope.as_of.isoformat())
    return "-".join(parts) + f".{fmt}"


# -- labels shared by the formats --------------------------------------------------------------
def _session_code(r: Row) -> str:
    return f"{r['term']}/{'BT' if r['extraordinary'] else ''}{r['session_number']}"


def _unit_names(tracker: Tracker, codes: str | None, lang: str) -> str:
    ref = tracker.reference
    return "; ".join(ref.unit_name(c, lang) for c in (codes or "").split(";") if c)


def _result_text(r: Row, lang: str) -> str:
    if r["status"] == Status.TRANSFERRED.value:
        return t("status.transferred", lang)
    return t(f"result.{r['result']}", lang) if r["result"] else ""


# -- Excel ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Column:
    key: str
    header: str  # catalog key
    kind: str  # "text" | "long" | "date" | "int"
    value: Callable[[Row], object]


def _register_columns(tracker: Tracker, lang: str, as_of: date) -> list[_Column]:
    ref = tracker.reference
    return [
        _Column("id", "col.id", "int", lambda r: r["id"]),
        _Column("kind", "col.kind", "text", lambda r: t(f"kind.{r['kind']}", lang)),
        _Column("session", "col.session", "text", _session_code),
        _Column("phase", "field.phase", "text", lambda r: t(f"phase.{r['phase']}", lang)),
        _Column("ref_no", "field.ref_no", "text", lambda r: r["ref_no"]),
        _Column("received_on", "field.received_on", "date", lambda r: r["received_on"]),
        _Column("sources", "export.col.sources", "text", lambda r: r["sources"]),
        _Column("deputy", "field.deputy", "text", lambda r: r["deputy"]),
        _Column("summary", "field.summary", "long", lambda r: r["summary"]),
        _Column("topic", "field.topic", "text", lambda r: r["topic"]),
        _Column(
            "lead_unit",
            "field.lead_unit",
            "text",
            lambda r: ref.unit_name(r["lead_unit"], lang) if r["lead_unit"] else t("item.unassigned", lang),
        ),
        _Column(
            "coordinating_units",
            "field.coordinating_units",
            "text",
            lambda r: _unit_names(tracker, r["coordinating_units"], lang),
        ),
        _Column("due_on", "field.due_on", "date", lambda r: r["due_on"]),
        _Column("internal_due_on", "field.internal_due_on", "date", lambda r: r["internal_due_on"]),
        _Column("status", "field.status", "text", lambda r: t(f"status.{r['status']}", lang)),
        _Column("stage", "export.col.stage", "text", lambda r: t(f"stage.{r['stage']}", lang)),
        _Column("response_no", "field.response_no", "text", lambda r: r["response_no"] or ""),
        _Column("responded_on", "field.responded_on", "date", lambda r: r["responded_on"]),
        _Column("signer", "field.signer", "text", lambda r: r["signer"] or ""),
        _Column("result", "field.result", "text", lambda r: _result_text(r, lang)),
        _Column("roadmap", "field.roadmap", "long", lambda r: r["roadmap"] or ""),
        _Column("committed_on", "field.committed_on", "date", lambda r: r["committed_on"]),
        _Column("transferred_on", "field.transferred_on", "date", lambda r: r["transferred_on"]),
        _Column("transfer_note", "field.transfer_note", "text", lambda r: r["transfer_note"] or ""),
    ]


class _Book:
    """xlsxwriter with the formats the pack uses. Text is always written as a string (never a
    formula); text a spreadsheet would evaluate gets Excel's quote prefix as well."""

    def __init__(self, buffer: io.BytesIO) -> None:
        import xlsxwriter

        self.book = xlsxwriter.Workbook(
            buffer,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        base = {"font_name": "Times New Roman", "font_size": 12, "valign": "top"}
        self.f = {
            "text": self.book.add_format(base),
            "long": self.book.add_format({**base, "text_wrap": True}),
            "date": self.book.add_format({**base, "num_format": "dd/mm/yyyy", "align": "center"}),
            "int": self.book.add_format(base),
            "pct_text": self.book.add_format({**base, "align": "right"}),
            "head": self.book.add_format(
                {
                    **base,
                    "bold": True,
                    "text_wrap": True,
                    "bg_color": "#DDEBF7",
                    "border": 1,
                    "align": "center",
                    "valign": "vcenter",
                }
            ),
            "title": self.book.add_format({**base, "bold": True, "font_size": 14}),
            "bold": self.book.add_format({**base, "bold": True}),
            "italic": self.book.add_format({**base, "italic": True}),
        }
        self.quoted = {
            "text": self.book.add_format({**base, "quote_prefix": True}),
            "long": self.book.add_format({**base, "text_wrap": True, "quote_prefix": True}),
        }

    def write(self, ws: Worksheet, row: int, col: int, value: object, kind: str = "text") -> None:
        if value is None or value == "":
            # Nothing to write: an empty cell takes its column's format (set in _item_sheet), and
            # a third of a register's cells are empty (replies not yet in, no roadmap).
            return
        if kind == "date":
            ws.write_datetime(row, col, datetime.combine(cast(date, value), time()), self.f["date"])
        elif kind == "int":
            ws.write_number(row, col, value, self.f[kind])
        else:
            text = str(value)
            fmt = self.quoted.get(kind, self.f["text"]) if looks_like_formula(text) else self.f[kind]
            ws.write_string(row, col, text, fmt)


def _width(header: str, values: list[str], kind: str) -> float:
    if kind == "date":
        return 12
    longest = max([len(header) * 0.9, *[len(v) for v in values[:500]]])
    cap = 60 if kind == "long" else 40
    # Vietnamese letters with stacked diacritics need a little more room than ASCII.
    return max(8.0, min(cap, longest * 1.1 + 2))


def _item_sheet(book: _Book, ws: Worksheet, columns: list[_Column], rows: list[Row], lang: str) -> None:
    for c, col in enumerate(columns):
        ws.write_string(0, c, t(col.header, lang), book.f["head"])
    for r, row in enumerate(rows, start=1):
        for c, col in enumerate(columns):
            book.write(ws, r, c, col.value(row), col.kind)
    for c, col in enumerate(columns):
        values = [str(col.value(row) or "") for row in rows[:500]] if col.kind in ("text", "long") else []
        ws.set_column(c, c, _width(t(col.header, lang), values, col.kind), book.f.get(col.kind, book.f["text"]))
    ws.set_row(0, 32)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)


def to_xlsx(tracker: Tracker, data: ExportData, lang: str = "vi") -> bytes:
    buffer = io.BytesIO()
    book = _Book(buffer)
    summary_sheet(tracker, book, data, lang)
    columns = _register_columns(tracker, lang, data.scope.as_of)
    _item_sheet(book, book.book.add_worksheet(t("export.sheet_register", lang)), columns, data.rows, lang)
    after = 1 + next(n for n, c in enumerate(columns) if c.key == "due_on")  # beside the legal deadline
    overdue_columns = [
        *columns[:after],
        _Column("days_overdue", "export.col.days_overdue", "int", lambda r: (data.scope.as_of - r["due_on"]).days),
        *columns[after:],
    ]
    _item_sheet(
        book, book.book.add_worksheet(t("export.sheet_overdue", lang)), overdue_columns, data.overdue_rows(), lang
    )
    book.book.close()
    return buffer.getvalue()


# -- CSV ------------------------------------------------------------------------------------------
def csv_record(r: Row) -> dict[str, str]:
    """One item in the import's columns: codes, not labels, so it re-imports unchanged; then the
    stage (a code) and the internal deadline, which the import leaves aside."""
    transferred = r["status"] == Status.TRANSFERRED.value
    return {
        "kind": r["kind"],
        "term": str(r["term"]),
        "session": f"{'BT' if r['extraordinary'] else ''}{r['session_number']}",
        "phase": r["phase"],
        "ref_no": r["ref_no"],
        "received_on": format_date(r["received_on"]),
        "source": r["sources"],
        "summary": r["summary"],
        "topic": r["topic"],
        "lead_unit": r["lead_unit"] or "",
        "coordinating_units": r["coordinating_units"],
        "due_on": format_date(r["due_on"]),
        "response_no": r["response_no"] or "",
        "responded_on": format_date(r["transferred_on"] if transferred else r["responded_on"]),
        "result": TRANSFERRED if transferred else (r["result"] or ""),
        "signer": r["signer"] or "",
        "deputy": r["deputy"],
        "full_text": r["full_text"],
        "response_summary": r["response_summary"] or "",
        "roadmap": r["roadmap"] or "",
        "committed_on": format_date(r["committed_on"]),
        "late_reason": r["late_reason"] or "",
        "transfer_note": r["transfer_note"] or "",
        "stage": r["stage"],
        "internal_due_on": format_date(r["internal_due_on"]),
    }


def to_csv(data: ExportData) -> bytes:
    """UTF-8 with a BOM (Excel then reads Vietnamese correctly), CRLF, formula-like text neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in data.rows:
        record = csv_record(r)
        writer.writerow([neutralise(record[c]) for c in CSV_COLUMNS])
    return out.getvalue().encode("utf-8-sig")
