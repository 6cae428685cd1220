"""The pages' cached reads (ui/cached.py, issue 15): a write shows at the next click although the
figures come from Streamlit's cache; only a tab's session being noted as active (a write a second
under load) leaves the cache valid, because no cached read shows it."""

from __future__ import annotations

from datetime import datetime

from tests.conftest import LIAISON, copy_db, draft, open_page, session_id, start_app
from ui import cached
from ui.context import _open_tracker


def test_an_item_entered_elsewhere_shows_on_the_progress_page_at_the_next_click(demo_db, tmp_path, monkeypatch):
    db = copy_db(demo_db.path, tmp_path)
    at = open_page(start_app(db, monkeypatch, "admin", "vi", None), "progress")
    live = _open_tracker(str(db))  # the app's own Tracker: the write another session would make
    at.selectbox(key="progress.session").set_value(session_id(live, "15/9")).run()
    total = int(at.metric[0].value)
    at.run()  # the same click again: served from the cache, the same figure
    assert int(at.metric[0].value) == total

    live.create_item(LIAISON, draft(live, session="15/9"))
    at.run()

    assert not at.exception
    assert int(at.metric[0].value) == total + 1


def test_only_a_session_noted_as_active_leaves_the_cached_reads_valid(tracker):
    from tracker import web_sessions

    before = cached.key(tracker)
    tab, _ = web_sessions.start(tracker, "system", datetime(2026, 12, 1, 9, 0))
    tracker.db.write(lambda cur: cur.run("web_sessions/touch", [datetime(2026, 12, 1, 9, 5), tab]))
    started = cached.key(tracker)
    assert started == before
    assert tracker.db.generation >= 2  # both were committed writes all the same

    tracker.record_progress(LIAISON, tracker.create_item(LIAISON, draft(tracker)), "Đã họp với Vụ Tiền lương")
    noted = cached.key(tracker)
    assert noted != started

    tracker.db.write(lambda cur: cur.raw.execute("update settings set value = value where false"))
    assert cached.key(tracker) != noted  # raw SQL names no folder: counted, to be safe
