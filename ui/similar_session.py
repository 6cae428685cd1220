"""Suggestions for a session already entered (issue 14, point 5): every item of the session with
its most similar earlier items, each pair confirmed or dismissed by a person (dismissed pairs never
come back). ``render_session_suggestions(session_id)`` is the whole section, for whichever page
an administrator runs it from (the CLI twin: ``python -m tracker similar --session``)."""

from __future__ import annotations

import streamlit as st

from tracker.permissions import Action
from ui import context as ctx
from ui import plain_text as pt
from ui.similar_intake import confirm_buttons

SHOWN = 50  # items per run: a session of hundreds is worked through from the top


def render_session_suggestions(session_id: int, key: str = "similar.session") -> None:
    if not ctx.allowed(Action.EDIT_ITEM):
        return
    st.subheader(ctx.tr("similar.session_heading"))
    if not st.toggle(ctx.tr("similar.session_run"), key=f"{key}.run"):
        return
    tracker = ctx.tracker()
    found = tracker.similar_for_session(session_id)
    if not found:
        st.caption(ctx.tr("similar.session_none"))
        return
    st.caption(ctx.tr("similar.session_count", count=len(found), shown=min(SHOWN, len(found))))
    for entry in found[:SHOWN]:
        with st.expander(pt.tr_md("similar.session_item", id=entry.item.id, ref_no=entry.item.ref_no or "—")):
            pt.text(entry.item.summary)
            item = tracker.get_item(entry.item.id)
            for s in entry.matches:
                confirm_buttons(item, s, key)
