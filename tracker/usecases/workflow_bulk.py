"""Bulk steps (issue 12, point 8): at the start of a session the Office assigns or sets the
internal deadline of 100+ items at once, and a unit accepts many. One transaction for the lot,
one event per item; when any item does not allow the step, nothing is written and the refusal
lists every refused item with its own reason."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from tracker import lifecycle, workflow_rules
from tracker import validation as v
from tracker.errors import InvalidInput, InvalidInputs, TrackerError
from tracker.i18n import t
from tracker.lifecycle import Verb
from tracker.permissions import Actor
from tracker.stage import Milestone
from tracker.storage import Cursor
from tracker.usecases.assignment import Assignment
from tracker.usecases.deps import Deps, UseCase
from tracker.usecases.workflow_deadline import WorkflowDeadline
from tracker.usecases.workflow_steps import Mark, read, record
from tracker.workflow_rules import Step

MAX_BULK = 5_000  # a session brings a few thousand items at most
Seen = Sequence[tuple[int, int]]  # (item id, the version the person saw)


class ItemRefused(InvalidInput):
    """One item's refusal inside a bulk step: "Mục 12: <its reason>"."""

    def __init__(self, item_id: int, error: TrackerError) -> None:
        self.item_id, self.error = item_id, error
        super().__init__("error.bulk_item", id=item_id)

    def message(self, lang: str = "vi") -> str:
        return t("error.bulk_item", lang, id=self.item_id, reason=self.error.message(lang))


class BulkRefused(InvalidInputs):
    """The whole bulk step refused; ``errors`` holds each refused item (the others were fine)."""

    def __init__(self, errors: list[InvalidInput], total: int) -> None:
        super().__init__(errors)
        self.total = total

    def message(self, lang: str = "vi") -> str:
        head = t("error.bulk_refused", lang, refused=len(self.errors), total=self.total)
        return "\n".join([head, *(e.message(lang) for e in self.errors)])


class WorkflowBulk(UseCase):
    def __init__(self, deps: Deps, assignment: Assignment, deadline: WorkflowDeadline) -> None:
        super().__init__(deps)
        self._assignment, self._deadline = assignment, deadline

    def bulk_assign(
        self, actor: Actor, items: Seen, lead_unit: str, coordinating_units: tuple[str, ...] = (), reason: str = ""
    ) -> dict[int, int]:
        lifecycle.check_role(actor, Verb.ASSIGN)
        reason = v.validate_text(reason, "reason", v.MAX_REASON)
        return self._each(
            items,
            lambda cur, i, ver: self._assignment.assign_in(cur, actor, i, ver, lead_unit, coordinating_units, reason),
        )

    def bulk_internal_deadline(self, actor: Actor, items: Seen, on: date | None, reason: str) -> dict[int, int]:
        workflow_rules.check_role(actor, Step.SET_INTERNAL_DEADLINE)
        reason = v.validate_text(reason, "reason", v.MAX_REASON, required=on is not None)
        today = self.deps.today()

        def one(cur: Cursor, item_id: int, version: int) -> int:
            before, _ = read(cur, actor, Step.SET_INTERNAL_DEADLINE, item_id, today)
            return self._deadline.set_in(cur, actor, before, version, on, reason)

        return self._each(items, one)

    def bulk_accept(self, actor: Actor, items: Seen, note: str = "") -> dict[int, int]:
        workflow_rules.check_role(actor, Step.ACCEPT)
        note = v.validate_text(note, "note", v.MAX_REASON)
        today = self.deps.today()

        def one(cur: Cursor, item_id: int, version: int) -> int:
            _, facts = read(cur, actor, Step.ACCEPT, item_id, today)
            return record(cur, actor, item_id, version, Mark(Milestone.ACCEPTED, today, note, facts.lead))

        return self._each(items, one)

    def _each(self, items: Seen, one: Callable[[Cursor, int, int], int]) -> dict[int, int]:
        """Every item in one transaction; the refusals collected, then all refused together."""
        chosen = list(dict(items).items())  # an item chosen twice counts once
        if not chosen:
            raise InvalidInput("error.bulk_empty")
        if len(chosen) > MAX_BULK:
            raise InvalidInput("error.bulk_too_many", limit=MAX_BULK, count=len(chosen))

        def work(cur: Cursor) -> dict[int, int]:
            done: dict[int, int] = {}
            refused: list[InvalidInput] = []
            for item_id, version in chosen:
                try:
                    done[item_id] = one(cur, item_id, version)
                except TrackerError as error:
                    refused.append(ItemRefused(item_id, error))
            if refused:
                raise BulkRefused(refused, len(chosen))  # the writer rolls everything back
            return done

        return self.db.write(work)
