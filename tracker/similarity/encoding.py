"""Texts as small integers, so the matcher's index fits a million items (issue 14).

A word of a comparison key (tracker/similarity/normalize.py) becomes a 16-bit id from a bounded
vocabulary: Vietnamese has a few thousand syllables, so the register's words fit easily, and a
key costs two bytes a word instead of a Python string. A feature is a content word's id, or a
pair of neighbouring content words hashed into a fixed table of 2**20 slots: no dict of
millions of syllable pairs. Two pairs sharing a slot share a document frequency; at a million
items that blurs a few weights a little and costs no measurable precision
(tests/similarity/test_eval.py, docs/SIMILARITY.md).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from tracker.similarity.normalize import STOPWORDS

# Word ids are uint16; 0 stands for a word met after the vocabulary was full (it keeps its
# place in the key, carries no feature).
WORD_LIMIT = 65_535
_PAIR_BITS = 20
PAIR_BASE = WORD_LIMIT + 1
FEATURES = PAIR_BASE + (1 << _PAIR_BITS)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: the top bits of a multiply
_SHIFT = np.uint64(64 - _PAIR_BITS)

IntArray = npt.NDArray[np.int64]


class Vocabulary:
    """Words to uint16 ids, grown while the index is built, read-only after."""

    def __init__(self) -> None:
        self.words: list[str] = [""]
        self.ids: dict[str, int] = {}
        self._stop: list[bool] = [False]

    def grow(self, key: str) -> list[int]:
        ids, out = self.ids, []
        for word in key.split():
            found = ids.get(word)
            if found is None:
                found = len(self.words)
                if found > WORD_LIMIT:
                    found = 0
                else:
                    ids[word] = found
                    self.words.append(word)
                    self._stop.append(word in STOPWORDS)
            out.append(found)
        return out

    def stop_mask(self) -> npt.NDArray[np.bool_]:
        return np.asarray(self._stop, dtype=np.bool_)

    def text(self, word_ids: list[int]) -> str:
        words = self.words
        return " ".join([words[i] for i in word_ids])


def pair_slots(first: npt.NDArray[np.uint64], second: npt.NDArray[np.uint64]) -> IntArray:
    """The table slot of each (first, second) pair of word ids."""
    mixed = ((first << np.uint64(16)) | second) * _GOLDEN
    return (mixed >> _SHIFT).astype(np.int64) + PAIR_BASE


def item_features(
    words: npt.NDArray[np.uint16], owners: IntArray, stop: npt.NDArray[np.bool_]
) -> tuple[IntArray, IntArray]:
    """Each item's distinct features from its word ids (``owners``: the item of each word, in
    order): content words and the pairs of neighbouring content words, as
    tracker/similarity/normalize.features does on strings. Returns (owners, features), unordered."""
    content = ~stop[words]
    kept, who = words[content].astype(np.uint64), owners[content]
    pair = (who[:-1] == who[1:]) & (kept[:-1] > 0) & (kept[1:] > 0)
    feats = np.concatenate((kept[kept > 0].astype(np.int64), pair_slots(kept[:-1][pair], kept[1:][pair])))
    held = np.concatenate((who[kept > 0], who[:-1][pair]))
    both = np.unique(held * FEATURES + feats, sorted=False)  # a hash: no sort needed by anyone
    return both // FEATURES, both % FEATURES


def pair_slot(first: int, second: int) -> int:
    """``pair_slots`` for one pair, in Python integers (the same 64-bit wrap)."""
    mixed = (((first << 16) | second) * int(_GOLDEN)) & 0xFFFF_FFFF_FFFF_FFFF
    return (mixed >> int(_SHIFT)) + PAIR_BASE
