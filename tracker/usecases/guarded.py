"""The steps every item write shares, on the writer's cursor: read the current row, apply an
update guarded by the version the user saw (optimistic locking), refuse a duplicate incoming
number, and log the event (tracker/history.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tracker import history, lifecycle
from tracker.errors import Conflict, InvalidInput, NotFound
from tracker.items import Kind
from tracker.lifecycle import Verb
from tracker.permissions import Actor
from tracker.record import split
from tracker.storage import Cursor


def current(cur: Cursor, item_id: int) -> dict[str, Any]:
    rows = cur.records("items/get", [item_id])
    if not rows:
        raise NotFound("error.item_not_found", value=str(item_id))
    return rows[0]


def current_for(cur: Cursor, actor: Actor, verb: Verb, item_id: int) -> dict[str, Any]:
    """The current row, once the lifecycle table (tracker/lifecycle.py) allows ``verb`` on it."""
    before = current(cur, item_id)
    lifecycle.check(actor, verb, lifecycle.facts_of_row(before))
    return before


def update(cur: Cursor, query: str, params: Sequence[Any], item_id: int, version: int) -> int:
    """Apply an update guarded by the version the user saw; refuse it if the item moved on."""
    row = cur.one(query, [*params, item_id, version])
    if row is None:
        now = cur.records("items/get", [item_id])
        if not now:
            raise NotFound("error.item_not_found", value=str(item_id))
        meanwhile = cur.records("events/since_version", [item_id, version])
        raise Conflict("error.stale_item", value=str(item_id), seen=version, now=now[0]["version"]).with_changes(
            meanwhile
        )
    version_now: int = row[0]
    return version_now


def refuse_duplicate_ref(cur: Cursor, kind: Kind, session_id: int, ref_no: str, item_id: int | None = None) -> None:
    if not ref_no.strip():
        return
    clash = [
        r for r in cur.all("items/find_by_ref", [kind.value, session_id, ref_no.strip().lower()]) if r[0] != item_id
    ]
    if clash:
        raise InvalidInput("error.duplicate_ref", field="ref_no", value=ref_no, other=clash[0][0])


def units_of(row: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(u for u in (row["lead_unit"], *split(row["coordinating_units"], ";")) if u)


def log(
    cur: Cursor, item_id: int, actor: Actor, action: str, changes: history.Changes, reason: str, version: int
) -> None:
    """Every change is an event (tracker/history.py)."""
    history.log_item(cur, item_id, actor, action, changes, reason, version)
