"""The comparison key of a recommendation: what two re-raisings of one point have in common.

Folded (tracker/text.py: case, diacritics, đ), punctuation gone, and the openings every
recommendation shares stripped: "Cử tri tỉnh Nghệ An và thành phố Hà Nội kiến nghị Bộ Nội vụ
sớm …" keeps only "…". Left in, those openings make every pair look alike (measured on
tests/similarity/eval_pairs.json: see docs/SIMILARITY.md).
"""

from __future__ import annotations

import itertools
import re

from tracker.text import fold

_NON_WORD = re.compile(r"[^0-9a-z]+")
# Who raises it ("cử tri tỉnh …", "nhân dân nhiều địa phương", "đại biểu …") up to the verb that
# introduces the point; at most ~12 words between, so a long sentence is never eaten whole.
_WHO = r"(?:cu tri|nhan dan|dai bieu|doan dai bieu quoc hoi|to dai bieu)"
_VERB = r"(?:tiep tuc )?(?:kien nghi|de nghi|phan anh|de xuat|mong muon|ban khoan|cho rang|noi chung)"
_OPENING = re.compile(rf"^{_WHO}(?: \w+){{0,12}}? {_VERB} ")
# Whom it addresses and the politeness that carries no content.
_ADDRESS = re.compile(
    r"^(?:(?:kien nghi|de nghi|de xuat|mong muon|yeu cau|kinh de nghi|tiep tuc|som|can|quan tam|"
    r"xem xet|nghien cuu|chinh phu|quoc hoi|bo noi vu|bo|nganh|trung uong|co quan co tham quyen|"
    r"cac co quan chuc nang|co quan chuc nang|cac bo nganh|bo nganh|va|chi dao|cac cap|cap co tham quyen) )+"
)
# Words too common in this register to tell two points apart (function words and the ministry's
# own vocabulary); what is left decides. Not "can": folded, "cần" is "cán" of "cán bộ".
STOPWORDS = frozenset(
    [
        "va",
        "cac",
        "cua",
        "cho",
        "de",
        "doi",
        "voi",
        "theo",
        "trong",
        "co",
        "la",
        "duoc",
        "nhung",
        "nay",
        "do",
        "khi",
        "tai",
        "ve",
        "tu",
        "den",
        "nhu",
        "mot",
        "so",
        "viec",
        "vao",
        "thi",
        "ma",
        "hay",
        "hoac",
        "ra",
        "con",
        "da",
        "dang",
        "se",
        "phai",
        "nen",
        "lai",
        "ben",
        "cung",
        "tren",
        "duoi",
        "giua",
        "sau",
        "truoc",
        "nham",
        "thuc",
        "hien",
        "quy",
        "dinh",
        "hien",
        "nay",
        "tinh",
        "thanh",
        "pho",
        "xa",
        "huyen",
    ]
)


def comparison_key(text: str | None) -> str:
    """The folded text with punctuation and the boilerplate opening stripped."""
    folded = _NON_WORD.sub(" ", fold(text)).strip()
    stripped = _OPENING.sub("", folded + " ", count=1).strip()
    stripped = _ADDRESS.sub("", stripped + " ", count=1).strip()
    # A sentence that was nothing but an opening keeps its words: better than matching nothing.
    return stripped or folded


def tokens(key: str) -> list[str]:
    """The content syllables of a key, in order."""
    return [w for w in key.split() if w not in STOPWORDS]


def features(key: str) -> list[str]:
    """Syllables and syllable pairs: Vietnamese words are mostly two syllables ("cán bộ",
    "tiền lương"), so the pairs carry the words and the single syllables tolerate reordering."""
    words = tokens(key)
    return [*words, *(f"{a}_{b}" for a, b in itertools.pairwise(words))]
