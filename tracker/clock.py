"""The day the tracker counts deadlines from.

Everything that asks "what day is it?" asks here, so one setting moves it everywhere: the
environment variable ``TRACKER_TODAY`` (an ISO date, 2026-12-01) pins the day. The test run sets
it once at its start, so a run that crosses midnight counts every deadline from the same day in
the test process and in the servers and scripts it starts (a clean-clone CI run that started at
23:5x once failed 26 tests: the tests had taken 01/12 and the tracker 02/12). Unset, it is the
machine's date. A value that is not a date is ignored rather than stopping the server.

Stamps that are later read as a day (the day an item was entered or archived) come from ``now``,
so they fall on that same day; the audit trail keeps the machine's own time.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from functools import lru_cache

VARIABLE = "TRACKER_TODAY"


@lru_cache(maxsize=4)
def _parse(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def _pinned() -> date | None:
    text = os.environ.get(VARIABLE)
    return _parse(text) if text else None


def today() -> date:
    return _pinned() or date.today()


def now() -> datetime:
    """The machine's time, moved by whole days onto ``today()`` when the day is pinned."""
    real = datetime.now()
    pinned = _pinned()
    return real + (pinned - real.date()) if pinned else real
