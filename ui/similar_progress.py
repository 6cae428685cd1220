"""The progress page's line on recommendations raised again (issue 14, point 3): of the session's
recommendations, how many repeat an earlier session's, how many of those were last answered
"explained", and how many carry a roadmap whose promised date has passed."""

from __future__ import annotations

from datetime import date

import streamlit as st

from ui import cached
from ui import context as ctx
from ui import plain_text as pt


def render_raised_again(session_id: int, today: date) -> None:
    tracker = ctx.tracker()
    counts = cached.raised_again(tracker, *cached.key(tracker), session_id, today)
    if not counts.raised_again:  # nothing linked yet: no line
        return
    lines = [
        f"{ctx.tr('similar.count_raised_again')}: {counts.raised_again}",
        f"{ctx.tr('similar.count_last_explained')}: {counts.last_explained}",
        f"{ctx.tr('similar.count_commitment_passed')}: {counts.commitment_passed}",
    ]
    st.info(pt.md("\n\n".join(lines)), icon=":material/repeat:")  # the one escaping rule (catalog text, counts)
