"""Reading the progress page's chart (ui/progress_bars.py) as AppTest received it: the HTML body of
its ``st.html``, back to titles, labels and printed texts."""

from __future__ import annotations

import re
from html import unescape

from ui.progress_bars import CHART_CLASS

_PIECE = re.compile(r'class="progress-bars-(title|label|text)"[^>]*>([^<]*)<')


def chart_html(at) -> str:
    """The body of the page's one chart; fails when the page holds none, or more than one."""
    (body,) = [h.value for h in at.get("html") if f'class="{CHART_CLASS}"' in h.value]
    return body


def chart_groups(at) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each picture's title and its bars' (label, text), in the order drawn."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    label = ""
    for kind, text in _PIECE.findall(chart_html(at)):
        text = unescape(text)
        if kind == "title":
            groups.append((text, []))
        elif kind == "label":
            label = text
        else:
            groups[-1][1].append((label, text))
    return groups


def chart_counts(at) -> list[int]:
    """Every bar's count, buckets then results (each text starts with its count)."""
    return [int(text.split()[0]) for _, bars in chart_groups(at) for _, text in bars]
