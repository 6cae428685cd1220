"""The pages' cached reads (ui/cached.py, issue 15): a write shows at the next click although the
figures come from Streamlit's cache; only a tab's session being noted as active (a write a second
under load) leaves the cache valid, because no cached read shows it."""

from __future__ import annotations

import re
from datetime import date, datetime

from tests.conftest import ADMIN, LIAISON, copy_db, draft, open_page, reply, session_id, start_app
from tests.pages.chart_helpers import chart_counts, chart_groups
from tracker.service import Filters
from tracker.storage import QUERIES_DIR, Queries
from ui import cached, needs_now, stage_progress
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


def _chart(at) -> tuple[list[int], list[str]]:
    """The progress chart as sent: its bars' counts, and the titles of its two pictures."""
    return chart_counts(at), sorted(title for title, _ in chart_groups(at))


def test_the_progress_chart_follows_its_counts_and_its_language(demo_db, tmp_path, monkeypatch):
    # The counts come from cached reads (ui/cached.py): a write that changes a count, and a switch
    # of language, must each draw the new chart at the next click.
    db = copy_db(demo_db.path, tmp_path)
    at = open_page(start_app(db, monkeypatch, "admin", "vi", None), "progress")
    live = _open_tracker(str(db))
    at.selectbox(key="progress.session").set_value(session_id(live, "15/9")).run()
    counts, labels = _chart(at)
    assert labels == ["Kết quả giải quyết", "Tình hình trả lời"]
    at.run()  # the same click again: the same chart
    assert _chart(at) == (counts, labels)

    live.create_item(LIAISON, draft(live, session="15/9"))
    at.run()
    grown, _ = _chart(at)
    assert sum(grown[:4]) == sum(counts[:4]) + 1  # one more item in the buckets
    assert grown[4:] == counts[4:]  # no new reply, so the results are as they were

    at.radio(key="app.lang").set_value("en").run()
    at.selectbox(key="progress.session").set_value(session_id(live, "15/9")).run()
    assert not at.exception
    assert _chart(at) == (grown, ["Response performance", "Results of replies"])


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


def test_a_progress_note_leaves_the_cached_reads_valid_and_a_reply_does_not(tracker):
    item = tracker.create_item(LIAISON, draft(tracker))
    before = cached.key(tracker)

    tracker.record_progress(LIAISON, item, "Đã họp với Vụ Tiền lương")  # one history event, no count changes
    assert cached.key(tracker) == before

    version = tracker.get_item(item).version
    tracker.record_reply(
        LIAISON, item, version, reply(date(2026, 12, 1), late_reason="Chờ ý kiến các bộ")
    )  # the counts change
    assert cached.key(tracker) != before


def _written_tables(folder: str) -> set[str]:
    found = set()
    for path in (QUERIES_DIR / folder).glob("*.sql"):
        body = " ".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("--"))
        match = re.match(r"\s*(?:insert\s+into|update|delete\s+from)\s+(\w+)", body, re.IGNORECASE)
        if match:
            found.add(match.group(1).lower())
    return found


def test_no_cached_read_reads_a_table_that_a_write_leaving_the_cache_valid_changes(tracker, monkeypatch):
    # The split in ui/cached.py is only correct while this holds: trace every statement the cached
    # reads run (the views' macros they call included) and look for the tables those folders write.
    item = tracker.create_item(LIAISON, draft(tracker))
    tracker.record_progress(LIAISON, item, "Đã họp với Vụ Tiền lương")
    ran: list[str] = []
    original = Queries.__getitem__

    def traced(self: Queries, name: str) -> str:
        text = original(self, name)
        ran.append(text)
        return text

    monkeypatch.setattr(Queries, "__getitem__", traced)
    today, sid = date(2026, 12, 1), session_id(tracker, "15/9")
    gen = -1  # a generation no test used: every call below misses the cache and runs its queries
    path = str(tracker.db.path)
    for session, kind in ((None, None), (sid, None), (sid, "recommendation")):
        cached.stats(tracker, path, gen, today, session, kind)
        cached.stats_by_unit(tracker, path, gen, today, session, kind)
    for filters in (Filters(), Filters(status="overdue", session_id=sid), Filters(text="phụ cấp", topic="x")):
        cached.search(tracker, path, gen, filters, today, "urgency", None, 20, 0)
    cached.topics(tracker, path, gen)
    cached.chase_counts(tracker, path, gen, today)
    cached.item(tracker, path, gen, item)
    cached.workflow_view(tracker, path, gen, item, today)
    cached.attachments_of(tracker, path, gen, item)
    cached.display_names(tracker, path, gen)
    cached.chain(tracker, path, gen, item)
    cached.raised_again(tracker, path, gen, sid, today)
    cached.archived_items(tracker, path, gen, ADMIN)
    stage_progress.figures(tracker, path, gen, today, sid, None)
    for unit in (None, "TCBC"):
        needs_now.cached_needs(tracker, path, gen, today, unit)
    read = " ".join(ran + [original(tracker.db.queries, name) for name in tracker.db.queries.views()]).lower()

    assert ran
    for folder in cached._NOT_SHOWN:
        tables = _written_tables(folder)
        assert tables, folder
        for table in tables:
            assert not re.search(rf"\b{table}\b", read), f"a cached read shows {table}, written by {folder}/"
