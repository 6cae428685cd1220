"""Plot builders: pure functions from counts to plotly figures (tested on their data)."""

from __future__ import annotations

import plotly.graph_objects as go

from tracker.formatting import pct_text, percent_text
from tracker.i18n import t
from tracker.percent import DEFAULT_DECIMALS
from tracker.stats import Counts
from tracker.text_width import sans_width_px

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


def _category_parts(
    prefix: str, names: tuple[str, ...], colors: dict[str, str], counts: Counts, whole: int, lang: str, decimals: int
) -> tuple[list[str], list[int], list[str], list[str]]:
    """Labels (from the catalog, ``prefix.name``), counts, colours and bar texts of ``names``."""
    values = [getattr(counts, n) for n in names]
    return (
        [t(f"{prefix}.{n}", lang) for n in names],
        values,
        [colors[n] for n in names],
        [pct_text(v, whole, lang, decimals) for v in values],
    )


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
    labels, values, bar_colors, _ = _category_parts(prefix, names, colors, counts, whole, lang, decimals)
    return _bars(labels, values, bar_colors, whole, lang, height=height, decimals=decimals)


def buckets_figure(counts: Counts, lang: str = "vi", decimals: int = DEFAULT_DECIMALS) -> go.Figure:
    """The four performance buckets, each bar labelled with its count and share of the total."""
    fig = _category_bars("status", BUCKETS, BUCKET_COLORS, counts, counts.total, lang, 260, decimals)
    fig.update_xaxes(title=t("chart.items", lang))
    return fig


def results_figure(counts: Counts, lang: str = "vi", decimals: int = DEFAULT_DECIMALS) -> go.Figure:
    """How replies split across the three legal result categories."""
    return _category_bars("result", RESULTS, RESULT_COLORS, counts, counts.replied, lang, 200, decimals)


def progress_figure(counts: Counts, lang: str = "vi", decimals: int = DEFAULT_DECIMALS) -> go.Figure:
    """Both pictures of a session as ONE trace on one axis (issue 15, the browser target): the four
    buckets, then the result categories of the replies, on a two-level axis whose outer level
    names each picture. Two subplots cost plotly.js two axis systems and their titles, and
    make_subplots costs the server more than the rest of the chart. Each bar keeps its own
    share: buckets of the total, results of the replies."""
    b_labels, b_values, b_colors, b_texts = _category_parts(
        "status", BUCKETS, BUCKET_COLORS, counts, counts.total, lang, decimals
    )
    r_labels, r_values, r_colors, r_texts = _category_parts(
        "result", RESULTS, RESULT_COLORS, counts, counts.replied, lang, decimals
    )
    outer = [t("progress.buckets", lang), t("progress.results", lang)]
    groups = [outer[0]] * len(BUCKETS) + [outer[1]] * len(RESULTS)
    values = b_values + r_values
    return go.Figure(
        go.Bar(
            x=values,
            y=[groups, b_labels + r_labels],
            orientation="h",
            marker_color=b_colors + r_colors,
            text=b_texts + r_texts,
            textposition="auto",
            hovertemplate="%{y}: %{x}<extra></extra>",
        ),
        layout={
            "height": 300,
            "margin": {"l": _label_margin(b_labels + r_labels, outer), "r": 10, "t": 10, "b": AXIS_MARGIN_PX},
            "yaxis": {"autorange": "reversed"},
            "xaxis": _count_axis(values),
            "showlegend": False,
        },
    )


# The margins the chart's labels need, given up front (issue 15, point 4): Streamlit's theme turns
# plotly's automargin on, and a margin too small for the labels makes plotly lay the whole chart
# out a second time with a wider one (Plots.doAutoMargin): 41-45 ms to draw it against 17-25 ms
# with margins already wide enough, measured in Chromium. Measured in the app (vi, en): the labels
# need the widest label of each level plus 28.5 px (the ticks, plotly's pad, the gap between the
# levels), and the count axis 35 px below. Automargin stays on, so a margin short by a pixel still
# shows every label, only a little later.
TICK_FONT_PX = 12  # Streamlit's theme sets plotly's labels in Source Sans, 12 px
LEVELS_GAP_PX = 32  # the 28.5 px measured, and 3.5 to spare
AXIS_MARGIN_PX = 40


def _label_margin(inner: list[str], outer: list[str]) -> int:
    """The left margin, in pixels, that holds both levels of a two-level category axis."""

    def widest(labels: list[str]) -> float:
        return max((sans_width_px(label, TICK_FONT_PX) for label in labels), default=0.0)

    return round(widest(inner) + widest(outer) + LEVELS_GAP_PX)
