"""Local accounts and sign-in, where pages, the CLI and tests have always called them.

The use cases are tracker/usecases/accounts.py (Accounts: create, change, disable, passwords)
and tracker/usecases/sign_in.py (SignIn: throttled, equal-cost sign-in, single sign-on). These
functions keep the old ``f(tracker, ...)`` calls working (issue 10). The hasher is looked up
here at each call, so a test can put a spy in its place.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from tracker.permissions import Actor, Role
from tracker.service import Tracker
from tracker.usecases.accounts import HASHER, MAX_PASSWORD, MIN_PASSWORD, Account, Accounts
from tracker.usecases.sign_in import (
    DUMMY_HASH,
    LOCK_MINUTES,
    MAX_FAILURES,
    UNKNOWN,
    UNKNOWN_ACTOR,
    SignIn,
    email_is_verified,
)

__all__ = [
    "LOCK_MINUTES",
    "MAX_FAILURES",
    "MAX_PASSWORD",
    "MIN_PASSWORD",
    "UNKNOWN_ACTOR",
    "Account",
    "actor_for_email",
    "actor_for_sso",
    "add_user",
    "authenticate",
    "create_first_admin",
    "current_actor",
    "email_is_verified",
    "get_account",
    "has_accounts",
    "list_users",
    "log_session_event",
    "set_password",
    "update_user",
]

_hasher = HASHER
_DUMMY_HASH = DUMMY_HASH
_UNKNOWN = UNKNOWN


def _accounts(tracker: Tracker) -> Accounts:
    return Accounts(tracker.deps, _hasher)


def _sign_in(tracker: Tracker) -> SignIn:
    return SignIn(tracker.deps, _hasher, _UNKNOWN)


def list_users(tracker: Tracker) -> list[dict[str, Any]]:
    return _accounts(tracker).list_users()


def get_account(tracker: Tracker, username: str) -> Account | None:
    return _accounts(tracker).get(username)


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
    return _accounts(tracker).add_user(
        actor, username, password, role, unit=unit, display_name=display_name, email=email
    )


def create_first_admin(tracker: Tracker, username: str, password: str, display_name: str = "") -> Account:
    return _accounts(tracker).create_first_admin(username, password, display_name)


def has_accounts(tracker: Tracker) -> bool:
    return _accounts(tracker).has_accounts()


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
    _accounts(tracker).update_user(
        actor, username, display_name=display_name, role=role, unit=unit, email=email, active=active
    )


def set_password(tracker: Tracker, actor: Actor | None, username: str, new_password: str) -> None:
    _accounts(tracker).set_password(actor, username, new_password)


def current_actor(tracker: Tracker, username: str) -> Actor | None:
    return _accounts(tracker).current_actor(username)


def actor_for_email(tracker: Tracker, email: str | None) -> Actor | None:
    return _accounts(tracker).actor_for_email(email)


def authenticate(
    tracker: Tracker,
    username: str,
    password: str,
    *,
    now: Callable[[], datetime] = datetime.now,
    sleep: Callable[[float], None] = time.sleep,
) -> Actor:
    return _sign_in(tracker).authenticate(username, password, now=now, sleep=sleep)


def log_session_event(tracker: Tracker, username: str, action: str) -> None:
    _sign_in(tracker).log_session_event(username, action)


def actor_for_sso(tracker: Tracker, claims: Mapping[str, object]) -> Actor:
    return _sign_in(tracker).actor_for_sso(claims)
