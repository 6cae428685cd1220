"""The unit's internal deadline (hạn gửi dự thảo về Văn phòng, issue 12): N working days before
the legal deadline by default (tracker/stage.py, a setting per kind), or the Office's date for the
item, with its reason. It never changes the legal deadline nor the legal figures."""

from __future__ import annotations

from datetime import date

from tracker import validation as v
from tracker import workflow_rules
from tracker.dates import format_date
from tracker.errors import InvalidInput
from tracker.permissions import Actor
from tracker.stage import default_internal_due
from tracker.storage import Cursor
from tracker.usecases.deps import UseCase
from tracker.usecases.guarded import log, update
from tracker.usecases.workflow_steps import read
from tracker.workflow_rules import Step


class WorkflowDeadline(UseCase):
    def internal_due(self, kind: str, due_on: date, override: date | None) -> date:
        """The internal deadline in force: the item's own, or the default before the legal one."""
        if override is not None:
            return override
        return default_internal_due(self.reference.calendar, self.reference.settings, kind, due_on)

    def set_internal_deadline(self, actor: Actor, item_id: int, version: int, on: date | None, reason: str) -> int:
        """``on`` None goes back to the default. A date needs a reason and must fall between
        receipt and the legal deadline (a draft due after the reply is due makes no sense)."""
        workflow_rules.check_role(actor, Step.SET_INTERNAL_DEADLINE)
        reason = v.validate_text(reason, "reason", v.MAX_REASON, required=on is not None)
        today = self.deps.today()

        def work(cur: Cursor) -> int:
            before, _ = read(cur, actor, Step.SET_INTERNAL_DEADLINE, item_id, today)
            return self.set_in(cur, actor, before, version, on, reason)

        return self.db.write(work)

    def set_in(
        self, cur: Cursor, actor: Actor, before: dict[str, object], version: int, on: date | None, reason: str
    ) -> int:
        item_id = int(str(before["id"]))
        received, due = before["received_on"], before["due_on"]
        assert isinstance(received, date) and isinstance(due, date)
        if on is not None:
            v.validate_day(on, "internal_due_on")
            if not received <= on <= due:
                raise InvalidInput(
                    "error.internal_due_range",
                    field="internal_due_on",
                    value=format_date(on),
                    received=format_date(received),
                    due=format_date(due),
                )
        old = before["internal_due_on"]
        changes = {
            "internal_due_on": [old.isoformat() if isinstance(old, date) else None, on.isoformat() if on else None]
        }
        new_version = update(cur, "workflow/set_internal_due", [on, reason or None], item_id, version)
        log(cur, item_id, actor, "internal_deadline_set", changes, reason, new_version)
        return new_version
