"""The chain section of the item page (issue 14, point 3): earlier and later occurrences across
sessions with each reply and result, the one-line summary, the items merged into this one, and
the undo of each link. ``render_chain(item_id)`` is the whole section."""

from __future__ import annotations

import streamlit as st

from tracker import clock
from tracker.errors import TrackerError
from tracker.permissions import Action
from ui import cached
from ui import context as ctx
from ui import plain_text as pt
from ui.item_panel import flash
from ui.similar_table import occurrence_row, show


def render_chain(item_id: int, key: str = "item.similar") -> None:
    tracker = ctx.tracker()
    chain, links = cached.chain(tracker, *cached.key(tracker), item_id)
    st.subheader(ctx.tr("similar.chain_heading"))
    if chain.raised_again:
        st.info(pt.md(chain.summary(ctx.lang(), clock.today())), icon=":material/repeat:")
        show([occurrence_row(o) for o in chain.occurrences], key=f"{key}.chain")
    else:
        st.caption(ctx.tr("similar.chain_none"))
    if chain.merged:
        st.caption(pt.tr_md("similar.incoming_numbers", numbers="; ".join(chain.incoming_numbers())))
    if links and ctx.allowed(Action.EDIT_ITEM):
        for link in links:
            other = link.earlier_id if link.item_id == item_id else link.item_id
            label = "similar.undo_merge" if link.kind == "merged" else "similar.undo_link"
            if st.button(ctx.tr(label, other=other), key=f"{key}.undo.{link.id}"):
                try:
                    tracker.undo_link(ctx.actor(), link.id)
                except TrackerError as error:
                    ctx.show_error(error)
                else:
                    flash(ctx.tr("similar.done_undone"))
                    st.rerun()
