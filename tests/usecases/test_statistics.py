"""The figures (tracker/usecases/statistics.py): the demo's numbers add up for every session."""

from __future__ import annotations

from datetime import date


def test_demo_numbers_add_up_for_every_session(demo_tracker):
    rows = demo_tracker.stats(date(2026, 11, 20))
    assert rows
    for r in rows:
        assert r.counts.invariant_errors() == [], r
    by_code = {(r.ref.code(), r.kind): r.counts for r in rows}
    assert by_code[("15/7", "voter_recommendation")].replied == 129
    assert by_code[("15/7", "voter_recommendation")].total == 129
    assert by_code[("15/8", "deputy_question")].total == 0
