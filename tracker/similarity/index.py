"""Find the earlier items most similar to a text, fast, in little memory.

The score (0–100) is half rapidfuzz's token-set ratio of the two comparison keys
(tracker/similarity/normalize.py: word order and the shared openings do not count) and half the
TF-IDF cosine of their syllables and syllable pairs, doubled and capped (so both halves span
0–100 on the evaluation set): the ratio alone rates a short point inside a long one on the same
topic as a match, the cosine alone weighs a rare shared name too much. Measured on
tests/similarity/eval_pairs.json (189 pairs): precision 0.988, recall 0.975 at 58. See
docs/SIMILARITY.md.

Memory (the bench's budget at 1,000,000 items, benchmarks/similar_bench.py): each key is kept as
uint16 word ids (tracker/similarity/encoding.py), two bytes a word; features are word ids and
hashed word pairs in a fixed table, so no dict of strings grows with the register; the weights
are float32. Candidates come from postings of each item's few rarest features only (prefix
filtering: two texts of one point share their rare words, so a true match shares one of the
other's rarest), which bounds the postings at ``_INDEXED`` an item; the candidates with the
highest weight of shared postings are then scored exactly from their word ids.

An item saved after the build is added to a small in-memory supplement (``add``/``remove``,
scored exactly) until the next build: the index never misses what was saved a moment ago.
"""

from __future__ import annotations

import ctypes
import itertools
import math
from array import array
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from tracker.similarity.encoding import FEATURES, IntArray, Vocabulary, item_features, pair_slot, pair_slots
from tracker.similarity.normalize import comparison_key, tokens

# The score (0–100) at or above which a pair is suggested: chosen on the evaluation set
# (tests/similarity/test_eval.py pins its precision and recall).
DEFAULT_THRESHOLD = 58
# Features in more than this share of the register only rescore candidates, never find them:
# every item holding "cán bộ" is no candidate for being the same point.
_COMMON_SHARE = 0.01
_CANDIDATES = 25
# Postings an item holds: its rarest features. With 8, every evaluation text's partner still
# comes out first (96 of 96; 6: 93) and the bench's planted re-raisings come out first 935 times
# of 975 (every feature: 943), at about a third of the full postings' memory.
_INDEXED = 8
_CHUNK = 1 << 13  # items a build step handles at once: bounds the build's peak memory


def _blend(ratio: float, cosine: float) -> int:
    return round(0.5 * ratio + 0.5 * min(100.0, 200.0 * cosine))


@dataclass(frozen=True, slots=True)
class Match:
    item_id: int
    score: int  # 0–100


@dataclass(frozen=True, slots=True)
class _Fresh:
    key: str
    weights: dict[str, float]  # feature → squared IDF
    norm: float


