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
from tracker.items import Kind
from tracker.record import item_from_row, search_text, split
from tracker.reference import ANNOUNCED_YEARS_SETTING, DEFAULT_DUE_SOON_DAYS, Reference, ReferenceCache, seed_defaults
from tracker.report_signer import Signer
from tracker.sessions import Session
from tracker.stats import StatsRow
from tracker.storage import Cursor, Database
from tracker.usecases import guarded
from tracker.usecases.assignment import Assignment
from tracker.usecases.deps import Deps
from tracker.usecases.item_entry import Event, ItemDraft, ItemEntry
from tracker.usecases.replies import Replies
from tracker.usecases.reporting import PAGE_SIZE, Filters, Page, Reporting
from tracker.usecases.settings import Settings
from tracker.usecases.similar_chain import SimilarChain
from tracker.usecases.similar_links import SimilarLinks
from tracker.usecases.similar_replies import ReplyBank
from tracker.usecases.similar_suggest import SimilarSuggest
from tracker.usecases.statistics import Statistics
from tracker.usecases.workflow_bulk import WorkflowBulk
from tracker.usecases.workflow_commitments import WorkflowCommitments
from tracker.usecases.workflow_deadline import WorkflowDeadline
from tracker.usecases.workflow_issue import WorkflowIssue
from tracker.usecases.workflow_parts import WorkflowParts
from tracker.usecases.workflow_read import WorkflowRead
from tracker.usecases.workflow_review import WorkflowReview
from tracker.usecases.workflow_unit import WorkflowUnit

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
    """The product's use cases over one database: each public method is the use case's own,
    bound here so that pages, the CLI and tests keep calling ``tracker.assign(...)``."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._cache = ReferenceCache(db)  # refreshed by the writer's hook after reference writes
        # The collaborators every use case is given; the shims (tracker/accounts.py,
        # tracker/briefing.py) build their use cases on them.
        self.deps = deps = Deps(db, self._cache)
        items, assignment, replies = ItemEntry(deps), Assignment(deps), Replies(deps)
        reporting, statistics = Reporting(deps), Statistics(deps)
        settings = Settings(deps, self._follow_calendar)
        # -- reading and reporting
        self.get_item = items.get
        self.history = items.history
        self.search = reporting.search
        self.archived_items = reporting.archived_items
        self.topics = reporting.topics
        self.list_events = reporting.list_events
        self.stats = statistics.stats
        self.stats_by_unit = statistics.stats_by_unit
        self.integrity_problems = statistics.integrity_problems
        # -- writing items
        self.create_item = items.create
        self.edit_item = items.edit
        self.set_archived = items.set_archived
        self.assign = assignment.assign
        self.override_deadline = assignment.override_deadline
        self.transfer = assignment.transfer
        self.undo_transfer = assignment.undo_transfer
        self.record_progress = replies.record_progress
        self.record_reply = replies.record_reply
        # -- recommendations raised again (issue 14)
        suggest, links = SimilarSuggest(deps), SimilarLinks(deps)
        chain, bank = SimilarChain(deps, suggest), ReplyBank(deps)
        self.similar_for_texts = suggest.for_texts
        self.similar_for_item = suggest.for_item
        self.similar_for_session = suggest.for_session
        self.similar_occurrences = suggest.occurrences
        self.mark_raised_again = links.mark_raised_again
        self.merge_items = links.merge
        self.undo_link = links.undo_link
        self.dismiss_similar = links.dismiss
        self.links_of = links.links_of
        self.chain = chain.chain
        self.raised_before_ids = chain.raised_before_ids
        self.raised_again_counts = chain.raised_again_counts
        self.raised_again_session_counts = chain.session_counts
        self.search_replies = bank.search
        self.reused_replies = bank.reused_by
        # -- settings (administrator)
        self.save_session = settings.save_session
        self.save_unit = settings.save_unit
        self.save_override = settings.save_override
        self.delete_override = settings.delete_override
        self.save_rule = settings.save_rule
        self.save_setting = settings.save_setting
        self.save_signer = settings.save_signer
        # -- the reply's path (issue 12)
        unit, parts, review = WorkflowUnit(deps), WorkflowParts(deps), WorkflowReview(deps)
        deadline = WorkflowDeadline(deps)
        workflow = WorkflowRead(deps, deadline)
        self.accept = unit.accept
        self.return_item = unit.return_item
        self.submit_draft = unit.submit_draft
        self.request_part = parts.request_part
        self.record_part = parts.record_part
        self.review = review.review
        self.sign = review.sign
        self.issue = WorkflowIssue(deps).issue
        self.set_internal_deadline = deadline.set_internal_deadline
        self.internal_due = deadline.internal_due
        self.workflow = workflow.view
        self.stage_counts = workflow.stage_counts
        self.stage_overdue = workflow.stage_overdue
        self.stage_medians = workflow.stage_medians
        self.draft_timeliness = workflow.draft_timeliness
        self.commitments = workflow.commitments
        self.record_commitment = WorkflowCommitments(deps).record_commitment
        bulk = WorkflowBulk(deps, assignment, deadline)
        self.bulk_assign = bulk.bulk_assign
        self.bulk_internal_deadline = bulk.bulk_internal_deadline
        self.bulk_accept = bulk.bulk_accept

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
        self.db.write(seed_defaults)  # if it added a row the hook reloads the reference cache (else: on first use)
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

    # -- deadlines (on the current reference) ----------------------------------------------
    def deadline_for(self, kind: Kind | str, received_on: date) -> Deadline:
        return self.reference.deadline_for(kind, received_on)

    def report_due_for(self, session: Session) -> tuple[Session | None, date | None]:
        """The next regular session and the last day for the report on ``session``'s items."""
        return self.reference.report_due_for(session)

    def due_soon_until(self, as_of: date) -> date:
        return self.reference.due_soon_until(as_of)

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
