"""The lists' order (issue 11): urgency first by default, computed in SQL so paging stays on the
server; days left/overdue, "due soon" as a shown status, the filtered unit's role; any allow-listed column."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import LIAISON, draft, reply, session_id
from tracker.errors import InvalidInput
from tracker.search_order import SORT_KEYS
from tracker.service import Filters

AS_OF = date(2025, 9, 15)  # Monday; due soon = within 5 working days, to Mon 22/09/2025


@pytest.fixture
def spread(tracker):
    """Items of two sessions, overdue by different amounts, due soon, later, replied and transferred."""

    def make(name, session, received, due, **extra):
        item = draft(
            tracker,
            session=session,
            received_on=received,
            summary=f"Mục {name}",
            due_on=due,
            due_override_reason="Theo văn bản đôn đốc",
            **extra,
        )
        return name, tracker.create_item(LIAISON, item)

    ids = dict(
        [
            make("late_5", "15/9", date(2025, 8, 4), date(2025, 9, 10)),
            make("later", "15/9", date(2025, 8, 4), date(2025, 10, 20), lead_unit="CQĐP"),
            make("late_30", "15/8", date(2025, 2, 3), date(2025, 8, 16)),
            make("soon_2", "15/8", date(2025, 2, 3), date(2025, 9, 17), coordinating_units=("CQĐP",)),
            make("replied", "15/8", date(2025, 2, 3), date(2025, 4, 4)),
            make("late_12", "15/9", date(2025, 8, 4), date(2025, 9, 3), lead_unit="CQĐP"),
            make("soon_7", "15/9", date(2025, 8, 4), date(2025, 9, 22)),
        ]
    )
    tracker.record_reply(LIAISON, ids["replied"], 1, reply(date(2025, 4, 1)))
    return ids


def _names(spread, rows):
    by_id = {v: k for k, v in spread.items()}
    return [by_id[r["id"]] for r in rows]


URGENT = ["late_30", "late_12", "late_5", "soon_2", "soon_7", "later", "replied"]


def test_default_order_is_urgency_across_sessions(tracker, spread):
    rows = tracker.search(Filters(), AS_OF).rows
    assert _names(spread, rows) == URGENT
    assert [r["days_left"] for r in rows] == [-30, -12, -5, 2, 7, 35, None]
    assert [r["shown_status"] for r in rows] == [
        "overdue",
        "overdue",
        "overdue",
        "due_soon",
        "due_soon",
        "open_not_due",
        "replied_on_time",
    ]
    # The stored status stays what the rules derive; "due soon" is how the list shows it.
    assert rows[3]["status"] == "open_not_due"


def test_page_two_of_the_urgency_order_continues_it(tracker, spread):
    pages = [tracker.search(Filters(), AS_OF, limit=3, offset=o) for o in (0, 3, 6)]
    assert [_names(spread, p.rows) for p in pages] == [URGENT[:3], URGENT[3:6], URGENT[6:]]
    assert {p.total for p in pages} == {7}


def test_urgency_order_within_one_session_and_a_status(tracker, spread):
    assert _names(spread, tracker.search(Filters(session_id=session_id(tracker, "15/9")), AS_OF).rows) == [
        "late_12",
        "late_5",
        "soon_7",
        "later",
    ]
    assert _names(spread, tracker.search(Filters(status="due_soon"), AS_OF).rows) == ["soon_2", "soon_7"]


def test_the_filtered_units_role(tracker, spread):
    rows = tracker.search(Filters(unit="CQĐP"), AS_OF).rows
    assert [(n, r["unit_role"]) for n, r in zip(_names(spread, rows), rows, strict=True)] == [
        ("late_12", "lead"),
        ("soon_2", "coordinating"),
        ("later", "lead"),
    ]
    assert {r["unit_role"] for r in tracker.search(Filters(), AS_OF).rows} == {None}


def test_days_left_and_due_soon_follow_the_as_of_date(tracker, spread):
    rows = {r["id"]: r for r in tracker.search(Filters(), date(2025, 9, 18)).rows}
    assert rows[spread["soon_2"]]["days_left"] == -1  # due 17/09: overdue from the day after
    assert rows[spread["soon_2"]]["shown_status"] == "overdue"
    assert rows[spread["later"]]["days_left"] == 32


def test_sorting_by_a_column_and_its_direction(tracker, spread):
    def order(key, descending=None, **kw):
        return _names(spread, tracker.search(Filters(**kw), AS_OF, order=key, descending=descending).rows)

    by_due = ["replied", "late_30", "late_12", "late_5", "soon_2", "soon_7", "later"]
    assert order("due_on") == by_due
    assert order("due_on", descending=True) == by_due[::-1]
    # Newest received first by default; equal dates fall back to the newest entry first.
    assert order("received_on") == ["soon_7", "late_12", "later", "late_5", "replied", "soon_2", "late_30"]
    assert order("received") == order("received_on")  # the old register order's name still works
    assert order("queue") == URGENT
    assert order("urgency", descending=True)[0] == "replied"
    # 15/9 opened after 15/8: newest session first, then ascending.
    assert order("session")[:4] == ["soon_7", "late_12", "later", "late_5"]
    assert order("session", descending=False)[:3] == ["replied", "soon_2", "late_30"]
    assert order("status")[:3] == ["late_30", "late_12", "late_5"]
    assert order("status")[-1] == "replied"
    assert order("id") == sorted(spread, key=spread.get)
    # Units in the ministry's own order (Vụ Chính quyền địa phương before Cục Tiền lương và BHXH).
    assert order("lead_unit", status="open")[:2] == ["late_12", "later"]
    assert order("lead_unit", descending=True, status="open")[-2:] == ["late_12", "later"]
    assert set(order("kind")) == set(spread)
    assert set(order("ref_no", descending=True)) == set(spread)


def test_page_two_of_a_column_sort(tracker, spread):
    first = tracker.search(Filters(), AS_OF, order="due_on", descending=True, limit=4, offset=0)
    second = tracker.search(Filters(), AS_OF, order="due_on", descending=True, limit=4, offset=4)
    assert _names(spread, first.rows) + _names(spread, second.rows) == [
        "later",
        "soon_7",
        "soon_2",
        "late_5",
        "late_12",
        "late_30",
        "replied",
    ]
    assert (len(second.rows), second.total) == (3, 7)


@pytest.mark.parametrize("bad", ["due_on; drop table items", "summary", "", "URGENCY"])
def test_a_key_outside_the_allow_list_is_refused(tracker, spread, bad):
    with pytest.raises(InvalidInput) as caught:
        tracker.search(Filters(), AS_OF, order=bad)
    assert caught.value.key == "error.sort_key"
    assert len(tracker.search(Filters(), AS_OF).rows) == 7  # nothing changed


def test_every_allowed_key_runs(tracker, spread):
    for key in SORT_KEYS:
        for descending in (False, True):
            page = tracker.search(Filters(), AS_OF, order=key, descending=descending, limit=5, offset=2)
            assert (len(page.rows), page.total) == (5, 7), key
