"""The register: find items by session, kind, unit, status, stage, topic, due window and free text;
tick many to assign, set the internal deadline or accept them at once."""

from __future__ import annotations

import streamlit as st

from tracker.permissions import Action
from tracker.sessions import SessionRef
from ui import bulk_actions, cached
from ui import context as ctx
from ui import plain_text as pt
from ui.deep_links import ALIAS_PARAM, item_id_of
from ui.filters import filter_bar, paged_table
from ui.item_panel import show_flash
from ui.landing import open_item

# ?item=123 (the link handed out before the item page) goes straight to the item: drawing the list
# first was a whole register run for nothing (issue 15).
alias = item_id_of(st.query_params.get(ALIAS_PARAM))
if alias is not None:
    open_item(alias, forget=("register.table", "register.archived_table"))

st.title(ctx.tr("register.title"))
show_flash()
filters, as_of = filter_bar("register")
# Bulk steps for whoever may take one (the Office assigns and sets internal deadlines; a unit accepts).
bulk = bulk_actions.bar if bulk_actions.offered(ctx.actor()) else None
selected = paged_table("register", filters, as_of, bulk=bulk)

# Archived items are out of the register but never gone: whoever may archive can reopen one.
if ctx.allowed(Action.ARCHIVE):
    archived = cached.archived_items(ctx.tracker(), *cached.key(ctx.tracker()), ctx.actor())
    with st.expander(ctx.tr("register.archived", count=len(archived))):
        if archived:
            picked = st.dataframe(
                pt.frame(
                    {
                        ctx.tr("col.id"): [r["id"] for r in archived],
                        ctx.tr("col.session"): [
                            SessionRef(r["term"], r["session_number"], r["extraordinary"]).code() for r in archived
                        ],
                        ctx.tr("col.ref_no"): [r["ref_no"] for r in archived],
                        ctx.tr("col.summary"): [r["summary"] for r in archived],
                        ctx.tr("register.archived_on"): [ctx.fmt(r["archived_at"]) for r in archived],
                    }
                ),
                hide_index=True,
                on_select="rerun",
                selection_mode="single-row",
                key="register.archived_table",
            )
            if picked and picked.selection.rows:
                selected = int(archived[picked.selection.rows[0]]["id"])
        else:
            st.caption(ctx.tr("progress.nothing"))

# A row opens the item's own page.
item_id = selected
if item_id is None:
    st.caption(ctx.tr("register.select_hint"))
else:
    open_item(item_id, forget=("register.table", "register.archived_table"))
