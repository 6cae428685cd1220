"""Raised again, merge and their undo (issue 14, point 3) on a real DuckDB file."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import LIAISON, VIEWER, draft, reply
from tracker.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from tracker.items import Result

EARLIER = "Cử tri tỉnh Nghệ An kiến nghị tăng phụ cấp cho người hoạt động không chuyên trách ở thôn, tổ dân phố."
AGAIN = "De nghi nang phu cap nguoi hoat dong khong chuyen trach o thon, to dan pho vi qua thap."


def _earlier(tracker) -> int:
    return tracker.create_item(
        LIAISON, draft(tracker, session="15/8", received_on=date(2024, 11, 4), summary=EARLIER, ref_no="12/BDN")
    )


def test_raised_again_links_two_sessions_logs_both_and_changes_no_field(tracker):
    old = _earlier(tracker)
    new = tracker.create_item(LIAISON, draft(tracker, summary=AGAIN))
    link_id = tracker.mark_raised_again(LIAISON, new, old, score=81)
    assert [(lk.kind, lk.item_id, lk.earlier_id, lk.score) for lk in tracker.links_of([new])] == [
        ("raised_again", new, old, 81)
    ]
    assert tracker.history(new)[-1].action == "raised_again"
    assert tracker.history(old)[-1].action == "raised_again_later"
    assert tracker.get_item(new).version == 1 and tracker.get_item(old).version == 1
    assert tracker.raised_before_ids() == {new}
    with pytest.raises(InvalidInput) as caught:
        tracker.mark_raised_again(LIAISON, old, new)
    assert caught.value.key == "error.similar_already_linked"
    tracker.undo_link(LIAISON, link_id)
    assert tracker.links_of([new]) == [] and tracker.raised_before_ids() == set()
    assert tracker.history(new)[-1].action == "raised_again_undone"
    with pytest.raises(NotFound):
        tracker.undo_link(LIAISON, link_id)


def test_raised_again_within_one_session_is_refused_and_points_to_merge(tracker):
    a = tracker.create_item(LIAISON, draft(tracker))
    b = tracker.create_item(LIAISON, draft(tracker))
    with pytest.raises(InvalidInput) as caught:
        tracker.mark_raised_again(LIAISON, b, a)
    assert caught.value.key == "error.similar_same_session"
    with pytest.raises(InvalidInput):
        tracker.mark_raised_again(LIAISON, a, a)
    with pytest.raises(PermissionDenied):
        tracker.mark_raised_again(VIEWER, b, _earlier(tracker))
    assert tracker.links_of([a, b]) == []


def test_merge_takes_the_union_of_sources_counts_once_and_undoes(tracker):
    session = tracker.get_item(tracker.create_item(LIAISON, draft(tracker, ref_no="1/BDN"))).session_id
    first = tracker.create_item(LIAISON, draft(tracker, ref_no="2/BDN", sources=("Cử tri tỉnh Nghệ An",)))
    second = tracker.create_item(
        LIAISON, draft(tracker, ref_no="3/BDN", sources=("Cử tri tỉnh Hà Tĩnh", "Cử tri tỉnh Nghệ An"))
    )
    as_of = date(2025, 9, 1)
    before = tracker.stats(as_of, session)[0].counts.total
    link_id = tracker.merge_items(LIAISON, first, second, 1, 1)
    kept, gone = tracker.get_item(first), tracker.get_item(second)
    assert kept.sources == ("Cử tri tỉnh Nghệ An", "Cử tri tỉnh Hà Tĩnh")
    assert gone.archived_at is not None and gone.archive_reason.value == "duplicate_entry"
    assert tracker.stats(as_of, session)[0].counts.total == before - 1
    assert tracker.chain(first).incoming_numbers() == ("2/BDN", "3/BDN")
    assert tracker.history(first)[-1].action == "merged_in"
    assert tracker.history(second)[-1].action == "merged_into"
    assert tracker.history(second)[-1].changes["merged_into"] == [None, first]

    tracker.undo_link(LIAISON, link_id)
    kept, back = tracker.get_item(first), tracker.get_item(second)
    assert kept.sources == ("Cử tri tỉnh Nghệ An",)
    assert back.archived_at is None
    assert tracker.stats(as_of, session)[0].counts.total == before
    assert [e.action for e in tracker.history(first)][-1] == "unmerged"
    assert [e.action for e in tracker.history(second)][-1] == "unmerged"


def test_a_stale_merge_changes_nothing(tracker):
    first = tracker.create_item(LIAISON, draft(tracker))
    second = tracker.create_item(LIAISON, draft(tracker))
    tracker.record_progress(LIAISON, second, "Đang xem")  # no version change
    tracker.assign(LIAISON, second, 1, "TLBHXH", ("TCBC",))
    with pytest.raises(Conflict):
        tracker.merge_items(LIAISON, first, second, 1, 1)
    assert tracker.get_item(first).version == 1 and tracker.get_item(second).archived_at is None
    assert tracker.links_of([first]) == []


def test_merge_across_sessions_is_refused(tracker):
    old = _earlier(tracker)
    new = tracker.create_item(LIAISON, draft(tracker))
    with pytest.raises(InvalidInput) as caught:
        tracker.merge_items(LIAISON, new, old, 1, 1)
    assert caught.value.key == "error.merge_other_session"
    assert tracker.get_item(old).archived_at is None


def test_the_chain_and_its_summary_across_three_sessions(tracker):
    first = tracker.create_item(
        LIAISON, draft(tracker, session="15/7", received_on=date(2024, 5, 27), summary=EARLIER, ref_no="5/BDN")
    )
    tracker.record_reply(
        LIAISON,
        first,
        1,
        reply(date(2024, 7, 1), Result.BEING_RESOLVED, roadmap="Sửa Nghị định 33", committed_on=date(2024, 12, 31)),
    )
    second = _earlier(tracker)
    third = tracker.create_item(LIAISON, draft(tracker, summary=AGAIN))
    tracker.mark_raised_again(LIAISON, second, first)
    tracker.mark_raised_again(LIAISON, third, second)
    chain = tracker.chain(second)
    assert [o.id for o in chain.occurrences] == [first, second, third]
    assert [o.id for o in chain.earlier()] == [first] and [o.id for o in chain.later()] == [third]
    assert [o.session for o in chain.occurrences] == ["15/7", "15/8", "15/9"]
    assert chain.summary("vi", date(2025, 9, 1)) == (
        "Nêu lại qua 3 kỳ họp từ 15/7; lần trả lời gần nhất: đang nghiên cứu, giải quyết, lộ trình đến 31/12/2024 — đã quá"
    )
    assert chain.summary("en", date(2024, 12, 1)).endswith("roadmap due 31/12/2024")
    counts = tracker.raised_again_counts([first, second, third], date(2025, 9, 1))
    assert (counts.raised_again, counts.last_explained, counts.commitment_passed) == (2, 0, 2)
    alone = tracker.create_item(LIAISON, draft(tracker))
    assert not tracker.chain(alone).raised_again
    assert (
        tracker.chain(alone).summary("vi", date(2025, 9, 1)) == "Nêu lại qua 1 kỳ họp từ 15/9; chưa có lần trả lời nào"
    )


def test_a_link_that_would_make_an_item_its_own_ancestor_is_refused_and_changes_nothing(tracker):
    first = tracker.create_item(
        LIAISON, draft(tracker, session="15/7", received_on=date(2024, 5, 27), summary=EARLIER, ref_no="5/BDN")
    )
    second = _earlier(tracker)
    third = tracker.create_item(LIAISON, draft(tracker, summary=AGAIN))
    tracker.mark_raised_again(LIAISON, second, first)
    tracker.mark_raised_again(LIAISON, third, second)
    history = len(tracker.history(first))
    # first → third would close the loop first → third → second → first.
    with pytest.raises(InvalidInput) as caught:
        tracker.mark_raised_again(LIAISON, first, third)
    assert caught.value.key == "error.similar_cycle"
    assert caught.value.message("vi") == (
        f"Không thể đánh dấu: mục {third} đã là lần nêu lại (trực tiếp hoặc qua các kỳ họp khác) của mục này, "
        "liên kết sẽ tạo thành vòng lặp."
    )
    assert [(lk.item_id, lk.earlier_id) for lk in tracker.links_of([first, second, third])] == [
        (second, first),
        (third, second),
    ]
    assert len(tracker.history(first)) == history
    assert [o.id for o in tracker.chain(third).occurrences] == [first, second, third]
    # Once the middle link is undone there is no loop left to close: the same link is accepted.
    middle = next(lk.id for lk in tracker.links_of([third]) if lk.item_id == third)
    tracker.undo_link(LIAISON, middle)
    tracker.mark_raised_again(LIAISON, first, third)
    assert {(lk.item_id, lk.earlier_id) for lk in tracker.links_of([first])} == {(second, first), (first, third)}
