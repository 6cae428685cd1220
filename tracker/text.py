"""Text helpers for Vietnamese: search keys that ignore case and diacritics."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

# "đ" is a letter of its own, not "d" plus a mark, so NFD does not strip it.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})
_SPACES = re.compile(r"\s+")
# C0/C1 control characters other than tab and newline never belong in a record.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class _Unmarked(dict[int, str]):
    """Each character without its marks (NFD, then no Mn), worked out once per character: a
    ``str.translate`` table, so fold runs in C instead of a Python loop over every character
    (issue 15: folding was most of an import's commit)."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code).translate(_EXTRA))
        value = self[code] = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
        return value


_UNMARKED = _Unmarked()


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics, collapse spaces: "Lương  Cơ sở" -> "luong co so".

    Character by character equals the whole-text NFD: decomposition is per character and the
    canonical reordering that follows only moves combining marks, which are dropped
    (tests/rules/test_fold.py compares it with the whole-text definition)."""
    if not text:
        return ""
    return _SPACES.sub(" ", text.translate(_UNMARKED).lower()).strip()


def has_control_chars(text: str) -> bool:
    return bool(_CONTROL.search(text))


def clean(text: str | None) -> str:
    """Normalise to NFC (Vietnamese typed on different keyboards differs otherwise) and trim."""
    if text is None:
        return ""
    return unicodedata.normalize("NFC", str(text)).strip()


_NFC = functools.partial(unicodedata.normalize, "NFC")


def clean_each(texts: Iterable[str]) -> list[str]:
    """``[clean(t) for t in texts]`` for texts that are already ``str``: the same two C functions,
    chained by ``map`` so a column of 100,000 texts makes no Python call per text (issue 15: the
    Python frames around NFC, not NFC itself, were the import's largest per-text cost)."""
    return list(map(str.strip, map(_NFC, texts)))
