"""Dates as Vietnamese users read and type them: dd/mm/yyyy."""

from __future__ import annotations

from datetime import date, datetime

from tracker.errors import InvalidInput
from tracker.formatting import format_date, official_date_line

__all__ = ["EARLIEST", "END_OF_TIME", "LATEST", "format_date", "official_date_line", "parse_date"]

# "As of the end of time": every reply and deadline already counted, nothing still to come. The
# one constant for it (issue 10); it is also the latest date a record may carry.
END_OF_TIME = date(2100, 12, 31)

# A record of this ministry cannot predate the Democratic Republic (1945) nor lie far ahead;
# anything outside is a typo ("1900", "2999"), not a date (issue 4, "absurd dates").
EARLIEST = date(1990, 1, 1)
LATEST = END_OF_TIME


def parse_date(value: object, field: str = "date") -> date:
    """Accepts dd/mm/yyyy, ISO yyyy-mm-dd, or a date/datetime; raises InvalidInput otherwise."""
    parsed: date | None
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
