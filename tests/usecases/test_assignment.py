"""Who handles an item and by when (tracker/usecases/assignment.py): deadline overrides, reassignment and transfer."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import LIAISON, draft, reply, session_id
from tracker.errors import InvalidInput
from tracker.service import Filters, Tracker


def _all_ids(tracker: Tracker, as_of: date = date(2100, 1, 1), **filters) -> list[int]:
    return [r["id"] for r in tracker.search(Filters(**filters), as_of, limit=1000).rows]


# -- deadlines, assignment ------------------------------------------------------------------------
def test_overriding_a_deadline_needs_a_reason_and_is_in_the_history(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker))
    old_due = tracker.get_item(item_id).due_on
    with pytest.raises(InvalidInput) as caught:
        tracker.override_deadline(LIAISON, item_id, 1, date(2025, 12, 31), "  ")
    assert caught.value.key == "error.required"
    with pytest.raises(InvalidInput) as caught:
        tracker.override_deadline(LIAISON, item_id, 1, date(2025, 8, 1), "lý do")
    assert caught.value.key == "error.due_before_received"
    assert tracker.get_item(item_id).version == 1

    version = tracker.override_deadline(LIAISON, item_id, 1, date(2025, 12, 31), "Gia hạn theo Công văn 12/VPCP")
    item = tracker.get_item(item_id)
    assert (version, item.version, item.due_on) == (2, 2, date(2025, 12, 31))
    assert item.due_override_reason == "Gia hạn theo Công văn 12/VPCP"
    event = tracker.history(item_id)[-1]
    assert event.action == "deadline_overridden"
    assert event.reason == "Gia hạn theo Công văn 12/VPCP"
    assert event.changes == {"due_on": [old_due.isoformat(), "2025-12-31"]}


def test_reassigning_the_lead_unit_needs_a_reason_and_is_recorded(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker, lead_unit=None))
    version = tracker.assign(LIAISON, item_id, 1, "TCBC", ("CQĐP",))  # first assignment: no reason needed
    assert tracker.history(item_id)[-1].action == "assigned"
    with pytest.raises(InvalidInput) as caught:
        tracker.assign(LIAISON, item_id, version, "CCVC", ())
    assert caught.value.key == "error.reason_required"
    assert tracker.get_item(item_id).lead_unit == "TCBC"

    version = tracker.assign(LIAISON, item_id, version, "CCVC", ("TCBC", "CCVC"), "Thuộc lĩnh vực công chức, viên chức")
    item = tracker.get_item(item_id)
    assert (item.lead_unit, item.coordinating_units, item.version) == ("CCVC", ("TCBC",), version)
    event = tracker.history(item_id)[-1]
    assert event.action == "reassigned"
    assert event.actor == "lienlac"
    assert event.reason == "Thuộc lĩnh vực công chức, viên chức"
    assert event.changes == {"lead_unit": ["TCBC", "CCVC"], "coordinating_units": ["CQĐP", "TCBC"]}
    assert [e.action for e in tracker.history(item_id)] == ["created", "assigned", "reassigned"]
    with pytest.raises(InvalidInput):
        tracker.assign(LIAISON, item_id, version, "NOPE", (), "x")


# -- transfer --------------------------------------------------------------------------------------
def test_transferred_items_are_counted_apart(tracker):
    ids = [tracker.create_item(LIAISON, draft(tracker, ref_no=f"{n}/BDN")) for n in range(3)]
    tracker.record_reply(LIAISON, ids[0], 1, reply(date(2025, 9, 1)))
    with pytest.raises(InvalidInput):
        tracker.transfer(LIAISON, ids[1], 1, date(2025, 8, 20), "")  # a note is required
    tracker.transfer(LIAISON, ids[1], 1, date(2025, 8, 20), "Không thuộc thẩm quyền; chuyển Ban Dân nguyện")
    (row,) = tracker.stats(date(2025, 9, 15), session_id(tracker, "15/9"), "voter_recommendation")
    c = row.counts
    assert (c.total, c.replied, c.open_not_due, c.overdue, c.transferred) == (2, 1, 1, 0, 1)
    assert c.completion_pct == 50.0
    # Before the transfer date it was simply open.
    (row,) = tracker.stats(date(2025, 8, 19), session_id(tracker, "15/9"), "voter_recommendation")
    assert (row.counts.total, row.counts.transferred) == (3, 0)
    # A transferred item takes no reply; a replied one cannot be transferred.
    with pytest.raises(InvalidInput) as caught:
        tracker.record_reply(LIAISON, ids[1], 2, reply(date(2025, 9, 1)))
    assert caught.value.key == "error.reply_on_transferred"
    with pytest.raises(InvalidInput) as caught:
        tracker.transfer(LIAISON, ids[0], 2, date(2025, 9, 2), "chuyển")
    assert caught.value.key == "error.transfer_replied"
    assert _all_ids(tracker, status="transferred") == [ids[1]]


def test_assigning_without_coordinating_units_logs_no_empty_change(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker, lead_unit=None))
    tracker.assign(LIAISON, item_id, 1, "CQĐP")
    assert tracker.history(item_id)[-1].changes == {"lead_unit": [None, "CQĐP"]}


def test_an_assignment_that_changes_nothing_writes_no_event_and_keeps_the_version(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker, lead_unit=None))
    version = tracker.assign(LIAISON, item_id, 1, "CQĐP", ("TCBC",))
    events = len(tracker.history(item_id))
    assert tracker.assign(LIAISON, item_id, version, "CQĐP", ("TCBC",)) == version
    assert len(tracker.history(item_id)) == events
    assert tracker.get_item(item_id).version == version
