"""The Vietnamese working-day calendar: weekends, public holidays and announced swaps.

Holidays come from the ``holidays`` package (country "VN"); it misses some announced days off
(2/1/2026) and never marks make-up Saturdays as working days, so an override table that
administrators edit sits on top (../shared/domain.md, "Holidays and working days").

The package also lists days no law in force confirms (24/11, Vietnam Culture Day, from 2026).
Those count as working days until an administrator confirms them with an override: the earlier
deadline is the safe one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays

from tracker.i18n import t

# Labour Code 2019 Art. 111: the weekly rest day; the civil service works Monday to Friday.
_WEEKEND = (5, 6)

# The package's English names are its stable identifiers; what users read is the official
# Vietnamese name from the catalog (Labour Code 2019 Art. 112(1)), not the package's spelling.
_HOLIDAY_KEYS: tuple[tuple[str, str], ...] = (
    ("Lunar New Year", "holiday.tet"),
    ("New Year's Day", "holiday.new_year"),
    ("Hung Kings", "holiday.hung_kings"),
    ("Liberation Day", "holiday.reunification"),
    ("Labor Day", "holiday.labour_day"),
    ("National Day", "holiday.national_day"),
    ("Vietnam Cultural Day", "holiday.culture_day"),
)

# Days the package marks off that no law in force or announcement confirms, with where the
# doubt comes from (domain.md: Resolution 80-NQ/TW chose the day; Labour Code Art. 112(1) is
# not yet amended).
UNCERTAIN_HOLIDAYS: dict[str, str] = {"holiday.culture_day": "calendar.source.culture_day"}

# The override table starts with 2024's swaps. Earlier years are history the tracker only holds
# as the package records them: not flagged as estimates (nothing will be announced for them).
FIRST_TABLE_YEAR = 2024

_SWAP_DATE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")


class Basis(StrEnum):
    """Which rule makes a day a day off: what `due-date --explain` cites."""

    WEEKEND = "weekend"
    HOLIDAY = "holiday"  # Labour Code 2019 Art. 112
    IN_LIEU = "in_lieu"  # Labour Code 2019 Art. 111(3)
    ANNOUNCED = "announced"  # the year's announced swaps, or a day an administrator set


@dataclass(frozen=True)
class Override:
    """An announced change to the calendar: an extra day off, or a make-up working day."""

    day: date
    working: bool
    note: str = ""


@dataclass(frozen=True)
class DayOff:
    """Why a day is not worked: the rule, and the words a user reads."""

    basis: Basis
    key: str = ""  # the catalog key of the holiday, if any
    note: str = ""  # an override's note, or the make-up day of a package swap (dd/mm/yyyy)

    def text(self, lang: str = "vi") -> str:
        if self.basis == Basis.WEEKEND:
            return t("calendar.weekend", lang)
        if self.basis == Basis.IN_LIEU:
            return t("calendar.in_lieu", lang, holiday=t(self.key, lang))
        if self.basis == Basis.HOLIDAY:
            return t(self.key, lang)
        if self.key == "calendar.swap":
            return t("calendar.swap", lang, day=self.note)
        return self.note or t("calendar.announced_day_off", lang)


@dataclass(frozen=True)
class UncertainDay:
    """A day the package marks off but nothing in force confirms: shown to administrators."""

    day: date
    key: str
    source_key: str
    confirmed_off: bool  # an administrator's override made it a day off

    def name(self, lang: str = "vi") -> str:
        return t(self.key, lang)

    def source(self, lang: str = "vi") -> str:
        return t(self.source_key, lang)


@lru_cache(maxsize=64)
def _package_holidays(year: int) -> dict[date, tuple[str, str]]:
    """Each package holiday as (English name, Vietnamese name) for one year."""
    en = holidays.country_holidays("VN", years=year, language="en_US")
    vi = holidays.country_holidays("VN", years=year, language="vi")
    return {day: (name, vi.get(day, name)) for day, name in en.items()}


def _classify(day: date) -> DayOff | None:
    entry = _package_holidays(day.year).get(day)
    if entry is None:
        return None
    english, vietnamese = entry
    if english.startswith("Day off"):
        found = _SWAP_DATE.search(vietnamese)  # "Ngày nghỉ (thay cho ngày 22/08/2026)"
        return DayOff(Basis.ANNOUNCED, "calendar.swap", found.group(0) if found else "")
    key = next((k for words, k in _HOLIDAY_KEYS if words in english), None)
    if key is None:  # a holiday the package adds later: keep its own Vietnamese name
        return DayOff(Basis.ANNOUNCED, "", vietnamese)
    return DayOff(Basis.IN_LIEU if "(observed)" in english else Basis.HOLIDAY, key)


@dataclass(frozen=True)
class WorkCalendar:
    """Answers "is this a working day, and if not, why" for any date."""

    overrides: tuple[Override, ...] = ()
    announced_years: frozenset[int] = frozenset()  # marked announced by an administrator
    _by_day: dict[date, Override] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_day", {o.day: o for o in self.overrides})

    def holiday_name(self, day: date, lang: str = "vi") -> str | None:
        """The official name of the package's holiday on ``day`` (confirmed or not), else None."""
        entry = _classify(day)
        return entry.text(lang) if entry is not None else None

    def day_off(self, day: date) -> DayOff | None:
        """Why ``day`` is not worked, or None when it is a working day."""
        override = self._by_day.get(day)
        if override is not None:
            return None if override.working else DayOff(Basis.ANNOUNCED, "", override.note)
        entry = _classify(day)
        if entry is not None and entry.key in UNCERTAIN_HOLIDAYS:
            entry = None  # working until an administrator confirms it
        if entry is not None:
            return entry
        return DayOff(Basis.WEEKEND) if day.weekday() in _WEEKEND else None

    def is_working_day(self, day: date) -> bool:
        return self.day_off(day) is None

    def why_not_working(self, day: date, lang: str = "vi") -> str | None:
        """The reason a day is not worked (holiday name, announced day off, weekend), else None."""
        reason = self.day_off(day)
        return reason.text(lang) if reason is not None else None

    def uncertain_days(self, year: int) -> list[UncertainDay]:
        """Days in ``year`` the package lists but no law in force confirms, with their state."""
        found = []
        for day in sorted(_package_holidays(year)):
            entry = _classify(day)
            if entry is not None and entry.key in UNCERTAIN_HOLIDAYS:
                override = self._by_day.get(day)
                found.append(
                    UncertainDay(
                        day, entry.key, UNCERTAIN_HOLIDAYS[entry.key], override is not None and not override.working
                    )
                )
        return found

    def is_announced(self, year: int) -> bool:
        """A year's schedule is announced when the table holds its make-up days (the annual
        notice's swaps) or an administrator marked it so; otherwise it is the package's estimate."""
        if year < FIRST_TABLE_YEAR:
            return True
        return year in self.announced_years or any(o.working and o.day.year == year for o in self.overrides)

    def estimated_years(self, start: date, end: date) -> list[int]:
        """The years in [start, end] whose schedule is only an estimate."""
        low, high = min(start, end).year, max(start, end).year
        return [y for y in range(low, high + 1) if not self.is_announced(y)]

    def roll_forward(self, day: date) -> date:
        """The first working day on or after ``day`` (Civil Code 2015 Art. 148(5))."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def working_days_before(self, day: date, count: int) -> date:
        """The working day that is the ``count``-th counting back from the day before ``day``."""
        if count < 1:
            raise ValueError("count must be at least 1")
        seen = 0
        while seen < count:
            day -= timedelta(days=1)
            if self.is_working_day(day):
                seen += 1
        return day

    def add_working_days(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (``day`` itself not counted)."""
        seen = 0
        while seen < count:
            day += timedelta(days=1)
            if self.is_working_day(day):
                seen += 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(1 for n in range(1, (end - start).days + 1) if self.is_working_day(start + timedelta(days=n)))

    def working_days(self, start: date, end: date) -> tuple[date, ...]:
        """Every working day in [start, end], ascending: what SQL reads the calendar from
        (queries/stats/draft_timeliness.sql), since the rules live here, not in the database."""
        return _working_days(self, start, end)

    def non_working_days(self, start: date, end: date) -> list[date]:
        """Every day in [start, end] that is not worked."""
        return [
            start + timedelta(days=n)
            for n in range((end - start).days + 1)
            if not self.is_working_day(start + timedelta(days=n))
        ]


