"""Statistics per session/kind/unit: the four performance buckets and the result categories.

The numbers always add up (issue 2): total = replied + open_not_due + overdue;
replied = replied_on_time + replied_late; transferred items are counted apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from tracker.items import Result, Status
from tracker.percent import DEFAULT_DECIMALS, percent_number
from tracker.sessions import SessionRef


@dataclass(frozen=True)
class Counts:
    total: int = 0
    replied: int = 0
    replied_on_time: int = 0
    replied_late: int = 0
    open_not_due: int = 0
    overdue: int = 0
    transferred: int = 0
    resolved: int = 0
    being_resolved: int = 0
    explained: int = 0

    @property
    def completion_pct(self) -> float | None:
        """Replied / total under the rounding rule (tracker/percent.py); None when nothing was
        received (not "0 %")."""
        return percent_number(self.replied, self.total)

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{k: getattr(self, k) + getattr(other, k) for k in Counts.__dataclass_fields__})

    def as_dict(self, decimals: int = DEFAULT_DECIMALS) -> dict[str, Any]:
        return {**asdict(self), "completion_pct": percent_number(self.replied, self.total, decimals)}

    def invariant_errors(self) -> list[str]:
        errors = []
        if self.total != self.replied + self.open_not_due + self.overdue:
            errors.append("total != replied + open_not_due + overdue")
        if self.replied != self.replied_on_time + self.replied_late:
            errors.append("replied != on_time + late")
        if self.replied != self.resolved + self.being_resolved + self.explained:
            errors.append("replied != resolved + being_resolved + explained")
        return errors


def count(rows: Iterable[tuple[Status, Result | None]]) -> Counts:
    """Counts from (status, result) pairs: the pure reference the SQL aggregate is tested against."""
    tally = dict.fromkeys(Counts.__dataclass_fields__, 0)
    for status, result in rows:
        if status == Status.TRANSFERRED:
            tally["transferred"] += 1
            continue
        tally["total"] += 1
        tally[status.value] += 1
        if status in (Status.REPLIED_ON_TIME, Status.REPLIED_LATE):
            tally["replied"] += 1
            if result is not None:
                tally[result.value] += 1
    return Counts(**tally)


def share(part: int, whole: int, decimals: int = DEFAULT_DECIMALS) -> float | None:
    """``part`` of ``whole`` in percent, under the one rounding rule."""
    return percent_number(part, whole, decimals)


COUNT_FIELDS = tuple(Counts.__dataclass_fields__)


@dataclass(frozen=True)
class StatsRow:
    session_id: int | None
    ref: SessionRef
    kind: str
    counts: Counts
    unit: str | None = None

    def as_dict(self, with_unit: bool = False, decimals: int = 1) -> dict[str, Any]:
        out: dict[str, Any] = {
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


def by_unit_order(row: StatsRow) -> tuple[int, bool, int, bool, bool, str]:
    """Session order, recommendations before questions, then unit code (unassigned last)."""
    return (
        row.ref.term,
        row.ref.extraordinary,
        row.ref.number,
        row.kind != "voter_recommendation",
        row.unit is None,
        row.unit or "",
    )
