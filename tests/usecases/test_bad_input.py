"""Bad input: every call either succeeds and leaves a consistent record, or raises a named error
that a person can read; HTML is shown as text, SQL is stored verbatim."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.conftest import LIAISON, ROOT, draft, reply, signed_in_as
from tracker.errors import Conflict, InvalidInput, NotFound, PermissionDenied, TrackerError
from tracker.items import Reply
from tracker.permissions import Actor, Role
from tracker.service import Filters, ItemDraft, Tracker

NAMED = (InvalidInput, NotFound, Conflict, PermissionDenied)
NASTY_TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            " ",
            "<script>alert('x')</script>",
            "'; drop table items; --",
            "Robert'); DELETE FROM items;--",
            "=cmd|' /C calc'!A0",
            "\x00\x07",
            "a" * 3000,
            "Lương\u0301",
            "𝕍𝕚ệ𝕥",
            "\u202eRTL",
            "\r\n\t",
        ]
    ),
)
DATES = st.one_of(
    st.none(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.sampled_from([date(1900, 1, 1), date(2999, 1, 1)]),
)
UNITS = st.one_of(st.none(), st.sampled_from(["CQĐP", "TCBC", "XYZ", "", "cqđp", "VTL"]), st.text(max_size=8))


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    tracker = Tracker.open(tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb")
    yield tracker
    tracker.close()


def _named_or_success(call) -> object | None:
    try:
        return call()
    except NAMED as error:
        assert error.message("vi") and error.message("en"), "every refusal can be read"
        return None


@given(
    kind=st.sampled_from(["voter_recommendation", "deputy_question", "x", ""]),
    phase=st.sampled_from(["before", "after", "at_session", "between_sessions", "later"]),
    session_id=st.integers(min_value=-2, max_value=40),
    received=DATES,
    summary=NASTY_TEXT,
    ref_no=NASTY_TEXT,
    topic=NASTY_TEXT,
    lead=UNITS,
    coordinating=st.lists(UNITS.filter(lambda u: u is not None), max_size=3),
    due=DATES,
    reason=NASTY_TEXT,
)
def test_random_new_items_are_saved_whole_or_refused_by_name(
    shared, kind, phase, session_id, received, summary, ref_no, topic, lead, coordinating, due, reason
):
    before = shared.search(Filters(), date(2100, 1, 1), limit=1).total
    item_id = _named_or_success(
        lambda: shared.create_item(
            LIAISON,
            ItemDraft(
                kind=kind,
                session_id=session_id,
                phase=phase,
                received_on=received,
                summary=summary,
                ref_no=ref_no,
                sources=("Cử tri tỉnh Huế",),
                deputy="Đại biểu A",
                topic=topic,
                lead_unit=lead,
                coordinating_units=tuple(coordinating),
                due_on=due,
                due_override_reason=reason,
            ),
        )
    )
    after = shared.search(Filters(), date(2100, 1, 1), limit=1).total
    assert after == before + (item_id is not None)
    if item_id is not None:
        item = shared.get_item(item_id)
        assert item.summary == summary.strip() or item.summary.startswith(summary.strip()[:10])


@given(
    response_no=NASTY_TEXT,
    responded=DATES,
    signer=NASTY_TEXT,
    result=st.sampled_from(["resolved", "being_resolved", "explained", "other"]),
    roadmap=NASTY_TEXT,
    committed=DATES,
    late_reason=NASTY_TEXT,
    stale=st.booleans(),
    role=st.sampled_from(list(Role)),
    unit=st.sampled_from(["TLBHXH", "CQĐP", None]),
)
def test_random_replies_are_saved_whole_or_refused_by_name(
    shared, response_no, responded, signer, result, roadmap, committed, late_reason, stale, role, unit
):
    item_id = shared.create_item(LIAISON, draft(shared))
    item = shared.get_item(item_id)
    actor = Actor("nguoi-thu", role, unit)
    version = _named_or_success(
        lambda: shared.record_reply(
            actor,
            item_id,
            item.version + (1 if stale else 0),
            Reply(response_no, responded, signer, "", result, roadmap, committed, late_reason),
        )
    )
    after = shared.get_item(item_id)
    if version is None:
        assert after == item, "a refused reply changes nothing"
    else:
        assert after.reply is not None and after.version == item.version + 1
    assert shared.integrity_problems() == []


@pytest.mark.parametrize(
    ("overrides", "key"),
    [
        ({"received_on": date(1900, 1, 1)}, "error.date_range"),
        ({"received_on": date(2999, 1, 1)}, "error.date_range"),
        ({"lead_unit": "KHONG-CO"}, "error.unknown_unit"),
        ({"summary": "x" * 2001}, "error.too_long"),
        ({"summary": "bình thường\x07"}, "error.control_chars"),
        ({"summary": "   "}, "error.required"),
    ],
)
def test_absurd_values_are_refused_with_a_clear_reason(tracker, overrides, key):
    with pytest.raises(InvalidInput) as refused:
        tracker.create_item(LIAISON, draft(tracker, **overrides))
    assert key in [e.key for e in getattr(refused.value, "errors", [refused.value])]
    assert tracker.search(Filters(), date(2100, 1, 1)).total == 0


def test_a_reply_before_receipt_is_refused(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker))
    with pytest.raises(TrackerError) as refused:
        tracker.record_reply(LIAISON, item_id, 1, reply(date(2025, 7, 1)))
    assert "trước ngày nhận" in refused.value.message("vi")


def test_sql_fragments_are_stored_verbatim(tracker):
    text = '\'; DROP TABLE items; -- and "quotes" and $1 ?'
    item_id = tracker.create_item(LIAISON, draft(tracker, summary=text, ref_no="1'--"))
    assert tracker.get_item(item_id).summary == text
    assert tracker.search(Filters(text="drop table"), date(2100, 1, 1)).total == 1


def test_html_in_an_item_is_shown_as_text_never_rendered(tracker, db_path, monkeypatch):
    script = "<script>alert('xss')</script> <img src=x onerror=alert(1)> [link](javascript:alert(1))"
    item_id = tracker.create_item(LIAISON, draft(tracker, summary=script))
    tracker.close()
    monkeypatch.setenv("TRACKER_DB", str(db_path))
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.session_state["app.actor"] = signed_in_as(db_path, "viewer")
    at.run()
    at.query_params["item"] = str(item_id)
    at.switch_page("app_pages/register.py").run()
    assert not at.exception
    # Body text goes through st.text (never Markdown, never HTML): shown exactly as stored.
    assert script in [t.value for t in at.text], "the summary is on the page, as typed"
    for element in at.markdown:
        assert "<script>" not in element.value and "[link](" not in element.value
        assert not element.proto.allow_html
