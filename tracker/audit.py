"""The audit trail as people read it and as a CSV file an administrator exports."""

from __future__ import annotations

import csv
import io
import json

from tracker.i18n import t

# Spreadsheet programs run a cell that starts with these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers pass."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def describe_changes(changes: dict, lang: str) -> str:
    parts = []
    for field, pair in changes.items():
        old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        parts.append(f"{t(f'field.{field}', lang)}: {old if old not in (None, '') else '—'} → {new if new not in (None, '') else '—'}")
    return "; ".join(parts)


def events_csv(rows: list[dict], lang: str = "vi") -> bytes:
    """UTF-8 with BOM so Excel shows Vietnamese correctly; one row per event."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([t(f"audit.col.{c}", lang) for c in ("occurred_at", "actor", "action", "subject", "changes", "reason")])
    for row in rows:
        changes = row["changes"] if isinstance(row["changes"], dict) else json.loads(row["changes"] or "{}")
        writer.writerow(
            [
                row["occurred_at"].strftime("%d/%m/%Y %H:%M:%S"),
                neutralise(row["actor"]),
                t(f"event.{row['action']}", lang),
                neutralise(row["subject"] or ""),
                neutralise(describe_changes(changes, lang)),
                neutralise(row["reason"] or ""),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
