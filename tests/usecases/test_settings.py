"""What administrators set (tracker/usecases/settings.py): settings are validated."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import ADMIN
from tracker.errors import InvalidInput
from tracker.items import Kind


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
