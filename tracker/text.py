"""Text helpers for Vietnamese: search keys that ignore case and diacritics."""

from __future__ import annotations

import re
import unicodedata

# "đ" is a letter of its own, not "d" plus a mark, so NFD does not strip it.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})
_SPACES = re.compile(r"\s+")
# C0/C1 control characters other than tab and newline never belong in a record.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics, collapse spaces: "Lương  Cơ sở" -> "luong co so"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def has_control_chars(text: str) -> bool:
    return bool(_CONTROL.search(text))


def clean(text: str | None) -> str:
    """Normalise to NFC (Vietnamese typed on different keyboards differs otherwise) and trim."""
    if text is None:
        return ""
    return unicodedata.normalize("NFC", str(text)).strip()
