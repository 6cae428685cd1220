"""The message catalog: every string a user reads, in Vietnamese (default) and English.

Catalogs are flat JSON maps in tracker/catalog/{vi,en}.json; tests check both hold the same keys
and that every key the code uses exists.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LANGUAGES = ("vi", "en")
DEFAULT_LANG = "vi"
_DIR = Path(__file__).with_name("catalog")


@cache
def catalog(lang: str) -> dict[str, str]:
    with open(_DIR / f"{lang}.json", encoding="utf-8") as f:
        messages: dict[str, str] = json.load(f)
    return messages


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """The message for ``key`` in ``lang``, formatted with ``params``.

    A missing key shows the key itself rather than failing a page: tests catch it first.
    """
    lang = lang if lang in LANGUAGES else DEFAULT_LANG
    text = catalog(lang).get(key) or catalog(DEFAULT_LANG).get(key) or key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text
