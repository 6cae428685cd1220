"""Sessions are listed in the order they happened, newest first (issue 11): an extraordinary
session nobody dated yet must not sort above the regular sessions held after it."""

from __future__ import annotations

from datetime import date

from tracker.permissions import SYSTEM
from tracker.sessions import SessionRef


def codes(tracker) -> list[str]:
    return [s.ref.code() for s in tracker.reference.sessions]


def test_undated_extraordinary_sessions_sit_after_the_one_before_them_not_on_top(tracker):
    listed = codes(tracker)
    undated = {s.ref.code() for s in tracker.reference.sessions if s.opens_on is None}
    assert {"15/BT3", "15/BT8"} <= undated
    assert listed.index("15/10") < listed.index("15/BT8")
    assert listed.index("15/10") < listed.index("15/9") < listed.index("15/BT9") < listed.index("15/8")
    assert listed.index("15/BT3") < listed.index("15/BT2") < listed.index("15/4")


def test_dating_a_session_moves_it_to_where_it_happened(tracker):
    tracker.save_session(SYSTEM, SessionRef.parse("15/BT3"), date(2023, 2, 16), date(2023, 2, 17), "")
    listed = codes(tracker)
    assert listed.index("15/5") < listed.index("15/BT3") < listed.index("15/BT2")
