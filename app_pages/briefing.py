"""The monthly briefing: the Ministry Office's sentences for the work-review meeting, written from
the register for the chosen month, in the user's language with the other one beside it."""

from __future__ import annotations

import streamlit as st

from tracker.briefing import first_received, month_briefing, month_label, months_with_items
from ui import context as ctx
from ui import plain_text as pt

P = "briefing"
tracker = ctx.tracker()
lang = ctx.lang()
ctx.actor()
st.title(ctx.tr("briefing.title"))
st.caption(ctx.tr("briefing.intro"))

if first_received(tracker) is None:
    st.info(ctx.tr("briefing.empty"), icon=":material/info:")
    st.stop()

months = months_with_items(tracker)
# The meeting reviews the month just ended: it is the default when there is one.
month = st.selectbox(
    ctx.tr("briefing.month"),
    months,
    index=1 if len(months) > 1 else 0,
    format_func=ctx.labels(months, lambda ym: month_label(ym[0], ym[1], lang)),
    key=f"{P}.month",
    placeholder=ctx.tr("widget.choose"),
)
briefing = month_briefing(tracker, *month)
for sentence in briefing.sentences(lang):
    pt.text(sentence)
other = "en" if lang == "vi" else "vi"
with st.expander(ctx.tr("briefing.other_language")):
    for sentence in briefing.sentences(other):
        pt.text(sentence)
