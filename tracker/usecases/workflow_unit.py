"""The lead unit's steps (issue 12): accept the item, return it to the Office with a reason
("not our remit; belongs to …"), submit its draft. Each is one milestone and one event."""

from __future__ import annotations

from tracker import validation as v
from tracker import workflow_rules
from tracker.errors import InvalidInput
from tracker.mail.notify import queue_office_notice
from tracker.mail.reasons import Reason
from tracker.permissions import Actor
from tracker.stage import Milestone
from tracker.storage import Cursor
from tracker.usecases.deps import UseCase
from tracker.usecases.workflow_steps import Mark, read, record
from tracker.workflow_rules import Step


class WorkflowUnit(UseCase):
    def accept(self, actor: Actor, item_id: int, version: int, note: str = "", officer: str = "") -> int:
        """The lead unit takes the item; ``officer`` names who in the unit handles it."""
        workflow_rules.check_role(actor, Step.ACCEPT)
        note = v.validate_text(note, "note", v.MAX_REASON)
        officer = v.validate_text(officer, "officer", v.MAX_SHORT, multiline=False)
        today = self.deps.today()

        def work(cur: Cursor) -> int:
            _, facts = read(cur, actor, Step.ACCEPT, item_id, today)
            changes = {"officer": [None, officer]} if officer else {}
            return record(cur, actor, item_id, version, Mark(Milestone.ACCEPTED, today, note, facts.lead), changes)

        return self.db.write(work)

    def return_item(self, actor: Actor, item_id: int, version: int, reason: str) -> int:
        """Back to the Office, which then reassigns or transfers it out."""
        workflow_rules.check_role(actor, Step.RETURN)
        reason = v.validate_text(reason, "reason", v.MAX_REASON, required=True)
        today = self.deps.today()

        def work(cur: Cursor) -> int:
            row, facts = read(cur, actor, Step.RETURN, item_id, today)
            new_version = record(cur, actor, item_id, version, Mark(Milestone.RETURNED, today, reason, facts.lead))
            # Issue 13: the Office told in this same transaction.
            queue_office_notice(cur, self.reference, row, Reason.RETURNED, today, reason)
            return new_version

        return self.db.write(work)

    def submit_draft(self, actor: Actor, item_id: int, version: int, text: str, file_sha256: str | None = None) -> int:
        """The draft reply goes to the Office: its text, and optionally a file already attached
        to the item (tracker/attachments.py). Text or file, at least one."""
        workflow_rules.check_role(actor, Step.SUBMIT_DRAFT)
        text = v.validate_text(text, "draft_text", v.MAX_FULL_TEXT, required=file_sha256 is None)
        today = self.deps.today()

        def work(cur: Cursor) -> int:
            row, facts = read(cur, actor, Step.SUBMIT_DRAFT, item_id, today)
            if file_sha256 is not None:
                require_attached(cur, item_id, file_sha256)
            mark = Mark(Milestone.DRAFT_SUBMITTED, today, text, facts.lead, file_sha256=file_sha256)
            new_version = record(cur, actor, item_id, version, mark)
            queue_office_notice(cur, self.reference, row, Reason.DRAFT_SUBMITTED, today)  # issue 13, same transaction
            return new_version

        return self.db.write(work)


def require_attached(cur: Cursor, item_id: int, sha256: str) -> None:
    """A milestone names only a file attached to the same item."""
    if cur.one("workflow/file_of_item", [item_id, sha256]) is None:
        raise InvalidInput("error.workflow_file_unknown", field="file")
