"""The Ministry Office's monthly briefing (seed 000), written from the data for the items this
tracker holds: what was received in the month and where it stands (replied, not yet due,
overdue), the replies issued, the share of items due in the month that were done, and each
session's "N/N replied" line, in Vietnamese or English."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from tracker.charts import percent_text
from tracker.dates import format_date
from tracker.errors import InvalidInput
from tracker.i18n import t
from tracker.items import Kind
from tracker.service import StatsRow, Tracker

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_FIELDS = (
    "received", "received_replied", "received_not_due", "received_overdue", "received_transferred",
    "replies_issued", "due", "due_done", "overdue_now",
)


@dataclass(frozen=True)
class MonthCounts:
    received: int = 0
    received_replied: int = 0
    received_not_due: int = 0
    received_overdue: int = 0
    received_transferred: int = 0
    replies_issued: int = 0
    due: int = 0
    due_done: int = 0
    overdue_now: int = 0

    def __add__(self, other: MonthCounts) -> MonthCounts:
        return MonthCounts(*(getattr(self, f) + getattr(other, f) for f in _FIELDS))


@dataclass(frozen=True)
class Briefing:
    year: int
    month: int
    first: date
    last: date
    as_of: date
    by_kind: dict[str, MonthCounts]
    sessions: list[StatsRow]  # per session x kind, for sessions active in the month

    @property
    def total(self) -> MonthCounts:
        return sum(self.by_kind.values(), MonthCounts())

    def sentences(self, lang: str = "vi") -> list[str]:
        c = self.total
        rec = self.by_kind.get(Kind.VOTER_RECOMMENDATION.value, MonthCounts())
        q = self.by_kind.get(Kind.DEPUTY_QUESTION.value, MonthCounts())
        month = t("briefing.month_name", lang, month=self.month, year=self.year)
        period = {"month": month, "first": format_date(self.first), "last": format_date(self.last)}
        out = []
        if c.received:
            text = t(
                # Transferred items need no reply from the ministry: counted apart, so the
                # figures add up (total = replied + not yet due + overdue).
                "briefing.received", lang, **period, total=c.received - c.received_transferred,
                recommendations=rec.received - rec.received_transferred, questions=q.received - q.received_transferred,
                as_of=format_date(self.as_of), replied=c.received_replied, not_due=c.received_not_due,
                overdue=c.received_overdue,
            )
            if c.received_transferred:
                text += " " + t("briefing.received_transferred", lang, count=c.received_transferred)
            out.append(text)
        else:
            out.append(t("briefing.received_none", lang, **period))
        if c.due:
            out.append(t("briefing.due", lang, month=month, due=c.due, done=c.due_done, pct=percent_text(c.due_done, c.due, lang)))
        else:
            out.append(t("briefing.due_none", lang, month=month))
        out.append(t("briefing.replies_issued", lang, month=month, count=c.replies_issued))
        for row in self.sessions:
            label = row.ref.label(lang)
            if row.counts.total == 0 and row.counts.transferred == 0:
                out.append(t(f"briefing.session_none.{row.kind}", lang, session=label))
            else:
                out.append(
                    t(
                        f"briefing.session.{row.kind}", lang, session=label, replied=row.counts.replied,
                        total=row.counts.total, pct=percent_text(row.counts.replied, row.counts.total, lang),
                    )
                )
        out.append(t("briefing.overdue_now", lang, as_of=format_date(self.as_of), count=c.overdue_now))
        return out


def parse_month(text: str) -> tuple[int, int]:
    match = _MONTH.match(text or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise InvalidInput("briefing.month_format", field="month", value=text)
    return int(match.group(1)), int(match.group(2))


def month_briefing(tracker: Tracker, year: int, month: int, as_of: date | None = None) -> Briefing:
    """The briefing for a month, as of its last day (or today, for the month in progress)."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    as_of = as_of or min(last, date.today())
    params = {"first": first, "last": last, "as_of": as_of}
    by_kind = {
        r["kind"]: MonthCounts(**{f: int(r[f]) for f in _FIELDS}) for r in tracker.db.records("briefing/month", params)
    }
    session_ids = {r[0] for r in tracker.db.all("briefing/sessions_in_month", {"first": first, "last": last})}
    rows = [row for sid in sorted(session_ids) for row in tracker.stats(as_of, sid)]
    rows.sort(key=lambda r: (r.ref, r.kind != Kind.VOTER_RECOMMENDATION.value))
    return Briefing(year, month, first, last, as_of, by_kind, rows)


def first_received(tracker: Tracker) -> date | None:
    row = tracker.db.one("briefing/months")
    return row[0] if row else None


def months_with_items(tracker: Tracker, today: date | None = None) -> list[tuple[int, int]]:
    """Every month from the first receipt to this month, newest first."""
    today = today or date.today()
    first = first_received(tracker) or today
    out = []
    y, m = today.year, today.month
    while (y, m) >= (first.year, first.month):
        out.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out
