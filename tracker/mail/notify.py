"""The hooks the use cases call on their own cursor, so the outbox row commits with the change: the
units an item was just assigned or transferred to (or entered/imported with), and the Office when
a unit returns an item or submits its draft."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from tracker.mail.compose import MailItem
from tracker.mail.config import MailSettings
from tracker.mail.directory import read_directory
from tracker.mail.notices import plan_assigned_list, plan_office_notice
from tracker.mail.outbox import enqueue, existing_keys
from tracker.mail.plan import plan_assignment
from tracker.mail.reasons import Reason
from tracker.reference import Reference
from tracker.storage import Cursor


def item_of_row(row: Mapping[str, Any], lead_unit: str | None = None) -> MailItem:
    return MailItem(
        int(row["id"]),
        str(row["kind"]),
        str(row.get("ref_no") or ""),
        str(row.get("summary") or ""),
        str(lead_unit or row.get("lead_unit") or ""),
        row["due_on"],
        row.get("internal_due_on"),
    )


def queue_assigned(
    cur: Cursor,
    reference: Reference,
    before: Mapping[str, Any],
    lead: str,
    coordinating: Sequence[str],
    today: date,
) -> None:
    """Tell the new lead unit and each newly added coordinating unit (nobody who already had it)."""
    had = {before.get("lead_unit")} | set(str(before.get("coordinating_units") or "").split(";"))
    units = [(lead, "lead")] if lead != before.get("lead_unit") else []
    units += [(u, "coordinating") for u in coordinating if u not in had]
    if not units:
        return
    directory = read_directory(cur, MailSettings.from_settings(reference.settings))
    messages = plan_assignment(item_of_row(before, lead), units, reference, directory, today)
    sent = existing_keys(cur, today)
    enqueue(cur, [m for m in messages if not set(m.reminder_keys()) & sent])


def queue_office_notice(
    cur: Cursor, reference: Reference, row: Mapping[str, Any], reason: Reason, today: date, note: str = ""
) -> None:
    """The Office told, in the step's own transaction, that a unit returned an item (with its
    reason) or submitted its draft: the Office's mailboxes and the liaison officers' contacts
    (tracker/mail/directory.py: Directory.office), once per (item, recipient, reason, day)."""
    directory = read_directory(cur, MailSettings.from_settings(reference.settings))
    messages = plan_office_notice(item_of_row(row), reason, note, reference, directory, today)
    sent = existing_keys(cur, today)
    enqueue(cur, [m for m in messages if not set(m.reminder_keys()) & sent])


def queue_created(cur: Cursor, reference: Reference, rows: Sequence[Mapping[str, Any]], today: date) -> None:
    """Items that got their units when they were entered or imported: one message per unit listing
    its items (an import of 500 rows tells each unit once, not 500 times). Replied or transferred
    rows (an import of past work) need nobody's attention and tell no one. ``rows`` are the items'
    columns by name with their ``id`` (``rows_of_columns`` for an import's columns)."""
    by_unit: dict[tuple[str, str], list[MailItem]] = {}
    for row in rows:
        if row.get("responded_on") or row.get("transferred_on") or not row.get("lead_unit"):
            continue
        item = item_of_row(row)
        by_unit.setdefault((item.lead_unit, "lead"), []).append(item)
        for unit in str(row.get("coordinating_units") or "").split(";"):
            if unit and unit != item.lead_unit:
                by_unit.setdefault((unit, "coordinating"), []).append(item)
    if not by_unit:
        return
    directory = read_directory(cur, MailSettings.from_settings(reference.settings))
    messages = [
        m
        for (unit, role), items in by_unit.items()
        for m in plan_assigned_list(items, unit, role, reference, directory, today)
    ]
    enqueue(cur, messages)


_CREATED = ("kind", "ref_no", "summary", "lead_unit", "coordinating_units", "due_on", "responded_on", "transferred_on")


def rows_of_columns(ids: Sequence[int], columns: Mapping[str, Sequence[Any]]) -> list[dict[str, Any]]:
    """An import's items (its columns, tracker/importing/columns.py) as the rows queue_created reads."""
    picked = [columns[name] for name in _CREATED]
    return [
        {"id": item_id, **dict(zip(_CREATED, values, strict=True))}
        for item_id, *values in zip(ids, *picked, strict=True)
    ]
