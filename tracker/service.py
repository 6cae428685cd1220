# mypy: ignore-errors
# (not yet strict-clean: issue 10 removes this marker module by module)
"""The use cases: what liaison officers, unit officers, the Minister's office and administrators do.

Pages and the CLI call these; they never build SQL. Every write checks permissions, validates
everything before touching storage, runs as one transaction on the single writer, bumps the
item's version (optimistic locking) and appends an event to the item's history.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path

from tracker import history, lifecycle
from tracker import validation as v
from tracker.dates import END_OF_TIME, format_date
from tracker.deadline_refresh import refresh_open_deadlines
from tracker.deadlines import (
    DEFAULT_RULES,
    Deadline,
    DeadlineRule,
    compute_deadline,
    report_due_date,
    rule_for,
)
from tracker.errors import Conflict, InvalidInput, NotFound
from tracker.item_store import insert_items
from tracker.items import ArchiveReason, Item, Kind, Phase, Reply
from tracker.lifecycle import Verb
from tracker.percent import ALLOWED_DECIMALS, clean_decimals
from tracker.permissions import Action, Actor, require
from tracker.record import ItemRecord, item_from_row, search_text, split
from tracker.reference import DEFAULT_SESSIONS, DEFAULT_UNITS, Unit
from tracker.report_signer import Signer
from tracker.sessions import Session, SessionRef, next_regular_session
from tracker.stats import Counts
from tracker.storage import Cursor, Database
from tracker.text import fold
from tracker.workdays import DEFAULT_OVERRIDES, Override, WorkCalendar, parse_announced_years

DEFAULT_DUE_SOON_DAYS = 5
# Years whose holiday schedule an administrator marked as announced (tracker/calendar_admin.py).
ANNOUNCED_YEARS_SETTING = "calendar_announced_years"
PAGE_SIZE = 50


@dataclass(frozen=True)
class Reference:
    """Slow-changing data every page needs; cached and refreshed after settings change."""

    units: tuple[Unit, ...]
    sessions: tuple[Session, ...]
    calendar: WorkCalendar
    rules: tuple[DeadlineRule, ...]
    settings: dict[str, str]

    @property
    def session_ids(self) -> set[int]:
        return {s.id for s in self.sessions}

    def unit(self, code: str | None) -> Unit | None:
        return next((u for u in self.units if u.code == code), None)

    def unit_name(self, code: str | None, lang: str = "vi") -> str:
        unit = self.unit(code)
        return unit.name(lang) if unit else (code or "")

    def session(self, session_id: int) -> Session:
        for s in self.sessions:
            if s.id == session_id:
                return s
        raise NotFound("error.session_not_found", value=str(session_id))

    def session_by_ref(self, ref: SessionRef) -> Session:
        for s in self.sessions:
            if s.ref == ref:
                return s
        raise NotFound("error.session_not_found", value=ref.code())

    @property
    def due_soon_days(self) -> int:
        return int(self.settings.get("due_soon_days", DEFAULT_DUE_SOON_DAYS))

    @property
    def percent_decimals(self) -> int:
        """Decimals of every printed share (1 or 2; tracker/percent.py holds the rule)."""
        return clean_decimals(self.settings.get("percent_decimals"))


@dataclass(frozen=True)
class ItemDraft:
    """What a liaison officer enters; validated as a whole before anything is written."""

    kind: Kind | str
    session_id: int
    phase: Phase | str
    received_on: date
    summary: str
    ref_no: str = ""
    sources: tuple[str, ...] = ()
    deputy: str = ""
    full_text: str = ""
    topic: str = ""
    lead_unit: str | None = None
    coordinating_units: tuple[str, ...] = ()
    due_on: date | None = None  # set only to override the computed deadline
    due_override_reason: str = ""


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


@dataclass(frozen=True)
class Page:
    rows: list[dict]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True)
class Event:
    id: int
    at: datetime
    actor: str
    action: str
    changes: dict
    reason: str


@dataclass(frozen=True)
class StatsRow:
    session_id: int | None
    ref: SessionRef
    kind: str
    counts: Counts
    unit: str | None = None

    def as_dict(self, with_unit: bool = False, decimals: int = 1) -> dict:
        out = {
            "term": self.ref.term,
            "session": self.ref.number,
            "extraordinary": self.ref.extraordinary,
            "kind": self.kind,
        }
        if with_unit:
            # Issue 9: a per-unit figure says which role it counts; stats by unit count the lead.
            out["unit"], out["role"] = self.unit, "lead"
        out.update(self.counts.as_dict(decimals))
        return out


_COUNT_FIELDS = tuple(Counts.__dataclass_fields__)


# The item's row shape, search text and row -> Item live in tracker/record.py; history in
# tracker/history.py (issue 10). The old names stay importable from here.
_search_text = search_text
_jsonable = history.jsonable
_changes = history.diff
_split = split


class Tracker:
    """The product's use cases over one database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._reference: Reference | None = None
        self._reference_lock = threading.Lock()

    @classmethod
    def open(cls, path: Path | str | None = None) -> Tracker:
        """Open (creating and migrating if needed) and load reference data: idempotent."""
        tracker = cls(Database(path))
        tracker.initialize()
        return tracker

    def close(self) -> None:
        self.db.close()

    # -- reference data --------------------------------------------------------------------
    def initialize(self) -> None:
        self.db.migrate()

        def work(cur: Cursor) -> None:
            cur.many(
                "units/insert_missing",
                [
                    (u.code, u.name_vi, u.name_en, fold(u.name_vi), u.active_from, u.active_to, n)
                    for n, u in enumerate(DEFAULT_UNITS)
                ],
            )
            cur.many(
                "sessions/insert_missing",
                [(s.term, s.number, s.extraordinary, s.opens_on, s.closes_on, s.note) for s in DEFAULT_SESSIONS],
            )
            cur.many(
                "calendar/insert_missing_override",
                [(o.day, o.working, o.note) for o in DEFAULT_OVERRIDES],
            )
            cur.many(
                "rules/insert_missing",
                [(r.kind.value, r.days, r.effective_from, r.basis) for r in DEFAULT_RULES],
            )

        self.db.write(work)
        self.refresh_reference()
        self._follow_calendar()

    def _follow_calendar(self) -> None:
        """Open items' computed deadlines follow the calendar (tracker/deadline_refresh.py):
        once on opening, for databases written before a correction, and after each change."""
        refresh_open_deadlines(self, _changes)

    def refresh_reference(self) -> Reference:
        cur = self.db.reader()
        try:
            units = tuple(
                Unit(r["code"], r["name_vi"], r["name_en"], r["active_from"], r["active_to"], r["sort_order"])
                for r in cur.records("units/list")
            )
            sessions = tuple(
                Session(
                    r["id"],
                    SessionRef(r["term"], r["number"], r["extraordinary"]),
                    r["opens_on"],
                    r["closes_on"],
                    r["note"],
                )
                for r in cur.records("sessions/list")
            )
            overrides = tuple(Override(r[0], r[1], r[2]) for r in cur.all("calendar/list_overrides"))
            rules = tuple(DeadlineRule(Kind(r[0]), r[1], r[2], r[3]) for r in cur.all("rules/list"))
            settings = {k: val for k, val in cur.all("settings/list")}
        finally:
            cur.raw.close()
        calendar = WorkCalendar(overrides, parse_announced_years(settings.get(ANNOUNCED_YEARS_SETTING)))
        reference = Reference(units, sessions, calendar, rules, settings)
        with self._reference_lock:
            self._reference = reference
        return reference

    @property
    def reference(self) -> Reference:
        return self._reference or self.refresh_reference()

    # -- deadlines -------------------------------------------------------------------------
    def deadline_for(self, kind: Kind | str, received_on: date) -> Deadline:
        ref = self.reference
        rule = rule_for(ref.rules, Kind(kind), received_on)
        return compute_deadline(received_on, rule, ref.calendar)

    def report_due_for(self, session: Session) -> tuple[Session | None, date | None]:
        """The next regular session and the last day for the report on ``session``'s items."""
        ref = self.reference
        nxt = next_regular_session(list(ref.sessions), session)
        if nxt is None or nxt.opens_on is None:
            return nxt, None
        return nxt, report_due_date(nxt.opens_on, ref.calendar)

    def due_soon_until(self, as_of: date) -> date:
        ref = self.reference
        return ref.calendar.add_working_days(as_of, ref.due_soon_days)

    # -- reading items ---------------------------------------------------------------------
    def get_item(self, item_id: int) -> Item:
        rows = self.db.records("items/get", [item_id])
        if not rows:
            raise NotFound("error.item_not_found", value=str(item_id))
        return item_from_row(rows[0])

    def history(self, item_id: int) -> list[Event]:
        return [
            Event(r["id"], r["occurred_at"], r["actor"], r["action"], json.loads(r["changes"] or "{}"), r["reason"])
            for r in self.db.records("events/list_for_item", [item_id])
        ]

    def search(
        self,
        filters: Filters,
        as_of: date,
        *,
        order: str = "received",
        limit: int = PAGE_SIZE,
        offset: int = 0,
    ) -> Page:
        """One page of matching items, paged on the server (the browser never gets them all)."""
        text = fold(filters.text)
        params = {
            "as_of": as_of,
            "session_id": filters.session_id,
            "kind": filters.kind,
            "unit": filters.unit,
            "status": filters.status,
            "result": filters.result,
            "topic": filters.topic,
            "due_from": filters.due_from,
            "due_to": filters.due_to,
            "soon_until": self.due_soon_until(as_of),
            "q": text or None,
            "order": order,
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

    def archived_items(self, actor: Actor, limit: int = 500) -> list[dict]:
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
    ) -> list[dict]:
        """The audit trail across items and settings, newest first (administrators)."""
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
        return rows

    def integrity_problems(self) -> list[str]:
        """Empty when the record is consistent: versions match histories, no orphan events,
        and every session's numbers add up. Used after crashes and restores."""
        problems = [
            f"item {i}: version {ver} but history says {logged}" for i, ver, logged in self.db.all("items/integrity")
        ]
        problems += [f"event {e} points at missing item {i}" for e, i in self.db.all("events/orphans")]
        for row in self.stats(END_OF_TIME) + self.stats(date.today()):
            problems += [f"{row.ref.code()} {row.kind}: {p}" for p in row.counts.invariant_errors()]
        return problems

    # -- statistics ------------------------------------------------------------------------
    def stats(
        self, as_of: date, session_id: int | None = None, kind: str | None = None, *, cur: Cursor | None = None
    ) -> list[StatsRow]:
        """Per session x kind. One session: both kinds, zeros included ("no question yet for the
        8th session" is a row). All sessions: those with items as of the date, each with both kinds."""
        found = {
            (r["session_id"], r["kind"]): Counts(**{k: int(r[k]) for k in _COUNT_FIELDS})
            for r in (cur or self.db).records(
                "stats/by_session", {"as_of": as_of, "session_id": session_id, "kind": kind}
            )
        }
        session_ids = [session_id] if session_id is not None else sorted({sid for sid, _ in found})
        kinds = [kind] if kind else [k.value for k in Kind]
        ref = self.reference
        if any(sid not in ref.session_ids for sid in session_ids):
            ref = self.refresh_reference()  # a session created since (an import with --create-missing)
        sessions = sorted((ref.session(sid) for sid in session_ids), key=lambda s: (s.term, s.extraordinary, s.number))
        return [
            StatsRow(s.id, s.ref, k, found.get((s.id, k), Counts()))
            for s in sessions
            # Recommendations before questions, as the ministry's reports list them.
            for k in sorted(kinds, key=lambda k: k != Kind.VOTER_RECOMMENDATION.value)
        ]

    def stats_by_unit(
        self,
        as_of: date,
        session_id: int | None = None,
        kind: str | None = None,
        unit: str | None = None,
        *,
        cur: Cursor | None = None,
    ) -> list[StatsRow]:
        rows = (cur or self.db).records(
            "stats/by_unit", {"as_of": as_of, "session_id": session_id, "kind": kind, "unit": unit}
        )
        ref = self.reference
        if any(r["session_id"] not in ref.session_ids for r in rows):
            ref = self.refresh_reference()
        out = [
            StatsRow(
                r["session_id"],
                ref.session(r["session_id"]).ref,
                r["kind"],
                Counts(**{k: int(r[k]) for k in _COUNT_FIELDS}),
                r["unit"],
            )
            for r in rows
        ]
        # Session order, recommendations before questions, then unit code (unassigned last).
        return sorted(
            out,
            key=lambda r: (
                r.ref.term,
                r.ref.extraordinary,
                r.ref.number,
                r.kind != "voter_recommendation",
                r.unit is None,
                r.unit or "",
            ),
        )

    # -- writing items ---------------------------------------------------------------------
    def create_item(self, actor: Actor, draft: ItemDraft, lang: str = "vi") -> int:
        require(actor, Action.CREATE_ITEM)
        ref = self.reference
        clean = v.validate_draft(draft, ref)
        deadline = self.deadline_for(clean.kind, clean.received_on)
        if clean.due_on is not None and clean.due_on != deadline.due_on:
            due_on, reason = clean.due_on, clean.due_override_reason
            basis = deadline.explain(lang) + " | " + format_date(due_on)
        else:
            due_on, reason, basis = deadline.due_on, "", deadline.explain(lang)
        record = ItemRecord.from_entered(
            clean,
            session_id=clean.session_id,
            due_on=due_on,
            due_basis=basis,
            due_override_reason=reason,
            created_by=actor.username,
        )

        def created(ids: Sequence[int]) -> list[history.ItemEvent]:
            changes = history.created_changes(asdict(record))
            return [history.ItemEvent(ids[0], actor.username, "created", changes, reason, 1)]

        def work(cur: Cursor) -> int:
            self._refuse_duplicate_ref(cur, clean.kind, clean.session_id, clean.ref_no)
            (item_id,) = insert_items(cur, [record], created)
            return item_id

        return self.db.write(work)

    @staticmethod
    def _refuse_duplicate_ref(
        cur: Cursor, kind: Kind, session_id: int, ref_no: str, item_id: int | None = None
    ) -> None:
        if not ref_no.strip():
            return
        clash = [
            r for r in cur.all("items/find_by_ref", [kind.value, session_id, ref_no.strip().lower()]) if r[0] != item_id
        ]
        if clash:
            raise InvalidInput("error.duplicate_ref", field="ref_no", value=ref_no, other=clash[0][0])

    @staticmethod
    def _log(cur: Cursor, item_id: int, actor: Actor, action: str, changes: dict, reason: str, version: int) -> None:
        """Every change is an event (tracker/history.py)."""
        history.log_item(cur, item_id, actor, action, changes, reason, version)

    @staticmethod
    def _admin_log(cur: Cursor, actor: Actor, action: str, subject: str, changes: dict, reason: str = "") -> None:
        history.log_admin(cur, actor, action, subject, changes, reason)

    def _update(self, cur: Cursor, query: str, params: list, item_id: int, version: int) -> int:
        """Apply an update guarded by the version the user saw; refuse it if the item moved on."""
        row = cur.one(query, [*params, item_id, version])
        if row is None:
            current = cur.records("items/get", [item_id])
            if not current:
                raise NotFound("error.item_not_found", value=str(item_id))
            meanwhile = cur.records("events/since_version", [item_id, version])
            raise Conflict(
                "error.stale_item", value=str(item_id), seen=version, now=current[0]["version"]
            ).with_changes(meanwhile)
        return row[0]

    def _current(self, cur: Cursor, item_id: int) -> dict:
        rows = cur.records("items/get", [item_id])
        if not rows:
            raise NotFound("error.item_not_found", value=str(item_id))
        return rows[0]

    def assign(
        self,
        actor: Actor,
        item_id: int,
        version: int,
        lead_unit: str,
        coordinating_units: tuple[str, ...] = (),
        reason: str = "",
    ) -> int:
        """Set or change the lead and coordinating units; a change of lead is a recorded transfer."""
        lifecycle.check_role(actor, Verb.ASSIGN)
        reason = v.validate_text(reason, "reason", v.MAX_REASON)

        def work(cur: Cursor) -> int:
            before = self._current(cur, item_id)
            lifecycle.check(actor, Verb.ASSIGN, lifecycle.facts_of_row(before))
            lead, coordinating = v.validate_assignment(
                lead_unit,
                coordinating_units,
                self.reference,
                on=(before["received_on"], date.today()),
                keep=self._units_of(before),
            )
            if before["lead_unit"] and before["lead_unit"] != lead and not reason:
                raise InvalidInput("error.reason_required", field="reason")
            after = {"lead_unit": lead, "coordinating_units": ";".join(coordinating)}
            changes = _changes(before, after)
            if not changes:
                return before["version"]
            new_version = self._update(
                cur, "items/update_assignment", [lead, after["coordinating_units"]], item_id, version
            )
            action = "reassigned" if before["lead_unit"] and "lead_unit" in changes else "assigned"
            self._log(cur, item_id, actor, action, changes, reason, new_version)
            return new_version

        return self.db.write(work)

    def override_deadline(self, actor: Actor, item_id: int, version: int, due_on: date, reason: str) -> int:
        lifecycle.check_role(actor, Verb.OVERRIDE_DEADLINE)
        reason = v.validate_text(reason, "reason", v.MAX_REASON, required=True)

        def work(cur: Cursor) -> int:
            before = self._current(cur, item_id)
            lifecycle.check(actor, Verb.OVERRIDE_DEADLINE, lifecycle.facts_of_row(before))
            v.validate_due(due_on, before["received_on"])
            basis = f"{before['due_basis']} | {format_date(due_on)}"
            new_version = self._update(cur, "items/update_deadline", [due_on, basis, reason], item_id, version)
            self._log(
                cur, item_id, actor, "deadline_overridden", _changes(before, {"due_on": due_on}), reason, new_version
            )
            return new_version

        return self.db.write(work)

    def record_progress(self, actor: Actor, item_id: int, note: str) -> None:
        """A progress note is an event only: it changes no field, so it never conflicts."""
        note = v.validate_text(note, "note", v.MAX_REASON, required=True)

        def work(cur: Cursor) -> None:
            before = self._current(cur, item_id)
            lifecycle.check(actor, Verb.RECORD_PROGRESS, lifecycle.facts_of_row(before))
            self._log(cur, item_id, actor, "progress", {}, note, before["version"])

        self.db.write(work)

    @staticmethod
    def _units_of(row: dict) -> tuple[str, ...]:
        return tuple(u for u in (row["lead_unit"], *_split(row["coordinating_units"], ";")) if u)

    def record_reply(self, actor: Actor, item_id: int, version: int, reply: Reply) -> int:
        def work(cur: Cursor) -> int:
            before = self._current(cur, item_id)
            facts = lifecycle.facts_of_row(before)
            lifecycle.check(actor, lifecycle.reply_verb(facts), facts)
            clean = v.validate_reply(reply, before["received_on"], before["due_on"], before["kind"])
            after = {
                "response_no": clean.response_no,
                "responded_on": clean.responded_on,
                "signer": clean.signer,
                "response_summary": clean.summary,
                "result": clean.result.value if clean.result else None,
                "roadmap": clean.roadmap or None,
                "committed_on": clean.committed_on,
                "late_reason": clean.late_reason or None,
            }
            search = ItemRecord.from_row(before).with_reply(clean).search_text()
            new_version = self._update(cur, "items/update_reply", [*after.values(), search], item_id, version)
            action = "reply_corrected" if before["responded_on"] is not None else "replied"
            self._log(cur, item_id, actor, action, _changes(before, after), clean.late_reason, new_version)
            return new_version

        return self.db.write(work)

    def transfer(self, actor: Actor, item_id: int, version: int, on: date, note: str) -> int:
        """Outside the ministry's remit: returned/transferred; closed, counted apart."""
        lifecycle.check_role(actor, Verb.TRANSFER)
        note = v.validate_text(note, "transfer_note", v.MAX_REASON, required=True)

        def work(cur: Cursor) -> int:
            before = self._current(cur, item_id)
            lifecycle.check(actor, Verb.TRANSFER, lifecycle.facts_of_row(before))
            v.validate_event_date(on, before["received_on"], "transferred_on")
            after = {"transferred_on": on, "transfer_note": note}
            new_version = self._update(cur, "items/update_transfer", [on, note], item_id, version)
            self._log(cur, item_id, actor, "transferred", _changes(before, after), note, new_version)
            return new_version

        return self.db.write(work)

    def edit_item(
        self,
        actor: Actor,
        item_id: int,
        version: int,
        *,
        phase: Phase | str,
        ref_no: str,
        sources: tuple[str, ...],
        deputy: str,
        summary: str,
        full_text: str,
        topic: str,
        reason: str = "",
    ) -> int:
        """Correct what was entered (a typo in the summary, the incoming number, the sources)."""
        lifecycle.check_role(actor, Verb.EDIT)
        reason = v.validate_text(reason, "reason", v.MAX_REASON)

        def work(cur: Cursor) -> int:
            before = self._current(cur, item_id)
            lifecycle.check(actor, Verb.EDIT, lifecycle.facts_of_row(before))
            kind = Kind(before["kind"])
            clean = v.validate_draft(
                ItemDraft(
                    kind=kind,
                    session_id=before["session_id"],
                    phase=phase,
                    received_on=before["received_on"],
                    summary=summary,
                    ref_no=ref_no,
                    sources=tuple(sources),
                    deputy=deputy,
                    full_text=full_text,
                    topic=topic,
                    lead_unit=before["lead_unit"],
                    coordinating_units=_split(before["coordinating_units"], ";"),
                ),
                self.reference,
                keep_units=self._units_of(before),
            )
            self._refuse_duplicate_ref(cur, kind, before["session_id"], clean.ref_no, item_id)
            after = {
                "phase": clean.phase.value,
                "ref_no": clean.ref_no,
                "sources": "; ".join(clean.sources),
                "deputy": clean.deputy,
                "summary": clean.summary,
                "full_text": clean.full_text,
                "topic": clean.topic,
            }
            changes = _changes(before, after)
            if not changes:
                return before["version"]
            search = ItemRecord.from_row(before).with_details(**after).search_text()
            new_version = self._update(cur, "items/update_details", [*after.values(), search], item_id, version)
            self._log(cur, item_id, actor, "edited", changes, reason, new_version)
            return new_version

        return self.db.write(work)

    def undo_transfer(self, actor: Actor, item_id: int, version: int, reason: str) -> int:
        """A transfer made by mistake is undone (and the undoing is itself in the history)."""
        lifecycle.check_role(actor, Verb.UNDO_TRANSFER)
        reason = v.validate_text(reason, "reason", v.MAX_REASON, required=True)

        def work(cur: Cursor) -> int:
            before = self._current(cur, item_id)
            lifecycle.check(actor, Verb.UNDO_TRANSFER, lifecycle.facts_of_row(before))
            after = {"transferred_on": None, "transfer_note": None}
            new_version = self._update(cur, "items/update_transfer", [None, None], item_id, version)
            self._log(cur, item_id, actor, "transfer_undone", _changes(before, after), reason, new_version)
            return new_version

        return self.db.write(work)

    def set_archived(
        self,
        actor: Actor,
        item_id: int,
        version: int,
        archived: bool,
        reason: str,
        kind: ArchiveReason | str = ArchiveReason.OTHER,
    ) -> int:
        """Nothing is deleted: archiving hides an item from lists and counts, and is reversible.
        ``kind`` duplicate_entry takes it out of every as-of figure, past ones included."""
        verb = Verb.ARCHIVE if archived else Verb.RESTORE
        lifecycle.check_role(actor, verb)
        reason = v.validate_text(reason, "reason", v.MAX_REASON, required=True)
        kind = v._enum(ArchiveReason, kind, "archive_reason")

        def work(cur: Cursor) -> int:
            before = self._current(cur, item_id)
            lifecycle.check(actor, verb, lifecycle.facts_of_row(before))
            if not archived:  # a restored item must not clash with one entered since
                self._refuse_duplicate_ref(cur, Kind(before["kind"]), before["session_id"], before["ref_no"], item_id)
            stamp = datetime.now() if archived else None
            why = kind.value if archived else None
            new_version = self._update(cur, "items/set_archived", [stamp, why], item_id, version)
            changes = _changes(before, {"archive_reason": why})
            self._log(cur, item_id, actor, "archived" if archived else "restored", changes, reason, new_version)
            return new_version

        return self.db.write(work)

    # -- settings (administrator) ----------------------------------------------------------
    def _settings_write(
        self, actor: Actor, action: str, subject: str, query: str, params: list, after: dict, current: tuple[str, list]
    ) -> None:
        """Apply a settings change and log each field's old and new value, in one transaction."""

        def work(cur: Cursor) -> None:
            rows = cur.records(*current)
            before = rows[0] if rows else {}
            cur.run(query, params)
            changes = {
                k: [_jsonable(before.get(k)), _jsonable(val)]
                for k, val in after.items()
                if _jsonable(before.get(k)) != _jsonable(val)
            }
            self._admin_log(cur, actor, action, subject, changes)

        self.db.write(work)
        self.refresh_reference()

    def save_session(
        self, actor: Actor, ref: SessionRef, opens_on: date | None, closes_on: date | None, note: str = ""
    ) -> None:
        require(actor, Action.MANAGE_SETTINGS)
        if opens_on and closes_on and closes_on < opens_on:
            raise InvalidInput("error.session_dates", field="closes_on")
        note = v.validate_text(note, "note", v.MAX_REASON)
        self._settings_write(
            actor,
            "session_saved",
            ref.code(),
            "sessions/upsert",
            [ref.term, ref.number, ref.extraordinary, opens_on, closes_on, note],
            {"opens_on": opens_on, "closes_on": closes_on, "note": note},
            ("sessions/get", [ref.term, ref.number, ref.extraordinary]),
        )

    def save_unit(self, actor: Actor, unit: Unit) -> None:
        require(actor, Action.MANAGE_SETTINGS)
        clean = v.validate_unit(unit)
        self._settings_write(
            actor,
            "unit_saved",
            clean.code,
            "units/upsert",
            [
                clean.code,
                clean.name_vi,
                clean.name_en,
                fold(clean.name_vi),
                clean.active_from,
                clean.active_to,
                clean.sort_order,
            ],
            {
                "name_vi": clean.name_vi,
                "name_en": clean.name_en,
                "active_from": clean.active_from,
                "active_to": clean.active_to,
            },
            ("units/get", [clean.code]),
        )

    def save_override(self, actor: Actor, day: date, working: bool, note: str) -> None:
        require(actor, Action.MANAGE_SETTINGS)
        note = v.validate_text(note, "note", v.MAX_REASON, required=True)
        day = v.validate_day(day, "date")
        self._settings_write(
            actor,
            "override_saved",
            day.isoformat(),
            "calendar/upsert_override",
            [day, working, note],
            {"working": working, "note": note},
            ("calendar/get_override", [day]),
        )
        self._follow_calendar()

    def delete_override(self, actor: Actor, day: date) -> None:
        require(actor, Action.MANAGE_SETTINGS)
        day = v.validate_day(day, "date")
        self._settings_write(
            actor,
            "override_removed",
            day.isoformat(),
            "calendar/delete_override",
            [day],
            {"working": None, "note": None},
            ("calendar/get_override", [day]),
        )
        self._follow_calendar()

    def save_rule(self, actor: Actor, kind: Kind | str, days: int, effective_from: date, basis: str) -> None:
        require(actor, Action.MANAGE_SETTINGS)
        if not 1 <= int(days) <= 366:
            raise InvalidInput("error.rule_days", field="days")
        basis = v.validate_text(basis, "basis", v.MAX_REASON)
        effective_from = v.validate_day(effective_from, "effective_from")
        self._settings_write(
            actor,
            "rule_saved",
            Kind(kind).value,
            "rules/upsert",
            [Kind(kind).value, int(days), effective_from, basis],
            {"days": int(days), "effective_from": effective_from, "basis": basis},
            ("rules/get", [Kind(kind).value, effective_from]),
        )

    def save_setting(self, actor: Actor, key: str, value: str) -> None:
        require(actor, Action.MANAGE_SETTINGS)
        if key == "due_soon_days" and not (value.isdigit() and 1 <= int(value) <= 60):
            raise InvalidInput("error.due_soon_days", field=key)
        if key == "percent_decimals" and value not in {str(d) for d in ALLOWED_DECIMALS}:
            raise InvalidInput("error.percent_decimals", field=key)
        self._settings_write(
            actor, "setting_saved", key, "settings/put", [key, value], {"value": value}, ("settings/get", [key])
        )

    def save_signer(self, actor: Actor, signer: Signer) -> None:
        """The Word report's signer (tracker/report_signer.py): three settings, one logged change."""
        require(actor, Action.MANAGE_SETTINGS)
        clean = signer.validated()
        self._settings_write(
            actor,
            "signer_saved",
            "report",
            "settings/put_signer",
            [clean.name, clean.title, clean.authority],
            {"signer_name": clean.name, "signer_title": clean.title, "signer_authority": clean.authority},
            ("settings/get_signer", []),
        )

    @property
    def signer(self) -> Signer:
        return Signer.from_settings(self.reference.settings)
