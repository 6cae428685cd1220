"""Entering an item, correcting it, archiving and restoring it; reading one and its history."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from tracker import clock, history, lifecycle
from tracker import validation as v
from tracker.errors import NotFound
from tracker.item_store import insert_items
from tracker.items import ArchiveReason, Item, Kind, Phase
from tracker.lifecycle import Verb
from tracker.mail.notify import queue_created
from tracker.permissions import Action, Actor, require
from tracker.record import ItemRecord, item_from_row, split
from tracker.storage import Cursor
from tracker.usecases.deps import UseCase
from tracker.usecases.guarded import current_for, log, refuse_duplicate_ref, units_of, update


@dataclass(frozen=True)
class ItemDraft:
    """What a liaison officer enters; validated as a whole before anything is written."""

    kind: Kind | str
    session_id: int
    phase: Phase | str
    received_on: date
    summary: str
    ref_no: str = ""
    sources: tuple[str, ...] = ()
    deputy: str = ""
    full_text: str = ""
    topic: str = ""
    lead_unit: str | None = None
    coordinating_units: tuple[str, ...] = ()
    due_on: date | None = None  # set only to override the computed deadline
    due_override_reason: str = ""


@dataclass(frozen=True)
class Event:
    id: int
    at: datetime
    actor: str
    action: str
    changes: dict[str, Any]
    reason: str


class ItemEntry(UseCase):
    def get(self, item_id: int) -> Item:
        rows = self.db.records("items/get", [item_id])
        if not rows:
            raise NotFound("error.item_not_found", value=str(item_id))
        return item_from_row(rows[0])

    def history(self, item_id: int, lang: str = "vi") -> list[Event]:
        """The item's events, oldest first; reasons the tracker wrote read in ``lang``."""
        return [
            Event(r["id"], r["occurred_at"], r["actor"], r["action"], json.loads(r["changes"] or "{}"), r["reason"])
            for r in history.render_reasons(self.db.records("events/list_for_item", [item_id]), lang)
        ]

    def create(self, actor: Actor, draft: ItemDraft, lang: str = "vi") -> int:
        require(actor, Action.CREATE_ITEM)
        ref = self.reference
        clean = v.validate_draft(draft, ref)
        deadline = ref.deadline_for(clean.kind, clean.received_on)
        facts = deadline.facts()
        if clean.due_on is not None and clean.due_on != deadline.due_on:
            due_on, reason = clean.due_on, clean.due_override_reason
            facts = facts.set_afterwards(due_on)
        else:
            due_on, reason = deadline.due_on, ""
        record = ItemRecord.from_entered(
            clean,
            session_id=clean.session_id,
            due_on=due_on,
            due_facts=facts,
            due_override_reason=reason,
            created_by=actor.username,
        )

        def created(ids: Sequence[int]) -> list[history.ItemEvent]:
            changes = history.created_changes(asdict(record))
            return [history.ItemEvent(ids[0], actor.username, "created", changes, reason, 1)]

        def work(cur: Cursor) -> int:
            refuse_duplicate_ref(cur, Kind(clean.kind), clean.session_id, clean.ref_no)
            (item_id,) = insert_items(cur, [record], created)
            # Issue 13: the lead and coordinating units told by e-mail, in this same transaction.
            queue_created(cur, ref, [{**asdict(record), "id": item_id}], self.deps.today())
            return item_id

        return self.db.write(work)

    def edit(
        self,
        actor: Actor,
        item_id: int,
        version: int,
        *,
        phase: Phase | str,
        ref_no: str,
        sources: tuple[str, ...],
        deputy: str,
        summary: str,
        full_text: str,
        topic: str,
        reason: str = "",
    ) -> int:
        """Correct what was entered (a typo in the summary, the incoming number, the sources)."""
        lifecycle.check_role(actor, Verb.EDIT)
        reason = v.validate_text(reason, "reason", v.MAX_REASON)

        def work(cur: Cursor) -> int:
            before = current_for(cur, actor, Verb.EDIT, item_id)
            kind = Kind(before["kind"])
            draft = ItemDraft(
                kind=kind,
                session_id=before["session_id"],
                phase=phase,
                received_on=before["received_on"],
                summary=summary,
                ref_no=ref_no,
                sources=tuple(sources),
                deputy=deputy,
                full_text=full_text,
                topic=topic,
                lead_unit=before["lead_unit"],
                coordinating_units=split(before["coordinating_units"], ";"),
            )
            clean = v.validate_draft(draft, self.reference, keep_units=units_of(before))
            refuse_duplicate_ref(cur, kind, before["session_id"], clean.ref_no, item_id)
            after = {
                "phase": Phase(clean.phase).value,
                "ref_no": clean.ref_no,
                "sources": "; ".join(clean.sources),
                "deputy": clean.deputy,
                "summary": clean.summary,
                "full_text": clean.full_text,
                "topic": clean.topic,
            }
            changes = history.diff(before, after)
            if not changes:
                version_now: int = before["version"]
                return version_now
            search = ItemRecord.from_row(before).with_details(**after).search_text()
            new_version = update(cur, "items/update_details", [*after.values(), search], item_id, version)
            log(cur, item_id, actor, "edited", changes, reason, new_version)
            return new_version

        return self.db.write(work)

    def set_archived(
        self,
        actor: Actor,
        item_id: int,
        version: int,
        archived: bool,
        reason: str,
        kind: ArchiveReason | str = ArchiveReason.OTHER,
    ) -> int:
        """Nothing is deleted: archiving hides an item from lists and counts, and is reversible.
        ``kind`` duplicate_entry takes it out of every as-of figure, past ones included."""
        verb = Verb.ARCHIVE if archived else Verb.RESTORE
        lifecycle.check_role(actor, verb)
        reason = v.validate_text(reason, "reason", v.MAX_REASON, required=True)
        why_kind = v._enum(ArchiveReason, kind, "archive_reason")

        def work(cur: Cursor) -> int:
            before = current_for(cur, actor, verb, item_id)
            if not archived:  # a restored item must not clash with one entered since
                refuse_duplicate_ref(cur, Kind(before["kind"]), before["session_id"], before["ref_no"], item_id)
            stamp = clock.now() if archived else None
            why = why_kind.value if archived else None
            new_version = update(cur, "items/set_archived", [stamp, why], item_id, version)
            changes = history.diff(before, {"archive_reason": why})
            log(cur, item_id, actor, "archived" if archived else "restored", changes, reason, new_version)
            return new_version

        return self.db.write(work)
