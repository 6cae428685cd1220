"""Server-side sign-in sessions: what lets a page reload keep the person signed in (issue 8).

A browser tab that signs in gets a row in ``web_sessions``. The tab's own Streamlit state holds the
row's id (server memory, never sent to the browser); the browser holds only a signed, HttpOnly
cookie with a random token, of which the table stores the SHA-256. Streamlit cannot set a cookie
from a script run (it talks over a WebSocket), so the tab sends the browser once through our own
HTTP route (``ui/session_routes.py``) with a one-time hand-off code that is spent for the cookie.

A session ends at sign-out, after ``idle_minutes`` without a click, after MAX_HOURS in any case,
and whenever the account's password changes or the account is disabled (``revoke_for_user``).
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import os
import secrets
import threading
import weakref
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from tracker.errors import InvalidInput
from tracker.permissions import Actor
from tracker.reference import Reference
from tracker.storage import Cursor, Database


class Tracker(Protocol):
    """What this module needs of tracker.service.Tracker. A protocol, not an import: the account
    use cases (tracker/usecases/accounts.py, below the service) end sessions through this module."""

    @property
    def db(self) -> Database: ...

    @property
    def reference(self) -> Reference: ...

    def save_setting(self, actor: Actor, key: str, value: str) -> None: ...


COOKIE_NAME = "tracker_session"
IDLE_SETTING = "idle_timeout_minutes"
DEFAULT_IDLE_MINUTES = 30
MIN_IDLE_MINUTES, MAX_IDLE_MINUTES = 5, 480
MAX_HOURS = 12  # a working day: even a busy session signs in again the next morning
HANDOFF_SECONDS = 60  # the browser collects its cookie within a second; a minute allows a slow link
TOUCH_EVERY = timedelta(minutes=1)  # last_seen is written at most once a minute per session
SECRET_ENV = "TRACKER_SESSION_SECRET"


@dataclass(frozen=True)
class WebSession:
    id: int
    username: str
    created_at: datetime
    last_seen_at: datetime
    lang: str | None = None


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def idle_minutes(tracker: Tracker) -> int:
    """The idle timeout administrators set in Settings → General (default 30 minutes)."""
    raw = tracker.reference.settings.get(IDLE_SETTING, "")
    return int(raw) if raw.isdigit() and MIN_IDLE_MINUTES <= int(raw) <= MAX_IDLE_MINUTES else DEFAULT_IDLE_MINUTES


def save_idle_minutes(tracker: Tracker, actor: Actor, minutes: object) -> None:
    text = str(minutes).strip()
    if not text.isdigit() or not MIN_IDLE_MINUTES <= int(text) <= MAX_IDLE_MINUTES:
        raise InvalidInput("error.idle_minutes", field=IDLE_SETTING, low=MIN_IDLE_MINUTES, high=MAX_IDLE_MINUTES)
    tracker.save_setting(actor, IDLE_SETTING, str(int(text)))


def is_idle(last_seen: datetime, now: datetime, minutes: int) -> bool:
    return now - last_seen >= timedelta(minutes=minutes)


def _usable(row: dict[str, Any] | None, now: datetime, minutes: int) -> str | None:
    """Why a session may no longer be used (None: it may)."""
    if row is None:
        return "unknown"
    if row["revoked_at"] is not None:
        return "revoked"
    if is_idle(row["last_seen_at"], now, minutes):
        return "idle"
    if now - row["created_at"] >= timedelta(hours=MAX_HOURS):
        return "expired"
    return None


def start(tracker: Tracker, username: str, now: datetime, lang: str | None = None) -> tuple[int, str]:
    """Open a session for a person who has just signed in: (session id, one-time hand-off code)."""
    code = secrets.token_urlsafe(32)
    expires = now + timedelta(seconds=HANDOFF_SECONDS)
    params = [username, _digest(code), expires, now, lang]

    def insert(cur: Cursor) -> int:
        row = cur.one("web_sessions/insert", params)
        assert row is not None  # insert ... returning id
        new_id: int = row[0]
        return new_id

    return tracker.db.write(insert), code


def set_lang(tracker: Tracker, session_id: int, lang: str) -> None:
    """The language a reloaded page comes back in."""
    tracker.db.write(lambda cur: cur.run("web_sessions/set_lang", [lang, session_id]))


def claim(tracker: Tracker, code: str, now: datetime) -> str | None:
    """Spend a hand-off code for the cookie's token; None when the code is unknown, used or stale."""
    if not code or len(code) > 100:
        return None
    token = secrets.token_urlsafe(32)
    row = tracker.db.write(lambda cur: cur.one("web_sessions/claim_handoff", [_digest(token), _digest(code), now]))
    return token if row else None


Checked = tuple[WebSession | None, str | None]  # the session, or None and why it may not be used


def check(tracker: Tracker, session_id: int, now: datetime) -> Checked:
    """The tab's session if it may still be used, recording the activity; (None, why) once it has
    ended. An idle or over-age session is revoked here, so it can never come back."""
    rows = tracker.db.records("web_sessions/get", [session_id])
    return _use(tracker, rows[0] if rows else None, now)


