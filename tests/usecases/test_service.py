"""The use cases as a liaison officer, a unit officer and the Minister's office meet them."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest

from tests.conftest import ADMIN, LIAISON, draft, reply, session_id
from tracker.errors import Conflict, InvalidInput, InvalidInputs, NotFound
from tracker.items import Kind, Phase, Result, Status
from tracker.service import Filters, Tracker
from tracker.text import fold

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
        received_on=date.today() + timedelta(days=30),
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
    future = date.today() + timedelta(days=30)
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


# -- deadlines, assignment ------------------------------------------------------------------------
def test_overriding_a_deadline_needs_a_reason_and_is_in_the_history(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker))
    old_due = tracker.get_item(item_id).due_on
    with pytest.raises(InvalidInput) as caught:
        tracker.override_deadline(LIAISON, item_id, 1, date(2025, 12, 31), "  ")
    assert caught.value.key == "error.required"
    with pytest.raises(InvalidInput) as caught:
        tracker.override_deadline(LIAISON, item_id, 1, date(2025, 8, 1), "lý do")
    assert caught.value.key == "error.due_before_received"
    assert tracker.get_item(item_id).version == 1

    version = tracker.override_deadline(LIAISON, item_id, 1, date(2025, 12, 31), "Gia hạn theo Công văn 12/VPCP")
    item = tracker.get_item(item_id)
    assert (version, item.version, item.due_on) == (2, 2, date(2025, 12, 31))
    assert item.due_override_reason == "Gia hạn theo Công văn 12/VPCP"
    event = tracker.history(item_id)[-1]
    assert event.action == "deadline_overridden"
    assert event.reason == "Gia hạn theo Công văn 12/VPCP"
    assert event.changes == {"due_on": [old_due.isoformat(), "2025-12-31"]}


def test_reassigning_the_lead_unit_needs_a_reason_and_is_recorded(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker, lead_unit=None))
    version = tracker.assign(LIAISON, item_id, 1, "TCBC", ("CQĐP",))  # first assignment: no reason needed
    assert tracker.history(item_id)[-1].action == "assigned"
    with pytest.raises(InvalidInput) as caught:
        tracker.assign(LIAISON, item_id, version, "CCVC", ())
    assert caught.value.key == "error.reason_required"
    assert tracker.get_item(item_id).lead_unit == "TCBC"

    version = tracker.assign(LIAISON, item_id, version, "CCVC", ("TCBC", "CCVC"), "Thuộc lĩnh vực công chức, viên chức")
    item = tracker.get_item(item_id)
    assert (item.lead_unit, item.coordinating_units, item.version) == ("CCVC", ("TCBC",), version)
    event = tracker.history(item_id)[-1]
    assert event.action == "reassigned"
    assert event.actor == "lienlac"
    assert event.reason == "Thuộc lĩnh vực công chức, viên chức"
    assert event.changes == {"lead_unit": ["TCBC", "CCVC"], "coordinating_units": ["CQĐP", "TCBC"]}
    assert [e.action for e in tracker.history(item_id)] == ["created", "assigned", "reassigned"]
    with pytest.raises(InvalidInput):
        tracker.assign(LIAISON, item_id, version, "NOPE", (), "x")


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
        tracker.record_reply(LIAISON, item, 1, reply(date.today() + timedelta(days=5), late_reason="x"))
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


# -- transfer --------------------------------------------------------------------------------------
def test_transferred_items_are_counted_apart(tracker):
    ids = [tracker.create_item(LIAISON, draft(tracker, ref_no=f"{n}/BDN")) for n in range(3)]
    tracker.record_reply(LIAISON, ids[0], 1, reply(date(2025, 9, 1)))
    with pytest.raises(InvalidInput):
        tracker.transfer(LIAISON, ids[1], 1, date(2025, 8, 20), "")  # a note is required
    tracker.transfer(LIAISON, ids[1], 1, date(2025, 8, 20), "Không thuộc thẩm quyền; chuyển Ban Dân nguyện")
    (row,) = tracker.stats(date(2025, 9, 15), session_id(tracker, "15/9"), "voter_recommendation")
    c = row.counts
    assert (c.total, c.replied, c.open_not_due, c.overdue, c.transferred) == (2, 1, 1, 0, 1)
    assert c.completion_pct == 50.0
    # Before the transfer date it was simply open.
    (row,) = tracker.stats(date(2025, 8, 19), session_id(tracker, "15/9"), "voter_recommendation")
    assert (row.counts.total, row.counts.transferred) == (3, 0)
    # A transferred item takes no reply; a replied one cannot be transferred.
    with pytest.raises(InvalidInput) as caught:
        tracker.record_reply(LIAISON, ids[1], 2, reply(date(2025, 9, 1)))
    assert caught.value.key == "error.reply_on_transferred"
    with pytest.raises(InvalidInput) as caught:
        tracker.transfer(LIAISON, ids[0], 2, date(2025, 9, 2), "chuyển")
    assert caught.value.key == "error.transfer_replied"
    assert _all_ids(tracker, status="transferred") == [ids[1]]


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
        return tracker.stats(as_of or date.today(), sid, "voter_recommendation")[0].counts.total

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


# -- settings --------------------------------------------------------------------------------------------
def test_settings_are_validated(tracker):
    from tracker.sessions import SessionRef

    with pytest.raises(InvalidInput) as caught:
        tracker.save_rule(ADMIN, Kind.DEPUTY_QUESTION, 0, date(2026, 3, 1), "x")
    assert caught.value.key == "error.rule_days"
    with pytest.raises(InvalidInput) as caught:
        tracker.save_session(ADMIN, SessionRef(16, 2), date(2026, 10, 20), date(2026, 10, 1))
    assert caught.value.key == "error.session_dates"
    tracker.save_session(ADMIN, SessionRef(16, 2), date(2026, 10, 20), date(2026, 11, 30), "Khai mạc 20/10/2026")
    s = tracker.reference.session_by_ref(SessionRef(16, 2))
    assert (s.opens_on, s.note) == (date(2026, 10, 20), "Khai mạc 20/10/2026")
    _, due = tracker.report_due_for(tracker.reference.session_by_ref(SessionRef(16, 1)))
    assert due is not None and tracker.reference.calendar.working_days_between(due, date(2026, 10, 20)) == 20


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


def test_demo_numbers_add_up_for_every_session(demo_tracker):
    rows = demo_tracker.stats(date(2026, 11, 20))
    assert rows
    for r in rows:
        assert r.counts.invariant_errors() == [], r
    by_code = {(r.ref.code(), r.kind): r.counts for r in rows}
    assert by_code[("15/7", "voter_recommendation")].replied == 129
    assert by_code[("15/7", "voter_recommendation")].total == 129
    assert by_code[("15/8", "deputy_question")].total == 0
