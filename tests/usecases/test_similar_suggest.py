"""Suggestions (issue 14, points 1 and 5) on a real DuckDB file: what is shown of the earlier
item, what never comes back, and the index following the register."""

from __future__ import annotations

import time
from datetime import date

from tests.conftest import LIAISON, draft, reply, session_id
from tracker.items import Result

EARLIER = (
    "Cử tri tỉnh Hà Tĩnh kiến nghị có chính sách hỗ trợ người hoạt động không chuyên trách cấp xã dôi dư sau sắp xếp."
)
AGAIN = "nguoi hoat dong khong chuyen trach cap xa doi du sau sap xep chua co chinh sach ho tro, de nghi som ban hanh"
OTHER = "Đề nghị xét tặng danh hiệu Bà mẹ Việt Nam anh hùng cho các hồ sơ tồn đọng."


def _earlier(tracker) -> int:
    item_id = tracker.create_item(
        LIAISON, draft(tracker, session="15/8", received_on=date(2024, 11, 4), summary=EARLIER, ref_no="7/BDN")
    )
    tracker.record_reply(LIAISON, item_id, 1, reply(date(2024, 12, 2), Result.EXPLAINED))
    return item_id


def test_a_new_text_gets_the_earlier_item_with_its_session_unit_and_reply(tracker):
    old = _earlier(tracker)
    tracker.create_item(LIAISON, draft(tracker, summary=OTHER))
    (found,) = tracker.similar_for_texts([AGAIN])
    assert [s.occurrence.id for s in found] == [old]
    best = found[0]
    assert (best.occurrence.session, best.occurrence.ref_no, best.occurrence.lead_unit) == ("15/8", "7/BDN", "TLBHXH")
    assert best.occurrence.response_no == "1234/BNV-TLBHXH" and best.occurrence.result == "explained"
    assert 58 <= best.score <= 100
    assert tracker.similar_for_texts(["Đề nghị tăng cường quản lý hoạt động truyền đạo trái pháp luật."]) == [[]]


def test_the_session_scan_skips_dismissed_and_linked_pairs(tracker):
    old = _earlier(tracker)
    new = tracker.create_item(LIAISON, draft(tracker, summary=AGAIN))
    twin = tracker.create_item(LIAISON, draft(tracker, summary=AGAIN + " nhanh"))
    sid = session_id(tracker, "15/9")
    found = {s.item.id: [m.occurrence.id for m in s.matches] for s in tracker.similar_for_session(sid)}
    assert found[new][:2] == [twin, old] or set(found[new]) == {twin, old}
    tracker.dismiss_similar(LIAISON, new, twin)
    tracker.mark_raised_again(LIAISON, new, old)
    found = {s.item.id: [m.occurrence.id for m in s.matches] for s in tracker.similar_for_session(sid)}
    assert new not in found  # both its pairs are decided
    assert found[twin] == [old]
    assert tracker.similar_for_item(new) == []


def test_a_merged_item_is_never_suggested(tracker):
    first = tracker.create_item(LIAISON, draft(tracker, summary=EARLIER))
    second = tracker.create_item(LIAISON, draft(tracker, summary=AGAIN))
    assert {s.occurrence.id for s in tracker.similar_for_texts([AGAIN])[0]} == {first, second}
    tracker.merge_items(LIAISON, first, second, 1, 1)
    assert [s.occurrence.id for s in tracker.similar_for_texts([AGAIN])[0]] == [first]


def test_the_index_follows_items_saved_after_it_was_built(tracker):
    assert tracker.similar_for_texts([AGAIN]) == [[]]
    old = _earlier(tracker)
    suggest = tracker.similar_for_texts.__self__
    for _ in range(600):  # the rebuild runs on its own thread; wait for it, however long it takes
        found = tracker.similar_for_texts([AGAIN])[0]
        if found:
            break
        time.sleep(0.05)
    assert [s.occurrence.id for s in found] == [old]
    assert not suggest._building
