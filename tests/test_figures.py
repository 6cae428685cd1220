"""Figures that must not mislead (issue 9): an item entered by mistake counts at no date, every
per-unit figure names its role, one rounding rule and its administrator setting."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import ADMIN, LIAISON, draft, reply, session_id
from tracker.errors import InvalidInput, PermissionDenied
from tracker.items import ArchiveReason
from tracker.percent import percent_text
from tracker.status import counts_as_of

SEPT_30 = date(2025, 9, 30)  # the day a past report was made


# -- the rule ------------------------------------------------------------------------------------
def test_an_item_archived_as_a_duplicate_counts_at_no_date():
    received, archived = date(2025, 8, 4), date(2025, 10, 15)
    for as_of in (date(2025, 8, 4), SEPT_30, date(2025, 10, 14), archived, date(2026, 1, 1)):
        assert not counts_as_of(received_on=received, archived_on=archived, archive_reason="duplicate_entry", as_of=as_of)


def test_an_item_archived_for_another_reason_counts_until_its_archiving():
    received, archived = date(2025, 8, 4), date(2025, 10, 15)
    for reason in (ArchiveReason.OTHER, None):  # None: archived before reasons had kinds
        assert counts_as_of(received_on=received, archived_on=archived, archive_reason=reason, as_of=date(2025, 10, 14))
        assert not counts_as_of(received_on=received, archived_on=archived, archive_reason=reason, as_of=archived)
    assert not counts_as_of(received_on=received, archived_on=None, archive_reason=None, as_of=date(2025, 8, 3))
    assert counts_as_of(received_on=received, archived_on=None, archive_reason=None, as_of=received)


# -- the audit's case: a re-issued past report no longer carries the duplicate ---------------------
@pytest.fixture
def six_with_a_duplicate(tracker):
    """Six recommendations of the 9th session received 04/08/2025, four replied on 20/08/2025;
    the sixth is the fifth entered a second time by mistake."""
    ids = [tracker.create_item(LIAISON, draft(tracker, ref_no=f"{n}/BDN")) for n in range(1, 7)]
    for item_id in ids[:4]:
        tracker.record_reply(LIAISON, item_id, 1, reply(date(2025, 8, 20)))
    return tracker, ids[-1]


def _september(tracker) -> tuple[int, int]:
    (row,) = tracker.stats(SEPT_30, session_id(tracker, "15/9"), "voter_recommendation")
    return row.counts.total, row.counts.replied


def test_archived_as_entered_by_mistake_the_past_report_says_5_and_80_percent(six_with_a_duplicate):
    tracker, duplicate = six_with_a_duplicate
    total, replied = _september(tracker)
    assert (total, replied, percent_text(replied, total, "vi")) == (6, 4, "66,7 %")
    tracker.set_archived(LIAISON, duplicate, 1, True, "Nhập trùng với kiến nghị số 5/BDN", ArchiveReason.DUPLICATE_ENTRY)
    total, replied = _september(tracker)
    assert (total, replied, percent_text(replied, total, "vi")) == (5, 4, "80,0 %")
    by_unit = tracker.stats_by_unit(SEPT_30, session_id(tracker, "15/9"))
    assert sum(r.counts.total for r in by_unit) == 5
    item = tracker.get_item(duplicate)
    assert item.archive_reason == ArchiveReason.DUPLICATE_ENTRY
    archived = tracker.history(duplicate)[-1]
    assert (archived.action, archived.changes) == ("archived", {"archive_reason": [None, "duplicate_entry"]})


def test_archived_for_another_reason_the_past_report_is_unchanged(six_with_a_duplicate):
    tracker, other = six_with_a_duplicate
    version = tracker.set_archived(LIAISON, other, 1, True, "Đơn vị đề nghị tạm ẩn", ArchiveReason.OTHER)
    assert _september(tracker) == (6, 4)
    (today,) = tracker.stats(date.today(), session_id(tracker, "15/9"), "voter_recommendation")
    assert today.counts.total == 5
    # Restoring clears the kind; archiving again as a duplicate then removes it from September.
    version = tracker.set_archived(LIAISON, other, version, False, "Khôi phục để sửa lý do")
    assert tracker.get_item(other).archive_reason is None
    tracker.set_archived(LIAISON, other, version, True, "Thực ra là nhập trùng", "duplicate_entry")
    assert _september(tracker) == (5, 4)


def test_an_unknown_archive_kind_is_refused_and_changes_nothing(six_with_a_duplicate):
    tracker, item_id = six_with_a_duplicate
    with pytest.raises(InvalidInput) as refused:
        tracker.set_archived(LIAISON, item_id, 1, True, "Nhập trùng", "mistake")
    assert refused.value.message("vi") == 'Giá trị "mistake" không hợp lệ (Loại lý do lưu trữ).'
    assert tracker.get_item(item_id).archived_at is None and tracker.get_item(item_id).version == 1


# -- the administrator's setting: 1 or 2 decimals --------------------------------------------------
def test_decimals_are_an_administrator_setting_of_1_or_2(tracker):
    assert tracker.reference.percent_decimals == 1
    tracker.save_setting(ADMIN, "percent_decimals", "2")
    assert tracker.reference.percent_decimals == 2
    for bad in ("3", "0", "hai", ""):
        with pytest.raises(InvalidInput) as refused:
            tracker.save_setting(ADMIN, "percent_decimals", bad)
        assert refused.value.message("vi") == "Số chữ số thập phân của tỷ lệ phần trăm chỉ có thể là 1 hoặc 2."
        assert refused.value.message("en") == "Percentages can have 1 or 2 decimals only."
    assert tracker.reference.percent_decimals == 2
    with pytest.raises(PermissionDenied):  # a liaison officer may not change settings
        tracker.save_setting(LIAISON, "percent_decimals", "1")
    assert tracker.reference.percent_decimals == 2
