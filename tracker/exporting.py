"""The pre-session report pack (issue 3): Excel workbook, Word report in the official layout, CSV.

One function collects what an export shows (``collect``: a session's items as of a date,
optionally one unit's, optionally only the open ones), and each format renders that same data,
so a unit's filtered export and the Minister's office's "open items" list come from one code path
and the summary always adds up to the register beside it.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from tracker.charts import percent_text
from tracker.dates import format_date, official_date_line
from tracker.errors import InvalidInput
from tracker.export_summary import coordinating_paragraphs, summary_sheet
from tracker.formula_guard import looks_like_formula, neutralise
from tracker.i18n import t
from tracker.importing import ALL_COLUMNS, TRANSFERRED
from tracker.items import Kind, Result, Status
from tracker.permissions import Action, Actor, require
from tracker.service import Tracker
from tracker.sessions import Session
from tracker.stats import Counts, count

FORMATS = ("xlsx", "docx", "csv")
KINDS = (Kind.VOTER_RECOMMENDATION.value, Kind.DEPUTY_QUESTION.value)
REPLIED = (Status.REPLIED_ON_TIME.value, Status.REPLIED_LATE.value)


@dataclass(frozen=True)
class ExportScope:
    session_id: int | None
    as_of: date
    unit: str | None = None
    only_open: bool = False


@dataclass(frozen=True)
class ExportData:
    scope: ExportScope
    session: Session | None
    rows: list[dict]
    counts: dict[str, Counts]  # by kind; for one unit's export, what it leads (= stats --by unit)
    by_unit: list[tuple[str | None, Counts]]  # by lead unit, most overdue first
    next_session: Session | None
    report_due: date | None
    coordinating: dict[str, Counts] | None = None  # one unit's export: what it coordinates, by kind
    decimals: int = 1  # of every printed share (the percent_decimals setting)

    @property
    def total(self) -> Counts:
        return sum(self.counts.values(), Counts())

    def overdue_rows(self) -> list[dict]:
        return [r for r in self.rows if r["status"] == Status.OVERDUE.value]


def _tally(groups) -> Counts:
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
        items = tracker.db.records("export/items", params)
        groups = [(r["kind"], r["lead_unit"], r["status"], r["result"], 1) for r in items]
    else:
        items = []
        groups = [(r["kind"], r["lead_unit"], r["status"], r["result"], r["n"]) for r in tracker.db.records("export/summary", params)]

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
    """"kien-nghi-15-8-2026-11-22.xlsx": session, unit and date, ASCII only (mail gateways)."""
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
def _session_code(r: dict) -> str:
    return f"{r['term']}/{'BT' if r['extraordinary'] else ''}{r['session_number']}"


def _unit_names(tracker: Tracker, codes: str | None, lang: str) -> str:
    ref = tracker.reference
    return "; ".join(ref.unit_name(c, lang) for c in (codes or "").split(";") if c)


def _result_text(r: dict, lang: str) -> str:
    if r["status"] == Status.TRANSFERRED.value:
        return t("status.transferred", lang)
    return t(f"result.{r['result']}", lang) if r["result"] else ""


# -- Excel ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Column:
    key: str
    header: str  # catalog key
    kind: str  # "text" | "long" | "date" | "int"
    value: Callable[[dict], object]


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
        _Column("lead_unit", "field.lead_unit", "text",
                lambda r: ref.unit_name(r["lead_unit"], lang) if r["lead_unit"] else t("item.unassigned", lang)),
        _Column("coordinating_units", "field.coordinating_units", "text", lambda r: _unit_names(tracker, r["coordinating_units"], lang)),
        _Column("due_on", "field.due_on", "date", lambda r: r["due_on"]),
        _Column("status", "field.status", "text", lambda r: t(f"status.{r['status']}", lang)),
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
            buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
        )
        base = {"font_name": "Times New Roman", "font_size": 12, "valign": "top"}
        self.f = {
            "text": self.book.add_format(base),
            "long": self.book.add_format({**base, "text_wrap": True}),
            "date": self.book.add_format({**base, "num_format": "dd/mm/yyyy", "align": "center"}),
            "int": self.book.add_format(base),
            "pct_text": self.book.add_format({**base, "align": "right"}),
            "head": self.book.add_format(
                {**base, "bold": True, "text_wrap": True, "bg_color": "#DDEBF7", "border": 1, "align": "center", "valign": "vcenter"}
            ),
            "title": self.book.add_format({**base, "bold": True, "font_size": 14}),
            "bold": self.book.add_format({**base, "bold": True}),
            "italic": self.book.add_format({**base, "italic": True}),
        }
        self.quoted = {
            "text": self.book.add_format({**base, "quote_prefix": True}),
            "long": self.book.add_format({**base, "text_wrap": True, "quote_prefix": True}),
        }

    def write(self, ws, row: int, col: int, value: object, kind: str = "text") -> None:
        if value is None or value == "":
            # Nothing to write: an empty cell takes its column's format (set in _item_sheet), and
            # a third of a register's cells are empty (replies not yet in, no roadmap).
            return
        if kind == "date":
            ws.write_datetime(row, col, datetime.combine(value, time()), self.f["date"])
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


def _item_sheet(book: _Book, ws, columns: list[_Column], rows: list[dict], lang: str) -> None:
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
    overdue_columns = [
        *columns[:13],
        _Column("days_overdue", "export.col.days_overdue", "int", lambda r: (data.scope.as_of - r["due_on"]).days),
        *columns[13:],
    ]
    _item_sheet(book, book.book.add_worksheet(t("export.sheet_overdue", lang)), overdue_columns, data.overdue_rows(), lang)
    book.book.close()
    return buffer.getvalue()


def scope_lines(tracker: Tracker, data: ExportData, lang: str) -> list[str]:
    """What the export covers, in words (the summary sheet and the page say the same)."""
    ref = tracker.reference
    lines = [t("export.as_of_line", lang, date=format_date(data.scope.as_of))]
    if data.scope.unit:
        lines.append(t("export.unit_line", lang, unit=ref.unit_name(data.scope.unit, lang)))
        lines.append(t("export.unit_role_line", lang))
    if data.scope.only_open:
        lines.append(t("export.only_open_line", lang))
    if data.report_due is not None and data.next_session is not None:
        lines.append(
            t("progress.report_due", lang, date=format_date(data.report_due), session=data.next_session.label(lang),
              opens=format_date(data.next_session.opens_on))
        )
    elif data.session is not None:
        lines.append(t("progress.report_due_unknown", lang))
    return lines


# -- CSV ------------------------------------------------------------------------------------------
def csv_record(r: dict) -> dict[str, str]:
    """One item in the import's columns: codes, not labels, so it re-imports unchanged."""
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
    }


