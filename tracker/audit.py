# mypy: ignore-errors
# (not yet strict-clean: issue 10 removes this marker module by module)
"""The audit trail as people read it and as a CSV file an administrator exports."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

from tracker.dates import format_date
from tracker.errors import TrackerError
from tracker.formula_guard import neutralise
from tracker.i18n import t

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def describe_value(field: str, value: object, lang: str, reference=None) -> str:
    """A logged value as people read it: labels, not codes; unit names; dd/mm/yyyy dates."""
    if value is None or value == "":
        return "—"
    if field in ("kind", "phase", "result", "role", "archive_reason", "signer_authority"):
        label = t(f"{field}.{value}", lang)
        return label if label != f"{field}.{value}" else str(value)
    if isinstance(value, bool):
        return t("common.yes" if value else "common.no", lang)
    if reference is not None:
        if field == "session_id":
            try:
                return reference.session(int(value)).ref.code()
            except (TrackerError, ValueError):
                return str(value)
        if field in ("lead_unit", "unit"):
            return reference.unit_name(str(value), lang)
        if field == "coordinating_units":
            return ", ".join(reference.unit_name(code, lang) for code in str(value).split(";") if code)
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return format_date(date.fromisoformat(value))
    return str(value)


def describe_changes(changes: dict, lang: str, reference=None) -> str:
    parts = []
    for field, pair in changes.items():
        old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        parts.append(
            f"{t(f'field.{field}', lang)}: {describe_value(field, old, lang, reference)} → "
            f"{describe_value(field, new, lang, reference)}"
        )
    return "; ".join(parts)


def events_csv(rows: list[dict], lang: str = "vi", reference=None) -> bytes:
    """UTF-8 with BOM so Excel shows Vietnamese correctly; one row per event."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [t(f"audit.col.{c}", lang) for c in ("occurred_at", "actor", "action", "subject", "changes", "reason")]
    )
    for row in rows:
        changes = row["changes"] if isinstance(row["changes"], dict) else json.loads(row["changes"] or "{}")
        writer.writerow(
            [
                row["occurred_at"].strftime("%d/%m/%Y %H:%M:%S"),
                neutralise(row["actor"]),
                t(f"event.{row['action']}", lang),
                neutralise(row["subject"] or ""),
                neutralise(describe_changes(changes, lang, reference)),
                neutralise(row["reason"] or ""),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
