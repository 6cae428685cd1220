"""Suggestions (issue 14): the earlier items most similar to a new one, at intake (entry form,
import preview) and over a session already entered. A suggestion is only shown: linking or
merging is a person's act (tracker/usecases/similar_links.py). Dismissed and already linked pairs
never come back.

The index (tracker/similarity/index.py) is built once per process over every item not archived;
each item saved since is put into it before the next suggestion (``SimilarSuggest.index``).
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.similarity.index import DEFAULT_THRESHOLD, SimilarityIndex
from tracker.usecases.deps import UseCase

# Items saved since the last build that the index carries in its supplement before a full
# build is started (a supplement item costs a few hundred bytes and is scored exactly).
_FRESH_LIMIT = 2_000
_PAGE = 50_000  # rows of the corpus read at once


@dataclass(frozen=True, slots=True)
class Occurrence:
    """An item as the similar sections show it: where it was raised and how it was answered."""

    id: int
    kind: str
    session_id: int
    session: str  # "15/7"
    ref_no: str
    received_on: date
    summary: str
    sources: str
    lead_unit: str | None
    response_no: str | None
    responded_on: date | None
    response_summary: str | None
    result: str | None
    roadmap: str | None
    committed_on: date | None
    archived: bool
    version: int


@dataclass(frozen=True, slots=True)
class Suggestion:
    occurrence: Occurrence
    score: int  # 0–100


@dataclass(frozen=True, slots=True)
class ItemSuggestions:
    item: Occurrence
    matches: tuple[Suggestion, ...]

    def as_json(self) -> dict[str, Any]:
        """The CLI's ``--json`` shape (issue 14, point 5)."""
        return {
            "item": self.item.id,
            "ref_no": self.item.ref_no,
            "matches": [
                {
                    "item": m.occurrence.id,
                    "ref_no": m.occurrence.ref_no,
                    "session": m.occurrence.session,
                    "score": m.score,
                }
                for m in self.matches
            ],
        }


def _occurrence(row: dict[str, Any]) -> Occurrence:
    from tracker.sessions import SessionRef

    code = SessionRef(row["term"], row["session_number"], row["extraordinary"]).code()
    return Occurrence(
        id=row["id"],
        kind=row["kind"],
        session_id=row["session_id"],
        session=code,
        ref_no=row["ref_no"],
        received_on=row["received_on"],
        summary=row["summary"],
        sources=row["sources"],
        lead_unit=row["lead_unit"],
        response_no=row["response_no"],
        responded_on=row["responded_on"],
        response_summary=row["response_summary"],
        result=row["result"],
        roadmap=row["roadmap"],
        committed_on=row["committed_on"],
        archived=row["archived_at"] is not None,
        version=row["version"],
    )


class SimilarSuggest(UseCase):
    _lock = threading.Lock()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._index: SimilarityIndex | None = None
        self._stamp: tuple[Any, ...] | None = None
        self._building = False

    def index(self) -> SimilarityIndex:
        """The index over the register, fresh to the last saved item. Built on first use; after
        that, every call compares the register's stamp (queries/similar/fingerprint.sql) with the
        one it has seen and puts the items saved since into the index (added, changed, archived:
        tracker/similarity/index.py's supplement), so an item saved a moment ago is found. When
        the supplement grows past ``_FRESH_LIMIT``, a full build runs on a background thread
        while the index at hand keeps answering (at a million items a build takes a minute)."""
        stamp = self.db.one("similar/fingerprint")
        with self._lock:
            index, seen = self._index, self._stamp
            if index is not None and stamp == seen:
                return index
        if index is None or seen is None:
            return self._rebuild()
        changed = self.db.all("similar/changed_since", [seen[0], seen[2]])
        with self._lock:
            if self._index is index:
                for item_id, archived, text in changed:
                    if archived:
                        index.remove(int(item_id))
                    else:
                        index.add(int(item_id), text)
                self._stamp = stamp
            if index.fresh > _FRESH_LIMIT and not self._building:
                self._building = True
                threading.Thread(target=self._rebuild, daemon=True).start()
        return index

    def _rebuild(self) -> SimilarityIndex:
        try:
            # The stamp before the texts: whatever is saved while they are read is caught up after.
            stamp = self.db.one("similar/fingerprint")
            index = SimilarityIndex(self._corpus())
            with self._lock:
                self._index, self._stamp = index, stamp
            return index
        finally:
            with self._lock:
                self._building = False

    def _corpus(self) -> Iterator[tuple[int, str]]:
        """Every text to index, a page at a time: a million rows at once would hold gigabytes."""
        after = 0
        while True:
            page = self.db.all("similar/corpus_page", [after, _PAGE])
            for item_id, text in page:
                yield int(item_id), text
            if len(page) < _PAGE:
                return
            after = int(page[-1][0])

    def occurrences(self, ids: Collection[int]) -> dict[int, Occurrence]:
        if not ids:
            return {}
        return {r["id"]: _occurrence(r) for r in self.db.records("similar/items_by_ids", [list(ids)])}

    def _hidden(self) -> set[tuple[int, int]]:
        dismissed = {(int(r[0]), int(r[1])) for r in self.db.all("similar/dismissed")}
        linked = {(min(r[1], r[2]), max(r[1], r[2])) for r in self.db.all("similar/all_links")}
        return dismissed | linked

    def for_texts(
        self,
        texts: Sequence[str],
        *,
        limit: int = 5,
        threshold: int = DEFAULT_THRESHOLD,
        exclude: Collection[int] = (),
    ) -> list[list[Suggestion]]:
        """For each new text (the entry form's, an import preview's rows), the best earlier items."""
        index = self.index()
        found = [index.similar(t, limit=limit, threshold=threshold, exclude=exclude) for t in texts]
        shown = self.occurrences({m.item_id for ms in found for m in ms})
        # An index a moment old may still hold an item archived (merged) since: never suggested.
        live = {i for i, o in shown.items() if not o.archived}
        return [[Suggestion(shown[m.item_id], m.score) for m in ms if m.item_id in live] for ms in found]

    def for_item(self, item_id: int, *, limit: int = 5, threshold: int = DEFAULT_THRESHOLD) -> list[Suggestion]:
        """For a stored item: its best matches, less dismissed and already linked pairs."""
        found = self._for_items([item_id], limit, threshold)
        return list(found[0].matches) if found else []

    def for_session(
        self, session_id: int, *, threshold: int = DEFAULT_THRESHOLD, limit: int = 5
    ) -> list[ItemSuggestions]:
        """Every item of the session that has suggestions, in register order."""
        ids = [int(r[0]) for r in self.db.all("similar/session_item_ids", [session_id])]
        return [s for s in self._for_items(ids, limit, threshold) if s.matches]

    def _for_items(self, ids: Sequence[int], limit: int, threshold: int) -> list[ItemSuggestions]:
        index = self.index()
        items = self.occurrences(ids)
        hidden = self._hidden()
        found: dict[int, list[Any]] = {}
        for item_id in ids:
            item = items.get(item_id)
            if item is None:
                continue
            matches = index.similar(item.summary, limit=limit + 10, threshold=threshold, exclude={item_id})
            found[item_id] = [m for m in matches if (min(item_id, m.item_id), max(item_id, m.item_id)) not in hidden][
                :limit
            ]
        shown = self.occurrences({m.item_id for ms in found.values() for m in ms})
        return [
            ItemSuggestions(
                items[i],
                tuple(
                    Suggestion(shown[m.item_id], m.score)
                    for m in ms
                    if m.item_id in shown and not shown[m.item_id].archived
                ),
            )
            for i, ms in found.items()
        ]
