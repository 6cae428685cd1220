"""The workflow's rows of the lifecycle table (issue 12): which step on the reply's path an item
allows now, for this person.

tracker/lifecycle.py holds the table of item verbs (assign, reply, transfer, ...); these steps sit
beside it with the same shape — a role gate, then gates on the item's facts, first refusal wins —
but they read the derived stage (tracker/stage.py), which the item verbs never needed. The service
asks ``check`` inside every workflow write; the item page asks ``offers`` which forms to show.

Who: only the lead unit accepts, returns, asks for parts and submits drafts; only its
coordinating units record their parts; only the Office (liaison, or an administrator) reviews,
signs, issues and sets the internal deadline; the lead unit or the Office follows a commitment up;
a viewer sees.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from tracker.errors import InvalidInput, PermissionDenied, TrackerError
from tracker.permissions import Actor, Role
from tracker.record import split
from tracker.stage import Stage, derive_stage


class Step(StrEnum):
    """The workflow's verbs, in the order the item page offers them."""

    ACCEPT = "accept"
    RETURN = "return"
    REQUEST_PART = "request_part"
    RECORD_PART = "record_part"
    SUBMIT_DRAFT = "submit_draft"
    REVIEW = "review"  # approve, or send back with comments
    SIGN = "sign"
    ISSUE = "issue"  # the reply record: number, date, signer, result
    SET_INTERNAL_DEADLINE = "set_internal_deadline"
    RECORD_COMMITMENT = "record_commitment"  # progress or completion of a "being resolved" reply


@dataclass(frozen=True)
class WorkFacts:
    """What the steps read of an item: its stage now and who takes part."""

    stage: Stage
    lead: str | None
    coordinating: tuple[str, ...]
    archived: bool
    commitment_open: bool = False  # issued "being resolved" and not yet recorded as done


def facts_of_row(row: Mapping[str, Any], last_flow: str | None, commitment_done: bool, today: date) -> WorkFacts:
    """The facts of an ``items/get`` row, with its latest flow milestone, as of today."""
    stage = derive_stage(row["transferred_on"], row["responded_on"], row["lead_unit"], last_flow, today)
    return WorkFacts(
        stage=stage,
        lead=row["lead_unit"],
        coordinating=split(row["coordinating_units"], ";"),
        archived=row["archived_at"] is not None,
        commitment_open=stage == Stage.ISSUED and row["result"] == "being_resolved" and not commitment_done,
    )


Who = Callable[[Actor, WorkFacts], bool]


def _office(actor: Actor, facts: WorkFacts) -> bool:
    return actor.role in (Role.ADMIN, Role.LIAISON)


def _lead_unit(actor: Actor, facts: WorkFacts) -> bool:
    return actor.role == Role.UNIT_OFFICER and actor.unit is not None and actor.unit == facts.lead


def _coordinating_unit(actor: Actor, facts: WorkFacts) -> bool:
    return actor.role == Role.UNIT_OFFICER and actor.unit is not None and actor.unit in facts.coordinating


def _lead_or_office(actor: Actor, facts: WorkFacts) -> bool:
    return _lead_unit(actor, facts) or _office(actor, facts)


@dataclass(frozen=True)
class StepRule:
    who: Who
    stages: frozenset[Stage]  # the stages the step is possible in
    extra: Callable[[WorkFacts], TrackerError | None] | None = None


def _stages(*stages: Stage) -> frozenset[Stage]:
    return frozenset(stages)


def _commitment_open(facts: WorkFacts) -> TrackerError | None:
    return None if facts.commitment_open else InvalidInput("error.workflow_no_commitment")


_OPEN = _stages(
    Stage.UNASSIGNED,
    Stage.AWAITING_ACCEPTANCE,
    Stage.RETURNED,
    Stage.DRAFTING,
    Stage.IN_REVIEW,
    Stage.REVISING,
    Stage.AWAITING_SIGNATURE,
    Stage.SIGNED,
)
_WORKING = _stages(Stage.DRAFTING, Stage.REVISING)

# The table. Its order is the item page's order.
TABLE: dict[Step, StepRule] = {
    Step.ACCEPT: StepRule(_lead_unit, _stages(Stage.AWAITING_ACCEPTANCE)),
    Step.RETURN: StepRule(_lead_unit, _stages(Stage.AWAITING_ACCEPTANCE, Stage.DRAFTING)),
    Step.REQUEST_PART: StepRule(_lead_unit, _WORKING),
    Step.RECORD_PART: StepRule(_coordinating_unit, _stages(Stage.DRAFTING, Stage.IN_REVIEW, Stage.REVISING)),
    Step.SUBMIT_DRAFT: StepRule(_lead_unit, _WORKING),
    Step.REVIEW: StepRule(_office, _stages(Stage.IN_REVIEW)),
    Step.SIGN: StepRule(_office, _stages(Stage.AWAITING_SIGNATURE)),
    Step.ISSUE: StepRule(_office, _stages(Stage.AWAITING_SIGNATURE, Stage.SIGNED)),
    Step.SET_INTERNAL_DEADLINE: StepRule(_office, _OPEN),
    Step.RECORD_COMMITMENT: StepRule(_lead_or_office, _stages(Stage.ISSUED), _commitment_open),
}


def decide(actor: Actor, step: Step, facts: WorkFacts) -> TrackerError | None:
    """The error ``check`` would raise, or None when the step is allowed."""
    rule = TABLE[step]
    if not rule.who(actor, facts):
        return PermissionDenied(action=step.value, role=actor.role.value)
    if facts.archived:
        return InvalidInput("error.workflow_archived")
    if facts.stage not in rule.stages:
        return InvalidInput("error.workflow_stage", step=step.value, stage=facts.stage.value)
    return rule.extra(facts) if rule.extra else None


def check(actor: Actor, step: Step, facts: WorkFacts) -> None:
    error = decide(actor, step, facts)
    if error is not None:
        raise error


def may_ever(actor: Actor, step: Step) -> bool:
    """The role gate alone, before any item is read: a viewer never takes a step."""
    if step in (Step.REVIEW, Step.SIGN, Step.ISSUE, Step.SET_INTERNAL_DEADLINE):
        return actor.role in (Role.ADMIN, Role.LIAISON)
    if step == Step.RECORD_COMMITMENT:
        return actor.role in (Role.ADMIN, Role.LIAISON, Role.UNIT_OFFICER)
    return actor.role == Role.UNIT_OFFICER


def check_role(actor: Actor, step: Step) -> None:
    if not may_ever(actor, step):
        raise PermissionDenied(action=step.value, role=actor.role.value)


def offers(actor: Actor, facts: WorkFacts) -> tuple[Step, ...]:
    """What the item page shows this actor for an item with these facts, in the table's order."""
    return tuple(step for step in TABLE if decide(actor, step, facts) is None)
