"""Intake suggestions (issue 14, point 1): while a recommendation is typed, the earlier items most
similar to it (any session, any kind), best first; once it is saved, the officer confirms
"raised again" (another session) or "same recommendation" (merge, same session), or dismisses
the pair for good. Nothing is applied without that click."""

from __future__ import annotations

import streamlit as st

from tracker import lifecycle
from tracker.errors import TrackerError
from tracker.items import Item
from tracker.lifecycle import Verb
from tracker.text import fold
from tracker.usecases.similar_suggest import Suggestion
from ui import context as ctx
from ui import plain_text as pt
from ui.item_panel import flash
from ui.similar_table import occurrence_row, show

MIN_CHARS = 20  # a few words: fewer match everything


def show_for_text(text: str, key: str, exclude: tuple[int, ...] = ()) -> None:
    """The entry form's hook: suggestions for the summary being typed (read-only)."""
    if len(fold(text)) < MIN_CHARS:
        return
    (found,) = ctx.tracker().similar_for_texts([text], exclude=exclude)
    if not found:
        return
    with st.expander(ctx.tr("similar.intake_heading", count=len(found)), expanded=True, icon=":material/history:"):
        st.caption(ctx.tr("similar.intake_help"))
        show([occurrence_row(s.occurrence, s.score) for s in found], key=f"{key}.table")


def offer_links(item_id: int, key: str) -> None:
    """For a stored item: each suggestion with its confirm and dismiss buttons."""
    tracker = ctx.tracker()
    item = tracker.get_item(item_id)
    offered = lifecycle.offers(ctx.actor(), lifecycle.facts_of_item(item))
    if Verb.LINK_SIMILAR not in offered and Verb.MERGE not in offered:
        return
    found = tracker.similar_for_item(item_id)
    if not found:
        return
    st.markdown(f"**{ctx.tr('similar.confirm_heading')}**")
    for s in found:
        confirm_buttons(item, s, key)


def confirm_buttons(item: Item, s: Suggestion, key: str) -> None:
    """One suggestion for a stored item: its line, its text, and the two decisions a person takes."""
    tracker, actor, o = ctx.tracker(), ctx.actor(), s.occurrence
    same_session = o.session_id == item.session_id
    st.caption(pt.tr_md("similar.suggestion_line", score=s.score, session=o.session, ref_no=o.ref_no or "—"))
    pt.text(o.summary)
    c1, c2 = st.columns(2)
    label = "similar.merge" if same_session else "similar.mark_raised_again"
    if c1.button(ctx.tr(label), key=f"{key}.confirm.{item.id}.{o.id}"):
        try:
            if same_session:
                tracker.merge_items(actor, o.id, item.id, o.version, item.version)
                flash(ctx.tr("similar.done_merged", id=item.id, other=o.id))
            else:
                tracker.mark_raised_again(actor, item.id, o.id, s.score)
                flash(ctx.tr("similar.done_linked", id=item.id, other=o.id))
        except TrackerError as error:
            ctx.show_error(error)
        else:
            st.rerun()
    if c2.button(ctx.tr("similar.dismiss"), key=f"{key}.dismiss.{item.id}.{o.id}"):
        try:
            tracker.dismiss_similar(actor, item.id, o.id)
        except TrackerError as error:
            ctx.show_error(error)
        else:
            flash(ctx.tr("similar.done_dismissed"))
            st.rerun()
