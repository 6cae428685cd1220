"""The few named errors the service layer raises; pages and the CLI show them to people.

Each error carries a catalog key and parameters rather than a finished sentence, so the
same failure reads correctly in Vietnamese or English (see tracker/i18n.py). They carry data
only; tracker/formatting.py renders them (``message`` is a one-line delegate kept for callers).
"""

from __future__ import annotations

from collections.abc import Mapping

from tracker.formatting import render_error


class TrackerError(Exception):
    """Base of every error a user may see. ``key`` names a catalog message."""

    key = "error.generic"

    def __init__(self, key: str | None = None, /, **params: object) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(f"{self.key} {params}" if params else self.key)

    def message(self, lang: str = "vi") -> str:
        return render_error(self, lang)


class InvalidInput(TrackerError):
    """What the user typed or uploaded breaks a rule; nothing was written."""

    key = "error.invalid"

    def __init__(self, key: str | None = None, /, field: str | None = None, **params: object) -> None:
        self.field = field
        super().__init__(key, **params)


class InvalidInputs(InvalidInput):
    """Several problems found at once (a form with more than one bad field)."""

    def __init__(self, errors: list[InvalidInput]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(first.key, field=first.field, **first.params)


class NotFound(TrackerError):
    key = "error.not_found"


class Conflict(TrackerError):
    """The item changed since the user loaded it (optimistic locking): the edit is refused and
    the message lists what changed meanwhile, so nobody overwrites a colleague unknowingly."""

    key = "error.conflict"
    meanwhile: tuple[Mapping[str, object], ...] = ()  # events since the version the user saw

    def with_changes(self, events: list[dict[str, object]]) -> Conflict:
        self.meanwhile = tuple(events)
        return self


class PermissionDenied(TrackerError):
    key = "error.permission"


class DatabaseUnavailable(TrackerError):
    """The database file cannot be opened for use. ``app_key`` is the app's one sentence, which
    leaves out the file's path (anonymous visitors see it)."""

    key = "error.db_unavailable"
    app_key = "app.db_unavailable"


class DatabaseBusy(DatabaseUnavailable):
    """Another process holds the DuckDB file (only one process may open it read-write)."""

    key = "error.db_busy"
    app_key = "app.db_busy"


class DatabaseReadOnly(DatabaseUnavailable):
    """The file (or its folder) cannot be written: a read-only mount, or no write permission."""

    key = "error.db_read_only"
    app_key = "app.db_read_only"


class DatabaseCorrupt(DatabaseUnavailable):
    """The file is not a DuckDB database, or a block of it fails its checksum."""

    key = "error.db_corrupt"
    app_key = "app.db_corrupt"


class SignInFailed(TrackerError):
    """Wrong name or password, or a locked/disabled account. Never says which (no enumeration)."""

    key = "error.sign_in_failed"
