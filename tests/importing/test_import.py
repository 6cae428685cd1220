"""Bulk import (issue 3): files in the encodings Vietnamese offices produce, headers and values in
Vietnamese or English, every row's fate before anything is written, all or nothing, duplicates
skipped (a re-import adds nothing), unknown units and sessions only with --create-missing, real
UK data through its documented mapping, and 10,000 rows in seconds."""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter

from benchmarks.uk_questions import convert
from tests.conftest import LIAISON, VIEWER, draft, run_cli
from tests.factories import as_csv, generated_rows
from tracker.errors import InvalidInput, PermissionDenied
from tracker.importing import (
    ALL_COLUMNS,
    COLUMNS,
    Fate,
    commit_import,
    detect_encoding,
    duplicates_frame,
    parse_session,
    preview_frame,
    preview_import,
    read_table,
    template_csv,
    template_xlsx,
    unit_code_for,
)
from tracker.items import Kind, Phase, Result
from tracker.permissions import SYSTEM
from tracker.service import Filters
from tracker.sessions import SessionRef

UK_FILE = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "realdata"
    / "uk_commons_written_questions"
    / "commons_wq_2023-12_2024-07-09.csv"
)
FAR = date(2100, 12, 31)

RECOMMENDATION = {
    "kind": "voter_recommendation",
    "term": "15",
    "session": "9",
    "phase": "after",
    "ref_no": "1001/BDN",
    "received_on": "04/08/2025",
    "source": "Cử tri tỉnh Nghệ An; Cử tri TP. Hà Nội",
    "summary": "Đề nghị điều chỉnh mức lương cơ sở phù hợp với mức tăng giá tiêu dùng.",
    "topic": "Tiền lương",
    "lead_unit": "TLBHXH",
    "coordinating_units": "VP",
    "due_on": "",
    "response_no": "",
    "responded_on": "",
    "result": "",
    "signer": "",
}


def row(**overrides) -> dict:
    return {**RECOMMENDATION, **overrides}


def csv_bytes(rows: list[dict], columns=COLUMNS, encoding: str = "utf-8-sig", headers=None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers or columns)
    for r in rows:
        writer.writerow([r.get(c, "") for c in columns])
    return out.getvalue().encode(encoding)


def preview(tracker, data: bytes, name: str = "kien-nghi.csv", **kwargs):
    return preview_import(tracker, SYSTEM, read_table(data, name, kwargs.pop("encoding", None)), **kwargs)


def item_count(tracker) -> int:
    return tracker.search(Filters(), FAR, limit=1).total


def event_count(tracker) -> int:
    return sum(len(tracker.history(r["id"])) for r in tracker.search(Filters(), FAR, limit=100_000).rows)


