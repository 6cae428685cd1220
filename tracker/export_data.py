"""What an export shows, before any format renders it: the scope asked for, the data collected
(tracker/exporting.py's ``collect``) and the scope in words.

Its own module so that every format (tracker/exporting.py's Excel and CSV, the summary sheet in
tracker/export_summary.py, the Word report in tracker/report_docx.py and tracker/report_text.py)
imports it from below instead of from the module that calls them (issue 10: no import circle).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from tracker.formatting import format_date
from tracker.i18n import t
from tracker.items import Status
from tracker.sessions import Session
from tracker.stats import Counts

__all__ = ["REPLIED", "ExportData", "ExportScope", "scope_lines"]

REPLIED = (Status.REPLIED_ON_TIME.value, Status.REPLIED_LATE.value)


@dataclass(frozen=True)
class ExportScope:
    session_id: int | None
    as_of: date
    unit: str | None = None
    only_open: bool = False


@dataclass(frozen=True)
class ExportData:
    scope: ExportScope
    session: Session | None
    rows: list[dict[str, Any]]
    counts: dict[str, Counts]  # by kind; for one unit's export, what it leads (= stats --by unit)
    by_unit: list[tuple[str | None, Counts]]  # by lead unit, most overdue first
    next_session: Session | None
    report_due: date | None
    coordinating: dict[str, Counts] | None = None  # one unit's export: what it coordinates, by kind
    decimals: int = 1  # of every printed share (the percent_decimals setting)

    @property
    def total(self) -> Counts:
        return sum(self.counts.values(), Counts())

    def overdue_rows(self) -> list[dict[str, Any]]:
        return [r for r in self.rows if r["status"] == Status.OVERDUE.value]


class _UnitNames(Protocol):
    def unit_name(self, code: str, lang: str = ...) -> str: ...


class _HasReference(Protocol):
    """tracker.service.Tracker, as far as the scope's words need it."""

    @property
    def reference(self) -> _UnitNames: ...


def scope_lines(tracker: _HasReference, data: ExportData, lang: str) -> list[str]:
    """What the export covers, in words (the summary sheet and the page say the same)."""
    ref = tracker.reference
    lines = [t("export.as_of_line", lang, date=format_date(data.scope.as_of))]
    if data.scope.unit:
        lines.append(t("export.unit_line", lang, unit=ref.unit_name(data.scope.unit, lang)))
        lines.append(t("export.unit_role_line", lang))
    if data.scope.only_open:
        lines.append(t("export.only_open_line", lang))
    if data.report_due is not None and data.next_session is not None:
        lines.append(
            t(
                "progress.report_due",
                lang,
                date=format_date(data.report_due),
                session=data.next_session.label(lang),
                opens=format_date(data.next_session.opens_on),
            )
        )
    elif data.session is not None:
        lines.append(t("progress.report_due_unknown", lang))
    return lines
