"""Local accounts: argon2-hashed passwords, roles, throttled and locked sign-in.

Passwords are never logged, stored or shown in clear. Where the ministry has single sign-on,
Streamlit's st.login (OIDC) signs people in and ``actor_for_email`` maps them to an account.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from tracker import history, web_sessions
from tracker import validation as v
from tracker.errors import InvalidInput, PermissionDenied, SignInFailed
from tracker.formatting import format_time_then_date
from tracker.permissions import Action, Actor, Role, require
from tracker.service import Tracker
from tracker.storage import Cursor

MIN_PASSWORD = 10
MAX_PASSWORD = 256
MAX_FAILURES = 5  # then the account is locked for LOCK_MINUTES
LOCK_MINUTES = 15
UNKNOWN_ACTOR = "?"  # who tried, in the audit trail, when the name has no account
_hasher = PasswordHasher()
# Verified when the user name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password")
# Failed attempts on names that have no account: (failures, locked until), per process.
_UNKNOWN: dict[str, tuple[int, datetime | None]] = {}


@dataclass(frozen=True)
class Account:
    username: str
    display_name: str
    role: Role
    unit: str | None
    email: str | None
    active: bool
    failed_count: int
    locked_until: datetime | None
    last_login_at: datetime | None

    def actor(self) -> Actor:
        return Actor(self.username, self.role, self.unit, self.display_name)


def _account(row: dict[str, Any]) -> Account:
    return Account(
        row["username"],
        row["display_name"],
        Role(row["role"]),
        row["unit"],
        row["email"],
        row["active"],
        row["failed_count"],
        row["locked_until"],
        row["last_login_at"],
    )


def _check_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InvalidInput("error.password_short", field="password", limit=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise InvalidInput("error.too_long", field="password", limit=MAX_PASSWORD, length=len(password))
    return password


def _check_account_fields(
    tracker: Tracker, username: str, role: Role | str, unit: str | None, email: str | None
) -> tuple[str, Role, str | None, str | None]:
    name = v.validate_text(username, "username", 64, required=True, multiline=False)
    if not all(ch.isalnum() or ch in "._-@" for ch in name):
        raise InvalidInput("error.username_chars", field="username")
    try:
        role = Role(role)
    except ValueError:
        raise InvalidInput("error.choice", field="role", value=str(role)) from None
    unit = (unit or "").strip() or None
    if role == Role.UNIT_OFFICER and unit is None:
        raise InvalidInput("error.unit_required", field="unit")
    if unit is not None and tracker.reference.unit(unit) is None:
        raise InvalidInput("error.unknown_unit", field="unit", value=unit)
    email = v.validate_text(email, "email", 254, multiline=False).lower() or None
    if email is not None and "@" not in email:
        raise InvalidInput("error.email", field="email", value=email)
    return name, role, unit, email


def _refuse_shared_email(cur: Cursor, email: str | None, username: str) -> None:
    """Single sign-on maps an e-mail to one account: two accounts may not share it."""
    if email and cur.all("users/email_owner", [email.lower(), username.lower()]):
        raise InvalidInput("error.email_taken", field="email", value=email)


def list_users(tracker: Tracker) -> list[dict[str, Any]]:
    return tracker.db.records("users/list")


def get_account(tracker: Tracker, username: str) -> Account | None:
    rows = tracker.db.records("users/get", [username.strip().lower()])
    return _account(rows[0]) if rows else None


def add_user(
    tracker: Tracker,
    actor: Actor | None,
    username: str,
    password: str,
    role: Role | str,
    *,
    unit: str | None = None,
    display_name: str = "",
    email: str | None = None,
) -> Account:
    """Create an account. ``actor`` None means the command line on the server (first administrator)."""
    if actor is not None:
        require(actor, Action.MANAGE_USERS)
    name, role, unit, email = _check_account_fields(tracker, username, role, unit, email)
    display = v.validate_text(display_name, "display_name", 200, multiline=False) or name
    hashed = _hasher.hash(_check_password(password))
    by = actor.username if actor else "cli"

    def work(cur: Cursor) -> None:
        if cur.records("users/get", [name.lower()]):
            raise InvalidInput("error.username_taken", field="username", value=name)
        _refuse_shared_email(cur, email, name)
        cur.run("users/insert", [name, display, role.value, unit, email, hashed])
        history.log_admin(
            cur, actor or Actor(by, Role.ADMIN), "user_added", name, {"role": [None, role.value], "unit": [None, unit]}
        )

    tracker.db.write(work)
    return _written_account(tracker, name)


def create_first_admin(tracker: Tracker, username: str, password: str, display_name: str = "") -> Account:
    """The first administrator, from the sign-in page of a fresh install: only while no account exists."""
    name, role, unit, email = _check_account_fields(tracker, username, Role.ADMIN, None, None)
    hashed = _hasher.hash(_check_password(password))
    display = v.validate_text(display_name, "display_name", 200, multiline=False) or name

    def work(cur: Cursor) -> None:
        # Checked inside the transaction on the single writer: two browsers cannot both win.
        count = cur.one("users/count")
        assert count is not None  # an aggregate returns one row
        if count[0] > 0:
            raise PermissionDenied(action="create_first_admin", role="-")
        cur.run("users/insert", [name, display, role.value, unit, email, hashed])
        history.log_admin(cur, Actor(name, Role.ADMIN), "first_admin_created", name, {})

    tracker.db.write(work)
    return _written_account(tracker, name)


def _written_account(tracker: Tracker, name: str) -> Account:
    """The account just written (the write succeeded, so it is there)."""
    account = get_account(tracker, name)
    assert account is not None
    return account


def has_accounts(tracker: Tracker) -> bool:
    count = tracker.db.one("users/count")
    assert count is not None  # an aggregate returns one row
    return bool(count[0] > 0)


def update_user(
    tracker: Tracker,
    actor: Actor,
    username: str,
    *,
    display_name: str,
    role: Role | str,
    unit: str | None,
    email: str | None,
    active: bool,
) -> None:
    require(actor, Action.MANAGE_USERS)
    name, role, unit, email = _check_account_fields(tracker, username, role, unit, email)
    display = v.validate_text(display_name, "display_name", 200, multiline=False) or name

    def work(cur: Cursor) -> None:
        rows = cur.records("users/get", [name.lower()])
        if not rows:
            raise InvalidInput("error.unknown_user", field="username", value=name)
        before = rows[0]
        if before["username"] == actor.username and (role != Role.ADMIN or not active):
            raise InvalidInput("error.self_demote", field="role")
        _refuse_shared_email(cur, email, before["username"])
        cur.run("users/update", [display, role.value, unit, email, bool(active), before["username"]])
        if not active:
            web_sessions.revoke_for_user(cur, before["username"], "disabled")
        after = {"display_name": display, "role": role.value, "unit": unit, "email": email, "active": bool(active)}
        changes = {k: [before[k], val] for k, val in after.items() if before[k] != val}
        history.log_admin(cur, actor, "user_updated", before["username"], changes)

    tracker.db.write(work)


def set_password(tracker: Tracker, actor: Actor | None, username: str, new_password: str) -> None:
    """An administrator resets anyone's password; a user changes their own (actor None = CLI)."""
    if actor is not None and actor.username.lower() != username.strip().lower():
        require(actor, Action.MANAGE_USERS)
    hashed = _hasher.hash(_check_password(new_password))

    def work(cur: Cursor) -> None:
        rows = cur.records("users/get", [username.strip().lower()])
        if not rows:
            raise InvalidInput("error.unknown_user", field="username", value=username)
        cur.run("users/set_password", [hashed, rows[0]["username"]])
        # Whoever knew the old password may hold a session: every session of the account ends.
        web_sessions.revoke_for_user(cur, rows[0]["username"], "password_changed")
        history.log_admin(cur, actor or Actor("cli", Role.ADMIN), "password_set", rows[0]["username"], {})

    tracker.db.write(work)


