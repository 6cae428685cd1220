"""Sessions ("15/8", "15/BT9"), Roman-numeral terms, dates as users type them, Vietnamese search keys."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest

from tracker.dates import format_date, official_date_line, parse_date
from tracker.errors import InvalidInput
from tracker.reference import DEFAULT_SESSIONS
from tracker.sessions import Session, SessionRef, next_regular_session, roman
from tracker.text import clean, fold, has_control_chars


# -- SessionRef ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "term", "number", "extraordinary"),
    [
        ("15/8", 15, 8, False),
        ("15/BT9", 15, 9, True),
        (" 15 / bt 9 ", 15, 9, True),
        ("16/1", 16, 1, False),
        ("15/10", 15, 10, False),
    ],
)
def test_session_codes_parse(text, term, number, extraordinary):
    ref = SessionRef.parse(text)
    assert (ref.term, ref.number, ref.extraordinary) == (term, number, extraordinary)
    assert SessionRef.parse(ref.code()) == ref


@pytest.mark.parametrize(
    "text", ["", None, "15", "15/", "/8", "15-8", "15/X9", "XV/8", "15/0", "0/8", "15/8/2", "115/8", "abc"]
)
def test_bad_session_codes_are_input_errors(text):
    with pytest.raises(InvalidInput) as caught:
        SessionRef.parse(text)
    assert caught.value.key == "error.session_format"
    assert caught.value.field == "session"
    assert "15/8" in caught.value.message("vi")  # tells the user how to write it


def test_codes_and_labels():
    assert SessionRef(15, 8).code() == "15/8"
    assert SessionRef(15, 9, True).code() == "15/BT9"
    assert SessionRef(15, 8).label("vi") == "Kỳ họp thứ 8, Quốc hội khóa XV"
    assert SessionRef(15, 9, True).label("vi") == "Kỳ họp bất thường thứ 9, Quốc hội khóa XV"
    assert SessionRef(16, 1).label("vi") == "Kỳ họp thứ 1, Quốc hội khóa XVI"
    assert SessionRef(15, 8).label("en") == "Session 8, 15th National Assembly"
    assert SessionRef(15, 9, True).label("en") == "Extraordinary session 9, 15th National Assembly"


@pytest.mark.parametrize(
    ("number", "letters"),
    [
        (1, "I"),
        (4, "IV"),
        (9, "IX"),
        (13, "XIII"),
        (14, "XIV"),
        (15, "XV"),
        (16, "XVI"),
        (19, "XIX"),
        (20, "XX"),
        (44, "XLIV"),
        (59, "LIX"),
        (99, "XCIX"),
    ],
)
def test_terms_in_roman_numerals(number, letters):
    assert roman(number) == letters


def _sessions() -> list[Session]:
    return [
        Session(n, SessionRef(s.term, s.number, s.extraordinary), s.opens_on, s.closes_on, s.note)
        for n, s in enumerate(DEFAULT_SESSIONS, start=1)
    ]


def _find(sessions: list[Session], code: str) -> Session:
    return next(s for s in sessions if s.ref == SessionRef.parse(code))


@pytest.mark.parametrize(
    ("after", "expected"),
    [("15/7", "15/8"), ("15/8", "15/9"), ("15/10", "16/1"), ("15/BT2", "15/5"), ("15/BT5", "15/7")],
)
def test_next_regular_session(after, expected):
    sessions = _sessions()
    assert next_regular_session(sessions, _find(sessions, after)).ref == SessionRef.parse(expected)


def test_an_undated_next_session_is_still_the_next_one():
    sessions = _sessions()
    nxt = next_regular_session(sessions, _find(sessions, "16/1"))
    assert nxt.ref == SessionRef(16, 2)
    assert nxt.opens_on is None  # so the report deadline is not known yet


def test_no_next_session_after_the_last_one():
    sessions = [s for s in _sessions() if s.ref != SessionRef(16, 2)]
    assert next_regular_session(sessions, _find(sessions, "16/1")) is None


def test_next_regular_session_after_an_extraordinary_one_with_the_same_number():
    # The 9th extraordinary session (12-19/2/2025) is followed by the 9th regular one (5/5/2025).
    sessions = _sessions()
    assert next_regular_session(sessions, _find(sessions, "15/BT9")).ref == SessionRef(15, 9)


def test_report_on_a_session_is_due_before_the_next_one(tracker):
    session = tracker.reference.session_by_ref(SessionRef(15, 8))
    nxt, due = tracker.report_due_for(session)
    assert nxt.ref == SessionRef(15, 9)
    assert due == date(2025, 4, 2)  # hand-counted in test_workdays.py
    nxt, due = tracker.report_due_for(tracker.reference.session_by_ref(SessionRef(16, 1)))
    assert (nxt.ref, due) == (SessionRef(16, 2), None)  # the 2nd session's date is not set yet
    nxt, due = tracker.report_due_for(tracker.reference.session_by_ref(SessionRef(15, 9, True)))
    assert (nxt.ref, due) == (SessionRef(15, 9), date(2025, 4, 2))


# -- text ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Lương", "luong"),
        ("Đà Nẵng", "da nang"),
        ("ĐỒNG THÁP", "dong thap"),
        ("Lương  Cơ   sở", "luong co so"),
        ("  Người có công ", "nguoi co cong"),
        ("Bảo hiểm xã hội", "bao hiem xa hoi"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_ignores_case_and_diacritics(text, key):
    assert fold(text) == key


def test_fold_treats_composed_and_decomposed_input_alike():
    composed = "Tiền lương cơ sở"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert fold(decomposed) == fold(composed) == "tien luong co so"


def test_clean_normalises_to_nfc_and_trims():
    decomposed = unicodedata.normalize("NFD", "  Cử tri tỉnh Nghệ An ")
    assert clean(decomposed) == "Cử tri tỉnh Nghệ An"
    assert clean(None) == ""


def test_control_characters_are_detected_but_tab_and_newline_allowed():
    assert has_control_chars("a\x00b")
    assert has_control_chars("a\x1bb")
    assert not has_control_chars("dòng 1\ndòng 2\tcột")


# -- dates -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "27/01/2026",
        "2026-01-27",
        "27-01-2026",
        "27.01.2026",
        " 27/1/2026 ",
        date(2026, 1, 27),
        datetime(2026, 1, 27, 9, 30),
    ],
)
def test_dates_parse_from_what_users_type(text):
    assert parse_date(text) == date(2026, 1, 27)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("32/01/2026", "error.date_format"),
        ("01/13/2026", "error.date_format"),
        ("hôm qua", "error.date_format"),
        ("", "error.date_required"),
        (None, "error.date_required"),
        ("01/01/1900", "error.date_range"),
        ("01/01/2999", "error.date_range"),
    ],
)
def test_bad_dates_are_input_errors(text, key):
    with pytest.raises(InvalidInput) as caught:
        parse_date(text, "received_on")
    assert caught.value.key == key
    assert caught.value.field == "received_on"


def test_dates_are_shown_as_dd_mm_yyyy():
    assert format_date(date(2026, 2, 3)) == "03/02/2026"
    assert format_date(None) == ""


def test_official_date_line_decree_30():
    assert official_date_line(date(2020, 3, 5)) == "Hà Nội, ngày 05 tháng 3 năm 2020"
    assert official_date_line(date(2026, 2, 16)) == "Hà Nội, ngày 16 tháng 02 năm 2026"
    assert official_date_line(date(2025, 12, 1), "TP. Hồ Chí Minh") == "TP. Hồ Chí Minh, ngày 01 tháng 12 năm 2025"


@pytest.mark.parametrize("text", ["31/11/2026", "29/02/2027", "30/02/2028", "2026-11-31", "31.04.2026"])
def test_a_day_that_does_not_exist_is_called_that_not_a_wrong_format(text):
    with pytest.raises(InvalidInput) as caught:
        parse_date(text, "received_on")
    assert caught.value.key == "error.date_nonexistent"
    message = caught.value.message("vi")
    assert f'Ngày "{text}" không tồn tại' in message
    assert "định dạng" not in message


def test_29_february_of_a_leap_year_is_a_day():
    assert parse_date("29/02/2028") == date(2028, 2, 29)
