"""Who may do what. Every write in tracker/service.py asks ``require`` first, so hiding a
button in a page is a courtesy, never the protection."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tracker.errors import PermissionDenied


class Role(StrEnum):
    ADMIN = "admin"
    LIAISON = "liaison"  # Ministry Office: enter, import, assign, transfer, edit anything
    UNIT_OFFICER = "unit_officer"  # replies and progress for their unit's items
    VIEWER = "viewer"  # Minister's office: read, charts, exports


class Action(StrEnum):
    CREATE_ITEM = "create_item"
    EDIT_ITEM = "edit_item"
    ASSIGN = "assign"
    OVERRIDE_DEADLINE = "override_deadline"
    RECORD_PROGRESS = "record_progress"
    RECORD_REPLY = "record_reply"
    TRANSFER = "transfer"
    ARCHIVE = "archive"
    IMPORT = "import"
    EXPORT = "export"
    MANAGE_SETTINGS = "manage_settings"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    LOAD_DEMO = "load_demo"


@dataclass(frozen=True)
class Actor:
    username: str
    role: Role
    unit: str | None = None
    display_name: str = ""

    @property
    def label(self) -> str:
        return self.display_name or self.username


SYSTEM = Actor("system", Role.ADMIN, None, "Hệ thống")

_LIAISON = frozenset(Action) - {Action.MANAGE_SETTINGS, Action.MANAGE_USERS, Action.VIEW_AUDIT}
_ALLOWED: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.LIAISON: _LIAISON,
    Role.UNIT_OFFICER: frozenset({Action.RECORD_PROGRESS, Action.RECORD_REPLY, Action.EXPORT}),
    Role.VIEWER: frozenset({Action.EXPORT}),
}
# Actions a unit officer may take only on items where their unit leads or coordinates.
_UNIT_SCOPED = frozenset({Action.RECORD_PROGRESS, Action.RECORD_REPLY})


def can(actor: Actor, action: Action, units_of_item: tuple[str, ...] | None = None) -> bool:
    if action not in _ALLOWED.get(actor.role, frozenset()):
        return False
    if actor.role == Role.UNIT_OFFICER and action in _UNIT_SCOPED:
        return units_of_item is not None and actor.unit is not None and actor.unit in units_of_item
    return True


def require(actor: Actor, action: Action, units_of_item: tuple[str, ...] | None = None) -> None:
    if not can(actor, action, units_of_item):
        raise PermissionDenied(action=action.value, role=actor.role.value)
