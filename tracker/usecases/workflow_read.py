"""Reading the reply's path (issue 12): one item's stage, milestones, parts and internal deadline
for the item page; the stage counts and the per-unit medians for the figures; draft on time/late.
Everything here is derived from the milestone rows and the item's dates, as of a day."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from tracker.errors import NotFound
from tracker.items import Kind
from tracker.stage import Milestone, MilestoneRow, Stage, derive_stage, internal_days, last_flow, review_rounds
from tracker.usecases.deps import Deps, UseCase
from tracker.usecases.workflow_commitments import Commitment, commitment_as_of, result_as_of
from tracker.usecases.workflow_deadline import WorkflowDeadline
from tracker.workflow_rules import WorkFacts, facts_of_row


@dataclass(frozen=True)
class Part:
    """A coordinating unit's part: asked for by a date, received or not yet."""

    unit: str
    due_on: date | None
    requested: bool
    received_on: date | None


@dataclass(frozen=True)
class WorkflowView:
    item_id: int
    version: int
    stage: Stage
    facts: WorkFacts
    internal_due_on: date
    internal_is_default: bool
    internal_reason: str
    milestones: tuple[MilestoneRow, ...]
    parts: tuple[Part, ...]
    review_rounds: int
    commitment: Commitment | None  # for a "being resolved" reply only
    result_now: str | None  # the reply's result as of the day (a completed commitment reads "resolved")


Key = tuple[int, str, str | None]  # session, kind, lead unit


