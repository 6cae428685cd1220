"""The audit trail as people read it and as a CSV file an administrator exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

from tracker.formatting import ReferenceNames, describe_changes, describe_value, format_timestamp
from tracker.formula_guard import neutralise
from tracker.i18n import t

__all__ = ["describe_changes", "describe_value", "events_csv"]  # the first two: tracker/formatting.py


def events_csv(rows: list[Mapping[str, Any]], lang: str = "vi", reference: ReferenceNames | None = None) -> bytes:
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
                format_timestamp(row["occurred_at"]),
                neutralise(row["actor"]),
                t(f"event.{row['action']}", lang),
                neutralise(row["subject"] or ""),
                neutralise(describe_changes(changes, lang, reference)),
                neutralise(row["reason"] or ""),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
