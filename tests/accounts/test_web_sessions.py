"""Server-side sign-in sessions (issue 8): what a reloaded page finds through its cookie, and
every way a session ends — sign-out, idle timeout, age, password change, account disabled."""

from __future__ import annotations

import os
import re
import stat
from datetime import datetime, timedelta

import pytest

from tests.conftest import ADMIN
from tracker import accounts, web_sessions
from tracker.errors import InvalidInput
from tracker.permissions import Role
from tracker.storage import QUERIES_DIR

PASSWORD = "mật-khẩu-đủ-dài-2026"
# A Monday morning in Hà Nội, after the 20/11 Teachers' Day week.
MORNING = datetime(2026, 11, 23, 8, 30)


@pytest.fixture
def officer(tracker):
    accounts.add_user(tracker, ADMIN, "cb_cqdp", PASSWORD, Role.UNIT_OFFICER, unit="CQĐP", display_name="Trần Thị Đơn")
    return "cb_cqdp"


def open_session(tracker, username, at=MORNING):
    session_id, code = web_sessions.start(tracker, username, at, "vi")
    token = web_sessions.claim(tracker, code, at + timedelta(seconds=1))
    assert token is not None
    return session_id, token


def test_a_claimed_cookie_finds_its_session_again(tracker, officer):
    session_id, token = open_session(tracker, officer)
    session, why = web_sessions.resume(tracker, token, MORNING + timedelta(minutes=10))
    assert why is None
    assert (session.id, session.username, session.lang) == (session_id, "cb_cqdp", "vi")
    # Only the token's SHA-256 is stored: a copy of the database does not hold a usable cookie.
    tracker.db.write(lambda cur: cur.raw.execute("checkpoint"))
    assert token.encode() not in tracker.db.path.read_bytes()


def test_a_hand_off_code_works_once_and_only_for_a_minute(tracker, officer):
    _, code = web_sessions.start(tracker, officer, MORNING)
    assert web_sessions.claim(tracker, code, MORNING + timedelta(seconds=web_sessions.HANDOFF_SECONDS + 1)) is None
    _, code = web_sessions.start(tracker, officer, MORNING)
    assert web_sessions.claim(tracker, code, MORNING + timedelta(seconds=5)) is not None
    assert web_sessions.claim(tracker, code, MORNING + timedelta(seconds=6)) is None, "spent"
    assert web_sessions.claim(tracker, "đoán-bừa", MORNING) is None


def test_a_session_left_idle_ends_and_never_comes_back(tracker, officer):
    session_id, token = open_session(tracker, officer)
    # Activity keeps it alive: a click every 20 minutes through the morning.
    for step in range(1, 6):
        session, why = web_sessions.check(tracker, session_id, MORNING + timedelta(minutes=20 * step))
        assert why is None, step
    last_click = MORNING + timedelta(minutes=100)
    session, why = web_sessions.check(tracker, session_id, last_click + timedelta(minutes=30))
    assert (session, why) == (None, "idle")
    # Revoked, not merely late: even a click "back in time" (a skewed clock) cannot revive it.
    assert web_sessions.resume(tracker, token, last_click + timedelta(minutes=1)) == (None, "revoked")


def test_the_idle_timeout_is_the_administrators_setting(tracker, officer):
    assert web_sessions.idle_minutes(tracker) == 30
    web_sessions.save_idle_minutes(tracker, ADMIN, 10)
    assert web_sessions.idle_minutes(tracker) == 10
    session_id, _ = open_session(tracker, officer)
    assert web_sessions.check(tracker, session_id, MORNING + timedelta(minutes=9))[1] is None
    assert web_sessions.check(tracker, session_id, MORNING + timedelta(minutes=20))[1] == "idle"
    events = [e for e in tracker.list_events(ADMIN) if e["action"] == "setting_saved"]
    assert events[0]["subject"] == "idle_timeout_minutes"


@pytest.mark.parametrize("bad", ["0", "4", "481", "ba mươi", "-30", ""])
def test_an_idle_timeout_out_of_range_is_refused_and_changes_nothing(tracker, bad):
    with pytest.raises(InvalidInput) as refused:
        web_sessions.save_idle_minutes(tracker, ADMIN, bad)
    assert refused.value.message("vi") == "Thời gian tự đăng xuất phải từ 5 đến 480 phút."
    assert web_sessions.idle_minutes(tracker) == 30