class WorkflowRead(UseCase):
    def __init__(self, deps: Deps, deadline: WorkflowDeadline) -> None:
        super().__init__(deps)
        self._deadline = deadline

    def view(self, item_id: int, as_of: date | None = None) -> WorkflowView:
        day = as_of or self.deps.today()
        rows = self.db.records("items/get", [item_id])
        if not rows:
            raise NotFound("error.item_not_found", value=str(item_id))
        row = rows[0]
        milestones = tuple(MilestoneRow.from_row(r) for r in self.db.records("workflow/milestones_for_item", [item_id]))
        flow = last_flow(milestones, day)
        done = any(m.kind == Milestone.COMMITMENT_DONE for m in milestones)
        facts = facts_of_row(row, flow, done, day)
        override = row["internal_due_on"]
        done_on = min((m.on_date for m in milestones if m.kind == Milestone.COMMITMENT_DONE), default=None)
        issued_resolving = facts.stage == Stage.ISSUED and row["result"] == "being_resolved"
        return WorkflowView(
            item_id=item_id,
            version=row["version"],
            stage=derive_stage(row["transferred_on"], row["responded_on"], row["lead_unit"], flow, day),
            facts=facts,
            internal_due_on=self._deadline.internal_due(row["kind"], row["due_on"], override),
            internal_is_default=override is None,
            internal_reason=row["internal_due_reason"] or "",
            milestones=milestones,
            parts=_parts(facts.coordinating, milestones),
            review_rounds=review_rounds(milestones),
            commitment=commitment_as_of(row["committed_on"], done_on, day) if issued_resolving else None,
            result_now=result_as_of(row["result"], done_on, day),
        )

    def stage_counts(
        self, as_of: date, session_id: int | None = None, kind: str | None = None, by_unit: bool = False
    ) -> dict[Key, dict[str, int]]:
        """Stage -> count per (session, kind[, lead unit]); the unit is None unless ``by_unit``."""
        out: dict[Key, dict[str, int]] = defaultdict(dict)
        params = {"as_of": as_of, "session_id": session_id, "kind": kind}
        for r in self.db.records("workflow/stage_counts", params):
            key = (r["session_id"], r["kind"], r["unit"] if by_unit else None)
            out[key][r["stage"]] = out[key].get(r["stage"], 0) + int(r["n"])
        return dict(out)

    def stage_overdue(
        self, as_of: date, session_id: int | None = None, kind: str | None = None
    ) -> dict[str, tuple[int, int]]:
        """Stage -> (items there, of which past the legal deadline), over the sessions and kinds
        asked for (the progress page's pipeline chart)."""
        out: dict[str, tuple[int, int]] = {}
        params = {"as_of": as_of, "session_id": session_id, "kind": kind}
        for r in self.db.records("stats/stage_overdue", params):
            n, overdue = out.get(r["stage"], (0, 0))
            out[r["stage"]] = (n + int(r["n"]), overdue + int(r["overdue"]))
        return out

    def stage_medians(
        self, as_of: date, session_id: int | None = None, kind: str | None = None
    ) -> dict[Key, dict[str, float | None]]:
        """Per (session, kind, lead unit): the median days from assignment to acceptance, to the
        first draft, to issue, and the median review rounds (None when no item got there). The
        medians are DuckDB's (the middle value, or the mean of the two middle ones)."""
        params = {"as_of": as_of, "session_id": session_id, "kind": kind}
        return {
            (r["session_id"], r["kind"], r["unit"]): {
                f: (float(r[f]) if r[f] is not None else None) for f in MEDIAN_FIELDS
            }
            for r in self.db.records("stats/stage_medians", params)
        }

    def draft_timeliness(
        self, as_of: date, session_id: int | None = None, kind: str | None = None
    ) -> dict[Key, dict[str, int]]:
        """Per (session, kind, lead unit): drafts in by the internal deadline, late, and still
        missing past it. The legal figures are not touched. One statement: the default internal
        deadline is counted back in SQL over the calendar's working days, passed as a list."""
        first_due, last_due = self.db.one("stats/due_span") or (None, None)
        if first_due is None or last_due is None:
            return {}
        calendar, settings = self.reference.calendar, self.reference.settings
        days = {k: internal_days(settings, k) for k in Kind}
        # From the earliest default any item can have (the most days back from the earliest due date).
        start = calendar.working_days_before(first_due, max(days.values()))
        params = {
            "as_of": as_of,
            "session_id": session_id,
            "kind": kind,
            "workdays": list(calendar.working_days(start, last_due)),
            "question_days": days[Kind.DEPUTY_QUESTION],
            "recommendation_days": days[Kind.VOTER_RECOMMENDATION],
        }
        return {
            (r["session_id"], r["kind"], r["unit"]): {f: int(r[f]) for f in DRAFT_FIELDS}
            for r in self.db.records("stats/draft_timeliness", params)
        }

    def commitments(
        self, as_of: date, session_id: int | None = None, kind: str | None = None
    ) -> dict[Key, dict[str, int]]:
        """Per (session, kind, lead unit): "being resolved" commitments met (on time or late),
        pending and overdue as of the day."""
        out: dict[Key, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COMMITMENT_FIELDS, 0))
        params = {"as_of": as_of, "session_id": session_id, "kind": kind}
        for r in self.db.records("workflow/commitments_as_of", params):
            state = Commitment(r["state"])  # the SQL applies commitment_as_of's rule
            out[(r["session_id"], r["kind"], r["unit"])][f"commitments_{state.value}"] += int(r["n"])
        return dict(out)


COMMITMENT_FIELDS = tuple(f"commitments_{c.value}" for c in Commitment)
DRAFT_FIELDS = ("draft_on_time", "draft_late", "draft_overdue")
MEDIAN_FIELDS = ("median_days_to_accept", "median_days_to_draft", "median_days_to_issue", "median_review_rounds")


def _parts(coordinating: tuple[str, ...], milestones: tuple[MilestoneRow, ...]) -> tuple[Part, ...]:
    requested: dict[str, date | None] = {}
    received: dict[str, date] = {}
    for m in milestones:
        if m.kind == Milestone.PART_REQUESTED and m.unit:
            requested[m.unit] = m.due_on
        elif m.kind == Milestone.PART_RECEIVED and m.unit:
            received[m.unit] = m.on_date
    return tuple(Part(u, requested.get(u), u in requested, received.get(u)) for u in coordinating)
