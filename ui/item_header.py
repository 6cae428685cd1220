"""The item page's header, read in two seconds: kind and number, status in colour, session and
phase, the deadlines with days left or overdue, the lead and coordinating units.

Slots for what other parts add (the workflow's internal deadline and stage): ``add_deadline`` and
``add_fact`` take a function of the item returning ``(label catalog key, date)`` /
``(label catalog key, text)`` or None; each shows beside the legal deadline / the units.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from tracker.items import Item
from tracker.status import Status, derive_status
from ui import context as ctx
from ui import plain_text as pt

DeadlineSlot = Callable[[Item], tuple[str, date] | None]
FactSlot = Callable[[Item], tuple[str, str] | None]
DEADLINES: list[DeadlineSlot] = []
FACTS: list[FactSlot] = []

COLOURS = {
    Status.OVERDUE: "red",
    "due_soon": "orange",
    Status.OPEN_NOT_DUE: "blue",
    Status.REPLIED_ON_TIME: "green",
    Status.REPLIED_LATE: "violet",
    Status.TRANSFERRED: "gray",
}


def _same(slot: Callable[[Item], object]) -> tuple[str, str]:
    # A module reloaded (tests do) registers new function objects: one slot per module and name.
    return (slot.__module__, slot.__qualname__)


def add_deadline(slot: DeadlineSlot) -> None:
    DEADLINES[:] = [s for s in DEADLINES if _same(s) != _same(slot)] + [slot]


def add_fact(slot: FactSlot) -> None:
    FACTS[:] = [s for s in FACTS if _same(s) != _same(slot)] + [slot]


def status_now(item: Item, today: date) -> str:
    """The derived status today, with "due soon" for an open item inside the due-soon window."""
    status = derive_status(
        due_on=item.due_on,
        responded_on=item.reply.responded_on if item.reply else None,
        transferred_on=item.transferred_on,
        as_of=today,
    )
    if status == Status.OPEN_NOT_DUE and item.due_on <= ctx.tracker().due_soon_until(today):
        return "due_soon"
    return str(status)


def days_text(due_on: date, today: date, *, closed: bool) -> str:
    """ "còn N ngày" / "hạn hôm nay" / "quá hạn N ngày" for an open item; nothing once it is closed."""
    if closed:
        return ""
    left = (due_on - today).days
    if left > 0:
        return ctx.tr("item.days_left", days=left)
    if left == 0:
        return ctx.tr("item.due_today")
    return ctx.tr("item.days_overdue", days=-left)


def _units_text(codes: tuple[str, ...]) -> str:
    ref = ctx.tracker().reference
    return ", ".join(ref.unit_name(c, ctx.lang()) for c in codes) or "—"


def render_header(item: Item, today: date) -> None:
    ref = ctx.tracker().reference
    session = ref.session(item.session_id)
    status = status_now(item, today)
    closed = item.reply is not None or item.transferred_on is not None
    st.subheader(ctx.tr("item.heading", id=item.id, kind=ctx.kind_label(item.kind)), anchor=False)
    with st.container(horizontal=True, vertical_alignment="center"):
        st.badge(ctx.status_label(status), color=COLOURS.get(status, "gray"))
        # Session labels are built from numbers; the phase is a catalog label.
        st.caption(pt.md(f"{session.label(ctx.lang())} · {ctx.phase_label(item.phase)}"))
    if item.archived_at is not None:
        st.warning(ctx.tr("item.archived_banner"), icon=":material/inventory_2:")
    deadlines = [("field.due_on", item.due_on)] + [d for slot in DEADLINES if (d := slot(item)) is not None]
    lead = ref.unit_name(item.lead_unit, ctx.lang()) if item.lead_unit else ctx.tr("item.unassigned")
    facts = [("field.lead_unit", lead), ("field.coordinating_units", _units_text(item.coordinating_units))]
    facts += [f for slot in FACTS if (f := slot(item)) is not None]
    columns = st.columns(len(deadlines) + len(facts))
    for column, (label, due) in zip(columns, deadlines, strict=False):
        with column:
            pt.field(ctx.tr(label), ctx.fmt(due))
            left = days_text(due, today, closed=closed)
            if left:
                colour = "red" if due < today else "orange" if status == "due_soon" else "blue"
                st.badge(pt.md(left), color=colour, icon=":material/schedule:")
    for column, (label, value) in zip(columns[len(deadlines) :], facts, strict=True):
        with column:
            pt.field(ctx.tr(label), value)