@lru_cache(maxsize=32)
def _working_days(calendar: WorkCalendar, start: date, end: date) -> tuple[date, ...]:
    # Keyed by the calendar's value (its overrides and announced years): an edit is a new key.
    days = (start + timedelta(days=n) for n in range((end - start).days + 1))
    return tuple(d for d in days if calendar.is_working_day(d))


def parse_announced_years(text: str | None) -> frozenset[int]:
    """The setting ``calendar_announced_years``: years written "2027, 2028"."""
    return frozenset(int(p) for p in re.findall(r"\d{4}", text or ""))


# Announced swaps for 2024-2026 that the ``holidays`` package misses or cannot express
# (make-up Saturdays). Sources: the Government's annual holiday notices, ../shared/domain.md.
DEFAULT_OVERRIDES: tuple[Override, ...] = (
    Override(date(2024, 5, 4), True, "Làm bù cho ngày nghỉ 29/04/2024"),
    Override(date(2025, 4, 26), True, "Làm bù cho ngày nghỉ 02/05/2025"),
    Override(date(2026, 1, 2), False, "Tết Dương lịch 2026: nghỉ hoán đổi với thứ Bảy 10/01/2026"),
    Override(date(2026, 1, 10), True, "Làm bù cho ngày nghỉ 02/01/2026"),
    Override(date(2026, 8, 22), True, "Làm bù cho ngày nghỉ 31/08/2026"),
)
