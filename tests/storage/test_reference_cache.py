"""The reference cache follows the writer's hook (issue 10): a write that changed a reference
table reloads it, without anyone calling refresh_reference; other writes leave it alone."""

from datetime import date

from tests.conftest import ADMIN, draft
from tracker.sessions import SessionRef


def test_a_settings_write_reloads_the_reference_by_itself(tracker):
    before = tracker.reference
    tracker.save_setting(ADMIN, "due_soon_days", "9")
    assert tracker.reference is not before
    assert tracker.reference.due_soon_days == 9


def test_a_session_saved_is_in_the_reference_at_once(tracker):
    tracker.save_session(ADMIN, SessionRef(16, 9), date(2030, 5, 20), date(2030, 6, 20), "x")
    assert any(s.ref == SessionRef(16, 9) for s in tracker.reference.sessions)


def test_an_item_write_leaves_the_reference_cached(tracker):
    before = tracker.reference
    tracker.create_item(ADMIN, draft(tracker))
    assert tracker.reference is before


def test_a_write_that_only_reads_reference_tables_does_not_reload(tracker):
    before = tracker.reference
    tracker.db.write(lambda cur: cur.all("sessions/list"))
    assert tracker.reference is before
