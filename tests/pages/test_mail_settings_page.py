"""Issue 13 under AppTest: the settings page's e-mail tab saves the mail server, sends a test
message to a real SMTP server in the test process (or shows the server's exact refusal), keeps
unit mailboxes and account contacts (the legal-deadline messages cannot be turned off), and the
Office's "send reminders now" shows the run and what it sent."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import ADMIN, LIAISON, draft, open_page, start_app
from tests.smtp_server import SmtpServer
from tracker.mail import directory, remind
from tracker.mail.config import MailSettings, save_mail_settings
from tracker.plain_text import unescape_markdown
from ui.context import _open_tracker

P = "settings.mail"


@pytest.fixture
def smtp():
    server = SmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _texts(at) -> str:
    parts = [m.value for m in at.caption] + [m.value for m in at.info] + [m.value for m in at.success]
    parts += [m.value for m in at.warning] + [m.value for m in at.error]
    return unescape_markdown("\n".join(parts))


def _ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


def _submit(at, form: str):
    next(b for b in at.get("button") if getattr(b, "form_id", None) == form).click().run()
    return _ok(at)


def _configured(db, port: int) -> None:
    live = _open_tracker(str(db))
    settings = MailSettings(host="127.0.0.1", port=port, security="none", sender="theodoi@moha.gov.vn")
    save_mail_settings(live.db, ADMIN, settings)


def test_an_administrator_saves_the_server_and_bad_input_changes_nothing(db_path, monkeypatch):
    at = open_page(start_app(db_path, monkeypatch), "settings")
    at.text_input(key=f"{P}.host").set_value("mail.moha.gov.vn")
    at.number_input(key=f"{P}.port").set_value(465)
    at.selectbox(key=f"{P}.security").set_value("ssl")
    at.text_input(key=f"{P}.sender").set_value("theodoi@moha.gov.vn")
    at.text_input(key=f"{P}.base_url").set_value("https://theodoi.moha.gov.vn/")
    _submit(at, f"{P}.server_form")
    saved = MailSettings.from_settings(_open_tracker(str(db_path)).reference.settings)
    assert (saved.host, saved.port, saved.security, saved.base_url) == (
        "mail.moha.gov.vn",
        465,
        "ssl",
        "https://theodoi.moha.gov.vn",
    )
    at.text_input(key=f"{P}.offsets").set_value("3,40")
    _submit(at, f"{P}.server_form")
    assert 'Số ngày nhắc trước hạn "3,40" không hợp lệ' in _texts(at)
    assert MailSettings.from_settings(_open_tracker(str(db_path)).reference.settings).offsets == (3, 1)


def test_the_test_message_reaches_the_server_or_shows_its_exact_refusal(db_path, monkeypatch, smtp):
    _configured(db_path, smtp.port)
    at = open_page(start_app(db_path, monkeypatch), "settings")
    at.text_input(key=f"{P}.test_to").set_value("quantri@moha.gov.vn")
    _ok(at.button(key=f"{P}.send_test").click().run())
    assert "Máy chủ thư đã nhận thư thử gửi tới quantri@moha.gov.vn." in _texts(at)
    (got,) = smtp.inbox.to("quantri@moha.gov.vn")
    assert got.message["Subject"] == "Thư thử từ Hệ thống theo dõi kiến nghị cử tri và chất vấn"
    smtp.inbox.refuse.add("khongco@moha.gov.vn")
    at.text_input(key=f"{P}.test_to").set_value("khongco@moha.gov.vn")
    _ok(at.button(key=f"{P}.send_test").click().run())
    assert "Máy chủ thư từ chối: khongco@moha.gov.vn: 550 5.1.1 Hộp thư không tồn tại / mailbox unavailable" in _texts(
        at
    )


def test_mailboxes_and_contacts_are_kept_and_the_legal_deadline_messages_stay_on(db_path, monkeypatch):
    at = open_page(start_app(db_path, monkeypatch), "settings")
    at.selectbox(key=f"{P}.mailbox_unit").set_value("CCVC").run()
    at.text_input(key=f"{P}.mailbox_addresses.CCVC").set_value("ccvc@moha.gov.vn; VT.ccvc@moha.gov.vn")
    _ok(at.button(key=f"{P}.save_mailboxes").click().run())
    live = _open_tracker(str(db_path))
    boxes = directory.load_directory(live.db, MailSettings()).mailboxes
    assert boxes == {"CCVC": ("ccvc@moha.gov.vn", "vt.ccvc@moha.gov.vn")}
    at.text_input(key=f"{P}.mailbox_addresses.CCVC").set_value("không phải địa chỉ")
    _ok(at.button(key=f"{P}.save_mailboxes").click().run())
    assert 'Địa chỉ thư "không phải địa chỉ" không hợp lệ.' in _texts(at)
    assert directory.load_directory(live.db, MailSettings()).mailboxes == boxes

    user = at.selectbox(key=f"{P}.contact_user").value
    at.text_input(key=f"{P}.contact_email.{user}").set_value("quantri@moha.gov.vn")
    at.selectbox(key=f"{P}.contact_lang.{user}").set_value("en")
    receives = at.multiselect(key=f"{P}.contact_receives.{user}")
    receives.set_value([r for r in receives.value if r != "digest"])  # all but the digest
    _submit(at, f"{P}.contact_form.{user}")
    contact = directory.get_contact(live.db, user)
    assert (contact.email, contact.lang, contact.muted) == ("quantri@moha.gov.vn", "en", frozenset({"digest"}))
    # Only the choosable messages are offered: the legal-deadline ones are not in the list.
    assert at.multiselect(key=f"{P}.contact_receives.{user}").options == [
        "Thư giao xử lý",
        "Nhắc trước hạn gửi dự thảo (hạn nội bộ)",
        "Báo quá hạn gửi dự thảo (hạn nội bộ)",
        "Báo quá ngày cam kết giải quyết",
        "Đơn vị trả lại mục (gửi Văn phòng Bộ)",
        "Đơn vị gửi dự thảo (gửi Văn phòng Bộ)",
        "Thư tổng hợp hằng tuần",
    ]
    assert "luôn được gửi, không tắt được" in _texts(at)


def test_send_reminders_now_shows_the_run_and_what_it_sent(db_path, monkeypatch, smtp):
    _configured(db_path, smtp.port)
    live = _open_tracker(str(db_path))
    directory.set_unit_mailboxes(
        live.db, ADMIN, "TLBHXH", ["tlbhxh@moha.gov.vn"], [u.code for u in live.reference.units]
    )
    live.create_item(LIAISON, draft(live, received_on=date(2026, 9, 1)))  # 60 days: overdue by now
    at = open_page(start_app(db_path, monkeypatch), "settings")
    assert "Chưa chạy nhắc hạn lần nào" in _texts(at)
    _ok(at.button(key=f"{P}.run_now").click().run())
    text = _texts(at)
    # Overdue and its internal deadline passed, queued now; the assignment mail queued at creation.
    assert "đã gửi 3" in text and "đã xếp 2 thư" in text
    assert [m.recipients for m in smtp.inbox.messages] == [["tlbhxh@moha.gov.vn"]] * 3
    assert remind.last_run(live.db).sent == 3
    (table,) = [d.value for d in at.dataframe if "Tiêu đề" in d.value.columns and "Số mục" in d.value.columns]
    assert list(table.iloc[0])[:2] == ["tlbhxh@moha.gov.vn", "Báo quá hạn trả lời"]


def test_the_tab_reads_in_english(db_path, monkeypatch):
    at = open_page(start_app(db_path, monkeypatch, lang="en"), "settings")
    assert "No reminder run yet." in _texts(at)
    assert at.button(key=f"{P}.run_now").label == "Send reminders now"
