"""Find the earlier items most similar to a text, fast.

The score (0–100) is half rapidfuzz's token-set ratio of the two comparison keys
(tracker/similarity/normalize.py: word order and the shared openings do not count) and half the
TF-IDF cosine of their syllables and syllable pairs, doubled and capped (so both halves span
0–100 on the evaluation set): the ratio alone rates a short point inside a long one on the same
topic as a match, the cosine alone weighs a rare shared name too much. Measured on
tests/similarity/eval_pairs.json (189 pairs): ratio alone best F1 0.981, cosine alone 0.982,
the blend 0.981 too but with scores spread over the scale (precision 0.988, recall 0.975 at
58). See docs/SIMILARITY.md.

Candidates come from an inverted index over the rarer features (those in at most 1% of the
register): rapidfuzz over every item costs seconds per query at 100,000 items, the index touches
only the items sharing something distinctive (benchmarks/similar_bench.py).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from tracker.similarity.normalize import comparison_key, features

# The score (0–100, the cosine × 100) at or above which a pair is suggested: chosen on the
# evaluation set (tests/similarity/test_eval.py pins its precision and recall).
DEFAULT_THRESHOLD = 58
# Features in more than this share of the register only rescore candidates, never find them:
# every item holding "cán bộ" is no candidate for being the same point.
_COMMON_SHARE = 0.01
_CANDIDATES = 25


def _blend(ratio: float, cosine: float) -> int:
    return round(0.5 * ratio + 0.5 * min(100.0, 200.0 * cosine))


@dataclass(frozen=True, slots=True)
class Match:
    item_id: int
    score: int  # 0–100


class SimilarityIndex:
    """An index over (item id, text) pairs; ``similar`` gives the best matches of a new text."""

    def __init__(self, entries: Iterable[tuple[int, str]]) -> None:
        ids: list[int] = []
        rows: list[list[int]] = []
        vocab: dict[str, int] = {}
        blob = bytearray()
        key_starts = [0]
        for item_id, text in entries:
            key = comparison_key(text)
            ids.append(item_id)
            blob += key.encode("ascii")  # a key is [0-9a-z ] only: one byte a character
            key_starts.append(len(blob))
            rows.append(sorted({vocab.setdefault(f, len(vocab)) for f in features(key)}))
        # The keys as one buffer: at a million items, a million str objects would cost more than
        # the text they hold.
        self._blob = bytes(blob)
        self._key_starts = np.asarray(key_starts, dtype=np.int64)
        self.ids = np.asarray(ids, dtype=np.int64)
        self._vocab = vocab
        n = max(1, len(ids))
        lengths = np.asarray([len(r) for r in rows], dtype=np.int64)
        # Each item's features, one flat array in item order (CSR: item i is flat[starts[i]:starts[i+1]]).
        flat = np.fromiter((f for r in rows for f in r), dtype=np.int32, count=int(lengths.sum()))
        del rows
        owner = np.repeat(np.arange(len(ids), dtype=np.int32), lengths)
        self._flat = flat
        self._row_starts = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
        df = np.bincount(flat, minlength=len(vocab)).astype(np.float64)
        # Smoothed IDF: a feature in every item still weighs a little.
        self._idf = np.log((n + 1) / (df + 1)) + 1.0
        self._n = n
        self._common = df > max(20.0, _COMMON_SHARE * n)
        order = np.argsort(flat, kind="stable")
        starts = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(df.astype(np.int64), out=starts[1:])
        self._post_items = owner[order]
        del order
        self._post_starts = starts
        sq = self._idf[flat] ** 2
        self._norms = np.sqrt(np.bincount(owner, weights=sq, minlength=len(ids)))

    def _key(self, pos: int) -> str:
        return self._blob[self._key_starts[pos] : self._key_starts[pos + 1]].decode("ascii")

    def __len__(self) -> int:
        return len(self.ids)

    def _query_vector(self, key: str) -> tuple[npt.NDArray[np.int32], float]:
        found = features(key)
        known = sorted({self._vocab[f] for f in found if f in self._vocab})
        unknown = {f for f in found if f not in self._vocab}
        # A feature the register never saw is as rare as can be: it counts in the query's norm.
        rare = math.log(self._n + 1) + 1.0
        fids = np.asarray(known, dtype=np.int32)
        norm = math.sqrt(float(np.sum(self._idf[fids] ** 2)) + len(unknown) * rare * rare)
        return fids, norm

    def similar(
        self, text: str, *, limit: int = 5, threshold: int = DEFAULT_THRESHOLD, exclude: Collection[int] = ()
    ) -> list[Match]:
        """The best ``limit`` items scoring at least ``threshold``, best first (ties: older id first)."""
        key = comparison_key(text)
        fids, qnorm = self._query_vector(key)
        if not len(fids) or qnorm == 0:
            return []
        finding = fids[~self._common[fids]]
        if not len(finding):
            finding = fids
        spans = [self._post_items[self._post_starts[f] : self._post_starts[f + 1]] for f in finding]
        found = np.concatenate(spans)
        if not len(found):
            return []
        weights = np.repeat(self._idf[finding] ** 2, [len(s) for s in spans])
        partial = np.bincount(found, weights=weights, minlength=len(self.ids))
        # Every posting of an item carries the item's total: the best postings, at most one per
        # finding feature for each item, hold the best items (cheaper than np.unique of them all).
        keep = _CANDIDATES * len(finding)
        at = partial[found]
        best = found if len(found) <= keep else found[np.argpartition(-at, keep)[:keep]]
        uniq = np.unique(best)
        if len(uniq) > _CANDIDATES:
            uniq = uniq[np.argpartition(-partial[uniq], _CANDIDATES)[:_CANDIDATES]]
        if exclude:
            uniq = uniq[~np.isin(self.ids[uniq], np.fromiter(exclude, dtype=np.int64))]
        uniq = uniq[self._norms[uniq] > 0]
        if not len(uniq):
            return []
        # The exact cosine of every candidate at once: gather their features, weigh those the
        # query has.
        starts = self._row_starts[uniq]
        lengths = self._row_starts[uniq + 1] - starts
        ends = np.cumsum(lengths)
        offsets = np.repeat(starts - ends + lengths, lengths) + np.arange(int(ends[-1]))
        feats = self._flat[offsets]
        weights = np.where(np.isin(feats, fids), self._idf[feats] ** 2, 0.0)
        cosines = np.add.reduceat(weights, ends - lengths) / (qnorm * self._norms[uniq])
        # The ratio is at most 100: a candidate whose cosine cannot reach the threshold is dropped
        # before rapidfuzz looks at it.
        reach = 50.0 + 0.5 * np.minimum(100.0, 200.0 * cosines) >= threshold - 0.5
        out: list[Match] = []
        for pos, cosine in zip(uniq[reach].tolist(), cosines[reach].tolist(), strict=True):
            score = _blend(fuzz.token_set_ratio(key, self._key(pos)), cosine)
            if score >= threshold:
                out.append(Match(int(self.ids[pos]), score))
        out.sort(key=lambda m: (-m.score, m.item_id))
        return out[:limit]

    def pair_score(self, a: str, b: str) -> int:
        """The score of two texts with this register's weights (the evaluation's measure)."""
        ka, kb = comparison_key(a), comparison_key(b)
        fa, na = self._query_vector(ka)
        fb, nb = self._query_vector(kb)
        if not na or not nb:
            return 0
        shared = np.intersect1d(fa, fb, assume_unique=True)
        return _blend(fuzz.token_set_ratio(ka, kb), float(np.sum(self._idf[shared] ** 2)) / (na * nb))

    def similar_many(
        self, texts: Sequence[str], *, limit: int = 5, threshold: int = DEFAULT_THRESHOLD
    ) -> list[list[Match]]:
        return [self.similar(t, limit=limit, threshold=threshold) for t in texts]