def test_even_a_busy_session_ends_after_a_working_day(tracker, officer):
    session_id, _ = open_session(tracker, officer)
    moment = MORNING
    while moment < MORNING + timedelta(hours=web_sessions.MAX_HOURS, minutes=-15):
        moment += timedelta(minutes=15)
        assert web_sessions.check(tracker, session_id, moment)[1] is None
    assert web_sessions.check(tracker, session_id, MORNING + timedelta(hours=web_sessions.MAX_HOURS))[1] == "expired"


def test_sign_out_revokes_the_session(tracker, officer):
    session_id, token = open_session(tracker, officer)
    web_sessions.end(tracker, session_id, MORNING + timedelta(minutes=5))
    assert web_sessions.resume(tracker, token, MORNING + timedelta(minutes=6)) == (None, "revoked")
    assert web_sessions.check(tracker, session_id, MORNING + timedelta(minutes=6)) == (None, "revoked")


def test_a_password_change_ends_every_session_of_that_account_only(tracker, officer):
    accounts.add_user(tracker, ADMIN, "lienlac", PASSWORD, Role.LIAISON)
    laptop, laptop_token = open_session(tracker, officer)
    phone, _ = open_session(tracker, officer)
    other, _ = open_session(tracker, "lienlac")
    accounts.set_password(tracker, ADMIN, "cb_cqdp", "mật-khẩu-mới-tháng-12")
    later = MORNING + timedelta(minutes=2)
    assert web_sessions.check(tracker, laptop, later) == (None, "revoked")
    assert web_sessions.check(tracker, phone, later) == (None, "revoked")
    assert web_sessions.resume(tracker, laptop_token, later) == (None, "revoked")
    assert web_sessions.check(tracker, other, later)[1] is None


def test_disabling_an_account_ends_its_sessions(tracker, officer):
    session_id, _ = open_session(tracker, officer)
    accounts.update_user(tracker, ADMIN, officer, display_name="", role=Role.VIEWER, unit=None, email=None, active=True)
    assert web_sessions.check(tracker, session_id, MORNING + timedelta(minutes=1))[1] is None, "an edit alone keeps it"
    accounts.update_user(
        tracker, ADMIN, officer, display_name="", role=Role.VIEWER, unit=None, email=None, active=False
    )
    assert web_sessions.check(tracker, session_id, MORNING + timedelta(minutes=2)) == (None, "revoked")


def test_a_cookie_is_signed_and_a_forged_one_is_ignored(tmp_path, monkeypatch):
    monkeypatch.delenv(web_sessions.SECRET_ENV, raising=False)
    key = web_sessions.secret_key(tmp_path / "tracker.duckdb")
    assert web_sessions.secret_key(tmp_path / "tracker.duckdb") == key, "kept: a restart signs nobody out"
    assert stat.S_IMODE(os.stat(tmp_path / ".session-secret").st_mode) == 0o600
    value = web_sessions.sign("token-ngau-nhien", key)
    assert web_sessions.unsign(value, key) == "token-ngau-nhien"
    assert web_sessions.unsign("token-khac." + value.split(".")[1], key) is None
    assert web_sessions.unsign(value, b"another key") is None
    for junk in (None, "", "không-có-chữ-ký", "a.b.c", "ă." + "0" * 64):
        assert web_sessions.unsign(junk, key) is None


def test_asking_whether_a_session_is_over_is_not_activity(tracker, officer):
    session_id, _ = open_session(tracker, officer)
    for minute in range(1, 30):  # the on-screen watch asks every minute while nobody clicks
        assert not web_sessions.is_over(tracker, session_id, MORNING + timedelta(minutes=minute))
    assert web_sessions.is_over(tracker, session_id, MORNING + timedelta(minutes=30))


# -- a click that needs no query (issue 15): the remembered check and the stamp that ends it -------
def found_usable(tracker, session_id, at):
    """What the app keeps after a full check: the stamp is read before the check's queries."""
    stamp = web_sessions.access_stamp(tracker.db)
    session, why = web_sessions.check(tracker, session_id, at)
    assert why is None
    return web_sessions.UsableAt(session, stamp)


