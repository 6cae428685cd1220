"""Issue 9, point 6 (import): a blank phase follows from the session's dates and the preview says
it was derived; a result is required for a replied recommendation, not for a deputy's question;
the CLI preview prints every reason in full."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import ADMIN, LIAISON, draft, reply, run_cli
from tests.importing.test_import import COLUMNS, csv_bytes, preview, row
from tracker.errors import InvalidInputs
from tracker.importing import Fate, preview_frame, preview_reasons
from tracker.items import Kind, Phase
from tracker.sessions import Session, SessionRef, derive_phase

# 15th NA, 8th session: 21/10 - 30/11/2024 (domain.md).
S8 = Session(8, SessionRef(15, 8), date(2024, 10, 21), date(2024, 11, 30))
VR, DQ = Kind.VOTER_RECOMMENDATION, Kind.DEPUTY_QUESTION


@pytest.mark.parametrize(
    ("kind", "received", "phase"),
    [
        (VR, date(2024, 10, 15), Phase.BEFORE),  # before the opening
        (VR, date(2024, 10, 20), Phase.BEFORE),
        (VR, date(2024, 12, 2), Phase.AFTER),  # after the closing
        (VR, date(2024, 11, 5), None),  # during the session: before or after cannot be told
        (VR, date(2024, 10, 21), None),
        (DQ, date(2024, 10, 21), Phase.AT_SESSION),  # the opening day
        (DQ, date(2024, 11, 30), Phase.AT_SESSION),  # the closing day
        (DQ, date(2024, 11, 5), Phase.AT_SESSION),
        (DQ, date(2024, 12, 1), Phase.BETWEEN_SESSIONS),
        (DQ, date(2024, 9, 10), Phase.BETWEEN_SESSIONS),
    ],
    ids=lambda v: v.strftime("%d/%m/%Y") if isinstance(v, date) else str(v),
)
def test_phase_from_the_8th_sessions_dates(kind, received, phase):
    assert derive_phase(kind, received, S8) == phase


def test_no_phase_without_the_sessions_dates():
    undated = Session(9, SessionRef(16, 2), None, None)
    assert derive_phase(DQ, date(2026, 10, 5), undated) is None
    only_opening = Session(9, SessionRef(16, 2), date(2026, 10, 5), None)
    assert derive_phase(DQ, date(2026, 10, 6), only_opening) is None  # may have closed already
    assert derive_phase(DQ, date(2026, 10, 1), only_opening) == Phase.BETWEEN_SESSIONS
    assert derive_phase(VR, date(2026, 10, 1), only_opening) == Phase.BEFORE
    assert derive_phase(DQ, None, S8) is None


QUESTION = {
    "kind": "deputy_question",
    "term": "15",
    "session": "9",
    "ref_no": "",
    "received_on": "12/06/2025",
    "source": "Đoàn ĐBQH tỉnh Nghệ An",
    "summary": "Chất vấn về tiến độ sắp xếp đơn vị hành chính cấp xã.",
    "topic": "Chính quyền địa phương",
    "lead_unit": "CQDP",
    "coordinating_units": "",
    "due_on": "",
    "response_no": "",
    "responded_on": "",
    "result": "",
    "signer": "",
}
NO_PHASE = tuple(c for c in COLUMNS if c != "phase")


def test_a_question_file_without_a_phase_column_is_accepted_with_phases_derived(tracker):
    rows = [
        {**QUESTION, "ref_no": "1", "received_on": "12/06/2025"},  # 9th session: 5/5 - 27/6/2025
        {**QUESTION, "ref_no": "2", "received_on": "15/07/2025"},
    ]
    result = preview(tracker, csv_bytes(rows, columns=NO_PHASE), name="chat-van.csv")
    assert [(r.fate, r.item.phase, r.item.phase_derived) for r in result.rows] == [
        (Fate.NEW, Phase.AT_SESSION, True),
        (Fate.NEW, Phase.BETWEEN_SESSIONS, True),
    ], [p.message() for p in result.problems]
    frame = preview_frame(result, "vi")
    assert list(frame["Thời điểm"]) == ["Tại kỳ họp (suy ra từ ngày họp)", "Giữa hai kỳ họp (suy ra từ ngày họp)"]
    assert preview_reasons(result, "en") == [
        "Row 2: phase left blank, derived from the session's dates: At the session.",
        "Row 3: phase left blank, derived from the session's dates: Between sessions.",
    ]


def test_a_phase_written_in_the_file_is_kept_and_not_marked_derived(tracker):
    result = preview(tracker, csv_bytes([row(phase="before", received_on="01/08/2025")]))
    [r] = result.rows
    assert (r.item.phase, r.item.phase_derived) == (Phase.BEFORE, False)
    assert list(preview_frame(result, "vi")["Thời điểm"]) == ["Trước kỳ họp"]


def test_a_recommendation_received_during_the_session_with_a_blank_phase_is_asked_for(tracker):
    result = preview(tracker, csv_bytes([row(phase="", received_on="10/06/2025")]))
    assert [p.message("vi") for p in result.problems] == [
        (
            'Dòng 2, cột "phase": Chưa nhập Thời điểm và ngày họp của kỳ họp 15/9 không cho biết (cần ngày khai mạc,'
            " bế mạc; với kiến nghị nhận trong thời gian họp, hãy ghi rõ trước hay sau kỳ họp)."
        )
    ]
    after = preview(tracker, csv_bytes([row(phase="", received_on="04/08/2025")]))
    assert [(r.fate, r.item.phase) for r in after.rows] == [(Fate.NEW, Phase.AFTER)]


def test_a_replied_question_needs_no_result_but_a_replied_recommendation_does(tracker):
    question = {
        **QUESTION,
        "ref_no": "7",
        "response_no": "55/BNV-CQDP",
        "responded_on": "20/06/2025",
        "signer": "Bộ trưởng",
    }
    result = preview(tracker, csv_bytes([question], columns=NO_PHASE), name="chat-van.csv")
    [r] = result.rows
    assert r.fate == Fate.NEW, [p.message() for p in result.problems]
    assert r.item.reply.result is None and r.item.reply.response_no == "55/BNV-CQDP"
    recommendation = row(response_no="56/BNV-TLBHXH", responded_on="20/08/2025")
    refused = preview(tracker, csv_bytes([recommendation]))
    assert [p.message("en") for p in refused.problems] == [
        (
            'Row 2, column "result": The recommendation has reply details but no result'
            " (required for voter recommendations, JR 72/2025 Art. 49(2))."
        )
    ]


def test_the_service_records_a_questions_reply_without_a_result_and_refuses_a_recommendations(tracker):
    question = tracker.create_item(
        LIAISON,
        draft(
            tracker,
            kind=Kind.DEPUTY_QUESTION,
            phase=Phase.AT_SESSION,
            deputy="Đại biểu Nguyễn Văn A",
            received_on=date(2025, 6, 12),
        ),
    )
    item = tracker.get_item(question)
    tracker.record_reply(ADMIN, question, item.version, reply(date(2025, 6, 20), result=None))
    assert tracker.get_item(question).reply.result is None
    recommendation = tracker.create_item(LIAISON, draft(tracker))
    with pytest.raises(InvalidInputs) as caught:
        tracker.record_reply(
            ADMIN, recommendation, tracker.get_item(recommendation).version, reply(date(2025, 8, 20), result=None)
        )
    assert [e.message("vi") for e in caught.value.errors] == [
        "Kiến nghị đã trả lời cần ghi kết quả (đã giải quyết xong, đang nghiên cứu giải quyết, hoặc giải trình, cung cấp thông tin)."
    ]
    assert tracker.get_item(recommendation).reply is None


def test_cli_dry_run_prints_every_reason_in_full_under_the_table(db_path, tmp_path):
    long_unit = "Vụ Theo Dõi Các Kiến Nghị Của Cử Tri Gửi Đến Kỳ Họp Thứ Chín Và Các Kỳ Họp Sau Nữa"
    bad = tmp_path / "loi.csv"
    bad.write_bytes(
        csv_bytes([row(ref_no="1"), row(ref_no="2", lead_unit=long_unit, phase="", received_on="10/06/2025")])
    )
    result = run_cli("import", str(bad), "--dry-run", db=db_path)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert f'Dòng 3, cột "lead_unit": Đơn vị "{long_unit}" chưa có trong danh mục' in result.stdout
    assert any(
        line.startswith('Dòng 3, cột "phase": Chưa nhập Thời điểm và ngày họp của kỳ họp 15/9') for line in lines
    )
    assert not any("..." in line for line in lines if line.startswith("Dòng 3"))
    questions = tmp_path / "chat-van.csv"
    questions.write_bytes(csv_bytes([{**QUESTION, "ref_no": "1"}], columns=NO_PHASE))
    result = run_cli("import", str(questions), "--dry-run", db=db_path, lang="en")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Row 2: phase left blank, derived from the session's dates: At the session." in result.stdout
