"""A unit's queue: overdue first, then due soon (within N working days), then the rest; the unit's role on each."""

from __future__ import annotations

import streamlit as st

from tracker.permissions import Role
from ui import chase_actions
from ui import context as ctx
from ui.filters import filter_bar, paged_table
from ui.item_panel import show_flash
from ui.landing import open_item

tracker = ctx.tracker()
ref = tracker.reference
st.title(ctx.tr("queue.title"))
show_flash()
actor = ctx.actor()
units = [u.code for u in ref.units if u.active_to is None]
if actor.role == Role.UNIT_OFFICER and actor.unit:
    unit = actor.unit
else:
    unit = st.selectbox(
        ctx.tr("filter.unit"),
        units,
        format_func=ctx.labels(units, lambda code: ref.unit_name(code, ctx.lang())),
        key="queue.unit_pick",
        placeholder=ctx.tr("widget.choose"),
    )
st.caption(ctx.tr("queue.explain", days=ref.due_soon_days))
filters, as_of = filter_bar("queue", unit_fixed=unit)
selected = paged_table("queue", filters, as_of, unit_fixed=True)
if selected is not None:  # a row opens the item's own page
    open_item(selected, forget=("queue.table",))
chase_actions.render(tracker, actor, unit)  # issue 13: the Office's letter to this unit and "send reminders now"
