"""How a list of items may be sorted: the allow-list the register's sort selector offers and
queries/items/search.sql knows. The key travels to SQL as a bound parameter, so nobody's text ever
becomes part of a statement; a key not listed here is refused before any query runs."""

from __future__ import annotations

# Each key and whether it reads naturally descending (newest received first; the rest ascending).
SORT_KEYS: dict[str, bool] = {
    "urgency": False,  # overdue first (longest overdue first), due soon, open by deadline, replied last
    "due_on": False,
    "internal_due": False,  # the draft's internal deadline, open items first (issue 12: the unit queue's order)
    "received_on": True,
    "session": True,
    "status": False,
    "lead_unit": False,
    "kind": False,
    "ref_no": False,
    "id": False,
}
DEFAULT_SORT = "urgency"
# The status filter's choices: a derived status, or a group of them ("open", "replied", "due_soon").
STATUS_FILTERS = (
    "open",
    "overdue",
    "due_soon",
    "open_not_due",
    "replied",
    "replied_on_time",
    "replied_late",
    "transferred",
)
# Names callers used before issue 11: the queue's order is urgency, the old register order is by receipt.
ALIASES = {"queue": "urgency", "received": "received_on"}


def sort_key(name: str) -> str | None:
    """The allow-listed key for ``name``, or None when it is not one."""
    key = ALIASES.get(name, name)
    return key if key in SORT_KEYS else None
