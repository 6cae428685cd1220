"""The outbox and the sender against a real SMTP server (aiosmtpd, tests/mail/conftest.py): a
message is queued in the same transaction as the assignment that caused it, arrives with encoded
UTF-8 headers, a plain-text body in the recipient's language and a link to the item, survives a
server that is down, and is never sent twice."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.conftest import ADMIN, LIAISON, draft
from tests.mail.conftest import BASE_URL, SENDER
from tracker.errors import Conflict
from tracker.mail.config import MailSettings
from tracker.mail.remind import outbox_counts, recent_messages
from tracker.mail.sender import deliver

NOW = datetime(2026, 12, 1, 8, 0)


def _settings(tracker) -> MailSettings:
    return MailSettings.from_settings(tracker.reference.settings)


def _no_sleep(_: float) -> None:
    pass


def _assigned(tracker, unit="CCVC", coordinating=()):
    item_id = tracker.create_item(LIAISON, draft(tracker, lead_unit=None))
    tracker.assign(LIAISON, item_id, 1, unit, tuple(coordinating))
    return item_id


def test_an_assignment_mails_the_unit_in_its_language_with_a_link_and_encoded_headers(mail_tracker, smtp):
    item_id = _assigned(mail_tracker)
    assert outbox_counts(mail_tracker.db)["pending"] == 3  # two CCVC mailboxes and its officer
    report = deliver(mail_tracker.db, _settings(mail_tracker), now=NOW)
    assert (report.sent, report.failed) == (3, 0)

    (vi,) = smtp.inbox.to("ccvc@moha.gov.vn")
    assert vi.sender == SENDER
    assert vi.message["From"] == SENDER and vi.message["To"] == "ccvc@moha.gov.vn"
    assert vi.message["Subject"] == "Giao xử lý: Vụ Công chức - Viên chức chủ trì — hạn trả lời 03/10/2025"
    headers = vi.raw.split(b"\r\n\r\n", 1)[0]
    assert b"Subject: =?utf-8?b?" in headers  # RFC 2047 encoded words, not raw UTF-8
    assert b"Content-Transfer-Encoding: quoted-printable" in headers
    assert vi.raw.isascii()  # the whole message travels as 7-bit: body quoted-printable or base64
    text = vi.text
    assert vi.message.get_content_type() == "text/plain" and vi.message.get_content_charset() == "utf-8"
    assert "Kính gửi: Vụ Công chức - Viên chức," in text
    assert "Đề nghị điều chỉnh mức lương cơ sở" in text
    assert "Hạn trả lời: 03/10/2025" in text
    assert f"{BASE_URL}/item?id={item_id}" in text

    (en,) = smtp.inbox.to("officer.ccvc@moha.gov.vn")  # the officer chose English
    assert (
        en.message["Subject"]
        == "Assigned: Department of Civil Servants and Public Employees as lead unit — deadline 03/10/2025"
    )
    assert f"{BASE_URL}/item?id={item_id}" in en.text
    # Nobody outside the unit heard of it.
    assert {r for m in smtp.inbox.messages for r in m.recipients} == {
        "ccvc@moha.gov.vn",
        "ccvc.vt@moha.gov.vn",
        "officer.ccvc@moha.gov.vn",
    }


def test_a_long_vietnamese_subject_keeps_every_space_when_folded(mail_tracker, smtp):
    """Python 3.11's default folding drops the space between encoded words ("Bảohiểm"): not here."""
    from email import message_from_bytes, policy

    from tracker.mail.compose import build

    subject = "Quá hạn (Cục Tiền lương và Bảo hiểm xã hội): 12 mục đã quá hạn trả lời theo luật định"
    raw = build(_settings(mail_tracker), "a@moha.gov.vn", subject, "x").as_bytes()
    assert raw.count(b"=?utf-8?") > 1  # folded into several encoded words
    assert message_from_bytes(raw, policy=policy.default)["Subject"] == subject


def test_each_delivery_is_in_the_items_history(mail_tracker, smtp):
    item_id = _assigned(mail_tracker, "TLBHXH")
    deliver(mail_tracker.db, _settings(mail_tracker), now=NOW)
    mailed = [e for e in mail_tracker.history(item_id) if e.action == "mailed"]
    assert [e.changes["mailed_to"][1] for e in mailed] == ["tlbhxh@moha.gov.vn"]
    assert mailed[0].changes["mailed_on"][1] == "2026-12-01"
    assert mailed[0].changes["mail_reason"][1] == "assigned"


def test_a_refused_assignment_queues_nothing(mail_tracker, smtp):
    item_id, version = mail_tracker.create_item(LIAISON, draft(mail_tracker, lead_unit=None)), 1
    mail_tracker.assign(LIAISON, item_id, version, "CCVC")
    before = outbox_counts(mail_tracker.db)["pending"]
    with pytest.raises(Conflict):  # a stale version: the change is refused, and so is its mail
        mail_tracker.assign(LIAISON, item_id, version, "TLBHXH", reason="Chuyển đơn vị")
    assert outbox_counts(mail_tracker.db)["pending"] == before


