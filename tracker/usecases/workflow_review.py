"""The Office's review of the draft (issue 12): approve it or send it back with comments (each
round kept as its own milestone), then record the leader's signature."""

from __future__ import annotations

from datetime import date

from tracker import validation as v
from tracker import workflow_rules
from tracker.permissions import Actor
from tracker.stage import Milestone
from tracker.storage import Cursor
from tracker.usecases.deps import UseCase
from tracker.usecases.workflow_steps import Mark, read, record
from tracker.workflow_rules import Step


class WorkflowReview(UseCase):
    def review(self, actor: Actor, item_id: int, version: int, approve: bool, comment: str) -> int:
        """A send-back needs its comments; an approval may carry a note."""
        workflow_rules.check_role(actor, Step.REVIEW)
        comment = v.validate_text(comment, "comment", v.MAX_FULL_TEXT, required=not approve)
        today = self.deps.today()
        kind = Milestone.APPROVED if approve else Milestone.SENT_BACK

        def work(cur: Cursor) -> int:
            _, facts = read(cur, actor, Step.REVIEW, item_id, today)
            return record(cur, actor, item_id, version, Mark(kind, today, comment, facts.lead))

        return self.db.write(work)

    def sign(self, actor: Actor, item_id: int, version: int, signer: str, on: date) -> int:
        """The approved draft is signed by a leader (name as it will stand on the reply)."""
        workflow_rules.check_role(actor, Step.SIGN)
        signer = v.validate_text(signer, "signer", v.MAX_SHORT, required=True, multiline=False)
        today = self.deps.today()

        def work(cur: Cursor) -> int:
            row, facts = read(cur, actor, Step.SIGN, item_id, today)
            v.validate_event_date(on, row["received_on"], "signed_on")
            return record(cur, actor, item_id, version, Mark(Milestone.SIGNED, on, signer, facts.lead))

        return self.db.write(work)
