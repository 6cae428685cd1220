"""Rows that repeat an existing item or an earlier row of the same file."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz, process

from tracker.i18n import t
from tracker.importing.cells import each_distinct
from tracker.importing.model import Duplicate, Fate, Progress, RowSet
from tracker.sessions import SessionRef
from tracker.text import fold

# fuzz.ratio on diacritic-folded text: 93 catches a changed word or typo in a sentence, not a
# different recommendation on the same topic (measured on the demo's near-identical templates).
TEXT_DUPLICATE_SCORE = 93.0

_Group = tuple[str, int]  # kind, session (as _SessionKeys numbers it)


class _Texts(list[str]):
    """A group's summaries, folded only when a row without a number asks (issue 15): a numbered
    file never compares text, and folding every summary was a third of its duplicate check."""

    def __init__(self) -> None:
        super().__init__()
        self.raw: list[str] = []

    def folded(self) -> list[str]:
        self.extend(fold(text) for text in self.raw[len(self) :])
        return self


_Owner = tuple[int | None, int | None, str, str]  # item id or row, incoming number, summary


class _SessionKeys(dict[SessionRef, int]):
    """Each session as a small number, so the check hashes ints: SessionRef's hash is a Python
    call (a frozen dataclass), and the check hashed each row's session five times (issue 15)."""

    def number(self, session: SessionRef) -> int:
        return self.setdefault(session, len(self))

    def numbers(self, refs: Sequence[SessionRef]) -> list[int]:
        # A preview's rows share a few SessionRef objects: each object is numbered once (by its
        # value), then every row is looked up by identity, in C.
        by_object = {id(ref): self.number(ref) for ref in {id(ref): ref for ref in refs}.values()}
        return list(map(by_object.__getitem__, map(id, refs)))


def _find_duplicates(rows: RowSet, existing: list[dict[str, Any]], on_progress: Progress | None, lang: str) -> None:
    """Mark rows that repeat an existing item or an earlier row: same kind, session and incoming
    number, or near-identical summary. Two different incoming numbers are two documents, so text
    is compared only when one side has no number (else the demo's and real data's recurring
    topics would all collide). The rows are marked in place."""
    positions = rows.positions(Fate.NEW)
    new = rows.item_fields(positions)
    ref_keys = list(map(str.lower, map(str.strip, new["ref_no"])))  # in C, as remember() keys them
    if all(r["ref_no"].strip() for r in existing) and all(ref_keys):
        # Every item and row has a number: no text is ever compared (issue 15).
        if on_progress:
            on_progress(0.5, t("import.progress_duplicates", lang))
        _numbered_duplicates(rows, existing, positions, new, ref_keys)
        if on_progress:
            on_progress(0.9, t("import.progress_duplicates", lang))
        return
    _duplicates_one_by_one(rows, existing, on_progress, lang)


def _numbered_duplicates(
    rows: RowSet, existing: list[dict[str, Any]], positions: list[int], new: dict[str, list[Any]], ref_keys: list[str]
) -> None:
    """What ``_duplicates_one_by_one`` marks when every item and row has an incoming number: a
    row repeats the first existing item, else the first row, with its kind, session and number
    (a duplicate row is never the first of its key, so leaving it out of what later rows are
    compared with changes nothing). ``new``: the rows at ``positions`` as columns
    (``RowSet.item_fields``), ``ref_keys`` their numbers stripped and lower-cased. The keys and
    their first holders are found by dicts built in C, not a Python step per row."""
    sessions = _SessionKeys()
    existing_keys = zip(
        [r["kind"] for r in existing],
        each_distinct(
            [(r["term"], r["session_number"], r["extraordinary"]) for r in existing],
            lambda key: sessions.number(SessionRef(*key)),
        ),
        [r["ref_no"].strip().lower() for r in existing],
        strict=True,
    )
    owners = [(r["id"], None, r["ref_no"], r["summary"]) for r in existing]
    # dict over the reversed pairs: the first holder of each key is the one left.
    by_ref: dict[tuple[str, int, str], _Owner] = dict(zip(reversed(list(existing_keys)), reversed(owners)))
    kinds = each_distinct(new["kind"], lambda kind: kind.value)
    keys = list(zip(kinds, sessions.numbers(new["session"]), ref_keys, strict=True))
    first = dict(zip(reversed(keys), reversed(range(len(keys)))))
    numbers = rows.numbers
    for k in [k for k, key in enumerate(keys) if key in by_ref or first[key] != k]:
        owner = by_ref.get(keys[k])
        if owner is None:
            f = first[keys[k]]
            owner = (None, numbers[positions[f]], new["ref_no"][f], new["summary"][f])
        item_id, other_row, other_ref, other_summary = owner
        rows.mark_duplicate(positions[k], Duplicate("ref", 100.0, item_id, other_row, other_ref, other_summary))


