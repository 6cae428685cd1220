"""The audit trail (items and settings), its CSV export, backups and verified restores."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import ADMIN, LIAISON, ROOT, draft, reply
from tracker.audit import events_csv
from tracker.errors import Conflict, PermissionDenied
from tracker.permissions import Actor, Role


def test_every_item_change_is_an_event_with_old_and_new_values(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker, ref_no="12/BDN"))
    version = tracker.assign(LIAISON, item_id, 1, "CQĐP", ("TCBC",), "Nội dung thuộc lĩnh vực chính quyền địa phương")
    version = tracker.override_deadline(LIAISON, item_id, version, date(2025, 10, 10), "Ban Dân nguyện đồng ý gia hạn")
    tracker.record_reply(LIAISON, item_id, version, reply(date(2025, 9, 1)))
    events = tracker.history(item_id)
    assert [e.action for e in events] == ["created", "reassigned", "deadline_overridden", "replied"]
    assert events[1].changes["lead_unit"] == ["TLBHXH", "CQĐP"]
    assert events[1].reason == "Nội dung thuộc lĩnh vực chính quyền địa phương"
    assert events[2].changes["due_on"][1] == "2025-10-10"
    assert events[2].actor == "lienlac"
    assert tracker.integrity_problems() == []


def test_settings_changes_are_in_the_trail_and_filters_work(tracker):
    tracker.save_rule(ADMIN, "deputy_question", 15, date(2026, 3, 1), "Luật 121/2025/QH15")
    item_id = tracker.create_item(LIAISON, draft(tracker))
    tracker.assign(LIAISON, item_id, 1, "TLBHXH", ("VL",), "")
    everything = tracker.list_events(ADMIN)
    assert {"rule_saved", "created", "assigned"} <= {e["action"] for e in everything}
    by_liaison = tracker.list_events(ADMIN, username="lienlac")
    assert {e["action"] for e in by_liaison} == {"created", "assigned"}
    by_unit = tracker.list_events(ADMIN, unit="VL")
    assert {e["item_id"] for e in by_unit} == {item_id}
    assert tracker.list_events(ADMIN, date_from=date(2100, 1, 1)) == []
    assert [e["action"] for e in tracker.list_events(ADMIN, item_id=item_id)] == ["assigned", "created"]
    with pytest.raises(PermissionDenied):
        tracker.list_events(LIAISON)


def test_the_trail_exports_as_csv_that_excel_reads_and_cannot_run(tracker):
    tracker.create_item(LIAISON, draft(tracker, summary='=HYPERLINK("http://x")'))
    data = events_csv(tracker.list_events(ADMIN), "vi")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Thời điểm", "Người thực hiện", "Thao tác", "Đối tượng", "Thay đổi", "Lý do"]
    assert rows[1][2] == "Tạo mới"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)


def test_a_stale_edit_is_refused_and_says_what_changed_meanwhile(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker))
    other = Actor("cb_tl", Role.UNIT_OFFICER, "TLBHXH", "Cán bộ Cục Tiền lương")
    tracker.record_reply(other, item_id, 1, reply(date(2025, 9, 1)))
    with pytest.raises(Conflict) as refused:
        tracker.assign(LIAISON, item_id, 1, "CQĐP", (), "chuyển")
    message = refused.value.message("vi")
    assert "đã được người khác cập nhật" in message
    assert "cb_tl" in message and "Ghi nhận trả lời" in message and "1234/BNV-TLBHXH" in message
    assert tracker.get_item(item_id).lead_unit == "TLBHXH"


def _cli(*args: str, db: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        cwd=ROOT,
        env={"TRACKER_DB": str(db), "PATH": "/usr/bin:/bin"},
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_the_cli_says_in_one_line_that_the_app_holds_the_file(tracker, db_path):
    # ``tracker`` (this process) plays the running app: it holds the file read-write.
    for args in (("stats", "--json"), ("backup", "/tmp/x"), ("demo",)):
        result = _cli(*args, db=db_path)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert "đang được ứng dụng khác sử dụng" in result.stderr


def test_logged_values_read_as_labels_names_and_dates(tracker):
    from tracker.audit import describe_changes

    item_id = tracker.create_item(LIAISON, draft(tracker))
    created = tracker.history(item_id)[0].changes
    text = describe_changes(created, "vi", tracker.reference)
    assert "Loại: — → Kiến nghị cử tri" in text
    assert "Kỳ họp: — → 15/9" in text
    assert "Đơn vị chủ trì: — → Cục Tiền lương và Bảo hiểm xã hội" in text
    assert "Ngày nhận: — → 04/08/2025" in text
    assert "voter_recommendation" not in text and "2025-08-04" not in text
    english = describe_changes(created, "en", tracker.reference)
    assert "Kind: — → Voter recommendation" in english and "Phase: — → After the session" in english


def test_settings_changes_record_old_and_new_values(tracker):
    tracker.save_rule(ADMIN, "deputy_question", 15, date(2016, 1, 1), "sửa nhầm")
    [event] = [e for e in tracker.list_events(ADMIN) if e["action"] == "rule_saved"]
    assert event["changes"]["days"] == [20, 15]
    assert event["actor"] == ADMIN.username and event["subject"] == "deputy_question"
    tracker.save_override(ADMIN, date(2026, 1, 2), True, "hủy nghỉ bù")
    [event] = [e for e in tracker.list_events(ADMIN) if e["action"] == "override_saved"]
    assert event["changes"]["working"] == [False, True]
