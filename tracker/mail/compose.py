"""The words of each message, in the recipient's language, and the EmailMessage built from a
queued row. Plain text only: nothing anyone typed can be interpreted by a mail client, and the
headers are encoded by the email package (UTF-8 subjects with full diacritics)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.charset import QP, Charset
from email.header import Header
from email.message import EmailMessage
from email.policy import compat32
from email.utils import format_datetime, make_msgid

from tracker.dates import format_date
from tracker.i18n import t
from tracker.mail.config import MailSettings
from tracker.plain_text import reveal_invisible

SUMMARY_CHARS = 160


@dataclass(frozen=True)
class MailItem:
    """What a message says about one item: never more than its unit may see."""

    id: int
    kind: str
    ref_no: str
    summary: str
    lead_unit: str
    due_on: date
    internal_due_on: date | None = None  # the workflow's internal deadline (the Office's or the default)
    stage: str = ""  # the workflow stage as of the run (tracker/stage.py), "" where it does not matter
    committed_on: date | None = None  # a "being resolved" reply's committed date, not yet done
    is_open: bool = True  # not replied: the deadline rules apply; a replied one only for its commitment


def shown(text: str) -> str:
    """User text as a mail shows it: one line, invisible controls named, cut to length."""
    text = reveal_invisible(" ".join(text.split()))
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"


def item_lines(items: Sequence[MailItem], settings: MailSettings, lang: str, as_of: date | None = None) -> str:
    lines = []
    for item in items:
        label = item.ref_no.strip() or f"#{item.id}"
        lines.append(f"• {t(f'kind.{item.kind}', lang)} {shown(label)}: {shown(item.summary)}")
        due = t("mail.line.due", lang, due=format_date(item.due_on))
        if as_of is not None and as_of > item.due_on and item.is_open:
            due += " " + t("mail.line.days_over", lang, days=(as_of - item.due_on).days)
        if item.internal_due_on is not None and item.is_open:
            due += " · " + t("mail.line.internal_due", lang, due=format_date(item.internal_due_on))
        if item.committed_on is not None:  # a replied item: its commitment is what the message is about
            due = t("mail.line.committed", lang, due=format_date(item.committed_on))
            if as_of is not None and as_of > item.committed_on:
                due += " " + t("mail.line.days_over", lang, days=(as_of - item.committed_on).days)
        lines.append(f"  {due}")
        lines.append(f"  {settings.item_link(item.id)}")
    return "\n".join(lines)


def body(greeting: str, intro: str, details: str, lang: str) -> str:
    return "\n\n".join(part for part in (greeting, intro, details, t("mail.footer", lang)) if part) + "\n"


def build(settings: MailSettings, recipient: str, subject: str, text: str, now: datetime | None = None) -> EmailMessage:
    """The message as it travels: 7-bit, headers RFC 2047-encoded, the body quoted-printable UTF-8.

    The compat32 policy with email.header.Header on purpose: Python 3.11's default policy folds a
    long Vietnamese subject with the space outside the encoded words, and mail clients then show
    "Bảohiểm" for "Bảo hiểm" (tests/mail/test_outbox_delivery.py catches it)."""
    msg = EmailMessage(policy=compat32)
    msg["From"] = settings.sender
    msg["To"] = recipient
    msg["Subject"] = Header(subject, "utf-8")
    msg["Date"] = format_datetime((now or datetime.now()).astimezone())
    msg["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: vacation responders stay quiet
    msg["MIME-Version"] = "1.0"
    charset = Charset("utf-8")
    charset.body_encoding = QP
    msg.set_payload(text, charset)
    return msg
