"""The reminder rules (tracker/mail/rules.py) on real Vietnamese dates: the points before a
deadline count working days past weekends, Tết Dương lịch and Quốc khánh; after it, the day after
and then weekly."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.mail.compose import MailItem
from tracker.mail.reasons import Reason
from tracker.mail.rules import RULES, reminder_day

DUE_SOON, OVERDUE, INTERNAL_SOON, INTERNAL_PASSED, COMMITMENT = RULES
OFFSETS = (3, 1)


def test_the_rules_are_one_row_per_reason():
    assert [r.reason for r in RULES] == [
        Reason.DUE_SOON,
        Reason.OVERDUE,
        Reason.INTERNAL_DUE_SOON,
        Reason.INTERNAL_OVERDUE,
        Reason.COMMITMENT_PASSED,
    ]
    assert OVERDUE.to_office and not DUE_SOON.to_office
    assert INTERNAL_PASSED.to_office and not INTERNAL_SOON.to_office and not COMMITMENT.to_office


def _item(stage: str = "drafting", **kw) -> MailItem:
    values = {"internal_due_on": date(2027, 1, 11), **kw}
    return MailItem(1, "voter_recommendation", "", "", "TLBHXH", date(2027, 2, 1), stage=stage, **values)


@pytest.mark.parametrize(
    ("stage", "chased"),
    [
        ("awaiting_acceptance", True),
        ("drafting", True),
        ("returned", False),  # the Office's to reassign, not the unit's to draft
        ("in_review", False),  # the draft is with the Office
        ("revising", False),
        ("awaiting_signature", False),
    ],
)
def test_the_internal_deadline_chases_only_while_no_draft_is_with_the_office(stage, chased):
    item = _item(stage)
    assert INTERNAL_SOON.applies(item) is chased and INTERNAL_PASSED.applies(item) is chased
    assert DUE_SOON.applies(item) and OVERDUE.applies(item)  # the legal deadline whatever the stage
    assert not COMMITMENT.applies(item)


def test_a_replied_item_is_chased_only_on_its_commitment():
    replied = _item("", committed_on=date(2027, 1, 8), is_open=False)
    assert [r.reason for r in RULES if r.applies(replied) and r.deadline(replied)] == [Reason.COMMITMENT_PASSED]


def test_the_internal_deadline_points_skip_the_weekend(calendar):
    internal = date(2027, 1, 11)  # Mon
    assert reminder_day(INTERNAL_SOON, internal, date(2027, 1, 5), calendar, OFFSETS) is None
    assert reminder_day(INTERNAL_SOON, internal, date(2027, 1, 6), calendar, OFFSETS) == date(2027, 1, 6)
    assert reminder_day(INTERNAL_SOON, internal, date(2027, 1, 8), calendar, OFFSETS) == date(2027, 1, 8)
    assert reminder_day(INTERNAL_SOON, internal, date(2027, 1, 10), calendar, OFFSETS) == date(2027, 1, 8)
    assert reminder_day(INTERNAL_PASSED, internal, date(2027, 1, 11), calendar, OFFSETS) is None
    assert reminder_day(INTERNAL_PASSED, internal, date(2027, 1, 12), calendar, OFFSETS) == date(2027, 1, 12)
    assert reminder_day(INTERNAL_PASSED, internal, date(2027, 1, 19), calendar, OFFSETS) == date(2027, 1, 19)


def test_a_commitment_over_tet_is_chased_the_day_after_then_weekly(calendar):
    committed = date(2027, 2, 5)  # Fri, before Tết Nguyên đán 2027: calendar days count after it
    assert reminder_day(COMMITMENT, committed, committed, calendar, OFFSETS) is None
    assert reminder_day(COMMITMENT, committed, date(2027, 2, 6), calendar, OFFSETS) == date(2027, 2, 6)
    assert reminder_day(COMMITMENT, committed, date(2027, 2, 12), calendar, OFFSETS) == date(2027, 2, 6)
    assert reminder_day(COMMITMENT, committed, date(2027, 2, 13), calendar, OFFSETS) == date(2027, 2, 13)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2026, 12, 28), None),  # four working days before: not yet
        (date(2026, 12, 29), date(2026, 12, 29)),  # 3 working days before Mon 04/01/2027
        (date(2026, 12, 30), date(2026, 12, 29)),  # the same point: its key stops a second send
        (date(2026, 12, 31), date(2026, 12, 31)),  # 1 working day before: 1/1 is Tết Dương lịch, then a weekend
        (date(2027, 1, 1), date(2026, 12, 31)),
        (date(2027, 1, 4), date(2026, 12, 31)),  # the deadline itself: not overdue yet
        (date(2027, 1, 5), None),
    ],
)
def test_before_the_deadline_across_new_year(calendar, as_of, expected):
    assert reminder_day(DUE_SOON, date(2027, 1, 4), as_of, calendar, OFFSETS) == expected


def test_before_a_deadline_after_national_day_the_points_skip_the_holiday_and_its_swap(calendar):
    due = date(2026, 9, 3)  # Thu; 31/8 (swapped), 1/9 and 2/9 are off
    assert reminder_day(DUE_SOON, due, date(2026, 8, 26), calendar, OFFSETS) == date(2026, 8, 26)
    assert reminder_day(DUE_SOON, due, date(2026, 8, 28), calendar, OFFSETS) == date(2026, 8, 28)
    assert reminder_day(DUE_SOON, due, date(2026, 9, 2), calendar, OFFSETS) == date(2026, 8, 28)
    assert reminder_day(DUE_SOON, due, date(2026, 8, 25), calendar, OFFSETS) is None


def test_configured_offsets_replace_the_defaults(calendar):
    # 5 working days before Mon 04/01/2027: 31, 30, 29, 28 and Fri 25/12.
    assert reminder_day(DUE_SOON, date(2027, 1, 4), date(2026, 12, 24), calendar, (5,)) is None
    assert reminder_day(DUE_SOON, date(2027, 1, 4), date(2026, 12, 25), calendar, (5,)) == date(2026, 12, 25)
    assert reminder_day(DUE_SOON, date(2027, 1, 4), date(2026, 12, 31), calendar, (5,)) == date(2026, 12, 25)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2027, 1, 4), None),  # due today
        (date(2027, 1, 5), date(2027, 1, 5)),  # overdue from the day after
        (date(2027, 1, 11), date(2027, 1, 5)),
        (date(2027, 1, 12), date(2027, 1, 12)),  # then weekly while it stays overdue
        (date(2027, 2, 1), date(2027, 1, 26)),
    ],
)
def test_after_the_deadline_the_day_after_then_weekly(calendar, as_of, expected):
    assert reminder_day(OVERDUE, date(2027, 1, 4), as_of, calendar, OFFSETS) == expected
