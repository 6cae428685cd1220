"""The tracked item (a voter recommendation or a deputy's question) and its vocabularies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol

from tracker.due_facts import DueFacts


class Kind(StrEnum):
    VOTER_RECOMMENDATION = "voter_recommendation"
    DEPUTY_QUESTION = "deputy_question"


class Phase(StrEnum):
    """When the item arose: recommendations before/after a session; questions at/between sessions."""

    BEFORE = "before"
    AFTER = "after"
    AT_SESSION = "at_session"
    BETWEEN_SESSIONS = "between_sessions"


PHASES_BY_KIND: dict[Kind, tuple[Phase, ...]] = {
    Kind.VOTER_RECOMMENDATION: (Phase.BEFORE, Phase.AFTER),
    Kind.DEPUTY_QUESTION: (Phase.AT_SESSION, Phase.BETWEEN_SESSIONS),
}


class Result(StrEnum):
    """The three legal result categories of a reply (JR 72/2025 Art. 49(2))."""

    RESOLVED = "resolved"
    BEING_RESOLVED = "being_resolved"
    EXPLAINED = "explained"


class ArchiveReason(StrEnum):
    """Why an item was archived, which decides the as-of figures it still counts in (issue 9)."""

    DUPLICATE_ENTRY = "duplicate_entry"  # entered twice or by mistake: counts at no as-of date
    OTHER = "other"  # counts as of the days before its archiving


class Status(StrEnum):
    """Derived, never stored: see tracker/status.py."""

    REPLIED_ON_TIME = "replied_on_time"
    REPLIED_LATE = "replied_late"
    OPEN_NOT_DUE = "open_not_due"
    OVERDUE = "overdue"
    TRANSFERRED = "transferred"


@dataclass(frozen=True)
class Reply:
    response_no: str
    responded_on: date
    signer: str
    summary: str
    # JR 72/2025 Art. 49(2) classifies replies to recommendations; a deputy's question has no
    # legal result category, so its reply may carry none.
    result: Result | None
    roadmap: str = ""
    committed_on: date | None = None
    late_reason: str = ""


@dataclass(frozen=True)
class Item:
    id: int
    kind: Kind
    session_id: int
    phase: Phase
    ref_no: str
    received_on: date
    sources: tuple[str, ...]
    deputy: str
    summary: str
    full_text: str
    topic: str
    lead_unit: str
    coordinating_units: tuple[str, ...]
    due_on: date
    due_basis: str
    due_override_reason: str
    reply: Reply | None
    transferred_on: date | None
    transfer_note: str
    version: int
    created_at: datetime | None = None
    updated_at: datetime | None = None
    archived_at: datetime | None = None
    archive_reason: ArchiveReason | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    # How the deadline was reached, as facts (None in rows stored before issue 10: due_basis).
    due_facts: DueFacts | None = None

    def basis(self, lang: str = "vi") -> str:
        """How the deadline was reached, in the reader's language (``due_basis`` is Vietnamese)."""
        return self.due_facts.basis(lang) if self.due_facts is not None else self.due_basis


class ItemFields(Protocol):
    """The fields entry (an ItemDraft) and import (an ImportedItem) both hand over, read by
    tracker.record (to store them) and tracker.validation (to check them). Kind and phase may
    still be raw text before validation."""

    @property
    def kind(self) -> Kind | str: ...
    @property
    def phase(self) -> Phase | str: ...
    @property
    def ref_no(self) -> str: ...
    @property
    def sources(self) -> tuple[str, ...]: ...
    @property
    def deputy(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def full_text(self) -> str: ...
    @property
    def topic(self) -> str: ...
    @property
    def lead_unit(self) -> str | None: ...
    @property
    def coordinating_units(self) -> tuple[str, ...]: ...