def authenticate(
    tracker: Tracker,
    username: str,
    password: str,
    *,
    now: Callable[[], datetime] = datetime.now,
    sleep: Callable[[float], None] = time.sleep,
) -> Actor:
    """Sign in. Repeated failures are slowed (growing pause) and then lock the account for a while.

    Every path costs the same: one read, exactly one argon2 verification (against a dummy hash
    when the name is unknown or has no password, and before the lock or the disabled flag is
    looked at), one write to the audit trail. So neither the answer nor its timing tells which
    names exist, are locked or are disabled (issue 8: a locked account answered in 1 ms, an
    unknown name in 155 ms). Measured by benchmarks/sign_in_timing.py.
    """
    key = (username or "").strip().lower()
    rows = tracker.db.records("users/get", [key])
    row = rows[0] if rows else None
    matches = _verify(row["password_hash"] if row and row["password_hash"] else _DUMMY_HASH, password or "")
    stamp = now()
    if row is None:
        # Unknown names are slowed and "locked" like real ones, so the answers never tell
        # which names exist. The typed name is not logged: people type passwords into it.
        failures, locked_until = _UNKNOWN.get(key, (0, None))
        if locked_until is not None and locked_until > stamp:
            _log_sign_in(tracker, UNKNOWN_ACTOR, "sign_in_failed", "", {})
            raise SignInFailed("error.account_locked", until=_when(locked_until))
        failures += 1
        locked_until = stamp + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
        if len(_UNKNOWN) > 10_000:
            _UNKNOWN.clear()
        _UNKNOWN[key] = (0 if locked_until else failures, locked_until)
        _log_sign_in(tracker, UNKNOWN_ACTOR, "sign_in_failed", "", {"failed_count": [failures - 1, failures]})
        sleep(_pause(failures))
        if locked_until is not None:
            raise SignInFailed("error.account_locked", until=_when(locked_until))
        raise SignInFailed()
    name = row["username"]
    if row["locked_until"] is not None and row["locked_until"] > stamp:
        _log_sign_in(tracker, name, "sign_in_failed", name, {})
        raise SignInFailed("error.account_locked", until=_when(row["locked_until"]))
    if not row["active"] or not matches:
        failures = row["failed_count"] + 1
        locked_until = stamp + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None

        def fail(cur: Cursor) -> None:
            cur.run("users/record_failure", [locked_until, name])
            _admin_event(cur, name, "sign_in_failed", name, {"failed_count": [failures - 1, failures]})
            if locked_until is not None:
                _admin_event(cur, name, "account_locked", name, {"locked_until": [None, _when(locked_until)]})

        tracker.db.write(fail)
        sleep(_pause(failures))
        if locked_until is not None:
            raise SignInFailed("error.account_locked", until=_when(locked_until))
        raise SignInFailed()

    def succeed(cur: Cursor) -> None:
        cur.run("users/record_success", [name])
        _admin_event(cur, name, "sign_in", name, {})

    tracker.db.write(succeed)
    return _account(row).actor()


