"""The messages an event causes (not the daily run): the units told of the items they got at entry
or import, one message per unit listing them, and the Office told when a unit returns an item or
submits its draft. Worded in each recipient's language; the day is the key's (once per day)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tracker.dates import format_date
from tracker.i18n import t
from tracker.mail.compose import MailItem, body, item_lines, shown
from tracker.mail.directory import Directory
from tracker.mail.outbox import Outgoing
from tracker.mail.reasons import Reason
from tracker.reference import Reference

# An import of thousands of rows tells a unit once: the message lists this many, then points to the
# unit's queue (a message of 800 items is read by nobody, and writing it would cost the import).
LISTED = 100


def plan_assigned_list(
    items: Sequence[MailItem], unit: str, role: str, reference: Reference, directory: Directory, today: date
) -> list[Outgoing]:
    """One message to each of ``unit``'s recipients listing the items it got (``role``: lead or
    coordinating), with the earliest legal deadline in the subject. Only the listed items are
    named by the message (its keys, and the "mailed" event in their histories)."""
    listed, more = items[:LISTED], len(items) - LISTED
    queue = f"{directory.settings.base_url.rstrip('/')}/queue"
    out = []
    for r in directory.unit(unit, Reason.ASSIGNED):
        lang = r.lang
        name = reference.unit_name(unit, lang)
        params = {
            "unit": name,
            "count": len(items),
            "due": format_date(min(i.due_on for i in items)),
            "role": t(f"mail.role.{role}", lang),
        }
        key = "assigned" if len(items) == 1 else "assigned_list"  # one item entered reads as an assignment
        subject = t(f"mail.subject.{key}", lang, **params)
        intro = t(f"mail.intro.{key}", lang, **params)
        lines = item_lines(listed, directory.settings, lang)
        if more > 0:
            lines += "\n" + t("mail.line.more", lang, count=more, url=queue)
        text = body(t("mail.greeting", lang, name=name), intro, lines, lang)
        out.append(Outgoing(Reason.ASSIGNED, r.address, lang, unit, subject, text, tuple(i.id for i in listed), today))
    return out


def plan_office_notice(
    item: MailItem, reason: Reason, note: str, reference: Reference, directory: Directory, today: date
) -> list[Outgoing]:
    """The Office's recipients told that ``item.lead_unit`` returned the item (``note`` = its
    reason, shown as plain text) or submitted its draft."""
    office = directory.settings.office_unit
    out = []
    for r in directory.office(reason):
        lang = r.lang
        params = {"unit": reference.unit_name(item.lead_unit, lang), "ref": shown(item.ref_no.strip() or f"#{item.id}")}
        subject = t(f"mail.subject.{reason.value}", lang, **params)
        intro = t(f"mail.intro.{reason.value}", lang, **params)
        if note.strip():
            intro += "\n" + t("mail.line.reason", lang, reason=shown(note))
        greeting = t("mail.greeting", lang, name=reference.unit_name(office, lang))
        text = body(greeting, intro, item_lines([item], directory.settings, lang), lang)
        out.append(Outgoing(reason, r.address, lang, item.lead_unit, subject, text, (item.id,), today))
    return out
