"""The progress page's chart as bars in plain HTML (issue 15, point 4): no chart library to start,
so the bars are drawn as soon as they reach the page.

Why not plotly here: after a sidebar click plotly's first draw kept this chart at 1.5-1.6x the
one-bar plotly floor; the same bars in HTML took 1.1x in the same run (docs/PERFORMANCE.md, "The
browser, eleventh round"). Each bar prints its count and share, so hover had nothing to add.

Every text is escaped here (``html.escape``), whatever its source: today the labels come from the
catalog and the texts from numbers, but the chart must never become a way to put markup on a page.
The bars themselves are decoration (``aria-hidden``); a screen reader reads each label and its text.
"""

from __future__ import annotations

from html import escape

import streamlit as st

from tracker.charts import Bar, BarGroup

CHART_KEY = "progress.chart"
CHART_CLASS = "progress-bars"  # what tests and the browser probe look for
# The longest bar takes this share of its track, so its text always fits beside it.
LONGEST_BAR_PCT = 82.0

_CHART = (
    f'<div class="{CHART_CLASS}" role="group" aria-label="{{label}}" style="display:grid;'
    "grid-template-columns:max-content 1fr;column-gap:0.75rem;row-gap:0.3rem;align-items:center;"
    'font-size:0.875rem;line-height:1.25">{rows}</div>'
)
_TITLE = '<div class="progress-bars-title" style="grid-column:1/-1;font-weight:600;margin-top:0.4rem">{}</div>'
_LABEL = '<div class="progress-bars-label" style="text-align:right;white-space:nowrap">{}</div>'
_TRACK = (
    '<div style="display:flex;align-items:center;gap:0.4rem;min-width:0">'
    '<span aria-hidden="true" style="display:inline-block;height:1.25rem;width:{width};min-width:{minimum};'
    'background:{colour};border-radius:2px"></span>'
    '<span class="progress-bars-text" style="white-space:nowrap">{text}</span></div>'
)


def _bar(bar: Bar) -> str:
    track = _TRACK.format(
        width=f"{bar.length * LONGEST_BAR_PCT:.2f}%",
        minimum="2px" if bar.value else "0",  # a count of 1 among thousands still shows a sliver
        colour=escape(bar.colour),
        text=escape(bar.text),
    )
    return _LABEL.format(escape(bar.label)) + track


def markup(groups: tuple[BarGroup, ...], label: str) -> str:
    """The chart's HTML: each picture's title, then a row per bar (label, bar, its text)."""
    rows = "".join(_TITLE.format(escape(g.title)) + "".join(_bar(b) for b in g.bars) for g in groups)
    return _CHART.format(label=escape(label), rows=rows)


def render(groups: tuple[BarGroup, ...], label: str) -> None:
    """The chart, in a container keyed ``progress.chart`` (class ``st-key-progress-chart``)."""
    with st.container(key=CHART_KEY):
        st.html(markup(groups, label))
