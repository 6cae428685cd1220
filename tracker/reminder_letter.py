"""The công văn đôn đốc (issue 13, point 5): the Ministry Office's official letter to one unit
listing its items overdue or due soon with both deadlines, in the layout of Decree 30/2020/NĐ-CP
(Appendix I, the form of a công văn): the issuing body with the number placeholder and the
"V/v" summary under it (boxes 2, 3, 5b), the national name, motto and date line (boxes 1, 4),
"Kính gửi:" the unit (box 9a), the list, the request, "Nơi nhận" and the signature block (7, 9b).

Issuing it is recorded on each listed item (event ``reminder_letter``) in the same transaction
that decides the list, so the history says which letter chased which item."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from tracker import history
from tracker.dates import format_date
from tracker.docx_xml import borderless, fix_widths, repeat_header
from tracker.errors import InvalidInput
from tracker.i18n import t
from tracker.mail.compose import MailItem
from tracker.mail.remind import open_items
from tracker.permissions import Action, Actor, require
from tracker.reference import Reference
from tracker.report_layout import (
    APPENDIX_PT,
    BODY_MM,
    BODY_PT,
    DATE_PT,
    FONT,
    ISSUER_PT,
    MARGINS_MM,
    MOTTO_PT,
    NATION_PT,
    NUMBER_PT,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    add_body,
    add_line,
    add_rule,
    date_words,
)
from tracker.storage import Cursor, Database
from tracker.text_width import text_width_mm

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

SUMMARY_PT = 12  # box 5b: the "V/v" line, 12-13 pt upright
COLUMNS_MM = (11, 65, 24, 24, 41)  # STT, content, legal and internal deadlines (dd/mm/yyyy unbroken), state


@dataclass(frozen=True)
class Letter:
    unit: str
    as_of: date
    items: tuple[MailItem, ...]
    content: bytes


def chased_items(cur: Cursor, reference: Reference, unit: str, as_of: date) -> list[MailItem]:
    """The unit's open items (it leads) overdue or due within the due-soon window, oldest first."""
    until = reference.due_soon_until(as_of)
    items = open_items(cur, as_of, reference.settings, reference.calendar)  # with each internal deadline
    return [i for i in items if i.lead_unit == unit and i.due_on <= until]


def units_to_chase(db: Database, reference: Reference, as_of: date) -> dict[str, int]:
    """How many items each unit's letter would list as of a day (chased_items' rule, counted in
    SQL: the pages show it on every run)."""
    until = reference.due_soon_until(as_of)
    return {str(u): int(n) for u, n in db.all("mail/chase_counts", [as_of, as_of, as_of, until])}


def issue_letter(
    db: Database, reference: Reference, actor: Actor, unit: str, as_of: date, number: str = "", lang: str = "vi"
) -> Letter:
    """Build the letter and record it on each listed item, all or nothing; refused when the
    unit has nothing to chase."""
    require(actor, Action.ASSIGN)
    if reference.unit(unit) is None:
        raise InvalidInput("error.unit_not_found", field="unit", value=unit)

    def work(cur: Cursor) -> Letter:
        items = chased_items(cur, reference, unit, as_of)
        if not items:
            raise InvalidInput("error.letter_nothing", field="unit", unit=reference.unit_name(unit, lang))
        content = render_letter(reference, unit, items, as_of, number, lang)
        for item in items:
            version = cur.one("mail/get_item", [item.id])
            changes: history.Changes = {
                "letter_no": [None, number or t("letter.number_blank", "vi")],
                "letter_on": [None, as_of.isoformat()],
            }
            history.log_item(cur, item.id, actor, "reminder_letter", changes, "", int(version[0]) if version else 1)
        return Letter(unit, as_of, tuple(items), content)

    return db.write(work)


def _document() -> DocxDocument:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    doc.core_properties.author = t("docx.issuer", "vi")  # not python-docx's own name
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    return doc


