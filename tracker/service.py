"""The facade pages and the CLI call: one Tracker over one database, delegating each use case to
its small service in tracker/usecases/ (issue 10). Every write checks permissions, validates
everything before touching storage, runs as one transaction on the single writer, bumps the
item's version (optimistic locking) and appends an event to the item's history.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from tracker import history
from tracker.deadline_refresh import refresh_open_deadlines
from tracker.deadlines import Deadline
from tracker.history import log_admin
from tracker.items import ArchiveReason, Item, Kind, Phase, Reply
from tracker.permissions import Actor
from tracker.record import item_from_row, search_text, split
from tracker.reference import (
    ANNOUNCED_YEARS_SETTING,
    DEFAULT_DUE_SOON_DAYS,
    Reference,
    ReferenceCache,
    Unit,
    seed_defaults,
)
from tracker.report_signer import Signer
from tracker.sessions import Session, SessionRef
from tracker.stats import StatsRow
from tracker.storage import Cursor, Database
from tracker.usecases import guarded
from tracker.usecases.assignment import Assignment
from tracker.usecases.deps import Deps
from tracker.usecases.item_entry import Event, ItemDraft, ItemEntry
from tracker.usecases.replies import Replies
from tracker.usecases.reporting import PAGE_SIZE, Filters, Page, Reporting
from tracker.usecases.settings import Settings
from tracker.usecases.statistics import Statistics

# The old names stay importable from here (pages, CLI, tests, benchmarks).
__all__ = [
    "ANNOUNCED_YEARS_SETTING",
    "DEFAULT_DUE_SOON_DAYS",
    "PAGE_SIZE",
    "Event",
    "Filters",
    "ItemDraft",
    "Page",
    "Reference",
    "StatsRow",
    "Tracker",
    "item_from_row",
]
_search_text = search_text
_jsonable = history.jsonable
_changes = history.diff
_split = split


class Tracker:
    """The product's use cases over one database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._cache = ReferenceCache(db)  # refreshed by the writer's hook after reference writes
        deps = Deps(db, self._cache)
        self._items = ItemEntry(deps)
        self._assignment = Assignment(deps)
        self._replies = Replies(deps)
        self._settings = Settings(deps, self._follow_calendar)
        self._reporting = Reporting(deps)
        self._statistics = Statistics(deps)

    @classmethod
    def open(cls, path: Path | str | None = None) -> Tracker:
        """Open (creating and migrating if needed) and load reference data: idempotent."""
        tracker = cls(Database(path))
        tracker.initialize()
        return tracker

    def close(self) -> None:
        self.db.close()

    # -- reference data --------------------------------------------------------------------
    def initialize(self) -> None:
        self.db.migrate()
        self.db.write(seed_defaults)  # the hook reloads the reference cache
        self._follow_calendar()

    def _follow_calendar(self) -> None:
        """Open items' computed deadlines follow the calendar (tracker/deadline_refresh.py):
        once on opening, for databases written before a correction, and after each change."""
        refresh_open_deadlines(self, _changes)

    def refresh_reference(self) -> Reference:
        return self._cache.refresh()

    @property
    def reference(self) -> Reference:
        return self._cache.get()

    @property
    def signer(self) -> Signer:
        return Signer.from_settings(self.reference.settings)

    # -- deadlines -------------------------------------------------------------------------
    def deadline_for(self, kind: Kind | str, received_on: date) -> Deadline:
        return self.reference.deadline_for(kind, received_on)

    def report_due_for(self, session: Session) -> tuple[Session | None, date | None]:
        """The next regular session and the last day for the report on ``session``'s items."""
        return self.reference.report_due_for(session)

    def due_soon_until(self, as_of: date) -> date:
        return self.reference.due_soon_until(as_of)

    # -- reading and reporting -------------------------------------------------------------
    def get_item(self, item_id: int) -> Item:
        return self._items.get(item_id)

    def history(self, item_id: int) -> list[Event]:
        return self._items.history(item_id)

    def search(
        self, filters: Filters, as_of: date, *, order: str = "received", limit: int = PAGE_SIZE, offset: int = 0
    ) -> Page:
        return self._reporting.search(filters, as_of, order=order, limit=limit, offset=offset)

    def archived_items(self, actor: Actor, limit: int = 500) -> list[dict[str, Any]]:
        return self._reporting.archived_items(actor, limit)

    def topics(self) -> list[str]:
        return self._reporting.topics()

    def list_events(
        self,
        actor: Actor,
        *,
        username: str | None = None,
        unit: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        item_id: int | None = None,
        limit: int = 1000,
    ) -> list[dict[str, Any]]:
        """The audit trail across items and settings, newest first (administrators)."""
        return self._reporting.list_events(
            actor, username=username, unit=unit, date_from=date_from, date_to=date_to, item_id=item_id, limit=limit
        )

    def integrity_problems(self) -> list[str]:
        return self._statistics.integrity_problems()

    def stats(
        self, as_of: date, session_id: int | None = None, kind: str | None = None, *, cur: Cursor | None = None
    ) -> list[StatsRow]:
        return self._statistics.stats(as_of, session_id, kind, cur=cur)

    def stats_by_unit(
        self,
        as_of: date,
        session_id: int | None = None,
        kind: str | None = None,
        unit: str | None = None,
        *,
        cur: Cursor | None = None,
    ) -> list[StatsRow]:
        return self._statistics.stats_by_unit(as_of, session_id, kind, unit, cur=cur)

    # -- writing items ---------------------------------------------------------------------
    def create_item(self, actor: Actor, draft: ItemDraft, lang: str = "vi") -> int:
        return self._items.create(actor, draft, lang)

    def edit_item(
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
        return self._items.edit(
            actor,
            item_id,
            version,
            phase=phase,
            ref_no=ref_no,
            sources=sources,
            deputy=deputy,
            summary=summary,
            full_text=full_text,
            topic=topic,
            reason=reason,
        )

    def set_archived(
        self,
        actor: Actor,
        item_id: int,
        version: int,
        archived: bool,
        reason: str,
        kind: ArchiveReason | str = ArchiveReason.OTHER,
    ) -> int:
        return self._items.set_archived(actor, item_id, version, archived, reason, kind)

    def assign(
        self,
        actor: Actor,
        item_id: int,
        version: int,
        lead_unit: str,
        coordinating_units: tuple[str, ...] = (),
        reason: str = "",
    ) -> int:
        return self._assignment.assign(actor, item_id, version, lead_unit, coordinating_units, reason)

    def override_deadline(self, actor: Actor, item_id: int, version: int, due_on: date, reason: str) -> int:
        return self._assignment.override_deadline(actor, item_id, version, due_on, reason)

    def transfer(self, actor: Actor, item_id: int, version: int, on: date, note: str) -> int:
        return self._assignment.transfer(actor, item_id, version, on, note)

    def undo_transfer(self, actor: Actor, item_id: int, version: int, reason: str) -> int:
        return self._assignment.undo_transfer(actor, item_id, version, reason)

    def record_progress(self, actor: Actor, item_id: int, note: str) -> None:
        self._replies.record_progress(actor, item_id, note)

    def record_reply(self, actor: Actor, item_id: int, version: int, reply: Reply) -> int:
        return self._replies.record_reply(actor, item_id, version, reply)

    # -- the shared steps, kept for the module functions that call them ----------------------
    # (tracker/deadline_refresh.py uses _update and _log)
    _refuse_duplicate_ref = staticmethod(guarded.refuse_duplicate_ref)
    _log = staticmethod(guarded.log)
    _admin_log = staticmethod(log_admin)
    _units_of = staticmethod(guarded.units_of)

    def _update(self, cur: Cursor, query: str, params: Sequence[Any], item_id: int, version: int) -> int:
        return guarded.update(cur, query, params, item_id, version)

    def _current(self, cur: Cursor, item_id: int) -> dict[str, Any]:
        return guarded.current(cur, item_id)

    # -- settings (administrator) ----------------------------------------------------------
    def save_session(
        self, actor: Actor, ref: SessionRef, opens_on: date | None, closes_on: date | None, note: str = ""
    ) -> None:
        self._settings.save_session(actor, ref, opens_on, closes_on, note)

    def save_unit(self, actor: Actor, unit: Unit) -> None:
        self._settings.save_unit(actor, unit)

    def save_override(self, actor: Actor, day: date, working: bool, note: str) -> None:
        self._settings.save_override(actor, day, working, note)

    def delete_override(self, actor: Actor, day: date) -> None:
        self._settings.delete_override(actor, day)

    def save_rule(self, actor: Actor, kind: Kind | str, days: int, effective_from: date, basis: str) -> None:
        self._settings.save_rule(actor, kind, days, effective_from, basis)

    def save_setting(self, actor: Actor, key: str, value: str) -> None:
        self._settings.save_setting(actor, key, value)

    def save_signer(self, actor: Actor, signer: Signer) -> None:
        self._settings.save_signer(actor, signer)
