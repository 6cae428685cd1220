"""Response deadlines: received + N calendar days (start day not counted), rolled to a working day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ADMIN
from tracker.deadlines import (
    DEFAULT_RULES,
    REPORT_WORKING_DAYS_BEFORE_SESSION,
    DeadlineRule,
    compute_deadline,
    report_due_date,
    rule_for,
)
from tracker.errors import InvalidInput
from tracker.items import Kind
from tracker.workdays import DEFAULT_OVERRIDES, WorkCalendar

DQ = Kind.DEPUTY_QUESTION
VR = Kind.VOTER_RECOMMENDATION
CALENDAR = WorkCalendar(DEFAULT_OVERRIDES)


def due(kind: Kind, received: date) -> date:
    return compute_deadline(received, rule_for(DEFAULT_RULES, kind, received), CALENDAR).due_on


@pytest.mark.parametrize(
    ("kind", "received", "expected"),
    [
        # 27/01/2026 + 20 = Mon 16/02/2026, Tết 16-20/2, weekend 21-22/2
        (DQ, date(2026, 1, 27), date(2026, 2, 23)),
        # 10/04/2025 + 20 = Wed 30/04/2025; 1/5, Fri 2/5 (announced), 3-4/5 weekend
        (DQ, date(2025, 4, 10), date(2025, 5, 5)),
        # lands on Mon 1/9/2025 or Tue 2/9/2025 (both off) -> Wed 3/9
        (DQ, date(2025, 8, 12), date(2025, 9, 3)),
        (DQ, date(2025, 8, 13), date(2025, 9, 3)),
        # lands on Fri 2/1/2026: off by override only -> Mon 5/1/2026
        (DQ, date(2025, 12, 13), date(2026, 1, 5)),
        # lands on Mon 29/4/2024 (off) -> Thu 2/5/2024 (30/4, 1/5 off)
        (DQ, date(2024, 4, 9), date(2024, 5, 2)),
        # lands on Sun 03/08/2025 -> Mon 04/08/2025
        (DQ, date(2025, 7, 14), date(2025, 8, 4)),
        # lands on a working Monday and stays
        (DQ, date(2025, 7, 15), date(2025, 8, 4)),
        # 60-day recommendation: 02/07/2025 + 60 = Sun 31/8/2025 -> 1/9, 2/9 off -> Wed 3/9/2025
        (VR, date(2025, 7, 2), date(2025, 9, 3)),
        # 60-day recommendation landing on a weekday: 27/05/2024 + 60 = Fri 26/07/2024
        (VR, date(2024, 5, 27), date(2024, 7, 26)),
        # landing on a make-up Saturday: it is a working day, the deadline stays there
        (VR, date(2025, 11, 11), date(2026, 1, 10)),
        (VR, date(2025, 2, 25), date(2025, 4, 26)),
        (VR, date(2024, 3, 5), date(2024, 5, 4)),
        (DQ, date(2025, 12, 21), date(2026, 1, 10)),
    ],
    ids=lambda v: v.strftime("%d/%m/%Y") if isinstance(v, date) else str(v),
)
def test_due_dates_on_the_vietnamese_calendar(kind, received, expected):
    assert due(kind, received) == expected


def test_tet_explanation_in_vietnamese():
    deadline = compute_deadline(date(2026, 1, 27), DEFAULT_RULES[0], CALENDAR)
    assert deadline.unrolled == date(2026, 2, 16)
    assert deadline.days == 20
    assert deadline.explain("vi") == (
        "nhận 27/01/2026 + 20 ngày = 16/02/2026, rơi vào Tết Nguyên đán và cuối tuần → 23/02/2026"
        " (Bộ luật Dân sự Điều 147, 148(5); Bộ luật Lao động Điều 112)"
    )


def test_tet_explanation_in_english():
    deadline = compute_deadline(date(2026, 1, 27), DEFAULT_RULES[0], CALENDAR)
    assert deadline.explain("en") == (
        "received 27/01/2026 + 20 days = 16/02/2026, a day off: Tết (Lunar New Year) and weekend → 23/02/2026"
        " (Civil Code Art. 147, 148(5); Labour Code Art. 112)"
    )


def test_weekend_and_override_reasons_in_the_explanation():
    weekend = compute_deadline(date(2025, 7, 2), DEFAULT_RULES[1], CALENDAR)
    assert weekend.explain("vi") == (
        "nhận 02/07/2025 + 60 ngày = 31/08/2025, rơi vào cuối tuần và Ngày Quốc khánh → 03/09/2025"
        " (Bộ luật Dân sự Điều 147, 148(5); Bộ luật Lao động Điều 112)"
    )
    override = compute_deadline(date(2025, 12, 13), DEFAULT_RULES[0], CALENDAR)
    assert "02/01/2026" in override.explain("vi")
    assert "Tết Dương lịch" in override.explain("vi")
    assert override.explain("vi").endswith("→ 05/01/2026 (Bộ luật Dân sự Điều 147, 148(5); lịch nghỉ đã công bố)")


def test_an_unrolled_deadline_is_explained_without_an_arrow():
    deadline = compute_deadline(date(2025, 11, 11), DEFAULT_RULES[1], CALENDAR)
    assert deadline.due_on == deadline.unrolled == date(2026, 1, 10)
    assert deadline.reason_rolled("vi") is None
    assert deadline.explain("vi") == "nhận 11/11/2025 + 60 ngày = 10/01/2026 (Bộ luật Dân sự Điều 147)"
    assert deadline.explain("en") == "received 11/11/2025 + 60 days = 10/01/2026 (Civil Code Art. 147)"


def test_one_deadline_explains_itself_in_either_language():
    deadline = compute_deadline(date(2025, 8, 13), DEFAULT_RULES[0], CALENDAR)
    assert deadline.reason_rolled("vi") == "Ngày Quốc khánh"
    assert deadline.reason_rolled("en") == "National Day"
    assert deadline.explain("vi") == (
        "nhận 13/08/2025 + 20 ngày = 02/09/2025, rơi vào Ngày Quốc khánh → 03/09/2025"
        " (Bộ luật Dân sự Điều 147, 148(5); Bộ luật Lao động Điều 112)"
    )
    assert deadline.explain("en") == (
        "received 13/08/2025 + 20 days = 02/09/2025, a day off: National Day → 03/09/2025"
        " (Civil Code Art. 147, 148(5); Labour Code Art. 112)"
    )
    tet = compute_deadline(date(2026, 1, 27), DEFAULT_RULES[0], CALENDAR)
    assert (tet.reason_rolled("vi"), tet.reason_rolled("en")) == (
        "Tết Nguyên đán và cuối tuần",
        "Tết (Lunar New Year) and weekend",
    )


# -- rules with an effective-from date ------------------------------------------------------------
RULES = (
    DeadlineRule(DQ, 20, date(2016, 1, 1), "Luật 87/2015/QH13"),
    DeadlineRule(DQ, 15, date(2026, 3, 1), "Luật 121/2025/QH15"),
    DeadlineRule(DQ, 10, date(2027, 1, 1), "later"),
    DeadlineRule(VR, 60, date(2016, 1, 1), "NQLT 72/2025"),
)


@pytest.mark.parametrize(
    ("kind", "received", "days"),
    [
        (DQ, date(2026, 2, 28), 20),
        (DQ, date(2026, 3, 1), 15),  # the effective-from day itself
        (DQ, date(2026, 12, 31), 15),
        (DQ, date(2027, 1, 1), 10),
        (VR, date(2026, 3, 1), 60),  # another kind's rule change does not apply
        (DQ, date(2016, 1, 1), 20),
    ],
)
def test_rule_for_picks_the_latest_rule_in_force_on_the_day_received(kind, received, days):
    assert rule_for(RULES, kind, received).days == days
    assert rule_for(list(reversed(RULES)), kind, received).days == days  # order of rules is irrelevant


def test_rule_for_before_any_rule_is_an_input_error():
    with pytest.raises(InvalidInput) as caught:
        rule_for(RULES, DQ, date(2015, 12, 31))
    assert caught.value.key == "error.no_rule"
    assert caught.value.field == "received_on"


def test_default_rules_are_20_days_for_questions_and_60_for_recommendations():
    assert rule_for(DEFAULT_RULES, DQ, date(2025, 1, 1)).days == 20
    assert rule_for(DEFAULT_RULES, VR, date(2025, 1, 1)).days == 60


# -- the summary report before the next session --------------------------------------------------
def test_report_is_due_20_working_days_before_the_next_session():
    assert REPORT_WORKING_DAYS_BEFORE_SESSION == 20
    assert report_due_date(date(2025, 5, 5), CALENDAR) == date(2025, 4, 2)
    assert report_due_date(date(2026, 4, 6), CALENDAR) == date(2026, 3, 9)


# -- the same rules through the service, with rules and overrides edited by an administrator -----
def test_tracker_uses_a_new_rule_from_its_effective_date(tracker):
    assert tracker.deadline_for(DQ, date(2026, 3, 2)).due_on == date(2026, 3, 23)  # 22/3 is a Sunday
    tracker.save_rule(ADMIN, DQ, 15, date(2026, 3, 1), "Luật 121/2025/QH15")
    assert tracker.deadline_for(DQ, date(2026, 2, 27)).due_on == date(2026, 3, 19)  # still 20 days
    assert tracker.deadline_for(DQ, date(2026, 3, 2)).due_on == date(2026, 3, 17)  # 15 days
    assert tracker.deadline_for(VR, date(2026, 3, 2)).days == 60


def test_tracker_follows_a_calendar_override_added_by_an_administrator(tracker):
    # 20/07/2026 + 20 = Sun 09/08/2026 -> Mon 10/08. Declare Mon 10/08 a day off: -> Tue 11/08.
    assert tracker.deadline_for(DQ, date(2026, 7, 20)).due_on == date(2026, 8, 10)
    tracker.save_override(ADMIN, date(2026, 8, 10), False, "Nghỉ theo thông báo")
    assert tracker.deadline_for(DQ, date(2026, 7, 20)).due_on == date(2026, 8, 11)
    # ... and a Sunday declared a working day keeps the deadline on it.
    tracker.save_override(ADMIN, date(2026, 8, 9), True, "Làm bù")
    assert tracker.deadline_for(DQ, date(2026, 7, 20)).due_on == date(2026, 8, 9)
    tracker.delete_override(ADMIN, date(2026, 8, 9))
    tracker.delete_override(ADMIN, date(2026, 8, 10))
    assert tracker.deadline_for(DQ, date(2026, 7, 20)).due_on == date(2026, 8, 10)


# -- property: the rolled deadline is the first working day on or after received + N --------------
@given(
    received=st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)),
    days=st.integers(min_value=1, max_value=90),
    kind=st.sampled_from(list(Kind)),
)
def test_due_date_is_the_first_working_day_on_or_after_received_plus_n(received, days, kind):
    deadline = compute_deadline(received, DeadlineRule(kind, days, date(2016, 1, 1)), CALENDAR)
    floor = received + timedelta(days=days)
    assert deadline.unrolled == floor
    assert deadline.due_on >= floor
    assert CALENDAR.is_working_day(deadline.due_on)
    day = floor
    while day < deadline.due_on:
        assert not CALENDAR.is_working_day(day), day
        day += timedelta(days=1)
    assert (deadline.due_on == floor) == (deadline.reason_rolled() is None)
    assert (deadline.due_on - floor).days <= 10  # the longest break (Tết) is well under two weeks
