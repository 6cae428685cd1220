"""Suggestions per row of an import preview (issue 14, point 1): for each new row, the most
similar earlier item, computed here from the preview's rows (the import's internals are not
touched). ``render(preview, key)`` is the page's hook."""

from __future__ import annotations

import streamlit as st

from tracker.importing.model import Fate, Preview
from ui import context as ctx
from ui.similar_table import occurrence_row, show


def render(preview: Preview, key: str) -> None:
    rows = [r for r in preview.rows if r.fate == Fate.NEW and r.item is not None]
    if not rows:
        return
    cache_key = f"{key}.found"
    generation = ctx.tracker().db.generation
    kept = st.session_state.get(cache_key)
    # Kept for this preview (the page keeps one per file and options) and this state of the register.
    if kept is not None and kept[0] is preview and kept[1] == generation:
        found = kept[2]
    else:
        texts = [r.item.summary for r in rows if r.item is not None]
        found = ctx.tracker().similar_for_texts(texts, limit=1)
        st.session_state[cache_key] = (preview, generation, found)
    table = [
        {ctx.tr("similar.col_row"): row.row, ctx.tr("similar.col_new"): row.item.summary}
        | occurrence_row(best[0].occurrence, best[0].score)
        for row, best in zip(rows, found, strict=True)
        if best and row.item is not None
    ]
    if not table:
        return
    with st.expander(ctx.tr("similar.import_heading", count=len(table)), icon=":material/history:"):
        st.caption(ctx.tr("similar.import_help"))
        show(table, key=f"{key}.table")
