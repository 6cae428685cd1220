"""Issue 9, point 6 (sessions): `sessions [--json]` lists every session with its dates and both
report due dates; `session set` adds or edits one; the minister's report on the NA's resolution on
questions is due at least 20 calendar days before the next session (Law 87/2015 Art. 15(7))."""

from __future__ import annotations

import json
from datetime import date

from tests.conftest import ADMIN, run_cli
from tracker.session_schedule import all_schedules, questions_report_due_date, session_schedule
from tracker.sessions import SessionRef
from tracker.workdays import DEFAULT_OVERRIDES, WorkCalendar

CALENDAR = WorkCalendar(DEFAULT_OVERRIDES)
KEYS = ["session", "opens_on", "closes_on", "report_due_on", "questions_report_due_on"]


def test_questions_report_is_due_20_calendar_days_before_the_session():
    # 9th session opened Mon 5/5/2025: 20 days before is Tue 15/4/2025, a working day.
    assert questions_report_due_date(date(2025, 5, 5), CALENDAR) == date(2025, 4, 15)
    # 16th NA, 1st session, Mon 6/4/2026 -> Tue 17/3/2026.
    assert questions_report_due_date(date(2026, 4, 6), CALENDAR) == date(2026, 3, 17)
    # Opening Thu 21/5/2026: 20 days before is Fri 1/5 (a holiday), 30/4 too: "at least 20 days"
    # means the working day before, Wed 29/4 (never later).
    assert questions_report_due_date(date(2026, 5, 21), CALENDAR) == date(2026, 4, 29)


def test_both_report_dates_for_the_8th_session(tracker):
    ref = tracker.reference
    schedule = session_schedule(ref.sessions, ref.session_by_ref(SessionRef(15, 8)), ref.calendar)
    assert schedule.next_session.ref == SessionRef(15, 9)
    # 20 working days before Mon 5/5/2025 (hand count in tests/rules/test_workdays.py) and 20 days before.
    assert (schedule.report_due_on, schedule.questions_report_due_on) == (date(2025, 4, 2), date(2025, 4, 15))
    assert schedule.estimated_years == ()


def test_a_report_date_in_2027_rests_on_an_estimated_year(tracker):
    tracker.save_session(ADMIN, SessionRef(16, 2), date(2026, 10, 19), date(2026, 12, 10))
    tracker.save_session(ADMIN, SessionRef(16, 3), date(2027, 5, 10), None)
    ref = tracker.reference
    schedule = session_schedule(ref.sessions, ref.session_by_ref(SessionRef(16, 2)), ref.calendar)
    # Counting back from Sun 9/5/2027: 7/5-4/5 (1-4), Mon 3/5 off in lieu of Sat 1/5, Fri 30/4
    # off, 29/4-26/4 (5-8), 23/4-19/4 (9-13), Fri 16/4 Hùng Kings off, 15/4-12/4 (14-17), 9/4-7/4 (18-20).
    assert schedule.report_due_on == date(2027, 4, 7)
    assert schedule.questions_report_due_on == date(2027, 4, 20)
    assert schedule.estimated_years == (2027,)


def test_sessions_are_listed_in_the_order_they_sit(tracker):
    codes = [s.session.ref.code() for s in all_schedules(tracker.reference.sessions, tracker.reference.calendar)]
    assert codes.index("15/7") < codes.index("15/8") < codes.index("15/BT9") < codes.index("15/9") < codes.index("16/1")
    assert codes.index("15/4") < codes.index("15/BT2") < codes.index("15/5")


def test_cli_sessions_json_has_exactly_the_documented_keys(db_path):
    result = run_cli("sessions", "--json", db=db_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert all(list(r) == KEYS for r in rows)
    by_code = {r["session"]: r for r in rows}
    assert by_code["15/8"] == {
        "session": "15/8",
        "opens_on": "2024-10-21",
        "closes_on": "2024-11-30",
        "report_due_on": "2025-04-02",
        "questions_report_due_on": "2025-04-15",
    }
    assert by_code["15/BT9"]["opens_on"] == "2025-02-12"
    assert by_code["16/2"]["opens_on"] is None and by_code["16/1"]["report_due_on"] is None


def test_cli_session_set_adds_then_edits_a_session_and_is_logged(db_path):
    result = run_cli("session", "set", "16/3", "--opens", "2027-05-10", db=db_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Đã thêm Kỳ họp thứ 3, Quốc hội khóa XVI: khai mạc 10/05/2027, bế mạc —."
    result = run_cli("session", "set", "16/2", "--opens", "2026-10-19", "--closes", "2026-12-10", db=db_path, lang="en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("Updated ") and "opens 19/10/2026, closes 10/12/2026" in result.stdout
    rows = {r["session"]: r for r in json.loads(run_cli("sessions", "--json", db=db_path).stdout)}
    assert rows["16/3"]["opens_on"] == "2027-05-10"
    assert rows["16/2"] == {
        "session": "16/2",
        "opens_on": "2026-10-19",
        "closes_on": "2026-12-10",
        "report_due_on": "2027-04-07",
        "questions_report_due_on": "2027-04-20",
    }
    plain = run_cli("sessions", db=db_path)
    assert "16/2" in plain.stdout and "07/04/2027 *" in plain.stdout
    assert "* tính theo lịch nghỉ ước tính" in plain.stdout
    from tracker.service import Tracker

    tracker = Tracker.open(db_path)
    try:
        events = [e for e in tracker.list_events(ADMIN) if e["action"] == "session_saved"]
        assert {e["subject"] for e in events} == {"16/3", "16/2"}
    finally:
        tracker.close()


def test_cli_session_set_refuses_bad_input_and_changes_nothing(db_path):
    before = run_cli("sessions", "--json", db=db_path).stdout
    bad_dates = run_cli("session", "set", "16/2", "--opens", "2026-10-19", "--closes", "2026-10-01", db=db_path)
    assert bad_dates.returncode == 2 and bad_dates.stderr.strip() == "Lỗi: Ngày bế mạc trước ngày khai mạc."
    bad_code = run_cli("session", "set", "16-2", "--opens", "2026-10-19", db=db_path, lang="en")
    assert bad_code.returncode == 2 and len(bad_code.stderr.strip().splitlines()) == 1
    assert "Traceback" not in bad_code.stderr
    bad_day = run_cli("session", "set", "16/2", "--opens", "19/13/2026", db=db_path)
    assert bad_day.returncode == 2 and "Traceback" not in bad_day.stderr
    assert run_cli("sessions", "--json", db=db_path).stdout == before
