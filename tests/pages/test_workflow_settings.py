"""The internal deadline's working days on the Settings page (issue 12, point 1): an administrator
changes them per kind and the items without their own date follow; a value out of range is
refused in Vietnamese and changes nothing."""

from __future__ import annotations

import pytest

from tests.conftest import ADMIN, LIAISON, draft, open_page, start_app
from tests.pages.item_page_helpers import submit
from tracker.errors import InvalidInput
from tracker.items import Kind
from ui.context import _open_tracker


@pytest.fixture
def live(db_path):
    return _open_tracker(str(db_path))


def test_an_administrator_changes_the_days_and_the_default_date_follows(db_path, monkeypatch, live):
    item_id = live.create_item(LIAISON, draft(live, lead_unit="TCBC"))
    before = live.workflow(item_id).internal_due_on
    at = open_page(start_app(db_path, monkeypatch, "admin"), "settings")
    days = at.number_input(key="settings.internal_days.voter_recommendation")
    assert days.value == 10  # the default, shown
    days.set_value(15)
    submit(at, "settings.internal_days_form")
    assert not at.error, [e.value for e in at.error]
    assert "Đã lưu." in [s.value for s in at.success]
    live.refresh_reference()
    after = live.workflow(item_id).internal_due_on
    assert after < before and live.reference.calendar.working_days_before(before, 5) == after
    assert at.number_input(key="settings.internal_days.deputy_question").value == 5  # the other kind untouched


@pytest.mark.parametrize("value", ["0", "31", "mười", ""])
def test_a_number_of_days_out_of_range_is_refused(live, value):
    with pytest.raises(InvalidInput) as refused:
        live.save_setting(ADMIN, f"internal_deadline_days.{Kind.DEPUTY_QUESTION.value}", value)
    assert "từ 1 đến 30" in refused.value.message("vi")
    assert live.reference.settings.get("internal_deadline_days.deputy_question") is None
