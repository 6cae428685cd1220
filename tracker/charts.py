"""Plot builders: pure functions from counts to plotly figures (tested on their data)."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from tracker.formatting import pct_text, percent_text
from tracker.i18n import t
from tracker.percent import DEFAULT_DECIMALS
from tracker.stats import Counts

# pct_text and percent_text live in tracker/formatting.py; pages, reports and tests import them here too.
__all__ = [
    "BUCKETS",
    "BUCKET_COLORS",
    "RESULTS",
    "RESULT_COLORS",
    "buckets_figure",
    "pct_text",
    "percent_text",
    "progress_figure",
    "results_figure",
]

BUCKETS = ("replied_on_time", "replied_late", "open_not_due", "overdue")
RESULTS = ("resolved", "being_resolved", "explained")
# Colour-blind-safe (Okabe-Ito): green on time, orange late, blue not yet due, vermilion overdue.
BUCKET_COLORS = {
    "replied_on_time": "#009E73",
    "replied_late": "#E69F00",
    "open_not_due": "#56B4E9",
    "overdue": "#D55E00",
}
RESULT_COLORS = {"resolved": "#009E73", "being_resolved": "#0072B2", "explained": "#999999"}


def _bars(
    labels: list[str],
    values: list[int],
    colors: list[str],
    whole: int,
    lang: str,
    height: int,
    decimals: int = DEFAULT_DECIMALS,
) -> go.Figure:
    """Horizontal bars, first on top, each labelled with its count and its share of ``whole``."""
    fig = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            marker_color=colors,
            text=[pct_text(v, whole, lang, decimals) for v in values],
            textposition="auto",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        yaxis={"autorange": "reversed"},
        xaxis=_count_axis(values),
        showlegend=False,
    )
    return fig


def _count_axis(values: list[int]) -> dict[str, str | int]:
    """An axis of whole items: with small counts plotly would tick at 0.5 and, formatted as
    integers, print "0 1 1 2 2"; one tick per item then."""
    axis: dict[str, str | int] = {"rangemode": "tozero", "tickformat": "d"}
    if max(values, default=0) <= 8:
        axis["dtick"] = 1
    return axis


def _category_bars(
    prefix: str,
    names: tuple[str, ...],
    colors: dict[str, str],
    counts: Counts,
    whole: int,
    lang: str,
    height: int,
    decimals: int,
) -> go.Figure:
    """One bar per field of ``counts`` named in ``names``, labelled from the catalog (``prefix.name``)."""
    return _bars(
        [t(f"{prefix}.{n}", lang) for n in names],
        [getattr(counts, n) for n in names],
        [colors[n] for n in names],
        whole,
        lang,
        height=height,
        decimals=decimals,
    )


def buckets_figure(counts: Counts, lang: str = "vi", decimals: int = DEFAULT_DECIMALS) -> go.Figure:
    """The four performance buckets, each bar labelled with its count and share of the total."""
    fig = _category_bars("status", BUCKETS, BUCKET_COLORS, counts, counts.total, lang, 260, decimals)
    fig.update_xaxes(title=t("chart.items", lang))
    return fig


def results_figure(counts: Counts, lang: str = "vi", decimals: int = DEFAULT_DECIMALS) -> go.Figure:
    """How replies split across the three legal result categories."""
    return _category_bars("result", RESULTS, RESULT_COLORS, counts, counts.replied, lang, 200, decimals)


def progress_figure(counts: Counts, lang: str = "vi", decimals: int = DEFAULT_DECIMALS) -> go.Figure:
    """Both pictures of a session in one figure (one chart for the browser to draw, not two):
    the four buckets on the left, the result categories of the replies on the right."""
    buckets, results = buckets_figure(counts, lang, decimals).data[0], results_figure(counts, lang, decimals).data[0]
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.55, 0.45],
        horizontal_spacing=0.22,
        subplot_titles=(t("progress.buckets", lang), t("progress.results", lang)),
    )
    fig.add_trace(buckets, row=1, col=1)
    fig.add_trace(results, row=1, col=2)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(_count_axis(list(buckets.x)), row=1, col=1)
    fig.update_xaxes(_count_axis(list(results.x)), row=1, col=2)
    fig.update_layout(height=280, margin={"l": 10, "r": 10, "t": 40, "b": 10}, showlegend=False)
    return fig
