"""The units and sessions a file's rows may name: the register's, plus what --create-missing adds."""

from __future__ import annotations

from dataclasses import replace

from tracker.errors import InvalidInput
from tracker.importing.cells import Cells, split_list
from tracker.importing.vocab import _norm, parse_session, unit_code_for
from tracker.reference import Unit
from tracker.service import Reference
from tracker.sessions import Session, SessionRef


class Known:
    """Unknown units and sessions are found first, so --create-missing can add them before validating."""

    def __init__(self, ref: Reference, cells: Cells, create_missing: bool) -> None:
        self.create_missing = create_missing
        self.unit_keys: dict[str, str] = {}
        for unit in ref.units:
            for word in (unit.code, unit.name_vi, unit.name_en):
                self.unit_keys.setdefault(_norm(word), unit.code)
        self.session_ids: dict[SessionRef, int] = {s.ref: s.id for s in ref.sessions}
        self.unknown_units: dict[str, str] = {}  # normalised -> as written
        self.unknown_sessions: list[SessionRef] = []
        self.new_units: list[Unit] = []
        self._prescan(ref, cells)
        self.reference = self._validation_reference(ref)

    def _prescan(self, ref: Reference, cells: Cells) -> None:
        taken = {u.code for u in ref.units}
        # Each distinct (lead, coordinating) pair once, in file order: a file names the same few
        # units, and the order of first mention decides the codes --create-missing gives.
        pairs = zip(cells.column_texts("lead_unit"), cells.column_texts("coordinating_units"), strict=True)
        for lead, listed in dict.fromkeys(pairs):
            for name in (lead, *split_list(listed)):
                key = _norm(name)
                if name and key not in self.unit_keys and key not in self.unknown_units:
                    self.unknown_units[key] = name
        for term, number in dict.fromkeys(zip(cells.column_texts("term"), cells.column_texts("session"), strict=True)):
            try:
                session = parse_session(term, number)
            except InvalidInput:
                continue
            if session not in self.session_ids and session not in self.unknown_sessions:
                self.unknown_sessions.append(session)
        self.unknown_sessions.sort()
        if self.create_missing:
            for key, name in self.unknown_units.items():
                unit = Unit(unit_code_for(name, taken), name, name, sort_order=900)
                self.new_units.append(unit)
                self.unit_keys[key] = unit.code
            for n, session in enumerate(self.unknown_sessions, start=1):
                self.session_ids[session] = -n  # a placeholder id; commit maps it to the real one

    def _validation_reference(self, ref: Reference) -> Reference:
        if not self.create_missing:
            return ref
        placeholders = tuple(Session(-n, r, None, None) for n, r in enumerate(self.unknown_sessions, start=1))
        return replace(ref, units=ref.units + tuple(self.new_units), sessions=ref.sessions + placeholders)

    def unit(self, name: str, column: str, problems: list[InvalidInput]) -> str | None:
        code = self.unit_keys.get(_norm(name))
        if code is None:
            problems.append(InvalidInput("import.unknown_unit", field=column, value=name))
        return code
