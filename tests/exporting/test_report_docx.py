"""The Word report's Decree 30/2020 layout read back with python-docx: what Word will lay out (one-
line national name, solid rules, page numbers from page 2, the signature block, a landscape
appendix with whole reply numbers), the signer settings, and the zero-free sentences."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from tests.conftest import ADMIN, LIAISON, VIEWER, draft, reply, session_id
from tracker import clock
from tracker.errors import InvalidInput, PermissionDenied
from tracker.exporting import ExportScope, collect, export
from tracker.items import Kind, Phase, Result
from tracker.permissions import SYSTEM
from tracker.plain_text import unescape_markdown
from tracker.report_docx import (
    APPENDIX_PT,
    BODY_MM,
    CELL_PAD_MM,
    LANDSCAPE_BODY_MM,
    MOTTO_PT,
    NATION_PT,
    appendix_widths,
    heading_widths,
)
from tracker.report_signer import PLACEHOLDER, Signer
from tracker.report_text import report_paragraphs
from tracker.text_width import text_width_mm

TODAY = clock.today()
FONTS = Path("/usr/share/fonts/truetype/liberation2")


def word(tracker, code: str = "15/9", lang: str = "vi", **kwargs) -> docx.Document:
    scope = ExportScope(session_id(tracker, code), kwargs.pop("as_of", TODAY))
    return docx.Document(io.BytesIO(export(tracker, SYSTEM, scope, "docx", lang=lang, **kwargs)))


def mm(twips: str | int) -> float:
    return int(twips) / 1440 * 25.4


def grid_mm(table) -> list[float]:
    return [mm(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def rule_length_mm(paragraph, within_mm: float) -> float | None:
    """The length of the solid rule a paragraph draws (its top border between its indents)."""
    ppr = paragraph._p.pPr
    border = ppr.find(qn("w:pBdr")) if ppr is not None else None
    if border is None or border.find(qn("w:top")) is None:
        return None
    assert border.find(qn("w:top")).get(qn("w:val")) == "single"
    fmt = paragraph.paragraph_format
    return within_mm - fmt.left_indent.mm - fmt.right_indent.mm


# -- the heading ----------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_national_name_motto_and_date_line_fit_their_column_on_one_line(lang, demo_tracker):
    document = word(demo_tracker, lang=lang, issued_on=date(2026, 12, 28))
    heading = document.tables[0]
    left, right = grid_mm(heading)
    assert left + right == pytest.approx(BODY_MM, abs=0.1) and (left, right) == pytest.approx(
        heading_widths(lang), abs=0.1
    )
    margins = heading._tbl.tblPr.find(qn("w:tblCellMar"))
    assert {m.get(qn("w:w")) for m in margins} == {"0"}  # the whole width is the text's
    cell = heading.rows[0].cells[1]
    nation, motto, _rule, date_line = cell.paragraphs
    for paragraph, size, bold, italic in (
        (nation, NATION_PT, True, False),
        (motto, MOTTO_PT, True, False),
        (date_line, 14, False, True),
    ):
        run = paragraph.runs[0]
        assert (run.font.size.pt, bool(run.bold), bool(run.italic)) == (size, bold, italic)
        assert text_width_mm(paragraph.text, size, bold=bold, italic=italic) < right - 3, paragraph.text
    assert 12 <= NATION_PT <= 13 and 13 <= MOTTO_PT <= 14  # Decree 30/2020, Appendix I, box 1
    issuer = heading.rows[0].cells[0].paragraphs[0]
    assert text_width_mm(issuer.text, 13, bold=True) < left - 3


def test_the_rules_are_solid_lines_as_long_as_the_decree_says(demo_tracker):
    document = word(demo_tracker)
    left_mm, right_mm = grid_mm(document.tables[0])
    left, right = document.tables[0].rows[0].cells
    motto_rule = rule_length_mm(right.paragraphs[2], right_mm)
    assert motto_rule == pytest.approx(text_width_mm("Độc lập - Tự do - Hạnh phúc", MOTTO_PT, bold=True), abs=0.2)
    issuer_rule = rule_length_mm(left.paragraphs[1], left_mm)
    issuer_width = text_width_mm("BỘ NỘI VỤ", 13, bold=True)
    assert issuer_width / 3 <= issuer_rule <= issuer_width / 2
    [title_rule] = [length for p in document.paragraphs if (length := rule_length_mm(p, BODY_MM)) and p.text == ""][:1]
    subtitle = next(p.text for p in document.paragraphs if p.text.startswith("Kết quả giải quyết"))
    assert subtitle.split("\n") == [
        "Kết quả giải quyết, trả lời kiến nghị của cử tri gửi đến",
        "Kỳ họp thứ 9, Quốc hội khóa XV",
    ]
    longest_line = max(text_width_mm(line, 14, bold=True) for line in subtitle.split("\n"))
    assert longest_line / 3 - 0.1 <= title_rule <= longest_line / 2
    # Every rule is a border, never a run of dash characters.
    texts = [p.text for p in document.paragraphs] + [p.text for c in (left, right) for p in c.paragraphs]
    assert not [x for x in texts if set(x) & set("―—–_") and len(set(x)) == 1]


def test_pages_are_numbered_from_page_2_in_the_top_margin(demo_tracker):
    document = word(demo_tracker)
    first, appendix = document.sections
    assert first.different_first_page_header_footer and not first.first_page_header.is_linked_to_previous
    assert first.first_page_header.paragraphs[0].text == ""
    header = first.header.paragraphs[0]
    assert header.alignment == 1  # centred
    assert " PAGE " in [x.text for x in header._p.iter(qn("w:instrText"))]
    assert header.runs[-1].font.size is None or header.runs[1].font.size.pt in (13, 14)
    # The appendix section shows the number on its first page too, from the same header.
    assert not appendix.different_first_page_header_footer and appendix.header.is_linked_to_previous


# -- the signature block -----------------------------------------------------------------------------
def signature_lines(document) -> list[str]:
    return [p.text for p in document.tables[1].rows[0].cells[1].paragraphs if p.text]


def test_an_unset_signer_leaves_dotted_lines_and_a_set_one_prints_kt_form(demo_tracker):
    assert signature_lines(word(demo_tracker)) == [PLACEHOLDER, PLACEHOLDER]
    demo_tracker.save_signer(ADMIN, Signer("  Trần Minh Khoa ", "Thứ trưởng", "kt"))
    document = word(demo_tracker)
    assert signature_lines(document) == ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Trần Minh Khoa"]
    cell = document.tables[1].rows[0].cells[1]
    name = cell.paragraphs[-1]
    assert all(r.bold for p in cell.paragraphs for r in p.runs)
    assert name.paragraph_format.space_before.pt >= 72  # room for the signature and the seal
    assert signature_lines(word(demo_tracker, lang="en")) == ["FOR THE MINISTER", "THỨ TRƯỞNG", "Trần Minh Khoa"]

    demo_tracker.save_signer(ADMIN, Signer("Phạm Thị Thanh Trà", "Bộ trưởng", ""))
    assert signature_lines(word(demo_tracker)) == ["BỘ TRƯỞNG", "Phạm Thị Thanh Trà"]
    [latest, *_] = [e for e in demo_tracker.list_events(ADMIN) if e["action"] == "signer_saved"]
    assert latest["changes"] == {
        "signer_name": ["Trần Minh Khoa", "Phạm Thị Thanh Trà"],
        "signer_title": ["Thứ trưởng", "Bộ trưởng"],
        "signer_authority": ["kt", ""],
    }


@pytest.mark.parametrize(
    ("signer", "message"),
    [
        (Signer("Trần Minh Khoa", "", "kt"), "Hãy nhập chức vụ của người ký (ví dụ: Thứ trưởng)."),
        (Signer("Trần Minh Khoa", "Bộ trưởng", "kt"), 'chức vụ của người ký không thể là "BỘ TRƯỞNG"'),
        (Signer("Trần Minh Khoa", "Thứ trưởng", "ký thay"), 'Giá trị "ký thay" không hợp lệ (Hình thức ký).'),
        (Signer("Trần\nMinh Khoa", "Thứ trưởng", "kt"), "Họ và tên người ký"),
        (Signer("K" * 81, "Thứ trưởng", "kt"), "Họ và tên người ký"),
    ],
)
def test_a_wrong_signer_is_refused_in_words_and_changes_nothing(tracker, signer, message):
    tracker.save_signer(ADMIN, Signer("Nguyễn Văn Đúng", "Thứ trưởng", "kt"))
    with pytest.raises(InvalidInput) as caught:
        tracker.save_signer(ADMIN, signer)
    assert message in caught.value.message("vi")
    assert tracker.signer == Signer("Nguyễn Văn Đúng", "Thứ trưởng", "kt")
    assert [e["action"] for e in tracker.list_events(ADMIN)].count("signer_saved") == 1


@pytest.mark.parametrize("actor", [LIAISON, VIEWER])
def test_only_administrators_set_the_signer(tracker, actor):
    with pytest.raises(PermissionDenied):
        tracker.save_signer(actor, Signer("Trần Minh Khoa", "Thứ trưởng", "kt"))
    assert tracker.signer == Signer()


# -- the appendix -----------------------------------------------------------------------------------
def test_the_appendix_is_landscape_and_keeps_reply_numbers_and_dates_whole(tracker):
    long_numbers = ["3909/BNV-BTGCP", "12345/BNV-TCBC", "902/BNV-CQĐP"]
    for n, number in enumerate(long_numbers):
        item_id = tracker.create_item(
            LIAISON, draft(tracker, ref_no=f"{n}/BDN", summary=f"Sửa Nghị định 178/2024/NĐ-CP ({n}).")
        )
        tracker.record_reply(LIAISON, item_id, 1, reply(date(2025, 9, 1), response_no=number))
    document = word(tracker, as_of=date(2025, 12, 31))
    portrait, landscape = document.sections
    assert portrait.orientation == WD_ORIENT.PORTRAIT
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert (round(landscape.page_width.mm), round(landscape.page_height.mm)) == (297, 210)
    table = document.tables[-1]
    widths = grid_mm(table)
    assert sum(widths) == pytest.approx(LANDSCAPE_BODY_MM, abs=0.2)
    reply_width = widths[4] - 2 * CELL_PAD_MM
    cells = [r.cells[4] for r in table.rows[1:]]
    assert sorted(c.paragraphs[0].text for c in cells) == sorted(f"Số {n}" for n in long_numbers)
    for cell in cells:
        number, day = (p.text for p in cell.paragraphs)  # number and date on lines of their own
        assert day == "ngày 01/09/2025"
        assert text_width_mm(number, APPENDIX_PT) < reply_width and text_width_mm(day, APPENDIX_PT) < reply_width
    assert widths[1] == max(widths)  # the recommendation's text gets the most room
    summary = table.rows[1].cells[1]
    assert summary.text.startswith("Sửa Nghị định 178/2024/NĐ-CP (")  # read back as typed, and kept whole:
    assert len(summary._tc.findall(".//" + qn("w:noBreakHyphen"))) == 1
    assert "(Kèm theo Báo cáo số …/BC-BNV ngày … tháng … năm … của Bộ Nội vụ)" in [p.text for p in document.paragraphs]
    assert "Hà Nội, ngày … tháng … năm …" == document.tables[0].rows[0].cells[1].paragraphs[-1].text


def test_reply_column_widths_follow_the_longest_number():
    short = appendix_widths(["Số 1/BNV\nngày 01/09/2025"], "vi")
    long = appendix_widths(["Số 123456/BNV-CCVC-TCBC\nngày 01/09/2025"], "vi")
    assert long[4] > short[4] and text_width_mm("Số 123456/BNV-CCVC-TCBC", APPENDIX_PT) < long[4] - 2 * CELL_PAD_MM
    assert sum(short) == pytest.approx(LANDSCAPE_BODY_MM) and sum(long) == pytest.approx(LANDSCAPE_BODY_MM)


# -- the sentences --------------------------------------------------------------------------------------
def add(tracker, n: int, *, replied: Result | None = None, on: date = date(2025, 9, 1), **kw) -> None:
    for k in range(n):
        item_id = tracker.create_item(
            LIAISON, draft(tracker, ref_no=f"{replied}-{k}-{kw.get('received_on')}/BDN", **kw)
        )
        if replied is not None:
            tracker.record_reply(LIAISON, item_id, 1, reply(on, replied))


def paragraphs(tracker, as_of: date, lang: str = "vi") -> list[str]:
    return report_paragraphs(collect(tracker, SYSTEM, ExportScope(session_id(tracker, "15/9"), as_of)), lang)


def test_no_sentence_states_a_zero_and_shares_are_of_the_replies(tracker):
    # Received 04/08/2025, due 60 days later (03/10/2025): as of 01/10 nothing is overdue yet.
    add(tracker, 3, replied=Result.RESOLVED)
    add(tracker, 1, replied=Result.EXPLAINED)
    add(tracker, 2)
    text = paragraphs(tracker, date(2025, 10, 1))
    assert text[2] == (
        "Tính đến ngày 01/10/2025, Bộ Nội vụ đã trả lời 4/6 kiến nghị "
        f"({percent(4, 6)}); trong số kiến nghị đã trả lời: đã giải quyết xong 3 kiến nghị ({percent(3, 4)}); "
        f"giải trình, cung cấp thông tin 1 kiến nghị ({percent(1, 4)})."
    )
    assert text[3] == "Còn 2 kiến nghị chưa đến hạn trả lời, đang được các đơn vị giải quyết trong thời hạn."
    assert text[4] == "Chưa nhận được chất vấn nào của đại biểu Quốc hội tại Kỳ họp thứ 9, Quốc hội khóa XV."
    assert not [p for p in text if " 0 " in f" {p} " or "(0" in p]

    overdue = paragraphs(tracker, date(2025, 12, 1))
    assert (
        overdue[3]
        == "Còn 2 kiến nghị đã quá hạn chưa trả lời; Bộ Nội vụ đang chỉ đạo các đơn vị khẩn trương hoàn thành."
    )
    english = paragraphs(tracker, date(2025, 12, 1), "en")
    assert "of the recommendations answered: 3 resolved" in english[2] and "explained" in english[2]
    assert "being studied" not in english[2]


def test_one_open_item_reads_in_the_singular_and_questions_say_what_is_left(tracker):
    add(tracker, 1)
    add(
        tracker,
        2,
        kind=Kind.DEPUTY_QUESTION,
        phase=Phase.BETWEEN_SESSIONS,
        lead_unit="CQĐP",
        received_on=date(2025, 9, 1),
    )
    add(
        tracker,
        1,
        kind=Kind.DEPUTY_QUESTION,
        phase=Phase.AT_SESSION,
        lead_unit="CQĐP",
        received_on=date(2025, 6, 1),
        replied=Result.EXPLAINED,
        on=date(2025, 6, 10),
    )
    vi = paragraphs(tracker, date(2025, 10, 1))
    assert vi[1] == "Bộ Nội vụ đã nhận được 1 kiến nghị của cử tri gửi đến Kỳ họp thứ 9, Quốc hội khóa XV."
    assert (
        vi[2]
        == "Tính đến ngày 01/10/2025, Bộ Nội vụ chưa trả lời kiến nghị nào; các kiến nghị đang được các đơn vị nghiên cứu, giải quyết."
    )
    assert vi[4] == (
        "Về chất vấn của đại biểu Quốc hội: Bộ Nội vụ đã nhận được 3 chất vấn, đã trả lời 1/3 chất vấn "
        f"({percent(1, 3)}), còn 2 chất vấn quá hạn chưa trả lời."
    )
    en = paragraphs(tracker, date(2025, 10, 1), "en")
    assert (
        en[1]
        == "The Ministry of Home Affairs received 1 voters' recommendation sent to Session 9, 15th National Assembly."
    )
    assert en[3] == "1 recommendation is not yet due and is being handled within the time limit."


def percent(part: int, whole: int) -> str:
    from tracker.charts import percent_text

    return percent_text(part, whole, "vi")


# -- the width table --------------------------------------------------------------------------------
@pytest.mark.skipif(not (FONTS / "LiberationSerif-Bold.ttf").exists(), reason="fonts-liberation2 is not installed")
@pytest.mark.parametrize(("style", "file"), [("regular", "Regular"), ("bold", "Bold"), ("italic", "Italic")])
def test_the_width_table_matches_the_metric_compatible_font(style, file):
    from PIL import ImageFont

    font = ImageFont.truetype(str(FONTS / f"LiberationSerif-{file}.ttf"), 1000)
    for text in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số 3909/BNV-BTGCP ngày 05/08/2025",
    ):
        expected = font.getlength(text) / 1000 * 13 * 25.4 / 72
        # The table sums advance widths; the font's layout also kerns pairs (a little narrower):
        # within 1.5 % and (up to rounding) never less, so a column sized from the table is never too narrow.
        measured = text_width_mm(text, 13, bold=style == "bold", italic=style == "italic")
        assert expected * 0.999 <= measured <= expected * 1.015


# -- the Settings page --------------------------------------------------------------------------------
def submit(at, form_key: str) -> None:
    [button, *_] = [b for b in at.get("button") if getattr(b, "form_id", "") == form_key]
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_an_administrator_sets_the_signer_in_settings_and_a_wrong_one_is_explained(db_path, monkeypatch):
    from tests.conftest import open_page, start_app
    from ui.context import _open_tracker

    at = open_page(start_app(db_path, monkeypatch, role="admin"), "settings")
    assert at.selectbox(key="settings.signer_authority").value == ""
    assert at.text_input(key="settings.signer_name").value == ""
    at.selectbox(key="settings.signer_authority").set_value("kt")
    at.text_input(key="settings.signer_title").input("Bộ trưởng")
    at.text_input(key="settings.signer_name").input("Trần Minh Khoa")
    submit(at, "settings.signer_form")
    # Errors are shown through the plain-text rule (Markdown escaped): compare the text as read.
    shown = [unescape_markdown(e.value) for e in at.error]
    assert any('không thể là "BỘ TRƯỞNG"' in text for text in shown), shown
    live = _open_tracker(str(db_path))
    assert live.signer == Signer()

    at.text_input(key="settings.signer_title").input("Thứ trưởng")
    submit(at, "settings.signer_form")
    assert live.signer == Signer("Trần Minh Khoa", "Thứ trưởng", "kt")
    at = open_page(at, "settings")  # the form shows what is stored
    assert at.text_input(key="settings.signer_title").value == "Thứ trưởng"
    assert at.selectbox(key="settings.signer_authority").value == "kt"
