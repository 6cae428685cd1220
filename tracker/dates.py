# mypy: ignore-errors
# (not yet strict-clean: issue 10 removes this marker module by module)
"""Dates as Vietnamese users read and type them: dd/mm/yyyy."""

from __future__ import annotations

from datetime import date, datetime

from tracker.errors import InvalidInput

# A record of this ministry cannot predate the Democratic Republic (1945) nor lie far ahead;
# anything outside is a typo ("1900", "2999"), not a date (issue 4, "absurd dates").
EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


def parse_date(value: object, field: str = "date") -> date:
    """Accepts dd/mm/yyyy, ISO yyyy-mm-dd, or a date/datetime; raises InvalidInput otherwise."""
    if isinstance(value, datetime):
        parsed = value.date()
    elif isinstance(value, date):
        parsed = value
    else:
        text = str(value or "").strip()
        if not text:
            raise InvalidInput("error.date_required", field=field)
        parsed = None
        for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
            try:
                parsed = datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
        if parsed is None:
            raise InvalidInput("error.date_format", field=field, value=text)
    if not EARLIEST <= parsed <= LATEST:
        raise InvalidInput("error.date_range", field=field, value=format_date(parsed))
    return parsed


def official_date_line(day: date, place: str = "Hà Nội") -> str:
    """Decree 30/2020: "Hà Nội, ngày 05 tháng 3 năm 2020" (leading zero for day < 10, month 1-2)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
