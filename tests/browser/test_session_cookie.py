"""A page reload keeps the person signed in (issue 8): the browser holds a signed, HttpOnly,
SameSite=Strict cookie that points to a server-side session; signing out ends it for good."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ADMIN_PASSWORD, watch
from tests.browser.test_journeys import idle, sign_in, sign_out

pytestmark = pytest.mark.browser


def session_cookies(page) -> list[dict]:
    return [c for c in page.context.cookies() if c["name"] == "tracker_session"]


def test_a_reload_keeps_the_user_signed_in_until_sign_out(browser, server):
    watched = watch(browser)
    page = watched.page
    sign_in(page, server.url, "quantri", ADMIN_PASSWORD)
    # The browser is sent once through the cookie route and comes back signed in.
    page.wait_for_function("() => !location.pathname.startsWith('/_tracker')")
    page.get_by_text("Đăng xuất").wait_for()
    idle(page)
    cookies = session_cookies(page)
    assert len(cookies) == 1, page.context.cookies()
    cookie = cookies[0]
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Strict"
    assert cookie["expires"] == -1, "a session cookie: it ends when the browser closes"
    # Scripts on the page cannot read it (HttpOnly), so an injected script cannot steal it.
    assert "tracker_session" not in page.evaluate("document.cookie")

    page.reload()
    page.get_by_text("Đăng xuất").wait_for()
    assert page.get_by_label("Mật khẩu", exact=True).count() == 0
    idle(page)

    sign_out(page)
    assert session_cookies(page) == [], "signing out also drops the cookie"

    page.reload()
    page.get_by_label("Mật khẩu", exact=True).wait_for()
    idle(page)
    assert page.get_by_role("button", name="Đăng xuất").count() == 0
    watched.check()


def test_an_old_cookie_brought_back_after_sign_out_is_worthless(browser, server):
    watched = watch(browser)
    page = watched.page
    sign_in(page, server.url, "quantri", ADMIN_PASSWORD)
    page.wait_for_function("() => !location.pathname.startsWith('/_tracker')")
    page.get_by_text("Đăng xuất").wait_for()
    idle(page)
    stolen = session_cookies(page)
    assert stolen
    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_label("Mật khẩu", exact=True).wait_for()
    idle(page)
    # Someone who copied the cookie before sign-out puts it back: the session was revoked.
    page.context.add_cookies(stolen)
    page.reload()
    page.get_by_label("Mật khẩu", exact=True).wait_for()
    idle(page)
    assert page.get_by_role("button", name="Đăng xuất").count() == 0
    watched.check()
