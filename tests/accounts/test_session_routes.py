"""The cookie routes (ui/session_routes.py) as the browser meets them: the cookie's flags, a code
that works once, no cookie for another site's link, and no redirect off the site."""

from __future__ import annotations

from datetime import datetime

import pytest
from starlette.requests import Request

from tests.conftest import ADMIN
from tracker import accounts, web_sessions
from tracker.permissions import Role
from ui import session_routes


def request(path: str, query: str = "", headers: dict[str, str] | None = None, scheme: str = "http") -> Request:
    raw = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    return Request(
        {
            "type": "http",
            "method": "GET",
            "path": path,
            "query_string": query.encode(),
            "headers": raw,
            "scheme": scheme,
            "server": ("127.0.0.1", 8501),
            "root_path": "",
        }
    )


@pytest.fixture
def live(tracker, monkeypatch):
    monkeypatch.setattr(session_routes, "_tracker", lambda: tracker)
    monkeypatch.setenv(web_sessions.SECRET_ENV, "khóa-bí-mật-thử-nghiệm")
    accounts.add_user(tracker, ADMIN, "lienlac", "mật-khẩu-đủ-dài-2026", Role.LIAISON)
    return tracker


def code_for(tracker) -> str:
    return web_sessions.start(tracker, "lienlac", datetime.now())[1]


def test_a_hand_off_code_becomes_an_httponly_strict_cookie_once(live):
    code = code_for(live)
    first = session_routes.collect_cookie(request(session_routes.START, f"code={code}&next=/register"))
    assert first.status_code == 303 and first.headers["location"] == "/register"
    cookie = first.headers["set-cookie"]
    assert cookie.startswith(f"{web_sessions.COOKIE_NAME}=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert "Max-Age" not in cookie and "expires" not in cookie.lower(), "ends with the browser"
    assert "Secure" not in cookie, "plain http on loopback"
    assert first.headers["cache-control"] == "no-store"
    value = cookie.split(";")[0].split("=", 1)[1]
    token = web_sessions.unsign(value, web_sessions.secret_key(live.db.path))
    session, why = web_sessions.resume(live, token, datetime.now())
    assert why is None and session.username == "lienlac"
    again = session_routes.collect_cookie(request(session_routes.START, f"code={code}"))
    assert again.status_code == 303 and "set-cookie" not in again.headers, "a spent code gives nothing"


def test_behind_https_the_cookie_is_secure(live):
    code = code_for(live)
    answer = session_routes.collect_cookie(
        request(session_routes.START, f"code={code}", {"X-Forwarded-Proto": "https"})
    )
    assert "Secure" in answer.headers["set-cookie"]


def test_a_link_from_another_site_gets_no_cookie(live):
    code = code_for(live)
    answer = session_routes.collect_cookie(
        request(session_routes.START, f"code={code}", {"Sec-Fetch-Site": "cross-site"})
    )
    assert answer.status_code == 403 and "set-cookie" not in answer.headers
    # ...and the code is still unspent for the real page that asked for it.
    assert web_sessions.claim(live, code, datetime.now()) is not None


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "/a?b=c"]
)
def test_the_redirect_never_leaves_the_site(live, target):
    answer = session_routes.collect_cookie(request(session_routes.START, f"code=x&next={target}"))
    assert answer.headers["location"] == "/"


def test_the_end_route_drops_the_cookie(live):
    answer = session_routes.drop_cookie(request(session_routes.END, "next=/auth/logout"))
    assert answer.status_code == 303 and answer.headers["location"] == "/auth/logout"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{web_sessions.COOKIE_NAME}=") and "Max-Age=0" in cookie and "HttpOnly" in cookie


def test_the_cookie_route_lands_on_the_shared_item(live):
    code = code_for(live)
    answer = session_routes.collect_cookie(request(session_routes.START, f"code={code}&next=%2Fitem%3Fid%3D397"))
    assert answer.status_code == 303 and answer.headers["location"] == "/item?id=397"
    assert "set-cookie" in answer.headers
