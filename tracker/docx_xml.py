"""Bits of WordprocessingML python-docx has no API for (borders, cell margins, fields), written
in the schema's element order: Word refuses a file whose elements are out of order."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table, _Row
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run


def el(tag: str, **attrs: str) -> BaseOxmlElement:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def borderless(table: Table) -> None:
    """No borders and no cell margins: the header and signature are laid out, not ruled."""
    borders = el("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(el(f"w:{edge}", val="nil"))
    margins = el("w:tblCellMar")
    for edge in ("left", "right"):
        margins.append(el(f"w:{edge}", w="0", type="dxa"))
    tblpr = table._tbl.tblPr
    tblpr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"
    )
    tblpr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def fix_widths(table: Table, widths_mm: list[float]) -> None:
    """Fixed layout with the grid and every cell set: Word reads the cells, LibreOffice the grid."""
    from docx.shared import Mm

    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def repeat_header(row: _Row) -> None:
    row._tr.get_or_add_trPr().append(el("w:tblHeader", val="true"))


def page_field(paragraph: Paragraph) -> None:
    """A PAGE field: Word and LibreOffice print each page's own number there."""
    from docx.oxml.ns import qn

    def run_with(child: BaseOxmlElement) -> Run:
        run = paragraph.add_run()
        run._r.append(child)
        return run

    run_with(el("w:fldChar", fldCharType="begin"))
    instruction = el("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run_with(instruction)
    run_with(el("w:fldChar", fldCharType="separate"))
    paragraph.add_run("2")
    run_with(el("w:fldChar", fldCharType="end"))
