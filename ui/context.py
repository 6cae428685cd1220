"""What every page needs: the shared Tracker, the language, the acting user, formatting."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import cast
from urllib.parse import urlencode, urlsplit

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from tracker import accounts, web_sessions
from tracker.dates import format_date
from tracker.errors import DatabaseUnavailable, TrackerError
from tracker.i18n import DEFAULT_LANG, t
from tracker.permissions import Action, Actor, can
from tracker.plain_text import escape_markdown
from tracker.service import Tracker
from tracker.storage import default_path
from ui import session_routes
from ui.deep_links import safe_target

LANG_KEY = "app.lang"
ACTOR_KEY = "app.actor"
SESSION_KEY = "app.web_session"  # the id of the tab's row in web_sessions (server memory only)
HANDOFF_KEY = "app.cookie_handoff"
DROP_COOKIE_KEY = "app.cookie_drop"
ENDED_KEY = "app.session_ended"
CHECKED_KEY = "app.session_checked"  # the tab's last full check: (what it found, the actor it found)
STALE_COOKIE_KEY = "app.cookie_stale"
IDLE_WATCH = timedelta(seconds=60)
SSO_KEY = "app.via_sso"
SSO_LOGOUT = "/auth/logout"  # Streamlit's own route: clears st.user's cookie, then the provider's sign-out
DATE_FORMAT = "DD/MM/YYYY"


@st.cache_resource(show_spinner=False)
def _open_tracker(path: str) -> Tracker:
    # One Tracker (one DuckDB connection, one writer thread) per process and file: every
    # browser session shares it, reading through its own cursors.
    return Tracker.open(path)


def tracker() -> Tracker:
    memo = this_run()
    known = memo.get("tracker")
    if known is not None:
        return cast(Tracker, known)
    try:
        opened = memo["tracker"] = _open_tracker(str(default_path()))
        return opened
    except DatabaseUnavailable as error:
        # One sentence for everyone, anonymous visitors included: no traceback, no server path.
        # (cache_resource keeps no failure, so the next visit tries the file again.)
        st.error(tr(error.app_key), icon=":material/error:")
        st.stop()


def lang() -> str:
    # Settled for the run once the person is known (a reloaded tab takes its session's language
    # then); a page asks it hundreds of times a run, and session state is slow to ask.
    known = this_run().get("lang")
    if known is not None:
        return cast(str, known)
    current: str = st.session_state.get(LANG_KEY, DEFAULT_LANG)
    return current


def tr(key: str, /, **params: object) -> str:
    return t(key, lang(), **params)


def now() -> datetime:
    """The clock sessions are timed by (tests move it)."""
    return datetime.now()


_RUN_MEMO = "_tracker_run_memo"


def this_run() -> dict[str, object]:
    """What is worth working out once per script run: a page asks ctx.tracker() a hundred times
    and ctx.actor() a dozen times a run, and each actor was two queries (issue 15: server CPU per
    click). Kept on Streamlit's context of this run, which starts every run (fragment runs
    included) with a fresh ``cursors`` dict, so the next click works it out afresh."""
    run = get_script_run_ctx()
    if run is None:
        return {}
    memo = getattr(run, _RUN_MEMO, None)
    if memo is None or memo[0] is not run.cursors:
        memo = (run.cursors, {})
        setattr(run, _RUN_MEMO, memo)
    values: dict[str, object] = memo[1]
    return values


def signed_in() -> Actor | None:
    """The signed-in person (local account, or single sign-on mapped to an account), worked out
    once per script run and database generation (a write within the run, such as a sign-out,
    reads it afresh).

    Checked on every run: a role changed or an account disabled by an administrator takes effect
    at the person's next click, not at their next sign-in; the tab's server-side session ends after
    the idle timeout, at sign-out and when the password changes or the account is disabled. A click
    within a minute of the last full check takes its answer while no write that could change it has
    committed since (web_sessions.still_usable); otherwise the session and the account are read
    again. A new tab or a reloaded page finds its session again through the HttpOnly cookie
    (tracker/web_sessions.py).
    """
    memo = this_run()
    now_known = (tracker().db.generation, st.session_state.get(SESSION_KEY), st.session_state.get(ACTOR_KEY))
    if memo.get("actor_for") == now_known:
        return cast("Actor | None", memo["actor"])
    current = _signed_in()
    memo["actor"] = current
    # After the check (it may note the session as active, a write): what the next call compares.
    memo["actor_for"] = (tracker().db.generation, st.session_state.get(SESSION_KEY), st.session_state.get(ACTOR_KEY))
    memo["lang"] = st.session_state.get(LANG_KEY, DEFAULT_LANG)
    return current


def _signed_in() -> Actor | None:
    remembered = st.session_state.get(ACTOR_KEY)
    if remembered is None:
        return _resume_from_cookie()
    session_id = st.session_state.get(SESSION_KEY)
    if session_id is None:  # put there directly (tests, probes): give it a session like any other
        session_id = st.session_state[SESSION_KEY] = web_sessions.start(tracker(), remembered.username, now())[0]
    db, moment = tracker().db, now()
    last = st.session_state.get(CHECKED_KEY)
    if (
        last is not None
        and (last[0].session.id, last[1]) == (session_id, remembered)
        and web_sessions.still_usable(last[0], db, moment)
    ):
        this_run()["session_checked"] = session_id  # nothing that decides it has changed: no query
        return remembered
    stamp = web_sessions.access_stamp(db)  # before the queries: a write during them moves it on
    session, why = web_sessions.check(tracker(), session_id, moment)
    current = accounts.current_actor(tracker(), remembered.username) if session is not None else None
    if session is None or current is None:
        _forget(why or "revoked", remembered.username)
        return None
    if current != remembered:
        st.session_state[ACTOR_KEY] = current
    st.session_state[CHECKED_KEY] = (web_sessions.UsableAt(session, stamp), current)
    this_run()["session_checked"] = session_id
    return current


def _resume_from_cookie() -> Actor | None:
    cookie = st.context.cookies.get(web_sessions.COOKIE_NAME)
    if not cookie:
        return None
    token = web_sessions.unsign(cookie, web_sessions.secret_key(tracker().db.path))
    session, why = web_sessions.resume(tracker(), token, now()) if token else (None, "unknown")
    current = accounts.current_actor(tracker(), session.username) if session is not None else None
    if current is None:
        # A stale cookie (signed out, timed out elsewhere): say why once, then ignore it.
        if why == "idle" and not st.session_state.get(STALE_COOKIE_KEY):
            st.session_state[ENDED_KEY] = "idle"
        st.session_state[STALE_COOKIE_KEY] = True
        return None
    st.session_state[ACTOR_KEY] = current
    st.session_state[SESSION_KEY] = session.id
    if session.lang and LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = session.lang
    return current


def _forget(why: str, username: str) -> None:
    if why == "idle":
        accounts.log_session_event(tracker(), username, "session_timed_out")
    st.session_state[ENDED_KEY] = why
    st.session_state.pop(ACTOR_KEY, None)
    st.session_state.pop(SESSION_KEY, None)
    st.session_state.pop(CHECKED_KEY, None)
    st.session_state[STALE_COOKIE_KEY] = True


@st.fragment(run_every=IDLE_WATCH)
def watch_idle() -> None:
    """Sign an idle tab out on screen, not only at its next click: an unattended desk must not keep
    showing the register. Runs every minute in the background; that run is not activity."""
    session_id = st.session_state.get(SESSION_KEY)
    if session_id is None or this_run().get("session_checked") == session_id:
        return  # a whole run (a click) has just checked this session in signed_in(): one query less
    if web_sessions.is_over(tracker(), session_id, now()):
        st.rerun(scope="app")


def sign_in(actor: Actor, *, via_sso: bool = False) -> None:
    """Open the tab's server-side session; the browser collects its cookie on the next run."""
    session_id, code = web_sessions.start(tracker(), actor.username, now(), lang())
    st.session_state[ACTOR_KEY] = actor
    st.session_state[SSO_KEY] = via_sso
    st.session_state[SESSION_KEY] = session_id
    st.session_state[HANDOFF_KEY] = code
    st.session_state.pop(CHECKED_KEY, None)
    st.session_state.pop(ENDED_KEY, None)
    st.session_state.pop(STALE_COOKIE_KEY, None)


