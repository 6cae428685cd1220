"""The Word report to the NA Standing Committee in the layout of Decree 30/2020/NĐ-CP, Appendix I.

Point by point (the box numbers are the decree's layout diagram):
- A4 portrait, Times New Roman, margins top/bottom 20, left 30, right 15 mm; body 14 pt.
- Header as a borderless two-column table: the issuing body (box 2: capitals, bold, 13 pt) with a
  short solid rule under it (1/3 to 1/2 of its length) and the number (box 3); the national name
  (box 1: capitals, bold, 12-13 pt) on ONE line, the motto (bold, 13-14 pt) with a solid rule
  exactly as long as the motto, and the italic place-and-date line (box 4). Column widths come
  from the text's measured width (tracker/text_width.py), so nothing wraps.
- Title "BÁO CÁO" and the summary line (box 5), a short solid rule under it.
- Page numbers from page 2, centred in the top margin (a PAGE field; the first page has its own,
  empty header).
- Recipients (box 9: "Nơi nhận:" bold italic 12 pt, the list in 11 pt) and the signature block
  (box 7: "KT. BỘ TRƯỞNG" / "THỨ TRƯỞNG", room for the signature, the signer's name), from the
  administrator's signer settings or dotted lines until they are set (tracker/report_signer.py).
- The appendix in its own LANDSCAPE section, the reply column as wide as the longest reply number
  so "3909/BNV-BTGCP" and dd/mm/yyyy dates are never broken; "(Kèm theo Báo cáo số …/BC-BNV ngày …
  tháng … năm …)" with blanks the office fills in when it numbers and dates the report.

This module builds the first pages; the page's measures and building blocks are in
tracker/report_layout.py, the appendix in tracker/report_appendix.py.
"""

from __future__ import annotations

import io
from datetime import date
from typing import TYPE_CHECKING

from tracker.docx_xml import borderless, el, fix_widths, page_field
from tracker.export_data import ExportData
from tracker.export_summary import coordinating_paragraphs
from tracker.i18n import t
from tracker.report_appendix import add_appendix, appendix_widths
from tracker.report_layout import (
    APPENDIX_PT,
    BODY_MM,
    BODY_PT,
    CELL_PAD_MM,
    DATE_PT,
    FONT,
    ISSUER_PT,
    LANDSCAPE_BODY_MM,
    MARGINS_MM,
    MOTTO_PT,
    NATION_PT,
    NUMBER_PT,
    PAGE_HEIGHT_MM,
    PAGE_NUMBER_PT,
    PAGE_WIDTH_MM,
    add_body,
    add_line,
    add_rule,
    date_words,
)
from tracker.report_signer import Signer
from tracker.report_text import report_paragraphs
from tracker.service import Tracker
from tracker.text_width import text_width_mm

if TYPE_CHECKING:  # python-docx itself is imported only when a report is written
    from docx.document import Document as DocxDocument
    from docx.section import Section

# The page's measures and the appendix's widths live beside this module; tests import them here.
__all__ = [
    "APPENDIX_PT",
    "BODY_MM",
    "CELL_PAD_MM",
    "LANDSCAPE_BODY_MM",
    "MOTTO_PT",
    "NATION_PT",
    "appendix_widths",
    "heading_widths",
    "to_docx",
]


def heading_widths(lang: str) -> tuple[float, float]:
    """Left and right column widths (mm): the right one holds the national name, motto and date
    line on one line each, with 6 mm to spare; the issuing body gets the rest."""
    right = (
        max(
            text_width_mm(t("docx.nation", lang), NATION_PT, bold=True),
            text_width_mm(t("docx.motto", lang), MOTTO_PT, bold=True),
            text_width_mm(t("docx.date_line", lang, date=date_words(date(2026, 12, 28), lang)), DATE_PT, italic=True),
        )
        + 6
    )
    return BODY_MM - right, right


