"""The monthly briefing, where pages and the CLI have always found it (issue 10 moved it).

The sentences are tracker/briefing_text.py's; reading a month is the use case
tracker/usecases/briefing.py (MonthBriefing). These functions keep the old calls working.
"""

from __future__ import annotations

from datetime import date

from tracker.briefing_text import Briefing, MonthCounts, month_label, parse_month
from tracker.service import Tracker
from tracker.usecases.briefing import MonthBriefing

__all__ = [
    "Briefing",
    "MonthCounts",
    "first_received",
    "month_briefing",
    "month_label",
    "months_with_items",
    "parse_month",
]


def month_briefing(tracker: Tracker, year: int, month: int, as_of: date | None = None) -> Briefing:
    return MonthBriefing(tracker.deps).month(year, month, as_of)


def first_received(tracker: Tracker) -> date | None:
    return MonthBriefing(tracker.deps).first_received()


def months_with_items(tracker: Tracker, today: date | None = None) -> list[tuple[int, int]]:
    return MonthBriefing(tracker.deps).months_with_items(today)
