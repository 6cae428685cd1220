"""How wide a line of Times New Roman is, so the Word report can size its columns and rules.

Decree 30/2020 wants the rule under the motto exactly as long as the motto, the national name on
one line and reply numbers like "3909/BNV-BTGCP" never broken in the appendix: all three need the
text's width before Word or LibreOffice lays it out. The advance widths in times_widths.json come
from Liberation Serif, which is metric-compatible with Times New Roman by design (what LibreOffice
substitutes for it), for ASCII and every Vietnamese letter; tests/exporting/test_report_docx.py checks them
against the font files when they are installed.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

MM_PER_PT = 25.4 / 72
_FILE = Path(__file__).with_name("times_widths.json")


@cache
def _widths(style: str) -> dict[str, int]:
    data = json.loads(_FILE.read_text(encoding="utf-8"))
    return dict(zip(data["chars"], data[style], strict=True))


def text_width_mm(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """The width of ``text`` on one line, in millimetres. A character outside the table counts as
    wide as "M" (overestimating is the safe side: a column a little too wide never breaks a word)."""
    style = ("bold" if bold else "") + ("italic" if italic else "") or "regular"
    widths = _widths(style)
    wide = widths["M"]
    return sum(widths.get(c, wide) for c in text) / 1000 * size_pt * MM_PER_PT