def sign_out() -> None:
    session_id = st.session_state.pop(SESSION_KEY, None)
    remembered = st.session_state.pop(ACTOR_KEY, None)
    st.session_state.pop(CHECKED_KEY, None)
    if session_id is not None:
        web_sessions.end(tracker(), session_id, now())
    if remembered is not None:
        accounts.log_session_event(tracker(), remembered.username, "signed_out")
    st.session_state.pop(HANDOFF_KEY, None)
    st.session_state[DROP_COOKIE_KEY] = True
    # A tab reloaded after a single sign-on no longer remembers how it signed in; st.user does.
    if st.session_state.pop(SSO_KEY, False) or getattr(st.user, "is_logged_in", False):
        # Streamlit's own identity cookie must go too, or the sign-in page signs them straight back in.
        if session_routes.installed:
            st.session_state[DROP_COOKIE_KEY] = SSO_LOGOUT
        else:
            st.logout()


def session_just_ended(ended: str | None) -> bool:
    """This tab's session has just ended (idle, revoked), or a reload found it timed out.

    (A cookie of a session that was signed out properly does not count: a person coming back
    from the provider's sign-in with such a cookie must get in.)"""
    return ended is not None


def ended_why() -> str | None:
    """Why this tab's session ended ("idle", "revoked", ...), shown once on the sign-in page."""
    return st.session_state.pop(ENDED_KEY, None)


