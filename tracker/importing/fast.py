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

import functools
import sys
from collections.abc import Callable, Hashable, Sequence
from datetime import date, timedelta
from typing import Any, TypeVar

from tracker import clock
from tracker import validation as v
from tracker.deadlines import Deadline
from tracker.due_facts import DueFacts
from tracker.errors import InvalidInput
from tracker.file_columns import TRANSFERRED
from tracker.i18n import t
from tracker.importing.cells import each_distinct, split_list
from tracker.importing.model import Fate, PreviewRow, Progress, RowSet
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
# The text columns the rows look up.
_ALL_READ = (
    "kind",
    "term",
    "session",
    "phase",
    "ref_no",
    "source",
    "summary",
    "full_text",
    "topic",
    "deputy",
    "lead_unit",
    "coordinating_units",
    "result",
    "response_no",
    "signer",
    "response_summary",
    "roadmap",
    "late_reason",
)
Day = tuple[bool, date | None]
# kind, term, session number, date received (readable, date), phase, due date, lead, coordinating.
_HeadKey = tuple[str, str, str, Day, str, Day, str, str]
# ... what they give, the date received last.
_Head = tuple[Kind, SessionRef, Phase, bool, str | None, tuple[str, ...], date, DueFacts, str, date]
# date replied, date committed, result text, has a number; then kind, date received, deadline.
_ReplyCells = tuple[Day, Day, str, bool]
_ReplyKey = tuple[_ReplyCells, Kind, date, date]
_ReplyHead = tuple[date, Result | None, bool]
_NO_REPLY: _ReplyHead = (date.min, None, False)  # a row with no reply columns filled
# NFC makes a text at most three times as long (Unicode's stability policy; UAX #15): a column
# whose longest text is under a third of its limit is within it once normalised too.
_NFC_GROWTH = 3
_NO_HEAD = (None,) * 10  # a decided row's place in the accepted columns


