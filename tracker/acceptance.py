"""How long a lead unit may leave an assignment without accepting or returning it before the
lists make it stand out (issue 12, point 2: "unaccepted items after N working days stand out").

N is a setting per kind (``unaccepted_days.<kind>``) with a default chosen from the deadlines: a
question runs 20 calendar days (about 14 working days) and its draft is due 5 working days before
that (tracker/stage.py), so a unit that has not taken it within 2 working days has already spent a
fifth of its drafting time; a recommendation runs 60 days with 10 kept by the Office, so 5 working
days is the same share. Working days come from the one calendar (tracker/workdays.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from tracker.items import Kind
from tracker.workdays import WorkCalendar

UNACCEPTED_DAYS_DEFAULT: dict[Kind, int] = {Kind.DEPUTY_QUESTION: 2, Kind.VOTER_RECOMMENDATION: 5}


def unaccepted_days_setting(kind: Kind | str) -> str:
    return f"unaccepted_days.{Kind(kind).value}"


def unaccepted_days(settings: Mapping[str, str], kind: Kind | str) -> int:
    """The setting when it is a whole number of days from 1, else the kind's default."""
    raw = settings.get(unaccepted_days_setting(kind))
    return int(raw) if raw and raw.strip().isdigit() and int(raw) > 0 else UNACCEPTED_DAYS_DEFAULT[Kind(kind)]


def unaccepted_cutoff(calendar: WorkCalendar, days: int, as_of: date) -> date:
    """The first assignment day that is not yet too long: an item assigned before it has waited
    more than ``days`` working days by the end of ``as_of`` (the working days after the assignment
    day, up to and including ``as_of``)."""
    return calendar.working_days_before(as_of + timedelta(days=1), days + 1)


def waited_too_long(calendar: WorkCalendar, days: int, assigned_on: date, as_of: date) -> bool:
    """The rule the list's SQL applies through ``unaccepted_cutoff`` (kept equal by a test)."""
    return calendar.working_days_between(assigned_on, as_of) > days
