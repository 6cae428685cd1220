"""Who handles an item and by when: assign or reassign units, transfer out of the ministry's
remit (and undo it), override the computed deadline."""

from __future__ import annotations

from datetime import date

from tracker import history, lifecycle
from tracker import validation as v
from tracker.due_facts import set_afterwards
from tracker.errors import InvalidInput
from tracker.lifecycle import Verb
from tracker.mail.notify import queue_assigned
from tracker.permissions import Actor
from tracker.storage import Cursor
from tracker.usecases.deps import UseCase
from tracker.usecases.guarded import current_for, log, units_of, update


class Assignment(UseCase):
    def assign(
        self,
        actor: Actor,
        item_id: int,
        version: int,
        lead_unit: str,
        coordinating_units: tuple[str, ...] = (),
        reason: str = "",
    ) -> int:
        """Set or change the lead and coordinating units; a change of lead is a recorded transfer."""
        lifecycle.check_role(actor, Verb.ASSIGN)
        reason = v.validate_text(reason, "reason", v.MAX_REASON)
        return self.db.write(
            lambda cur: self.assign_in(cur, actor, item_id, version, lead_unit, coordinating_units, reason)
        )

    def assign_in(
        self,
        cur: Cursor,
        actor: Actor,
        item_id: int,
        version: int,
        lead_unit: str,
        coordinating_units: tuple[str, ...],
        reason: str,
    ) -> int:
        """The assignment on the writer's cursor (also one item of a bulk assignment, issue 12)."""
        before = current_for(cur, actor, Verb.ASSIGN, item_id)
        lead, coordinating = v.validate_assignment(
            lead_unit,
            coordinating_units,
            self.reference,
            on=(before["received_on"], self.deps.today()),
            keep=units_of(before),
        )
        if before["lead_unit"] and before["lead_unit"] != lead and not reason:
            raise InvalidInput("error.reason_required", field="reason")
        after = {"lead_unit": lead, "coordinating_units": ";".join(coordinating)}
        changes = history.diff(before, after)
        if not changes:
            version_now: int = before["version"]
            return version_now
        new_version = update(cur, "items/update_assignment", [lead, after["coordinating_units"]], item_id, version)
        action = "reassigned" if before["lead_unit"] and "lead_unit" in changes else "assigned"
        log(cur, item_id, actor, action, changes, reason, new_version)
        if "lead_unit" in changes:  # issue 12: a (new) lead unit has to accept it anew
            milestone = [item_id, "assigned", lead, self.deps.today(), None, reason, None, None, actor.username]
            cur.run("workflow/insert_milestone", milestone)
        # Issue 13: the units told by e-mail, queued in this same transaction.
        queue_assigned(cur, self.reference, before, lead, coordinating, self.deps.today())
        return new_version

    def override_deadline(self, actor: Actor, item_id: int, version: int, due_on: date, reason: str) -> int:
        lifecycle.check_role(actor, Verb.OVERRIDE_DEADLINE)
        reason = v.validate_text(reason, "reason", v.MAX_REASON, required=True)

        def work(cur: Cursor) -> int:
            before = current_for(cur, actor, Verb.OVERRIDE_DEADLINE, item_id)
            v.validate_due(due_on, before["received_on"])
            basis, facts = set_afterwards(before["due_facts"], before["due_basis"], due_on)
            new_version = update(cur, "items/update_deadline", [due_on, basis, facts, reason], item_id, version)
            changes = history.diff(before, {"due_on": due_on})
            log(cur, item_id, actor, "deadline_overridden", changes, reason, new_version)
            return new_version

        return self.db.write(work)

    def transfer(self, actor: Actor, item_id: int, version: int, on: date, note: str) -> int:
        """Outside the ministry's remit: returned/transferred; closed, counted apart."""
        lifecycle.check_role(actor, Verb.TRANSFER)
        note = v.validate_text(note, "transfer_note", v.MAX_REASON, required=True)

        def work(cur: Cursor) -> int:
            before = current_for(cur, actor, Verb.TRANSFER, item_id)
            v.validate_event_date(on, before["received_on"], "transferred_on")
            after = {"transferred_on": on, "transfer_note": note}
            new_version = update(cur, "items/update_transfer", [on, note], item_id, version)
            log(cur, item_id, actor, "transferred", history.diff(before, after), note, new_version)
            return new_version

        return self.db.write(work)

    def undo_transfer(self, actor: Actor, item_id: int, version: int, reason: str) -> int:
        """A transfer made by mistake is undone (and the undoing is itself in the history)."""
        lifecycle.check_role(actor, Verb.UNDO_TRANSFER)
        reason = v.validate_text(reason, "reason", v.MAX_REASON, required=True)

        def work(cur: Cursor) -> int:
            before = current_for(cur, actor, Verb.UNDO_TRANSFER, item_id)
            after = {"transferred_on": None, "transfer_note": None}
            new_version = update(cur, "items/update_transfer", [None, None], item_id, version)
            log(cur, item_id, actor, "transfer_undone", history.diff(before, after), reason, new_version)
            return new_version

        return self.db.write(work)
