"""One row of ``items`` (issue 10): the only place that knows the item's columns, how its search
text is assembled, and how a stored row becomes the domain's Item.

Entry (Tracker.create_item) and import (importing.commit_import) both build ItemRecords and
store them through ``tracker.item_store.insert_items`` (the benchmark's register through
``insert_stored``, with ids, versions and timestamps of its own); reply and edit recompute the
search text through ``ItemRecord.from_row(before)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any, ClassVar, Protocol, cast

from tracker.due_facts import DueFacts, basis_text
from tracker.items import ArchiveReason, Item, ItemFields, Kind, Phase, Reply, Result
from tracker.text import fold


class EnteredItem(ItemFields, Protocol):
    """What entry (a validated ItemDraft) and import (an ImportedItem) have in common."""

    @property
    def received_on(self) -> date: ...


def split(value: str | None, sep: str) -> tuple[str, ...]:
    """A stored list ("a; b", "VP;TCCB") as its parts."""
    return tuple(p.strip() for p in (value or "").split(sep) if p.strip())


@lru_cache(maxsize=65_536)
def _fold_cached(text: str) -> str:
    return fold(text)


def _fold_part(text: str) -> str:
    # ASCII text has no marks: its fold is its lower case with spaces collapsed. Unique numbers
    # like "851/BDN-15/6" so go uncached; summaries, topics and sources repeat, from the cache.
    return " ".join(text.lower().split()) if text.isascii() else _fold_cached(text)


def search_text(*parts: str | None) -> str:
    """The folded search key of the given parts, empty ones left out.

    Equal to ``fold(" ".join(parts))``: fold maps characters one by one and collapses spaces
    (NFD, mark stripping and lower case never reach across a space), so folding each part and
    joining the non-empty folds with one space gives the same text, in a fraction of the time
    for a register of a million items (tests/test_record.py pins the equality).
    """
    return " ".join(f for f in (_fold_part(p) for p in parts if p) if f)


@dataclass(frozen=True, slots=True)
class ItemRecord:
    """One row of ``items`` as stored: lists joined ("; " for sources, ";" for units), codes as text."""

    kind: str
    session_id: int
    phase: str
    ref_no: str
    received_on: date
    sources: str
    deputy: str
    summary: str
    full_text: str
    topic: str
    lead_unit: str | None
    coordinating_units: str
    due_on: date
    due_basis: str
    due_override_reason: str
    created_by: str
    response_no: str | None = None
    responded_on: date | None = None
    signer: str | None = None
    response_summary: str | None = None
    result: str | None = None
    roadmap: str | None = None
    committed_on: date | None = None
    late_reason: str | None = None
    transferred_on: date | None = None
    transfer_note: str | None = None
    due_facts: str | None = None  # tracker.due_facts.DueFacts as JSON; None in rows from before (due_basis)
    # Set by the database (read back by from_row, never inserted by the product).
    id: int | None = None
    version: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    archived_at: datetime | None = None
    archive_reason: str | None = None

    # The columns the product inserts, in the order of queries/items/insert_entered.sql for the first 15.
    COLUMNS: ClassVar[tuple[str, ...]] = (
        "kind",
        "session_id",
        "phase",
        "ref_no",
        "received_on",
        "sources",
        "deputy",
        "summary",
        "full_text",
        "topic",
        "lead_unit",
        "coordinating_units",
        "due_on",
        "due_basis",
        "due_override_reason",
        "response_no",
        "responded_on",
        "signer",
        "response_summary",
        "result",
        "roadmap",
        "committed_on",
        "late_reason",
        "transferred_on",
        "transfer_note",
        "search_text",
        "created_by",
        "due_facts",
    )
    # What a new item from the entry form carries; queries/items/insert_entered.sql takes these.
    ENTRY_COLUMNS: ClassVar[tuple[str, ...]] = (*COLUMNS[:15], "search_text", "created_by", "due_facts")
    # Every stored column, those the database sets included: the benchmark writes a history that
    # has already happened (ids, versions, timestamps and archiving of its own).
    BENCH_COLUMNS: ClassVar[tuple[str, ...]] = (
        "id",
        *COLUMNS,
        "version",
        "created_at",
        "updated_at",
        "archived_at",
        "archive_reason",
    )

    @classmethod
    def from_entered(
        cls,
        item: EnteredItem,
        *,
        session_id: int,
        due_on: date,
        due_facts: DueFacts,
        due_override_reason: str,
        created_by: str,
        reply: Reply | None = None,
        transferred_on: date | None = None,
        transfer_note: str = "",
    ) -> ItemRecord:
        record = cls(
            kind=Kind(item.kind).value,
            session_id=session_id,
            phase=Phase(item.phase).value,
            ref_no=item.ref_no,
            received_on=item.received_on,
            sources="; ".join(item.sources),
            deputy=item.deputy,
            summary=item.summary,
            full_text=item.full_text,
            topic=item.topic,
            lead_unit=item.lead_unit,
            coordinating_units=";".join(item.coordinating_units),
            due_on=due_on,
            due_basis="",
            due_facts=due_facts.to_json(),
            due_override_reason=due_override_reason,
            created_by=created_by,
            transferred_on=transferred_on,
            transfer_note=transfer_note if transferred_on else None,
        )
        return record.with_reply(reply) if reply is not None else record

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> ItemRecord:
        """A stored row (``items/get`` and the like); keys the record does not know are ignored."""
        stored: dict[str, Any] = {f.name: row.get(f.name) for f in fields(cls)}
        return cls(**stored)

    def with_reply(self, reply: Reply) -> ItemRecord:
        """The record once this reply is stored (as queries/items/update_reply.sql writes it)."""
        return replace(
            self,
            response_no=reply.response_no,
            responded_on=reply.responded_on,
            signer=reply.signer,
            response_summary=reply.summary,
            result=reply.result.value if reply.result else None,
            roadmap=reply.roadmap or None,
            committed_on=reply.committed_on,
            late_reason=reply.late_reason or None,
        )

    def with_details(self, **changed: Any) -> ItemRecord:
        """The record with some stored columns replaced (an edit)."""
        return replace(self, **changed)

    def search_text(self) -> str:
        """The one place the search key is assembled: what a search box matches."""
        return search_text(
            self.ref_no,
            self.summary,
            self.full_text,
            self.topic,
            self.sources,
            self.deputy,
            self.response_no,
            self.response_summary,
        )

    def values(self, columns: tuple[str, ...] = COLUMNS) -> dict[str, Any]:
        """The stored values by column, search text included (``COLUMNS`` order by default)."""
        return {name: self.search_text() if name == "search_text" else getattr(self, name) for name in columns}

    def to_item(self) -> Item:
        reply = None
        if self.responded_on is not None:
            reply = Reply(
                response_no=self.response_no or "",
                responded_on=self.responded_on,
                signer=self.signer or "",
                summary=self.response_summary or "",
                result=Result(self.result) if self.result else None,
                roadmap=self.roadmap or "",
                committed_on=self.committed_on,
                late_reason=self.late_reason or "",
            )
        return Item(
            id=cast(int, self.id),
            kind=Kind(self.kind),
            session_id=self.session_id,
            phase=Phase(self.phase),
            ref_no=self.ref_no,
            received_on=self.received_on,
            sources=split(self.sources, ";"),
            deputy=self.deputy,
            summary=self.summary,
            full_text=self.full_text,
            topic=self.topic,
            lead_unit=cast(str, self.lead_unit),  # None when no unit is assigned yet, as stored
            coordinating_units=split(self.coordinating_units, ";"),
            due_on=self.due_on,
            due_basis=basis_text(self.due_facts, self.due_basis),  # Vietnamese; Item.basis(lang) for others
            due_facts=DueFacts.from_json(self.due_facts) if self.due_facts else None,
            due_override_reason=self.due_override_reason,
            reply=reply,
            transferred_on=self.transferred_on,
            transfer_note=self.transfer_note or "",
            version=cast(int, self.version),
            created_at=self.created_at,
            updated_at=self.updated_at,
            archived_at=self.archived_at,
            archive_reason=ArchiveReason(self.archive_reason) if self.archive_reason else None,
        )


def item_from_row(row: Mapping[str, Any]) -> Item:
    """A stored row as the domain's Item."""
    return ItemRecord.from_row(row).to_item()
