"""Delivery: the outbox's waiting messages over SMTP (STARTTLS, SSL or plain on a trusted relay;
login when a user is set, with the password from the environment). A server that is down or
refuses is not a crash: the message stays queued with the error and a later attempt time
(back-off doubling up to an hour); a permanent refusal (5xx) is kept as "refused" and reported.
Each delivered reminder becomes an event in its items' histories."""

from __future__ import annotations

import json
import os
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from tracker import history
from tracker.errors import TrackerError
from tracker.mail.compose import build
from tracker.mail.config import MailSettings, smtp_password
from tracker.mail.reasons import LOGGED, Reason
from tracker.permissions import SYSTEM
from tracker.storage import Cursor, Database

CA_FILE_ENV = "TRACKER_SMTP_CA_FILE"
TIMEOUT = 30  # seconds per SMTP exchange
CONNECT_TRIES = 3  # within one run, before leaving the messages for the next
MAX_BACKOFF = timedelta(hours=1)


class MailRefused(Exception):
    """The server said no: its exact words are kept for the settings page. ``error`` is what a
    person reads (the server's words, or a sentence for a certificate or TLS set-up problem)."""

    def __init__(self, detail: str, permanent: bool = False, error: TrackerError | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.permanent = permanent
        self.error = error or TrackerError("error.mail_refused", detail=detail)


# OpenSSL's X509_V_ERR_HOSTNAME_MISMATCH and _IP_ADDRESS_MISMATCH: a valid certificate for another host.
HOST_MISMATCH = frozenset({62, 64})


def _refusal(error: BaseException, settings: MailSettings) -> MailRefused:
    """A certificate nobody trusts, one for another host, or TLS that cannot start read as what
    to check (in the reader's language), not as OpenSSL's words alone."""
    where = {"host": settings.host, "port": settings.port}
    words = _words(error)
    if isinstance(error, ssl.SSLCertVerificationError):
        key = "error.mail_certificate_host" if error.verify_code in HOST_MISMATCH else "error.mail_certificate"
        return MailRefused(words, False, TrackerError(key, detail=str(error.verify_message), **where))
    if isinstance(error, ssl.SSLError | smtplib.SMTPNotSupportedError):
        return MailRefused(words, False, TrackerError("error.mail_tls", detail=words, **where))
    return MailRefused(words, _permanent(error))


@dataclass
class Delivery:
    sent: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, … minutes after each failed attempt, at most an hour."""
    return min(timedelta(minutes=2 ** min(attempts, 10)), MAX_BACKOFF)


def _words(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        text = (
            error.smtp_error.decode("utf-8", "replace")
            if isinstance(error.smtp_error, bytes)
            else str(error.smtp_error)
        )
        return f"{error.smtp_code} {text}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{addr}: {code} {msg.decode('utf-8', 'replace')}" for addr, (code, msg) in error.recipients.items()
        )
    return f"{type(error).__name__}: {error}"


def _permanent(error: BaseException) -> bool:
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return False


def tls_context() -> ssl.SSLContext:
    """The system's trusted authorities, or only those in TRACKER_SMTP_CA_FILE: a ministry's own
    mail server often carries a certificate from the ministry's own authority."""
    return ssl.create_default_context(cafile=os.environ.get(CA_FILE_ENV) or None)


def connect(settings: MailSettings, password: str | None) -> smtplib.SMTP:
    context = tls_context()
    server: smtplib.SMTP
    if settings.security == "ssl":
        server = smtplib.SMTP_SSL(settings.host, settings.port, timeout=TIMEOUT, context=context)
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT)
        if settings.security == "starttls":
            server.starttls(context=context)
    if settings.user:
        server.login(settings.user, password or "")
    return server


Connector = Callable[[MailSettings, str | None], smtplib.SMTP]


def send_test(settings: MailSettings, to: str, subject: str, text: str, connector: Connector = connect) -> None:
    """Send one message now; raise MailRefused with the server's own words when it fails."""
    try:
        server = connector(settings, smtp_password())
        try:
            server.send_message(build(settings, to, subject, text))
        finally:
            _quit(server)
    except (OSError, smtplib.SMTPException) as error:
        raise _refusal(error, settings) from error


def _quit(server: smtplib.SMTP) -> None:
    try:
        server.quit()
    except (OSError, smtplib.SMTPException):
        pass


def deliver(
    db: Database,
    settings: MailSettings,
    now: datetime | None = None,
    connector: Connector = connect,
    sleep: Callable[[float], None] = time.sleep,
) -> Delivery:
    """Send every waiting message whose attempt is due; one SMTP connection for the batch."""
    now = now or datetime.now()
    rows = db.records("mail/due_to_send", [now])
    report = Delivery()
    if not rows or not settings.configured:
        return report
    server: smtplib.SMTP | None = None
    last: BaseException | None = None
    for attempt in range(CONNECT_TRIES):
        try:
            server = connector(settings, smtp_password())
            break
        except (OSError, smtplib.SMTPException) as error:
            last = error
            if attempt + 1 < CONNECT_TRIES:
                sleep(2**attempt)
    if server is None:
        assert last is not None
        # A refused login or a server that is down is the setup's problem, not the message's:
        # every message waits for the next attempt, even after a 5xx (535 wrong password).
        _failed(db, rows, _words(last), False, now)
        report.failed, report.errors = len(rows), [_words(last)]
        return report
    try:
        for row in rows:
            try:
                server.send_message(build(settings, row["recipient"], row["subject"], row["body"], now))
            except (OSError, smtplib.SMTPException) as error:
                _failed(db, [row], _words(error), _permanent(error), now)
                report.failed += 1
                report.errors.append(f"{row['recipient']}: {_words(error)}")
                # (SMTPException is an OSError: only a lost connection stops the batch.)
                if isinstance(error, smtplib.SMTPServerDisconnected) or not isinstance(error, smtplib.SMTPException):
                    # The connection is gone: the rest wait for the next run, untouched.
                    break
                continue
            _sent(db, row, now)
            report.sent += 1
    finally:
        _quit(server)
    return report


def _failed(db: Database, rows: list[dict[str, Any]], words: str, permanent: bool, now: datetime) -> None:
    def work(cur: Cursor) -> None:
        for row in rows:
            status = "refused" if permanent else "pending"
            cur.run("mail/mark_failed", [status, now + backoff(int(row["attempts"])), words[:1000], row["id"]])

    db.write(work)


def _sent(db: Database, row: dict[str, Any], now: datetime) -> None:
    """Marked sent and written in each item's history in one transaction."""

    def work(cur: Cursor) -> None:
        cur.run("mail/mark_sent", [now, row["id"]])
        if Reason(row["reason"]) not in LOGGED:
            return
        ids = [int(i) for i in json.loads(row["item_ids"])]
        versions = dict(cur.all("mail/item_versions", [ids]))
        changes: history.Changes = {
            "mailed_to": [None, row["recipient"]],
            "mail_reason": [None, row["reason"]],
            "mailed_on": [None, now.date().isoformat()],
        }
        # One frame insert for a message listing many items (history.append_item_events).
        events = [
            history.ItemEvent(i, SYSTEM.username, "mailed", changes, "", int(versions[i])) for i in ids if i in versions
        ]
        history.append_item_events(cur, events)

    db.write(work)
