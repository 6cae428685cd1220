"""The Office's chasing on the queue and progress pages under AppTest (issue 13): the công văn
đôn đốc for a unit (a Word file to download, its issue recorded on each listed item) and "Gửi nhắc
việc ngay" (what it sent, the last run; a second click the same day sends nothing new). A unit's
officer sees neither."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import ADMIN, LIAISON, draft, open_page, start_app
from tests.smtp_server import SmtpServer
from tracker import clock
from tracker.mail import directory
from tracker.mail.config import MailSettings, save_mail_settings
from tracker.plain_text import unescape_markdown
from ui.context import _open_tracker


@pytest.fixture
def smtp():
    server = SmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at) -> str:
    parts = [m.value for m in at.caption] + [m.value for m in at.info] + [m.value for m in at.success]
    return unescape_markdown("\n".join(parts + [m.value for m in at.error]))


@pytest.fixture
def overdue(db_path, smtp) -> int:
    """One TLBHXH item overdue today (received 01/09/2026, 60 days), the unit's mailbox set."""
    live = _open_tracker(str(db_path))
    save_mail_settings(
        live.db, ADMIN, MailSettings(host="127.0.0.1", port=smtp.port, security="none", sender="theodoi@moha.gov.vn")
    )
    directory.set_unit_mailboxes(
        live.db, ADMIN, "TLBHXH", ["tlbhxh@moha.gov.vn"], [u.code for u in live.reference.units]
    )
    return live.create_item(LIAISON, draft(live, received_on=date(2026, 9, 1), summary="Đề nghị tăng lương hưu."))


def test_the_queue_drafts_the_letter_to_its_unit_and_records_it(db_path, monkeypatch, overdue):
    at = open_page(start_app(db_path, monkeypatch, role="liaison"), "queue")
    _ok(at.selectbox(key="queue.unit_pick").set_value("TLBHXH").run())
    assert "Công văn gửi Cục Tiền lương và Bảo hiểm xã hội, liệt kê 1 mục" in _texts(at)
    at.text_input(key="chase.queue.number").set_value("245/BNV-VP")
    _ok(at.button(key="chase.queue.letter_button").click().run())
    assert "Đã soạn công văn đôn đốc liệt kê 1 mục" in _texts(at)
    (download,) = at.get("download_button")
    assert download.proto.label == "Tải công văn (Word)"
    events = [e for e in _open_tracker(str(db_path)).history(overdue) if e.action == "reminder_letter"]
    assert [e.changes["letter_no"][1] for e in events] == ["245/BNV-VP"]


def test_the_progress_page_sends_reminders_now_once_a_day(db_path, monkeypatch, overdue, smtp):
    at = open_page(start_app(db_path, monkeypatch, role="liaison"), "progress")
    assert at.selectbox(key="chase.progress.unit").options == ["Cục Tiền lương và Bảo hiểm xã hội (1 mục)"]
    assert "Chưa chạy nhắc hạn lần nào" in _texts(at)
    _ok(at.button(key="chase.progress.remind_button").click().run())
    text = _texts(at)
    assert "đã xếp 2 thư; đã gửi 3, chưa gửi được 0" in text  # overdue, internal passed; the assignment's
    (table,) = [d.value for d in at.dataframe if "Tiêu đề" in d.value.columns and "Số mục" in d.value.columns]
    assert list(table.iloc[0])[:2] == ["tlbhxh@moha.gov.vn", "Báo quá hạn trả lời"]
    assert "Lần nhắc gần nhất:" in text and "đã xếp 2 thư, đã gửi 3" in text
    assert len(smtp.inbox.messages) == 3
    _ok(at.button(key="chase.progress.remind_button").click().run())
    today = clock.today().strftime("%d/%m/%Y")  # the page reminds as of today (it once said 01/12/2026 here)
    assert f"Không có thư nhắc mới: các thư nhắc đến hạn ngày {today} đều đã được gửi." in _texts(at)
    assert len(smtp.inbox.messages) == 3


def test_a_units_officer_sees_no_chasing(db_path, monkeypatch, overdue):
    at = open_page(start_app(db_path, monkeypatch, role="unit_officer", unit="TLBHXH"), "queue")
    assert not [b for b in at.button if b.key and b.key.startswith("chase.")]
