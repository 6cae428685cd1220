"""One item on its own page (/item?id=397): the header, the action row, details, history.

The address is the item's link: shared, bookmarked, reloaded or opened signed out (sign-in lands
back here). The lists open it from a row; the New item page links to it.
"""

from __future__ import annotations

import streamlit as st

from tracker import clock
from tracker.errors import NotFound
from ui import cached
from ui import context as ctx
from ui import plain_text as pt
from ui.deep_links import ITEM_PARAM, item_id_of
from ui.item_actions import load, render_actions
from ui.item_details import render_details, render_history
from ui.item_files import render_files
from ui.item_header import render_header
from ui.item_panel import show_flash
from ui.similar_chain import render_chain
from ui.similar_reply_bank import render_reply_bank

item_id = item_id_of(st.query_params.get(ITEM_PARAM))
item = None
if item_id is not None:
    try:
        item = cached.item(ctx.tracker(), *cached.key(ctx.tracker()), item_id)
    except NotFound:
        item = None
if item is None:
    st.title(ctx.tr("item.not_found_title"))
    st.info(pt.tr_md("item.not_found", value=str(item_id or "—")), icon=":material/search_off:")
    st.page_link("app_pages/register.py", label=ctx.tr("item.back_to_register"), icon=":material/table_view:")
    st.stop()

show_flash()
load()  # the action modules also fill the header's slots (the workflow's stage and internal deadline)
render_header(item, clock.today())
# Every widget key carries the item id: a keyed widget keeps its value across reruns, so a shared
# key would carry one item's reply into the next item's form.
render_actions(item, f"item.{item.id}")
st.divider()
render_details(item)
# Issue 12: the incoming letter, drafts, parts, the signed reply. Its keys do not start with
# "item.{id}.", which marks the action row's forms.
render_files(item, key=f"item_files.{item.id}")
# Issue 14: the item's earlier and later occurrences across sessions (the matcher's suggestions
# are the "raised before" / "merge" actions above), and earlier replies to start from.
render_chain(item.id, key=f"item.{item.id}.similar")
render_reply_bank(item.id, key=f"item.{item.id}.reply_bank", item=item)
st.subheader(ctx.tr("item.tab_history"), anchor=False)
render_history(item)
