"""Signing in as a use case (issue 10): password sign-in, throttled and locked at equal cost,
single sign-on, and the sign-in events of the audit trail (through tracker.history).

Passwords are never logged, stored or shown in clear. Where the ministry has single sign-on,
Streamlit's st.login (OIDC) signs people in and ``actor_for_sso`` maps them to an account.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from tracker import history
from tracker.errors import SignInFailed
from tracker.formatting import format_time_then_date
from tracker.permissions import Actor
from tracker.storage import Cursor
from tracker.usecases.accounts import HASHER, Accounts, account_of
from tracker.usecases.deps import Deps, UseCase

MAX_FAILURES = 5  # then the account is locked for LOCK_MINUTES
LOCK_MINUTES = 15
UNKNOWN_ACTOR = "?"  # who tried, in the audit trail, when the name has no account
# Verified when the user name is unknown, so a wrong name costs as long as a wrong password.
DUMMY_HASH = HASHER.hash("not-a-real-password")
# Failed attempts on names that have no account: (failures, locked until), per process.
UNKNOWN: dict[str, tuple[int, datetime | None]] = {}


def email_is_verified(claims: Mapping[str, object]) -> bool:
    """The provider vouches for the address. Only JSON true counts, or the text "true" that some
    providers (Amazon Cognito) send; a missing claim is not a yes."""
    verified = claims.get("email_verified")
    return verified is True or (isinstance(verified, str) and verified.strip().lower() == "true")


def _pause(failures: int) -> float:
    pause: float = min(0.25 * 2 ** min(failures, 4), 4.0)  # int ** int is typed Any
    return pause


def _when(moment: datetime) -> str:
    return format_time_then_date(moment)


def _event(cur: Cursor, who: str, action: str, subject: str, changes: dict[str, Any]) -> None:
    history.append_admin_events(cur, [history.AdminEvent(who, action, subject, changes)])


class SignIn(UseCase):
    def __init__(
        self, deps: Deps, hasher: PasswordHasher = HASHER, unknown: dict[str, tuple[int, datetime | None]] = UNKNOWN
    ) -> None:
        super().__init__(deps)
        self.hasher, self.unknown = hasher, unknown

    def authenticate(
        self,
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
        rows = self.db.records("users/get", [key])
        row = rows[0] if rows else None
        matches = self._verify(row["password_hash"] if row and row["password_hash"] else DUMMY_HASH, password or "")
        stamp = now()
        if row is None:
            # Unknown names are slowed and "locked" like real ones, so the answers never tell
            # which names exist. The typed name is not logged: people type passwords into it.
            failures, locked_until = self.unknown.get(key, (0, None))
            if locked_until is not None and locked_until > stamp:
                self.log(UNKNOWN_ACTOR, "sign_in_failed", "", {})
                raise SignInFailed("error.account_locked", until=_when(locked_until))
            failures += 1
            locked_until = stamp + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
            if len(self.unknown) > 10_000:
                self.unknown.clear()
            self.unknown[key] = (0 if locked_until else failures, locked_until)
            self.log(UNKNOWN_ACTOR, "sign_in_failed", "", {"failed_count": [failures - 1, failures]})
            sleep(_pause(failures))
            if locked_until is not None:
                raise SignInFailed("error.account_locked", until=_when(locked_until))
            raise SignInFailed()
        name = row["username"]
        if row["locked_until"] is not None and row["locked_until"] > stamp:
            self.log(name, "sign_in_failed", name, {})
            raise SignInFailed("error.account_locked", until=_when(row["locked_until"]))
        if not row["active"] or not matches:
            failures = row["failed_count"] + 1
            locked_until = stamp + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None

            def fail(cur: Cursor) -> None:
                cur.run("users/record_failure", [locked_until, name])
                _event(cur, name, "sign_in_failed", name, {"failed_count": [failures - 1, failures]})
                if locked_until is not None:
                    _event(cur, name, "account_locked", name, {"locked_until": [None, _when(locked_until)]})

            self.db.write(fail)
            sleep(_pause(failures))
            if locked_until is not None:
                raise SignInFailed("error.account_locked", until=_when(locked_until))
            raise SignInFailed()

        def succeed(cur: Cursor) -> None:
            cur.run("users/record_success", [name])
            _event(cur, name, "sign_in", name, {})

        self.db.write(succeed)
        return account_of(row).actor()

    def log(self, who: str, action: str, subject: str, changes: dict[str, Any]) -> None:
        """A sign-in event on its own (never the password: it is not even passed here)."""
        self.db.write(lambda cur: _event(cur, who, action, subject, changes))

    def log_session_event(self, username: str, action: str) -> None:
        """Sign-out and idle sign-out, for the audit trail."""
        self.log(username, action, username, {})

    def actor_for_sso(self, claims: Mapping[str, object]) -> Actor:
        """Single sign-on (st.user's claims) to an account: only a verified e-mail of an active account.

        An unverified address could be anyone's (many providers let a person type any e-mail), so it
        is refused before it is even looked up."""
        email = claims.get("email")
        email = email.strip() if isinstance(email, str) else ""
        if not email:
            raise SignInFailed("error.sso_no_email")
        if not email_is_verified(claims):
            raise SignInFailed("error.sso_unverified", email=email)
        actor = Accounts(self.deps, self.hasher).actor_for_email(email)
        if actor is None:
            raise SignInFailed("error.sso_unknown", email=email)
        self.log(actor.username, "sign_in_sso", actor.username, {})
        return actor

    def _verify(self, hashed: str, password: str) -> bool:
        try:
            return self.hasher.verify(hashed, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
