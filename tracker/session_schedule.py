"""The dates that follow from a session's place in the calendar: when the report on its items is
due before the next regular session, and whether those dates rest on an estimated calendar year.

- Summary report on the session's voter recommendations, to the NA Standing Committee: at least
  20 working days before the next session opens (JR 72/2025/NQLT Art. 49(2)).
- Minister's report on implementing the NA's resolution on questions: at least 20 days (calendar
  days: "ngày" without "làm việc") before the next session opens (Law 87/2015/QH13 Art. 15(7)).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tracker.deadlines import report_due_date
from tracker.sessions import Session, next_regular_session
from tracker.workdays import WorkCalendar

QUESTIONS_REPORT_DAYS_BEFORE_SESSION = 20


def questions_report_due_date(opens_on: date, calendar: WorkCalendar) -> date:
    """Last day for the minister's report on the resolution on questions.

    "At least 20 days before": when that day is not worked, the report must be in the working day
    before (moving it later would break "at least"; the earlier date is the safe one).
    """
    day = opens_on - timedelta(days=QUESTIONS_REPORT_DAYS_BEFORE_SESSION)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


@dataclass(frozen=True)
class SessionSchedule:
    session: Session
    next_session: Session | None
    report_due_on: date | None
    questions_report_due_on: date | None
    estimated_years: tuple[int, ...]  # years of the calendar these dates rest on that are estimates

    def as_dict(self) -> dict[str, str | None]:
        def iso(day: date | None) -> str | None:
            return day.isoformat() if day else None

        return {
            "session": self.session.ref.code(),
            "opens_on": iso(self.session.opens_on),
            "closes_on": iso(self.session.closes_on),
            "report_due_on": iso(self.report_due_on),
            "questions_report_due_on": iso(self.questions_report_due_on),
        }


def session_schedule(
    sessions: list[Session] | tuple[Session, ...], session: Session, calendar: WorkCalendar
) -> SessionSchedule:
    nxt = next_regular_session(list(sessions), session)
    if nxt is None or nxt.opens_on is None:
        return SessionSchedule(session, nxt, None, None, ())
    report = report_due_date(nxt.opens_on, calendar)
    questions = questions_report_due_date(nxt.opens_on, calendar)
    estimated = tuple(calendar.estimated_years(min(report, questions), nxt.opens_on))
    return SessionSchedule(session, nxt, report, questions, estimated)


def all_schedules(sessions: tuple[Session, ...], calendar: WorkCalendar) -> list[SessionSchedule]:
    """Every session in the order they sit: regular sessions by number, each dated extraordinary
    session before the first regular session opening after it, undated ones at the end of their term."""
    ordered: list[Session] = []
    for term in sorted({s.term for s in sessions}):
        regular = sorted((s for s in sessions if s.term == term and not s.extraordinary), key=lambda s: s.number)
        extra = sorted(
            (s for s in sessions if s.term == term and s.extraordinary),
            key=lambda s: (s.opens_on or date.max, s.number),
        )
        for special in extra:
            if special.opens_on is None:
                regular.append(special)
                continue
            place = next(
                (
                    n
                    for n, s in enumerate(regular)
                    if not s.extraordinary and s.opens_on is not None and s.opens_on > special.opens_on
                ),
                None,
            )
            if place is None:
                place = max((n + 1 for n, s in enumerate(regular) if s.opens_on is not None), default=0)
            regular.insert(place, special)
        ordered += regular
    return [session_schedule(sessions, s, calendar) for s in ordered]
