"""The chain (issue 14, point 4): an item's earlier and later occurrences across sessions (the
"raised again" links, followed both ways), each with its reply and result, the one-line summary
("nêu lại qua 4 kỳ họp từ 15/3; lần trả lời gần nhất: đang giải quyết, lộ trình đến 31/12/2025 —
đã quá"), the register's "raised before" filter and the counts the progress page and report pack
show.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from tracker.dates import format_date
from tracker.i18n import t
from tracker.items import Result
from tracker.usecases.deps import Deps, UseCase
from tracker.usecases.similar_suggest import Occurrence, SimilarSuggest


@dataclass(frozen=True, slots=True)
class Chain:
    item_id: int
    occurrences: tuple[Occurrence, ...]  # oldest session first, the item itself included
    merged: tuple[Occurrence, ...]  # items merged into this one (their incoming numbers are its own too)

    @property
    def raised_again(self) -> bool:
        return len(self.occurrences) > 1

    def earlier(self) -> tuple[Occurrence, ...]:
        me = next(o for o in self.occurrences if o.id == self.item_id)
        return tuple(o for o in self.occurrences if _order(o) < _order(me))

    def later(self) -> tuple[Occurrence, ...]:
        me = next(o for o in self.occurrences if o.id == self.item_id)
        return tuple(o for o in self.occurrences if _order(o) > _order(me))

    def last_replied(self) -> Occurrence | None:
        replied = [o for o in self.occurrences if o.responded_on is not None]
        return max(replied, key=lambda o: (o.responded_on, o.id)) if replied else None

    def incoming_numbers(self) -> tuple[str, ...]:
        me = next(o for o in self.occurrences if o.id == self.item_id)
        return tuple(n for n in (me.ref_no, *(m.ref_no for m in self.merged)) if n)

    def summary(self, lang: str, today: date) -> str:
        """One line: in how many sessions since which, and the last answer (with its roadmap's
        date and whether it has passed)."""
        sessions = sorted({(o.session_id, o.session) for o in self.occurrences}, key=lambda s: s[0])
        first = min(self.occurrences, key=_order).session
        head = t("similar.chain_head", lang, count=len(sessions), first=first)
        last = self.last_replied()
        if last is None:
            return f"{head}; {t('similar.chain_no_reply', lang)}"
        result = t(f"result.{last.result}", lang).lower() if last.result else t("similar.chain_no_result", lang)
        line = f"{head}; {t('similar.chain_last_reply', lang, result=result)}"
        if last.result == Result.BEING_RESOLVED and last.committed_on is not None:
            line += t("similar.chain_roadmap", lang, date=format_date(last.committed_on))
            if last.committed_on < today:
                line += t("similar.chain_passed", lang)
        return line


def _order(o: Occurrence) -> tuple[date, int]:
    return (o.received_on, o.id)


@dataclass(frozen=True, slots=True)
class RaisedAgainCounts:
    """Of a session's items: how many repeat an earlier one, and of those how many were last
    answered "explained" or with a commitment now passed (issue 14, point 4)."""

    raised_again: int
    last_explained: int
    commitment_passed: int


class SimilarChain(UseCase):
    def __init__(self, deps: Deps, suggest: SimilarSuggest) -> None:
        super().__init__(deps)
        self._suggest = suggest

    def _closure(self, item_id: int) -> tuple[set[int], set[int]]:
        """The raised-again component of ``item_id`` and the items merged into its members."""
        component, frontier, merged = {item_id}, [item_id], set()
        while frontier:
            rows = self.db.records("similar/links_of", [frontier, frontier])
            frontier = []
            for r in rows:
                if r["kind"] == "merged":
                    if r["earlier_id"] in component:
                        merged.add(r["item_id"])
                    continue
                for other in (r["item_id"], r["earlier_id"]):
                    if other not in component:
                        component.add(other)
                        frontier.append(other)
        return component, merged

    def chain(self, item_id: int) -> Chain:
        component, merged = self._closure(item_id)
        shown = self._suggest.occurrences(component | merged)
        occurrences = tuple(sorted((shown[i] for i in component if i in shown), key=_order))
        return Chain(item_id, occurrences, tuple(shown[i] for i in sorted(merged) if i in shown))

    def raised_before_ids(self) -> set[int]:
        """Items marked raised again of an earlier one: the register's "raised before" filter."""
        return {int(r[0]) for r in self.db.all("similar/raised_before_ids")}

    def raised_again_counts(self, item_ids: Collection[int], today: date) -> RaisedAgainCounts:
        """Over the given items (a session's, a report's): the raised-again counts."""
        marked = self.raised_before_ids() & set(item_ids)
        explained = passed = 0
        for item_id in marked:
            chain = self.chain(item_id)
            earlier = [o for o in chain.earlier() if o.responded_on is not None]
            if not earlier:
                continue
            last = max(earlier, key=lambda o: (o.responded_on, o.id))
            explained += last.result == Result.EXPLAINED
            passed += (
                last.result == Result.BEING_RESOLVED and last.committed_on is not None and last.committed_on < today
            )
        return RaisedAgainCounts(len(marked), explained, passed)

    def session_counts(self, session_id: int, today: date) -> RaisedAgainCounts:
        """The raised-again counts of a session's recommendations (the progress page's figure)."""
        ids = [int(r[0]) for r in self.db.all("similar/session_recommendations", [session_id])]
        return self.raised_again_counts(ids, today)
