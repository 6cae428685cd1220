"""The unit's answer and the notes on the way to it (tracker/usecases/replies.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from tests.conftest import LIAISON, draft, reply
from tracker import clock
from tracker.errors import InvalidInput, InvalidInputs
from tracker.items import Result, Status
from tracker.service import Filters, Tracker


def _all_ids(tracker: Tracker, as_of: date = date(2100, 1, 1), **filters) -> list[int]:
    return [r["id"] for r in tracker.search(Filters(**filters), as_of, limit=1000).rows]


def test_progress_notes_are_history_without_a_new_version(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker))
    tracker.record_progress(LIAISON, item_id, "Đang lấy ý kiến Bộ Tài chính")
    event = tracker.history(item_id)[-1]
    assert (event.action, event.reason) == ("progress", "Đang lấy ý kiến Bộ Tài chính")
    assert tracker.get_item(item_id).version == 1
    with pytest.raises(InvalidInput):
        tracker.record_progress(LIAISON, item_id, "")


# -- replies ---------------------------------------------------------------------------------------
@pytest.fixture
def item(tracker):
    """A recommendation received 04/08/2025, due 03/10/2025 (60 days)."""
    item_id = tracker.create_item(LIAISON, draft(tracker))
    assert tracker.get_item(item_id).due_on == date(2025, 10, 3)
    return item_id


def test_being_resolved_needs_a_roadmap_and_a_committed_date(tracker, item):
    bad = reply(date(2025, 9, 1), Result.BEING_RESOLVED, roadmap="", committed_on=None)
    with pytest.raises(InvalidInputs) as caught:
        tracker.record_reply(LIAISON, item, 1, bad)
    assert {e.key for e in caught.value.errors} == {"error.roadmap_required", "error.committed_required"}
    assert "lộ trình" in caught.value.message("vi")
    with pytest.raises(InvalidInput) as caught:
        tracker.record_reply(LIAISON, item, 1, replace(bad, roadmap="Sửa Nghị định", committed_on=date(2025, 8, 30)))
    assert caught.value.key == "error.committed_before_reply"
    assert tracker.get_item(item).reply is None

    tracker.record_reply(LIAISON, item, 1, replace(bad, roadmap="Sửa Nghị định", committed_on=date(2026, 6, 30)))
    saved = tracker.get_item(item).reply
    assert (saved.result, saved.roadmap, saved.committed_on) == (
        Result.BEING_RESOLVED,
        "Sửa Nghị định",
        date(2026, 6, 30),
    )


def test_other_results_drop_roadmap_and_committed_date(tracker, item):
    tracker.record_reply(
        LIAISON, item, 1, reply(date(2025, 9, 1), Result.RESOLVED, roadmap="x", committed_on=date(2026, 1, 1))
    )
    saved = tracker.get_item(item).reply
    assert (saved.roadmap, saved.committed_on) == ("", None)


def test_a_reply_cannot_predate_receipt_or_lie_in_the_future(tracker, item):
    with pytest.raises(InvalidInput) as caught:
        tracker.record_reply(LIAISON, item, 1, reply(date(2025, 8, 3)))
    assert [e.key for e in caught.value.errors] == ["error.before_received"]
    with pytest.raises(InvalidInput) as caught:
        tracker.record_reply(LIAISON, item, 1, reply(clock.today() + timedelta(days=5), late_reason="x"))
    assert "error.future_date" in [e.key for e in caught.value.errors]
    with pytest.raises(InvalidInput) as caught:
        tracker.record_reply(LIAISON, item, 1, reply(date(2025, 9, 1), response_no=""))
    assert [e.key for e in caught.value.errors] == ["error.required"]
    with pytest.raises(InvalidInput):
        tracker.record_reply(LIAISON, item, 1, reply(date(2025, 9, 1), result="unknown"))
    assert tracker.get_item(item).version == 1
    # The day of receipt itself is fine.
    tracker.record_reply(LIAISON, item, 1, reply(date(2025, 8, 4)))


def test_a_late_reply_needs_the_reason_for_lateness(tracker, item):
    with pytest.raises(InvalidInput) as caught:
        tracker.record_reply(LIAISON, item, 1, reply(date(2025, 10, 6)))
    assert [e.key for e in caught.value.errors] == ["error.late_reason_required"]
    assert "03/10/2025" in caught.value.message("vi")
    # On the due day itself no reason is needed.
    version = tracker.record_reply(LIAISON, item, 1, reply(date(2025, 10, 3)))
    assert tracker.search(Filters(), date(2025, 12, 1)).rows[0]["status"] == Status.REPLIED_ON_TIME
    # Correcting the reply to a later date needs the reason, then counts as late.
    version = tracker.record_reply(
        LIAISON, item, version, reply(date(2025, 10, 6), late_reason="Chờ ý kiến Bộ Tài chính")
    )
    assert tracker.search(Filters(), date(2025, 12, 1)).rows[0]["status"] == Status.REPLIED_LATE
    assert [e.action for e in tracker.history(item)] == ["created", "replied", "reply_corrected"]
    assert tracker.history(item)[-1].reason == "Chờ ý kiến Bộ Tài chính"


def test_replied_items_find_their_reply_number(tracker, item):
    tracker.record_reply(LIAISON, item, 1, reply(date(2025, 9, 1), response_no="4321/BNV-TLBHXH"))
    assert _all_ids(tracker, text="4321/bnv") == [item]
