"""Item lists as people read them: localized labels, dd/mm/yyyy dates, unit names."""

from __future__ import annotations

import pandas as pd

from tracker.sessions import SessionRef
from ui import context as ctx
from ui import plain_text as pt

# Status and deadline first: what a reader scans for; the long summary after them.
COLUMNS = (
    "id",
    "session",
    "kind",
    "status",
    "due_on",
    "lead_unit",
    "summary",
    "ref_no",
    "received_on",
    "result",
    "responded_on",
)


def items_frame(rows: list[dict]) -> pd.DataFrame:
    ref = ctx.tracker().reference
    lang = ctx.lang()
    out = pd.DataFrame(
        {
            "id": [r["id"] for r in rows],
            "kind": [ctx.kind_label(r["kind"]) for r in rows],
            "session": [SessionRef(r["term"], r["session_number"], r["extraordinary"]).code() for r in rows],
            "ref_no": [r["ref_no"] for r in rows],
            "received_on": [ctx.fmt(r["received_on"]) for r in rows],
            "summary": [r["summary"] for r in rows],
            "lead_unit": [
                ref.unit_name(r["lead_unit"], lang) if r["lead_unit"] else ctx.tr("item.unassigned") for r in rows
            ],
            "due_on": [ctx.fmt(r["due_on"]) for r in rows],
            "status": [ctx.status_label(r["status"]) for r in rows],
            "result": [ctx.result_label(r["result"]) if r["status"].startswith("replied") else "" for r in rows],
            "responded_on": [ctx.fmt(r["responded_on"]) for r in rows],
        },
        columns=list(COLUMNS),
    )
    return pt.frame(out.rename(columns={c: ctx.tr(f"col.{c}") for c in COLUMNS}))
