"""Reading a month's briefing (issue 10: a use case, not a free function reaching into Tracker).

What the month's figures are comes from queries/briefing/ and the session statistics; the
sentences they make are tracker/briefing_text.py's.
"""

from __future__ import annotations

import calendar
from datetime import date

from tracker.briefing_text import FIELDS, REC, Briefing, MonthCounts
from tracker.usecases.deps import UseCase
from tracker.usecases.statistics import Statistics


class MonthBriefing(UseCase):
    def month(self, year: int, month: int, as_of: date | None = None) -> Briefing:
        """The briefing for a month, as of its last day (or today, for the month in progress)."""
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        as_of = as_of or min(last, self.deps.today())
        params = {"first": first, "last": last, "as_of": as_of}
        by_kind = {
            r["kind"]: MonthCounts(**{f: int(r[f]) for f in FIELDS}) for r in self.db.records("briefing/month", params)
        }
        session_ids = {r[0] for r in self.db.all("briefing/sessions_in_month", {"first": first, "last": last})}
        statistics = Statistics(self.deps)
        rows = [row for sid in sorted(session_ids) for row in statistics.stats(as_of, sid)]
        rows.sort(key=lambda r: (r.ref, r.kind != REC))
        phases: dict[tuple[int | None, str], set[str]] = {}
        for sid, kind, phase in self.db.all("briefing/session_phases", {"as_of": as_of}):
            phases.setdefault((sid, kind), set()).add(phase)
        return Briefing(year, month, first, last, as_of, by_kind, rows, phases, self.reference.percent_decimals)

    def first_received(self) -> date | None:
        row = self.db.one("briefing/months")
        return row[0] if row else None

    def months_with_items(self, today: date | None = None) -> list[tuple[int, int]]:
        """Every month from the first receipt to this month, newest first."""
        today = today or self.deps.today()
        first = self.first_received() or today
        out = []
        y, m = today.year, today.month
        while (y, m) >= (first.year, first.month):
            out.append((y, m))
            y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        return out
