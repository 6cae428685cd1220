"""What a preview and a commit return: every row's fate, its problems or duplicate, the item to store."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from enum import StrEnum
from typing import Any, overload

from tracker.due_facts import DueFacts
from tracker.errors import InvalidInput
from tracker.i18n import t
from tracker.importing.read import Table
from tracker.items import Kind, Phase, Reply
from tracker.reference import Unit
from tracker.sessions import SessionRef


class Fate(StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"
    INVALID = "invalid"


@dataclass(frozen=True)
class RowProblem:
    """Why a row cannot be imported, with the row and the column as the file names them."""

    row: int
    column: str
    error: InvalidInput

    def message(self, lang: str = "vi") -> str:
        return t("import.problem", lang, row=self.row, column=self.column, message=self.error.message(lang))


@dataclass(frozen=True)
class Duplicate:
    """What a row duplicates: an existing item or an earlier row of the same file."""

    by: str  # "ref" (same kind, session and incoming number) or "text" (near-identical summary)
    score: float
    item_id: int | None
    row: int | None
    ref_no: str
    summary: str

    def describe(self, lang: str = "vi") -> str:
        target = (
            t("import.dup_item", lang, id=self.item_id)
            if self.item_id is not None
            else t("import.dup_row", lang, row=self.row)
        )
        if self.by == "ref":
            return t("import.dup_by_ref", lang, target=target, ref=self.ref_no)
        return t("import.dup_by_text", lang, target=target, score=f"{self.score:.0f}")


@dataclass(frozen=True)
class ImportedItem:
    """A row that passed every check: exactly what will be stored."""

    kind: Kind
    session: SessionRef
    phase: Phase
    ref_no: str
    received_on: date
    sources: tuple[str, ...]
    deputy: str
    summary: str
    full_text: str
    topic: str
    lead_unit: str | None
    coordinating_units: tuple[str, ...]
    due_on: date
    due_facts: DueFacts
    due_override_reason: str
    reply: Reply | None = None
    transferred_on: date | None = None
    transfer_note: str = ""
    phase_derived: bool = False  # the file left it blank; the session's dates gave it


@dataclass(frozen=True)
class PreviewRow:
    row: int
    fate: Fate
    values: dict[str, str]  # the cells as read, by column name (for the preview table)
    item: ImportedItem | None = None
    problems: tuple[RowProblem, ...] = ()
    duplicate: Duplicate | None = None


ITEM_FIELDS = tuple(f.name for f in fields(ImportedItem))


class RowSet(Sequence[PreviewRow]):
    """Every row's outcome, in file order (issue 15): the rows the fast path accepted are kept
    as columns, and a ``PreviewRow`` is made only for a row someone reads (a page of the preview
    table, a refused row, a duplicate). Why: an object per row was most of a large preview's
    time, and the commit reads the columns as they are.

    ``accepted``: ``ImportedItem`` field name -> one value per row (what a row the fast path
    accepted stores; ignored for the rows in ``decided``). ``shown``: column name -> each row's
    cell text. ``decided``: the rows the per-row rules decided, by position, as they gave them.
    """

    def __init__(
        self,
        numbers: Sequence[int],
        fates: list[Fate],
        decided: dict[int, PreviewRow],
        accepted: Mapping[str, Sequence[Any]],
        shown: Mapping[str, Sequence[str]],
    ) -> None:
        self.numbers = numbers
        self.fates = fates
        self.decided = decided
        self.accepted = accepted
        self.shown = shown
        self.duplicates: dict[int, Duplicate] = {}

    def __len__(self) -> int:
        return len(self.fates)

    @overload
    def __getitem__(self, index: int) -> PreviewRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[PreviewRow]: ...
    def __getitem__(self, index: int | slice) -> PreviewRow | list[PreviewRow]:
        if isinstance(index, slice):
            return [self.row(p) for p in range(len(self))[index]]
        return self.row(range(len(self))[index])

    def __iter__(self) -> Iterator[PreviewRow]:
        return map(self.row, range(len(self)))

    def row(self, p: int) -> PreviewRow:
        duplicate = self.duplicates.get(p)
        base = self.decided.get(p)
        if base is not None:
            return base if duplicate is None else replace(base, fate=Fate.DUPLICATE, duplicate=duplicate)
        shown = {c: texts[p] for c, texts in self.shown.items()}
        return PreviewRow(self.numbers[p], self.fates[p], shown, item=self.item(p), duplicate=duplicate)

    def item(self, p: int) -> ImportedItem | None:
        """The item row ``p`` would store (None for a refused row)."""
        if p in self.decided:
            return self.decided[p].item
        return ImportedItem(**{name: self.accepted[name][p] for name in ITEM_FIELDS})

    def positions(self, *wanted: Fate) -> list[int]:
        return [p for p, fate in enumerate(self.fates) if fate in wanted]

    def item_fields(self, positions: Sequence[int]) -> dict[str, list[Any]]:
        """``ImportedItem`` field name -> the value of each row at ``positions`` (which must
        all carry an item), as columns: what the commit and the duplicate check read."""
        if not self.decided and len(positions) == len(self.fates):  # every row, as the fast path kept it
            return {name: list(values) for name, values in self.accepted.items()}
        out = {name: _picked(values, positions) for name, values in self.accepted.items()}
        for k, p in enumerate(positions):
            row = self.decided.get(p)
            if row is not None:
                assert row.item is not None  # only new rows carry an item
                for name in ITEM_FIELDS:
                    out[name][k] = getattr(row.item, name)
        return out

    def mark_duplicate(self, p: int, duplicate: Duplicate) -> None:
        self.fates[p] = Fate.DUPLICATE
        self.duplicates[p] = duplicate

    def problems(self) -> list[RowProblem]:
        return [problem for p in sorted(self.decided) for problem in self.decided[p].problems]


def _picked(values: Sequence[Any], positions: Sequence[int]) -> list[Any]:
    """``[values[p] for p in positions]`` by itemgetter, in C (a commit slice picks 20,000 rows
    from each of 19 columns)."""
    if len(positions) < 2:  # itemgetter of one position gives the value, not a tuple
        return [values[p] for p in positions]
    return list(operator.itemgetter(*positions)(values))


@dataclass(frozen=True)
class Preview:
    table: Table
    rows: RowSet
    columns: dict[str, str]  # column name -> header as written in the file
    ignored_headers: tuple[str, ...]
    unknown_units: tuple[str, ...]  # as written in the file
    unknown_sessions: tuple[SessionRef, ...]
    create_missing: bool
    new_units: tuple[Unit, ...]  # created on commit (only when create_missing)

    def count(self, fate: Fate) -> int:
        return self.rows.fates.count(fate)

    @property
    def problems(self) -> list[RowProblem]:
        return self.rows.problems()

    @property
    def can_commit(self) -> bool:
        return self.count(Fate.INVALID) == 0 and self.count(Fate.NEW) > 0

    def summary(self, lang: str = "vi") -> str:
        return t(
            "import.summary_line",
            lang,
            file=self.table.name,
            rows=len(self.rows),
            new=self.count(Fate.NEW),
            duplicate=self.count(Fate.DUPLICATE),
            invalid=self.count(Fate.INVALID),
        )


@dataclass(frozen=True)
class ImportResult:
    created: int
    skipped: int  # duplicates (including any that appeared between preview and commit)
    item_ids: tuple[int, ...] = field(default=(), repr=False)
    units_created: tuple[str, ...] = ()
    sessions_created: tuple[str, ...] = ()

    def message(self, lang: str = "vi") -> str:
        return t("import.done", lang, created=self.created, skipped=self.skipped)


Progress = Callable[[float, str], None]
