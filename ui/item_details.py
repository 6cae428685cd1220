"""An item's details and its history, below the header on its page."""

from __future__ import annotations

import streamlit as st

from tracker import people
from tracker.audit import describe_changes
from tracker.formatting import format_datetime
from tracker.items import Item, Result
from ui import cached
from ui import context as ctx
from ui import plain_text as pt


def render_details(item: Item) -> None:
    # Every value here was typed by someone: a catalog label over plain text (ui.plain_text).
    left, right = st.columns(2)
    with left:
        pt.field(ctx.tr("field.summary"), item.summary)
        if item.full_text:
            with st.expander(ctx.tr("field.full_text")):
                pt.text(item.full_text)
        pt.field(ctx.tr("field.ref_no"), item.ref_no)
        pt.field(ctx.tr("field.received_on"), ctx.fmt(item.received_on))
        if item.sources:
            pt.field(ctx.tr("field.sources"), "; ".join(item.sources))
        if item.deputy:
            pt.field(ctx.tr("field.deputy"), item.deputy)
        if item.topic:
            pt.field(ctx.tr("field.topic"), item.topic)
    with right:
        pt.field(ctx.tr("item.due_basis"), item.basis(ctx.lang()))  # facts read in the reader's language
        if item.due_override_reason:
            pt.field(ctx.tr("field.override_reason"), item.due_override_reason)
        if item.reply:
            r = item.reply
            pt.field(ctx.tr("item.reply"), f"{r.response_no} · {ctx.fmt(r.responded_on)} · {r.signer}")
            pt.field(ctx.tr("field.result"), ctx.result_label(r.result))
            if r.summary:
                pt.text(r.summary)
            if r.result == Result.BEING_RESOLVED:
                pt.field(ctx.tr("field.roadmap"), f"{r.roadmap} ({ctx.fmt(r.committed_on)})")
            if r.late_reason:
                pt.field(ctx.tr("field.late_reason"), r.late_reason)
        if item.transferred_on:
            pt.field(ctx.tr("status.transferred"), f"{ctx.fmt(item.transferred_on)} — {item.transfer_note}")


def render_history(item: Item) -> None:
    events = ctx.tracker().history(item.id, ctx.lang())
    if not events:
        st.caption(ctx.tr("item.no_history"))
    names = cached.display_names(ctx.tracker(), *cached.key(ctx.tracker()))  # people's names (issue 11)
    for event in events:
        who = people.person(names, event.actor)
        lines = [f"{format_datetime(event.at)} · {who} · {ctx.tr(f'event.{event.action}')}"]
        if event.changes:
            lines.append(describe_changes(event.changes, ctx.lang(), ctx.tracker().reference))
        if event.action == "file_attached" and event.reason:  # the reason is the file's purpose code
            lines.append(f"{ctx.tr('field.purpose')}: {ctx.tr(f'purpose.{event.reason}')}")
        elif event.reason:
            lines.append(f"{ctx.tr('field.reason')}: {event.reason}")
        pt.text("\n".join(lines))
