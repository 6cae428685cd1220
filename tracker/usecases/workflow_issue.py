"""Issuing the reply (issue 12): the last step of the path. It writes today's reply record
(number, date, signer, result, and for a "being resolved" reply its roadmap and committed date)
and the "issued" milestone in one transaction. The legal figures read only the reply record, so
they count an issued item exactly as they counted a reply before this change."""

from __future__ import annotations

from tracker import history, workflow_rules
from tracker import validation as v
from tracker.dates import format_date
from tracker.errors import InvalidInput
from tracker.items import Reply
from tracker.permissions import Actor
from tracker.record import ItemRecord
from tracker.stage import Milestone
from tracker.storage import Cursor
from tracker.usecases.deps import UseCase
from tracker.usecases.replies import reply_columns
from tracker.usecases.workflow_steps import Mark, read, record
from tracker.workflow_rules import Step


class WorkflowIssue(UseCase):
    def issue(self, actor: Actor, item_id: int, version: int, reply: Reply) -> int:
        workflow_rules.check_role(actor, Step.ISSUE)
        today = self.deps.today()

        def work(cur: Cursor) -> int:
            before, facts = read(cur, actor, Step.ISSUE, item_id, today)
            clean = v.validate_reply(reply, before["received_on"], before["due_on"], before["kind"])
            after = reply_columns(clean)
            last = cur.one("workflow/last_step_on", [item_id])
            if last and last[0] and clean.responded_on < last[0]:
                raise InvalidInput(
                    "error.workflow_issued_before",
                    field="responded_on",
                    value=format_date(clean.responded_on),
                    last=format_date(last[0]),
                )
            search = ItemRecord.from_row(before).with_reply(clean).search_text()
            mark = Mark(
                Milestone.ISSUED, clean.responded_on, clean.late_reason, facts.lead, document_no=clean.response_no
            )
            return record(
                cur,
                actor,
                item_id,
                version,
                mark,
                history.diff(before, after),
                query="items/update_reply",
                params=(*after.values(), search),
            )

        return self.db.write(work)
