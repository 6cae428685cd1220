"""The one rounding rule for every share the product prints (issue 9): pages, charts, the CLI, the
briefing, the Word report and the Excel cells all go through ``percent`` / ``percent_text``.

- never "100 %" unless every item is done, never "0 %" unless none is (2199/2200 is "99,9 %",
  1/2200 is "0,1 %"): a rounded 100 would tell the Minister's office nothing is left;
- exactly all or none is written without decimals ("100 %", "0 %"), as official reports do;
- halves round up, on exact fractions (binary floats would round 6,25 down and 0,35 up);
- 1 or 2 decimals (an administrator's setting, ``percent_decimals``; official reports often write
  two: "73,96 %"); Vietnamese decimal comma, English point; a space before "%" in both
  (TCVN/ISO 80000 style, as the ministry's reports print it).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

DEFAULT_DECIMALS = 1
ALLOWED_DECIMALS = (1, 2)
NOTHING = "—"  # no share of nothing: not "0 %"


def clean_decimals(decimals: int | str | None) -> int:
    """The setting's value if it is one the rule allows, else the default (a hand-edited
    database must not break every page)."""
    try:
        value = int(decimals)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DEFAULT_DECIMALS
    return value if value in ALLOWED_DECIMALS else DEFAULT_DECIMALS


def percent(part: int, whole: int, decimals: int = DEFAULT_DECIMALS) -> Decimal | None:
    """``part`` of ``whole`` in percent under the rule, exactly (``Decimal('99.9')``); None when
    ``whole`` is 0."""
    if whole <= 0:
        return None
    decimals = clean_decimals(decimals)
    scale = 10**decimals
    steps = int(Fraction(100 * part * scale, whole) + Fraction(1, 2))  # half up; shares are >= 0
    if part < whole:
        steps = min(steps, 100 * scale - 1)
    if part > 0:
        steps = max(steps, 1)
    return Decimal(steps).scaleb(-decimals)


def percent_text(part: int, whole: int, lang: str = "vi", decimals: int = DEFAULT_DECIMALS) -> str:
    """ "99,9 %" (vi) / "99.9 %" (en); "100 %" and "0 %" exactly; "—" when nothing to divide."""
    value = percent(part, whole, decimals)
    if value is None:
        return NOTHING
    if part >= whole or part == 0:
        return f"{int(value)} %"
    text = f"{value:.{clean_decimals(decimals)}f}"
    return f"{text.replace('.', ',') if lang == 'vi' else text} %"


def percent_number(part: int, whole: int, decimals: int = DEFAULT_DECIMALS) -> float | None:
    """The rule's value as a number (the CLI's JSON ``completion_pct``): 99.9, never 100.0 early."""
    value = percent(part, whole, decimals)
    return None if value is None else float(value)
