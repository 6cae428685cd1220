"""The one guard against spreadsheet formulas in exported text (OWASP "CSV injection"), and its
exact inverse for imports (issue 8, point 7).

A CSV cell that starts with "=", "+", "-", "@", a tab or a carriage return may run as a formula
when a spreadsheet opens the file, so the CSV export puts an apostrophe before it. Text that
already starts with an apostrophe gets one too: then a leading apostrophe in an exported cell is
always ours, and ``unneutralise`` removes exactly one, so "'=SUM(A1)" typed by a user comes back
as "'=SUM(A1)" and "=SUM(A1)" as "=SUM(A1)". The Excel export writes text as strings with Excel's
quote-prefix style instead (not part of the value), so an .xlsx is read back as it is.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_GUARDED = (*FORMULA_STARTS, QUOTE)


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralise(value: object) -> object:
    """Text a spreadsheet would run as a formula (or that starts with the guard) gets the guard;
    anything else, numbers included, passes unchanged."""
    if isinstance(value, str) and value.startswith(_GUARDED):
        return QUOTE + value
    return value


def unneutralise(text: str) -> str:
    """Remove the guard ``neutralise`` added, and only that: "'hello" stays "'hello"."""
    if text.startswith(QUOTE) and text[1:].startswith(_GUARDED):
        return text[1:]
    return text
