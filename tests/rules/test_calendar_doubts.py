"""Issue 9, point 1: days the ``holidays`` package marks off that no law in force confirms (24/11,
Vietnam Culture Day, from 2026) are working days until an administrator confirms them; each year
is announced or an estimate; `--explain` names its rule and the official holiday names."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ADMIN, LIAISON, run_cli
from tracker import calendar_admin
from tracker.deadlines import DEFAULT_RULES, compute_deadline
from tracker.errors import InvalidInput, PermissionDenied
from tracker.items import Kind
from tracker.workdays import DEFAULT_OVERRIDES, WorkCalendar

DQ = Kind.DEPUTY_QUESTION
CALENDAR = WorkCalendar(DEFAULT_OVERRIDES)
CULTURE_DAY_2026 = date(2026, 11, 24)


# -- 24/11: listed by the package, not yet a day off in law ------------------------------------------
def test_24_november_2026_is_a_working_day_by_default(calendar):
    assert CULTURE_DAY_2026.weekday() == 1  # a Tuesday: only the package would make it off
    assert calendar.holiday_name(CULTURE_DAY_2026) == "Ngày Văn hóa Việt Nam"  # the package lists it
    assert calendar.is_working_day(CULTURE_DAY_2026)
    assert calendar.why_not_working(CULTURE_DAY_2026) is None


def test_a_question_received_4_november_2026_is_due_24_november_not_25(tracker):
    deadline = tracker.deadline_for(DQ, date(2026, 11, 4))
    assert deadline.due_on == date(2026, 11, 24)
    assert deadline.explain("vi") == "nhận 04/11/2026 + 20 ngày = 24/11/2026 (Bộ luật Dân sự Điều 147)"


def test_an_administrator_confirming_24_november_moves_the_deadline_to_25_and_is_logged(tracker):
    [doubt] = tracker.reference.calendar.uncertain_days(2026)
    assert (doubt.day, doubt.name("vi"), doubt.confirmed_off) == (CULTURE_DAY_2026, "Ngày Văn hóa Việt Nam", False)
    assert "80-NQ/TW" in doubt.source("vi") and "Điều 112(1)" in doubt.source("vi")
    calendar_admin.confirm_day_off(tracker, ADMIN, CULTURE_DAY_2026)
    deadline = tracker.deadline_for(DQ, date(2026, 11, 4))
    assert deadline.due_on == date(2026, 11, 25)
    assert "rơi vào Ngày Văn hóa Việt Nam: quản trị viên xác nhận là ngày nghỉ → 25/11/2026" in deadline.explain("vi")
    assert tracker.reference.calendar.uncertain_days(2026)[0].confirmed_off
    [event] = [e for e in tracker.list_events(ADMIN) if e["action"] == "override_saved"]
    assert event["subject"] == "2026-11-24" and event["changes"]["working"] == [None, False]
    # Taking the confirmation back restores the safe, earlier deadline.
    tracker.delete_override(ADMIN, CULTURE_DAY_2026)
    assert tracker.deadline_for(DQ, date(2026, 11, 4)).due_on == date(2026, 11, 24)


def test_only_an_administrator_confirms_and_only_a_doubtful_day(tracker):
    with pytest.raises(PermissionDenied):
        calendar_admin.confirm_day_off(tracker, LIAISON, CULTURE_DAY_2026)
    with pytest.raises(InvalidInput) as caught:
        calendar_admin.confirm_day_off(tracker, ADMIN, date(2026, 11, 23))
    assert caught.value.message("vi") == "Ngày 23/11/2026 không phải ngày nghỉ chưa được xác nhận."
    assert tracker.deadline_for(DQ, date(2026, 11, 4)).due_on == date(2026, 11, 24)  # nothing changed


def test_no_doubtful_day_before_2026():
    assert CALENDAR.uncertain_days(2025) == []
    assert [d.day for d in CALENDAR.uncertain_days(2027)] == [date(2027, 11, 24)]


# -- the 2026 schedule as announced (domain.md) -------------------------------------------------------
@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 1, 1), False),  # Tết Dương lịch
        (date(2026, 1, 2), False),  # Fri 2/1 off (announced; missing from the package)
        (date(2026, 1, 10), True),  # ... made up on Sat 10/1
        *[(date(2026, 2, d), False) for d in range(16, 21)],  # Tết 16-20/2
        (date(2026, 2, 23), True),
        (date(2026, 4, 26), False),  # Hùng Kings' day, a Sunday
        (date(2026, 4, 27), False),  # ... Mon 27/4 off in lieu (Labour Code Art. 111(3))
        (date(2026, 4, 28), True),
        (date(2026, 8, 22), True),  # Sat 22/8 worked, swapped for Mon 31/8
        *[(date(2026, 8, d), False) for d in (29, 30, 31)],
        (date(2026, 9, 1), False),
        (date(2026, 9, 2), False),
        (date(2026, 9, 3), True),
    ],
    ids=lambda v: v.strftime("%d/%m/%Y") if isinstance(v, date) else str(v),
)
def test_the_2026_schedule(calendar, day, working):
    assert calendar.is_working_day(day) is working


def test_hung_kings_on_sunday_26_april_2026_gives_monday_27_off_in_lieu():
    assert CALENDAR.why_not_working(date(2026, 4, 26)) == "Giỗ Tổ Hùng Vương"
    assert CALENDAR.why_not_working(date(2026, 4, 27)) == "ngày nghỉ bù Giỗ Tổ Hùng Vương"
    assert CALENDAR.why_not_working(date(2026, 4, 27), "en") == "in lieu of Hùng Kings' Commemoration Day"
    deadline = compute_deadline(date(2026, 4, 6), DEFAULT_RULES[0], CALENDAR)
    assert deadline.due_on == date(2026, 4, 28)
    assert deadline.explain("vi") == (
        "nhận 06/04/2026 + 20 ngày = 26/04/2026, rơi vào Giỗ Tổ Hùng Vương và ngày nghỉ bù → 28/04/2026"
        " (Bộ luật Dân sự Điều 147, 148(5); Bộ luật Lao động Điều 111(3), 112)"
    )


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 1, 1), "Tết Dương lịch"),
        (date(2026, 2, 16), "Tết Nguyên đán"),
        (date(2025, 1, 27), "Tết Nguyên đán"),  # the package's "29 Tết"
        (date(2025, 4, 7), "Giỗ Tổ Hùng Vương"),
        (date(2025, 4, 30), "Ngày Chiến thắng"),
        (date(2025, 5, 1), "Ngày Quốc tế Lao động"),
        (date(2025, 9, 2), "Ngày Quốc khánh"),
        (date(2025, 5, 2), "ngày nghỉ hoán đổi với ngày làm bù 26/04/2025"),
    ],
    ids=lambda v: v.strftime("%d/%m/%Y") if isinstance(v, date) else v,
)
def test_holidays_carry_their_official_vietnamese_names(day, name):
    assert CALENDAR.why_not_working(day, "vi") == name


def test_the_national_day_swap_of_2026_is_explained_with_each_rule_once():
    deadline = compute_deadline(date(2026, 8, 10), DEFAULT_RULES[0], CALENDAR)
    assert deadline.due_on == date(2026, 9, 3)
    assert deadline.explain("vi") == (
        "nhận 10/08/2026 + 20 ngày = 30/08/2026, rơi vào cuối tuần, ngày nghỉ hoán đổi với ngày làm bù 22/08/2026"
        " và Ngày Quốc khánh → 03/09/2026 (Bộ luật Dân sự Điều 147, 148(5); Bộ luật Lao động Điều 112; lịch nghỉ đã công bố)"
    )


@given(received=st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)), kind=st.sampled_from(list(Kind)))
def test_explanations_never_repeat_a_word_or_use_the_packages_spellings(received, kind):
    deadline = compute_deadline(received, DEFAULT_RULES[1 if kind == Kind.VOTER_RECOMMENDATION else 0], CALENDAR)
    for lang in ("vi", "en"):
        text = deadline.explain(lang)
        words = re.findall(r"[^\W\d_]+", text.lower())  # words, not the digits of dates
        assert all(a != b for a, b in itertools.pairwise(words)), text
        assert "Nguyên Đán" not in text and "Ngày nghỉ (" not in text and "Day off (" not in text, text
        assert text.count("Bộ luật Dân sự") + text.count("Civil Code") == 1, text
        assert text.count("Bộ luật Lao động") + text.count("Labour Code") <= 1, text
        reasons = deadline.reason_rolled(lang)
        if reasons:
            parts = re.split(r", | và | and |; ", reasons)
            assert len(parts) == len(set(parts)), reasons


# -- announced or estimated, per year -------------------------------------------------------------
def test_years_with_announced_swaps_are_announced_and_2027_is_an_estimate(tracker):
    calendar = tracker.reference.calendar
    assert [calendar.is_announced(y) for y in (2024, 2025, 2026, 2027, 2028)] == [True, True, True, False, False]


def test_a_2027_deadline_is_flagged_as_an_estimate_until_the_year_is_marked_announced(tracker):
    deadline = tracker.deadline_for(DQ, date(2026, 12, 20))
    assert deadline.due_on == date(2027, 1, 11)  # 09/01/2027 is a Saturday
    assert deadline.estimated_years == [2027]
    assert deadline.explain("vi").endswith("; lịch nghỉ năm 2027 là ước tính, chưa có thông báo chính thức")
    assert tracker.deadline_for(DQ, date(2026, 11, 4)).estimated_years == []
    calendar_admin.set_year_announced(tracker, ADMIN, 2027, True)
    assert tracker.deadline_for(DQ, date(2026, 12, 20)).estimated_years == []
    [event] = [e for e in tracker.list_events(ADMIN) if e["action"] == "setting_saved"]
    assert event["subject"] == "calendar_announced_years" and event["changes"]["value"] == [None, "2027"]
    calendar_admin.set_year_announced(tracker, ADMIN, 2027, False)
    assert tracker.deadline_for(DQ, date(2026, 12, 20)).estimated_years == [2027]


def test_marking_a_year_checks_the_year_and_the_role(tracker):
    with pytest.raises(InvalidInput) as caught:
        calendar_admin.set_year_announced(tracker, ADMIN, 1990, True)
    assert caught.value.message("en") == "The year 1990 is outside 2015–2100."
    with pytest.raises(PermissionDenied):
        calendar_admin.set_year_announced(tracker, LIAISON, 2027, True)
    assert not tracker.reference.calendar.is_announced(2027)


def test_a_make_up_saturday_in_the_override_table_makes_its_year_announced():
    extra = WorkCalendar((*DEFAULT_OVERRIDES, _override(date(2027, 2, 20))))
    assert extra.is_announced(2027) and not CALENDAR.is_announced(2027)


def _override(day: date):
    from tracker.workdays import Override

    return Override(day, True, "Làm bù cho ngày nghỉ 12/02/2027")


def test_cli_explains_the_24_november_case_and_a_2027_estimate(db_path):
    result = run_cli("due-date", "--kind", "deputy_question", "--received", "2026-11-04", "--explain", db=db_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2026-11-24",
        "nhận 04/11/2026 + 20 ngày = 24/11/2026 (Bộ luật Dân sự Điều 147)",
    ]
    result = run_cli(
        "due-date", "--kind", "deputy_question", "--received", "2026-12-20", "--explain", db=db_path, lang="en"
    )
    assert result.stdout.splitlines() == [
        "2027-01-11",
        (
            "received 20/12/2026 + 20 days = 09/01/2027, a day off: weekend → 11/01/2027 (Civil Code Art. 147, 148(5));"
            " the 2027 calendar is an estimate, not yet announced"
        ),
    ]


def test_every_day_of_a_year_is_classified_without_error():
    day = date(2027, 1, 1)
    while day.year == 2027:
        reason = CALENDAR.why_not_working(day, "vi")
        assert (reason is None) == CALENDAR.is_working_day(day)
        day += timedelta(days=1)