def _memo(fn: Callable[[K], V]) -> Callable[[K], V]:
    """Each rule's answer per distinct cell value, for one file (the rows object holds it)."""
    return functools.cache(fn)


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
        self.today = clock.today()
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
        self.sources_ok = _memo(self._sources_ok)
        self.reply_head = _memo(self._reply_head)

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

    def _raw(self, column: str) -> Sequence[object]:
        index = self.columns.get(column)
        return [""] * len(self.rows) if index is None else self.parser.cells.raw_column(index)

    def _day_column(self, column: str) -> list[Day]:
        """(readable, the date or None) for each row's cell, read once per distinct cell."""
        raw, read = self._raw(column), self.dates[column]
        if self.parser.cells.all_text(raw):  # a CSV: the text is the key (no (type, value) tuple a row to hash)
            return each_distinct(raw, lambda text: read((str, text)))
        return each_distinct(list(zip(map(type, raw), raw)), read)

    def _column(self, column: str, fn: Callable[[str], V]) -> list[V]:
        return each_distinct(self.col[column], fn)

    def _column_ok(self, column: str, limit: int, multiline: bool) -> list[bool]:
        """``validate_text`` passes for each row's cell (as ``_text_ok``), for the whole column.

        The rule runs once on the column's distinct texts joined by spaces: control, bidi and
        zero-width characters (and line breaks in a single-line column) are properties of single
        characters, which NFC neither makes nor removes and a space never forms, so it passes
        iff it passes for every text. Then only each text's length is left to check. When it
        does not pass, each text is checked alone."""
        texts = self.col[column]
        distinct = dict.fromkeys(texts)
        try:
            v.validate_text(" ".join(distinct), "", sys.maxsize, multiline=multiline)
        except InvalidInput:
            return self._column(column, _text_ok(limit, multiline))
        if max(map(len, distinct), default=0) * _NFC_GROWTH <= limit:
            return [True] * len(texts)  # no text can reach the limit, even once normalised
        return each_distinct(texts, lambda text: len(clean(text)) <= limit)

    def _prepare(self) -> None:
        """Every column-wise answer the rows look up: each rule once per distinct value (or, for
        the checks that read several cells together, once per distinct combination of them)."""
        n = len(self.rows)
        blank = [""] * n
        self.col = {c: self.texts.get(c, blank) for c in _ALL_READ}
        self.received = self._day_column("received_on")
        self.due_given = self._day_column("due_on")
        self.responded = self._day_column("responded_on")
        self.committed = self._day_column("committed_on")
        # The checks of one cell each, all of which a row must pass.
        self.texts_ok = [
            bool(a) and all(checks)
            for a, *checks in zip(
                self.col["summary"],
                self._column_ok("summary", v.MAX_SUMMARY, True),
                self._column_ok("full_text", v.MAX_FULL_TEXT, True),
                self._column_ok("ref_no", _SHORT, False),
                self._column_ok("topic", _SHORT, False),
                self._column_ok("deputy", _SHORT, False),
                self._column("source", self.sources_ok),
                strict=True,
            )
        ]
        self.reply_texts_ok = [
            all(checks)
            for checks in zip(
                self._column_ok("response_no", _SHORT, False),
                self._column_ok("signer", _SHORT, False),
                self._column_ok("response_summary", v.MAX_SUMMARY, True),
                self._column_ok("roadmap", v.MAX_REASON, True),
                self._column_ok("late_reason", v.MAX_REASON, True),
                strict=True,
            )
        ]
        col = self.col
        # Each row's key into the memoised checks of several cells (zip builds them in C).
        self.head_keys: list[_HeadKey] = list(
            zip(
                col["kind"],
                col["term"],
                col["session"],
                self.received,
                col["phase"],
                self.due_given,
                col["lead_unit"],
                col["coordinating_units"],
                strict=True,
            )
        )
        self.reply_keys: list[_ReplyCells] = list(
            zip(self.responded, self.committed, col["result"], map(bool, col["response_no"]), strict=True)
        )

    def _sources_ok(self, text: str) -> bool:
        sources = self.list_of(text)
        return len(sources) <= v.MAX_SOURCES and all(self.short_ok(s) for s in sources)

    def parse_all(self, on_progress: Progress | None) -> RowSet:
        """Every row's outcome: the rows every rule passes for as columns, the others through
        the per-row parse whole."""
        self._prepare()
        lang, total = self.parser.lang, len(self.rows)
        col = self.col
        heads: list[_Head | None] = each_distinct(self.head_keys, self._head)
        sources = each_distinct(col["source"], self.list_of)
        deputies = col["deputy"]
        replies: list[Reply | None] = [None] * total
        fates = [Fate.NEW] * total
        decided: dict[int, PreviewRow] = {}
        for i, head in enumerate(heads):
            if on_progress and i % 5000 == 0:
                on_progress(0.5 * i / max(1, total), t("import.progress_checking", lang, done=i, total=total))
            if (
                head is not None
                and self.texts_ok[i]
                and (head[0] is not Kind.DEPUTY_QUESTION or deputies[i] or sources[i])
            ):
                reply_head = self.reply_head((self.reply_keys[i], head[0], head[9], head[6]))
                if reply_head is _NO_REPLY:
                    continue
                if reply_head is not None and self.reply_texts_ok[i]:
                    replies[i] = self._reply(i, reply_head)
                    continue
            row_no, values = self.rows[i]  # the slow path decides, with its own reasons
            decided[i] = row = self.parser.parse(row_no, values)
            fates[i] = row.fate
        # One value per row for every field of ImportedItem (a placeholder where decided).
        filled = [_NO_HEAD if head is None else head for head in heads]
        by_field: list[list[Any]] = [list(v) for v in zip(*filled, strict=True)] if filled else [[]] * 10
        kind, session, phase, derived, lead, coordinating, due_on, facts, due_reason, received = by_field
        accepted = {
            "kind": kind,
            "session": session,
            "phase": phase,
            "ref_no": col["ref_no"],
            "received_on": received,
            "sources": sources,
            "deputy": deputies,
            "summary": col["summary"],
            "full_text": col["full_text"],
            "topic": col["topic"],
            "lead_unit": lead,
            "coordinating_units": coordinating,
            "due_on": due_on,
            "due_facts": facts,
            "due_override_reason": due_reason,
            "reply": replies,
            "transferred_on": [None] * total,
            "transfer_note": [""] * total,
            "phase_derived": derived,
        }
        return RowSet([n for n, _ in self.rows], fates, decided, accepted, self.texts)

    def _head(self, key: _HeadKey) -> _Head | None:
        """What the cells that are checked together give (kind, session, dates, phase, units,
        deadline), or None when the slow path must decide."""
        kind_text, term, number, (received_ok, received), phase_text, (due_ok, due_given), lead_text, listed = key
        kind = _KINDS.get(self.kind_of(kind_text))
        if kind is None:
            return None
        session = self.session_of((term, number))
        if session is None or session not in self.parser.known.session_ids:
            return None
        if not received_ok or received is None or received > self.tomorrow:
            return None
        derived = not phase_text
        phase_code = self.derive((kind.value, received, session)) if derived else self.phase_of(phase_text)
        phase = _PHASES.get(phase_code or "")
        if phase is None or phase not in PHASES_BY_KIND[kind]:
            return None
        if not due_ok or (due_given is not None and due_given < received):
            return None
        coordinating_names = self.list_of(listed)
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
        facts = self.facts_of(deadline)
        if due_on is not None:
            facts = facts.set_afterwards(due_on)
        final_due = due_on or deadline.due_on
        return kind, session, phase, derived, lead, tuple(coordinating), final_due, facts, due_reason, received

    def _reply(self, i: int, head: _ReplyHead) -> Reply:
        col = self.col
        responded, result, late = head
        late_reason = col["late_reason"][i] or (self.late_missing if late else "")
        return Reply(
            col["response_no"][i],
            responded,
            col["signer"][i],
            col["response_summary"][i],
            result,
            "",
            None,
            late_reason,
        )

    def _reply_head(self, key: _ReplyKey) -> _ReplyHead | None:
        """What the reply's dates and result give: no reply, (date, result, late), or None when
        the slow path must decide."""
        ((ok, responded), (ok_committed, _), result_text, has_number), kind, received, due_on = key
        if not ok or not ok_committed:  # the commitment date is read (and refused) even when unused
            return None
        if not (result_text or has_number or responded):
            return _NO_REPLY
        result_code = self.result_of(result_text) if result_text else None
        if result_text and result_code is None or result_code is None and kind != Kind.DEPUTY_QUESTION:
            return None
        if responded is None or result_code == TRANSFERRED or result_code == Result.BEING_RESOLVED:
            return None  # a transfer or a roadmap: the slow path's rules, in full
        if not has_number or responded < received or responded > self.tomorrow:
            return None
        return responded, _RESULTS[result_code] if result_code else None, responded > due_on


def parse_rows(parser: _Rows, on_progress: Progress | None = None) -> RowSet:
    """Every row's outcome, as ``parser.parse`` gives it, for the whole table."""
    return _FastRows(parser).parse_all(on_progress)
