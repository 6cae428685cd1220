"""The reminder rules as a table: which reason, which deadline (a fact of the item), when before
it (working days) and how often after it. Pure: no I/O, so each rule is tested on real dates.

A new reminder is one row: the workflow's internal deadline is
``ReminderRule(Reason.INTERNAL_DUE_SOON, lambda i: i.internal_due_on, before=OFFSETS, applies=<not yet
at the draft stage>)``; a "being resolved" commitment is ``ReminderRule(Reason.COMMITMENT_PASSED,
lambda i: i.committed_on, every=7)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from tracker.mail.compose import MailItem
from tracker.mail.reasons import Reason
from tracker.workdays import WorkCalendar

OFFSETS: Literal["offsets"] = "offsets"  # "the configured working days before" (mail.offsets)


def _always(_: MailItem) -> bool:
    return True


@dataclass(frozen=True)
class ReminderRule:
    reason: Reason
    deadline: Callable[[MailItem], date | None]
    # Working days before the deadline at which to remind (OFFSETS: the configured ones).
    before: tuple[int, ...] | Literal["offsets"] = ()
    # Once the deadline has passed: remind the day after, then every ``every`` days while it holds.
    every: int | None = None
    to_office: bool = False
    applies: Callable[[MailItem], bool] = _always


def _legal(item: MailItem) -> date | None:
    return item.due_on


RULES: tuple[ReminderRule, ...] = (
    ReminderRule(Reason.DUE_SOON, _legal, before=OFFSETS),
    # Overdue from the day after the deadline (Alaveteli; tracker/status.py), then weekly.
    ReminderRule(Reason.OVERDUE, _legal, every=7, to_office=True),
)


def reminder_day(
    rule: ReminderRule, deadline: date, as_of: date, calendar: WorkCalendar, offsets: tuple[int, ...]
) -> date | None:
    """The day that names the reminder due as of ``as_of`` under ``rule`` (the key that sends it
    once), or None. A run that missed a day still sends the point it missed, once."""
    before = offsets if rule.before == OFFSETS else rule.before
    if before and as_of <= deadline:
        points = [calendar.working_days_before(deadline, n) for n in before]
        passed = [p for p in points if p <= as_of]
        if passed:
            return max(passed)
    if rule.every and as_of > deadline:
        first = deadline + timedelta(days=1)
        return first + timedelta(days=(as_of - first).days // rule.every * rule.every)
    return None


def days_left(deadline: date, as_of: date, calendar: WorkCalendar) -> int:
    """Working days from as_of to the deadline (the message says "trong N ngày làm việc")."""
    return calendar.working_days_between(as_of, deadline)
