"""Open items follow a calendar correction: an item entered while 24/11/2026 counted as a day off
(due 25/11) is due 24/11 once the day is a working day again; closed items, deadlines set by a
person and older rules are left alone."""

from __future__ import annotations

from datetime import date

from tests.conftest import ADMIN, LIAISON, draft, reply
from tracker.items import Kind, Phase
from tracker.service import Tracker

CULTURE_DAY = date(2026, 11, 24)


def _question(tracker, **overrides):
    values = {
        "session": "16/1",
        "kind": Kind.DEPUTY_QUESTION,
        "phase": Phase.BETWEEN_SESSIONS,
        "deputy": "Đại biểu Trần Văn C",
        "received_on": date(2026, 11, 4),
    }
    return tracker.create_item(LIAISON, draft(tracker, **{**values, **overrides}))


def test_an_open_item_due_25_november_moves_to_24_when_the_day_is_worked_again(tracker):
    tracker.save_override(ADMIN, CULTURE_DAY, False, "Ngày Văn hóa Việt Nam")  # as the package had it
    item_id = _question(tracker)
    assert tracker.get_item(item_id).due_on == date(2026, 11, 25)
    tracker.delete_override(ADMIN, CULTURE_DAY)
    item = tracker.get_item(item_id)
    assert item.due_on == CULTURE_DAY
    assert item.due_basis == "nhận 04/11/2026 + 20 ngày = 24/11/2026 (Bộ luật Dân sự Điều 147)"
    event = tracker.history(item_id)[-1]
    assert (event.action, event.changes["due_on"]) == ("deadline_recomputed", ["2026-11-25", "2026-11-24"])
    assert event.reason == "Lịch nghỉ được điều chỉnh: hạn 25/11/2026 tính lại thành 24/11/2026."
    assert tracker.integrity_problems() == []
    # ... and back again when an administrator confirms the day off.
    tracker.save_override(ADMIN, CULTURE_DAY, False, "Ngày Văn hóa Việt Nam: xác nhận")
    assert tracker.get_item(item_id).due_on == date(2026, 11, 25)


def test_a_database_written_before_the_correction_is_fixed_when_opened(db_path):
    tracker = Tracker.open(db_path)
    tracker.save_override(ADMIN, CULTURE_DAY, False, "Ngày Văn hóa Việt Nam")
    item_id = _question(tracker)
    # The old behaviour: the day off came from the package, not from an override; remove the
    # override without going through the service, as a database from before the fix would be.
    tracker.db.write(lambda cur: cur.run("calendar/delete_override", [CULTURE_DAY]))
    tracker.close()
    reopened = Tracker.open(db_path)
    try:
        assert reopened.get_item(item_id).due_on == CULTURE_DAY
    finally:
        reopened.close()


def test_closed_items_manual_deadlines_and_rule_edits_are_left_alone(tracker):
    tracker.save_override(ADMIN, CULTURE_DAY, False, "Ngày Văn hóa Việt Nam")
    replied = _question(tracker, ref_no="1")
    tracker.record_reply(ADMIN, replied, tracker.get_item(replied).version, reply(date(2026, 11, 25), result=None))
    manual = _question(
        tracker, ref_no="2", due_on=date(2026, 11, 30), due_override_reason="Theo chỉ đạo của Lãnh đạo Bộ"
    )
    opened = _question(tracker, ref_no="3")  # 20 days -> 24/11 off -> 25/11
    tracker.save_rule(ADMIN, Kind.DEPUTY_QUESTION, 15, date(2026, 3, 1), "thử")
    before = {i: tracker.get_item(i).version for i in (replied, manual)}
    tracker.delete_override(ADMIN, CULTURE_DAY)
    # A reply already on record keeps the deadline it was judged against; so does a manual one.
    assert tracker.get_item(replied).due_on == date(2026, 11, 25)
    assert tracker.get_item(manual).due_on == date(2026, 11, 30)
    assert {i: tracker.get_item(i).version for i in (replied, manual)} == before
    # The open item keeps its 20 days (not the new 15: 19/11) and only the calendar is re-applied.
    assert tracker.get_item(opened).due_on == CULTURE_DAY
