"""The reminder rules as a table: which reason, which deadline (a fact of the item), when before
it (working days) and how often after it. Pure: no I/O, so each rule is tested on real dates.

A new reminder is one row: a deadline (a fact of the item), when, and to whom. The internal
deadline (hạn gửi dự thảo về Văn phòng, tracker/stage.py) reminds only while no draft has gone to
the Office; a "being resolved" commitment reminds its unit once its committed date has passed.
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


def _internal(item: MailItem) -> date | None:
    return item.internal_due_on


def _committed(item: MailItem) -> date | None:
    return item.committed_on


def _open(item: MailItem) -> bool:
    return item.is_open


# The stages in which no draft is with the Office yet (tracker/stage.py's order). A returned item
# is the Office's to reassign, and from "in review" on the draft has arrived: neither is reminded.
BEFORE_DRAFT = frozenset({"awaiting_acceptance", "drafting"})


def _no_draft_yet(item: MailItem) -> bool:
    return item.is_open and item.stage in BEFORE_DRAFT


def _replied(item: MailItem) -> bool:
    return not item.is_open


RULES: tuple[ReminderRule, ...] = (
    ReminderRule(Reason.DUE_SOON, _legal, before=OFFSETS, applies=_open),
    # Overdue from the day after the deadline (Alaveteli; tracker/status.py), then weekly.
    ReminderRule(Reason.OVERDUE, _legal, every=7, to_office=True, applies=_open),
    ReminderRule(Reason.INTERNAL_DUE_SOON, _internal, before=OFFSETS, applies=_no_draft_yet),
    ReminderRule(Reason.INTERNAL_OVERDUE, _internal, every=7, to_office=True, applies=_no_draft_yet),
    ReminderRule(Reason.COMMITMENT_PASSED, _committed, every=7, applies=_replied),
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