def cookie_redirect() -> str | None:
    """Where to send the browser now so it collects (or drops) its session cookie, if anywhere.

    Only when app.py serves the cookie routes; the address carries a one-time code, never the
    session's token. ``next`` is the address the person is on, with its item number: a shared link
    opened signed out lands there after sign-in (ui/deep_links.py keeps it to this site)."""
    if not session_routes.installed:
        return None
    here = safe_target(urlsplit(st.context.url or "").path or "/", st.query_params.to_dict().items())
    code = st.session_state.pop(HANDOFF_KEY, None)
    if code is not None:
        return f"{session_routes.START}?{urlencode({'code': code, 'next': here})}"
    drop = st.session_state.pop(DROP_COOKIE_KEY, False)
    if drop:
        return f"{session_routes.END}?{urlencode({'next': drop if drop == SSO_LOGOUT else '/'})}"
    return None


def send_browser_for_cookie() -> None:
    """Navigate the browser to the cookie route when there is a cookie to collect or drop.

    A script cannot set an HttpOnly cookie; a navigation to our own route can (ui/session_routes.py)."""
    target = cookie_redirect()
    if target is not None:
        st.html(f"<script>window.location.replace({json.dumps(target)});</script>", unsafe_allow_javascript=True)


def language_changed() -> None:
    forget_widgets()
    session_id = st.session_state.get(SESSION_KEY)
    if session_id is not None:  # a reloaded page comes back in the language chosen last
        web_sessions.set_lang(tracker(), session_id, lang())


def actor() -> Actor:
    current = signed_in()
    if current is None:  # pages are only registered after sign-in; this is a guard, not a path
        st.stop()
    return current


def allowed(action: Action, units_of_item: tuple[str, ...] | None = None) -> bool:
    return can(actor(), action, units_of_item)


def fmt(day: date | None) -> str:
    if day is None or (not isinstance(day, date) and pd.isna(day)):
        return ""
    return format_date(day)


def plain(text: str) -> str:
    """User text inside Markdown (alerts, captions): the one rule in tracker/plain_text.py."""
    return escape_markdown(text)


def show_error(error: TrackerError) -> None:
    # Messages quote what people typed or uploaded (a reply number, a file's cell): as text.
    st.error(plain(error.message(lang())), icon=":material/error:")


def kind_label(kind: str) -> str:
    return tr(f"kind.{kind}")


def status_label(status: str) -> str:
    return tr(f"status.{status}")


def result_label(result: str | None) -> str:
    return tr(f"result.{result}") if result else ""


def phase_label(phase: str) -> str:
    return tr(f"phase.{phase}")


def labels(options, label_of) -> Callable[[object], str]:
    """A format_func for widgets: labels computed now, in this run's language.

    (A lambda that looked the language up later would be called outside the script run by
    AppTest, and by Streamlit when it re-renders, where session state is not the user's.)
    """
    table = {option: label_of(option) for option in options}
    return lambda option: table.get(option, str(option))


def forget_widgets() -> None:
    """On a language switch, reset the pages' widgets to their defaults.

    Streamlit remembers a selectbox/radio/multiselect choice by its displayed label; once the
    labels change language, an old choice no longer matches any option and would come back as
    a bare string. Signed-in user, language and versions the user saw are kept.
    """
    for key in list(st.session_state.keys()):
        if (
            isinstance(key, str)
            and not key.startswith("app.")
            and ".seen_version." not in key
            and key != "new_item.last_id"
        ):
            del st.session_state[key]