def test_a_remembered_check_holds_within_the_minute_while_others_work(tracker, officer):
    session_id, _ = open_session(tracker, officer)
    found = found_usable(tracker, session_id, MORNING + timedelta(minutes=2))
    assert found.session.last_seen_at == MORNING + timedelta(minutes=2), "the activity it has just noted"
    # Around it the office works: another tab signs in and is noted active, this tab switches language.
    colleague, _ = open_session(tracker, officer, at=MORNING + timedelta(minutes=2, seconds=10))
    web_sessions.check(tracker, colleague, MORNING + timedelta(minutes=3, seconds=15))
    web_sessions.set_lang(tracker, session_id, "en")
    assert web_sessions.still_usable(found, tracker.db, MORNING + timedelta(minutes=2, seconds=59))
    # A minute on, its activity is due to be noted: the next click checks again (and writes it).
    assert not web_sessions.still_usable(found, tracker.db, MORNING + timedelta(minutes=3))


def _sign_out_elsewhere(tracker, officer, session_id, at):
    web_sessions.end(tracker, session_id, at)


def _new_password(tracker, officer, session_id, at):
    accounts.set_password(tracker, ADMIN, officer, "mật-khẩu-mới-tháng-12")


def _disabled(tracker, officer, session_id, at):
    accounts.update_user(
        tracker, ADMIN, officer, display_name="", role=Role.VIEWER, unit=None, email=None, active=False
    )


def _made_viewer(tracker, officer, session_id, at):
    accounts.update_user(tracker, ADMIN, officer, display_name="", role=Role.VIEWER, unit=None, email=None, active=True)


def _shorter_idle(tracker, officer, session_id, at):
    web_sessions.save_idle_minutes(tracker, ADMIN, 10)


@pytest.mark.parametrize("change", [_sign_out_elsewhere, _new_password, _disabled, _made_viewer, _shorter_idle])
def test_every_write_that_can_end_a_session_or_change_its_account_makes_the_next_click_check(tracker, officer, change):
    session_id, _ = open_session(tracker, officer)
    found = found_usable(tracker, session_id, MORNING + timedelta(minutes=2))
    soon = MORNING + timedelta(minutes=2, seconds=20)
    change(tracker, officer, session_id, soon)
    assert not web_sessions.still_usable(found, tracker.db, soon)


def test_a_remembered_check_never_outlives_the_working_day(tracker, officer):
    session_id, _ = open_session(tracker, officer)
    for step in range(1, 36):  # a click every 20 minutes, to 20:10
        web_sessions.check(tracker, session_id, MORNING + timedelta(minutes=20 * step))
    found = found_usable(tracker, session_id, MORNING + timedelta(hours=11, minutes=59, seconds=30))
    assert web_sessions.still_usable(found, tracker.db, MORNING + timedelta(hours=11, minutes=59, seconds=50))
    assert not web_sessions.still_usable(found, tracker.db, MORNING + timedelta(hours=12))


def test_a_stamp_belongs_to_one_database_file(tmp_path, tracker, officer):
    from tracker.service import Tracker

    other = Tracker.open(tmp_path / "khac.duckdb")
    try:
        assert web_sessions.access_stamp(other.db) != web_sessions.access_stamp(tracker.db)
    finally:
        other.close()


def test_only_statements_the_stamp_hears_change_accounts_sessions_or_settings():
    """The stamp hears writes to the users and settings folders and ``end``: a statement elsewhere
    that changed those tables, or ended sessions, would let a tab keep a check that no longer holds."""
    changes = re.compile(r"\b(update|insert\s+into|delete\s+from)\s+(users|settings|web_sessions)\b", re.IGNORECASE)
    writers = {
        path.relative_to(QUERIES_DIR).as_posix(): path.read_text(encoding="utf-8")
        for path in QUERIES_DIR.rglob("*.sql")
        if changes.search(path.read_text(encoding="utf-8"))
    }
    assert {name.split("/")[0] for name in writers} == {"users", "settings", "web_sessions"}
    ending = {name for name, text in writers.items() if re.search(r"revoked_at\s*=", text)}
    assert ending == {"web_sessions/revoke.sql", "web_sessions/revoke_for_user.sql"}
