"""The weekly digest for the Minister's office (accounts allowed to see everything): per session
with open items the four buckets, the units with most overdue, the items overdue longest, and
the pre-session report's due date with the days left. Sent once per ISO week."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tracker.dates import format_date
from tracker.i18n import t
from tracker.mail.compose import MailItem, body, item_lines
from tracker.mail.directory import Directory
from tracker.mail.outbox import DIGEST_ITEM, Outgoing
from tracker.mail.reasons import Reason
from tracker.reference import Reference
from tracker.storage import Cursor

TOP = 5


def week_of(day: date) -> date:
    """The Monday that names ``day``'s week (the digest's key day)."""
    return day - timedelta(days=day.weekday())


def _session_lines(cur: Cursor, reference: Reference, as_of: date, lang: str) -> list[str]:
    lines = []
    rows = {r["session_id"]: r for r in cur.records("mail/session_buckets", [as_of])}
    for session in reference.sessions:  # the reference's order: by term and number
        r = rows.get(session.id)
        if r is None or not (r["open_not_due"] or r["overdue"]):
            continue  # a session with nothing open needs nobody's attention
        code = session.ref.code()
        lines.append(t("mail.digest.session", lang, session=code, **{k: r[k] for k in _BUCKETS}))
        _, due = reference.report_due_for(session)
        if due is not None:
            lines.append("  " + t("mail.digest.report_due", lang, due=format_date(due), days=(due - as_of).days))
    return lines


_BUCKETS = ("total", "replied", "replied_on_time", "replied_late", "open_not_due", "overdue", "transferred")


def digest_messages(
    cur: Cursor, reference: Reference, directory: Directory, as_of: date, sent: set[tuple[int, str, str, date]]
) -> list[Outgoing]:
    week = week_of(as_of)
    recipients = [
        r for r in directory.digest() if (DIGEST_ITEM, r.address.lower(), Reason.DIGEST.value, week) not in sent
    ]
    if not recipients:
        return []
    units = cur.all("mail/overdue_by_unit", [as_of, TOP])
    longest = [_item(r) for r in cur.records("mail/overdue_longest", [as_of, TOP])]
    out = []
    for r in recipients:
        lang = r.lang
        parts = _session_lines(cur, reference, as_of, lang) or [t("mail.digest.nothing_open", lang)]
        if units:
            parts.append(t("mail.digest.units", lang))
            parts += [f"• {reference.unit_name(u, lang)}: {n}" for u, n in units]
        if longest:
            parts.append(t("mail.digest.longest", lang))
            parts.append(item_lines(longest, directory.settings, lang, as_of))
        subject = t("mail.subject.digest", lang, week=format_date(week), as_of=format_date(as_of))
        text = body(
            t("mail.greeting.digest", lang),
            t("mail.intro.digest", lang, as_of=format_date(as_of)),
            "\n".join(parts),
            lang,
        )
        out.append(Outgoing(Reason.DIGEST, r.address, lang, None, subject, text, (), week))
    return out


def _item(r: dict[str, Any]) -> MailItem:
    return MailItem(int(r["id"]), r["kind"], r["ref_no"] or "", r["summary"] or "", r["lead_unit"] or "", r["due_on"])
