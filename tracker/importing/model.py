"""What a preview and a commit return: every row's fate, its problems or duplicate, the item to store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

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


@dataclass(frozen=True)
class Preview:
    table: Table
    rows: tuple[PreviewRow, ...]
    columns: dict[str, str]  # column name -> header as written in the file
    ignored_headers: tuple[str, ...]
    unknown_units: tuple[str, ...]  # as written in the file
    unknown_sessions: tuple[SessionRef, ...]
    create_missing: bool
    new_units: tuple[Unit, ...]  # created on commit (only when create_missing)

    def count(self, fate: Fate) -> int:
        return sum(1 for r in self.rows if r.fate == fate)

    @property
    def problems(self) -> list[RowProblem]:
        return [p for r in self.rows for p in r.problems]

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
