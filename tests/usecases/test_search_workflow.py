"""The lists' view of the reply's path (issue 12, points 1, 2 and 7) on a real DuckDB file: the
stage filter and column, the internal deadline beside the legal one (the default worked out on the
calendar, or the item's own), the queue's order by it, and the "unaccepted too long" marker/filter."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.conftest import LIAISON, draft, officer
from tracker import clock
from tracker.acceptance import unaccepted_cutoff, waited_too_long
from tracker.errors import InvalidInput
from tracker.items import Kind, Phase
from tracker.service import Filters, Tracker
from tracker.stage import Stage
from tracker.workdays import WorkCalendar

TODAY = clock.today()


@pytest.fixture
def path_items(tracker: Tracker) -> dict[str, int]:
    """Four items of one session received today: unassigned, awaiting acceptance, accepted
    (drafting), and awaiting acceptance with the Office's own internal deadline."""

    def make(name: str, **extra: object) -> int:
        values: dict[str, object] = {
            "received_on": TODAY,
            "summary": f"Kiến nghị {name} về chế độ tiền lương",
            "lead_unit": "TCBC",
        }
        values.update(extra)
        return tracker.create_item(LIAISON, draft(tracker, **values))

    ids = {
        "unassigned": make("chưa giao", lead_unit=None),
        "waiting": make("chờ nhận"),
        "drafting": make("đang dự thảo"),
        "own_deadline": make("hạn riêng"),
    }
    tracker.accept(officer("TCBC"), ids["drafting"], 1)
    tracker.set_internal_deadline(LIAISON, ids["own_deadline"], 1, TODAY + timedelta(days=7), "Lãnh đạo Bộ chỉ đạo")
    return ids


def found(tracker: Tracker, filters: Filters, as_of: date = TODAY, **kw: Any) -> list[dict]:
    return tracker.search(filters, as_of, **kw).rows


def test_stage_filter_keeps_only_the_chosen_stages(tracker: Tracker, path_items: dict[str, int]):
    rows = found(tracker, Filters(stages=(Stage.AWAITING_ACCEPTANCE.value,)))
    assert sorted(r["id"] for r in rows) == sorted([path_items["waiting"], path_items["own_deadline"]])
    both = found(tracker, Filters(stages=("drafting", "unassigned")))
    assert sorted(r["id"] for r in both) == sorted([path_items["drafting"], path_items["unassigned"]])
    assert {r["stage"] for r in both} == {"drafting", "unassigned"}
    # No stage chosen: every stage, each row still saying its own (read for the page's rows only).
    shown = {r["id"]: r["stage"] for r in found(tracker, Filters())}
    assert shown == {
        path_items["unassigned"]: "unassigned",
        path_items["waiting"]: "awaiting_acceptance",
        path_items["drafting"]: "drafting",
        path_items["own_deadline"]: "awaiting_acceptance",
    }
    assert tracker.search(Filters(stages=("issued",)), TODAY).total == 0


def test_an_unknown_stage_is_refused_before_any_query(tracker: Tracker):
    with pytest.raises(InvalidInput) as caught:
        tracker.search(Filters(stages=("drafting", "signed; drop table items")), TODAY)
    assert "signed; drop table items" in caught.value.message("vi")


def test_internal_deadline_is_the_default_before_the_legal_one_or_the_items_own(
    tracker: Tracker, path_items: dict[str, int]
):
    rows = {r["id"]: r for r in found(tracker, Filters())}
    waiting = rows[path_items["waiting"]]
    # The default: 10 working days before a recommendation's legal deadline, on the same calendar.
    assert waiting["internal_due"] == tracker.workflow(path_items["waiting"]).internal_due_on
    assert waiting["internal_due"] < waiting["due_on"]
    assert waiting["internal_days_left"] == (waiting["internal_due"] - TODAY).days
    own = rows[path_items["own_deadline"]]
    assert own["internal_due"] == TODAY + timedelta(days=7)
    assert own["internal_days_left"] == 7


