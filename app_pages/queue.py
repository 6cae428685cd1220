"""A unit's queue, by the internal deadline for the draft (issue 12; urgency first one click away),
the unit's role on each; a unit's officer accepts many at once."""

from __future__ import annotations

import streamlit as st

from tracker.permissions import Role
from ui import bulk_actions, chase_actions
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
bulk = bulk_actions.bar if bulk_actions.offered(actor) else None
selected = paged_table("queue", filters, as_of, unit_fixed=True, bulk=bulk)
if selected is not None:  # a row opens the item's own page
    open_item(selected, forget=("queue.table",))
chase_actions.render(tracker, actor, unit)  # issue 13: the Office's letter to this unit and "send reminders now"