def test_a_transfer_to_another_unit_mails_the_new_unit_only(mail_tracker, smtp):
    item_id, version = mail_tracker.create_item(LIAISON, draft(mail_tracker, lead_unit=None)), 1
    version = mail_tracker.assign(LIAISON, item_id, version, "CCVC")
    deliver(mail_tracker.db, _settings(mail_tracker), now=NOW)
    smtp.inbox.messages.clear()
    mail_tracker.assign(LIAISON, item_id, version, "TLBHXH", ("CCVC",), reason="Đúng chức năng của Cục")
    deliver(mail_tracker.db, _settings(mail_tracker), now=NOW)
    assert [m.recipients for m in smtp.inbox.messages] == [["tlbhxh@moha.gov.vn"]]


def test_a_server_that_is_down_keeps_the_messages_and_delivers_them_later_once(mail_tracker, smtp):
    _assigned(mail_tracker, "TLBHXH")
    smtp.stop()
    report = deliver(mail_tracker.db, _settings(mail_tracker), now=NOW, sleep=_no_sleep)
    assert (report.sent, report.failed) == (0, 1)
    (row,) = recent_messages(mail_tracker.db)
    assert row["status"] == "pending" and row["attempts"] == 1
    assert "ConnectionRefusedError" in row["last_error"]
    # Back-off: a minute later it is not yet due again, even with the server back.
    smtp.start()
    assert deliver(mail_tracker.db, _settings(mail_tracker), now=NOW + timedelta(seconds=30)).sent == 0
    assert smtp.inbox.messages == []
    later = NOW + timedelta(minutes=5)
    assert deliver(mail_tracker.db, _settings(mail_tracker), now=later).sent == 1
    assert deliver(mail_tracker.db, _settings(mail_tracker), now=later + timedelta(hours=2)).sent == 0
    assert [m.recipients for m in smtp.inbox.messages] == [["tlbhxh@moha.gov.vn"]]
    (row,) = recent_messages(mail_tracker.db)
    assert row["status"] == "sent" and row["last_error"] is None


def test_a_permanent_refusal_is_kept_with_the_servers_words_and_the_rest_still_go(mail_tracker, smtp):
    smtp.inbox.refuse.add("ccvc.vt@moha.gov.vn")
    _assigned(mail_tracker, "CCVC")
    report = deliver(mail_tracker.db, _settings(mail_tracker), now=NOW)
    assert (report.sent, report.failed) == (2, 1)
    refused = [r for r in recent_messages(mail_tracker.db) if r["status"] == "refused"]
    assert [r["recipient"] for r in refused] == ["ccvc.vt@moha.gov.vn"]
    assert "550" in refused[0]["last_error"] and "mailbox unavailable" in refused[0]["last_error"]
    assert outbox_counts(mail_tracker.db) == {"pending": 0, "sent": 2, "refused": 1}


def test_nothing_is_queued_for_a_unit_without_mailboxes(mail_tracker):
    _assigned(mail_tracker, "PC")
    assert outbox_counts(mail_tracker.db)["pending"] == 0


def test_the_password_comes_from_the_environment_and_is_never_stored(mail_tracker, monkeypatch):
    from tracker.mail.config import smtp_password

    monkeypatch.setenv("TRACKER_SMTP_PASSWORD", "bí-mật-123")
    assert smtp_password() == "bí-mật-123"
    assert not any("bí-mật" in v for v in mail_tracker.reference.settings.values())
    assert ADMIN.username == "system"


# The loopback test server takes a login without TLS on purpose (this test is about the password's
# source); aiosmtpd warns of exactly that. The TLS paths have their own tests.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_a_server_that_needs_a_login_gets_the_password_from_the_environment(mail_tracker, monkeypatch):
    from dataclasses import replace

    from tests.smtp_server import SmtpServer
    from tracker.mail.config import save_mail_settings

    server = SmtpServer(login=("theodoi", "matkhau-dung-2026"))
    server.start()
    try:
        settings = replace(_settings(mail_tracker), port=server.port, user="theodoi")
        save_mail_settings(mail_tracker.db, ADMIN, settings)
        _assigned(mail_tracker, "TLBHXH")
        monkeypatch.setenv("TRACKER_SMTP_PASSWORD", "sai")
        report = deliver(mail_tracker.db, settings, now=NOW, sleep=_no_sleep)
        assert report.failed == 1 and "535" in report.errors[0]  # the server's refusal, word for word
        assert server.inbox.messages == []
        monkeypatch.setenv("TRACKER_SMTP_PASSWORD", "matkhau-dung-2026")
        assert deliver(mail_tracker.db, settings, now=NOW + timedelta(hours=2)).sent == 1
        assert [m.recipients for m in server.inbox.messages] == [["tlbhxh@moha.gov.vn"]]
    finally:
        server.stop()
