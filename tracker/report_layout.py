"""The Word report's page and its building blocks (Decree 30/2020/NĐ-CP, Appendix I): the page's
measures and fonts, a line of text, a solid rule, a body paragraph and the date in words, shared
by the report's first pages (tracker/report_docx.py) and its appendix (tracker/report_appendix.py).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tracker.dates import format_date, official_date_line
from tracker.docx_xml import el
from tracker.i18n import t

if TYPE_CHECKING:  # python-docx itself is imported only when a report is written
    from docx.document import Document
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

    Container = Document | _Cell

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


def add_line(
    container: Container,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: str = "center",
    before: float = 0,
) -> Paragraph:
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


def add_rule(container: Container, length_mm: float, within_mm: float) -> Paragraph:
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


def add_body(doc: Document, text: str) -> None:
    """Box 6: justified, first line indented 1.27 cm, 6 pt between paragraphs, 1.15 lines."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    p = doc.add_paragraph(text)
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    p.paragraph_format.first_line_indent = Cm(1.27)
    p.paragraph_format.space_after = Pt(6)
    p.paragraph_format.line_spacing = 1.15


def date_words(issued_on: date | None, lang: str) -> str:
    """ "ngày 05 tháng 3 năm 2026", or blanks for the office to fill in when it dates the report."""
    if issued_on is None:
        return t("docx.date_blank", lang)
    if lang == "vi":
        return official_date_line(issued_on).partition(", ")[2]
    return format_date(issued_on)
