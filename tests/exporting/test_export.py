"""The report pack (issue 3), read back as a user would open it: the Excel workbook with openpyxl,
the Word report with python-docx, the CSV re-imported into a fresh database."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import docx
import openpyxl
import pytest
from docx.shared import Pt

from tests.conftest import LIAISON, copy_db, draft, reply, run_cli, session_id
from tracker import clock
from tracker.errors import InvalidInput
from tracker.exporting import ExportScope, collect, export, filename
from tracker.importing import ALL_COLUMNS, Fate, commit_import, preview_import, read_table
from tracker.items import Result
from tracker.percent import percent_text
from tracker.permissions import SYSTEM
from tracker.service import Filters, Tracker

TODAY = clock.today()


def workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def session_counts(tracker: Tracker, code: str, as_of: date = TODAY) -> dict:
    return {r.kind: r.counts for r in tracker.stats(as_of, session_id(tracker, code))}


# -- Excel --------------------------------------------------------------------------------------
def test_excel_summary_register_and_overdue_sheets_agree_with_the_statistics(demo_tracker):
    sid = session_id(demo_tracker, "15/9")
    book = workbook(export(demo_tracker, SYSTEM, ExportScope(sid, TODAY), "xlsx"))
    assert book.sheetnames == ["Tổng hợp", "Sổ theo dõi", "Quá hạn"]
    counts = session_counts(demo_tracker, "15/9")
    rec, q = counts["voter_recommendation"], counts["deputy_question"]

    summary = {r[0]: r[1:4] for r in book["Tổng hợp"].iter_rows(values_only=True) if r[0]}
    assert "TỔNG HỢP KẾT QUẢ TRẢ LỜI KIẾN NGHỊ CỬ TRI VÀ CHẤT VẤN — KỲ HỌP THỨ 9, QUỐC HỘI KHÓA XV" in summary
    assert summary["Chỉ tiêu"] == ("Kiến nghị cử tri", "Chất vấn", "Tổng cộng")
    assert summary["Tổng số"] == (rec.total, q.total, rec.total + q.total)
    assert summary["Đã trả lời"] == (rec.replied, q.replied, rec.replied + q.replied)
    assert summary["Quá hạn"] == (rec.overdue, q.overdue, rec.overdue + q.overdue)
    assert summary["Đã chuyển cơ quan có thẩm quyền"][0] == rec.transferred
    assert summary["Đã giải quyết xong"][0] == rec.resolved
    assert summary["Đang nghiên cứu, giải quyết"][0] == rec.being_resolved
    assert summary["Giải trình, cung cấp thông tin"][0] == rec.explained
    # The cell holds the rounding rule's text, so every spreadsheet displays what the page says.
    assert summary["Tỷ lệ hoàn thành"] == tuple(percent_text(c.replied, c.total, "vi") for c in (rec, q, rec + q))
    due_line = next(k for k in summary if k.startswith("Hạn gửi báo cáo tổng hợp"))
    assert "Kỳ họp thứ 10, Quốc hội khóa XV" in due_line and "22/09/2025" in due_line
    units = [r for r in book["Tổng hợp"].iter_rows(values_only=True) if r[0] == "Vụ Chính quyền địa phương"]
    assert units and units[0][1] == sum(
        1
        for r in demo_tracker.search(Filters(session_id=sid), TODAY, limit=1000).rows
        if r["lead_unit"] == "CQĐP" and r["status"] != "transferred"
    )

    register = book["Sổ theo dõi"]
    n_items = rec.total + rec.transferred + q.total + q.transferred
    assert register.max_row == n_items + 1
    assert register.freeze_panes == "A2"
    assert (
        register.auto_filter.ref == f"A1:X{n_items + 1}"
    )  # 24 columns: issue 12 added the stage and internal deadline
    headers = [c.value for c in register[1]]
    assert headers[:6] == ["Mã", "Loại", "Kỳ họp", "Thời điểm", "Số văn bản đến", "Ngày nhận"]
    received = register.cell(row=2, column=headers.index("Ngày nhận") + 1)
    assert isinstance(received.value, datetime) and received.number_format == "dd/mm/yyyy"
    widths = {c: register.column_dimensions[c].width for c in ("A", "I")}
    assert widths["A"] < 12 and widths["I"] >= 50  # the summary column is wide enough to read
    assert register.cell(row=2, column=headers.index("Tóm tắt nội dung") + 1).alignment.wrap_text
    statuses = [r[headers.index("Tình trạng")] for r in register.iter_rows(min_row=2, values_only=True)]
    assert statuses.count("Quá hạn") == rec.overdue + q.overdue

    overdue = book["Quá hạn"]
    assert overdue.max_row == rec.overdue + q.overdue + 1 and overdue.freeze_panes == "A2"
    oh = [c.value for c in overdue[1]]
    for r in overdue.iter_rows(min_row=2, values_only=True):
        assert r[oh.index("Số ngày quá hạn")] == (TODAY - r[oh.index("Hạn trả lời")].date()).days > 0


def test_excel_in_english_and_for_one_unit(demo_tracker):
    sid = session_id(demo_tracker, "15/9")
    book = workbook(export(demo_tracker, SYSTEM, ExportScope(sid, TODAY, unit="CQĐP"), "xlsx", lang="en"))
    assert book.sheetnames == ["Summary", "Register", "Overdue"]
    rows = list(book["Register"].iter_rows(min_row=2, values_only=True))
    expected = demo_tracker.search(Filters(session_id=sid, unit="CQĐP"), TODAY, limit=1000).total
    assert len(rows) == expected > 0
    lines = [r[0] for r in book["Summary"].iter_rows(values_only=True) if r[0]]
    assert "Unit: Department of Local Government." in lines


# -- Word ---------------------------------------------------------------------------------------
def test_word_report_in_the_decree_30_layout(demo_tracker):
    sid = session_id(demo_tracker, "15/7")
    data = export(
        demo_tracker, SYSTEM, ExportScope(sid, TODAY), "docx", number="123/BC-BNV", issued_on=date(2026, 3, 5)
    )
    document = docx.Document(io.BytesIO(data))

    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    assert [
        round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ] == [20, 20, 30, 15]
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(f"{{{fonts.nsmap['w']}}}{a}") for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Times New Roman"
    }
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert {r.font.name for r in runs} == {None}  # every run inherits Times New Roman

    left, right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["BỘ NỘI VỤ", "Số: 123/BC-BNV"]
    assert right.paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and right.paragraphs[0].runs[0].bold
    assert right.paragraphs[1].text == "Độc lập - Tự do - Hạnh phúc"
    assert not [
        p.text for p in document.paragraphs + left.paragraphs + right.paragraphs if "――" in p.text or "---" in p.text
    ]
    date_line = right.paragraphs[-1]
    assert date_line.text == "Hà Nội, ngày 05 tháng 3 năm 2026" and all(r.italic for r in date_line.runs)

    body = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in body
    # Too long for one line, the summary line breaks before the session's name.
    assert "Kết quả giải quyết, trả lời kiến nghị của cử tri gửi đến\nKỳ họp thứ 7, Quốc hội khóa XV" in body
    assert "Bộ Nội vụ đã nhận được 129 kiến nghị của cử tri gửi đến Kỳ họp thứ 7, Quốc hội khóa XV." in body
    rec = session_counts(demo_tracker, "15/7")["voter_recommendation"]
    replied = next(p for p in body if p.startswith("Tính đến ngày"))
    assert f"đã trả lời 129/129 kiến nghị ({percent_text(129, 129, 'vi')}); trong số kiến nghị đã trả lời: " in replied
    assert f"đã giải quyết xong {rec.resolved} kiến nghị ({percent_text(rec.resolved, rec.replied, 'vi')})" in replied
    assert f"đang nghiên cứu, giải quyết {rec.being_resolved} kiến nghị" in replied and "lộ trình" in replied
    assert f"giải trình, cung cấp thông tin {rec.explained} kiến nghị" in replied
    assert "Đến nay không còn kiến nghị nào chưa được trả lời." in body
    assert not [p for p in body if " 0 " in f" {p} "]  # no sentence states a zero
    assert "(Kèm theo Báo cáo số 123/BC-BNV ngày 05 tháng 3 năm 2026 của Bộ Nội vụ)" in body
    assert "DANH MỤC KIẾN NGHỊ CỦA CỬ TRI GỬI ĐẾN KỲ HỌP THỨ 7, QUỐC HỘI KHÓA XV VÀ KẾT QUẢ TRẢ LỜI" in body
    recipients = document.tables[1].rows[0].cells[0].text
    assert "- Ủy ban Dân nguyện và Giám sát của Quốc hội;" in recipients and "Ban Dân nguyện;" not in recipients

    appendix = document.tables[-1]
    assert [c.text for c in appendix.rows[0].cells] == [
        "STT",
        "Nội dung kiến nghị",
        "Cử tri",
        "Đơn vị chủ trì",
        "Văn bản trả lời",
        "Kết quả giải quyết",
    ]
    assert len(appendix.rows) == 129 + 1
    first = [c.text for c in appendix.rows[1].cells]
    assert first[0] == "1" and first[4].startswith("Số ") and "\nngày " in first[4]
    results = [r.cells[5].text for r in appendix.rows[1:]]
    assert sum(1 for r in results if r.startswith("Đang nghiên cứu, giải quyết\nLộ trình: ")) == rec.being_resolved
    assert appendix.rows[1].cells[1].paragraphs[0].style.font.size == Pt(12)


def test_word_report_in_english_and_for_a_session_without_questions(demo_tracker):
    sid = session_id(demo_tracker, "15/8")
    document = docx.Document(io.BytesIO(export(demo_tracker, SYSTEM, ExportScope(sid, TODAY), "docx", lang="en")))
    texts = [p.text for p in document.paragraphs] + [c.text for c in document.tables[0].rows[0].cells]
    assert any("SOCIALIST REPUBLIC OF VIET NAM" in x for x in texts)
    assert "No deputy's question received for Session 8, 15th National Assembly yet." in texts
    vi = docx.Document(io.BytesIO(export(demo_tracker, SYSTEM, ExportScope(sid, TODAY), "docx")))
    assert "Chưa nhận được chất vấn nào của đại biểu Quốc hội tại Kỳ họp thứ 8, Quốc hội khóa XV." in [
        p.text for p in vi.paragraphs
    ]


def test_word_needs_one_session_and_units_must_exist(demo_tracker):
    with pytest.raises(InvalidInput) as caught:
        export(demo_tracker, SYSTEM, ExportScope(None, TODAY), "docx")
    assert caught.value.message("vi") == "Báo cáo Word cần chọn một kỳ họp."
    with pytest.raises(InvalidInput):
        export(demo_tracker, SYSTEM, ExportScope(None, TODAY, unit="KHÔNG"), "xlsx")


# -- CSV and the round trip ---------------------------------------------------------------------
def test_csv_round_trip_into_a_fresh_database_gives_identical_statistics(demo_tracker, tmp_path):
    data = export(demo_tracker, SYSTEM, ExportScope(None, TODAY), "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads Vietnamese correctly with a BOM
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == ALL_COLUMNS + ("stage", "internal_due_on")  # issue 12: export-only, after the import's
    assert "Cử tri tỉnh" in data.decode("utf-8-sig")

    fresh = Tracker.open(tmp_path / "fresh.duckdb")
    try:
        result = preview_import(fresh, SYSTEM, read_table(data, "xuat.csv"))
        assert result.count(Fate.NEW) == len(rows) - 1, [p.message() for p in result.problems[:3]]
        commit_import(fresh, SYSTEM, result)
        for as_of in (TODAY, date(2024, 12, 31), date(2025, 9, 1)):
            source = [(r.ref, r.kind, r.counts) for r in demo_tracker.stats(as_of)]
            copied = [(r.ref, r.kind, r.counts) for r in fresh.stats(as_of)]
            assert copied == source, as_of
        by_unit = [(r.ref, r.kind, r.unit, r.counts) for r in demo_tracker.stats_by_unit(TODAY)]
        assert [(r.ref, r.kind, r.unit, r.counts) for r in fresh.stats_by_unit(TODAY)] == by_unit
        # Exported again, the copy gives the same file: nothing was lost or changed on the way.
        assert export(fresh, SYSTEM, ExportScope(None, TODAY), "csv") == data
        assert preview_import(fresh, SYSTEM, read_table(data, "xuat.csv")).count(Fate.NEW) == 0
    finally:
        fresh.close()


def test_no_exported_cell_can_run_as_a_formula(tracker, tmp_path):
    nasty = [
        '=HYPERLINK("http://example.com","Bấm vào đây")',
        "+84 912 345 678",
        "-5 triệu đồng phụ cấp",
        "@SUM(A1:A9)",
    ]
    ids = [
        tracker.create_item(LIAISON, draft(tracker, summary=text, ref_no=f"{n}/BDN")) for n, text in enumerate(nasty)
    ]
    item = tracker.get_item(ids[0])
    tracker.record_reply(LIAISON, item.id, item.version, reply(date(2025, 9, 1), response_no="=1+1"))
    scope = ExportScope(session_id(tracker, "15/9"), TODAY)

    book = workbook(export(tracker, SYSTEM, scope, "xlsx"))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    register = {c.value: c for c in cells if isinstance(c.value, str)}
    for text in [*nasty, "=1+1"]:
        assert register[text].data_type == "s" and register[text].quotePrefix, text

    data = export(tracker, SYSTEM, scope, "csv").decode("utf-8-sig")
    records = list(csv.DictReader(io.StringIO(data)))
    assert sorted(r["summary"] for r in records) == sorted("'" + text for text in nasty)
    assert [r["response_no"] for r in records if r["response_no"]] == ["'=1+1"]
    assert all(not v.startswith(("=", "+", "-", "@")) for r in records for v in r.values())

    fresh = Tracker.open(tmp_path / "fresh.duckdb")
    try:  # the guard comes off on the way back in: the text is unchanged
        commit_import(fresh, SYSTEM, preview_import(fresh, SYSTEM, read_table(data.encode("utf-8"), "x.csv")))
        summaries = sorted(r["summary"] for r in fresh.search(Filters(), TODAY, limit=10).rows)
        assert summaries == sorted(nasty)
    finally:
        fresh.close()


def test_a_units_export_and_the_open_items_list_use_the_same_rows(demo_tracker):
    sid = session_id(demo_tracker, "15/8")
    everything = collect(demo_tracker, SYSTEM, ExportScope(sid, TODAY))
    unit = collect(demo_tracker, SYSTEM, ExportScope(sid, TODAY, unit="CQĐP"))
    open_only = collect(demo_tracker, SYSTEM, ExportScope(sid, TODAY, only_open=True))
    assert {r["id"] for r in unit.rows} == {
        r["id"] for r in everything.rows if r["lead_unit"] == "CQĐP" or "CQĐP" in r["coordinating_units"].split(";")
    }
    assert {r["id"] for r in open_only.rows} == {
        r["id"] for r in everything.rows if r["status"] in ("open_not_due", "overdue")
    }
    assert (
        open_only.total.replied == 0
        and open_only.total.total == everything.total.open_not_due + everything.total.overdue
    )
    assert filename(demo_tracker, ExportScope(sid, date(2026, 1, 2), unit="CQĐP", only_open=True), "xlsx") == (
        "kien-nghi-chat-van-15-8-cqdp-chua-tra-loi-2026-01-02.xlsx"
    )


def test_as_of_a_past_date_hides_replies_made_later(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker, ref_no="1/BDN"))
    item = tracker.get_item(item_id)
    tracker.record_reply(LIAISON, item_id, item.version, reply(date(2025, 9, 20), Result.RESOLVED))
    scope = ExportScope(session_id(tracker, "15/9"), date(2025, 9, 1))
    (row,) = collect(tracker, SYSTEM, scope).rows
    assert row["status"] == "open_not_due" and row["response_no"] is None and row["result"] is None


def test_cli_export_writes_each_format(demo_db, tmp_path):
    db = copy_db(demo_db.path, tmp_path)
    for fmt in ("xlsx", "docx", "csv"):
        out = tmp_path / f"bao-cao.{fmt}"
        result = run_cli("export", "--session", "15/9", "--format", fmt, "-o", str(out), "--as-of", "31/12/2025", db=db)
        assert result.returncode == 0, result.stderr
        assert (
            f"Đã ghi {out}" in result.stdout
            and "Kỳ họp thứ 9, Quốc hội khóa XV, số liệu đến ngày 31/12/2025." in result.stdout
        )
        assert out.stat().st_size > 1000
    result = run_cli("export", "--session", "15/99", "--format", "csv", "-o", str(tmp_path / "x.csv"), db=db)
    assert result.returncode == 2 and "Không có kỳ họp 15/99" in result.stderr
    unit = run_cli(
        "export",
        "--session",
        "15/9",
        "--format",
        "csv",
        "-o",
        str(tmp_path / "u.csv"),
        "--unit",
        "CQĐP",
        "--open",
        db=db,
    )
    assert unit.returncode == 0, unit.stderr
    records = list(csv.DictReader(io.StringIO((tmp_path / "u.csv").read_text(encoding="utf-8-sig"))))
    assert records and all(r["result"] == "" for r in records)
    assert all("CQĐP" in (r["lead_unit"], *r["coordinating_units"].split(";")) for r in records)


def test_the_figures_alone_equal_the_figures_of_the_rows(demo_tracker):
    for scope in (
        ExportScope(session_id(demo_tracker, "15/7"), TODAY, None, False),
        ExportScope(session_id(demo_tracker, "16/2"), TODAY, "CQĐP", False),
        ExportScope(None, TODAY, None, True),
    ):
        full, figures = collect(demo_tracker, SYSTEM, scope), collect(demo_tracker, SYSTEM, scope, rows=False)
        assert figures.rows == [] and full.rows
        assert (figures.counts, figures.by_unit) == (full.counts, full.by_unit)