def to_csv(data: ExportData) -> bytes:
    """UTF-8 with a BOM (Excel then reads Vietnamese correctly), CRLF, formula-like text neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ALL_COLUMNS)
    for r in data.rows:
        record = csv_record(r)
        writer.writerow([neutralise(record[c]) for c in ALL_COLUMNS])
    return out.getvalue().encode("utf-8-sig")


# -- Word -----------------------------------------------------------------------------------------
# Decree 30/2020/NĐ-CP, Appendix I: A4; top/bottom 20-25 mm, left 30-35 mm, right 15-20 mm;
# Times New Roman, body 13-14 pt.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
FONT = "Times New Roman"
BODY_PT = 14


def _set_cell_text(cell, text: str, *, bold: bool = False, italic: bool = False, size: float = 12, align=None) -> None:
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if n:
            paragraph = cell.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        run = paragraph.add_run(line)
        run.bold, run.italic = bold, italic
        run.font.size = Pt(size)


def _paragraph(doc, text: str, *, bold: bool = False, italic: bool = False, size: float = BODY_PT, align=None, indent: bool = False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if align is None else align
    p.paragraph_format.space_after = Pt(6)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1.27)
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    return p


def _borderless(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _appendix_rows(doc, table, widths, rows) -> None:
    """Append rows as raw XML cloned from one prepared row: python-docx's cell API costs ~3 ms a
    cell (10,000 recommendations took 30 s), this costs a few microseconds."""
    from copy import deepcopy

    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style = doc.styles.add_style("Appendix Text", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.font.size = Pt(12)
    style.paragraph_format.space_after = Pt(0)
    prototype = table.add_row()
    for n, (cell, width) in enumerate(zip(prototype.cells, widths, strict=True)):
        cell.width = width
        cell.paragraphs[0].style = style
        if n == 0:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    template = prototype._tr
    template.getparent().remove(template)
    tbl = table._tbl
    space = qn("xml:space")
    for values in rows:
        tr = deepcopy(template)
        for tc, value in zip(tr.tc_lst, values, strict=True):
            first = tc.p_lst[0]
            paragraph = first
            for n, line in enumerate(str(value).split("\n")):
                if n:
                    paragraph = deepcopy(first)
                    for old in paragraph.findall(qn("w:r")):
                        paragraph.remove(old)
                    tc.append(paragraph)
                run, text = OxmlElement("w:r"), OxmlElement("w:t")
                text.text = line
                text.set(space, "preserve")
                run.append(text)
                paragraph.append(run)
        tbl.append(tr)


def report_paragraphs(data: ExportData, lang: str) -> list[str]:
    """The ministry's paragraphs: received, replied N/N (x%), the three result categories, what is
    still open, and the deputies' questions. Also the body of the Word report."""
    session = data.session.label(lang) if data.session else t("export.all_sessions", lang)
    rec = data.counts[Kind.VOTER_RECOMMENDATION.value]
    q = data.counts[Kind.DEPUTY_QUESTION.value]

    def pct(part: int, whole: int) -> str:
        return percent_text(part, whole, lang, data.decimals)

    out = [t("docx.intro", lang, session=session)]
    if rec.total or rec.transferred:
        out.append(t("docx.received", lang, total=rec.total + rec.transferred, session=session))
        if rec.transferred:
            out.append(t("docx.transferred", lang, count=rec.transferred))
        out.append(
            t(
                "docx.replied", lang, date=format_date(data.scope.as_of), replied=rec.replied, total=rec.total,
                pct=pct(rec.replied, rec.total), resolved=rec.resolved, resolved_pct=pct(rec.resolved, rec.replied),
                being=rec.being_resolved, being_pct=pct(rec.being_resolved, rec.replied), explained=rec.explained,
                explained_pct=pct(rec.explained, rec.replied),
            )
        )
        open_count = rec.open_not_due + rec.overdue
        if open_count:
            out.append(t("docx.open", lang, open=open_count, overdue=rec.overdue, not_due=rec.open_not_due))
        else:
            out.append(t("docx.none_open", lang))
    else:
        out.append(t("docx.none_received", lang, session=session))
    if q.total or q.transferred:
        out.append(t("docx.questions", lang, total=q.total, replied=q.replied, pct=pct(q.replied, q.total), overdue=q.overdue))
    else:
        out.append(t("progress.none_received.deputy_question", lang, session=session))
    out.append(t("docx.closing", lang))
    return out


