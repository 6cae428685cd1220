"""Item lists as people read them: localized labels, dd/mm/yyyy dates, unit names, days left or
overdue, the filtered unit's role, and the status coloured (issue 11)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from tracker.sessions import SessionRef
from ui import context as ctx
from ui import plain_text as pt
from ui.cell_colours import coloured

# Status and deadline first: what a reader scans for; the long summary after them.
COLUMNS = (
    "id",
    "session",
    "kind",
    "status",
    "days",
    "due_on",
    "internal_due",
    "internal_days",
    "stage",
    "lead_unit",
    "unit_role",
    "summary",
    "ref_no",
    "received_on",
    "result",
    "responded_on",
)
# Light backgrounds that keep the dark text readable; the words say the status, the colour only
# helps the eye find it (red overdue, amber due soon, green replied on time).
STATUS_COLOURS = {
    "overdue": "background-color: #fbd5d2; color: #7a1410",
    "due_soon": "background-color: #fde9b8; color: #5c4200",
    "replied_late": "background-color: #f3e3cf; color: #5a3a12",
    "replied_on_time": "background-color: #d8efdc; color: #124a1f",
    "transferred": "background-color: #e6e9ee; color: #2f3a48",
    # issue 12: an assignment the lead unit has left unaccepted too long (the stage cell says so too)
    "unaccepted": "background-color: #f9d9ea; color: #6a1240",
}
COLOURED = ("status", "days")


def days_text(days: int | None) -> str:
    """Calendar days to the deadline as a person says it ("quá hạn 12 ngày", "còn 3 ngày")."""
    if days is None or pd.isna(days):
        return ""
    if days < 0:
        return ctx.tr("list.days_overdue", days=-int(days))
    if days == 0:
        return ctx.tr("list.due_today")
    return ctx.tr("list.days_left", days=int(days))


def _shown(row: dict[str, Any]) -> str:
    return str(row.get("shown_status") or row["status"])


def _stage_text(row: dict[str, Any]) -> str:
    stage = row.get("stage")
    if not stage:
        return ""
    label = ctx.tr(f"stage.{stage}")
    return ctx.tr("list.unaccepted_mark", stage=label) if row.get("unaccepted_long") else label


def _internal_state(row: dict[str, Any]) -> str:
    """The colour of the internal deadline's days: red once passed (amber stays the legal due-soon's)."""
    days = row.get("internal_days_left")
    if days is None or pd.isna(days):
        return ""
    return "overdue" if days < 0 else ""


def items_frame(rows: list[dict], columns: tuple[str, ...] = COLUMNS) -> pd.DataFrame:
    """The list's frame, with ``columns`` (names of ``COLUMNS``) in that order, headed in the
    reader's language. Only the asked columns are built, each once as a list (issue 15)."""
    ref = ctx.tracker().reference
    lang = ctx.lang()
    unassigned = ctx.tr("item.unassigned")
    cells: dict[str, Callable[[dict[str, Any]], object]] = {
        "id": lambda r: r["id"],
        "kind": lambda r: ctx.kind_label(r["kind"]),
        "session": lambda r: SessionRef(r["term"], r["session_number"], r["extraordinary"]).code(),
        "ref_no": lambda r: r["ref_no"],
        "received_on": lambda r: ctx.fmt(r["received_on"]),
        "summary": lambda r: r["summary"],
        "lead_unit": lambda r: ref.unit_name(r["lead_unit"], lang) if r["lead_unit"] else unassigned,
        "unit_role": lambda r: ctx.tr(f"list.role.{r['unit_role']}") if r.get("unit_role") else "",
        "due_on": lambda r: ctx.fmt(r["due_on"]),
        "days": lambda r: days_text(r.get("days_left")),
        "internal_due": lambda r: ctx.fmt(r.get("internal_due")),
        "internal_days": lambda r: days_text(r.get("internal_days_left")),
        "stage": _stage_text,
        "status": lambda r: ctx.status_label(_shown(r)),
        "result": lambda r: ctx.result_label(r["result"]) if r["status"].startswith("replied") else "",
        "responded_on": lambda r: ctx.fmt(r["responded_on"]),
    }
    # The role says something only when the list is one unit's.
    shown = [c for c in columns if c != "unit_role" or any(r.get("unit_role") for r in rows)]
    data = {ctx.tr(f"col.{c}"): [cells[c](r) for r in rows] for c in shown}
    return pt.frame(pd.DataFrame(data, columns=list(data)))


def highlight(frame: pd.DataFrame, cells: dict[str, list[str]]) -> Styler:
    """``frame`` (built by ``pt.frame``) with the named columns' cells coloured: one status per
    row (a key of ``STATUS_COLOURS``; "" leaves the cell plain). Cells stay plain text."""
    return coloured(frame, {c: [STATUS_COLOURS.get(s, "") for s in cells[c]] for c in cells if c in frame.columns})


def styled_items(frame: pd.DataFrame, rows: list[dict]) -> Styler:
    """``frame`` (built by ``items_frame`` from ``rows``, columns possibly narrowed) with the
    status and days cells coloured by each row's shown status."""
    shown = [_shown(r) for r in rows]
    cells = {ctx.tr(f"col.{c}"): shown for c in COLOURED}
    cells[ctx.tr("col.internal_days")] = [_internal_state(r) for r in rows]
    cells[ctx.tr("col.stage")] = ["unaccepted" if r.get("unaccepted_long") else "" for r in rows]
    return highlight(frame, cells)


def column_config(frame: pd.DataFrame) -> dict[str, Any]:
    """Widths that keep every column readable, the long summary widest; help says how days count."""
    config: dict[str, Any] = {
        ctx.tr("col.id"): st.column_config.NumberColumn(width=60, format="%d"),
        ctx.tr("col.session"): st.column_config.TextColumn(width=70),
        ctx.tr("col.status"): st.column_config.TextColumn(width=150),
        ctx.tr("col.days"): st.column_config.TextColumn(width=120, help=ctx.tr("list.days_help")),
        ctx.tr("col.due_on"): st.column_config.TextColumn(width=95),
        ctx.tr("col.internal_due"): st.column_config.TextColumn(width=95, help=ctx.tr("list.internal_help")),
        ctx.tr("col.internal_days"): st.column_config.TextColumn(width=120, help=ctx.tr("list.internal_help")),
        ctx.tr("col.stage"): st.column_config.TextColumn(width=170),
        ctx.tr("col.unit_role"): st.column_config.TextColumn(width=90),
        ctx.tr("col.summary"): st.column_config.TextColumn(width=420, help=ctx.tr("list.summary_help")),
    }
    return {name: value for name, value in config.items() if name in frame.columns}


def table_height(rows: int, *, most: int = 20) -> int:
    """Room for up to ``most`` rows (Streamlit's rows are 35 px, its header 38 px): a page of 50
    shows 20 at once, not the 10 a default frame gives."""
    return 38 + 35 * max(1, min(rows, most)) + 2
