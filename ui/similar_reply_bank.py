"""The reply bank (issue 14, point 4): search earlier replies by content (diacritics and case
ignored) and start this item's reply from one; the saved reply records which one it reused.
``render_reply_bank(item_id)`` is the whole section (shown to whoever may reply to the item)."""

from __future__ import annotations

import streamlit as st

from tracker import lifecycle
from tracker.errors import TrackerError
from tracker.items import Item, Reply, Result
from ui import context as ctx
from ui import plain_text as pt
from ui.item_panel import flash


def render_reply_bank(item_id: int, key: str = "item.reply_bank", *, item: Item | None = None) -> None:
    """``item``: the item as the page just read it (saves reading it again, issue 15)."""
    tracker = ctx.tracker()
    actor = ctx.actor()
    item = item if item is not None and item.id == item_id else tracker.get_item(item_id)
    facts = lifecycle.facts_of_item(item)
    if lifecycle.decide(actor, lifecycle.reply_verb(facts), facts) is not None:
        return
    st.subheader(ctx.tr("similar.bank_heading"))
    query = st.text_input(ctx.tr("similar.bank_search"), key=f"{key}.q", placeholder=ctx.tr("similar.bank_placeholder"))
    if not query.strip():
        return
    found = [b for b in tracker.search_replies(query) if b.item_id != item_id]
    if not found:
        st.caption(ctx.tr("similar.bank_none"))
        return
    ids = [b.item_id for b in found]
    by_id = {b.item_id: b for b in found}
    chosen = st.radio(
        ctx.tr("similar.bank_pick"),
        ids,
        format_func=ctx.labels(
            ids,
            lambda i: ctx.tr("similar.bank_option", number=by_id[i].response_no, date=ctx.fmt(by_id[i].responded_on)),
        ),
        key=f"{key}.pick",
    )
    base = by_id[chosen]
    pt.field(ctx.tr("field.summary"), base.summary)
    pt.field(ctx.tr("similar.col_reply"), base.response_summary)
    with st.form(f"{key}.form"):
        st.markdown(f"**{ctx.tr('similar.bank_start')}**")
        c1, c2 = st.columns(2)
        number = c1.text_input(ctx.tr("field.response_no"), key=f"{key}.number")
        responded = c2.date_input(ctx.tr("field.responded_on"), value=None, format=ctx.DATE_FORMAT, key=f"{key}.on")
        signer = st.text_input(ctx.tr("field.signer"), value=base.signer, key=f"{key}.signer")
        text = st.text_area(ctx.tr("field.response_summary"), value=base.response_summary, key=f"{key}.text")
        results = [r.value for r in Result]
        result = st.selectbox(
            ctx.tr("field.result"),
            results,
            index=results.index(base.result) if base.result in results else None,
            format_func=ctx.labels(results, ctx.result_label),
            key=f"{key}.result",
            placeholder=ctx.tr("widget.choose"),
        )
        roadmap = st.text_input(ctx.tr("field.roadmap"), value=base.roadmap or "", key=f"{key}.roadmap")
        committed = st.date_input(
            ctx.tr("field.committed_on"), value=None, format=ctx.DATE_FORMAT, key=f"{key}.committed"
        )
        if st.form_submit_button(ctx.tr("action.save_reply"), type="primary"):
            reply = Reply(
                response_no=number,
                responded_on=responded,  # None is refused by the service (error.date_required)
                signer=signer,
                summary=text,
                result=Result(result) if result else None,
                roadmap=roadmap,
                committed_on=committed,
            )
            try:
                tracker.record_reply(actor, item_id, item.version, reply, reused_from=chosen)
            except TrackerError as error:
                ctx.show_error(error)
            else:
                flash(ctx.tr("similar.bank_saved", other=chosen))
                st.rerun()