def _give_back() -> None:
    """Return the build's freed temporaries to the system. glibc raises its mmap threshold after
    numpy frees large blocks, so later ones come from the heap and stay in the process once freed:
    measured at 30,000 items, 43 MiB resident after a build holding 12 MiB of arrays, 13 MiB
    after the trim. Elsewhere than glibc there is nothing to do."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _runs(sorted_values: IntArray) -> tuple[IntArray, IntArray]:
    """Where each run of equal values starts in a sorted array, and how long it is."""
    first = np.flatnonzero(np.r_[True, sorted_values[1:] != sorted_values[:-1]])
    return first, np.diff(np.r_[first, len(sorted_values)])


def _prefixes(lo: int, owners: IntArray, feats: IntArray, df: npt.NDArray[np.int32]) -> tuple[IntArray, IntArray]:
    """The features each item is found by (its ``_INDEXED`` rarest) and the item's position.
    Features no other item holds come last: they find nothing among the items held, and a new
    text sharing them shares others too."""
    rarity = df[feats]
    rarity[rarity < 2] = np.iinfo(rarity.dtype).max
    order = np.lexsort((feats, rarity, owners))
    owners, feats = owners[order], feats[order]
    first, sizes = _runs(owners)
    take = np.arange(len(owners)) - np.repeat(first, sizes) < _INDEXED
    return feats[take], owners[take] + lo


class SimilarityIndex:
    """An index over (item id, text) pairs; ``similar`` gives the best matches of a new text."""

    def __init__(self, entries: Iterable[tuple[int, str]]) -> None:
        vocab = Vocabulary()
        ids, words, starts = array("q"), array("H"), array("I")
        starts.append(0)
        for item_id, text in entries:
            ids.append(item_id)
            words.extend(vocab.grow(comparison_key(text)))
            starts.append(len(words))
        self._vocab = vocab
        # numpy views of the arrays as built, not copies: a copy of a million keys would be the
        # build's peak.
        self.ids = np.frombuffer(ids, dtype=np.int64)
        if not len(self.ids) or self.ids.max() < 2**31:
            self.ids = self.ids.astype(np.int32)
        self._words = np.frombuffer(words, dtype=np.uint16)
        self._starts = np.frombuffer(starts, dtype=np.uint32)
        del ids, words, starts
        self._stop = vocab.stop_mask()
        count = len(self.ids)
        self._n = max(1, count)
        df = np.zeros(FEATURES, dtype=np.int32)  # 4 bytes a slot: the tables are fixed-size
        for _lo, _hi, _owners, feats in self._chunks():
            df += np.bincount(feats, minlength=FEATURES)
        # Smoothed IDF, squared (a cosine only ever uses squares): a feature in every item still
        # weighs a little.
        idf = np.log((self._n + 1) / (df + 1)) + 1.0
        self._w = (idf * idf).astype(np.float32)
        del idf
        self._rare = (math.log(self._n + 1) + 1.0) ** 2  # a feature the register never saw
        self._common = df > max(20.0, _COMMON_SHARE * self._n)
        # Postings by counting sort (how many each feature holds, then each in its place): a
        # sort of all (feature, item) pairs at once would double the build's peak memory.
        counts = np.zeros(FEATURES, dtype=np.int32)
        for lo, _hi, owners, feats in self._chunks():
            counts += np.bincount(_prefixes(lo, owners, feats, df)[0], minlength=FEATURES)
        post_starts = np.zeros(FEATURES + 1, dtype=np.int32)  # at most _INDEXED postings an item
        np.cumsum(counts, out=post_starts[1:])
        del counts
        self._post_items = np.empty(int(post_starts[-1]), dtype=np.int32)
        fill = post_starts[:-1].copy()
        for lo, _hi, owners, feats in self._chunks():
            kept, items = _prefixes(lo, owners, feats, df)
            order = np.argsort(kept, kind="stable")  # stable: each posting list in item order
            kept, items = kept[order], items[order]
            first, sizes = _runs(kept)
            self._post_items[fill[kept] + np.arange(len(kept)) - np.repeat(first, sizes)] = items
            fill[kept[first]] += sizes
        del df, fill
        self._post_starts = post_starts
        self._ordered = bool(np.all(self.ids[1:] > self.ids[:-1]))
        _give_back()
        self._dead: npt.NDArray[np.bool_] | None = None
        self._fresh: dict[int, _Fresh] = {}
        self._fresh_postings: dict[str, set[int]] = {}

    def _chunks(self) -> Iterator[tuple[int, int, IntArray, IntArray]]:
        for lo in range(0, len(self.ids), _CHUNK):
            hi = min(len(self.ids), lo + _CHUNK)
            bounds = self._starts[lo : hi + 1].astype(np.int64)
            owners = np.repeat(np.arange(hi - lo, dtype=np.int64), np.diff(bounds))
            yield lo, hi, *item_features(self._words[bounds[0] : bounds[-1]], owners, self._stop)

    def __len__(self) -> int:
        dead = int(self._dead.sum()) if self._dead is not None else 0
        return len(self.ids) - dead + len(self._fresh)

    @property
    def fresh(self) -> int:
        """Items added since the build (scored from the supplement)."""
        return len(self._fresh)

    @property
    def vocabulary(self) -> int:
        """Distinct words held (at most encoding.WORD_LIMIT)."""
        return len(self._vocab.words) - 1

    def memory(self) -> int:
        """Bytes the index's arrays hold (the vocabulary's strings aside)."""
        arrays = (self.ids, self._words, self._starts, self._w, self._common)
        return sum(int(a.nbytes) for a in (*arrays, self._post_items, self._post_starts))

    # -- the query's side ---------------------------------------------------------------
    def _encode(self, key: str) -> tuple[IntArray, float]:
        """The query's known features and its norm (features the register never saw count in it)."""
        words = tokens(key)
        get = self._vocab.ids.get
        ids = np.asarray([get(w, 0) for w in words], dtype=np.uint64)
        pair = (ids[:-1] > 0) & (ids[1:] > 0)
        fids = np.unique(np.concatenate((ids[ids > 0].astype(np.int64), pair_slots(ids[:-1][pair], ids[1:][pair]))))
        unknown: set[str] = set()
        if len(fids) < 2 * len(words) - 1:  # some word unknown (usually none is)
            unknown = {w for w, i in zip(words, ids.tolist(), strict=True) if not i}
            pairs = zip(itertools.pairwise(words), pair.tolist(), strict=True)
            unknown |= {f"{a}_{b}" for (a, b), ok in pairs if not ok}
        return fids, math.sqrt(float(np.sum(self._w[fids], dtype=np.float64)) + len(unknown) * self._rare)

    def _weights(self, key: str) -> dict[str, float]:
        """Each feature of a key with its squared IDF, by name (the supplement's form)."""
        words = tokens(key)
        get = self._vocab.ids.get
        ids = [get(w, 0) for w in words]
        out = {w: float(self._w[i]) if i else self._rare for w, i in zip(words, ids, strict=True)}
        for (a, i), (b, j) in itertools.pairwise(zip(words, ids, strict=True)):
            out[f"{a}_{b}"] = float(self._w[pair_slot(i, j)]) if i and j else self._rare
        return out

    def similar(
        self, text: str, *, limit: int = 5, threshold: int = DEFAULT_THRESHOLD, exclude: Collection[int] = ()
    ) -> list[Match]:
        """The best ``limit`` items scoring at least ``threshold``, best first (ties: older id first)."""
        key = comparison_key(text)
        out = self._from_built(key, threshold, exclude)
        if self._fresh:
            out += self._from_fresh(key, threshold, exclude)
        out.sort(key=lambda m: (-m.score, m.item_id))
        return out[:limit]

    def _from_built(self, key: str, threshold: int, exclude: Collection[int]) -> list[Match]:
        fids, qnorm = self._encode(key)
        if not len(fids) or qnorm == 0 or not len(self.ids):
            return []
        finding = fids[~self._common[fids]]
        if not len(finding):
            finding = fids
        starts = self._post_starts
        spans = [self._post_items[starts[f] : starts[f + 1]] for f in finding.tolist()]
        found = np.concatenate(spans)
        if not len(found):
            return []
        weights = np.repeat(self._w[finding], [len(s) for s in spans])
        partial = np.bincount(found, weights=weights)
        # Every posting of an item carries the item's total: the best postings, at most one per
        # finding feature for each item, hold the best items (cheaper than np.unique of them all).
        keep = _CANDIDATES * len(finding)
        if len(found) > keep:
            found = found[np.argpartition(-partial[found], keep)[:keep]]
        uniq = np.unique(found)
        partial = partial[uniq]
        alive = np.ones(len(uniq), dtype=np.bool_)
        if self._dead is not None:
            alive &= ~self._dead[uniq]
        if exclude:
            alive &= ~np.isin(self.ids[uniq], np.fromiter(exclude, dtype=np.int64))
        uniq, partial = uniq[alive], partial[alive]
        if len(uniq) > _CANDIDATES:
            uniq = uniq[np.argpartition(-partial, _CANDIDATES)[:_CANDIDATES]]
        if not len(uniq):
            return []
        # The exact cosine of every candidate at once, from its word ids.
        lo = self._starts[uniq].astype(np.int64)
        lengths = self._starts[uniq + 1].astype(np.int64) - lo
        ends = np.cumsum(lengths)
        offsets = np.repeat(lo - ends + lengths, lengths) + np.arange(int(ends[-1]))
        gathered = self._words[offsets]
        owners, feats = item_features(gathered, np.repeat(np.arange(len(uniq)), lengths), self._stop)
        at = np.minimum(np.searchsorted(fids, feats), len(fids) - 1)  # fids: sorted, distinct
        shared = np.where(fids[at] == feats, self._w[feats], np.float32(0))
        # Each candidate's norm from the same features (a stored norm would cost 4 bytes an item).
        norms = np.sqrt(np.bincount(owners, weights=self._w[feats], minlength=len(uniq)))
        cosines = np.bincount(owners, weights=shared, minlength=len(uniq)) / (qnorm * norms)
        # The ratio is at most 100: a candidate whose cosine cannot reach the threshold is dropped
        # before rapidfuzz looks at it.
        reach = 50.0 + 0.5 * np.minimum(100.0, 200.0 * cosines) >= threshold - 0.5
        out: list[Match] = []
        words, bounds = gathered.tolist(), (ends - lengths).tolist()  # one conversion for all
        for n in np.flatnonzero(reach).tolist():
            other = self._vocab.text(words[bounds[n] : bounds[n] + int(lengths[n])])
            score = _blend(fuzz.token_set_ratio(key, other), float(cosines[n]))
            if score >= threshold:
                out.append(Match(int(self.ids[uniq[n]]), score))
        return out

    def _from_fresh(self, key: str, threshold: int, exclude: Collection[int]) -> list[Match]:
        mine = self._weights(key)
        norm = math.sqrt(sum(mine.values()))
        if not norm:
            return []
        # Another thread may add or remove meanwhile: read copies, skip what has just gone.
        postings, fresh = self._fresh_postings, self._fresh
        shared: dict[int, float] = {}
        for feature, weight in mine.items():
            for item_id in tuple(postings.get(feature, ())):
                shared[item_id] = shared.get(item_id, 0.0) + weight
        best = sorted((i for i in shared if i not in exclude), key=lambda i: -shared[i])[:_CANDIDATES]
        out = []
        for item_id in best:
            other = fresh.get(item_id)
            if other is None:
                continue
            score = _blend(fuzz.token_set_ratio(key, other.key), shared[item_id] / (norm * other.norm))
            if score >= threshold:
                out.append(Match(item_id, score))
        return out

    # -- keeping it fresh ---------------------------------------------------------------
    def add(self, item_id: int, text: str) -> None:
        """Index (or re-index) one item saved since the build, with the build's weights. A built
        item saved with its text unchanged (assigned, answered) stays as it is."""
        key = comparison_key(text)
        at = self._position(item_id)
        if at is not None and item_id not in self._fresh and not self._is_dead(at) and self._key_at(at) == key:
            return
        self.remove(item_id)
        weights = self._weights(key)
        norm = math.sqrt(sum(weights.values()))
        if not norm:
            return
        self._fresh[item_id] = _Fresh(key, weights, norm)
        for feature in weights:
            self._fresh_postings.setdefault(feature, set()).add(item_id)

    def remove(self, item_id: int) -> None:
        """Never suggest this item again (archived, merged away, or about to be re-added)."""
        gone = self._fresh.pop(item_id, None)
        if gone is not None:
            for feature in gone.weights:
                self._fresh_postings[feature].discard(item_id)
        at = self._position(item_id)
        if at is not None:
            if self._dead is None:
                self._dead = np.zeros(len(self.ids), dtype=np.bool_)
            self._dead[at] = True

    def _position(self, item_id: int) -> int | None:
        """Where a built item sits (the corpus comes in id order; any other order is searched)."""
        if self._ordered:
            at = int(np.searchsorted(self.ids, item_id))
            return at if at < len(self.ids) and int(self.ids[at]) == item_id else None
        found = np.flatnonzero(self.ids == item_id)
        return int(found[0]) if len(found) else None

    def _key_at(self, at: int) -> str:
        return self._vocab.text(self._words[self._starts[at] : self._starts[at + 1]].tolist())

    def _is_dead(self, at: int) -> bool:
        return self._dead is not None and bool(self._dead[at])

    def pair_score(self, a: str, b: str) -> int:
        """The score of two texts with this register's weights (the evaluation's measure)."""
        ka, kb = comparison_key(a), comparison_key(b)
        fa, na = self._encode(ka)
        fb, nb = self._encode(kb)
        if not na or not nb:
            return 0
        shared = np.intersect1d(fa, fb, assume_unique=True)
        cosine = float(np.sum(self._w[shared], dtype=np.float64)) / (na * nb)
        return _blend(fuzz.token_set_ratio(ka, kb), cosine)

    def similar_many(
        self, texts: Sequence[str], *, limit: int = 5, threshold: int = DEFAULT_THRESHOLD
    ) -> list[list[Match]]:
        return [self.similar(t, limit=limit, threshold=threshold) for t in texts]
