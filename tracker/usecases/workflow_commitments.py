"""Commitments followed up (issue 12): a "being resolved" reply carries a roadmap and a committed
date; the lead unit (or the Office) records progress, or completion ("đã giải quyết xong" on a
day, with the document that says so). Completion is a milestone: the reply record stays as issued
(its result at the time of the reply), and the result as of a later day reads the milestone
(``result_as_of``), so no figure of an earlier day is rewritten."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from tracker import validation as v
from tracker import workflow_rules
from tracker.dates import format_date
from tracker.errors import InvalidInput
from tracker.permissions import Actor
from tracker.stage import Milestone
from tracker.storage import Cursor
from tracker.usecases.deps import UseCase
from tracker.usecases.workflow_steps import Mark, read, record
from tracker.workflow_rules import Step


class Commitment(StrEnum):
    """Derived, never stored: where a "being resolved" reply's commitment stands as of a day."""

    PENDING = "pending"  # not done, committed date not passed
    OVERDUE = "overdue"  # not done, committed date passed
    MET = "met"  # done on or before the committed date
    MET_LATE = "met_late"  # done, after the committed date


def commitment_as_of(committed_on: date | None, done_on: date | None, as_of: date) -> Commitment:
    if done_on is not None and done_on <= as_of:
        return Commitment.MET if committed_on is None or done_on <= committed_on else Commitment.MET_LATE
    if committed_on is not None and as_of > committed_on:
        return Commitment.OVERDUE
    return Commitment.PENDING


def result_as_of(result: str | None, done_on: date | None, as_of: date) -> str | None:
    """The reply's result as of a day: "being resolved" becomes "resolved" from its completion."""
    if result == "being_resolved" and done_on is not None and done_on <= as_of:
        return "resolved"
    return result


class WorkflowCommitments(UseCase):
    def record_commitment(
        self, actor: Actor, item_id: int, version: int, *, done: bool, on: date, note: str, document_no: str = ""
    ) -> int:
        workflow_rules.check_role(actor, Step.RECORD_COMMITMENT)
        note = v.validate_text(note, "note", v.MAX_REASON, required=not done)
        document_no = v.validate_text(document_no, "document_no", v.MAX_SHORT, required=done, multiline=False)
        today = self.deps.today()

        def work(cur: Cursor) -> int:
            row, facts = read(cur, actor, Step.RECORD_COMMITMENT, item_id, today)
            v.validate_event_date(on, row["responded_on"], "commitment_on")
            if on > today:
                raise InvalidInput("error.future_date", field="commitment_on", value=format_date(on))
            kind = Milestone.COMMITMENT_DONE if done else Milestone.COMMITMENT_PROGRESS
            mark = Mark(kind, on, note, facts.lead, document_no=document_no or None)
            return record(cur, actor, item_id, version, mark)

        return self.db.write(work)
