"""Sign-in, idle sign-out and session revocation as a person meets them (AppTest, issue 8)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, open_page, signed_in_as, start_app
from tracker import accounts, web_sessions
from tracker.permissions import SYSTEM, Role
from tracker.storage import Queries
from ui import context, session_routes
from ui.context import _open_tracker

PASSWORD = "mật-khẩu-đủ-dài-2026"


class Clock:
    """The app's clock, moved by the test (ui.context.now)."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    tick = Clock(datetime.now())
    monkeypatch.setattr(context, "now", tick)
    return tick


def signed_in(at: AppTest) -> bool:
    return any(b.key == "app.sign_out" for b in at.sidebar.button)


def redirects(at: AppTest) -> list:
    """The scripts that send the browser through a cookie route (not the page's other scripts,
    such as ui/frontend_texts.py's Vietnamese for Streamlit's own strings)."""
    return [h for h in at.html if "window.location.replace" in h.proto.body]


def infos(at: AppTest) -> list[str]:
    return [m.value for m in at.info]


def sign_in_with_form(db, monkeypatch, name: str, password: str) -> AppTest:
    at = start_app(db, monkeypatch, role=None)
    at.text_input(key="sign_in.username").input(name)
    at.text_input(key="sign_in.password").input(password)
    at.button(key="FormSubmitter:sign_in.form-Đăng nhập").click().run()
    assert not at.exception, at.exception
    return at


def test_an_idle_tab_is_signed_out_with_a_reason(db_path, monkeypatch, clock):
    at = start_app(db_path, monkeypatch, role="liaison")
    assert signed_in(at)
    clock.advance(minutes=29)
    at.run()
    assert signed_in(at), "29 minutes: still in"
    clock.advance(minutes=30)
    at.run()
    assert not signed_in(at)
    assert "Bạn đã được đăng xuất sau 30 phút không thao tác. Đề nghị đăng nhập lại." in infos(at)
    live = _open_tracker(str(db_path))
    assert live.list_events(SYSTEM)[0]["action"] == "session_timed_out"


def test_the_administrator_sets_the_idle_timeout_in_settings(db_path, monkeypatch, clock):
    at = open_page(start_app(db_path, monkeypatch, role="admin"), "settings")
    assert at.number_input(key="settings.idle_minutes").value == 30
    at.number_input(key="settings.idle_minutes").set_value(10)
    at.button(key="FormSubmitter:settings.session_form_idle-Lưu").click().run()
    assert not at.exception, at.exception
    assert web_sessions.idle_minutes(_open_tracker(str(db_path))) == 10
    clock.advance(minutes=11)
    at.run()
    assert not signed_in(at)
    assert "Bạn đã được đăng xuất sau 10 phút không thao tác. Đề nghị đăng nhập lại." in infos(at)


def test_a_password_reset_signs_the_person_out_at_their_next_click(db_path, monkeypatch, clock):
    at = start_app(db_path, monkeypatch, role="viewer")
    assert signed_in(at)
    accounts.set_password(_open_tracker(str(db_path)), None, "test-viewer", "mật-khẩu-mới-tháng-12")
    at.run()
    assert not signed_in(at)
    assert (
        "Phiên làm việc đã kết thúc (đăng xuất, đổi mật khẩu hoặc tài khoản bị khóa). Đề nghị đăng nhập lại."
        in infos(at)
    )


def test_signing_in_opens_a_session_and_signing_out_ends_it(db_path, monkeypatch, clock):
    live = _open_tracker(str(db_path))
    accounts.add_user(live, SYSTEM, "lienlac", PASSWORD, Role.LIAISON, display_name="Nguyễn Văn Liên")
    at = sign_in_with_form(db_path, monkeypatch, "lienlac", PASSWORD)
    assert signed_in(at)
    session_id = at.session_state[context.SESSION_KEY]
    assert web_sessions.check(live, session_id, clock())[1] is None
    at.sidebar.button(key="app.sign_out").click().run()
    assert not signed_in(at)
    assert web_sessions.check(live, session_id, clock()) == (None, "revoked")
    assert [e["action"] for e in live.list_events(SYSTEM)][:2] == ["signed_out", "sign_in"]


def test_without_the_cookie_routes_nothing_sends_the_browser_away(db_path, monkeypatch, clock):
    live = _open_tracker(str(db_path))
    accounts.add_user(live, SYSTEM, "lienlac", PASSWORD, Role.LIAISON)
    monkeypatch.setattr(session_routes, "installed", False)
    at = sign_in_with_form(db_path, monkeypatch, "lienlac", PASSWORD)
    assert signed_in(at) and not redirects(at)