def _appendix_result(r: dict, lang: str) -> str:
    if r["status"] == Status.TRANSFERRED.value:
        return f"{t('status.transferred', lang)}: {r['transfer_note'] or ''}".strip(": ")
    if r["status"] in REPLIED:
        text = t(f"result.{r['result']}", lang)
        if r["result"] == Result.BEING_RESOLVED.value:
            text += "\n" + t("docx.roadmap", lang, roadmap=r["roadmap"] or "", date=format_date(r["committed_on"]))
        return text
    return t(f"status.{r['status']}", lang)


def to_docx(tracker: Tracker, data: ExportData, lang: str = "vi", *, number: str = "", issued_on: date | None = None) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    issued_on = issued_on or date.today()
    center = WD_ALIGN_PARAGRAPH.CENTER
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])

    # Heading (Decree 30/2020, Appendix I): issuing body and number on the left; the national
    # name and motto, then the italic place-and-date line, on the right.
    heading = doc.add_table(rows=1, cols=2)
    _borderless(heading)
    heading.autofit = False
    left, right = heading.rows[0].cells
    left.width, right.width = Mm(62), Mm(103)
    _set_cell_text(left, t("docx.issuer", lang), bold=True, size=13, align=center)
    _set_cell_text(right, t("docx.nation", lang), bold=True, size=13, align=center)
    motto = right.add_paragraph()
    motto.alignment = center
    run = motto.add_run(t("docx.motto", lang))
    run.bold, run.font.size = True, Pt(14)
    rule = right.add_paragraph()
    rule.alignment = center
    rule.add_run("―――――――――").font.size = Pt(8)
    rule_left = left.add_paragraph()
    rule_left.alignment = center
    rule_left.add_run("――――――").font.size = Pt(8)
    number_line = left.add_paragraph()
    number_line.alignment = center
    number_line.add_run(t("docx.number", lang, number=number or t("docx.number_blank", lang))).font.size = Pt(13)
    date_line = right.add_paragraph()
    date_line.alignment = center
    date_text = official_date_line(issued_on) if lang == "vi" else t("docx.date_line", lang, date=format_date(issued_on))
    run = date_line.add_run(date_text)
    run.italic, run.font.size = True, Pt(14)

    session = data.session.label(lang) if data.session else t("export.all_sessions", lang)
    doc.add_paragraph()
    _paragraph(doc, t("docx.title", lang), bold=True, align=center)
    _paragraph(doc, t("docx.subtitle", lang, session=session), bold=True, align=center)
    if data.scope.unit:
        _paragraph(doc, t("export.unit_line", lang, unit=tracker.reference.unit_name(data.scope.unit, lang)), italic=True, align=center)
    for text in report_paragraphs(data, lang):
        _paragraph(doc, text, indent=True)
    for text in coordinating_paragraphs(tracker, data, lang):
        _paragraph(doc, text, indent=True)

    sign = doc.add_table(rows=1, cols=2)
    _borderless(sign)
    to_cell, signer_cell = sign.rows[0].cells
    _set_cell_text(to_cell, t("docx.recipients_label", lang), bold=True, italic=True, size=12)
    for line in t("docx.recipients", lang).split("\n"):
        p = to_cell.add_paragraph()
        p.add_run(line).font.size = Pt(11)
    _set_cell_text(signer_cell, t("docx.signer_title", lang), bold=True, size=14, align=center)

    # Appendix: every recommendation with its reply document and result.
    doc.add_page_break()
    _paragraph(doc, t("docx.appendix", lang), bold=True, align=center)
    _paragraph(doc, t("docx.appendix_title", lang, session=session.upper()), bold=True, align=center)
    _paragraph(
        doc, t("docx.appendix_ref", lang, number=number or t("docx.number_blank", lang), date=format_date(issued_on)),
        italic=True, align=center, size=13,
    )
    recommendations = [r for r in data.rows if r["kind"] == Kind.VOTER_RECOMMENDATION.value]
    heads = ("no", "summary", "sources", "lead_unit", "reply", "result")
    table = doc.add_table(rows=1, cols=len(heads))
    table.style = doc.styles["Table Grid"]
    widths = (Mm(10), Mm(55), Mm(28), Mm(25), Mm(22), Mm(25))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, head, width in zip(table.rows[0].cells, heads, widths, strict=True):
        cell.width = width
        _set_cell_text(cell, t(f"docx.col.{head}", lang), bold=True, size=12, align=center)
    _repeat_header(table.rows[0])
    ref = tracker.reference
    _appendix_rows(
        doc,
        table,
        widths,
        (
            (
                str(n), r["summary"], r["sources"],
                ref.unit_name(r["lead_unit"], lang) if r["lead_unit"] else t("item.unassigned", lang),
                t("docx.reply_doc", lang, number=r["response_no"] or "", date=format_date(r["responded_on"]))
                if r["status"] in REPLIED else "",
                _appendix_result(r, lang),
            )
            for n, r in enumerate(recommendations, start=1)
        ),
    )
    if not recommendations:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        _set_cell_text(merged, t("docx.no_recommendations", lang), italic=True, size=12, align=center)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
