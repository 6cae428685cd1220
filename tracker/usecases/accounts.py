"""Local accounts as a use case (issue 10): create, change, disable, reset a password, look one up.

Passwords are argon2-hashed, never logged, stored or shown in clear; every change is an
administrative event through tracker.history. Signing in is tracker/usecases/sign_in.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from argon2 import PasswordHasher

from tracker import history, web_sessions
from tracker import validation as v
from tracker.errors import InvalidInput, PermissionDenied
from tracker.permissions import Action, Actor, Role, require
from tracker.storage import Cursor
from tracker.usecases.deps import Deps, UseCase

MIN_PASSWORD = 10
MAX_PASSWORD = 256
HASHER = PasswordHasher()


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


def account_of(row: dict[str, Any]) -> Account:
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
    deps: Deps, username: str, role: Role | str, unit: str | None, email: str | None
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
    if unit is not None and deps.reference.unit(unit) is None:
        raise InvalidInput("error.unknown_unit", field="unit", value=unit)
    email = v.validate_text(email, "email", 254, multiline=False).lower() or None
    if email is not None and "@" not in email:
        raise InvalidInput("error.email", field="email", value=email)
    return name, role, unit, email


def _refuse_shared_email(cur: Cursor, email: str | None, username: str) -> None:
    """Single sign-on maps an e-mail to one account: two accounts may not share it."""
    if email and cur.all("users/email_owner", [email.lower(), username.lower()]):
        raise InvalidInput("error.email_taken", field="email", value=email)


class Accounts(UseCase):
    def __init__(self, deps: Deps, hasher: PasswordHasher = HASHER) -> None:
        super().__init__(deps)
        self.hasher = hasher

    def list_users(self) -> list[dict[str, Any]]:
        return self.db.records("users/list")

    def get(self, username: str) -> Account | None:
        rows = self.db.records("users/get", [username.strip().lower()])
        return account_of(rows[0]) if rows else None

    def add_user(
        self,
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
        name, role, unit, email = _check_account_fields(self.deps, username, role, unit, email)
        display = v.validate_text(display_name, "display_name", 200, multiline=False) or name
        hashed = self.hasher.hash(_check_password(password))
        by = actor.username if actor else "cli"

        def work(cur: Cursor) -> None:
            if cur.records("users/get", [name.lower()]):
                raise InvalidInput("error.username_taken", field="username", value=name)
            _refuse_shared_email(cur, email, name)
            cur.run("users/insert", [name, display, role.value, unit, email, hashed])
            history.log_admin(
                cur,
                actor or Actor(by, Role.ADMIN),
                "user_added",
                name,
                {"role": [None, role.value], "unit": [None, unit]},
            )

        self.db.write(work)
        return self.written(name)

    def create_first_admin(self, username: str, password: str, display_name: str = "") -> Account:
        """The first administrator, from the sign-in page of a fresh install: only while no account exists."""
        name, role, unit, email = _check_account_fields(self.deps, username, Role.ADMIN, None, None)
        hashed = self.hasher.hash(_check_password(password))
        display = v.validate_text(display_name, "display_name", 200, multiline=False) or name

        def work(cur: Cursor) -> None:
            # Checked inside the transaction on the single writer: two browsers cannot both win.
            count = cur.one("users/count")
            assert count is not None  # an aggregate returns one row
            if count[0] > 0:
                raise PermissionDenied(action="create_first_admin", role="-")
            cur.run("users/insert", [name, display, role.value, unit, email, hashed])
            history.log_admin(cur, Actor(name, Role.ADMIN), "first_admin_created", name, {})

        self.db.write(work)
        return self.written(name)

    def written(self, name: str) -> Account:
        """The account just written (the write succeeded, so it is there)."""
        account = self.get(name)
        assert account is not None
        return account

    def has_accounts(self) -> bool:
        count = self.db.one("users/count")
        assert count is not None  # an aggregate returns one row
        return bool(count[0] > 0)

    def update_user(
        self,
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
        name, role, unit, email = _check_account_fields(self.deps, username, role, unit, email)
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

        self.db.write(work)

    def set_password(self, actor: Actor | None, username: str, new_password: str) -> None:
        """An administrator resets anyone's password; a user changes their own (actor None = CLI)."""
        if actor is not None and actor.username.lower() != username.strip().lower():
            require(actor, Action.MANAGE_USERS)
        hashed = self.hasher.hash(_check_password(new_password))

        def work(cur: Cursor) -> None:
            rows = cur.records("users/get", [username.strip().lower()])
            if not rows:
                raise InvalidInput("error.unknown_user", field="username", value=username)
            cur.run("users/set_password", [hashed, rows[0]["username"]])
            # Whoever knew the old password may hold a session: every session of the account ends.
            web_sessions.revoke_for_user(cur, rows[0]["username"], "password_changed")
            history.log_admin(cur, actor or Actor("cli", Role.ADMIN), "password_set", rows[0]["username"], {})

        self.db.write(work)

    def current_actor(self, username: str) -> Actor | None:
        """The account as it stands now, or None when it is gone or disabled."""
        account = self.get(username)
        return account.actor() if account is not None and account.active else None

    def actor_for_email(self, email: str | None) -> Actor | None:
        """Single sign-on: the signed-in e-mail maps to a local account and its role."""
        if not email:
            return None
        rows = self.db.records("users/get_by_email", [email.strip().lower()])
        return account_of(rows[0]).actor() if rows else None
