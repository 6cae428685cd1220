"""Dates as Vietnamese users read and type them: dd/mm/yyyy."""

from __future__ import annotations

import re
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


# The shapes parse_date reads, as (day, month, year) groups: a text of one of these shapes whose
# day and month are each in range but do not meet (31/11, 29/02/2027) names a day that does not
# exist, a different mistake from a wrong format (issue 11: "31/11 is not a format error").
_SHAPES = (
    re.compile(r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
)


def _is_impossible_day(text: str) -> bool:
    for shape in _SHAPES:
        match = shape.fullmatch(text)
        if match:
            return 1 <= int(match["d"]) <= 31 and 1 <= int(match["m"]) <= 12
    return False


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
            key = "error.date_nonexistent" if _is_impossible_day(text) else "error.date_format"
            raise InvalidInput(key, field=field, value=text)
    if not EARLIEST <= parsed <= LATEST:
        raise InvalidInput("error.date_range", field=field, value=format_date(parsed))
    return parsed
