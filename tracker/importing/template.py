"""The file to fill in: an empty CSV, or a workbook with a guide sheet."""

from __future__ import annotations

import csv
import io

from tracker.file_columns import ALL_COLUMNS, DATE_COLUMNS, REQUIRED_COLUMNS
from tracker.i18n import t

_EXAMPLE = {
    "kind": "voter_recommendation",
    "term": "15",
    "session": "9",
    "phase": "after",
    "ref_no": "1234/BDN",
    "received_on": "04/08/2025",
    "source": "Cử tri tỉnh Nghệ An; Cử tri TP. Hà Nội",
    "summary": "Đề nghị điều chỉnh mức lương cơ sở phù hợp với mức tăng giá tiêu dùng.",
    "topic": "Tiền lương",
    "lead_unit": "TLBHXH",
    "coordinating_units": "VP",
    "due_on": "",
    "response_no": "902/BNV-TLBHXH",
    "responded_on": "15/09/2025",
    "result": "explained",
    "signer": "Thứ trưởng Trần Minh Khoa",
}


def template_csv() -> bytes:
    """An empty CSV with the import's English column names (UTF-8 with BOM for Excel)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(ALL_COLUMNS)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(lang: str = "vi") -> bytes:
    """A workbook to fill in: headers in the user's language on the first sheet, and a guide
    (every column, whether it is required, the values it takes, an example) on the second."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    data = book.add_worksheet(t("import.template_sheet", lang))
    for col, name in enumerate(ALL_COLUMNS):
        data.write_string(0, col, t(f"import.col.{name}", lang) if lang == "vi" else name, bold)
        data.set_column(
            col,
            col,
            40 if name in ("summary", "full_text", "response_summary") else 18,
            date_format if name in DATE_COLUMNS else None,
        )
    data.freeze_panes(1, 0)
    guide = book.add_worksheet(t("import.guide_sheet", lang))
    heads = ("guide_column", "guide_english", "guide_required", "guide_values", "guide_example")
    for col, key in enumerate(heads):
        guide.write_string(0, col, t(f"import.{key}", lang), bold)
    for n, name in enumerate(ALL_COLUMNS, start=1):
        guide.write_string(n, 0, t(f"import.col.{name}", lang), wrap)
        guide.write_string(n, 1, name, wrap)
        guide.write_string(n, 2, t("import.yes", lang) if name in REQUIRED_COLUMNS else "", wrap)
        guide.write_string(n, 3, t(f"import.help.{name}", lang), wrap)
        guide.write_string(n, 4, _EXAMPLE.get(name, ""), wrap)
    guide.set_column(0, 0, 26)
    guide.set_column(1, 1, 20)
    guide.set_column(2, 2, 10)
    guide.set_column(3, 3, 70)
    guide.set_column(4, 4, 40)
    guide.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()
