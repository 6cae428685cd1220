"""The two HTTP routes that give a signed-in browser its session cookie and take it back.

Streamlit talks to the browser over a WebSocket, which cannot set a cookie, and the native
cookie-writing API is still an open request (streamlit/streamlit#14730). Streamlit 1.53+ does let
an app add its own Starlette routes (``st.App(routes=...)``, see ``app.py``): the tab that has just
signed in sends the browser to ``START`` with a one-time code, and the answer sets a signed,
HttpOnly, SameSite=Strict cookie that JavaScript can neither read nor forge.
"""

from __future__ import annotations

from datetime import datetime

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from tracker import web_sessions
from ui.deep_links import safe_next

START = "/_tracker/session/start"
END = "/_tracker/session/end"

# Set when app.py builds the server with these routes: a tab only sends the browser to them
# when they exist (a bare `streamlit run streamlit_app.py` keeps the in-tab sign-in only).
installed = False


def routes() -> list[Route]:
    global installed
    installed = True
    # Plain (sync) functions: Starlette runs them on its thread pool, off the event loop,
    # because they wait for the database's single writer.
    return [Route(START, collect_cookie, methods=["GET"]), Route(END, drop_cookie, methods=["GET"])]


def _tracker():
    from ui.context import tracker  # the process's one Tracker, shared with every tab

    return tracker()


def _next(request: Request) -> str:
    # A plain path on this site and only the allow-listed query (ui/deep_links.py): never elsewhere.
    return safe_next(request.query_params.get("next", "/"))


def _https(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "").lower() == "https"


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def collect_cookie(request: Request) -> Response:
    # Login CSRF: another site must not be able to plant its own session in this browser.
    # Browsers say where a navigation came from; only our own pages may send it here.
    if request.headers.get("sec-fetch-site", "same-origin") != "same-origin":
        return _no_store(PlainTextResponse("forbidden", status_code=403))
    tracker = _tracker()
    token = web_sessions.claim(tracker, request.query_params.get("code", ""), datetime.now())
    response = RedirectResponse(_next(request), status_code=303)
    if token is not None:
        response.set_cookie(
            web_sessions.COOKIE_NAME,
            web_sessions.sign(token, web_sessions.secret_key(tracker.db.path)),
            httponly=True,
            samesite="strict",
            secure=_https(request),
            path="/",
        )  # no max-age: the cookie ends with the browser, the session sooner (idle, sign-out)
    return _no_store(response)


def drop_cookie(request: Request) -> Response:
    """After sign-out (the session is already revoked server-side): forget the cookie too."""
    response = RedirectResponse(_next(request), status_code=303)
    response.delete_cookie(web_sessions.COOKIE_NAME, path="/", httponly=True, samesite="strict", secure=_https(request))
    return _no_store(response)