def _pause(failures: int) -> float:
    pause: float = min(0.25 * 2 ** min(failures, 4), 4.0)  # int ** int is typed Any
    return pause


def _when(moment: datetime) -> str:
    return format_time_then_date(moment)


def _admin_event(cur: Cursor, who: str, action: str, subject: str, changes: dict[str, Any]) -> None:
    history.append_admin_events(cur, [history.AdminEvent(who, action, subject, changes)])


def _log_sign_in(tracker: Tracker, who: str, action: str, subject: str, changes: dict[str, Any]) -> None:
    """A sign-in event on its own (never the password: it is not even passed here)."""
    tracker.db.write(lambda cur: _admin_event(cur, who, action, subject, changes))


def log_session_event(tracker: Tracker, username: str, action: str) -> None:
    """Sign-out and idle sign-out, for the audit trail."""
    _log_sign_in(tracker, username, action, username, {})


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def current_actor(tracker: Tracker, username: str) -> Actor | None:
    """The account as it stands now, or None when it is gone or disabled."""
    account = get_account(tracker, username)
    return account.actor() if account is not None and account.active else None


def actor_for_email(tracker: Tracker, email: str | None) -> Actor | None:
    """Single sign-on: the signed-in e-mail maps to a local account and its role."""
    if not email:
        return None
    rows = tracker.db.records("users/get_by_email", [email.strip().lower()])
    return _account(rows[0]).actor() if rows else None


def email_is_verified(claims: Mapping[str, object]) -> bool:
    """The provider vouches for the address. Only JSON true counts, or the text "true" that some
    providers (Amazon Cognito) send; a missing claim is not a yes."""
    verified = claims.get("email_verified")
    return verified is True or (isinstance(verified, str) and verified.strip().lower() == "true")


def actor_for_sso(tracker: Tracker, claims: Mapping[str, object]) -> Actor:
    """Single sign-on (st.user's claims) to an account: only a verified e-mail of an active account.

    An unverified address could be anyone's (many providers let a person type any e-mail), so it
    is refused before it is even looked up."""
    email = claims.get("email")
    email = email.strip() if isinstance(email, str) else ""
    if not email:
        raise SignInFailed("error.sso_no_email")
    if not email_is_verified(claims):
        raise SignInFailed("error.sso_unverified", email=email)
    actor = actor_for_email(tracker, email)
    if actor is None:
        raise SignInFailed("error.sso_unknown", email=email)
    _log_sign_in(tracker, actor.username, "sign_in_sso", actor.username, {})
    return actor
