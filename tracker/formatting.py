"""Everything the product writes for people to read, in one place: dates and date-times as
Vietnamese users read them (dd/mm/yyyy), shares under the one rounding rule, logged changes in
words, and an error rendered in a language (issue 10, "leaves are leaves").

This module sits just above the catalog: it imports only ``tracker.i18n`` and
``tracker.percent``, never ``tracker.errors`` (an error's ``message`` delegates here), so it can be
used from any layer without an import circle. Errors are read by their data (``key``, ``params``,
``field``, ``errors``, ``meanwhile``), not by their class.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, Protocol, cast

from tracker.i18n import t
from tracker.percent import DEFAULT_DECIMALS, percent_text

__all__ = [
    "DATETIME_FORMAT",
    "DATE_FORMAT",
    "TIMESTAMP_FORMAT",
    "TIME_THEN_DATE_FORMAT",
    "describe_changes",
    "describe_value",
    "format_date",
    "format_datetime",
    "format_time_then_date",
    "format_timestamp",
    "official_date_line",
    "pct_text",
    "percent_text",
    "render_error",
]

DATE_FORMAT = "%d/%m/%Y"  # the register, forms, files: 05/03/2026
DATETIME_FORMAT = "%d/%m/%Y %H:%M"  # an event on the page, a conflict's "meanwhile", a last sign-in
TIMESTAMP_FORMAT = "%d/%m/%Y %H:%M:%S"  # the audit trail (page and CSV), to the second
TIME_THEN_DATE_FORMAT = "%H:%M %d/%m/%Y"  # "locked until 14:05 01/12/2026": the time matters first

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LABELLED_FIELDS = ("kind", "phase", "result", "role", "archive_reason", "signer_authority", "mail_reason")


# -- dates ----------------------------------------------------------------------------------------
def format_date(value: date | datetime | None) -> str:
    """dd/mm/yyyy; "" for no date."""
    if value is None:
        return ""
    return value.strftime(DATE_FORMAT)


def format_datetime(value: datetime) -> str:
    """dd/mm/yyyy hh:mm."""
    return value.strftime(DATETIME_FORMAT)


def format_timestamp(value: datetime) -> str:
    """dd/mm/yyyy hh:mm:ss (the audit trail)."""
    return value.strftime(TIMESTAMP_FORMAT)


def format_time_then_date(value: datetime) -> str:
    """hh:mm dd/mm/yyyy (until when an account stays locked)."""
    return value.strftime(TIME_THEN_DATE_FORMAT)


def official_date_line(day: date, place: str = "Hà Nội") -> str:
    """Decree 30/2020: "Hà Nội, ngày 05 tháng 3 năm 2020" (leading zero for day < 10, month 1-2)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


# -- shares ---------------------------------------------------------------------------------------
def pct_text(count: int, whole: int, lang: str, decimals: int = DEFAULT_DECIMALS) -> str:
    """ "129 (100 %)": the count always beside its share (tracker/percent.py's rule)."""
    return str(count) if whole == 0 else f"{count} ({percent_text(count, whole, lang, decimals)})"


# -- changes --------------------------------------------------------------------------------------
class _SessionRef(Protocol):
    def code(self) -> str: ...


class _Session(Protocol):
    @property
    def ref(self) -> _SessionRef: ...


class ReferenceNames(Protocol):
    """What describing a change needs from tracker.service.Reference: session codes, unit names."""

    def session(self, session_id: int) -> _Session: ...

    def unit_name(self, code: str, lang: str = ...) -> str: ...


