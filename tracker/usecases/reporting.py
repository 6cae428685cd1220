"""Finding items: the register's search (paged on the server), topics, the archive, the audit trail."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker import history
from tracker.acceptance import unaccepted_cutoff, unaccepted_days
from tracker.errors import InvalidInput
from tracker.items import Kind
from tracker.permissions import Action, Actor, require
from tracker.reference import Reference
from tracker.search_order import DEFAULT_SORT, SORT_KEYS, sort_key
from tracker.stage import Stage, default_internal_due
from tracker.text import fold
from tracker.usecases.deps import UseCase

PAGE_SIZE = 50


@dataclass(frozen=True)
class Filters:
    session_id: int | None = None
    kind: str | None = None
    unit: str | None = None
    status: str | None = None  # a Status value, or "replied" / "open" / "due_soon"
    result: str | None = None
    topic: str | None = None
    due_from: date | None = None
    due_to: date | None = None
    text: str = ""
    raised_before: bool = False  # only recommendations raised again of an earlier session's (issue 14)
    stages: tuple[str, ...] = ()  # workflow stages (tracker.stage.Stage values); empty = any (issue 12)
    unaccepted: bool = False  # only items the lead unit has left unaccepted too long (tracker/acceptance.py)


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    total: int
    offset: int
    limit: int


class Reporting(UseCase):
    _defaults: tuple[Reference, tuple[date, ...], list[date], list[date]] | None = None

    def search(
        self,
        filters: Filters,
        as_of: date,
        *,
        order: str = DEFAULT_SORT,
        descending: bool | None = None,
        limit: int = PAGE_SIZE,
        offset: int = 0,
    ) -> Page:
        """One page of matching items, paged on the server (the browser never gets them all).

        ``order`` is a key of ``tracker.search_order.SORT_KEYS`` (urgency first by default);
        ``descending`` None takes the key's natural direction. Each row also says how it is shown:
        ``shown_status`` (due soon where it applies), ``days_left`` (calendar days; negative when
        overdue; None once replied) and ``unit_role`` (lead / coordinating, when a unit is filtered);
        and for the reply's path (issue 12) ``internal_due`` (the internal deadline in force),
        ``internal_days_left``, ``stage`` and ``unaccepted_long``.
        """
        key = sort_key(order)
        if key is None:
            raise InvalidInput("error.sort_key", order=order)
        known = {s.value for s in Stage}
        if any(s not in known for s in filters.stages):
            raise InvalidInput("error.stage_unknown", value=", ".join(sorted(set(filters.stages) - known)))
        stages = sorted(set(filters.stages)) or None
        text = fold(filters.text)
        ref = self.reference
        due_days, internal_q, internal_r = self._internal_defaults(ref)
        cutoff = {k: unaccepted_cutoff(ref.calendar, unaccepted_days(ref.settings, k), as_of) for k in Kind}
        params: dict[str, Any] = {
            "as_of": as_of,
            "session_id": filters.session_id,
            "kind": filters.kind,
            "unit": filters.unit,
            "status": filters.status,
            "result": filters.result,
            "topic": filters.topic,
            "due_from": filters.due_from,
            "due_to": filters.due_to,
            "raised_before": bool(filters.raised_before),
            "stages": stages,
            "unaccepted": bool(filters.unaccepted),
            "due_days": list(due_days),
            "internal_q": internal_q,
            "internal_r": internal_r,
            "unaccepted_q": cutoff[Kind.DEPUTY_QUESTION],
            "unaccepted_r": cutoff[Kind.VOTER_RECOMMENDATION],
            "soon_until": self.reference.due_soon_until(as_of),
            "q": text or None,
            "sort": key,
            "descending": SORT_KEYS[key] if descending is None else bool(descending),
            "limit": max(1, min(int(limit), 100_000)),
            "offset": max(0, int(offset)),
        }
        rows = self.db.records("items/search", params)
        total = rows[0]["matches"] if rows else 0
        if not rows and offset > 0:
            # The page ran past the end (filters narrowed): count without the offset.
            again = self.db.records("items/search", {**params, "offset": 0, "limit": 1})
            total = again[0]["matches"] if again else 0
        return Page(rows, total, params["offset"], params["limit"])

    def _internal_defaults(self, ref: Reference) -> tuple[tuple[date, ...], list[date], list[date]]:
        """Each legal due day items have, with the default internal deadline a question and a
        recommendation due that day get (working days before it, on the calendar in force). Worked
        out again only when the reference data or the set of due days changed."""
        days = tuple(r[0] for r in self.db.all("items/due_days"))
        memo = self._defaults
        if memo is not None and memo[0] is ref and memo[1] == days:
            return memo[1], memo[2], memo[3]
        q = [default_internal_due(ref.calendar, ref.settings, Kind.DEPUTY_QUESTION, d) for d in days]
        r = [default_internal_due(ref.calendar, ref.settings, Kind.VOTER_RECOMMENDATION, d) for d in days]
        self._defaults = (ref, days, q, r)
        return days, q, r

    def archived_items(self, actor: Actor, limit: int = 500) -> list[dict[str, Any]]:
        """Archived items, so that whoever may archive can find one again and restore it."""
        require(actor, Action.ARCHIVE)
        return self.db.records("items/list_archived", [max(1, min(int(limit), 10_000))])

    def topics(self) -> list[str]:
        return [r[0] for r in self.db.all("items/topics")]

    def list_events(
        self,
        actor: Actor,
        *,
        username: str | None = None,
        unit: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        item_id: int | None = None,
        limit: int = 1000,
        lang: str = "vi",
    ) -> list[dict[str, Any]]:
        """The audit trail across items and settings, newest first (administrators); reasons the
        tracker wrote read in ``lang``."""
        require(actor, Action.VIEW_AUDIT)
        rows = self.db.records(
            "audit/list",
            {
                "actor": username or None,
                "unit": unit or None,
                "date_from": date_from,
                "date_to": date_to,
                "item_id": item_id,
                "limit": max(1, min(int(limit), 100_000)),
            },
        )
        for row in rows:
            row["changes"] = json.loads(row["changes"] or "{}")
        return history.render_reasons(rows, lang)
