"""What administrators decide about the calendar beyond single overrides: confirming a day the
``holidays`` package lists but no law in force confirms, and marking a year's schedule announced.

Both go through the service's settings writes, so each change is one transaction on the single
writer and lands in the administrators' trail with its old and new value.
"""

from __future__ import annotations

from datetime import date

from tracker.errors import InvalidInput
from tracker.formatting import format_date
from tracker.i18n import t
from tracker.permissions import Action, Actor, require
from tracker.service import ANNOUNCED_YEARS_SETTING, Tracker
from tracker.workdays import parse_announced_years

EARLIEST_YEAR, LATEST_YEAR = 2015, 2100


def confirm_day_off(tracker: Tracker, actor: Actor, day: date, lang: str = "vi") -> None:
    """Make an uncertain package holiday (24/11 from 2026) a day off, as an override."""
    require(actor, Action.MANAGE_SETTINGS)
    found = next((u for u in tracker.reference.calendar.uncertain_days(day.year) if u.day == day), None)
    if found is None:
        raise InvalidInput("error.not_uncertain_day", field="date", value=format_date(day))
    tracker.save_override(actor, day, False, t("calendar.confirmed_note", lang, name=found.name(lang)))


def set_year_announced(tracker: Tracker, actor: Actor, year: int, announced: bool) -> None:
    """Record that ``year``'s holiday schedule was announced (or take that back)."""
    require(actor, Action.MANAGE_SETTINGS)
    if not EARLIEST_YEAR <= int(year) <= LATEST_YEAR:
        raise InvalidInput("error.year_range", field="year", value=str(year))
    years = set(parse_announced_years(tracker.reference.settings.get(ANNOUNCED_YEARS_SETTING)))
    years = years | {int(year)} if announced else years - {int(year)}
    tracker.save_setting(actor, ANNOUNCED_YEARS_SETTING, ", ".join(str(y) for y in sorted(years)))
