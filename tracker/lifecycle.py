"""Which actions an item allows now, for this person: the one table (issue 10, point 4).

The service asks ``check`` inside every item write, so the refusal is the protection; the item
panel asks ``offers`` which forms to show, so it never offers what the service would refuse. Both
read ``TABLE``. Who may act at all is tracker/permissions.py (the role gate); this module adds the
item's state (replied, transferred, archived) and, for a reply's correction, the actor's unit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tracker.errors import InvalidInput, PermissionDenied, TrackerError
from tracker.items import Item
from tracker.permissions import Action, Actor, Role, can, require


class Verb(StrEnum):
    """What may be done to an existing item, in the order the item panel offers it."""

    ASSIGN = "assign"
    REPLY = "reply"  # the first reply
    CORRECT_REPLY = "correct_reply"  # the same form over a stored reply
    RECORD_PROGRESS = "record_progress"
    OVERRIDE_DEADLINE = "override_deadline"
    EDIT = "edit"
    UNDO_TRANSFER = "undo_transfer"
    TRANSFER = "transfer"
    ARCHIVE = "archive"
    RESTORE = "restore"
    LINK_SIMILAR = "link_similar"  # mark raised again of an earlier item (issue 14)
    MERGE = "merge"  # same recommendation within a session: merged into another (issue 14)


@dataclass(frozen=True)
class Facts:
    """What the table reads of an item. ``replied`` means a reply is stored, whatever the as-of date."""

    replied: bool
    transferred: bool
    archived: bool
    lead: str | None
    units: tuple[str, ...]  # the lead unit, then the coordinating units


def _units(lead: str | None, coordinating: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(u for u in (lead, *coordinating) if u)


def facts_of_item(item: Item) -> Facts:
    """The facts of an item as the panel holds it."""
    lead: str | None = item.lead_unit
    return Facts(
        replied=item.reply is not None,
        transferred=item.transferred_on is not None,
        archived=item.archived_at is not None,
        lead=lead,
        units=_units(lead, item.coordinating_units),
    )


def facts_of_row(row: Mapping[str, Any]) -> Facts:
    """The facts of an ``items/get`` row as the service reads it inside its transaction."""
    lead: str | None = row["lead_unit"]
    coordinating = tuple(p.strip() for p in (row["coordinating_units"] or "").split(";") if p.strip())
    return Facts(
        replied=row["responded_on"] is not None,
        transferred=row["transferred_on"] is not None,
        archived=row["archived_at"] is not None,
        lead=lead,
        units=_units(lead, coordinating),
    )


# A gate refuses (returns the error) or lets through (returns None). Gates run in order, after the
# role gate; the first refusal wins. Field validation and the version check (Conflict) come after.
Gate = Callable[[Actor, Facts], TrackerError | None]


def _lead_unit_corrects(actor: Actor, facts: Facts) -> TrackerError | None:
    # A unit must not edit another unit's reply: only the lead unit corrects it.
    if actor.role == Role.UNIT_OFFICER and actor.unit != facts.lead:
        return PermissionDenied(action="correct_reply", role=actor.role.value)
    return None


def _no_reply_once_transferred(actor: Actor, facts: Facts) -> TrackerError | None:
    return InvalidInput("error.reply_on_transferred", field="result") if facts.transferred else None


def _deadline_still_open(actor: Actor, facts: Facts) -> TrackerError | None:
    # Moving the deadline after the reply would turn a late reply into an on-time one.
    if facts.replied or facts.transferred:
        return InvalidInput("error.override_closed", field="due_on")
    return None


def _not_replied(actor: Actor, facts: Facts) -> TrackerError | None:
    return InvalidInput("error.transfer_replied", field="transferred_on") if facts.replied else None


def _not_transferred_yet(actor: Actor, facts: Facts) -> TrackerError | None:
    return InvalidInput("error.already_transferred", field="transferred_on") if facts.transferred else None


def _transferred(actor: Actor, facts: Facts) -> TrackerError | None:
    return None if facts.transferred else InvalidInput("error.not_transferred", field="transferred_on")


def _not_archived_yet(actor: Actor, facts: Facts) -> TrackerError | None:
    return InvalidInput("error.already_archived") if facts.archived else None


def _archived(actor: Actor, facts: Facts) -> TrackerError | None:
    return None if facts.archived else InvalidInput("error.not_archived")


def _always(facts: Facts) -> bool:
    return True


def _unreplied(facts: Facts) -> bool:
    return not facts.replied


def _replied(facts: Facts) -> bool:
    return facts.replied


@dataclass(frozen=True)
class Rule:
    action: Action  # the role gate (tracker/permissions.py), given the item's units
    gates: tuple[Gate, ...] = ()
    # The states the verb is about at all: a reply to a replied item is its correction.
    applies: Callable[[Facts], bool] = _always


# The table. Its order is the panel's order.
TABLE: dict[Verb, Rule] = {
    Verb.ASSIGN: Rule(Action.ASSIGN),
    Verb.REPLY: Rule(Action.RECORD_REPLY, (_no_reply_once_transferred,), applies=_unreplied),
    Verb.CORRECT_REPLY: Rule(Action.RECORD_REPLY, (_lead_unit_corrects, _no_reply_once_transferred), applies=_replied),
    Verb.RECORD_PROGRESS: Rule(Action.RECORD_PROGRESS),
    Verb.OVERRIDE_DEADLINE: Rule(Action.OVERRIDE_DEADLINE, (_deadline_still_open,)),
    Verb.EDIT: Rule(Action.EDIT_ITEM),
    Verb.UNDO_TRANSFER: Rule(Action.TRANSFER, (_transferred,)),
    Verb.TRANSFER: Rule(Action.TRANSFER, (_not_replied, _not_transferred_yet)),
    Verb.ARCHIVE: Rule(Action.ARCHIVE, (_not_archived_yet,)),
    Verb.RESTORE: Rule(Action.ARCHIVE, (_archived,)),
    Verb.LINK_SIMILAR: Rule(Action.EDIT_ITEM, (_not_archived_yet,)),
    Verb.MERGE: Rule(Action.EDIT_ITEM, (_not_archived_yet,)),
}


def reply_verb(facts: Facts) -> Verb:
    """A reply recorded over a stored one corrects it."""
    return Verb.CORRECT_REPLY if facts.replied else Verb.REPLY


def decide(actor: Actor, verb: Verb, facts: Facts) -> TrackerError | None:
    """The error ``check`` would raise, or None when the action is allowed."""
    rule = TABLE[verb]
    if not rule.applies(facts):
        raise ValueError(f"{verb} does not apply to this item (see reply_verb)")
    if not can(actor, rule.action, facts.units):
        return PermissionDenied(action=rule.action.value, role=actor.role.value)
    for gate in rule.gates:
        error = gate(actor, facts)
        if error is not None:
            return error
    return None


def check(actor: Actor, verb: Verb, facts: Facts) -> None:
    """Refuse ``verb`` on an item in this state by this actor; the service calls it in its transaction."""
    error = decide(actor, verb, facts)
    if error is not None:
        raise error


def check_role(actor: Actor, verb: Verb) -> None:
    """The role gate alone, before the transaction, for verbs whose gate does not need the item's
    units (all but reply and progress, which the service checks once the row is read)."""
    require(actor, TABLE[verb].action)


def offers(actor: Actor, facts: Facts) -> tuple[Verb, ...]:
    """What the panel shows this actor for an item in this state, in the panel's order."""
    return tuple(verb for verb, rule in TABLE.items() if rule.applies(facts) and decide(actor, verb, facts) is None)
