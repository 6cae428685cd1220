"""Suggestions per row of an import preview (issue 14, point 1): for each new row, the most
similar earlier item, computed here from the preview's rows (the import's internals are not
touched). ``render(preview, key)`` is the page's hook."""

from __future__ import annotations

import streamlit as st

from tracker.importing.model import Fate, Preview
from ui import context as ctx
from ui.similar_table import occurrence_row, show


def render(preview: Preview, key: str) -> None:
    # The new rows' numbers and summaries, read from the preview's columns (no object per row).
    positions = preview.rows.positions(Fate.NEW)
    if not positions:
        return
    numbers = [preview.rows.numbers[p] for p in positions]
    summaries: list[str] = preview.rows.item_fields(positions)["summary"]
    cache_key = f"{key}.found"
    generation = ctx.tracker().db.generation
    kept = st.session_state.get(cache_key)
    # Kept for this preview (the page keeps one per file and options) and this state of the register.
    if kept is not None and kept[0] is preview and kept[1] == generation:
        found = kept[2]
    else:
        found = ctx.tracker().similar_for_texts(summaries, limit=1)
        st.session_state[cache_key] = (preview, generation, found)
    table = [
        {ctx.tr("similar.col_row"): number, ctx.tr("similar.col_new"): summary}
        | occurrence_row(best[0].occurrence, best[0].score)
        for number, summary, best in zip(numbers, summaries, found, strict=True)
        if best
    ]
    if not table:
        return
    with st.expander(ctx.tr("similar.import_heading", count=len(table)), icon=":material/history:"):
        st.caption(ctx.tr("similar.import_help"))
        show(table, key=f"{key}.table")
