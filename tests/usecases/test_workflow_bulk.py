"""Bulk steps (issue 12, point 8) on a real DuckDB file: one event per item, all or nothing,
refused as a whole with each refused item's own reason."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import LIAISON, VIEWER, draft, officer
from tracker import clock
from tracker.errors import PermissionDenied
from tracker.service import Tracker
from tracker.stage import Stage
from tracker.usecases.workflow_bulk import BulkRefused

TODAY = clock.today()
RECEIVED = TODAY - timedelta(days=3)


def items(t: Tracker, n: int, lead: str | None = None) -> list[int]:
    return [
        t.create_item(
            LIAISON, draft(t, received_on=RECEIVED, lead_unit=lead, summary=f"Kiến nghị số {k + 1} về tiền lương")
        )
        for k in range(n)
    ]


def test_bulk_assign_then_accept_writes_one_event_per_item(tracker: Tracker):
    ids = items(tracker, 12)
    versions = tracker.bulk_assign(LIAISON, [(i, 1) for i in ids], "TCBC", ("CQĐP",), "")
    assert set(versions) == set(ids) and set(versions.values()) == {2}
    assert all([e.action for e in tracker.history(i)] == ["created", "assigned"] for i in ids)
    tracker.bulk_accept(officer("TCBC"), list(versions.items()))
    assert {tracker.workflow(i).stage for i in ids} == {Stage.DRAFTING}
    assert all(len(tracker.history(i)) == 3 for i in ids)


def test_one_item_that_does_not_allow_it_refuses_the_lot_with_its_reasons(tracker: Tracker):
    ids = items(tracker, 5, lead="TCBC")
    tracker.accept(officer("TCBC"), ids[1], 1)  # already accepted: version 2, stage drafting
    chosen = [(i, 1) for i in ids]  # ids[1] also stale now
    with pytest.raises(BulkRefused) as caught:
        tracker.bulk_accept(officer("TCBC"), chosen)
    assert [e.item_id for e in caught.value.errors] == [ids[1]]
    message = caught.value.message("vi")
    assert message.splitlines()[0].startswith("Không thực hiện: 1/5 mục")
    assert f"Mục {ids[1]}: Mục đang ở bước «Đang dự thảo»" in message
    # Nothing was written for the four that were fine.
    assert [tracker.workflow(i).stage for i in ids] == [
        Stage.AWAITING_ACCEPTANCE,
        Stage.DRAFTING,
        Stage.AWAITING_ACCEPTANCE,
        Stage.AWAITING_ACCEPTANCE,
        Stage.AWAITING_ACCEPTANCE,
    ]
    assert all(len(tracker.history(i)) == 1 for i in ids if i != ids[1])


def test_bulk_internal_deadline_and_its_refusals(tracker: Tracker):
    ids = items(tracker, 3, lead="TCBC")
    day = RECEIVED + timedelta(days=10)
    tracker.bulk_internal_deadline(LIAISON, [(i, 1) for i in ids], day, "Theo chỉ đạo của Lãnh đạo Bộ")
    assert {tracker.workflow(i).internal_due_on for i in ids} == {day}
    with pytest.raises(BulkRefused) as caught:  # stale versions, every one named
        tracker.bulk_internal_deadline(LIAISON, [(i, 1) for i in ids], None, "")
    assert sorted(e.item_id for e in caught.value.errors) == sorted(ids)
    assert {e.error.key for e in caught.value.errors} == {"error.stale_item"}
    with pytest.raises(PermissionDenied):
        tracker.bulk_internal_deadline(VIEWER, [(ids[0], 2)], None, "")
    with pytest.raises(PermissionDenied):
        tracker.bulk_assign(officer("TCBC"), [(ids[0], 2)], "CQĐP")
