"""Coordinating units' parts (ý kiến phối hợp, issue 12): the lead unit asks a coordinating unit
for its part by that unit's own date; the coordinating unit records its contribution."""

from __future__ import annotations

from datetime import date

from tracker import validation as v
from tracker import workflow_rules
from tracker.dates import format_date
from tracker.errors import InvalidInput
from tracker.permissions import Actor
from tracker.stage import Milestone
from tracker.storage import Cursor
from tracker.usecases.deps import UseCase
from tracker.usecases.workflow_steps import Mark, read, record
from tracker.usecases.workflow_unit import require_attached
from tracker.workflow_rules import Step


class WorkflowParts(UseCase):
    def request_part(self, actor: Actor, item_id: int, version: int, unit: str, due_on: date, text: str) -> int:
        workflow_rules.check_role(actor, Step.REQUEST_PART)
        text = v.validate_text(text, "part_request", v.MAX_REASON, required=True)
        v.validate_day(due_on, "part_due_on")
        today = self.deps.today()

        def work(cur: Cursor) -> int:
            _, facts = read(cur, actor, Step.REQUEST_PART, item_id, today)
            if unit not in facts.coordinating:
                raise InvalidInput("error.workflow_not_coordinating", field="unit", value=unit)
            if due_on < today:
                raise InvalidInput("error.workflow_due_past", field="part_due_on", value=format_date(due_on))
            return record(cur, actor, item_id, version, Mark(Milestone.PART_REQUESTED, today, text, unit, due_on))

        return self.db.write(work)

    def record_part(self, actor: Actor, item_id: int, version: int, text: str, file_sha256: str | None = None) -> int:
        """The actor's own unit's contribution (the table lets only a coordinating unit through)."""
        workflow_rules.check_role(actor, Step.RECORD_PART)
        text = v.validate_text(text, "part_text", v.MAX_FULL_TEXT, required=file_sha256 is None)
        today = self.deps.today()

        def work(cur: Cursor) -> int:
            read(cur, actor, Step.RECORD_PART, item_id, today)
            if file_sha256 is not None:
                require_attached(cur, item_id, file_sha256)
            mark = Mark(Milestone.PART_RECEIVED, today, text, actor.unit, file_sha256=file_sha256)
            return record(cur, actor, item_id, version, mark)

        return self.db.write(work)
