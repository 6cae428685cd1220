"""What the daily run sends: each rule of tracker/mail/rules.py over the open items, grouped into
one message per (recipient, reason, unit) — a unit's message lists only that unit's items — minus
what the reminder keys say was already queued. Messages are worded in each recipient's language."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from tracker.dates import format_date
from tracker.i18n import t
from tracker.mail.compose import MailItem, body, item_lines
from tracker.mail.directory import Directory, Recipient
from tracker.mail.outbox import Outgoing
from tracker.mail.reasons import Reason
from tracker.mail.rules import RULES, ReminderRule, reminder_day
from tracker.reference import Reference

Key = tuple[int, str, str, date]


def plan_reminders(
    items: Iterable[MailItem],
    reference: Reference,
    directory: Directory,
    as_of: date,
    sent: set[Key],
    rules: Sequence[ReminderRule] = RULES,
) -> list[Outgoing]:
    calendar, offsets = reference.calendar, directory.settings.offsets
    # (rule, unit, key day) -> items; the day each deadline names is computed once per deadline.
    groups: dict[tuple[int, str, date], list[MailItem]] = defaultdict(list)
    memo: dict[tuple[int, date], date | None] = {}
    for item in items:
        for n, rule in enumerate(rules):
            deadline = rule.deadline(item)
            if deadline is None or not rule.applies(item):
                continue
            if (n, deadline) not in memo:
                memo[n, deadline] = reminder_day(rule, deadline, as_of, calendar, offsets)
            day = memo[n, deadline]
            if day is not None:
                groups[n, item.lead_unit, day].append(item)
    out: list[Outgoing] = []
    for (n, unit, day), group in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1], g[0][2])):
        rule = rules[n]
        targets = [(r, False) for r in directory.unit(unit, rule.reason)]
        if rule.to_office:
            # The Office's own items (lead unit VP) reach its mailboxes once, as the unit.
            told = {r.address.lower() for r, _ in targets}
            targets += [(r, True) for r in directory.office(rule.reason) if r.address.lower() not in told]
        for recipient, office in targets:
            fresh = [i for i in group if (i.id, recipient.address.lower(), rule.reason.value, day) not in sent]
            if fresh:
                out.append(_reminder(rule, recipient, unit, fresh, day, as_of, reference, directory, office))
    return out


def _reminder(
    rule: ReminderRule,
    recipient: Recipient,
    unit: str,
    items: list[MailItem],
    day: date,
    as_of: date,
    reference: Reference,
    directory: Directory,
    office: bool,
) -> Outgoing:
    reason, lang = rule.reason, recipient.lang
    name = reference.unit_name(unit, lang)
    first_due = min(d for i in items if (d := rule.deadline(i)) is not None)
    params = {
        "count": len(items),
        "unit": name,
        "days": reference.calendar.working_days_between(as_of, first_due),
        "due": format_date(first_due),
    }
    subject = t(f"mail.subject.{reason.value}{'_office' if office else ''}", lang, **params)
    greeting = t(
        "mail.greeting", lang, name=reference.unit_name(directory.settings.office_unit, lang) if office else name
    )
    intro = t(f"mail.intro.{reason.value}", lang, **params)
    text = body(greeting, intro, item_lines(items, directory.settings, lang, as_of), lang)
    return Outgoing(reason, recipient.address, lang, unit, subject, text, tuple(i.id for i in items), day)


def plan_assignment(
    item: MailItem, units: Sequence[tuple[str, str]], reference: Reference, directory: Directory, today: date
) -> list[Outgoing]:
    """The units an item was just assigned or transferred to, each told once ((unit, role) pairs)."""
    out = []
    for unit, role in units:
        for r in directory.unit(unit, Reason.ASSIGNED):
            lang = r.lang
            name = reference.unit_name(unit, lang)
            params = {"unit": name, "due": format_date(item.due_on), "role": t(f"mail.role.{role}", lang)}
            subject = t("mail.subject.assigned", lang, **params)
            intro = t("mail.intro.assigned", lang, **params)
            text = body(t("mail.greeting", lang, name=name), intro, item_lines([item], directory.settings, lang), lang)
            out.append(Outgoing(Reason.ASSIGNED, r.address, lang, unit, subject, text, (item.id,), today))
    return out
