"""Entering an item (tracker/usecases/item_entry.py): creating, correcting, archiving and restoring it, and reading one, as a liaison officer meets them."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest

from tests.conftest import LIAISON, draft, reply, session_id
from tracker import clock
from tracker.errors import Conflict, InvalidInput, InvalidInputs, NotFound
from tracker.items import Kind, Phase
from tracker.service import Filters, Tracker

AS_OF = date(2025, 9, 15)  # a Monday
VIETNAMESE = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE)


def _all_ids(tracker: Tracker, as_of: date = date(2100, 1, 1), **filters) -> list[int]:
    return [r["id"] for r in tracker.search(Filters(**filters), as_of, limit=1000).rows]


# -- creating ------------------------------------------------------------------------------------
def test_create_computes_the_deadline_and_records_who_created_it(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker, received_on=date(2025, 7, 2), ref_no="1520/BDN"))
    item = tracker.get_item(item_id)
    assert item.due_on == date(2025, 9, 3)  # 60 days = Sun 31/8, 1-2/9 off
    assert item.due_basis == (
        "nhận 02/07/2025 + 60 ngày = 31/08/2025, rơi vào cuối tuần và Ngày Quốc khánh → 03/09/2025"
        " (Bộ luật Dân sự Điều 147, 148(5); Bộ luật Lao động Điều 112)"
    )
    assert item.due_override_reason == ""
    assert item.version == 1
    assert item.reply is None
    (event,) = tracker.history(item_id)
    assert (event.actor, event.action) == ("lienlac", "created")
    assert event.changes["due_on"] == [None, "2025-09-03"]
    assert event.changes["lead_unit"] == [None, "TLBHXH"]


def test_create_normalises_text(tracker):
    import unicodedata

    item_id = tracker.create_item(
        LIAISON,
        draft(
            tracker,
            summary=unicodedata.normalize("NFD", "  Đề nghị tăng phụ cấp  "),
            coordinating_units=("CQĐP", "TLBHXH", "CQĐP"),
        ),
    )
    item = tracker.get_item(item_id)
    assert item.summary == "Đề nghị tăng phụ cấp"
    assert item.coordinating_units == ("CQĐP",)  # duplicates and the lead itself are dropped


def test_every_problem_in_a_form_is_reported_at_once_in_vietnamese(tracker):
    bad = draft(
        tracker,
        kind=Kind.DEPUTY_QUESTION,
        phase=Phase.BEFORE,  # recommendations only
        received_on=clock.today() + timedelta(days=30),
        summary="   ",
        sources=(),
        deputy="",
        lead_unit="KHÔNG-CÓ",
    )
    with pytest.raises(InvalidInputs) as caught:
        tracker.create_item(LIAISON, bad)
    keys = {e.key for e in caught.value.errors}
    assert keys == {
        "error.phase_kind",
        "error.future_date",
        "error.required",
        "error.deputy_required",
        "error.unknown_unit",
    }
    fields = {e.field for e in caught.value.errors}
    assert {"phase", "received_on", "summary", "deputy", "lead_unit"} <= fields
    message = caught.value.message()  # Vietnamese by default
    assert len(message.splitlines()) == 5
    assert VIETNAMESE.search(message)
    assert "Chất vấn cần ghi đại biểu hoặc đoàn đại biểu." in message
    assert 'Không có đơn vị "KHÔNG-CÓ".' in message
    assert "A question needs the deputy or delegation." in caught.value.message("en")
    assert tracker.search(Filters(), date(2100, 1, 1)).total == 0


def test_error_messages_name_the_field_as_the_form_does_and_fill_every_placeholder(tracker):
    future = clock.today() + timedelta(days=30)
    with pytest.raises(InvalidInputs) as caught:
        tracker.create_item(LIAISON, draft(tracker, summary="", received_on=future))
    vi, en = caught.value.message("vi"), caught.value.message("en")
    for message in (vi, en):
        assert "{" not in message and "}" not in message, message
        assert future.strftime("%d/%m/%Y") in message
    assert "Tóm tắt nội dung" in vi  # the form's label, not "summary"
    assert "Summary" in en


def test_an_unknown_session_is_reported_together_with_the_other_problems(tracker):
    with pytest.raises(InvalidInputs) as caught:
        tracker.create_item(LIAISON, draft(tracker, session_id=99_999, summary=""))
    assert {e.key for e in caught.value.errors} == {"error.session_not_found", "error.required"}
    assert "99999" in caught.value.message("vi")


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"kind": "petition"}, "error.choice"),
        ({"phase": Phase.AT_SESSION}, "error.phase_kind"),
        ({"received_on": None}, "error.date_required"),
        ({"received_on": date(1900, 1, 1)}, "error.date_range"),
        ({"summary": "x" * 2001}, "error.too_long"),
        ({"ref_no": "12\n34"}, "error.control_chars"),
        ({"summary": "Kiến nghị\x00"}, "error.control_chars"),
        ({"lead_unit": None, "coordinating_units": ("CQĐP",)}, "error.lead_required"),
        ({"coordinating_units": ("XYZ",)}, "error.unknown_unit"),
        ({"due_on": date(2025, 12, 1)}, "error.override_reason"),
        ({"due_on": date(2025, 8, 1), "due_override_reason": "lý do"}, "error.due_before_received"),
        ({"sources": tuple(f"Cử tri tỉnh {n}" for n in range(71))}, "error.too_many"),
    ],
)
def test_single_rule_violations(tracker, changes, key):
    with pytest.raises(InvalidInput) as caught:
        tracker.create_item(LIAISON, draft(tracker, **changes))
    assert key in [e.key for e in getattr(caught.value, "errors", [caught.value])]


def test_a_question_needs_a_deputy_or_delegation(tracker):
    q = draft(tracker, kind=Kind.DEPUTY_QUESTION, phase=Phase.AT_SESSION, sources=(), deputy="")
    with pytest.raises(InvalidInput):
        tracker.create_item(LIAISON, q)
    item_id = tracker.create_item(LIAISON, replace(q, deputy="Nguyễn Thị Minh Hà"))
    assert tracker.get_item(item_id).due_on == date(2025, 8, 25)  # 20 days: Sun 24/8 -> Mon 25/8


def test_duplicate_incoming_number_in_the_same_session_is_refused(tracker):
    first = tracker.create_item(LIAISON, draft(tracker, ref_no="2345/BDN"))
    with pytest.raises(InvalidInput) as caught:
        tracker.create_item(LIAISON, draft(tracker, ref_no=" 2345/bdn "))
    assert caught.value.key == "error.duplicate_ref"
    assert caught.value.field == "ref_no"
    assert str(first) in caught.value.message("vi")
    assert _all_ids(tracker) == [first]
    # The same number is fine in another session, or for the other kind.
    tracker.create_item(LIAISON, draft(tracker, ref_no="2345/BDN", session="15/8", received_on=date(2025, 1, 20)))
    tracker.create_item(
        LIAISON,
        draft(tracker, ref_no="2345/BDN", kind=Kind.DEPUTY_QUESTION, phase=Phase.AT_SESSION, deputy="Trần Văn Khải"),
    )
    # Case is ignored for Vietnamese letters too.
    tracker.create_item(LIAISON, draft(tracker, ref_no="12/BNV-CQĐP"))
    with pytest.raises(InvalidInput):
        tracker.create_item(LIAISON, draft(tracker, ref_no="12/bnv-cqđp"))
    # An empty number never clashes.
    tracker.create_item(LIAISON, draft(tracker, ref_no=""))
    tracker.create_item(LIAISON, draft(tracker, ref_no=""))
    assert len(_all_ids(tracker)) == 6


def test_restoring_an_item_cannot_create_a_duplicate_number(tracker):
    a = tracker.create_item(LIAISON, draft(tracker, ref_no="88/BDN"))
    version = tracker.set_archived(LIAISON, a, 1, True, "Nhập nhầm")
    tracker.create_item(LIAISON, draft(tracker, ref_no="88/BDN"))
    with pytest.raises(InvalidInput) as caught:
        tracker.set_archived(LIAISON, a, version, False, "Khôi phục")
    assert caught.value.key == "error.duplicate_ref"
    assert tracker.get_item(a).archived_at is not None
    assert len(_all_ids(tracker)) == 1


def test_deadline_override_at_creation_is_kept_with_its_reason(tracker):
    item_id = tracker.create_item(
        LIAISON,
        draft(tracker, due_on=date(2025, 9, 30), due_override_reason="Ban Dân nguyện yêu cầu trả lời trước 30/9"),
    )
    item = tracker.get_item(item_id)
    assert item.due_on == date(2025, 9, 30)
    assert item.due_override_reason == "Ban Dân nguyện yêu cầu trả lời trước 30/9"
    assert item.due_basis.endswith("| 30/09/2025")
    (event,) = tracker.history(item_id)
    assert event.reason == "Ban Dân nguyện yêu cầu trả lời trước 30/9"


@pytest.fixture
def item(tracker):
    """A recommendation received 04/08/2025, due 03/10/2025 (60 days)."""
    item_id = tracker.create_item(LIAISON, draft(tracker))
    assert tracker.get_item(item_id).due_on == date(2025, 10, 3)
    return item_id


# -- optimistic locking ------------------------------------------------------------------------------
def test_a_stale_version_is_a_conflict_and_changes_nothing(tracker, item):
    version = tracker.assign(LIAISON, item, 1, "TCBC", (), "Chuyển Vụ Tổ chức - Biên chế")
    assert version == 2
    before = tracker.get_item(item)
    events = len(tracker.history(item))
    attempts = [
        lambda: tracker.record_reply(LIAISON, item, 1, reply(date(2025, 9, 1))),
        lambda: tracker.override_deadline(LIAISON, item, 1, date(2025, 12, 31), "Gia hạn"),
        lambda: tracker.assign(LIAISON, item, 1, "CQĐP", (), "Chuyển Vụ Chính quyền địa phương"),
        lambda: tracker.transfer(LIAISON, item, 1, date(2025, 8, 20), "chuyển"),
        lambda: tracker.set_archived(LIAISON, item, 1, True, "trùng"),
    ]
    for attempt in attempts:
        with pytest.raises(Conflict) as caught:
            attempt()
        assert caught.value.key == "error.stale_item"
        assert "1 → 2" in caught.value.message("vi")
    assert tracker.get_item(item) == before
    assert len(tracker.history(item)) == events
    # With the version just read, the same reply goes through.
    assert tracker.record_reply(LIAISON, item, before.version, reply(date(2025, 9, 1))) == 3


def test_missing_items_are_not_found(tracker):
    with pytest.raises(NotFound) as caught:
        tracker.get_item(424242)
    assert caught.value.key == "error.item_not_found"
    assert "424242" in caught.value.message("vi")
    with pytest.raises(NotFound):
        tracker.record_reply(LIAISON, 424242, 1, reply(date(2025, 9, 1)))
    with pytest.raises(NotFound):
        tracker.override_deadline(LIAISON, 424242, 1, date(2025, 9, 1), "x")


# -- archive -------------------------------------------------------------------------------------------
def test_archive_hides_from_search_and_stats_and_restore_brings_it_back(tracker):
    keep = tracker.create_item(LIAISON, draft(tracker, summary="Phụ cấp công vụ cấp xã"))
    gone = tracker.create_item(LIAISON, draft(tracker, summary="Phụ cấp thâm niên giáo viên"))
    sid = session_id(tracker, "15/9")

    def total(as_of: date | None = None):
        return tracker.stats(as_of or clock.today(), sid, "voter_recommendation")[0].counts.total

    assert total() == 2
    with pytest.raises(InvalidInput):
        tracker.set_archived(LIAISON, gone, 1, True, "")  # a reason is required
    version = tracker.set_archived(LIAISON, gone, 1, True, "Nhập trùng với mục khác")
    assert _all_ids(tracker) == [keep]
    assert _all_ids(tracker, text="tham nien") == []
    assert total() == 1
    # A picture as of a day before the archiving is unchanged: last month's report reproduces.
    assert total(AS_OF) == 2
    assert tracker.get_item(gone).archived_at is not None  # still readable: nothing is deleted
    tracker.set_archived(LIAISON, gone, version, False, "Khôi phục: không trùng")
    assert sorted(_all_ids(tracker)) == sorted([keep, gone])
    assert _all_ids(tracker, text="tham nien") == [gone]
    assert total() == 2
    assert [(e.action, e.reason) for e in tracker.history(gone)][1:] == [
        ("archived", "Nhập trùng với mục khác"),
        ("restored", "Khôi phục: không trùng"),
    ]