def test_queue_order_by_internal_deadline_puts_the_earliest_first_and_closed_last(
    tracker: Tracker, path_items: dict[str, int]
):
    # A question received today: its default internal deadline (5 working days before a 20-day
    # deadline) comes before the recommendations' and after the Office's 7-day date.
    question = tracker.create_item(
        LIAISON,
        draft(
            tracker,
            kind=Kind.DEPUTY_QUESTION,
            phase=Phase.AT_SESSION,
            received_on=TODAY,
            summary="Chất vấn về biên chế",
            deputy="Đại biểu Trần Văn Khải",
        ),
    )
    ids = [r["id"] for r in found(tracker, Filters(), order="internal_due")]
    internal = [r["internal_due"] for r in found(tracker, Filters(), order="internal_due")]
    assert internal == sorted(internal)
    assert ids[0] == path_items["own_deadline"] and ids[1] == question
    reverse = [r["id"] for r in found(tracker, Filters(), order="internal_due", descending=True)]
    assert reverse[-1] == path_items["own_deadline"]


def test_unaccepted_too_long_after_the_kinds_working_days(tracker: Tracker, path_items: dict[str, int]):
    calendar = tracker.reference.calendar
    # Today nothing has waited; 5 working days on a recommendation has not yet passed a week on.
    assert found(tracker, Filters(unaccepted=True)) == []
    later = calendar.add_working_days(TODAY, 6)
    rows = found(tracker, Filters(unaccepted=True), as_of=later)
    assert sorted(r["id"] for r in rows) == sorted([path_items["waiting"], path_items["own_deadline"]])
    assert all(r["unaccepted_long"] for r in rows)
    marks = {r["id"]: r["unaccepted_long"] for r in found(tracker, Filters(), as_of=later)}
    assert marks[path_items["drafting"]] is False and marks[path_items["unassigned"]] is False
    exactly = calendar.add_working_days(TODAY, 5)  # waited exactly 5 working days: not more
    assert found(tracker, Filters(unaccepted=True), as_of=exactly) == []


def test_the_setting_changes_how_long_is_too_long(tracker: Tracker, path_items: dict[str, int]):
    from tests.conftest import ADMIN

    for bad in ("0", "31", "hai"):  # refused with a message, nothing saved
        with pytest.raises(InvalidInput) as caught:
            tracker.save_setting(ADMIN, "unaccepted_days.voter_recommendation", bad)
        assert caught.value.message("vi").startswith("Số ngày làm việc chờ nhận")
    assert "unaccepted_days.voter_recommendation" not in tracker.reference.settings
    tracker.save_setting(ADMIN, "unaccepted_days.voter_recommendation", "1")
    day = tracker.reference.calendar.add_working_days(TODAY, 2)
    assert len(found(tracker, Filters(unaccepted=True), as_of=day)) == 2


@pytest.mark.parametrize(
    ("assigned", "as_of", "days", "too_long"),
    [
        # Fri 30/01/2026, Tết 2026 from Mon 16/02 to Fri 20/02: the week off does not count.
        (date(2026, 2, 12), date(2026, 2, 23), 2, False),  # Fri 13/02, Mon 23/02: two working days
        (date(2026, 2, 12), date(2026, 2, 24), 2, True),
        (date(2026, 4, 29), date(2026, 5, 4), 2, False),  # 30/4 and 1/5 off: Thu 29 → Mon 4/5 is one day
        # Fri 28/08: Mon 31/08 (announced, made up on Sat 22/08), 1/9 and 2/9 off; Thu 3/9 is the first day.
        (date(2026, 8, 28), date(2026, 9, 9), 5, False),
        (date(2026, 8, 28), date(2026, 9, 10), 5, True),
    ],
)
def test_waited_too_long_on_real_vietnamese_dates(
    calendar: WorkCalendar, assigned: date, as_of: date, days: int, too_long: bool
):
    assert waited_too_long(calendar, days, assigned, as_of) is too_long
    # The list's SQL compares the assignment day with the cutoff: the same answer.
    assert (assigned < unaccepted_cutoff(calendar, days, as_of)) is too_long
