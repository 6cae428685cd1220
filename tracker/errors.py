# mypy: ignore-errors
# (not yet strict-clean: issue 10 removes this marker module by module)
"""The few named errors the service layer raises; pages and the CLI show them to people.

Each error carries a catalog key and parameters rather than a finished sentence, so the
same failure reads correctly in Vietnamese or English (see tracker/i18n.py).
"""

from __future__ import annotations


class TrackerError(Exception):
    """Base of every error a user may see. ``key`` names a catalog message."""

    key = "error.generic"

    def __init__(self, key: str | None = None, /, **params: object) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(f"{self.key} {params}" if params else self.key)

    def message(self, lang: str = "vi") -> str:
        from tracker.i18n import t

        params = dict(self.params)
        for name in ("kind", "role"):  # codes in parameters are shown as their labels
            if name in params:
                label = t(f"{name}.{params[name]}", lang)
                params[name] = label if label != f"{name}.{params[name]}" else params[name]
        field = getattr(self, "field", None)
        if field:
            # Name the field as the form labels it ("Số văn bản trả lời"), not as the code does.
            label = t(f"field.{field}", lang)
            params["field"] = field if label == f"field.{field}" else label
        return t(self.key, lang, **params)


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

    def message(self, lang: str = "vi") -> str:
        return "\n".join(error.message(lang) for error in self.errors)


class NotFound(TrackerError):
    key = "error.not_found"


class Conflict(TrackerError):
    """The item changed since the user loaded it (optimistic locking): the edit is refused and
    the message lists what changed meanwhile, so nobody overwrites a colleague unknowingly."""

    key = "error.conflict"
    meanwhile: tuple[dict, ...] = ()

    def with_changes(self, events: list[dict]) -> Conflict:
        self.meanwhile = tuple(events)
        return self

    def message(self, lang: str = "vi") -> str:
        import json

        from tracker.audit import describe_changes
        from tracker.i18n import t

        lines = [super().message(lang)]
        for event in self.meanwhile:
            fields = describe_changes(json.loads(event.get("changes") or "{}"), lang)
            when = event["occurred_at"].strftime("%d/%m/%Y %H:%M")
            action = t(f"event.{event['action']}", lang)
            lines.append(f"• {when} · {event['actor']} · {action}" + (f" ({fields})" if fields else ""))
        return "\n".join(lines)


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
