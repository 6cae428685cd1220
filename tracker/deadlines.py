"""Response deadlines: the legal period in calendar days, rolled past days off.

Law 87/2015/QH13 Art. 15(4), 26(3), 50(3): a deputy's question is answered within 20 days.
Joint Resolution 72/2025/NQLT Art. 49(1): a voter recommendation within 60 days of receipt.
Civil Code 2015 Art. 147: the start day is not counted; Art. 148(5): a deadline falling on a day
off ends at the end of the next working day. Periods are settings with an effective-from date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from tracker.due_facts import DueFacts
from tracker.errors import InvalidInput
from tracker.items import Kind
from tracker.workdays import DayOff, WorkCalendar


@dataclass(frozen=True)
class DeadlineRule:
    kind: Kind
    days: int
    effective_from: date
    basis: str = ""


DEFAULT_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(Kind.DEPUTY_QUESTION, 20, date(2016, 1, 1), "Luật 87/2015/QH13, Điều 15(4), 26(3), 50(3)"),
    DeadlineRule(Kind.VOTER_RECOMMENDATION, 60, date(2016, 1, 1), "Nghị quyết liên tịch 72/2025/NQLT, Điều 49(1)"),
    # Law 121/2025/QH15 replaced Law 87/2015 from 1/3/2026; its written-question period was not
    # found (domain.md), so 20 days is kept and cited as unconfirmed for an administrator to set.
    DeadlineRule(
        Kind.DEPUTY_QUESTION, 20, date(2026, 3, 1), "Luật 121/2025/QH15 (thời hạn 20 ngày giữ như cũ, chưa xác nhận)"
    ),
)

# JR 72/2025 Art. 49(2): the summary report is due at least 20 working days before the next
# session opens.
REPORT_WORKING_DAYS_BEFORE_SESSION = 20


@dataclass(frozen=True)
class Deadline:
    due_on: date
    received_on: date
    days: int
    unrolled: date
    calendar: WorkCalendar = field(compare=False, repr=False)

    def days_off(self) -> list[DayOff]:
        """Why each day from the unrolled deadline to the day before the due date is off, once each."""
        seen: list[DayOff] = []
        day = self.unrolled
        while day < self.due_on:
            reason = self.calendar.day_off(day)
            if reason is not None and reason not in seen:
                seen.append(reason)
            day += timedelta(days=1)
        return seen

    @property
    def estimated_years(self) -> list[int]:
        """Years whose schedule decided this date but is only an estimate (no announcement yet)."""
        return self.calendar.estimated_years(self.unrolled, self.due_on)

    def facts(self) -> DueFacts:
        """What an item stores of this deadline: the facts, rendered in the reader's language."""
        rolled = self.due_on != self.unrolled
        return DueFacts(
            received_on=self.received_on,
            days=self.days,
            unrolled=self.unrolled,
            due_on=self.due_on,
            days_off=tuple(self.days_off()) if rolled else (),
            estimated_years=tuple(self.estimated_years),
        )

    def reason_rolled(self, lang: str = "vi") -> str | None:
        """Why the deadline moved (holiday, day in lieu, announced day off, weekend), or None."""
        return self.facts().reason_rolled(lang)

    def sources(self, lang: str = "vi") -> str:
        """The rules this deadline rests on, each law named once."""
        return self.facts().sources(lang)

    def explain(self, lang: str = "vi") -> str:
        return self.facts().explain(lang)


def rule_for(rules: tuple[DeadlineRule, ...] | list[DeadlineRule], kind: Kind, received_on: date) -> DeadlineRule:
    """The rule in force on the day of receipt: the latest effective_from on or before it."""
    applicable = [r for r in rules if r.kind == kind and r.effective_from <= received_on]
    if not applicable:
        raise InvalidInput("error.no_rule", field="received_on", kind=Kind(kind).value)
    return max(applicable, key=lambda r: r.effective_from)


def compute_deadline(received_on: date, rule: DeadlineRule, calendar: WorkCalendar) -> Deadline:
    unrolled = received_on + timedelta(days=rule.days)
    return Deadline(calendar.roll_forward(unrolled), received_on, rule.days, unrolled, calendar)


def report_due_date(opens_on: date, calendar: WorkCalendar) -> date:
    """Last day for the summary report on the previous session's recommendations."""
    return calendar.working_days_before(opens_on, REPORT_WORKING_DAYS_BEFORE_SESSION)