# -- reading ------------------------------------------------------------------------------------
def to_cp1258(text: str) -> bytes:
    """Windows-1258 has few precomposed letters: "ế" is "ê" plus a combining acute, as Vietnamese
    Windows software writes it."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        # Keep the vowel's own mark (circumflex, breve, horn) precomposed; the tone goes separately.
        for n in range(len(marks)):
            head = unicodedata.normalize("NFC", base + marks[n])
            try:
                out += head.encode("cp1258") + "".join(marks[:n] + marks[n + 1 :]).encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize(
    ("label", "encode", "detected"),
    [
        ("utf-8 with BOM", lambda s: s.encode("utf-8-sig"), "utf-8-sig"),
        ("utf-8", lambda s: s.encode("utf-8"), "utf-8"),
        ("utf-16 with BOM", lambda s: s.encode("utf-16"), "utf-16"),
        ("utf-16-le without BOM", lambda s: s.encode("utf-16-le"), "utf-16-le"),
        ("windows-1258", to_cp1258, "cp1258"),
    ],
)
def test_every_encoding_offices_produce_reads_the_same_vietnamese(tracker, label, encode, detected):
    text = csv_bytes([row(summary="Đề nghị tăng phụ cấp cho người hoạt động không chuyên trách ở cấp xã")]).decode(
        "utf-8-sig"
    )
    data = encode(text)
    assert detect_encoding(data) == detected, label
    table = read_table(data, "tep.csv")
    result = preview_import(tracker, SYSTEM, table)
    assert result.count(Fate.NEW) == 1, [p.message() for p in result.problems]
    item = result.rows[0].item
    assert item.summary == "Đề nghị tăng phụ cấp cho người hoạt động không chuyên trách ở cấp xã"
    assert unicodedata.is_normalized("NFC", item.summary)
    assert item.sources == ("Cử tri tỉnh Nghệ An", "Cử tri TP. Hà Nội")


def test_a_chosen_encoding_wins_and_a_wrong_one_is_explained(tracker):
    data = to_cp1258(csv_bytes([row()]).decode("utf-8-sig"))
    assert read_table(data, "tep.csv", "cp1258").encoding == "cp1258"
    with pytest.raises(InvalidInput) as caught:
        read_table(data, "tep.csv", "utf-8")
    assert caught.value.message("vi") == (
        "Không đọc được tệp tep.csv với bảng mã utf-8; hãy chọn bảng mã khác (UTF-8, UTF-16, Windows-1258)."
    )


def test_semicolon_separated_csv_from_a_european_excel_reads_too(tracker):
    text = (
        csv_bytes([row()])
        .decode("utf-8-sig")
        .replace(",", ";")
        .replace("Cử tri tỉnh Nghệ An; Cử tri TP. Hà Nội", "Cử tri")
    )
    result = preview(tracker, text.encode("utf-8"))
    assert result.count(Fate.NEW) == 1, [p.message() for p in result.problems]


def test_xlsx_with_real_date_cells_and_numbers_imports(tracker, tmp_path):
    path = tmp_path / "danh-sach.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet()
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    headers = [
        "Loại",
        "Khóa",
        "Kỳ họp",
        "Thời điểm",
        "Số văn bản đến",
        "Ngày nhận",
        "Tóm tắt nội dung",
        "Đơn vị chủ trì",
        "Hạn trả lời",
    ]
    for c, h in enumerate(headers):
        sheet.write(2, c, h)  # two blank rows above the header: row numbers still match Excel's
    sheet.write(3, 0, "Kiến nghị cử tri")
    sheet.write_number(3, 1, 15)
    sheet.write_number(3, 2, 9)
    sheet.write(3, 3, "Trước kỳ họp")
    sheet.write_number(3, 4, 6036)
    sheet.write_datetime(3, 5, datetime(2025, 8, 4), day)
    sheet.write(3, 6, "Đề nghị sửa đổi quy định về thi nâng ngạch công chức")
    sheet.write(3, 7, "vu cong chuc - vien chuc")  # a name, without diacritics, any case
    sheet.write_datetime(3, 8, datetime(2025, 9, 30), day)
    book.close()
    result = preview_import(tracker, SYSTEM, read_table(path.read_bytes(), path.name))
    assert [r.row for r in result.rows] == [4]
    assert result.count(Fate.NEW) == 1, [p.message() for p in result.problems]
    item = result.rows[0].item
    assert (item.kind, item.session, item.phase) == (Kind.VOTER_RECOMMENDATION, SessionRef(15, 9), Phase.BEFORE)
    assert (item.ref_no, item.received_on, item.lead_unit) == ("6036", date(2025, 8, 4), "CCVC")
    assert item.due_on == date(2025, 9, 30)  # a given deadline is kept
    assert item.due_override_reason == "Hạn trả lời theo tệp nhập"


def test_a_title_above_the_header_and_a_row_number_column_are_fine(tracker):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["DANH MỤC KIẾN NGHỊ CỬ TRI GỬI ĐẾN KỲ HỌP THỨ 9, QUỐC HỘI KHÓA XV"])
    writer.writerow([])
    writer.writerow(["STT", *COLUMNS])
    writer.writerow(["1", *(row()[c] for c in COLUMNS)])
    result = preview(tracker, out.getvalue().encode("utf-8"))
    assert result.table.headers[:3] == ("STT", "kind", "term") and result.ignored_headers == ("STT",)
    assert [(r.row, r.fate) for r in result.rows] == [(4, Fate.NEW)], [p.message() for p in result.problems]


def test_blank_kind_or_phase_is_asked_for_not_called_invalid(tracker):
    result = preview(tracker, csv_bytes([row(kind="", phase="")]))
    assert [p.message("vi") for p in result.problems] == [
        'Dòng 2, cột "kind": Chưa nhập Loại.',
        'Dòng 2, cột "phase": Chưa nhập Thời điểm.',
    ]


def test_the_template_has_every_column_and_reads_back_in_both_languages(tracker):
    for lang in ("vi", "en"):
        table = read_table(template_xlsx(lang), "mau.xlsx")
        assert len(table.headers) == len(ALL_COLUMNS) and not table.rows
        assert list(preview_import(tracker, SYSTEM, table).rows) == []
    assert read_table(template_csv(), "mau.csv").headers == ALL_COLUMNS
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(template_xlsx("vi")))
    assert book.sheetnames == ["Dữ liệu", "Hướng dẫn"]
    assert [c.value for c in book["Dữ liệu"][1]][:6] == [
        "Loại",
        "Khóa",
        "Kỳ họp",
        "Thời điểm",
        "Số văn bản đến",
        "Ngày nhận",
    ]
    guide = {r[1]: r for r in book["Hướng dẫn"].iter_rows(min_row=2, values_only=True)}
    assert guide["summary"][2] == "Có" and not guide["topic"][2]
    assert "being_resolved (Đang nghiên cứu, giải quyết)" in guide["result"][3]
    assert template_csv().startswith(b"\xef\xbb\xbfkind,term,session,phase,ref_no")


def test_a_file_without_the_required_columns_is_refused_whole(tracker):
    data = csv_bytes([row()], columns=("kind", "term", "session", "ref_no"))
    with pytest.raises(InvalidInput) as caught:
        preview(tracker, data)
    # The phase follows from the session's dates, so only these three are missing.
    assert "thiếu cột bắt buộc: received_on, summary." in caught.value.message("vi")
    assert "lacks required columns: received_on, summary." in caught.value.message("en")


# -- values -------------------------------------------------------------------------------------
def test_vietnamese_labels_and_english_codes_mean_the_same(tracker):
    rows = [
        row(
            kind="Kiến nghị cử tri",
            phase="Sau kỳ họp",
            ref_no="1",
            lead_unit="Cục Tiền lương và Bảo hiểm xã hội",
            response_no="902/BNV-TLBHXH",
            responded_on="2025-09-15",
            result="Giải trình, cung cấp thông tin",
            signer="Thứ trưởng",
        ),
        row(
            kind="CHẤT VẤN",
            term="XV",
            session="BT9",
            phase="tai ky hop",
            ref_no="2",
            received_on="12/02/2025",
            source="Đoàn ĐBQH tỉnh Nghệ An",
            lead_unit="cqdp",
            coordinating_units="TCBC; vu to chuc can bo",
        ),
        row(
            ref_no="3",
            response_no="77/BNV",
            responded_on="20/09/2025",
            result="Đang nghiên cứu, giải quyết",
            signer="Bộ trưởng",
        ),
        row(
            ref_no="4",
            responded_on="10/08/2025",
            result="Chuyển cơ quan có thẩm quyền",
            response_no="Chuyển Bộ Tài chính",
        ),
    ]
    columns = (*COLUMNS, "roadmap", "committed_on")
    rows[2].update(roadmap="Trình Chính phủ sửa đổi Nghị định trong quý IV", committed_on="31/12/2025")
    result = preview(tracker, csv_bytes(rows, columns=columns))
    assert result.count(Fate.NEW) == 4, [p.message() for p in result.problems]
    a, b, c, d = (r.item for r in result.rows)
    assert a.reply.result == Result.EXPLAINED and a.reply.responded_on == date(2025, 9, 15) and a.lead_unit == "TLBHXH"
    assert (b.kind, b.session, b.phase) == (Kind.DEPUTY_QUESTION, SessionRef(15, 9, True), Phase.AT_SESSION)
    assert (b.lead_unit, b.coordinating_units) == ("CQĐP", ("TCBC", "TCCB"))
    assert b.due_on == date(2025, 3, 4)  # 12/02 + 20 days, computed by the kind's rule
    assert c.reply.result == Result.BEING_RESOLVED and c.reply.committed_on == date(2025, 12, 31)
    assert d.reply is None and d.transferred_on == date(2025, 8, 10) and d.transfer_note == "Chuyển Bộ Tài chính"
    commit_import(tracker, SYSTEM, result)
    statuses = {r["ref_no"]: r["status"] for r in tracker.search(Filters(), date(2025, 12, 31), limit=10).rows}
    assert statuses == {"1": "replied_on_time", "2": "overdue", "3": "replied_on_time", "4": "transferred"}


@pytest.mark.parametrize(
    ("term", "session", "expected"),
    [
        ("15", "8", SessionRef(15, 8)),
        ("XV", "BT9", SessionRef(15, 9, True)),
        ("", "15/8", SessionRef(15, 8)),
        ("", "15/BT9", SessionRef(15, 9, True)),
        ("khóa XV", "Kỳ họp thứ 8", SessionRef(15, 8)),
        ("16", "bt 2", SessionRef(16, 2, True)),
    ],
)
def test_sessions_are_written_the_ways_people_write_them(term, session, expected):
    assert parse_session(term, session) == expected


def test_unit_codes_for_new_units_are_short_and_unique():
    taken = {"DT"}
    assert unit_code_for("Ministry of Justice", taken) == "MJ"
    assert unit_code_for("Department for Transport", taken) == "DT2"
    assert unit_code_for("Treasury", taken) == "TREASU"


def test_invalid_rows_say_why_with_row_and_column_in_the_users_language(tracker):
    rows = [
        row(ref_no="1"),
        row(ref_no="2", received_on="31/02/2025"),
        row(ref_no="3", kind="kiến nghị lạ", summary=""),
        row(ref_no="4", phase="at_session"),
        row(ref_no="5", response_no="12/BNV", responded_on="15/09/2025", result="being_resolved"),
        row(ref_no="6", lead_unit="Vụ Không Tồn Tại"),
        row(ref_no="7", session="99"),
    ]
    headers = [
        "Loại",
        "Khóa",
        "Kỳ họp",
        "Thời điểm",
        "Số văn bản đến",
        "Ngày nhận",
        "Nguồn",
        "Tóm tắt nội dung",
        "Lĩnh vực",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Hạn trả lời",
        "Số văn bản trả lời",
        "Ngày trả lời",
        "Kết quả",
        "Người ký",
    ]
    result = preview(tracker, csv_bytes(rows, headers=headers))
    assert [r.fate for r in result.rows] == [Fate.NEW] + [Fate.INVALID] * 6
    messages = [p.message("vi") for p in result.problems]
    # An impossible day is named as such, not as a wrong format (issue 11, point 6).
    assert 'Dòng 3, cột "Ngày nhận": Ngày "31/02/2025" không tồn tại (Ngày nhận).' in messages
    assert 'Dòng 4, cột "Loại": Giá trị "kiến nghị lạ" không hợp lệ (Loại).' in messages
    assert 'Dòng 4, cột "Tóm tắt nội dung": Chưa nhập Tóm tắt nội dung.' in messages
    assert any(m.startswith('Dòng 5, cột "Thời điểm": Thời điểm không phù hợp với loại') for m in messages)
    assert 'Dòng 6, cột "Lộ trình giải quyết": Kết quả "đang nghiên cứu, giải quyết" cần ghi lộ trình.' in messages
    assert any(
        m.startswith('Dòng 7, cột "Đơn vị chủ trì": Đơn vị "Vụ Không Tồn Tại" chưa có trong danh mục') for m in messages
    )
    assert any(m.startswith('Dòng 8, cột "Kỳ họp": Kỳ họp 15/99 chưa có trong danh mục') for m in messages)
    english = [p.message("en") for p in result.problems]
    assert 'Row 3, column "Ngày nhận": There is no such day as "31/02/2025" (Date received).' in english
    frame = preview_frame(result, "vi")
    assert list(frame.columns) == [
        "Dòng",
        "Xử lý",
        "Loại",
        "Kỳ họp",
        "Thời điểm",
        "Số đến",
        "Ngày nhận",
        "Tóm tắt",
        "Đơn vị chủ trì",
        "Hạn trả lời",
        "Ghi chú",
    ]
    assert list(frame["Xử lý"]) == ["Mới"] + ["Không hợp lệ"] * 6
    assert frame["Ghi chú"][1].startswith('Ngày "31/02/2025" không tồn tại')


def test_one_bad_row_means_nothing_is_written(tracker):
    tracker.create_item(LIAISON, draft(tracker, ref_no="0/BDN"))
    before = (item_count(tracker), event_count(tracker), tracker.db.generation)
    rows = [row(ref_no=f"{n}/BDN") for n in range(1, 50)] + [row(ref_no="50/BDN", received_on="hôm qua")]
    result = preview(tracker, csv_bytes(rows))
    assert result.count(Fate.NEW) == 49 and result.count(Fate.INVALID) == 1 and not result.can_commit
    with pytest.raises(InvalidInput) as caught:
        commit_import(tracker, SYSTEM, result)
    assert (
        caught.value.message("vi")
        == "Tệp kien-nghi.csv có 1 dòng không hợp lệ; không có gì được ghi. Hãy sửa rồi nhập lại."
    )
    assert (item_count(tracker), event_count(tracker), tracker.db.generation) == before


def test_a_failure_inside_the_transaction_rolls_everything_back(tracker, monkeypatch):
    result = preview(tracker, csv_bytes([row(ref_no=f"{n}") for n in range(20)]))
    from tracker import storage

    real = storage.Cursor.insert_frame

    def fail_on_events(self, table, frame, columns):
        if table == "item_events":
            raise RuntimeError("disk full")
        return real(self, table, frame, columns)

    real_run = storage.Cursor.run

    def fail_on_event_query(self, name, params=None):
        # The import builds its events in SQL (queries/import/insert_imported_events.sql, issue 15).
        if name == "import/insert_imported_events":
            raise RuntimeError("disk full")
        return real_run(self, name, params)

    monkeypatch.setattr(storage.Cursor, "insert_frame", fail_on_events)
    monkeypatch.setattr(storage.Cursor, "run", fail_on_event_query)
    with pytest.raises(RuntimeError):
        commit_import(tracker, SYSTEM, result)
    assert item_count(tracker) == 0  # the items inserted before the failure are gone too


def test_duplicates_by_number_or_near_identical_text_are_shown_beside_the_original(tracker):
    existing = tracker.create_item(LIAISON, draft(tracker, ref_no="1234/BDN"))
    unnumbered = tracker.create_item(
        LIAISON,
        draft(
            tracker, ref_no="", summary="Đề nghị sớm ban hành hướng dẫn bố trí trụ sở làm việc sau khi hợp nhất các xã."
        ),
    )
    rows = [
        row(ref_no=" 1234/bdn "),  # same number, other case and spaces
        row(
            ref_no="", summary="Đề nghị sớm ban hành hướng dẫn bố trí trụ sở làm việc sau khi hợp nhất các xã"
        ),  # no full stop
        row(ref_no="9/BDN", summary="Đề nghị sớm ban hành hướng dẫn bố trí trụ sở làm việc sau khi hợp nhất các xa."),
        row(ref_no="10/BDN", summary="Một kiến nghị mới về chế độ phụ cấp công vụ."),
        row(ref_no="10/BDN", summary="Một kiến nghị mới về chế độ phụ cấp công vụ."),  # repeated within the file
        row(ref_no="11/BDN", summary="Một kiến nghị mới về chế độ phụ cấp công vụ."),  # other number: another document
    ]
    result = preview(tracker, csv_bytes(rows))
    fates = [(r.fate, r.duplicate.by if r.duplicate else None) for r in result.rows]
    assert fates == [
        (Fate.DUPLICATE, "ref"),
        (Fate.DUPLICATE, "text"),
        (Fate.DUPLICATE, "text"),
        (Fate.NEW, None),
        (Fate.DUPLICATE, "ref"),
        (Fate.NEW, None),
    ]
    assert result.rows[0].duplicate.item_id == existing
    assert result.rows[1].duplicate.item_id == unnumbered and result.rows[1].duplicate.score >= 93
    assert result.rows[4].duplicate.row == 5
    side_by_side = duplicates_frame(result, "vi")
    assert list(side_by_side.columns) == ["Dòng", "Nội dung trong tệp", "Trùng với", "Nội dung đã có"]
    assert side_by_side["Trùng với"][0] == f'trùng số văn bản đến "1234/BDN" với mục số {existing}'
    assert side_by_side["Trùng với"][1].startswith("nội dung gần giống (9") and side_by_side["Trùng với"][1].endswith(
        f"mục số {unnumbered}"
    )
    assert (
        side_by_side["Nội dung đã có"][1]
        == "Đề nghị sớm ban hành hướng dẫn bố trí trụ sở làm việc sau khi hợp nhất các xã."
    )
    assert side_by_side["Trùng với"][3] == 'trùng số văn bản đến "10/BDN" với dòng 5 của tệp'
    done = commit_import(tracker, SYSTEM, result)
    assert (done.created, done.skipped) == (2, 4)
    assert done.message("vi") == "Đã nhập 2 mục mới; bỏ qua 4 mục trùng."


def test_a_reimport_adds_nothing(tracker):
    data = csv_bytes([row(ref_no=f"{n}/BDN", summary=f"Kiến nghị số {n} về chế độ tiền lương") for n in range(30)])
    first = commit_import(tracker, SYSTEM, preview(tracker, data))
    again = preview(tracker, data)
    assert first.created == 30 and again.count(Fate.DUPLICATE) == 30 and not again.can_commit
    assert commit_import(tracker, SYSTEM, again).created == 0
    assert item_count(tracker) == 30


def test_an_item_added_between_preview_and_commit_is_skipped_not_doubled(tracker):
    result = preview(tracker, csv_bytes([row(ref_no="1/BDN"), row(ref_no="2/BDN", summary="Kiến nghị khác")]))
    tracker.create_item(LIAISON, draft(tracker, ref_no="2/BDN"))
    done = commit_import(tracker, SYSTEM, result)
    assert (done.created, done.skipped) == (1, 1)
    assert item_count(tracker) == 2


def test_unknown_units_and_sessions_are_listed_and_created_only_when_asked(tracker):
    data = csv_bytes([row(term="16", session="BT1", lead_unit="Cục Chuyển đổi số", coordinating_units="VP")])
    refused = preview(tracker, data)
    assert refused.unknown_units == ("Cục Chuyển đổi số",) and refused.unknown_sessions == (SessionRef(16, 1, True),)
    assert refused.count(Fate.INVALID) == 1 and not refused.new_units
    accepted = preview(tracker, data, create_missing=True)
    assert accepted.count(Fate.NEW) == 1
    assert [(u.code, u.name_vi) for u in accepted.new_units] == [("CCĐS", "Cục Chuyển đổi số")]
    done = commit_import(tracker, SYSTEM, accepted)
    assert done.units_created == ("CCĐS",) and done.sessions_created == ("16/BT1",)
    ref = tracker.reference
    assert ref.unit("CCĐS").name_vi == "Cục Chuyển đổi số"
    session = ref.session_by_ref(SessionRef(16, 1, True))
    item = tracker.get_item(done.item_ids[0])
    assert (item.session_id, item.lead_unit) == (session.id, "CCĐS")
    audit = [(e["action"], e["subject"], e["reason"]) for e in tracker.list_events(SYSTEM) if e.get("item_id") is None]
    assert ("unit_saved", "CCĐS", "Tạo khi nhập tệp kien-nghi.csv") in audit
    assert ("session_saved", "16/BT1", "Tạo khi nhập tệp kien-nghi.csv") in audit


def test_each_imported_item_has_one_imported_event_and_consistent_versions(tracker):
    done = commit_import(
        tracker,
        SYSTEM,
        preview(
            tracker, csv_bytes([row(ref_no="1", response_no="5/BNV", responded_on="30/12/2025", result="explained")])
        ),
    )
    (event,) = tracker.history(done.item_ids[0])
    assert (event.action, event.actor) == ("imported", "system")
    assert event.reason == "Nhập từ tệp kien-nghi.csv, dòng 2"
    assert event.changes["ref_no"] == [None, "1"] and event.changes["result"] == [None, "explained"]
    item = tracker.get_item(done.item_ids[0])
    assert item.version == 1
    # Replied after the 60-day deadline: the file gives no reason, and the record says so.
    assert item.reply.late_reason == "Không ghi trong tệp nhập"
    if hasattr(tracker, "integrity_problems"):
        assert tracker.integrity_problems() == []
    # The item behaves like a typed one afterwards: the next edit is version 2.
    tracker.assign(LIAISON, item.id, item.version, "TLBHXH", ("VP", "CQĐP"), "")
    assert tracker.get_item(item.id).version == 2


def test_viewers_may_not_import(tracker):
    data = csv_bytes([row()])
    with pytest.raises(PermissionDenied):
        preview_import(tracker, VIEWER, read_table(data, "a.csv"))
    result = preview(tracker, data)
    with pytest.raises(PermissionDenied):
        commit_import(tracker, VIEWER, result)
    assert item_count(tracker) == 0


# -- the command line ---------------------------------------------------------------------------
def test_cli_dry_run_prints_the_preview_writes_nothing_and_fails_on_invalid_rows(db_path, tmp_path):
    good = tmp_path / "tot.csv"
    good.write_bytes(csv_bytes([row(ref_no="1"), row(ref_no="3", summary="Kiến nghị thứ ba")]))
    bad = tmp_path / "loi.csv"
    bad.write_bytes(csv_bytes([row(ref_no="1"), row(ref_no="2", lead_unit="Vụ Mới")]))
    result = run_cli("import", str(bad), "--dry-run", db=db_path)
    assert result.returncode == 1, result.stderr
    assert "Tệp loi.csv: 2 dòng — 1 mới, 0 trùng, 1 không hợp lệ." in result.stdout
    assert "Đơn vị chưa có trong danh mục: Vụ Mới." in result.stdout
    assert "Chạy lại lệnh với --create-missing để tạo chúng." in result.stdout
    assert "Không hợp lệ" in result.stdout and "Dòng" in result.stdout
    result = run_cli("import", str(bad), db=db_path)
    assert result.returncode == 1
    assert 'Dòng 3, cột "lead_unit": Đơn vị "Vụ Mới" chưa có trong danh mục' in result.stderr
    assert "không có gì được ghi" in result.stderr
    result = run_cli("import", str(good), "--dry-run", db=db_path, lang="en")
    assert result.returncode == 0 and "tot.csv: 2 rows — 2 new, 0 duplicates, 0 invalid." in result.stdout
    result = run_cli("import", str(bad), "--create-missing", db=db_path)
    assert result.returncode == 0, result.stderr
    assert "Sẽ tạo đơn vị: VM = Vụ Mới." in result.stdout and "Đã nhập 2 mục mới; bỏ qua 0 mục trùng." in result.stdout
    again = run_cli("import", str(good), db=db_path)
    assert again.returncode == 0 and "Đã nhập 1 mục mới; bỏ qua 1 mục trùng." in again.stdout


def test_cli_says_when_the_file_is_missing(db_path, tmp_path):
    result = run_cli("import", str(tmp_path / "khong-co.csv"), db=db_path)
    assert result.returncode == 2 and result.stderr.strip() == f"Lỗi: Không tìm thấy tệp {tmp_path / 'khong-co.csv'}."


def test_cli_choices_match_the_library():
    from tracker import cli_io, exporting, importing

    assert cli_io.FORMATS == exporting.FORMATS and cli_io.ENCODINGS == importing.ENCODINGS


# -- real data and volume -----------------------------------------------------------------------
def uk_records() -> pd.DataFrame:
    return pd.read_csv(UK_FILE, dtype=str, keep_default_na=False)


@pytest.mark.skipif(not UK_FILE.exists(), reason="the real-data folder is not mounted")
def test_real_uk_written_questions_import_through_the_documented_mapping(tracker):
    # Volume and correctness only: speed is measured by `python -m benchmarks.io_bench`, not here.
    table = convert(UK_FILE)
    result = preview_import(tracker, SYSTEM, table, create_missing=True)
    assert result.count(Fate.NEW) == 8885, [p.message() for p in result.problems[:5]]
    assert result.unknown_sessions == (SessionRef(58, 4), SessionRef(59, 1))
    assert len(result.new_units) == 26
    done = commit_import(tracker, SYSTEM, result)
    assert done.created == 8885

    # The tracker's derived statuses agree with the source's own dates.
    source = uk_records()
    answered = source[(source.dateAnswered != "") & (source.answerIsHolding != "True")]
    as_of = date(2024, 12, 31)
    rows = tracker.stats(as_of)
    replied = sum(r.counts.replied for r in rows)
    on_time = sum(r.counts.replied_on_time for r in rows)
    assert replied == len(answered)
    assert on_time == int((answered.dateAnswered <= answered.dateForAnswer).sum())
    assert sum(r.counts.total for r in rows) == 8885
    for r in rows:
        assert r.counts.invariant_errors() == []
    assert "DHSC" in {u.code for u in tracker.reference.units}
    # Importing the same file again adds nothing.
    assert preview_import(tracker, SYSTEM, table, create_missing=True).count(Fate.DUPLICATE) == 8885


def test_ten_thousand_rows_import_with_one_event_each(tracker):
    data = as_csv(generated_rows(10_000))
    result = preview(tracker, data)
    assert result.count(Fate.NEW) == 10_000, [p.message() for p in result.problems[:5]]
    done = commit_import(tracker, SYSTEM, result)
    assert done.created == 10_000
    assert item_count(tracker) == 10_000
    (stats,) = [r for r in tracker.stats(date(2026, 6, 30)) if r.kind == Kind.VOTER_RECOMMENDATION.value]
    assert stats.counts.total == 10_000 and stats.counts.invariant_errors() == []
    sample = done.item_ids[::2500]
    assert [[e.action for e in tracker.history(i)] for i in sample] == [["imported"]] * len(sample)
    assert len(tracker.db.all("import/existing_items")) == 10_000


def test_progress_is_reported_while_checking(tracker):
    seen = []
    preview(tracker, as_csv(generated_rows(1200)), on_progress=lambda share, text: seen.append((share, text)))
    shares = [s for s, _ in seen]
    assert shares == sorted(shares) and shares[-1] == 1.0 and len(seen) >= 4
    assert seen[0][1] == "Đang kiểm tra dòng 0/1200…"
    assert any(text == "Đang tìm mục trùng…" for _, text in seen)
