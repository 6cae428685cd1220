"""The register: find items by session, kind, unit, status, topic, due window and free text."""

from __future__ import annotations

import streamlit as st

from ui import context as ctx
from ui.filters import filter_bar, paged_table
from ui.item_panel import render_item, show_flash

st.title(ctx.tr("register.title"))
show_flash()
filters, as_of = filter_bar("register")
selected = paged_table("register", filters, as_of, order="received")

# ?item=123 opens an item directly (links from other pages and from e-mails).
linked = st.query_params.get("item")
item_id = selected or (int(linked) if linked and linked.isdigit() else None)
if item_id is None:
    st.caption(ctx.tr("register.select_hint"))
else:
    st.divider()
    render_item(item_id, "register.item")