def test_with_the_cookie_routes_the_browser_collects_its_cookie_once(db_path, monkeypatch, clock):
    live = _open_tracker(str(db_path))
    accounts.add_user(live, SYSTEM, "lienlac", PASSWORD, Role.LIAISON)
    monkeypatch.setattr(session_routes, "installed", True)
    at = sign_in_with_form(db_path, monkeypatch, "lienlac", PASSWORD)
    assert signed_in(at)
    assert len(redirects(at)) == 1 and f"{session_routes.START}?code=" in redirects(at)[0].proto.body
    at.run()
    assert signed_in(at) and not redirects(at), "the one-time code is offered once"
    at.sidebar.button(key="app.sign_out").click().run()
    assert len(redirects(at)) == 1 and session_routes.END in redirects(at)[0].proto.body


def test_a_wrong_password_on_the_page_gets_the_generic_answer_and_an_audit_event(db_path, monkeypatch, clock):
    live = _open_tracker(str(db_path))
    accounts.add_user(live, SYSTEM, "lienlac", PASSWORD, Role.LIAISON)
    at = sign_in_with_form(db_path, monkeypatch, "lienlac", "sai-mat-khau-roi")
    assert not signed_in(at)
    assert len(at.error) == 1 and "Tên đăng nhập hoặc mật khẩu không đúng" in at.error[0].value
    admin = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    admin.session_state["app.actor"] = signed_in_as(db_path, "admin")
    admin.session_state["app.lang"] = "vi"
    admin.run()
    open_page(admin, "audit")
    table = admin.dataframe[0].value
    shown = table.iloc[:, 2].tolist()
    assert "Đăng nhập không thành công" in shown
    row = table[table.iloc[:, 2] == "Đăng nhập không thành công"].iloc[0]
    assert row.iloc[1] == "lienlac" and row.iloc[4] == "Số lần đăng nhập sai liên tiếp: 0 → 1"


def test_signing_out_of_a_single_sign_on_session_also_ends_the_providers_sign_in(db_path, monkeypatch, clock):
    monkeypatch.setattr(session_routes, "installed", True)
    at = start_app(db_path, monkeypatch, role="viewer")
    at.session_state[context.SSO_KEY] = True
    at.sidebar.button(key="app.sign_out").click().run()
    assert not signed_in(at)
    # Streamlit's /auth/logout clears st.user's cookie: the sign-in page cannot sign them back in.
    assert len(redirects(at)) == 1 and "next=%2Fauth%2Flogout" in redirects(at)[0].proto.body


# -- a click that needs no query (issue 15): what it must never cost --------------------------
def caption(at: AppTest) -> str:
    return " ".join(c.value for c in at.sidebar.caption)


def test_an_account_changed_by_the_administrator_changes_at_the_next_click_even_within_the_minute(
    db_path, monkeypatch, clock
):
    at = start_app(db_path, monkeypatch, role="liaison")
    assert "Cán bộ đầu mối" in caption(at)
    clock.advance(seconds=10)
    at.run()  # a click the tab answers from its remembered check
    live = _open_tracker(str(db_path))
    accounts.update_user(
        live, SYSTEM, "test-liaison", display_name="", role=Role.VIEWER, unit=None, email=None, active=True
    )
    clock.advance(seconds=10)
    at.run()
    assert "Lãnh đạo Bộ" in caption(at) and "Cán bộ đầu mối" not in caption(at)
    accounts.update_user(
        live, SYSTEM, "test-liaison", display_name="", role=Role.VIEWER, unit=None, email=None, active=False
    )
    clock.advance(seconds=10)
    at.run()
    assert not signed_in(at)


def test_signing_out_in_another_tab_ends_this_one_at_its_next_click(db_path, monkeypatch, clock):
    at = start_app(db_path, monkeypatch, role="liaison")
    clock.advance(seconds=5)
    at.run()
    assert signed_in(at)
    # A second tab reached the same session through the cookie and signed out there.
    web_sessions.end(_open_tracker(str(db_path)), at.session_state[context.SESSION_KEY], clock())
    clock.advance(seconds=5)
    at.run()
    assert not signed_in(at)


def test_a_click_within_the_minute_asks_the_database_nothing_about_the_session(db_path, monkeypatch, clock):
    at = start_app(db_path, monkeypatch, role="liaison")
    asked: list[str] = []
    original = Queries.__getitem__

    def traced(self: Queries, name: str) -> str:
        asked.append(name)
        return original(self, name)

    monkeypatch.setattr(Queries, "__getitem__", traced)
    clock.advance(seconds=30)
    at.run()
    assert signed_in(at)
    assert not {"web_sessions/get", "users/get"} & set(asked)
    clock.advance(seconds=31)  # its activity is due: noted, and the session and the account read again
    at.run()
    assert signed_in(at)
    assert {"web_sessions/get", "web_sessions/touch", "users/get"} <= set(asked)