def _heading(doc: DocxDocument, number: str, issued_on: date | None, lang: str) -> None:
    motto, nation = t("docx.motto", lang), t("docx.nation", lang)
    date_line = t("docx.date_line", lang, date=date_words(issued_on or date(2026, 12, 28), lang))
    right_mm = (
        max(
            text_width_mm(nation, NATION_PT, bold=True),
            text_width_mm(motto, MOTTO_PT, bold=True),
            text_width_mm(date_line, DATE_PT, italic=True),
        )
        + 6
    )
    widths = [BODY_MM - right_mm, right_mm]
    table = doc.add_table(rows=1, cols=2)
    borderless(table)
    fix_widths(table, widths)
    left, right = table.rows[0].cells
    issuer = t("docx.issuer", lang)
    add_line(left, issuer, ISSUER_PT, bold=True)
    add_rule(left, 0.45 * text_width_mm(issuer, ISSUER_PT, bold=True), widths[0])
    add_line(left, t("docx.number", lang, number=number or t("letter.number_blank", lang)), NUMBER_PT, before=6)
    add_line(left, t("letter.subject", lang), SUMMARY_PT, before=3)
    add_line(right, nation, NATION_PT, bold=True)
    add_line(right, motto, MOTTO_PT, bold=True)
    add_rule(right, text_width_mm(motto, MOTTO_PT, bold=True), widths[1])
    add_line(right, t("docx.date_line", lang, date=date_words(issued_on, lang)), DATE_PT, italic=True, before=6)


def _list(doc: DocxDocument, reference: Reference, items: list[MailItem], as_of: date, lang: str) -> None:
    from docx.shared import Pt

    table = doc.add_table(rows=1, cols=len(COLUMNS_MM))
    table.style = "Table Grid"
    fix_widths(table, list(COLUMNS_MM))
    heads = ("no", "content", "due", "internal_due", "state")
    for cell, key in zip(table.rows[0].cells, heads, strict=True):
        add_line(cell, t(f"letter.col.{key}", lang), APPENDIX_PT, bold=True)
    repeat_header(table.rows[0])
    for n, item in enumerate(items, 1):
        cells = table.add_row().cells
        label = item.ref_no.strip() or f"#{item.id}"
        over = (as_of - item.due_on).days
        if over > 0:
            state = t("letter.overdue", lang, days=over)
        else:
            state = t("letter.due_in", lang, days=reference.calendar.working_days_between(as_of, item.due_on))
        values = (
            str(n),
            f"{t(f'kind.{item.kind}', lang)} {label}: {item.summary}",
            format_date(item.due_on),
            format_date(item.internal_due_on) if item.internal_due_on else "—",
            state,
        )
        for col, (cell, value) in enumerate(zip(cells, values, strict=True)):
            add_line(cell, value, APPENDIX_PT, align="left" if col == 1 else "center")
    doc.add_paragraph().paragraph_format.space_after = Pt(6)


def _signature(doc: DocxDocument, lang: str) -> None:
    block = doc.add_table(rows=1, cols=2)
    borderless(block)
    fix_widths(block, [BODY_MM - 85, 85])
    recipients, signature = block.rows[0].cells
    add_line(recipients, t("docx.recipients_label", lang), 12, bold=True, italic=True, align="left", before=6)
    for line in t("letter.recipients", lang).split("\n"):
        add_line(recipients, line, 11, align="left")
    for n, line in enumerate(t("letter.signer_title", lang).split("\n")):
        add_line(signature, line, BODY_PT, bold=True, before=6 if n == 0 else 0)
    add_line(signature, t("letter.signer_name", lang), BODY_PT, bold=True, before=84)


def render_letter(
    reference: Reference, unit: str, items: list[MailItem], as_of: date, number: str = "", lang: str = "vi"
) -> bytes:
    """The letter's bytes. Number and date stay blank for the office to fill in when it signs."""
    from docx.shared import Pt

    doc = _document()
    _heading(doc, number, None, lang)
    name = reference.unit_name(unit, lang)
    add_line(doc, t("letter.to", lang, unit=name), BODY_PT, before=18).paragraph_format.space_after = Pt(12)
    overdue = sum(1 for i in items if i.due_on < as_of)
    params = {"unit": name, "as_of": format_date(as_of), "count": len(items), "overdue": overdue}
    add_body(doc, t("letter.intro", lang, **params))
    _list(doc, reference, items, as_of, lang)
    by = reference.calendar.add_working_days(as_of, 3)
    add_body(doc, t("letter.request", lang, unit=name, by=format_date(by)))
    add_body(doc, t("letter.closing", lang))
    _signature(doc, lang)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
