"""The import's fast path (issue 15): every row checked a column at a time, the entry form's
per-row rules (rows.py) run only for the rows it cannot vouch for.

Why not a per-row parse for all: a file repeats itself down each column (a few kinds, sessions,
dates, units and result words; empty reply columns), so each rule runs once per distinct cell
value, not once per row, and the row then only looks its answers up. The rule functions are the
ones the slow path uses (Cells.read_date, parse_session, validate_text, the unit's activity, the
deadline), memoised, never re-implemented; where a row needs anything the fast path does not
settle (any problem, a blank phase it cannot derive, a transfer, a reply "being resolved"), the
row goes through ``_Rows.parse`` whole, so its outcome and reason texts are the slow path's own.
tests/importing/test_fast_path.py compares both paths row for row.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date, timedelta
from typing import TypeVar

from tracker import validation as v
from tracker.deadlines import Deadline
from tracker.due_facts import DueFacts
from tracker.errors import InvalidInput
from tracker.file_columns import TRANSFERRED
from tracker.i18n import t
from tracker.importing.cells import split_list
from tracker.importing.model import Fate, ImportedItem, PreviewRow, Progress
from tracker.importing.rows import _Rows
from tracker.importing.vocab import _norm, parse_session
from tracker.items import PHASES_BY_KIND, Kind, Phase, Reply, Result
from tracker.sessions import SessionRef
from tracker.text import clean

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_KINDS = {k.value: k for k in Kind}
_PHASES = {p.value: p for p in Phase}
_RESULTS = {r.value: r for r in Result}
# Columns checked as single-line short text by validate_draft / validate_reply, with their limits.
_SHORT = v.MAX_SHORT


def _memo(fn: Callable[[K], V]) -> Callable[[K], V]:
    cache: dict[K, V] = {}

    def get(key: K) -> V:
        try:
            return cache[key]
        except KeyError:
            value = cache[key] = fn(key)
            return value

    return get


def _text_ok(limit: int, multiline: bool) -> Callable[[str], bool]:
    def ok(text: str) -> bool:
        try:
            v.validate_text(text, "", limit, multiline=multiline)
        except InvalidInput:
            return False
        return True

    return _memo(ok)


def _listed(text: str) -> tuple[str, ...]:
    return tuple(split_list(text))


class _FastRows:
    """Column texts and memoised rules over one table, for one ``_Rows`` parser."""

    def __init__(self, parser: _Rows) -> None:
        self.parser = parser
        cells = parser.cells
        self.rows = cells.table.rows
        self.columns = cells.columns
        self.texts = {c: cells.column_texts(c) for c in cells.columns}
        self.today = date.today()
        self.tomorrow = self.today + timedelta(days=1)
        lang = parser.lang
        self.due_from_file = t("import.due_from_file", lang)
        self.late_missing = t("import.late_reason_missing", lang)
        self.kind_of = _memo(lambda text: parser.kinds.get(_norm(text), text))
        self.phase_of = _memo(lambda text: parser.phases.get(_norm(text), text))
        self.result_of = _memo(lambda text: parser.results.get(_norm(text)))
        self.unit_of = _memo(lambda text: parser.known.unit_keys.get(_norm(text)))
        self.session_of = _memo(self._session)
        self.list_of = _memo(_listed)
        self.short_ok = _text_ok(_SHORT, False)
        self.summary_ok = _text_ok(v.MAX_SUMMARY, True)
        self.full_text_ok = _text_ok(v.MAX_FULL_TEXT, True)
        self.reason_ok = _text_ok(v.MAX_REASON, True)
        self.active = _memo(self._active)
        self.deadline_of = _memo(self._deadline)
        self.facts_of = _memo(self._facts_of)
        self.derive = _memo(self._derive)
        self.dates = {c: _memo(self._date_reader(c)) for c in ("received_on", "due_on", "responded_on", "committed_on")}

    def _date_reader(self, column: str) -> Callable[[tuple[type, object]], tuple[bool, date | None]]:
        cells = self.parser.cells

        def read(key: tuple[type, object]) -> tuple[bool, date | None]:
            problems: list[InvalidInput] = []  # the slow path's own reader, once per distinct cell
            day = cells.date_of(cells.cell_value(key[1]), column, problems)
            return not problems, day

        return read

    def _session(self, key: tuple[str, str]) -> SessionRef | None:
        try:
            return parse_session(*key)
        except InvalidInput:
            return None

    def _active(self, key: tuple[str, date]) -> bool:
        code, received = key
        if clean(code) != code:
            return False  # validate_assignment looks the cleaned code up: let it say what it finds
        unit = next((u for u in self.parser.reference.units if u.code == code), None)
        return unit is not None and (unit.is_active_on(received) or unit.is_active_on(self.today))

    def _deadline(self, key: tuple[Kind, date]) -> Deadline | None:
        try:
            return self.parser.deadline(*key)
        except InvalidInput:
            return None

    def _facts_of(self, deadline: Deadline) -> DueFacts:
        # How the deadline was reached is stored as facts and read in the reader's language (issue 10).
        return deadline.facts()

    def _derive(self, key: tuple[str, date, SessionRef]) -> str | None:
        problems: list[InvalidInput] = []
        phase, _ = self.parser._derive_phase(key[0], key[1], key[2], problems)
        return None if problems else phase

    def day(self, column: str, values: tuple[object, ...]) -> tuple[bool, date | None]:
        index = self.columns.get(column)
        if index is None or index >= len(values):
            return True, None
        raw = values[index]
        return self.dates[column]((type(raw), raw))

    def text(self, column: str, i: int) -> str:
        texts = self.texts.get(column)
        return texts[i] if texts is not None else ""

    def parse_all(self, on_progress: Progress | None) -> list[PreviewRow]:
        out = []
        total = len(self.rows)
        for i, (row_no, values) in enumerate(self.rows):
            if on_progress and i % 5000 == 0:
                on_progress(
                    0.5 * i / max(1, total), t("import.progress_checking", self.parser.lang, done=i, total=total)
                )
            shown = {c: texts[i] for c, texts in self.texts.items()}
            item = self.item(i, values)
            out.append(PreviewRow(row_no, Fate.NEW, shown, item=item) if item else self.parser.parse(row_no, values))
        return out

    def item(self, i: int, values: tuple[object, ...]) -> ImportedItem | None:
        """The row's item when every rule passes for it, else None (the slow path decides)."""
        text = self.text
        kind = _KINDS.get(self.kind_of(text("kind", i)))
        if kind is None:
            return None
        session = self.session_of((text("term", i), text("session", i)))
        if session is None:
            return None
        session_id = self.parser.known.session_ids.get(session)
        if session_id is None:
            return None
        ok, received = self.day("received_on", values)
        if not ok or received is None or received > self.tomorrow:
            return None
        phase_text = text("phase", i)
        derived = not phase_text
        phase_code = self.derive((kind.value, received, session)) if derived else self.phase_of(phase_text)
        phase = _PHASES.get(phase_code or "")
        if phase is None or phase not in PHASES_BY_KIND[kind]:
            return None
        ok, due_given = self.day("due_on", values)
        if not ok or (due_given is not None and due_given < received):
            return None
        summary, full_text = text("summary", i), text("full_text", i)
        ref_no, topic, deputy = text("ref_no", i), text("topic", i), text("deputy", i)
        if not summary or not self.summary_ok(summary) or not self.full_text_ok(full_text):
            return None
        if not (self.short_ok(ref_no) and self.short_ok(topic) and self.short_ok(deputy)):
            return None
        sources = self.list_of(text("source", i))
        if len(sources) > v.MAX_SOURCES or not all(self.short_ok(s) for s in sources):
            return None
        if kind == Kind.DEPUTY_QUESTION and not (deputy or sources):
            return None
        lead_text = text("lead_unit", i)
        coordinating_names = self.list_of(text("coordinating_units", i))
        lead = self.unit_of(lead_text) if lead_text else None
        if lead_text and lead is None or not lead_text and coordinating_names:
            return None
        coordinating: list[str] = []
        for name in coordinating_names:
            code = self.unit_of(name)
            if code is None or not self.active((code, received)):
                return None
            if code != lead and code not in coordinating:
                coordinating.append(code)
        if lead is not None and not self.active((lead, received)):
            return None
        deadline = self.deadline_of((kind, received))
        if deadline is None:
            return None
        due_on, due_reason = None, ""
        if due_given is not None and due_given != deadline.due_on:
            due_on, due_reason = due_given, self.due_from_file
        final_due = due_on or deadline.due_on
        settled, replied = self.reply(i, values, kind, received, final_due)
        if not settled:
            return None
        facts = self.facts_of(deadline)
        if due_on is not None:
            facts = facts.set_afterwards(due_on)
        return ImportedItem(
            kind=kind,
            session=session,
            phase=phase,
            ref_no=ref_no,
            received_on=received,
            sources=sources,
            deputy=deputy,
            summary=summary,
            full_text=full_text,
            topic=topic,
            lead_unit=lead,
            coordinating_units=tuple(coordinating),
            due_on=final_due,
            due_facts=facts,
            due_override_reason=due_reason,
            reply=replied,
            phase_derived=derived,
        )

    def reply(
        self, i: int, values: tuple[object, ...], kind: Kind, received: date, due_on: date
    ) -> tuple[bool, Reply | None]:
        """(True, the row's reply or None without one), or (False, None) when the slow path must decide."""
        text = self.text
        ok, responded = self.day("responded_on", values)
        ok_committed, _ = self.day("committed_on", values)  # read (and refused) even when unused
        if not ok or not ok_committed:
            return False, None
        result_text, response_no = text("result", i), text("response_no", i)
        if not (result_text or response_no or responded):
            return True, None
        result_code = self.result_of(result_text) if result_text else None
        if result_text and result_code is None or result_code is None and kind != Kind.DEPUTY_QUESTION:
            return False, None
        if responded is None or result_code == TRANSFERRED or result_code == Result.BEING_RESOLVED:
            return False, None  # a transfer or a roadmap: the slow path's rules, in full
        if not response_no or not self.short_ok(response_no) or responded < received or responded > self.tomorrow:
            return False, None
        signer, summary = text("signer", i), text("response_summary", i)
        roadmap, late_reason = text("roadmap", i), text("late_reason", i)
        if not (self.short_ok(signer) and self.summary_ok(summary)):
            return False, None
        if not (self.reason_ok(roadmap) and self.reason_ok(late_reason)):
            return False, None
        if responded > due_on and not late_reason:
            late_reason = self.late_missing
        result = _RESULTS[result_code] if result_code else None
        return True, Reply(response_no, responded, signer, summary, result, "", None, late_reason)


def parse_rows(parser: _Rows, on_progress: Progress | None = None) -> list[PreviewRow]:
    """Every row's outcome, as ``parser.parse`` gives it, for the whole table."""
    return _FastRows(parser).parse_all(on_progress)
