"""Links between occurrences of one recommendation (issue 14): "raised again" of an earlier item
(another session) and "same recommendation" within a session (merge), with their undo and the
dismissal of a suggested pair. Nothing here runs unless a person confirms it: the matcher only
suggests (tracker/usecases/similar_suggest.py).

A merge keeps the survivor and archives the other as a duplicate entry (ArchiveReason, schema 6),
so every figure counts the recommendation once; the survivor takes the union of both items'
sources, and its incoming numbers are its own and those of the items merged into it (the link).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tracker import clock, lifecycle
from tracker.errors import InvalidInput, NotFound
from tracker.items import ArchiveReason, Kind
from tracker.lifecycle import Verb
from tracker.permissions import Action, Actor, require
from tracker.record import ItemRecord, split
from tracker.storage import Cursor
from tracker.usecases.deps import UseCase
from tracker.usecases.guarded import current, current_for, log, refuse_duplicate_ref, update

RAISED_AGAIN = "raised_again"
MERGED = "merged"


@dataclass(frozen=True, slots=True)
class Link:
    id: int
    kind: str  # RAISED_AGAIN | MERGED
    item_id: int  # the later occurrence, or the item merged away
    earlier_id: int  # the earlier occurrence, or the survivor
    score: int | None
    created_by: str
    created_at: datetime


def _link(row: dict[str, Any]) -> Link:
    return Link(
        row["id"], row["kind"], row["item_id"], row["earlier_id"], row["score"], row["created_by"], row["created_at"]
    )


def _refuse_linked(cur: Cursor, a: int, b: int) -> None:
    for row in cur.records("similar/links_of", [[a], [a]]):
        if {row["item_id"], row["earlier_id"]} == {a, b}:
            raise InvalidInput("error.similar_already_linked", other=b)


def _refuse_loop(cur: Cursor, item_id: int, earlier_id: int) -> None:
    """A chain runs from earlier sessions to later ones: ``item_id`` raised again of
    ``earlier_id`` must not make it its own ancestor (A → B → … → A), or the chain never ends."""
    if any(row[0] == item_id for row in cur.all("similar/ancestors", [earlier_id])):
        raise InvalidInput("error.similar_cycle", other=earlier_id)


def _union(first: str, second: str) -> str:
    parts = list(split(first, ";"))
    parts += [p for p in split(second, ";") if p.casefold() not in {q.casefold() for q in parts}]
    return "; ".join(parts)


def _with_sources(row: dict[str, Any], sources: str) -> str:
    return ItemRecord.from_row(row).with_details(sources=sources).search_text()


class SimilarLinks(UseCase):
    """Bound on the Tracker facade (tracker/service.py)."""

    def links_of(self, item_ids: list[int]) -> list[Link]:
        return [_link(r) for r in self.db.records("similar/links_of", [item_ids, item_ids])]

    def mark_raised_again(self, actor: Actor, item_id: int, earlier_id: int, score: int | None = None) -> int:
        """Mark ``item_id`` as the same recommendation raised again after ``earlier_id`` (another
        session). An event on both items; neither item's fields change. Returns the link's id."""
        lifecycle.check_role(actor, Verb.LINK_SIMILAR)
        if item_id == earlier_id:
            raise InvalidInput("error.similar_same_item")

        def work(cur: Cursor) -> int:
            later = current_for(cur, actor, Verb.LINK_SIMILAR, item_id)
            earlier = current(cur, earlier_id)
            if later["session_id"] == earlier["session_id"]:
                raise InvalidInput("error.similar_same_session")
            _refuse_linked(cur, item_id, earlier_id)
            _refuse_loop(cur, item_id, earlier_id)
            row = cur.one("similar/insert_link", [RAISED_AGAIN, item_id, earlier_id, score, actor.username, None])
            link_id: int = row[0] if row else 0
            log(cur, item_id, actor, "raised_again", {"raised_again_of": [None, earlier_id]}, "", later["version"])
            log(
                cur,
                earlier_id,
                actor,
                "raised_again_later",
                {"raised_again_in": [None, item_id]},
                "",
                earlier["version"],
            )
            return link_id

        return self.db.write(work)

    def merge(self, actor: Actor, survivor_id: int, merged_id: int, survivor_version: int, merged_version: int) -> int:
        """Merge ``merged_id`` into ``survivor_id`` (same session): one transaction, both
        version-checked, an event on each. Returns the link's id."""
        lifecycle.check_role(actor, Verb.MERGE)
        if survivor_id == merged_id:
            raise InvalidInput("error.similar_same_item")

        def work(cur: Cursor) -> int:
            survivor = current_for(cur, actor, Verb.MERGE, survivor_id)
            merged = current_for(cur, actor, Verb.MERGE, merged_id)
            if survivor["session_id"] != merged["session_id"]:
                raise InvalidInput("error.merge_other_session")
            _refuse_linked(cur, survivor_id, merged_id)
            sources = _union(survivor["sources"], merged["sources"])
            new_survivor = update(
                cur,
                "similar/update_sources",
                [sources, _with_sources(survivor, sources)],
                survivor_id,
                survivor_version,
            )
            why = ArchiveReason.DUPLICATE_ENTRY.value
            new_merged = update(cur, "items/set_archived", [clock.now(), why], merged_id, merged_version)
            row = cur.one(
                "similar/insert_link", [MERGED, merged_id, survivor_id, None, actor.username, survivor["sources"]]
            )
            link_id: int = row[0] if row else 0
            took: dict[str, list[Any]] = {"merged_item": [None, merged_id]}
            if sources != survivor["sources"]:
                took["sources"] = [survivor["sources"], sources]
            log(cur, survivor_id, actor, "merged_in", took, "", new_survivor)
            gone: dict[str, list[Any]] = {"archive_reason": [None, why], "merged_into": [None, survivor_id]}
            log(cur, merged_id, actor, "merged_into", gone, "", new_merged)
            return link_id

        return self.db.write(work)

    def undo_link(self, actor: Actor, link_id: int) -> None:
        """Undo a link: a merge gives the merged item back (restored, survivor's sources as they
        were before, less any added since by hand) and logs both; a raised-again link logs both."""
        require(actor, Action.EDIT_ITEM)

        def work(cur: Cursor) -> None:
            rows = cur.records("similar/link", [link_id])
            if not rows or rows[0]["undone_at"] is not None:
                raise NotFound("error.similar_link_not_found", value=str(link_id))
            link = rows[0]
            if link["kind"] == MERGED:
                survivor = current_for(cur, actor, Verb.EDIT, link["earlier_id"])
                merged = current_for(cur, actor, Verb.RESTORE, link["item_id"])
                refuse_duplicate_ref(cur, Kind(merged["kind"]), merged["session_id"], merged["ref_no"], merged["id"])
                before = link["sources_before"] or ""
                kept = set(split(before, ";"))
                added = [
                    s for s in split(survivor["sources"], ";") if s not in kept and s in split(merged["sources"], ";")
                ]
                sources = "; ".join(s for s in split(survivor["sources"], ";") if s not in added)
                new_survivor = survivor["version"]
                changes: dict[str, list[Any]] = {"merged_item": [merged["id"], None]}
                if sources != survivor["sources"]:
                    new_survivor = update(
                        cur,
                        "similar/update_sources",
                        [sources, _with_sources(survivor, sources)],
                        survivor["id"],
                        survivor["version"],
                    )
                    changes["sources"] = [survivor["sources"], sources]
                new_merged = update(cur, "items/set_archived", [None, None], merged["id"], merged["version"])
                cur.run("similar/undo_link", [actor.username, link_id])
                log(cur, survivor["id"], actor, "unmerged", changes, "", new_survivor)
                back = {"archive_reason": [merged["archive_reason"], None], "merged_into": [survivor["id"], None]}
                log(cur, merged["id"], actor, "unmerged", back, "", new_merged)
            else:
                later, earlier = current(cur, link["item_id"]), current(cur, link["earlier_id"])
                cur.run("similar/undo_link", [actor.username, link_id])
                log(
                    cur,
                    later["id"],
                    actor,
                    "raised_again_undone",
                    {"raised_again_of": [earlier["id"], None]},
                    "",
                    later["version"],
                )
                log(
                    cur,
                    earlier["id"],
                    actor,
                    "raised_again_undone",
                    {"raised_again_in": [later["id"], None]},
                    "",
                    earlier["version"],
                )

        self.db.write(work)

    def dismiss(self, actor: Actor, a: int, b: int) -> None:
        """Never suggest this pair again (either way round)."""
        require(actor, Action.EDIT_ITEM)
        if a == b:
            raise InvalidInput("error.similar_same_item")

        def work(cur: Cursor) -> None:
            current(cur, a), current(cur, b)
            cur.run("similar/insert_dismissed", [min(a, b), max(a, b), actor.username])

        self.db.write(work)

    def dismissed_pairs(self) -> set[tuple[int, int]]:
        return {(int(r[0]), int(r[1])) for r in self.db.all("similar/dismissed")}

    def linked_pairs(self) -> set[tuple[int, int]]:
        return {(min(r[1], r[2]), max(r[1], r[2])) for r in self.db.all("similar/all_links")}