def _heading(doc: DocxDocument, lang: str, number: str, issued_on: date | None) -> None:
    heading = doc.add_table(rows=1, cols=2)
    borderless(heading)
    widths = heading_widths(lang)
    fix_widths(heading, list(widths))
    left, right = heading.rows[0].cells
    issuer = t("docx.issuer", lang)
    add_line(left, issuer, ISSUER_PT, bold=True)
    add_rule(left, 0.45 * text_width_mm(issuer, ISSUER_PT, bold=True), widths[0])
    # The number sits level with the date line: below the issuer as the date is below the motto.
    add_line(
        left, t("docx.number", lang, number=number or t("docx.number_blank", lang)), NUMBER_PT, before=MOTTO_PT + 9
    )
    motto = t("docx.motto", lang)
    add_line(right, t("docx.nation", lang), NATION_PT, bold=True)
    add_line(right, motto, MOTTO_PT, bold=True)
    add_rule(right, text_width_mm(motto, MOTTO_PT, bold=True), widths[1])
    add_line(right, t("docx.date_line", lang, date=date_words(issued_on, lang)), DATE_PT, italic=True, before=6)


def _title(doc: DocxDocument, tracker: Tracker, data: ExportData, lang: str, session: str) -> None:
    from docx.shared import Pt

    add_line(doc, t("docx.title", lang), BODY_PT, bold=True, before=18)
    subtitle = t("docx.subtitle", lang, session=session)
    lines = [subtitle]
    if text_width_mm(subtitle, BODY_PT, bold=True) > BODY_MM - 2 and subtitle.endswith(session):
        # Too long for one line: break before the session's name, not wherever the line fills.
        lines = [subtitle[: -len(session)].rstrip(), session]
    p = add_line(doc, lines[0], BODY_PT, bold=True)
    for more in lines[1:]:
        run = p.add_run()
        run.add_break()
        run.add_text(more)
        run.bold, run.font.size = True, Pt(BODY_PT)
    longest = max(text_width_mm(line, BODY_PT, bold=True) for line in lines)
    add_rule(doc, min(longest, BODY_MM) / 3, BODY_MM)
    if data.scope.unit:
        add_line(
            doc,
            t("export.unit_line", lang, unit=tracker.reference.unit_name(data.scope.unit, lang)),
            BODY_PT,
            italic=True,
        )
    doc.paragraphs[-1].paragraph_format.space_after = Pt(12)


def _signature(doc: DocxDocument, signer: Signer, lang: str) -> None:
    from docx.shared import Pt

    block = doc.add_table(rows=1, cols=2)
    borderless(block)
    fix_widths(block, [BODY_MM - 85, 85])
    recipients, signature = block.rows[0].cells
    add_line(recipients, t("docx.recipients_label", lang), 12, bold=True, italic=True, align="left", before=6)
    for item in t("docx.recipients", lang).split("\n"):
        add_line(recipients, item, 11, align="left")
    for n, text in enumerate(signer.title_lines(lang)):
        add_line(signature, text, BODY_PT, bold=True, before=6 if n == 0 else 0)
    # Room for the signature and the seal (about 30 mm), then the name.
    add_line(signature, signer.name_line(), BODY_PT, bold=True, before=84)
    doc.add_paragraph().paragraph_format.space_after = Pt(0)


def _page_numbers(section: Section) -> None:
    """Numbers from page 2, centred in the top margin, 13 pt upright (Decree 30/2020, Appendix I)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # its own header, left empty
    section.header_distance = Mm(10)
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_field(paragraph)
    for run in paragraph.runs:
        run.font.size = Pt(PAGE_NUMBER_PT)


def _document() -> DocxDocument:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    rpr.append(el("w:lang", val="vi-VN"))  # Vietnamese spelling and line breaking in Word
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    return doc


def to_docx(
    tracker: Tracker, data: ExportData, lang: str = "vi", *, number: str = "", issued_on: date | None = None
) -> bytes:
    """The report's bytes. Without ``number`` and ``issued_on`` the number and date are left blank
    for the office to fill in when the report is signed (never today's date by default)."""
    doc = _document()
    _page_numbers(doc.sections[0])
    session = data.session.label(lang) if data.session else t("export.all_sessions", lang)
    _heading(doc, lang, number, issued_on)
    _title(doc, tracker, data, lang, session)
    for text in [*report_paragraphs(data, lang), *coordinating_paragraphs(tracker, data, lang)]:
        add_body(doc, text)
    _signature(doc, tracker.signer, lang)
    add_appendix(doc, tracker, data, lang, session, number, issued_on)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
