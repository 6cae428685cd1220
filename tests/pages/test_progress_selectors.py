"""The progress page draws its selectors after its chart (issue 15, the browser target) but reads
their values first: the chart and the figures must follow the choice made in the same click."""

from __future__ import annotations

from datetime import date

from tests.conftest import LIAISON, copy_db, draft, open_page, session_id, start_app
from tracker.i18n import t
from ui.context import _open_tracker


def _total(at) -> int:
    """The page's "total" figure (the strip above it holds metrics of its own)."""
    label = t("metric.total", "vi")
    return int(next(m for m in at.metric if m.label == label).value)


def test_each_choice_shows_in_the_same_click(demo_db, tmp_path, monkeypatch):
    db = copy_db(demo_db.path, tmp_path)
    at = open_page(start_app(db, monkeypatch, "admin", "vi", None), "progress")
    live = _open_tracker(str(db))
    live.create_item(LIAISON, draft(live, session="15/9"))  # so that one session's total differs
    at.run()
    sessions = at.selectbox(key="progress.session").options
    assert len(sessions) >= 2
    label_15_9 = next(
        o for o in sessions if o.startswith("Kỳ họp thứ 9,") and o.endswith("khóa XV")
    )  # the session given an extra item
    totals = {}
    for label in [sessions[0], label_15_9]:
        at.selectbox(key="progress.session").select(label).run()
        assert not at.exception
        assert at.selectbox(key="progress.session").value is not None
        totals[label] = _total(at)
    assert len(set(totals.values())) >= 2  # the figures followed the session chosen, click by click

    chosen = session_id(live, "15/9")
    at.selectbox(key="progress.session").set_value(chosen).run()
    everything = _total(at)
    at.selectbox(key="progress.kind").set_value("deputy_question").run()
    assert _total(at) < everything  # the kind chosen narrows the figures in the same click
    at.date_input(key="progress.as_of").set_value(date(2020, 1, 1)).run()
    assert not at.exception
    assert at.date_input(key="progress.as_of").value == date(2020, 1, 1)
