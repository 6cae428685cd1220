"""STARTTLS and SMTP over SSL against the real aiosmtpd server, with a throwaway certificate
authority made by trustme in the fixture: a message arrives over each; a certificate nobody trusts,
one for another host, or the wrong choice of STARTTLS/SSL reads as a clear sentence in the user's
language (what to check), never a traceback."""

from __future__ import annotations

import ssl
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
import trustme

from tests.conftest import LIAISON, draft
from tests.smtp_server import SmtpServer
from tracker.mail.config import MailSettings, save_mail_settings
from tracker.mail.sender import CA_FILE_ENV, MailRefused, deliver, send_test
from tracker.permissions import SYSTEM

SUBJECT = "Thư thử: kết nối mã hóa"


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA(organization_name="Bộ Nội vụ (thử nghiệm)")


def _server_context(ca: trustme.CA, *names: str) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*names).configure_cert(context)
    return context


@pytest.fixture
def trusted(ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tracker trusts the test authority only (as a ministry trusting its own)."""
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    monkeypatch.setenv(CA_FILE_ENV, str(path))
    return path


def _serve(tls: str, context: ssl.SSLContext):
    server = SmtpServer(tls=tls, context=context)
    server.start()
    return server


def _settings(server: SmtpServer, security: str) -> MailSettings:
    return MailSettings(host="127.0.0.1", port=server.port, security=security, sender="theodoi@moha.gov.vn")


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_a_message_arrives_over_starttls_and_over_ssl(ca, trusted, security):
    server = _serve(security, _server_context(ca, "127.0.0.1", "localhost"))
    try:
        send_test(_settings(server, security), "quantri@moha.gov.vn", SUBJECT, "Nội dung có dấu: Bảo hiểm xã hội.")
        (got,) = server.inbox.to("quantri@moha.gov.vn")
        assert got.message["Subject"] == SUBJECT
        assert "Bảo hiểm xã hội" in got.text
    finally:
        server.stop()


def test_the_outbox_is_delivered_over_starttls(ca, trusted, mail_tracker):
    server = _serve("starttls", _server_context(ca, "127.0.0.1"))
    try:
        settings = replace(_settings(server, "starttls"), base_url="https://theodoi.moha.gov.vn")
        save_mail_settings(mail_tracker.db, SYSTEM, settings)
        item_id = mail_tracker.create_item(LIAISON, draft(mail_tracker, lead_unit="CCVC"))
        report = deliver(mail_tracker.db, settings, now=datetime(2026, 12, 1, 8))
        assert (report.sent, report.failed) == (3, 0)  # CCVC's two mailboxes and its officer
        assert f"/item?id={item_id}" in server.inbox.to("ccvc@moha.gov.vn")[0].text
    finally:
        server.stop()


def _refusal(settings: MailSettings) -> MailRefused:
    with pytest.raises(MailRefused) as caught:
        send_test(settings, "quantri@moha.gov.vn", SUBJECT, "x")
    return caught.value


def test_a_certificate_nobody_trusts_reads_as_what_to_check(ca, tmp_path, monkeypatch):
    other = trustme.CA()  # the tracker trusts another authority than the server's
    path = tmp_path / "other.pem"
    other.cert_pem.write_to_path(str(path))
    monkeypatch.setenv(CA_FILE_ENV, str(path))
    for security in ("starttls", "ssl"):
        server = _serve(security, _server_context(ca, "127.0.0.1"))
        try:
            refused = _refusal(_settings(server, security))
        finally:
            server.stop()
        assert refused.error.key == "error.mail_certificate"
        text = refused.error.message("vi")
        assert text.startswith(f"Không tin cậy được chứng chỉ của máy chủ thư 127.0.0.1:{server.port}")
        assert "TRACKER_SMTP_CA_FILE" in text and "Traceback" not in text
        assert refused.error.message("en").startswith("The mail server 127.0.0.1")
        assert server.inbox.messages == []


def test_a_certificate_for_another_host_names_the_host_to_check(ca, trusted):
    server = _serve("starttls", _server_context(ca, "mail.moha.gov.vn"))
    try:
        refused = _refusal(_settings(server, "starttls"))
    finally:
        server.stop()
    assert refused.error.key == "error.mail_certificate_host"
    assert refused.error.message("vi").startswith("Chứng chỉ của máy chủ thư không mang tên 127.0.0.1")


def test_ssl_against_a_starttls_port_says_to_check_the_choice_and_the_port(ca, trusted):
    server = _serve("starttls", _server_context(ca, "127.0.0.1"))
    try:
        refused = _refusal(_settings(server, "ssl"))
    finally:
        server.stop()
    assert refused.error.key == "error.mail_tls"
    assert "Kiểm tra lại chọn STARTTLS hay SSL/TLS và cổng" in refused.error.message("vi")