def describe_value(field: str, value: object, lang: str, reference: ReferenceNames | None = None) -> str:
    """A logged value as people read it: labels, not codes; unit names; dd/mm/yyyy dates."""
    if value is None or value == "":
        return "—"
    if field in _LABELLED_FIELDS:
        label = t(f"{field}.{value}", lang)
        return label if label != f"{field}.{value}" else str(value)
    if field == "milestone":  # a workflow step (tracker/stage.py Milestone): its event's label
        label = t(f"event.{value}", lang)
        return label if label != f"event.{value}" else str(value)
    if isinstance(value, bool):
        return t("common.yes" if value else "common.no", lang)
    if reference is not None:
        if field == "session_id":
            try:
                return reference.session(int(cast(Any, value))).ref.code()
            except Exception:  # noqa: BLE001 - NotFound (tracker.errors sits above this module) or no id
                return str(value)
        if field in ("lead_unit", "unit"):
            return reference.unit_name(str(value), lang)
        if field == "coordinating_units":
            return ", ".join(reference.unit_name(code, lang) for code in str(value).split(";") if code)
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return format_date(date.fromisoformat(value))
    return str(value)


def describe_changes(changes: Mapping[str, object], lang: str, reference: ReferenceNames | None = None) -> str:
    """ "Field: old → new; …" for an event's logged changes ([old, new] pairs, or a bare new value)."""
    parts = []
    for field, pair in changes.items():
        old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        shown = describe_value(field, old, lang, reference), describe_value(field, new, lang, reference)
        if shown == ("—", "—"):
            continue  # nothing to nothing (a created event's empty fields, older no-op events): no news
        parts.append(f"{t(f'field.{field}', lang)}: {shown[0]} → {shown[1]}")
    return "; ".join(parts)


# -- errors ---------------------------------------------------------------------------------------
class RenderableError(Protocol):
    """A tracker.errors.TrackerError as this module reads it: a catalog key and its parameters
    (optionally ``field``, ``errors`` for several at once, ``meanwhile`` for a conflict)."""

    @property
    def key(self) -> str: ...

    @property
    def params(self) -> Mapping[str, object]: ...


class _HasMessage(Protocol):
    def message(self, lang: str = ...) -> str: ...


def render_error(err: RenderableError, lang: str = "vi") -> str:
    """The error as a person reads it in ``lang``: its catalog sentence with codes shown as
    labels and the field named as the form labels it; several errors one per line; a conflict
    followed by what changed meanwhile."""
    errors: Iterable[_HasMessage] | None = getattr(err, "errors", None)
    if errors is not None:
        # Each one through its own message: some errors render their parameters their own way
        # (tracker/file_limits.py's FileTooLarge writes numbers in the language).
        return "\n".join(error.message(lang) for error in errors)
    lines = [_sentence(err, lang)]
    meanwhile: Iterable[Mapping[str, object]] = getattr(err, "meanwhile", ())
    for event in meanwhile:
        lines.append(_meanwhile_line(event, lang))
    return "\n".join(lines)


def _sentence(err: RenderableError, lang: str) -> str:
    params = dict(err.params)
    for name in ("kind", "role", "stage", "step"):  # codes in parameters are shown as their labels
        if name in params:
            label = t(f"{name}.{params[name]}", lang)
            params[name] = label if label != f"{name}.{params[name]}" else params[name]
    field = getattr(err, "field", None)
    if field:
        # Name the field as the form labels it ("Số văn bản trả lời"), not as the code does.
        label = t(f"field.{field}", lang)
        params["field"] = field if label == f"field.{field}" else label
    return t(err.key, lang, **params)


def _meanwhile_line(event: Mapping[str, object], lang: str) -> str:
    """One change a conflicting edit missed: "• 01/12/2026 09:30 · an · Assigned (Lead unit: …)"."""
    raw = event.get("changes")
    fields = describe_changes(json.loads(str(raw)) if raw else {}, lang)
    occurred_at = event["occurred_at"]
    when = occurred_at.strftime(DATETIME_FORMAT) if isinstance(occurred_at, (date, datetime)) else str(occurred_at)
    action = t(f"event.{event['action']}", lang)
    return f"• {when} · {event['actor']} · {action}" + (f" ({fields})" if fields else "")
