"""Where a reply stands on its path through the ministry (issue 12): derived, never stored.

The milestones (queries/schema/008_workflow.sql, ``item_milestones``) are dated facts; the stage is
a function of the item's reply and transfer dates, its lead unit and the latest *flow* milestone on
or before the as-of date. ``derive_stage`` is the reference; the ``item_stage`` macro
(queries/views/05_item_stage.sql) is kept equal to it by a test. An item replied before this change
has no milestone and a reply date, so it derives as issued and keeps every figure.

The internal deadline (hạn gửi dự thảo về Văn phòng) is N working days before the legal deadline
unless the Office set one for the item: the Office needs those days to review the draft, have it
signed and issue it before the legal deadline (Joint Resolution 72/2025 Art. 49: the reply is due
by the legal deadline, the ministry's internal steps must fit inside it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from tracker.items import Kind
from tracker.workdays import WorkCalendar


class Milestone(StrEnum):
    """What can happen on the way to the reply. Flow milestones move the stage; the others are
    side facts (parts, commitments) read where they matter."""

    ASSIGNED = "assigned"  # the Office named (another) lead unit
    ACCEPTED = "accepted"
    RETURNED = "returned"  # not our remit, with a reason
    PART_REQUESTED = "part_requested"  # the lead asks a coordinating unit, by its own date
    PART_RECEIVED = "part_received"  # the coordinating unit's contribution
    DRAFT_SUBMITTED = "draft_submitted"
    SENT_BACK = "sent_back"  # the Office's comments: another round
    APPROVED = "approved"
    SIGNED = "signed"
    ISSUED = "issued"  # the reply record is written in the same transaction
    COMMITMENT_PROGRESS = "commitment_progress"
    COMMITMENT_DONE = "commitment_done"  # "đã giải quyết xong" on a date, with its document


FLOW = (
    Milestone.ASSIGNED,
    Milestone.ACCEPTED,
    Milestone.RETURNED,
    Milestone.DRAFT_SUBMITTED,
    Milestone.SENT_BACK,
    Milestone.APPROVED,
    Milestone.SIGNED,
)


class Stage(StrEnum):
    """The derived stage, in the order a reply goes through them (the pipeline chart's order)."""

    UNASSIGNED = "unassigned"
    AWAITING_ACCEPTANCE = "awaiting_acceptance"
    RETURNED = "returned"
    DRAFTING = "drafting"
    IN_REVIEW = "in_review"
    REVISING = "revising"
    AWAITING_SIGNATURE = "awaiting_signature"
    SIGNED = "signed"
    ISSUED = "issued"
    TRANSFERRED = "transferred"


_BY_LAST_FLOW: dict[str | None, Stage] = {
    None: Stage.AWAITING_ACCEPTANCE,
    Milestone.ASSIGNED: Stage.AWAITING_ACCEPTANCE,
    Milestone.ACCEPTED: Stage.DRAFTING,
    Milestone.RETURNED: Stage.RETURNED,
    Milestone.DRAFT_SUBMITTED: Stage.IN_REVIEW,
    Milestone.SENT_BACK: Stage.REVISING,
    Milestone.APPROVED: Stage.AWAITING_SIGNATURE,
    Milestone.SIGNED: Stage.SIGNED,
}


def derive_stage(
    transferred_on: date | None, responded_on: date | None, lead_unit: str | None, last_flow: str | None, as_of: date
) -> Stage:
    """The stage as of a date. A transfer or reply dated after ``as_of`` had not happened yet
    (as tracker/status.py reads them); ``last_flow`` is the latest flow milestone on or before it."""
    if transferred_on is not None and transferred_on <= as_of:
        return Stage.TRANSFERRED
    if responded_on is not None and responded_on <= as_of:
        return Stage.ISSUED
    if not lead_unit:
        return Stage.UNASSIGNED
    return _BY_LAST_FLOW[last_flow]


@dataclass(frozen=True)
class MilestoneRow:
    """One stored milestone, as the item page and the rules read it."""

    id: int
    kind: Milestone
    unit: str | None
    on_date: date
    due_on: date | None
    body: str
    document_no: str | None
    file_sha256: str | None
    actor: str

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> MilestoneRow:
        return cls(
            id=int(row["id"]),
            kind=Milestone(row["kind"]),
            unit=row["unit"],
            on_date=row["on_date"],
            due_on=row["due_on"],
            body=row["body"] or "",
            document_no=row["document_no"],
            file_sha256=row["file_sha256"],
            actor=row["actor"],
        )


def last_flow(milestones: Iterable[MilestoneRow], as_of: date) -> Milestone | None:
    """The latest flow milestone on or before ``as_of`` (rows in the order they were recorded)."""
    found: Milestone | None = None
    for m in milestones:
        if m.kind in FLOW and m.on_date <= as_of:
            found = m.kind
    return found


def review_rounds(milestones: Iterable[MilestoneRow]) -> int:
    """How many drafts the Office sent back."""
    return sum(1 for m in milestones if m.kind == Milestone.SENT_BACK)


# The default number of working days the draft is due before the legal deadline, per kind, and the
# setting that changes it. Questions run 20 days, recommendations 60 (tracker/deadlines.py), so the
# Office keeps 5 and 10 working days for review, signature and issue.
INTERNAL_DAYS_DEFAULT: dict[Kind, int] = {Kind.DEPUTY_QUESTION: 5, Kind.VOTER_RECOMMENDATION: 10}


def internal_days_setting(kind: Kind | str) -> str:
    return f"internal_deadline_days.{Kind(kind).value}"


def internal_days(settings: Mapping[str, str], kind: Kind | str) -> int:
    raw = settings.get(internal_days_setting(kind))
    return int(raw) if raw and raw.strip().isdigit() and int(raw) > 0 else INTERNAL_DAYS_DEFAULT[Kind(kind)]


def default_internal_due(calendar: WorkCalendar, settings: Mapping[str, str], kind: Kind | str, due_on: date) -> date:
    """N working days before the legal deadline (tracker/workdays.py)."""
    return calendar.working_days_before(due_on, internal_days(settings, kind))
