"""The reply bank (issue 14, point 4): earlier replies found by their content, diacritics and case
ignored, so a new reply can start from one (Replies.record_reply(reused_from=...) records which)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tracker.text import fold
from tracker.usecases.deps import UseCase

BANK_LIMIT = 20


@dataclass(frozen=True, slots=True)
class BankedReply:
    item_id: int
    ref_no: str
    session_id: int
    summary: str  # the recommendation it answered
    response_no: str
    responded_on: date
    response_summary: str
    result: str | None
    roadmap: str | None
    committed_on: date | None
    signer: str


@dataclass(frozen=True, slots=True)
class Reuse:
    reused_id: int
    reused_by: str
    reused_at: datetime


def _banked(row: dict[str, Any]) -> BankedReply:
    return BankedReply(
        item_id=row["id"],
        ref_no=row["ref_no"],
        session_id=row["session_id"],
        summary=row["summary"],
        response_no=row["response_no"] or "",
        responded_on=row["responded_on"],
        response_summary=row["response_summary"] or "",
        result=row["result"],
        roadmap=row["roadmap"],
        committed_on=row["committed_on"],
        signer=row["signer"] or "",
    )


class ReplyBank(UseCase):
    def search(self, query: str, limit: int = BANK_LIMIT) -> list[BankedReply]:
        """Replies whose item's search text holds every word of ``query`` (folded), newest first."""
        words = fold(query).split()
        if not words:
            return []
        return [_banked(r) for r in self.db.records("similar/reply_bank", [words, limit])]

    def reused_by(self, item_id: int) -> list[Reuse]:
        return [Reuse(r[0], r[1], r[2]) for r in self.db.all("similar/reused_by_item", [item_id])]
