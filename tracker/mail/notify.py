"""The hook the assignment use case calls on its own cursor: the units an item was just assigned
or transferred to are told in the same transaction (the outbox row commits with the change)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from tracker.mail.compose import MailItem
from tracker.mail.config import MailSettings
from tracker.mail.directory import read_directory
from tracker.mail.outbox import enqueue, existing_keys
from tracker.mail.plan import plan_assignment
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
