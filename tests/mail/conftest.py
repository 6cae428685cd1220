"""A real SMTP server in the test process (aiosmtpd), started and stopped by the fixtures, so the
mail tests need nothing outside pytest; and a tracker set up to mail through it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import ADMIN, copy_db
from tests.smtp_server import SmtpServer
from tracker.mail import directory
from tracker.mail.config import MailSettings, save_mail_settings
from tracker.service import Tracker


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
