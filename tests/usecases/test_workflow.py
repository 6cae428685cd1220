"""The reply's path on a real DuckDB file (issue 12): the journey and its figures, stale versions,
bad input that changes nothing, items replied before the change, the internal deadline and
commitments."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import LIAISON, draft, officer, reply
from tracker import clock
from tracker.errors import Conflict, InvalidInput
from tracker.items import Result
from tracker.service import Tracker
from tracker.stage import Milestone, Stage
from tracker.usecases.workflow_commitments import Commitment

TODAY = clock.today()
RECEIVED = TODAY - timedelta(days=3)
LEAD, COORD = officer("TCBC"), officer("CQĐP")


def new_item(t: Tracker, **overrides: object) -> int:
    values = {"received_on": RECEIVED, "lead_unit": "TCBC", "coordinating_units": ("CQĐP",), **overrides}
    return t.create_item(LIAISON, draft(t, **values))


def to_review(t: Tracker, item_id: int, version: int = 1) -> int:
    v = t.accept(LEAD, item_id, version, officer="Lê Thị Hoa")
    return t.submit_draft(LEAD, item_id, v, "Dự thảo văn bản trả lời")


def test_the_journey_moves_the_stage_and_the_counts(tracker: Tracker, db_path):
    item_id = new_item(tracker)
    counts = lambda: tracker.stage_counts(TODAY)[(tracker.get_item(item_id).session_id, "voter_recommendation", None)]
    assert counts() == {"awaiting_acceptance": 1}
    v = tracker.accept(LEAD, item_id, 1)
    v = tracker.request_part(LEAD, item_id, v, "CQĐP", TODAY + timedelta(days=3), "Cho ý kiến về biên chế")
    assert [p.received_on for p in tracker.workflow(item_id).parts] == [None]
    v = tracker.record_part(COORD, item_id, v, "Thống nhất với dự thảo")
    v = tracker.submit_draft(LEAD, item_id, v, "Dự thảo lần 1")
    assert counts() == {"in_review": 1}
    v = tracker.review(LIAISON, item_id, v, False, "Bổ sung số liệu")
    v = tracker.submit_draft(LEAD, item_id, v, "Dự thảo lần 2")
    v = tracker.review(LIAISON, item_id, v, True, "")
    assert counts() == {"awaiting_signature": 1}
    v = tracker.issue(LIAISON, item_id, v, reply(TODAY))
    assert counts() == {"issued": 1}
    tracker.close()
    reopened = Tracker.open(db_path)  # the milestones are on the file
    try:
        view = reopened.workflow(item_id)
        assert view.stage == Stage.ISSUED and view.review_rounds == 1
        assert [p.received_on for p in view.parts] == [TODAY]
        kinds = [m.kind for m in view.milestones]
        assert kinds.count(Milestone.DRAFT_SUBMITTED) == 2  # each round kept
        assert [e.action for e in reopened.history(item_id)][-1] == "issued"
        item = reopened.get_item(item_id)
        assert item.reply is not None and item.reply.response_no == "1234/BNV-TLBHXH"
        (row,) = [r for r in reopened.stats(TODAY, item.session_id) if r.kind == "voter_recommendation"]
        assert row.counts.replied == 1  # issuing is the reply the legal figures count
        medians = reopened.stage_medians(TODAY)[(item.session_id, "voter_recommendation", "TCBC")]
        assert medians["median_review_rounds"] == 1.0
        assert medians["median_days_to_accept"] == 0.0
    finally:
        reopened.close()


def test_a_stale_version_is_refused_and_nothing_changes(tracker: Tracker):
    item_id = new_item(tracker)
    v = tracker.accept(LEAD, item_id, 1)
    tracker.set_internal_deadline(LIAISON, item_id, v, RECEIVED + timedelta(days=5), "Lãnh đạo yêu cầu")
    before = tracker.workflow(item_id)
    with pytest.raises(Conflict):
        tracker.submit_draft(LEAD, item_id, v, "Dự thảo")
    assert tracker.workflow(item_id) == before


@pytest.mark.parametrize(
    ("act", "key"),
    [
        (lambda t, i, v: t.return_item(LEAD, i, v, "  "), "error.required"),
        (lambda t, i, v: t.request_part(LEAD, i, v, "CCVC", TODAY, "Cho ý kiến"), "error.workflow_not_coordinating"),
        (
            lambda t, i, v: t.request_part(LEAD, i, v, "CQĐP", TODAY - timedelta(days=1), "Cho ý kiến"),
            "error.workflow_due_past",
        ),
        (lambda t, i, v: t.submit_draft(LEAD, i, v, ""), "error.required"),
        (lambda t, i, v: t.submit_draft(LEAD, i, v, "Dự thảo", file_sha256="ab" * 32), "error.workflow_file_unknown"),
        (
            lambda t, i, v: t.set_internal_deadline(LIAISON, i, v, RECEIVED - timedelta(days=1), "Sớm"),
            "error.internal_due_range",
        ),
        (lambda t, i, v: t.set_internal_deadline(LIAISON, i, v, TODAY, ""), "error.required"),
    ],
)
def test_bad_input_changes_nothing(tracker: Tracker, act, key):
    item_id = new_item(tracker)
    v = tracker.accept(LEAD, item_id, 1)
    before, events = tracker.workflow(item_id), len(tracker.history(item_id))
    with pytest.raises(InvalidInput) as caught:
        act(tracker, item_id, v)
    assert caught.value.key == key
    assert caught.value.message("vi") != key  # a sentence in the user's language
    assert tracker.workflow(item_id) == before and len(tracker.history(item_id)) == events


def test_a_reply_cannot_be_issued_before_the_steps_it_follows(tracker: Tracker):
    item_id = new_item(tracker)
    v = tracker.review(LIAISON, item_id, to_review(tracker, item_id), True, "")
    with pytest.raises(InvalidInput) as caught:
        tracker.issue(LIAISON, item_id, v, reply(TODAY - timedelta(days=1)))
    assert caught.value.key == "error.workflow_issued_before"
    assert tracker.workflow(item_id).stage == Stage.AWAITING_SIGNATURE


def test_an_item_replied_before_the_workflow_derives_as_issued_and_keeps_its_figures(tracker: Tracker):
    item_id = new_item(tracker, received_on=date(2025, 8, 4))
    session = tracker.get_item(item_id).session_id
    tracker.record_reply(LIAISON, item_id, 1, reply(date(2025, 9, 1)))
    as_of = date(2025, 12, 31)
    before = tracker.stats(as_of, session)
    assert tracker.workflow(item_id).stage == Stage.ISSUED
    assert tracker.stage_counts(as_of, session) == {(session, "voter_recommendation", None): {"issued": 1}}
    assert tracker.stats(as_of, session) == before
    # Before its reply date it was simply waiting for the unit (no milestone then).
    assert tracker.workflow(item_id, as_of=date(2025, 8, 20)).stage == Stage.AWAITING_ACCEPTANCE


def test_a_returned_item_reassigned_waits_for_the_new_lead(tracker: Tracker):
    item_id = new_item(tracker)
    v = tracker.return_item(LEAD, item_id, 1, "Không thuộc chức năng; thuộc Vụ Tổ chức cán bộ")
    assert tracker.workflow(item_id).stage == Stage.RETURNED
    v = tracker.assign(LIAISON, item_id, v, "TCCB", (), "Đơn vị trả lại")
    assert tracker.workflow(item_id).stage == Stage.AWAITING_ACCEPTANCE
    tracker.accept(officer("TCCB"), item_id, v)
    assert tracker.workflow(item_id).stage == Stage.DRAFTING


def test_the_internal_deadline_defaults_and_is_overridden_with_a_reason(tracker: Tracker):
    item_id = new_item(tracker, kind="deputy_question", phase="at_session")
    item = tracker.get_item(item_id)
    default = tracker.reference.calendar.working_days_before(item.due_on, 5)
    view = tracker.workflow(item_id)
    assert (view.internal_due_on, view.internal_is_default) == (default, True)
    day = RECEIVED + timedelta(days=2)
    v = tracker.set_internal_deadline(LIAISON, item_id, 1, day, "Phục vụ phiên chất vấn")
    view = tracker.workflow(item_id)
    assert (view.internal_due_on, view.internal_is_default, view.internal_reason) == (
        day,
        False,
        "Phục vụ phiên chất vấn",
    )
    assert tracker.get_item(item_id).due_on == item.due_on  # the legal deadline never moves
    tracker.set_internal_deadline(LIAISON, item_id, v, None, "")
    assert tracker.workflow(item_id).internal_is_default


def test_drafts_count_on_time_or_late_against_the_internal_deadline(tracker: Tracker):
    early, late = new_item(tracker), new_item(tracker)
    to_review(tracker, early)
    to_review(tracker, late, tracker.set_internal_deadline(LIAISON, late, 1, RECEIVED, "Cần gấp"))
    session = tracker.get_item(early).session_id
    tally = tracker.draft_timeliness(TODAY)[(session, "voter_recommendation", "TCBC")]
    assert tally == {"draft_on_time": 1, "draft_late": 1, "draft_overdue": 0}


def test_a_commitment_is_followed_until_done_without_rewriting_the_reply(tracker: Tracker):
    item_id = new_item(tracker)
    v = tracker.review(LIAISON, item_id, to_review(tracker, item_id), True, "")
    committed = TODAY + timedelta(days=30)
    v = tracker.issue(LIAISON, item_id, v, reply(TODAY, Result.BEING_RESOLVED, committed_on=committed))
    session = tracker.get_item(item_id).session_id
    assert tracker.workflow(item_id).commitment == Commitment.PENDING
    assert tracker.workflow(item_id, as_of=committed + timedelta(days=1)).commitment == Commitment.OVERDUE
    with pytest.raises(InvalidInput) as caught:
        tracker.record_commitment(LEAD, item_id, v, done=True, on=TODAY, note="Xong", document_no="")
    assert caught.value.key == "error.required"
    v = tracker.record_commitment(LEAD, item_id, v, done=False, on=TODAY, note="Đã trình dự thảo Nghị định")
    v = tracker.record_commitment(LEAD, item_id, v, done=True, on=TODAY, note="", document_no="15/2026/NĐ-CP")
    view = tracker.workflow(item_id)
    assert (view.commitment, view.result_now) == (Commitment.MET, "resolved")
    assert tracker.get_item(item_id).reply.result == Result.BEING_RESOLVED  # the reply as issued
    assert tracker.commitments(TODAY)[(session, "voter_recommendation", "TCBC")]["commitments_met"] == 1
    assert tracker.workflow(item_id, as_of=TODAY - timedelta(days=1)).result_now == "being_resolved"


def test_the_commitment_counts_agree_with_each_items_state(tracker: Tracker):
    """The SQL count (workflow/commitments_as_of) and the item view apply the same rule."""
    committed = [TODAY + timedelta(days=30), TODAY + timedelta(days=30), TODAY + timedelta(days=60)]
    ids = []
    for day in committed:
        item_id = new_item(tracker)
        v = tracker.review(LIAISON, item_id, to_review(tracker, item_id), True, "")
        tracker.issue(LIAISON, item_id, v, reply(TODAY, Result.BEING_RESOLVED, committed_on=day))
        ids.append(item_id)
    tracker.record_commitment(
        LEAD, ids[0], tracker.get_item(ids[0]).version, done=True, on=TODAY, note="", document_no="1/QĐ-BNV"
    )
    session = tracker.get_item(ids[0]).session_id
    for as_of in (TODAY, TODAY + timedelta(days=45), TODAY + timedelta(days=90)):
        states = [tracker.workflow(i, as_of=as_of).commitment for i in ids]
        counted = tracker.commitments(as_of)[(session, "voter_recommendation", "TCBC")]
        assert counted == {f"commitments_{c.value}": states.count(c) for c in Commitment}
