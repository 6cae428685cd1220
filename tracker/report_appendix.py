"""The Word report's appendix: the session's recommendations one per row, in its own LANDSCAPE
section, the reply column as wide as the longest reply number so "3909/BNV-BTGCP" and dd/mm/yyyy
dates are never broken (Decree 30/2020/NĐ-CP, Appendix I; tracker/report_docx.py has the rest).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from copy import deepcopy
from datetime import date
from typing import TYPE_CHECKING, Any

from tracker.dates import format_date
from tracker.docx_xml import fix_widths, repeat_header
from tracker.export_data import REPLIED, ExportData
from tracker.i18n import t
from tracker.items import Kind, Result, Status
from tracker.report_layout import (
    APPENDIX_PT,
    APPENDIX_TITLE_PT,
    BODY_PT,
    CELL_PAD_MM,
    LANDSCAPE_BODY_MM,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    add_line,
    date_words,
)
from tracker.service import Tracker
from tracker.text_width import text_width_mm

if TYPE_CHECKING:  # python-docx itself is imported only when a report is written
    from docx.document import Document
    from docx.table import Table

Row = dict[str, Any]  # one item as queries/ returns it


def _appendix_result(r: Row, lang: str) -> str:
    if r["status"] == Status.TRANSFERRED.value:
        return f"{t('status.transferred', lang)}: {r['transfer_note'] or ''}".strip(": ")
    if r["status"] in REPLIED:
        text = t(f"result.{r['result']}", lang)
        if r["result"] == Result.BEING_RESOLVED.value:
            text += "\n" + t("docx.roadmap", lang, roadmap=r["roadmap"] or "", date=format_date(r["committed_on"]))
        return text
    return t(f"status.{r['status']}", lang)


def _reply_text(r: Row, lang: str) -> str:
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


def _appendix_rows(doc: Document, table: Table, widths_mm: list[float], rows: Iterable[Sequence[str]]) -> None:
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
    prototype = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it unannotated
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


def add_appendix(
    doc: Document, tracker: Tracker, data: ExportData, lang: str, session: str, number: str, issued_on: date | None
) -> None:
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(PAGE_HEIGHT_MM), Mm(PAGE_WIDTH_MM)
    section.different_first_page_header_footer = False  # numbered from its first page on
    add_line(doc, t("docx.appendix", lang), BODY_PT, bold=True)
    add_line(doc, t("docx.appendix_title", lang, session=session.upper()), APPENDIX_TITLE_PT, bold=True)
    ref = t("docx.appendix_ref", lang, number=number or t("docx.number_blank", lang), date=date_words(issued_on, lang))
    add_line(doc, ref, BODY_PT, italic=True)
    doc.add_paragraph()

    recommendations = [r for r in data.rows if r["kind"] == Kind.VOTER_RECOMMENDATION.value]
    replies = [_reply_text(r, lang) for r in recommendations]
    widths = appendix_widths(replies, lang)
    table = doc.add_table(rows=1, cols=len(APPENDIX_COLUMNS))
    table.style = doc.styles["Table Grid"]
    fix_widths(table, widths)
    for cell, head in zip(table.rows[0].cells, APPENDIX_COLUMNS, strict=True):
        add_line(cell, t(f"docx.col.{head}", lang), APPENDIX_PT, bold=True)
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
        add_line(cells[0].merge(cells[-1]), t("docx.no_recommendations", lang), APPENDIX_PT, italic=True)
