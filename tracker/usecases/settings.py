"""What administrators set: sessions, units, calendar overrides, deadline rules, settings and the
report's signer. Each save logs every field's old and new value; the reference cache follows
through the writer's hook (tracker/reference.py::ReferenceCache)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from tracker import history
from tracker import validation as v
from tracker.errors import InvalidInput
from tracker.items import Kind
from tracker.percent import ALLOWED_DECIMALS
from tracker.permissions import Action, Actor, require
from tracker.reference import Unit
from tracker.report_signer import Signer
from tracker.sessions import SessionRef
from tracker.storage import Cursor
from tracker.text import fold
from tracker.usecases.deps import Deps, UseCase


class Settings(UseCase):
    def __init__(self, deps: Deps, follow_calendar: Callable[[], None]) -> None:
        super().__init__(deps)
        # Open items' computed deadlines follow a calendar change (tracker/deadline_refresh.py).
        self.follow_calendar = follow_calendar

    def _write(
        self,
        actor: Actor,
        action: str,
        subject: str,
        query: str,
        params: Sequence[Any],
        after: Mapping[str, Any],
        current: tuple[str, Sequence[Any]],
    ) -> None:
        """Apply a settings change and log each field's old and new value, in one transaction."""

        def work(cur: Cursor) -> None:
            rows = cur.records(*current)
            before = rows[0] if rows else {}
            cur.run(query, params)
            jsonable = history.jsonable
            changes = {
                k: [jsonable(before.get(k)), jsonable(val)]
                for k, val in after.items()
                if jsonable(before.get(k)) != jsonable(val)
            }
            history.log_admin(cur, actor, action, subject, changes)

        self.db.write(work)

    def save_session(
        self, actor: Actor, ref: SessionRef, opens_on: date | None, closes_on: date | None, note: str = ""
    ) -> None:
        require(actor, Action.MANAGE_SETTINGS)
        if opens_on and closes_on and closes_on < opens_on:
            raise InvalidInput("error.session_dates", field="closes_on")
        note = v.validate_text(note, "note", v.MAX_REASON)
        key = [ref.term, ref.number, ref.extraordinary]
        after = {"opens_on": opens_on, "closes_on": closes_on, "note": note}
        self._write(
            actor, "session_saved", ref.code(), "sessions/upsert", [*key, *after.values()], after, ("sessions/get", key)
        )

    def save_unit(self, actor: Actor, unit: Unit) -> None:
        require(actor, Action.MANAGE_SETTINGS)
        c = v.validate_unit(unit)
        params = [c.code, c.name_vi, c.name_en, fold(c.name_vi), c.active_from, c.active_to, c.sort_order]
        after = {"name_vi": c.name_vi, "name_en": c.name_en, "active_from": c.active_from, "active_to": c.active_to}
        self._write(actor, "unit_saved", c.code, "units/upsert", params, after, ("units/get", [c.code]))

    def save_override(self, actor: Actor, day: date, working: bool, note: str) -> None:
        require(actor, Action.MANAGE_SETTINGS)
        note = v.validate_text(note, "note", v.MAX_REASON, required=True)
        day = v.validate_day(day, "date")
        after = {"working": working, "note": note}
        where = ("calendar/get_override", [day])
        self._write(
            actor, "override_saved", day.isoformat(), "calendar/upsert_override", [day, working, note], after, where
        )
        self.follow_calendar()

    def delete_override(self, actor: Actor, day: date) -> None:
        require(actor, Action.MANAGE_SETTINGS)
        day = v.validate_day(day, "date")
        after = {"working": None, "note": None}
        where = ("calendar/get_override", [day])
        self._write(actor, "override_removed", day.isoformat(), "calendar/delete_override", [day], after, where)
        self.follow_calendar()

    def save_rule(self, actor: Actor, kind: Kind | str, days: int, effective_from: date, basis: str) -> None:
        require(actor, Action.MANAGE_SETTINGS)
        if not 1 <= int(days) <= 366:
            raise InvalidInput("error.rule_days", field="days")
        basis = v.validate_text(basis, "basis", v.MAX_REASON)
        effective_from = v.validate_day(effective_from, "effective_from")
        k = Kind(kind).value
        after = {"days": int(days), "effective_from": effective_from, "basis": basis}
        where = ("rules/get", [k, effective_from])
        self._write(actor, "rule_saved", k, "rules/upsert", [k, int(days), effective_from, basis], after, where)

    def save_setting(self, actor: Actor, key: str, value: str) -> None:
        require(actor, Action.MANAGE_SETTINGS)
        if key == "due_soon_days" and not (value.isdigit() and 1 <= int(value) <= 60):
            raise InvalidInput("error.due_soon_days", field=key)
        if key.startswith("unaccepted_days.") and not (value.isdigit() and 1 <= int(value) <= 30):
            raise InvalidInput("error.unaccepted_days", field=key)
        if key == "percent_decimals" and value not in {str(d) for d in ALLOWED_DECIMALS}:
            raise InvalidInput("error.percent_decimals", field=key)
        if key.startswith("internal_deadline_days.") and not (value.isdigit() and 1 <= int(value) <= 30):
            raise InvalidInput("error.internal_deadline_days", field=key, value=value)
        self._write(
            actor, "setting_saved", key, "settings/put", [key, value], {"value": value}, ("settings/get", [key])
        )

    def save_signer(self, actor: Actor, signer: Signer) -> None:
        """The Word report's signer (tracker/report_signer.py): three settings, one logged change."""
        require(actor, Action.MANAGE_SETTINGS)
        c = signer.validated()
        after = {"signer_name": c.name, "signer_title": c.title, "signer_authority": c.authority}
        params = [c.name, c.title, c.authority]
        self._write(actor, "signer_saved", "report", "settings/put_signer", params, after, ("settings/get_signer", []))
