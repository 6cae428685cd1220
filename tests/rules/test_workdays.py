"""The Vietnamese working-day calendar: weekends, holidays from the package, announced swaps."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.workdays import DEFAULT_OVERRIDES, Override, WorkCalendar

PACKAGE_ONLY = WorkCalendar()


@pytest.mark.parametrize(
    "day",
    [date(2026, 1, 10), date(2025, 4, 26), date(2024, 5, 4)],
    ids=["10/01/2026", "26/04/2025", "04/05/2024"],
)
def test_make_up_saturdays_are_working_days(calendar, day):
    assert day.weekday() == 5  # a Saturday
    assert calendar.is_working_day(day)
    assert calendar.why_not_working(day) is None
    # The holidays package never marks them; only the override table does.
    assert not PACKAGE_ONLY.is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        # Tết 2026: Mon 16/2 - Fri 20/2
        date(2026, 2, 16),
        date(2026, 2, 17),
        date(2026, 2, 18),
        date(2026, 2, 19),
        date(2026, 2, 20),
        # 30/4 - 1/5 and the announced Fri 2/5/2025
        date(2025, 4, 30),
        date(2025, 5, 1),
        date(2025, 5, 2),
        # National Day 2025: Mon 1/9 and Tue 2/9
        date(2025, 9, 1),
        date(2025, 9, 2),
        # 2024: Mon 29/4 off (worked on Sat 4/5)
        date(2024, 4, 29),
        # New Year
        date(2025, 1, 1),
        date(2026, 1, 1),
        # Fri 2/1/2026: announced, missing from the package, present as an override
        date(2026, 1, 2),
    ],
    ids=lambda d: d.strftime("%d/%m/%Y"),
)
def test_public_holidays_and_announced_days_off_are_not_worked(calendar, day):
    assert day.weekday() < 5  # all of these are weekdays: only the holiday makes them off
    assert not calendar.is_working_day(day)
    assert calendar.why_not_working(day)


def test_2_january_2026_is_missing_from_the_package_and_supplied_by_the_override(calendar):
    day = date(2026, 1, 2)
    assert PACKAGE_ONLY.is_working_day(day)  # the gap the override table exists for
    assert not calendar.is_working_day(day)
    assert "Tết Dương lịch" in calendar.why_not_working(day)


@pytest.mark.parametrize("day", [date(2025, 8, 4), date(2026, 1, 5), date(2024, 5, 3), date(2025, 4, 29)], ids=str)
def test_ordinary_weekdays_are_working_days(calendar, day):
    assert calendar.is_working_day(day)
    assert calendar.why_not_working(day, "vi") is None


def test_ordinary_weekends_are_not_worked_and_say_so_in_both_languages(calendar):
    saturday, sunday = date(2025, 8, 9), date(2025, 8, 10)
    assert not calendar.is_working_day(saturday)
    assert not calendar.is_working_day(sunday)
    assert calendar.why_not_working(sunday, "vi") == "cuối tuần"
    assert calendar.why_not_working(sunday, "en") == "weekend"


def test_holiday_names_follow_the_language(calendar):
    assert calendar.why_not_working(date(2025, 9, 2), "vi") == "Ngày Quốc khánh"
    assert calendar.why_not_working(date(2025, 9, 2), "en") == "National Day"
    assert calendar.why_not_working(date(2026, 2, 17), "vi") == "Tết Nguyên đán"


def test_an_override_can_turn_a_working_day_off_and_a_weekend_into_work():
    cal = WorkCalendar((Override(date(2025, 8, 5), False, "Nghỉ đột xuất"), Override(date(2025, 8, 9), True, "Làm bù")))
    assert not cal.is_working_day(date(2025, 8, 5))
    assert cal.why_not_working(date(2025, 8, 5)) == "Nghỉ đột xuất"
    assert cal.is_working_day(date(2025, 8, 9))
    # An override wins over the package, both ways.
    assert WorkCalendar((Override(date(2025, 9, 2), True),)).is_working_day(date(2025, 9, 2))


def test_roll_forward_keeps_a_working_day_and_skips_the_long_may_holiday(calendar):
    assert calendar.roll_forward(date(2025, 8, 4)) == date(2025, 8, 4)
    assert calendar.roll_forward(date(2025, 4, 30)) == date(2025, 5, 5)
    assert calendar.roll_forward(date(2026, 2, 16)) == date(2026, 2, 23)
    assert calendar.roll_forward(date(2026, 1, 10)) == date(2026, 1, 10)  # make-up Saturday


def test_working_days_before_a_session_hand_counted(calendar):
    # 15th NA, 9th session opened Mon 5/5/2025. Counting back from Sun 4/5: 4/5 Sun, 3/5 Sat,
    # 2/5, 1/5, 30/4 off; 29/4 (1), 28/4 (2), 27/4 Sun, Sat 26/4 make-up (3), 25-21/4 (4-8),
    # 18-14/4 (9-13), 11-8/4 (14-17), Mon 7/4 Hùng Kings off, 4/4 (18), 3/4 (19), 2/4 (20).
    assert calendar.working_days_before(date(2025, 5, 5), 20) == date(2025, 4, 2)
    # 16th NA, 1st session opens Mon 6/4/2026; March 2026 has no holiday: 20 weekdays back is 9/3.
    assert calendar.working_days_before(date(2026, 4, 6), 20) == date(2026, 3, 9)
    assert calendar.working_days_before(date(2025, 8, 5), 1) == date(2025, 8, 4)
    with pytest.raises(ValueError):
        calendar.working_days_before(date(2025, 5, 5), 0)


def test_add_and_count_working_days_across_a_make_up_saturday(calendar):
    friday = date(2025, 4, 25)
    assert calendar.add_working_days(friday, 1) == date(2025, 4, 26)  # Sat 26/4/2025 is worked
    assert calendar.add_working_days(friday, 2) == date(2025, 4, 28)
    assert calendar.add_working_days(friday, 4) == date(2025, 5, 5)  # 29/4, then 30/4-4/5 off
    assert calendar.add_working_days(friday, 0) == friday
    assert calendar.working_days_between(friday, date(2025, 5, 5)) == 4
    assert calendar.working_days_between(date(2025, 5, 5), friday) == -4
    assert calendar.working_days_between(friday, friday) == 0


def test_non_working_days_lists_the_may_2025_break(calendar):
    assert calendar.non_working_days(date(2025, 4, 26), date(2025, 5, 5)) == [
        date(2025, 4, 27),
        date(2025, 4, 30),
        date(2025, 5, 1),
        date(2025, 5, 2),
        date(2025, 5, 3),
        date(2025, 5, 4),
    ]


def test_default_overrides_are_one_per_day_and_saturdays_are_the_working_ones():
    days = [o.day for o in DEFAULT_OVERRIDES]
    assert len(days) == len(set(days))
    for o in DEFAULT_OVERRIDES:
        assert o.note, o
        if o.working:
            assert o.day.weekday() == 5, o
