"""The workflow table (tracker/workflow_rules.py), cell by cell: every step x stage x kind of actor,
through the service (it refuses or accepts) and through ``offers`` (the item page shows exactly
what the service would accept). The expected table is written out here, not derived from the
module, so a change to the rules shows up as a change to this table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import ADMIN, LIAISON, VIEWER, draft, officer, reply
from tracker import clock, workflow_rules
from tracker.errors import InvalidInput, PermissionDenied
from tracker.items import Result
from tracker.permissions import Actor
from tracker.service import Tracker
from tracker.stage import Stage
from tracker.usecases.workflow_read import WorkflowView
from tracker.workflow_rules import Step

TODAY = clock.today()
RECEIVED = TODAY - timedelta(days=3)
ACTORS: dict[str, Actor] = {
    "admin": ADMIN,
    "liaison": LIAISON,
    "lead": officer("TCBC"),
    "coordinating": officer("CQĐP"),
    "other": officer("CCVC"),
    "viewer": VIEWER,
}
LEAD, COORD = ACTORS["lead"], ACTORS["coordinating"]
# The states an item is brought to: every stage, an issued "being resolved" reply, and an archived item.
STATES = (
    "unassigned",
    "awaiting_acceptance",
    "returned",
    "drafting",
    "in_review",
    "revising",
    "awaiting_signature",
    "signed",
    "issued",
    "issued_resolving",
    "transferred",
    "archived",
)
OFFICE, LEAD_ONLY, COORD_ONLY = {"admin", "liaison"}, {"lead"}, {"coordinating"}
# step -> (who may take it, the states it is possible in)
EXPECTED: dict[Step, tuple[set[str], set[str]]] = {
    Step.ACCEPT: (LEAD_ONLY, {"awaiting_acceptance"}),
    Step.RETURN: (LEAD_ONLY, {"awaiting_acceptance", "drafting"}),
    Step.REQUEST_PART: (LEAD_ONLY, {"drafting", "revising"}),
    Step.RECORD_PART: (COORD_ONLY, {"drafting", "in_review", "revising"}),
    Step.SUBMIT_DRAFT: (LEAD_ONLY, {"drafting", "revising"}),
    Step.REVIEW: (OFFICE, {"in_review"}),
    Step.SIGN: (OFFICE, {"awaiting_signature"}),
    Step.ISSUE: (OFFICE, {"awaiting_signature", "signed"}),
    Step.SET_INTERNAL_DEADLINE: (
        OFFICE,
        {
            "unassigned",
            "awaiting_acceptance",
            "returned",
            "drafting",
            "in_review",
            "revising",
            "awaiting_signature",
            "signed",
        },
    ),
    Step.RECORD_COMMITMENT: (OFFICE | LEAD_ONLY, {"issued_resolving"}),
}
# The stage each successful step leads to (None: the stage does not move).
LEADS_TO: dict[Step, Stage | None] = {
    Step.ACCEPT: Stage.DRAFTING,
    Step.RETURN: Stage.RETURNED,
    Step.REQUEST_PART: None,
    Step.RECORD_PART: None,
    Step.SUBMIT_DRAFT: Stage.IN_REVIEW,
    Step.REVIEW: Stage.REVISING,  # the attempt sends back; approval is tested below
    Step.SIGN: Stage.SIGNED,
    Step.ISSUE: Stage.ISSUED,
    Step.SET_INTERNAL_DEADLINE: None,
    Step.RECORD_COMMITMENT: None,
}


def test_the_table_covers_every_step():
    assert set(EXPECTED) == set(Step) == set(workflow_rules.TABLE) == set(LEADS_TO)


def make_item(t: Tracker, state: str) -> tuple[int, int]:
    """A fresh item (lead TCBC, coordinating CQĐP, received three days ago) brought to ``state``."""
    lead = None if state == "unassigned" else "TCBC"
    coordinating = () if lead is None else ("CQĐP",)
    item_id = t.create_item(LIAISON, draft(t, received_on=RECEIVED, lead_unit=lead, coordinating_units=coordinating))
    v = 1
    path: list[Callable[[int], int]] = []
    if state in ("returned",):
        path = [lambda v: t.return_item(LEAD, item_id, v, "Không thuộc chức năng của Cục")]
    steps_to = {
        "drafting": 1,
        "in_review": 2,
        "revising": 3,
        "awaiting_signature": 4,
        "signed": 5,
        "issued": 6,
        "issued_resolving": 6,
    }
    flow: list[Callable[[int], int]] = [
        lambda v: t.accept(LEAD, item_id, v),
        lambda v: t.submit_draft(LEAD, item_id, v, "Dự thảo văn bản trả lời"),
        lambda v: t.review(LIAISON, item_id, v, False, "Bổ sung số liệu năm 2026"),
        lambda v: t.review(LIAISON, item_id, t.submit_draft(LEAD, item_id, v, "Dự thảo lần 2"), True, ""),
        lambda v: t.sign(LIAISON, item_id, v, "Thứ trưởng Trần Minh Khoa", TODAY),
        lambda v: t.issue(
            LIAISON,
            item_id,
            v,
            reply(TODAY, Result.BEING_RESOLVED if state == "issued_resolving" else Result.EXPLAINED),
        ),
    ]
    path += flow[: steps_to.get(state, 0)]
    if state == "transferred":
        path = [lambda v: t.transfer(LIAISON, item_id, v, TODAY, "Chuyển Bộ Tài chính")]
    if state == "archived":
        path = [lambda v: t.set_archived(LIAISON, item_id, v, True, "Nhập trùng")]
    for step in path:
        v = step(v)
    return item_id, v


def attempt(t: Tracker, step: Step, actor: Actor, item_id: int, version: int) -> Callable[[], int]:
    calls: dict[Step, Callable[[], int]] = {
        Step.ACCEPT: lambda: t.accept(actor, item_id, version, officer="Lê Thị Hoa"),
        Step.RETURN: lambda: t.return_item(actor, item_id, version, "Thuộc thẩm quyền Bộ Tài chính"),
        Step.REQUEST_PART: lambda: t.request_part(
            actor, item_id, version, "CQĐP", TODAY + timedelta(days=5), "Đề nghị cho ý kiến về số liệu"
        ),
        Step.RECORD_PART: lambda: t.record_part(actor, item_id, version, "Cục Chính quyền địa phương thống nhất"),
        Step.SUBMIT_DRAFT: lambda: t.submit_draft(actor, item_id, version, "Dự thảo"),
        Step.REVIEW: lambda: t.review(actor, item_id, version, False, "Sửa phần căn cứ pháp lý"),
        Step.SIGN: lambda: t.sign(actor, item_id, version, "Thứ trưởng Trần Minh Khoa", TODAY),
        Step.ISSUE: lambda: t.issue(actor, item_id, version, reply(TODAY)),
        Step.SET_INTERNAL_DEADLINE: lambda: t.set_internal_deadline(
            actor, item_id, version, RECEIVED + timedelta(days=7), "Lãnh đạo Bộ yêu cầu sớm"
        ),
        Step.RECORD_COMMITMENT: lambda: t.record_commitment(
            actor, item_id, version, done=True, on=TODAY, note="Đã ban hành Nghị định", document_no="12/2026/NĐ-CP"
        ),
    }
    return calls[step]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory):
    t = Tracker.open(Path(tmp_path_factory.mktemp("workflow")) / "tracker.duckdb")
    try:
        yield t
    finally:
        t.close()


@dataclass(frozen=True)
class Standing:
    """An item brought to a state for the refusals, as it was read once it got there."""

    item_id: int
    version: int
    view: WorkflowView
    events: int


@pytest.fixture(scope="module")
def standing(live: Tracker) -> dict[str, Standing]:
    """One item per state for the refusals, which must leave it exactly as it was when made: every
    refused cell compares the item with this first reading (so a refusal that changed it fails its
    own cell and every later one), instead of reading it again before each attempt."""
    made = {state: make_item(live, state) for state in STATES}
    return {
        state: Standing(item_id, version, live.workflow(item_id), len(live.history(item_id)))
        for state, (item_id, version) in made.items()
    }


def test_each_state_derives_its_stage(live, standing):
    expected = {s: Stage(s) for s in STATES if s in Stage.__members__.values()}
    expected |= {"issued_resolving": Stage.ISSUED, "archived": Stage.AWAITING_ACCEPTANCE}
    assert {s: live.workflow(standing[s].item_id).stage for s in STATES} == expected
    assert {s: standing[s].view.stage for s in STATES} == expected


@pytest.mark.parametrize("who", list(ACTORS))
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("step", list(Step), ids=str)
def test_every_cell_the_service_and_the_page_agree(live, standing, step, state, who):
    actor = ACTORS[who]
    allowed_who, allowed_states = EXPECTED[step]
    # An unassigned item has no lead nor coordinating unit: those officers are nobody to it yet.
    permitted = who in allowed_who and not (state == "unassigned" and who in ("lead", "coordinating"))
    possible = state in allowed_states
    if permitted and possible:
        item_id, version = make_item(live, state)
        assert step in workflow_rules.offers(actor, live.workflow(item_id).facts)
        events = len(live.history(item_id))
        new_version = attempt(live, step, actor, item_id, version)()
        assert new_version == version + 1
        assert len(live.history(item_id)) == events + 1
        after = live.workflow(item_id).stage
        assert after == (LEADS_TO[step] or Stage(state if state != "issued_resolving" else "issued"))
        return
    here = standing[state]
    item_id, version, view, events = here.item_id, here.version, here.view, here.events
    assert view.version == version
    assert step not in workflow_rules.offers(actor, view.facts)
    with pytest.raises((PermissionDenied, InvalidInput)) as caught:
        attempt(live, step, actor, item_id, version)()
    if not permitted:
        assert isinstance(caught.value, PermissionDenied)
        assert caught.value.params == {"action": step.value, "role": actor.role.value}
    elif state == "archived":
        assert caught.value.key == "error.workflow_archived"
    elif step == Step.RECORD_COMMITMENT and state == "issued":
        assert caught.value.key == "error.workflow_no_commitment"
    else:
        assert caught.value.key == "error.workflow_stage"
        assert caught.value.params == {"step": step.value, "stage": view.stage.value}
    after = live.workflow(item_id)  # the item's row (its version) and its milestones, read again
    assert after.version == version
    assert len(live.history(item_id)) == events
    assert after.milestones == view.milestones
