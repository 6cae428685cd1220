"""Response deadlines: the legal period in calendar days, rolled past days off.

Law 87/2015/QH13 Art. 15(4), 26(3), 50(3): a deputy's question is answered within 20 days.
Joint Resolution 72/2025/NQLT Art. 49(1): a voter recommendation within 60 days of receipt.
Civil Code 2015 Art. 147: the start day is not counted; Art. 148(5): a deadline falling on a day
off ends at the end of the next working day. Periods are settings with an effective-from date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from tracker.dates import format_date
from tracker.errors import InvalidInput
from tracker.i18n import t
from tracker.items import Kind
from tracker.workdays import WorkCalendar


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

    def reason_rolled(self, lang: str = "vi") -> str | None:
        """Why the deadline moved (holiday name, day off, weekend), in the language asked for."""
        return self.calendar.why_not_working(self.unrolled, lang) if self.due_on != self.unrolled else None

    def explain(self, lang: str = "vi") -> str:
        text = t(
            "deadline.explain",
            lang,
            received=format_date(self.received_on),
            days=self.days,
            unrolled=format_date(self.unrolled),
        )
        if self.due_on != self.unrolled:
            text += t(
                "deadline.explain_rolled",
                lang,
                reason=self.reason_rolled(lang) or "",
                due=format_date(self.due_on),
            )
        return text


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
