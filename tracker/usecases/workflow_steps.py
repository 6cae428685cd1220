"""The steps every workflow write shares (issue 12), on the writer's cursor: read the item and its
milestone facts, ask the workflow table (tracker/workflow_rules.py), then bump the version the user
saw, append the milestone and log the event — one transaction, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker import workflow_rules
from tracker.history import Changes
from tracker.permissions import Actor
from tracker.stage import Milestone
from tracker.storage import Cursor
from tracker.usecases.guarded import current, log, update
from tracker.workflow_rules import Step, WorkFacts


def read(cur: Cursor, actor: Actor, step: Step, item_id: int, today: date) -> tuple[dict[str, Any], WorkFacts]:
    """The current row and its facts, once the workflow table allows ``step`` on it."""
    row = current(cur, item_id)
    facts = facts_of(cur, row, today)
    workflow_rules.check(actor, step, facts)
    return row, facts


def facts_of(cur: Cursor, row: dict[str, Any], today: date) -> WorkFacts:
    found = cur.one("workflow/facts_of_item", [row["id"]])
    last_flow, done = (found[0], int(found[1] or 0)) if found else (None, 0)
    return workflow_rules.facts_of_row(row, last_flow, done > 0, today)


@dataclass(frozen=True)
class Mark:
    """One milestone to record."""

    kind: Milestone
    on_date: date
    body: str = ""
    unit: str | None = None
    due_on: date | None = None
    document_no: str | None = None
    file_sha256: str | None = None


def record(
    cur: Cursor,
    actor: Actor,
    item_id: int,
    version: int,
    mark: Mark,
    changes: Changes | None = None,
    query: str = "workflow/touch_item",
    params: tuple[Any, ...] = (),
) -> int:
    """Bump the version (or apply ``query`` with ``params``), append the milestone, log the event."""
    new_version = update(cur, query, params, item_id, version)
    cur.run(
        "workflow/insert_milestone",
        [
            item_id,
            mark.kind.value,
            mark.unit,
            mark.on_date,
            mark.due_on,
            mark.body,
            mark.document_no,
            mark.file_sha256,
            actor.username,
        ],
    )
    event_changes: Changes = {"milestone": [None, mark.kind.value]}
    if mark.unit:
        event_changes["unit"] = [None, mark.unit]
    if mark.due_on:
        event_changes["part_due_on"] = [None, mark.due_on.isoformat()]
    event_changes.update(changes or {})
    log(cur, item_id, actor, mark.kind.value, event_changes, mark.body, new_version)
    return new_version