def _duplicates_one_by_one(
    rows: RowSet, existing: list[dict[str, Any]], on_progress: Progress | None, lang: str
) -> None:
    """``_find_duplicates`` for any rows: each row in turn against what came before it."""
    by_ref: dict[tuple[str, int, str], _Owner] = {}
    sessions = _SessionKeys()
    # defaultdicts: a new _Texts or list is made once per group, not once per row.
    texts_all: defaultdict[_Group, _Texts] = defaultdict(_Texts)
    texts_blank: defaultdict[_Group, _Texts] = defaultdict(_Texts)
    owners_all: defaultdict[_Group, list[_Owner]] = defaultdict(list)
    owners_blank: defaultdict[_Group, list[_Owner]] = defaultdict(list)

    def remember(kind: str, session: int, ref_no: str, summary: str, item_id: int | None, row: int | None) -> None:
        group = (kind, session)
        owner = (item_id, row, ref_no, summary)
        ref_key = ref_no.strip()
        if ref_key:
            by_ref.setdefault((kind, session, ref_key.lower()), owner)
        texts_all[group].raw.append(summary)
        owners_all[group].append(owner)
        if not ref_key:
            texts_blank[group].raw.append(summary)
            owners_blank[group].append(owner)

    existing_sessions = each_distinct(
        [(r["term"], r["session_number"], r["extraordinary"]) for r in existing],
        lambda key: sessions.number(SessionRef(*key)),
    )
    for r, session in zip(existing, existing_sessions, strict=True):
        remember(r["kind"], session, r["ref_no"], r["summary"], r["id"], None)

    positions = rows.positions(Fate.NEW)
    new = rows.item_fields(positions)
    total = max(1, len(positions))
    numbers = rows.numbers
    # Each distinct kind and number read once (a column repeats its kinds).
    kinds = each_distinct(new["kind"], lambda kind: kind.value)
    ref_keys = each_distinct(new["ref_no"], lambda ref_no: ref_no.strip().lower())
    for n, (p, kind, session, ref_no, ref_key, summary) in enumerate(
        zip(positions, kinds, sessions.numbers(new["session"]), new["ref_no"], ref_keys, new["summary"], strict=True)
    ):
        if on_progress and n % 500 == 0:
            on_progress(0.5 + 0.5 * n / total, t("import.progress_duplicates", lang))
        group = (kind, session)
        duplicate = None
        if ref_key and (kind, session, ref_key) in by_ref:
            item_id, other_row, other_ref, other_summary = by_ref[(kind, session, ref_key)]
            duplicate = Duplicate("ref", 100.0, item_id, other_row, other_ref, other_summary)
        else:
            texts, owners = (texts_blank, owners_blank) if ref_key else (texts_all, owners_all)
            choices = texts[group].folded() if group in texts else None
            if choices:
                match = process.extractOne(fold(summary), choices, scorer=fuzz.ratio, score_cutoff=TEXT_DUPLICATE_SCORE)
                if match is not None:
                    item_id, other_row, other_ref, other_summary = owners[group][match[2]]
                    duplicate = Duplicate("text", float(match[1]), item_id, other_row, other_ref, other_summary)
        if duplicate is not None:
            rows.mark_duplicate(p, duplicate)
            continue
        remember(kind, session, ref_no, summary, None, numbers[p])
