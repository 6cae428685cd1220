# mypy: ignore-errors
# (not yet strict-clean: issue 10 removes this marker module by module)
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
"""

from __future__ import annotations

import io
import re
from copy import deepcopy
from datetime import date

from tracker.dates import format_date, official_date_line
from tracker.docx_xml import borderless, el, fix_widths, page_field, repeat_header
from tracker.export_data import REPLIED, ExportData
from tracker.export_summary import coordinating_paragraphs
from tracker.i18n import t
from tracker.items import Kind, Result, Status
from tracker.report_signer import Signer
from tracker.report_text import report_paragraphs
from tracker.service import Tracker
from tracker.text_width import text_width_mm

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
BODY_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
LANDSCAPE_BODY_MM = PAGE_HEIGHT_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
FONT = "Times New Roman"
BODY_PT = 14
NATION_PT, MOTTO_PT, ISSUER_PT, NUMBER_PT, DATE_PT, PAGE_NUMBER_PT = 13, 14, 13, 13, 14, 13
APPENDIX_PT = 12
APPENDIX_TITLE_PT = 13  # the decree allows 13-14: 13 keeps a session's title on one landscape line
RULE_WIDTH = 6  # eighths of a point: a 0.75 pt solid line
CELL_PAD_MM = 1.9  # Word's default left and right cell margin in a ruled table
BLANK = "…"


# -- paragraphs ----------------------------------------------------------------------------------
def _line(
    container, text: str, size: float, *, bold: bool = False, italic: bool = False, align="center", before: float = 0
):
    """One paragraph in ``container`` (a cell or the document); a cell's first, empty paragraph is reused."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraphs = getattr(container, "paragraphs", [])
    reuse = hasattr(container, "vertical_alignment") and len(paragraphs) == 1 and not paragraphs[0].text
    p = paragraphs[0] if reuse else container.add_paragraph()
    p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
    p.paragraph_format.space_before = Pt(before)
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    return p


# What may follow w:pBdr inside w:pPr (ECMA-376 Part 1, 17.3.1.26).
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _rule(container, length_mm: float, within_mm: float):
    """A solid horizontal rule ``length_mm`` long, centred in ``within_mm``: the top border of an
    empty 1 pt paragraph indented from both sides (no dash characters, nothing that can wrap)."""
    from docx.shared import Mm, Pt

    p = container.add_paragraph()
    side = max(0.0, (within_mm - length_mm) / 2)
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = Mm(side)
    p.paragraph_format.space_before, p.paragraph_format.space_after = Pt(3), Pt(0)
    p.paragraph_format.line_spacing = Pt(1)
    borders = el("w:pBdr")
    borders.append(el("w:top", val="single", sz=str(RULE_WIDTH), space="1", color="000000"))
    ppr = p._p.get_or_add_pPr()
    ppr.insert_element_before(borders, *_AFTER_PBDR)
    mark = el("w:rPr")
    mark.append(el("w:sz", val="2"))
    ppr.insert_element_before(mark, "w:sectPr", "w:pPrChange")
    return p