def is_over(tracker: Tracker, session_id: int, now: datetime) -> bool:
    """Whether the session may no longer be used, without counting as activity (the on-screen
    idle watch asks this every minute)."""
    rows = tracker.db.records("web_sessions/get", [session_id])
    return _usable(rows[0] if rows else None, now, idle_minutes(tracker)) is not None


def resume(tracker: Tracker, token: str, now: datetime) -> Checked:
    """The session a cookie's token points to (a reloaded page), if it may still be used."""
    rows = tracker.db.records("web_sessions/find_by_token", [_digest(token)]) if token else []
    return _use(tracker, rows[0] if rows else None, now)


def _use(tracker: Tracker, row: dict[str, Any] | None, now: datetime) -> Checked:
    why = _usable(row, now, idle_minutes(tracker))
    if row is None or why is not None:  # a missing row is "unknown"
        if row is not None and why in ("idle", "expired"):
            end(tracker, row["id"], now, why)
        return None, why
    last_seen = row["last_seen_at"]
    if now - last_seen >= TOUCH_EVERY:
        tracker.db.write(lambda cur: cur.run("web_sessions/touch", [now, row["id"]]))
        last_seen = now
    return WebSession(row["id"], row["username"], row["created_at"], last_seen, row["lang"]), None


def end(tracker: Tracker, session_id: int, now: datetime, why: str = "signed_out") -> None:
    tracker.db.write(lambda cur: cur.run("web_sessions/revoke", [now, why, session_id]))
    _move_stamp(tracker.db)  # after the commit: see access_stamp


# -- a click that needs no query -------------------------------------------------------------
# A signed-in tab's click checked its session and its account with two queries, 5 ms of a page
# change on the server (issue 15, the browser target). What decides that check changes only by a
# write, and every write goes through this process's one writer (one process holds the file):
# a session ends through ``end`` (sign-out, idle, over age); an account is disabled, changes role or
# password in a write to ``users`` (``revoke_for_user`` runs inside it); the idle timeout is a
# ``settings`` write. The stamp moves after each of those commits. A tab that checked its session at
# one stamp may take the same answer at its next click while the stamp has not moved, as long as
# time alone cannot have changed it (``still_usable``). The stamp is read before the check's queries,
# so a write that commits during them moves it past the one the answer is kept under.
_SESSION_FOLDERS = frozenset({"users", "settings"})
_stamps: weakref.WeakKeyDictionary[Database, list[int]] = weakref.WeakKeyDictionary()
_numbers = itertools.count(1)  # one sequence for every Database: a stamp never repeats in a process
_lock = threading.Lock()


def access_stamp(db: Database) -> int:
    """Moves after every committed write that can end a session or change an account."""
    with _lock:  # uncontended, a fraction of a microsecond: simpler than checking twice
        if db not in _stamps:
            _stamps[db] = [next(_numbers)]
            db.on_write(lambda: _move_stamp(db), folders=_SESSION_FOLDERS)
        return _stamps[db][0]


def _move_stamp(db: Database) -> None:
    with _lock:
        stamp = _stamps.get(db)
        if stamp is not None:
            stamp[0] = next(_numbers)


@dataclass(frozen=True)
class UsableAt:
    """A session that a full check found usable, and the stamp it was found at."""

    session: WebSession
    stamp: int


def still_usable(found: UsableAt, db: Database, now: datetime) -> bool:
    """Whether a session found usable is still usable now, without a query: no write that could end
    it since, its activity not yet due to be noted (``check`` writes it then, and idleness needs at
    least MIN_IDLE_MINUTES of it), and not over age."""
    return (
        found.stamp == access_stamp(db)
        and now - found.session.last_seen_at < TOUCH_EVERY
        and now - found.session.created_at < timedelta(hours=MAX_HOURS)
    )


def revoke_for_user(cur: Cursor, username: str, why: str) -> None:
    """Inside an account change's own transaction: every session of the account ends with it."""
    cur.run("web_sessions/revoke_for_user", [datetime.now(), why, username])


# -- the cookie ------------------------------------------------------------------------------
def secret_key(db_path: Path) -> bytes:
    """The key that signs cookies: TRACKER_SESSION_SECRET, or a random key kept beside the database
    (created once, readable by its owner only), so a restart does not sign everyone out."""
    configured = os.environ.get(SECRET_ENV)
    if configured:
        return configured.encode("utf-8")
    path = Path(db_path).parent / ".session-secret"
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    key = secrets.token_hex(32).encode("ascii")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race: use its key
        return path.read_bytes().strip()
    with os.fdopen(fd, "wb") as out:
        out.write(key)
    return key


def sign(token: str, key: bytes) -> str:
    mac = hmac.new(key, token.encode("ascii"), hashlib.sha256).hexdigest()
    return f"{token}.{mac}"


def unsign(value: str | None, key: bytes) -> str | None:
    """The token inside a cookie value, or None when the signature does not match (forged or old key)."""
    if not value or value.count(".") != 1 or len(value) > 200:
        return None
    token, mac = value.split(".")
    try:
        expected = hmac.new(key, token.encode("ascii"), hashlib.sha256).hexdigest()
    except UnicodeEncodeError:
        return None
    return token if hmac.compare_digest(expected, mac) else None
