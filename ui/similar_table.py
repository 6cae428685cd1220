"""How earlier occurrences are shown (issue 14): one table shape for intake suggestions, the
import preview and the chain, all cells plain text (ui/plain_text.py)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from tracker.usecases.similar_suggest import Occurrence
from ui import context as ctx
from ui import plain_text as pt


def occurrence_row(o: Occurrence, score: int | None = None) -> dict[str, object]:
    ref = ctx.tracker().reference
    row: dict[str, object] = {}
    if score is not None:
        row[ctx.tr("similar.col_score")] = score
    row |= {
        ctx.tr("similar.col_session"): o.session,
        ctx.tr("field.ref_no"): o.ref_no or "—",
        ctx.tr("field.received_on"): ctx.fmt(o.received_on),
        ctx.tr("field.summary"): o.summary,
        ctx.tr("field.lead_unit"): ref.unit_name(o.lead_unit, ctx.lang()) if o.lead_unit else "—",
        ctx.tr("field.response_no"): o.response_no or "—",
        ctx.tr("field.result"): ctx.result_label(o.result) or "—",
        ctx.tr("similar.col_reply"): o.response_summary or "—",
    }
    return row


def show(rows: Sequence[dict[str, object]], key: str) -> None:
    if not rows:
        return
    frame = pd.DataFrame(list(rows))
    wide = {ctx.tr("field.summary"): st.column_config.TextColumn(width="large")}
    st.dataframe(pt.frame(frame), hide_index=True, key=key, column_config=wide)
