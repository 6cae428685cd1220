"""The progress chart's HTML bars (ui/progress_bars.py, issue 15 point 4) as Chromium draws them, in
both languages: every label and text on one line and wholly inside the chart, each bar as long as
its count says, and the chart still whole in a narrow window."""

from __future__ import annotations

import shutil

import pytest

from tests.browser.conftest import ADMIN_PASSWORD, create_accounts, start_server, watch
from tests.browser.test_journeys import idle, sign_in

pytestmark = pytest.mark.browser

DRAWN = """() => {
    const chart = document.querySelector('.st-key-progress-chart .progress-bars');
    const box = chart.getBoundingClientRect();
    const lines = (selector) => [...chart.querySelectorAll(selector)].map(e => {
        const r = e.getBoundingClientRect(), h = parseFloat(getComputedStyle(e).lineHeight);
        return {text: e.textContent, left: r.left - box.left, right: box.right - r.right,
                one_line: r.height < 1.5 * h, clipped: e.scrollWidth > e.clientWidth + 1};
    });
    const bars = [...chart.querySelectorAll('[aria-hidden="true"]')].map(e => e.getBoundingClientRect().width);
    return {labels: lines('.progress-bars-label'), texts: lines('.progress-bars-text'),
            titles: lines('.progress-bars-title').map(t => t.text), bars};
}"""


def _check(drawn: dict) -> None:
    assert len(drawn["labels"]) == len(drawn["texts"]) == len(drawn["bars"]) == 7, drawn
    for piece in drawn["labels"] + drawn["texts"]:
        assert piece["one_line"] and not piece["clipped"], piece
        assert piece["left"] >= -0.5 and piece["right"] >= -0.5, piece  # inside the chart's box
    counts = [int(t["text"].split()[0]) for t in drawn["texts"]]
    widest = max(counts)
    for count, width in zip(counts, drawn["bars"], strict=True):
        # Each bar's drawn length follows its count on the one scale (the longest at 82 % of its track).
        assert width == pytest.approx(drawn["bars"][counts.index(widest)] * count / widest, abs=2.5), drawn


def test_the_progress_bars_are_drawn_whole_in_both_languages_and_a_narrow_window(browser, demo_db, tmp_path):
    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db.path, db)
    create_accounts(db)
    srv = start_server(db, tmp_path / "streamlit.log")
    try:
        watched = watch(browser)
        page = watched.page
        sign_in(page, srv.url, "quantri", ADMIN_PASSWORD)
        page.locator(".st-key-progress-chart .progress-bars").wait_for()
        drawn = page.evaluate(DRAWN)
        assert drawn["titles"] == ["Tình hình trả lời", "Kết quả giải quyết"]
        _check(drawn)

        page.get_by_text("English", exact=True).click()
        page.get_by_role("heading", name="Progress on voter recommendations and questions").wait_for()
        idle(page)
        drawn = page.evaluate(DRAWN)
        assert drawn["titles"] == ["Response performance", "Results of replies"]
        _check(drawn)

        page.set_viewport_size({"width": 760, "height": 900})  # a laptop window half a screen wide
        idle(page)
        _check(page.evaluate(DRAWN))
        watched.check()
    finally:
        srv.stop()
