"""Finding items (tracker/usecases/reporting.py): the register's search, its filters, the queue's order and paging."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import ADMIN, LIAISON, draft, reply
from tracker.errors import InvalidInput
from tracker.service import Filters, Tracker
from tracker.text import fold

AS_OF = date(2025, 9, 15)  # a Monday


def _all_ids(tracker: Tracker, as_of: date = date(2100, 1, 1), **filters) -> list[int]:
    return [r["id"] for r in tracker.search(Filters(**filters), as_of, limit=1000).rows]


# -- search, filters, queue, paging ---------------------------------------------------------------------
def test_search_ignores_diacritics_and_case(tracker):
    luong = tracker.create_item(
        LIAISON, draft(tracker, summary="Điều chỉnh lương cơ sở", sources=("Cử tri TP. Đà Nẵng",))
    )
    other = tracker.create_item(LIAISON, draft(tracker, summary="Biên chế giáo viên mầm non", topic="Biên chế"))
    for text in ("luong", "LƯƠNG", "Lương", "lương cơ sở", "luong   co so", "da nang", "ĐÀ NẴNG"):
        assert _all_ids(tracker, text=text) == [luong], text
    assert _all_ids(tracker, text="bien che") == [other]
    assert _all_ids(tracker, text="luong giao vien") == []  # every word must match
    assert sorted(_all_ids(tracker, text="")) == sorted([luong, other])
    assert _all_ids(tracker, text="tien luong") == [luong]  # the topic is searched too


def test_unit_filter_matches_lead_or_coordinating(tracker):
    lead = tracker.create_item(LIAISON, draft(tracker, lead_unit="CQĐP"))
    coord = tracker.create_item(LIAISON, draft(tracker, lead_unit="TCBC", coordinating_units=("VL", "CQĐP")))
    neither = tracker.create_item(LIAISON, draft(tracker, lead_unit="TCBC", coordinating_units=("VL",)))
    assert sorted(_all_ids(tracker, unit="CQĐP")) == sorted([lead, coord])
    assert sorted(_all_ids(tracker, unit="VL")) == sorted([coord, neither])
    assert _all_ids(tracker, unit="CQ") == []  # whole codes only


@pytest.fixture
def queue(tracker):
    """Open items with known deadlines around Mon 15/09/2025 (due soon = within 5 working days: to 22/09)."""

    def make(name, due, **extra):
        return name, tracker.create_item(
            LIAISON, draft(tracker, summary=f"Mục {name}", due_on=due, due_override_reason="Theo yêu cầu", **extra)
        )

    ids = dict(
        [
            make("late_a", date(2025, 9, 10)),
            make("late_b", date(2025, 9, 5), lead_unit="CQĐP"),
            make("soon_c", date(2025, 9, 17)),
            make("later_d", date(2025, 10, 20)),
            make("done_e", date(2025, 10, 3)),
            make("soon_f", date(2025, 9, 22)),
            make("later_g", date(2025, 9, 23)),
        ]
    )
    tracker.record_reply(LIAISON, ids["done_e"], 1, reply(date(2025, 8, 20)))
    return ids


def test_queue_order_is_overdue_then_due_soon_then_the_rest(tracker, queue):
    rows = tracker.search(Filters(), AS_OF, order="queue").rows
    names = {v: k for k, v in queue.items()}
    assert [names[r["id"]] for r in rows] == ["late_b", "late_a", "soon_c", "soon_f", "later_g", "later_d", "done_e"]
    assert [r["status"] for r in rows[:2]] == ["overdue", "overdue"]


def test_status_filters(tracker, queue):
    def names(status):
        return sorted(k for k, v in queue.items() if v in _all_ids(tracker, as_of=AS_OF, status=status))

    assert names("overdue") == ["late_a", "late_b"]
    assert names("due_soon") == ["soon_c", "soon_f"]
    assert names("open") == ["late_a", "late_b", "later_d", "later_g", "soon_c", "soon_f"]
    assert names("replied") == ["done_e"]
    assert names("replied_on_time") == ["done_e"]
    assert names("transferred") == []
    assert sorted(k for k, v in queue.items() if v in _all_ids(tracker, as_of=AS_OF, result="explained")) == ["done_e"]
    assert sorted(k for k, v in queue.items() if v in _all_ids(tracker, as_of=AS_OF, unit="CQĐP")) == ["late_b"]
    in_window = _all_ids(tracker, as_of=AS_OF, due_from=date(2025, 9, 10), due_to=date(2025, 9, 22))
    assert sorted(k for k, v in queue.items() if v in in_window) == ["late_a", "soon_c", "soon_f"]


def test_due_soon_window_is_a_setting(tracker, queue):
    tracker.save_setting(ADMIN, "due_soon_days", "1")  # only up to Tue 16/09
    assert _all_ids(tracker, as_of=AS_OF, status="due_soon") == []
    tracker.save_setting(ADMIN, "due_soon_days", "6")  # up to Tue 23/09
    assert len(_all_ids(tracker, as_of=AS_OF, status="due_soon")) == 3
    with pytest.raises(InvalidInput):
        tracker.save_setting(ADMIN, "due_soon_days", "0")


def test_paging(tracker, queue):
    pages = [tracker.search(Filters(), AS_OF, order="queue", limit=3, offset=o) for o in (0, 3, 6)]
    assert [len(p.rows) for p in pages] == [3, 3, 1]
    assert all(p.total == 7 for p in pages)
    assert [(p.offset, p.limit) for p in pages] == [(0, 3), (3, 3), (6, 3)]
    seen = [r["id"] for p in pages for r in p.rows]
    assert seen == [r["id"] for r in tracker.search(Filters(), AS_OF, order="queue").rows]
    past = tracker.search(Filters(), AS_OF, limit=3, offset=30)
    assert (past.rows, past.total) == ([], 7)
    assert tracker.search(Filters(text="không có"), AS_OF).total == 0


def test_items_received_after_as_of_are_not_yet_in_the_register(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker, received_on=date(2025, 8, 4)))
    assert _all_ids(tracker, as_of=date(2025, 8, 3)) == []
    assert _all_ids(tracker, as_of=date(2025, 8, 4)) == [item_id]


# -- on the demo data ----------------------------------------------------------------------------------------
def test_demo_search_without_diacritics_finds_salary_items(demo_tracker):
    page = demo_tracker.search(Filters(text="luong co so"), date(2026, 11, 1), limit=1000)
    assert page.total > 0
    for r in page.rows:  # every word is found somewhere in the item's text, whatever its marks
        haystack = fold(" ".join(str(r[k] or "") for k in ("ref_no", "summary", "topic", "sources", "deputy")))
        assert all(word in haystack for word in ("luong", "co", "so")), r
    assert any("lương cơ sở" in r["summary"] for r in page.rows)
    with_marks = demo_tracker.search(Filters(text="lương cơ sở"), date(2026, 11, 1), limit=1000)
    assert [r["id"] for r in with_marks.rows] == [r["id"] for r in page.rows]


def test_demo_paging_visits_every_item_once(demo_tracker):
    as_of = date(2026, 11, 20)
    total = demo_tracker.search(Filters(), as_of, limit=1).total
    assert total > 300
    seen = []
    for offset in range(0, total, 50):
        page = demo_tracker.search(Filters(), as_of, order="queue", limit=50, offset=offset)
        assert page.total == total
        seen += [r["id"] for r in page.rows]
    assert len(seen) == len(set(seen)) == total
    stats_total = sum(r.counts.total + r.counts.transferred for r in demo_tracker.stats(as_of))
    assert stats_total == total
