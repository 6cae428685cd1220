"""Parsing and validating one row with the entry form's rules (tracker/validation.py)."""

from __future__ import annotations

from datetime import date

from tracker import validation as v
from tracker.deadlines import Deadline
from tracker.errors import InvalidInput, InvalidInputs
from tracker.file_columns import TRANSFERRED
from tracker.i18n import t
from tracker.importing.cells import Cells, Values, column_of, split_list
from tracker.importing.known import Known
from tracker.importing.model import Fate, ImportedItem, PreviewRow, RowProblem
from tracker.importing.read import Table
from tracker.importing.replies import ReplyOutcome, parse_reply
from tracker.importing.vocab import _KIND_ALIASES, _PHASE_ALIASES, _RESULT_ALIASES, _norm, _vocabulary, parse_session
from tracker.items import Kind, Phase
from tracker.service import ItemDraft, Tracker
from tracker.sessions import SessionRef, derive_phase


class _Rows:
    """Parses and validates rows against one reference snapshot (plus what --create-missing adds)."""

    def __init__(
        self, tracker: Tracker, table: Table, columns: dict[str, int], create_missing: bool, lang: str
    ) -> None:
        self.tracker = tracker
        self.lang = lang
        self.cells = Cells(table, columns, lang)
        self.kinds = _vocabulary(_KIND_ALIASES, lambda c: f"kind.{c}")
        self.phases = _vocabulary(_PHASE_ALIASES, lambda c: f"phase.{c}")
        self.results = _vocabulary(
            _RESULT_ALIASES, lambda c: "status.transferred" if c == TRANSFERRED else f"result.{c}"
        )
        self._deadlines: dict[tuple[Kind, date], Deadline] = {}
        self.known = Known(tracker.reference, self.cells, create_missing)
        self.reference = self.known.reference

    def deadline(self, kind: Kind, received: date) -> Deadline:
        key = (kind, received)
        if key not in self._deadlines:
            self._deadlines[key] = self.tracker.deadline_for(kind, received)
        return self._deadlines[key]

    def parse(self, row: int, values: Values) -> PreviewRow:
        cells = self.cells
        shown = {c: cells.text(values, c) for c in cells.columns}
        problems: list[InvalidInput] = []
        kind_text = cells.text(values, "kind")
        kind_code = self.kinds.get(_norm(kind_text), kind_text)
        phase_text = cells.text(values, "phase")
        phase_code = self.phases.get(_norm(phase_text), phase_text)
        if not kind_text:
            problems.append(InvalidInput("error.required", field="kind"))

        session_ref = None
        session_id = None
        try:
            session_ref = parse_session(cells.text(values, "term"), cells.text(values, "session"))
        except InvalidInput as error:
            problems.append(error)
        if session_ref is not None:
            session_id = self.known.session_ids.get(session_ref)
            if session_id is None:
                problems.append(InvalidInput("import.unknown_session", field="session", value=session_ref.code()))

        received = cells.read_date(values, "received_on", problems, required=True)
        phase_derived = False
        if not phase_text:
            phase_code, phase_derived = self._derive_phase(kind_code, received, session_ref, problems)
        due_given = cells.read_date(values, "due_on", problems)
        lead_text = cells.text(values, "lead_unit")
        lead = self.known.unit(lead_text, "lead_unit", problems) if lead_text else None
        coordinating = tuple(
            c
            for c in (
                self.known.unit(n, "coordinating_units", problems)
                for n in split_list(cells.text(values, "coordinating_units"))
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
            # None when the cell is blank: validate_draft reports it (validation.DraftLike allows it).
            received_on=received,  # type: ignore[arg-type]
            summary=cells.text(values, "summary"),
            ref_no=cells.text(values, "ref_no"),
            sources=tuple(split_list(cells.text(values, "source"))),
            deputy=cells.text(values, "deputy"),
            full_text=cells.text(values, "full_text"),
            topic=cells.text(values, "topic"),
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
            reply, transferred_on, transfer_note = parse_reply(
                cells, values, self.results, kind, received, due_on or deadline.due_on, problems
            )

        if problems:
            column_problems = tuple(RowProblem(row, cells.header(column_of(e.field)), e) for e in problems)
            return PreviewRow(row, Fate.INVALID, shown, problems=column_problems)
        assert clean_draft is not None and deadline is not None and session_ref is not None
        replied = (reply, transferred_on, transfer_note)
        item = _imported_item(clean_draft, session_ref, deadline, replied, phase_derived, self.lang)
        return PreviewRow(row, Fate.NEW, shown, item=item)

    def _derive_phase(
        self, kind_code: str, received: date | None, session_ref: SessionRef | None, problems: list[InvalidInput]
    ) -> tuple[str, bool]:
        """A blank phase from the session's dates; asked for when they do not settle it."""
        session = None
        if session_ref is not None:
            session = next((s for s in self.reference.sessions if s.ref == session_ref), None)
        phase = derive_phase(kind_code, received, session)
        if phase is not None:
            return phase.value, True
        if kind_code in {k.value for k in Kind} and received is not None and session is not None:
            assert session_ref is not None  # a session was found for it
            problems.append(InvalidInput("import.phase_underivable", field="phase", session=session_ref.code()))
        else:  # without a kind, a date and a known session there is nothing to derive it from
            problems.append(InvalidInput("error.required", field="phase"))
        return "", False

    def _any_session(self) -> int:
        # validate_draft looks the session up; an unknown one is already reported, so let the
        # other fields be checked against any existing session.
        session_id: int = self.reference.sessions[0].id
        return session_id


def _imported_item(
    clean_draft: ItemDraft,
    session_ref: SessionRef,
    deadline: Deadline,
    replied: ReplyOutcome,
    phase_derived: bool,
    lang: str,
) -> ImportedItem:
    """What will be stored for a row that passed every check."""
    facts, due_final = deadline.facts(), deadline.due_on
    if clean_draft.due_on is not None:
        facts, due_final = facts.set_afterwards(clean_draft.due_on), clean_draft.due_on
    return ImportedItem(
        kind=Kind(clean_draft.kind),
        session=session_ref,
        phase=Phase(clean_draft.phase),
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
        due_facts=facts,
        due_override_reason=clean_draft.due_override_reason,
        reply=replied[0],
        transferred_on=replied[1],
        transfer_note=replied[2],
        phase_derived=phase_derived,
    )
