"""A real SMTP server in the test process (aiosmtpd), started and stopped by the fixtures, so the
mail tests need nothing outside pytest; and a tracker set up to mail through it."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field, replace
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests.conftest import ADMIN, copy_db
from tracker.mail import directory
from tracker.mail.config import MailSettings, save_mail_settings
from tracker.service import Tracker


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage
    raw: bytes

    @property
    def text(self) -> str:
        """The decoded body with the wire's CRLF line ends as newlines."""
        return str(self.message.get_content()).replace("\r\n", "\n")


@dataclass
class Inbox:
    """What the server accepted; addresses in ``refuse`` get a permanent 550."""

    messages: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse:
            return "550 5.1.1 Hộp thư không tồn tại / mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        msg = message_from_bytes(raw, policy=policy.default)
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), msg, raw))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.recipients]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SmtpServer:
    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = _free_port()
        self.controller: Controller | None = None

    def start(self) -> None:
        # SMTPUTF8 off: the messages must travel as plain 7-bit with encoded headers.
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, decode_data=False)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp():
    server = SmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


BASE_URL = "https://theodoi.moha.gov.vn"
SENDER = "theodoi@moha.gov.vn"


def _set_up(tracker, port: int) -> None:
    from tracker import accounts

    settings = MailSettings(host="127.0.0.1", port=port, security="none", sender=SENDER, base_url=BASE_URL)
    save_mail_settings(tracker.db, ADMIN, settings)
    units = [u.code for u in tracker.reference.units]
    directory.set_unit_mailboxes(tracker.db, ADMIN, "TLBHXH", ["tlbhxh@moha.gov.vn"], units)
    directory.set_unit_mailboxes(tracker.db, ADMIN, "CCVC", ["ccvc@moha.gov.vn", "ccvc.vt@moha.gov.vn"], units)
    directory.set_unit_mailboxes(tracker.db, ADMIN, "VP", ["vanphong@moha.gov.vn"], units)
    accounts.add_user(tracker, ADMIN, "botruong", "mat-khau-rat-dai-1", "viewer", display_name="VP Bộ trưởng")
    directory.save_contact(tracker.db, ADMIN, "botruong", "vpbt@moha.gov.vn", "vi")
    accounts.add_user(tracker, ADMIN, "advisor", "mat-khau-rat-dai-2", "viewer", display_name="Advisor")
    directory.save_contact(tracker.db, ADMIN, "advisor", "advisor@moha.gov.vn", "en")
    accounts.add_user(tracker, ADMIN, "cb_ccvc", "mat-khau-rat-dai-3", "unit_officer", unit="CCVC")
    directory.save_contact(tracker.db, ADMIN, "cb_ccvc", "officer.ccvc@moha.gov.vn", "en")
    accounts.add_user(tracker, ADMIN, "lienlac", "mat-khau-rat-dai-4", "liaison")
    directory.save_contact(tracker.db, ADMIN, "lienlac", "lienlac@moha.gov.vn", "vi")


@pytest.fixture(scope="session")
def mail_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Accounts cost an argon2 hash each: the set-up is built once and copied for every test."""
    path = tmp_path_factory.mktemp("mail-template") / "tracker.duckdb"
    t = Tracker.open(path)
    try:
        _set_up(t, 25)
    finally:
        t.close()
    return path


@pytest.fixture
def mail_tracker(mail_template: Path, tmp_path: Path, smtp: SmtpServer):
    """A tracker mailing through the test server: mailboxes for TLBHXH, CCVC (two) and the Office
    (VP); contacts for two viewers (vi, en), a CCVC officer (en) and a liaison (vi)."""
    t = Tracker.open(copy_db(mail_template, tmp_path))
    try:
        settings = MailSettings.from_settings(t.reference.settings)
        save_mail_settings(t.db, ADMIN, replace(settings, port=smtp.port))
        yield t
    finally:
        t.close()
