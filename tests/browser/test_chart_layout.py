"""The progress chart is drawn with the margins it was given (issue 15, point 4): its labels fit, so
plotly never widens a margin and lays the chart out a second time; and the widths those margins
come from are still those of the font Streamlit serves."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.browser.conftest import ADMIN_PASSWORD, create_accounts, start_server, watch
from tests.browser.font_widths import TABLE, measure
from tests.browser.test_journeys import idle, sign_in

pytestmark = pytest.mark.browser

LAYOUT = """() => {
    const chart = document.querySelector('.st-key-progress-chart .js-plotly-plot');
    const size = chart._fullLayout._size, given = chart.layout.margin;
    const labels = [...chart.querySelectorAll('.yaxislayer-above text')].map(t => t.getBBox());
    return {left: size.l, bottom: size.b, given_left: given.l, given_bottom: given.b,
            shown: labels.length, leftmost: Math.min(...labels.map(b => b.x))};
}"""


def test_the_width_table_is_the_font_streamlit_serves(browser):
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    measured = measure(browser)
    assert measured["chars"] == table["chars"]
    off = [c for c, a, b in zip(table["chars"], table["regular"], measured["regular"], strict=True) if abs(a - b) > 1]
    assert not off, f"the font changed for {''.join(off)!r}: run python -m tests.browser.font_widths"


def test_the_progress_chart_keeps_the_margins_it_was_given_in_both_languages(browser, demo_db, tmp_path):
    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db.path, db)
    create_accounts(db)
    srv = start_server(db, tmp_path / "streamlit.log")
    try:
        watched = watch(browser)
        page = watched.page
        sign_in(page, srv.url, "quantri", ADMIN_PASSWORD)
        for switch in (None, "English"):
            if switch:
                page.get_by_text(switch, exact=True).click()
                page.get_by_role("heading", name="Progress on voter recommendations and questions").wait_for()
                idle(page)
            page.wait_for_function(
                "() => document.querySelectorAll('.st-key-progress-chart .yaxislayer-above text').length >= 9"
            )
            layout = page.evaluate(LAYOUT)
            # Plotly widened neither margin: the labels fitted in what the server gave.
            assert (layout["left"], layout["bottom"]) == (layout["given_left"], layout["given_bottom"]), layout
            assert layout["shown"] == 9  # seven bars and the two pictures' names
            assert 0 <= layout["leftmost"] <= 20, layout  # none cut off, and little blank to their left
            watched.check()
    finally:
        srv.stop()
