"""Local accounts and sign-in, where pages, the CLI and tests have always called them.

The use cases are tracker/usecases/accounts.py (Accounts: create, change, disable, passwords)
and tracker/usecases/sign_in.py (SignIn: throttled, equal-cost sign-in, single sign-on). Each
function here is the use case's method with the Tracker as first argument, so the old
``f(tracker, ...)`` calls keep working (issue 10) with the method's own signature and types.
The hasher is looked up here at each call, so a test can put a spy in its place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

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

P = ParamSpec("P")
R = TypeVar("R")
U = TypeVar("U")


def _bind(make: Callable[[Tracker], U], method: Callable[Concatenate[U, P], R]) -> Callable[Concatenate[Tracker, P], R]:
    """``method`` of the use case ``make`` builds, called as ``f(tracker, ...)``."""

    def call(tracker: Tracker, /, *args: P.args, **kwargs: P.kwargs) -> R:
        return method(make(tracker), *args, **kwargs)

    call.__doc__ = method.__doc__
    return call


def _accounts(tracker: Tracker) -> Accounts:
    return Accounts(tracker.deps, _hasher)


def _sign_in(tracker: Tracker) -> SignIn:
    return SignIn(tracker.deps, _hasher, _UNKNOWN)


list_users = _bind(_accounts, Accounts.list_users)
get_account = _bind(_accounts, Accounts.get)
add_user = _bind(_accounts, Accounts.add_user)
create_first_admin = _bind(_accounts, Accounts.create_first_admin)
has_accounts = _bind(_accounts, Accounts.has_accounts)
update_user = _bind(_accounts, Accounts.update_user)
set_password = _bind(_accounts, Accounts.set_password)
current_actor = _bind(_accounts, Accounts.current_actor)
actor_for_email = _bind(_accounts, Accounts.actor_for_email)
authenticate = _bind(_sign_in, SignIn.authenticate)
log_session_event = _bind(_sign_in, SignIn.log_session_event)
actor_for_sso = _bind(_sign_in, SignIn.actor_for_sso)
