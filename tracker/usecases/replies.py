"""The unit's answer and the notes on the way to it."""

from __future__ import annotations

from typing import Any

from tracker import history, lifecycle
from tracker import validation as v
from tracker.items import Reply
from tracker.permissions import Actor
from tracker.record import ItemRecord
from tracker.storage import Cursor
from tracker.usecases.deps import UseCase
from tracker.usecases.guarded import current, current_for, log, update


def reply_columns(clean: Reply) -> dict[str, Any]:
    """A validated reply as the item's reply columns, in ``items/update_reply``'s order (shared by
    recording a reply and by issuing one at the end of the workflow, issue 12)."""
    return {
        "response_no": clean.response_no,
        "responded_on": clean.responded_on,
        "signer": clean.signer,
        "response_summary": clean.summary,
        "result": clean.result.value if clean.result else None,
        "roadmap": clean.roadmap or None,
        "committed_on": clean.committed_on,
        "late_reason": clean.late_reason or None,
    }


class Replies(UseCase):
    def record_progress(self, actor: Actor, item_id: int, note: str) -> None:
        """A progress note is an event only: it changes no field, so it never conflicts."""
        note = v.validate_text(note, "note", v.MAX_REASON, required=True)

        def work(cur: Cursor) -> None:
            before = current_for(cur, actor, lifecycle.Verb.RECORD_PROGRESS, item_id)
            log(cur, item_id, actor, "progress", {}, note, before["version"])

        self.db.write(work)

    def record_reply(
        self, actor: Actor, item_id: int, version: int, reply: Reply, *, reused_from: int | None = None
    ) -> int:
        """``reused_from``: the item whose reply this one was started from (the reply bank,
        issue 14), recorded in the same transaction."""

        def work(cur: Cursor) -> int:
            before = current(cur, item_id)
            facts = lifecycle.facts_of_row(before)
            lifecycle.check(actor, lifecycle.reply_verb(facts), facts)
            clean = v.validate_reply(reply, before["received_on"], before["due_on"], before["kind"])
            after = reply_columns(clean)
            search = ItemRecord.from_row(before).with_reply(clean).search_text()
            new_version = update(cur, "items/update_reply", [*after.values(), search], item_id, version)
            action = "reply_corrected" if before["responded_on"] is not None else "replied"
            log(cur, item_id, actor, action, history.diff(before, after), clean.late_reason, new_version)
            if reused_from is not None:
                current(cur, reused_from)
                cur.run("similar/insert_reuse", [item_id, reused_from, actor.username])
            return new_version

        return self.db.write(work)
