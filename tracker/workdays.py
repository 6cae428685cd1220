"""The Vietnamese working-day calendar: weekends, public holidays and announced swaps.

Holidays come from the ``holidays`` package (country "VN"); it misses some announced days off
(2/1/2026) and never marks make-up Saturdays as working days, so an override table that
administrators edit sits on top (../shared/domain.md, "Holidays and working days").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

# Labour Code 2019 Art. 111: the weekly rest day; the civil service works Monday to Friday.
_WEEKEND = (5, 6)


@dataclass(frozen=True)
class Override:
    """An announced change to the calendar: an extra day off, or a make-up working day."""

    day: date
    working: bool
    note: str = ""


@lru_cache(maxsize=64)
def _package_holidays(year: int, lang: str) -> dict[date, str]:
    language = "vi" if lang == "vi" else "en_US"
    return dict(holidays.country_holidays("VN", years=year, language=language))


@dataclass(frozen=True)
class WorkCalendar:
    """Answers "is this a working day, and if not, why" for any date."""

    overrides: tuple[Override, ...] = ()
    _by_day: dict[date, Override] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_day", {o.day: o for o in self.overrides})

    def holiday_name(self, day: date, lang: str = "vi") -> str | None:
        return _package_holidays(day.year, lang).get(day)

    def is_working_day(self, day: date) -> bool:
        override = self._by_day.get(day)
        if override is not None:
            return override.working
        if day.weekday() in _WEEKEND:
            return False
        return self.holiday_name(day) is None

    def why_not_working(self, day: date, lang: str = "vi") -> str | None:
        """The reason a day is not worked (holiday name, announced day off, weekend), else None."""
        if self.is_working_day(day):
            return None
        override = self._by_day.get(day)
        if override is not None and override.note:
            return override.note
        name = self.holiday_name(day, lang)
        if name:
            return name
        from tracker.i18n import t

        return t("calendar.weekend", lang)

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
        return sum(
            1 for n in range(1, (end - start).days + 1) if self.is_working_day(start + timedelta(days=n))
        )

    def non_working_days(self, start: date, end: date) -> list[date]:
        """Every day in [start, end] that is not worked; storage keeps them for SQL to use."""
        return [
            start + timedelta(days=n)
            for n in range((end - start).days + 1)
            if not self.is_working_day(start + timedelta(days=n))
        ]


# Announced swaps for 2024-2026 that the ``holidays`` package misses or cannot express
# (make-up Saturdays). Sources: the Government's annual holiday notices, ../shared/domain.md.
DEFAULT_OVERRIDES: tuple[Override, ...] = (
    Override(date(2024, 5, 4), True, "Làm bù cho ngày nghỉ 29/04/2024"),
    Override(date(2025, 4, 26), True, "Làm bù cho ngày nghỉ 02/05/2025"),
    Override(date(2026, 1, 2), False, "bù Tết Dương lịch 2026 (làm bù thứ Bảy 10/01/2026)"),
    Override(date(2026, 1, 10), True, "Làm bù cho ngày nghỉ 02/01/2026"),
    Override(date(2026, 8, 22), True, "Làm bù cho ngày nghỉ 31/08/2026"),
)
