"""Suggestions (issue 14, points 1 and 5) on a real DuckDB file: what is shown of the earlier
item, what never comes back, and the index following the register."""

from __future__ import annotations

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


def test_an_item_saved_a_moment_ago_is_found_by_the_next_suggestion(tracker):
    assert tracker.similar_for_texts([AGAIN]) == [[]]  # the index is built here, over nothing
    old = _earlier(tracker)
    # No waiting for a rebuild: the save is in the index by the next call.
    assert [s.occurrence.id for s in tracker.similar_for_texts([AGAIN])[0]] == [old]
    other = tracker.create_item(LIAISON, draft(tracker, session="15/8", summary=OTHER, ref_no="8/BDN"))
    # Its text corrected to the same point: found under the new text, no longer under the old.
    tracker.edit_item(
        LIAISON,
        other,
        1,
        phase="before",
        ref_no="8/BDN",
        sources=("Cử tri tỉnh Nghệ An",),
        deputy="",
        summary=EARLIER.replace("Hà Tĩnh", "Nghệ An"),
        full_text="",
        topic="",
        reason="sửa nội dung",
    )
    assert {s.occurrence.id for s in tracker.similar_for_texts([AGAIN])[0]} == {old, other}
    assert tracker.similar_for_texts([OTHER]) == [[]]
    # Archived: gone from the suggestions at once; restored: back.
    version = tracker.set_archived(LIAISON, old, tracker.get_item(old).version, True, "Nhập nhầm")
    assert [s.occurrence.id for s in tracker.similar_for_texts([AGAIN])[0]] == [other]
    tracker.set_archived(LIAISON, old, version, False, "Khôi phục")
    assert {s.occurrence.id for s in tracker.similar_for_texts([AGAIN])[0]} == {old, other}


def test_a_full_build_replaces_the_supplement_and_keeps_what_was_saved(tracker, monkeypatch):
    from tracker.usecases import similar_suggest

    tracker.similar_for_texts([AGAIN])
    suggest = tracker.similar_for_texts.__self__
    monkeypatch.setattr(similar_suggest, "_FRESH_LIMIT", 0)  # the first saved item starts a build
    started = []
    monkeypatch.setattr(similar_suggest.threading, "Thread", lambda target, daemon: started.append(target) or _Now())
    old = _earlier(tracker)
    assert [s.occurrence.id for s in tracker.similar_for_texts([AGAIN])[0]] == [old]  # from the supplement
    assert suggest.index().fresh == 1 and len(started) == 1
    started[0]()  # the background build, run here
    built = suggest.index()
    assert built.fresh == 0 and len(built) == 1
    assert [s.occurrence.id for s in tracker.similar_for_texts([AGAIN])[0]] == [old]


class _Now:
    def start(self) -> None:
        pass
