# mypy: ignore-errors
# (moved verbatim from tracker/importing.py; typed in the next commit)
"""Parsing and validating one row with the entry form's rules (tracker/validation.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from tracker import validation as v
from tracker.dates import format_date, parse_date
from tracker.errors import InvalidInput, InvalidInputs
from tracker.file_columns import TRANSFERRED
from tracker.formula_guard import unneutralise
from tracker.i18n import t
from tracker.importing.model import Fate, ImportedItem, PreviewRow, RowProblem
from tracker.importing.read import Table, _cell_text
from tracker.importing.vocab import (
    _KIND_ALIASES,
    _PHASE_ALIASES,
    _RESULT_ALIASES,
    _norm,
    _vocabulary,
    parse_session,
    unit_code_for,
)
from tracker.items import Kind, Reply, Result
from tracker.reference import Unit
from tracker.service import ItemDraft, Tracker
from tracker.sessions import Session, SessionRef, derive_phase
from tracker.text import clean


class _Rows:
    """Parses and validates rows against one reference snapshot (plus what --create-missing adds)."""

    def __init__(
        self, tracker: Tracker, table: Table, columns: dict[str, int], create_missing: bool, lang: str
    ) -> None:
        self.tracker = tracker
        self.table = table
        self.columns = columns
        self.lang = lang
        self.create_missing = create_missing
        ref = tracker.reference
        self.kinds = _vocabulary(_KIND_ALIASES, lambda c: f"kind.{c}")
        self.phases = _vocabulary(_PHASE_ALIASES, lambda c: f"phase.{c}")
        self.results = _vocabulary(
            _RESULT_ALIASES, lambda c: "status.transferred" if c == TRANSFERRED else f"result.{c}"
        )
        self.unit_keys: dict[str, str] = {}
        for unit in ref.units:
            for word in (unit.code, unit.name_vi, unit.name_en):
                self.unit_keys.setdefault(_norm(word), unit.code)
        self.session_ids: dict[SessionRef, int] = {s.ref: s.id for s in ref.sessions}
        self.unknown_units: dict[str, str] = {}  # normalised -> as written
        self.unknown_sessions: list[SessionRef] = []
        self.new_units: list[Unit] = []
        self._deadlines: dict[tuple[Kind, date], object] = {}
        self._prescan()
        self.reference = self._validation_reference(ref)

    def cell(self, values: tuple[object, ...], column: str) -> object:
        index = self.columns.get(column)
        if index is None or index >= len(values):
            return ""
        value = values[index]
        if isinstance(value, str):
            return unneutralise(clean(value)) if self.table.formula_guarded else clean(value)
        return "" if value is None else value

    def text(self, values: tuple[object, ...], column: str) -> str:
        value = self.cell(values, column)
        return value if isinstance(value, str) else clean(_cell_text(value))

    def header(self, column: str) -> str:
        index = self.columns.get(column)
        if index is not None:
            return self.table.headers[index]
        label = t(f"import.col.{column}", self.lang)
        return column if label == f"import.col.{column}" else label

    def _prescan(self) -> None:
        """Find unknown units and sessions first, so --create-missing can add them before validating."""
        taken = {u.code for u in self.tracker.reference.units}
        for _, values in self.table.rows:
            for name in (self.text(values, "lead_unit"), *self._split(self.text(values, "coordinating_units"))):
                key = _norm(name)
                if name and key not in self.unit_keys and key not in self.unknown_units:
                    self.unknown_units[key] = name
            try:
                ref = parse_session(self.text(values, "term"), self.text(values, "session"))
            except InvalidInput:
                continue
            if ref not in self.session_ids and ref not in self.unknown_sessions:
                self.unknown_sessions.append(ref)
        self.unknown_sessions.sort()
        if self.create_missing:
            for key, name in self.unknown_units.items():
                unit = Unit(unit_code_for(name, taken), name, name, sort_order=900)
                self.new_units.append(unit)
                self.unit_keys[key] = unit.code
            for n, ref in enumerate(self.unknown_sessions, start=1):
                self.session_ids[ref] = -n  # a placeholder id; commit maps it to the real one

    def _validation_reference(self, ref):
        if not self.create_missing:
            return ref
        placeholders = tuple(Session(-n, r, None, None) for n, r in enumerate(self.unknown_sessions, start=1))
        return replace(ref, units=ref.units + tuple(self.new_units), sessions=ref.sessions + placeholders)

    @staticmethod
    def _split(text: str) -> list[str]:
        return [p.strip() for p in text.split(";") if p.strip()]

    def _unit(self, name: str, column: str, problems: list[InvalidInput]) -> str | None:
        code = self.unit_keys.get(_norm(name))
        if code is None:
            problems.append(InvalidInput("import.unknown_unit", field=column, value=name))
        return code

    def _date(self, values, column: str, problems: list[InvalidInput], required: bool = False) -> date | None:
        value = self.cell(values, column)
        if value in ("", None):
            if required:
                problems.append(InvalidInput("error.date_required", field=column))
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 20_000 <= value <= 80_000:
            value = date(1899, 12, 30) + timedelta(days=int(value))  # an Excel serial in an unformatted cell
        try:
            return parse_date(value, column)
        except InvalidInput as error:
            problems.append(error)
            return None

    def deadline(self, kind: Kind, received: date):
        key = (kind, received)
        if key not in self._deadlines:
            self._deadlines[key] = self.tracker.deadline_for(kind, received)
        return self._deadlines[key]

    def parse(self, row: int, values: tuple[object, ...]) -> PreviewRow:
        shown = {c: self.text(values, c) for c in self.columns}
        problems: list[InvalidInput] = []
        kind_text = self.text(values, "kind")
        kind_code = self.kinds.get(_norm(kind_text), kind_text)
        phase_text = self.text(values, "phase")
        phase_code = self.phases.get(_norm(phase_text), phase_text)
        if not kind_text:
            problems.append(InvalidInput("error.required", field="kind"))

        session_ref = None
        session_id = None
        try:
            session_ref = parse_session(self.text(values, "term"), self.text(values, "session"))
        except InvalidInput as error:
            problems.append(error)
        if session_ref is not None:
            session_id = self.session_ids.get(session_ref)
            if session_id is None:
                problems.append(InvalidInput("import.unknown_session", field="session", value=session_ref.code()))

        received = self._date(values, "received_on", problems, required=True)
        phase_derived = False
        if not phase_text:
            phase_code, phase_derived = self._derive_phase(kind_code, received, session_ref, problems)
        due_given = self._date(values, "due_on", problems)
        lead_text = self.text(values, "lead_unit")
        lead = self._unit(lead_text, "lead_unit", problems) if lead_text else None
        coordinating = tuple(
            c
            for c in (
                self._unit(n, "coordinating_units", problems)
                for n in self._split(self.text(values, "coordinating_units"))
            )
            if c
        )

        kind = Kind(kind_code) if kind_code in {k.value for k in Kind} else None
        deadline = None
        if kind is not None and received is not None:
            try:
                deadline = self.deadline(kind, received)
            except InvalidInput as error:
                problems.append(error)
        due_on, due_reason = None, ""
        if due_given is not None and (deadline is None or due_given != deadline.due_on):
            due_on, due_reason = due_given, t("import.due_from_file", self.lang)

        draft_errors: list[InvalidInput] = []
        clean_draft = None
        draft = ItemDraft(  # the entry form's draft: one set of rules for typed and imported items
            kind=kind_code,
            session_id=session_id if session_id is not None else self._any_session(),
            phase=phase_code,
            received_on=received,
            summary=self.text(values, "summary"),
            ref_no=self.text(values, "ref_no"),
            sources=tuple(self._split(self.text(values, "source"))),
            deputy=self.text(values, "deputy"),
            full_text=self.text(values, "full_text"),
            topic=self.text(values, "topic"),
            lead_unit=lead,
            # An unknown lead is reported already; without it, coordinating units cannot be checked.
            coordinating_units=coordinating if lead or not lead_text else (),
            due_on=due_on,
            due_override_reason=due_reason,
        )
        try:
            clean_draft = v.validate_draft(draft, self.reference)
        except InvalidInputs as many:
            draft_errors = many.errors
        seen_fields = {e.field for e in problems}
        problems += [
            e for e in draft_errors if e.field not in seen_fields and not (e.field == "lead_unit" and lead_text)
        ]

        reply, transferred_on, transfer_note = None, None, ""
        if received is not None and deadline is not None:  # a reply is checked against both dates
            reply, transferred_on, transfer_note = self._reply(
                values, kind, received, due_on or deadline.due_on, problems
            )

        if problems:
            column_problems = tuple(RowProblem(row, self.header(self._column_of(e.field)), e) for e in problems)
            return PreviewRow(row, Fate.INVALID, shown, problems=column_problems)
        assert clean_draft is not None and deadline is not None and session_ref is not None
        if clean_draft.due_on is not None:
            basis = f"{deadline.explain(self.lang)} | {format_date(clean_draft.due_on)}"
            due_final = clean_draft.due_on
        else:
            basis, due_final = deadline.explain(self.lang), deadline.due_on
        item = ImportedItem(
            kind=clean_draft.kind,
            session=session_ref,
            phase=clean_draft.phase,
            ref_no=clean_draft.ref_no,
            received_on=clean_draft.received_on,
            sources=clean_draft.sources,
            deputy=clean_draft.deputy,
            summary=clean_draft.summary,
            full_text=clean_draft.full_text,
            topic=clean_draft.topic,
            lead_unit=clean_draft.lead_unit,
            coordinating_units=clean_draft.coordinating_units,
            due_on=due_final,
            due_basis=basis,
            due_override_reason=clean_draft.due_override_reason,
            reply=reply,
            transferred_on=transferred_on,
            transfer_note=transfer_note,
            phase_derived=phase_derived,
        )
        return PreviewRow(row, Fate.NEW, shown, item=item)

    def _derive_phase(
        self, kind_code: str, received: date | None, session_ref, problems: list[InvalidInput]
    ) -> tuple[str, bool]:
        """A blank phase from the session's dates; asked for when they do not settle it."""
        session = None
        if session_ref is not None:
            session = next((s for s in self.reference.sessions if s.ref == session_ref), None)
        phase = derive_phase(kind_code, received, session)
        if phase is not None:
            return phase.value, True
        if kind_code in {k.value for k in Kind} and received is not None and session is not None:
            problems.append(InvalidInput("import.phase_underivable", field="phase", session=session_ref.code()))
        else:  # without a kind, a date and a known session there is nothing to derive it from
            problems.append(InvalidInput("error.required", field="phase"))
        return "", False

    def _any_session(self) -> int:
        # validate_draft looks the session up; an unknown one is already reported, so let the
        # other fields be checked against any existing session.
        return self.reference.sessions[0].id

    @staticmethod
    def _column_of(field_name: str | None) -> str:
        return {
            "sources": "source",
            "transferred_on": "responded_on",
            "session_id": "session",
            "due_override_reason": "due_on",
        }.get(field_name or "", field_name or "")

    def _reply(self, values, kind: Kind, received: date, due_on: date, problems: list[InvalidInput]):
        result_text = self.text(values, "result")
        response_no = self.text(values, "response_no")
        responded = self._date(values, "responded_on", problems)
        committed = self._date(values, "committed_on", problems)
        if not (result_text or response_no or responded):
            return None, None, ""
        result = self.results.get(_norm(result_text)) if result_text else None
        if result_text and result is None:
            problems.append(InvalidInput("error.choice", field="result", value=result_text))
            return None, None, ""
        if result is None and kind != Kind.DEPUTY_QUESTION:
            # JR 72/2025 Art. 49(2) classifies replies to recommendations; a question has no category.
            problems.append(InvalidInput("import.result_required", field="result"))
            return None, None, ""
        if responded is None:
            if not any(p.field == "responded_on" for p in problems):
                problems.append(InvalidInput("error.date_required", field="responded_on"))
            return None, None, ""
        if result == TRANSFERRED:
            try:
                v.validate_event_date(responded, received, "responded_on")
            except InvalidInput as error:
                problems.append(error)
            note = self.text(values, "transfer_note") or response_no or t("import.transfer_note_default", self.lang)
            try:
                note = v.validate_text(note, "transfer_note", v.MAX_REASON, required=True)
            except InvalidInput as error:
                problems.append(error)
            return None, responded, note
        late_reason = self.text(values, "late_reason")
        if responded > due_on and not late_reason:
            # A past reply being recorded: the file may not say why it was late. Say so rather
            # than refuse the row or invent a reason.
            late_reason = t("import.late_reason_missing", self.lang)
        reply = Reply(
            response_no=response_no,
            responded_on=responded,
            signer=self.text(values, "signer"),
            summary=self.text(values, "response_summary"),
            result=Result(result) if result else None,
            roadmap=self.text(values, "roadmap"),
            committed_on=committed,
            late_reason=late_reason,
        )
        try:
            return v.validate_reply(reply, received, due_on, kind), None, ""
        except InvalidInputs as many:
            problems.extend(many.errors)
        return None, None, ""