def _body(doc, text: str) -> None:
    """Box 6: justified, first line indented 1.27 cm, 6 pt between paragraphs, 1.15 lines."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    p = doc.add_paragraph(text)
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    p.paragraph_format.first_line_indent = Cm(1.27)
    p.paragraph_format.space_after = Pt(6)
    p.paragraph_format.line_spacing = 1.15


# -- the parts -----------------------------------------------------------------------------------
def _date_words(issued_on: date | None, lang: str) -> str:
    """ "ngày 05 tháng 3 năm 2026", or blanks for the office to fill in when it dates the report."""
    if issued_on is None:
        return t("docx.date_blank", lang)
    if lang == "vi":
        return official_date_line(issued_on).partition(", ")[2]
    return format_date(issued_on)


def heading_widths(lang: str) -> tuple[float, float]:
    """Left and right column widths (mm): the right one holds the national name, motto and date
    line on one line each, with 6 mm to spare; the issuing body gets the rest."""
    right = (
        max(
            text_width_mm(t("docx.nation", lang), NATION_PT, bold=True),
            text_width_mm(t("docx.motto", lang), MOTTO_PT, bold=True),
            text_width_mm(t("docx.date_line", lang, date=_date_words(date(2026, 12, 28), lang)), DATE_PT, italic=True),
        )
        + 6
    )
    return BODY_MM - right, right


def _heading(doc, lang: str, number: str, issued_on: date | None) -> None:
    heading = doc.add_table(rows=1, cols=2)
    borderless(heading)
    widths = heading_widths(lang)
    fix_widths(heading, list(widths))
    left, right = heading.rows[0].cells
    issuer = t("docx.issuer", lang)
    _line(left, issuer, ISSUER_PT, bold=True)
    _rule(left, 0.45 * text_width_mm(issuer, ISSUER_PT, bold=True), widths[0])
    # The number sits level with the date line: below the issuer as the date is below the motto.
    _line(left, t("docx.number", lang, number=number or t("docx.number_blank", lang)), NUMBER_PT, before=MOTTO_PT + 9)
    motto = t("docx.motto", lang)
    _line(right, t("docx.nation", lang), NATION_PT, bold=True)
    _line(right, motto, MOTTO_PT, bold=True)
    _rule(right, text_width_mm(motto, MOTTO_PT, bold=True), widths[1])
    _line(right, t("docx.date_line", lang, date=_date_words(issued_on, lang)), DATE_PT, italic=True, before=6)


def _title(doc, tracker: Tracker, data: ExportData, lang: str, session: str) -> None:
    from docx.shared import Pt

    _line(doc, t("docx.title", lang), BODY_PT, bold=True, before=18)
    subtitle = t("docx.subtitle", lang, session=session)
    lines = [subtitle]
    if text_width_mm(subtitle, BODY_PT, bold=True) > BODY_MM - 2 and subtitle.endswith(session):
        # Too long for one line: break before the session's name, not wherever the line fills.
        lines = [subtitle[: -len(session)].rstrip(), session]
    p = _line(doc, lines[0], BODY_PT, bold=True)
    for more in lines[1:]:
        run = p.add_run()
        run.add_break()
        run.add_text(more)
        run.bold, run.font.size = True, Pt(BODY_PT)
    longest = max(text_width_mm(line, BODY_PT, bold=True) for line in lines)
    _rule(doc, min(longest, BODY_MM) / 3, BODY_MM)
    if data.scope.unit:
        _line(
            doc,
            t("export.unit_line", lang, unit=tracker.reference.unit_name(data.scope.unit, lang)),
            BODY_PT,
            italic=True,
        )
    doc.paragraphs[-1].paragraph_format.space_after = Pt(12)


def _signature(doc, signer: Signer, lang: str) -> None:
    from docx.shared import Pt

    block = doc.add_table(rows=1, cols=2)
    borderless(block)
    fix_widths(block, [BODY_MM - 85, 85])
    recipients, signature = block.rows[0].cells
    _line(recipients, t("docx.recipients_label", lang), 12, bold=True, italic=True, align="left", before=6)
    for item in t("docx.recipients", lang).split("\n"):
        _line(recipients, item, 11, align="left")
    for n, text in enumerate(signer.title_lines(lang)):
        _line(signature, text, BODY_PT, bold=True, before=6 if n == 0 else 0)
    # Room for the signature and the seal (about 30 mm), then the name.
    _line(signature, signer.name_line(), BODY_PT, bold=True, before=84)
    doc.add_paragraph().paragraph_format.space_after = Pt(0)


def _page_numbers(section) -> None:
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


def _appendix_result(r: dict, lang: str) -> str:
    if r["status"] == Status.TRANSFERRED.value:
        return f"{t('status.transferred', lang)}: {r['transfer_note'] or ''}".strip(": ")
    if r["status"] in REPLIED:
        text = t(f"result.{r['result']}", lang)
        if r["result"] == Result.BEING_RESOLVED.value:
            text += "\n" + t("docx.roadmap", lang, roadmap=r["roadmap"] or "", date=format_date(r["committed_on"]))
        return text
    return t(f"status.{r['status']}", lang)


def _reply_text(r: dict, lang: str) -> str:
    if r["status"] not in REPLIED:
        return ""
    return t("docx.reply_doc", lang, number=r["response_no"] or "", date=format_date(r["responded_on"]))


APPENDIX_COLUMNS = ("no", "summary", "sources", "lead_unit", "reply", "result")


def appendix_widths(replies: list[str], lang: str) -> list[float]:
    """Column widths (mm) across the landscape page. The reply column fits its longest line ("Số
    3909/BNV-BTGCP", "ngày 05/08/2025") whole; the summary takes what is left."""
    longest = max(
        [text_width_mm(line, APPENDIX_PT) for text in replies for line in text.split("\n")]
        + [text_width_mm(word, APPENDIX_PT, bold=True) for word in t("docx.col.reply", lang).split()]
        + [text_width_mm(t("docx.reply_doc", lang, number="", date="00/00/0000").split("\n")[-1], APPENDIX_PT)]
    )
    reply = min(70.0, longest + 2 * CELL_PAD_MM + 2)
    fixed = {"no": 12.0, "sources": 36.0, "lead_unit": 36.0, "reply": reply, "result": 50.0}
    summary = LANDSCAPE_BODY_MM - sum(fixed.values())
    return [summary if c == "summary" else fixed[c] for c in APPENDIX_COLUMNS]


# A hyphen inside a token ("27-NQ/TW", "BNV-BTGCP"; Vietnamese words are never hyphenated) is
# written as Word's non-breaking hyphen, so a narrow column never splits a document's symbol.
JOINED_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def _appendix_rows(doc, table, widths_mm: list[float], rows) -> None:
    """Append rows as raw XML cloned from one prepared row: python-docx's cell API costs ~3 ms a
    cell (10,000 recommendations took 30 s), this costs a few microseconds."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    style = doc.styles.add_style("Appendix Text", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.font.size = Pt(APPENDIX_PT)
    style.paragraph_format.space_after = Pt(0)
    prototype = table.add_row()
    for n, (cell, width) in enumerate(zip(prototype.cells, widths_mm, strict=True)):
        cell.width = Mm(width)
        cell.paragraphs[0].style = style
        if APPENDIX_COLUMNS[n] in ("no", "reply"):
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
                run = OxmlElement("w:r")
                for k, piece in enumerate(JOINED_HYPHEN.split(line) if "-" in line else (line,)):
                    if k:
                        run.append(OxmlElement("w:noBreakHyphen"))
                    text = OxmlElement("w:t")
                    text.text = piece
                    text.set(space, "preserve")
                    run.append(text)
                paragraph.append(run)
        tbl.append(tr)


def _appendix(
    doc, tracker: Tracker, data: ExportData, lang: str, session: str, number: str, issued_on: date | None
) -> None:
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(PAGE_HEIGHT_MM), Mm(PAGE_WIDTH_MM)
    section.different_first_page_header_footer = False  # numbered from its first page on
    _line(doc, t("docx.appendix", lang), BODY_PT, bold=True)
    _line(doc, t("docx.appendix_title", lang, session=session.upper()), APPENDIX_TITLE_PT, bold=True)
    ref = t("docx.appendix_ref", lang, number=number or t("docx.number_blank", lang), date=_date_words(issued_on, lang))
    _line(doc, ref, BODY_PT, italic=True)
    doc.add_paragraph()

    recommendations = [r for r in data.rows if r["kind"] == Kind.VOTER_RECOMMENDATION.value]
    replies = [_reply_text(r, lang) for r in recommendations]
    widths = appendix_widths(replies, lang)
    table = doc.add_table(rows=1, cols=len(APPENDIX_COLUMNS))
    table.style = doc.styles["Table Grid"]
    fix_widths(table, widths)
    for cell, head in zip(table.rows[0].cells, APPENDIX_COLUMNS, strict=True):
        _line(cell, t(f"docx.col.{head}", lang), APPENDIX_PT, bold=True)
    repeat_header(table.rows[0])
    units = tracker.reference
    _appendix_rows(
        doc,
        table,
        widths,
        (
            (
                str(n),
                r["summary"],
                r["sources"],
                units.unit_name(r["lead_unit"], lang) if r["lead_unit"] else t("item.unassigned", lang),
                reply,
                _appendix_result(r, lang),
            )
            for n, (r, reply) in enumerate(zip(recommendations, replies, strict=True), start=1)
        ),
    )
    if not recommendations:
        cells = table.add_row().cells
        _line(cells[0].merge(cells[-1]), t("docx.no_recommendations", lang), APPENDIX_PT, italic=True)


def _document():
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
        _body(doc, text)
    _signature(doc, tracker.signer, lang)
    _appendix(doc, tracker, data, lang, session, number, issued_on)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
