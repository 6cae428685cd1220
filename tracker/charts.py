"""The progress chart's bars: pure functions from counts to what a reader sees (tested on it)."""

from __future__ import annotations

from dataclasses import dataclass

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
    "Bar",
    "BarGroup",
    "pct_text",
    "percent_text",
    "progress_bars",
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


@dataclass(frozen=True)
class Bar:
    """One bar as a reader sees it: its label, its count, its colour, its printed text ("100 (77,5 %)",
    the count and its share of its own picture's whole) and its length, a share of the chart's longest bar."""

    label: str
    value: int
    colour: str
    text: str
    length: float


@dataclass(frozen=True)
class BarGroup:
    """One picture of the chart: its title and its bars, first on top."""

    title: str
    bars: tuple[Bar, ...]


def progress_bars(counts: Counts, lang: str = "vi", decimals: int = DEFAULT_DECIMALS) -> tuple[BarGroup, BarGroup]:
    """The progress page's chart: the four buckets (shares of the total), then the result categories
    of the replies (shares of the replies), on one scale, so a longer bar is always more items.

    Drawn as plain HTML bars (ui/progress_bars.py), not plotly (issue 15, point 4): plotly's first
    draw kept the chart at 1.5-1.6x the one-bar plotly floor after a sidebar click, HTML bars at 1.1x
    in the same run (docs/PERFORMANCE.md, "The browser, eleventh round"). Every count and share is
    printed on its bar, so plotly's hover added nothing a reader needed."""
    buckets = _category_parts("status", BUCKETS, BUCKET_COLORS, counts, counts.total, lang, decimals)
    results = _category_parts("result", RESULTS, RESULT_COLORS, counts, counts.replied, lang, decimals)
    longest = max(buckets[1] + results[1], default=0)

    def group(title: str, parts: tuple[list[str], list[int], list[str], list[str]]) -> BarGroup:
        return BarGroup(
            t(title, lang),
            tuple(
                Bar(label, value, colour, text, value / longest if longest else 0.0)
                for label, value, colour, text in zip(*parts, strict=True)
            ),
        )

    return group("progress.buckets", buckets), group("progress.results", results)
