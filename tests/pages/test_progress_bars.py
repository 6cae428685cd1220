"""The progress page's chart as HTML bars (ui/progress_bars.py, issue 15 point 4): what it holds,
that nothing in it is ever taken as markup, and that the page sends it with the session's counts."""

from __future__ import annotations

import re

from tests.conftest import copy_db, open_page, session_id, start_app
from tests.hostile import line
from tests.pages.chart_helpers import chart_groups, chart_html
from tracker.charts import Bar, BarGroup, progress_bars
from tracker.stats import Counts
from ui.context import _open_tracker
from ui.progress_bars import LONGEST_BAR_PCT, markup

SESSION = Counts(
    total=129, replied=120, replied_on_time=100, replied_late=20, open_not_due=5, overdue=4, resolved=12,
    being_resolved=18, explained=90,
)  # fmt: skip


def test_every_bar_prints_its_label_and_text_and_is_as_long_as_its_share():
    html = markup(progress_bars(SESSION, "vi"), "Biểu đồ")
    assert html.count('class="progress-bars-label"') == 7 and html.count('class="progress-bars-text"') == 7
    assert ">Đã trả lời đúng hạn<" in html and ">100 (77,5 %)<" in html and ">90 (75,0 %)<" in html
    widths = [float(w) for w in re.findall(r"width:([\d.]+)%", html)]
    assert widths == [round(LONGEST_BAR_PCT * n / 100, 2) for n in (100, 20, 5, 4, 12, 18, 90)]
    # The bars are decoration: a screen reader reads the labels and texts beside them.
    assert html.count('aria-hidden="true"') == 7
    assert 'role="group" aria-label="Biểu đồ"' in html


def test_a_zero_count_draws_no_sliver_and_a_small_one_still_shows():
    small = Counts(total=5000, replied=1, replied_on_time=1, open_not_due=4999, explained=1)
    html = markup(progress_bars(small, "vi"), "x")
    minimums = re.findall(r"min-width:(\w+);background", html)
    assert minimums == ["2px", "0", "2px", "0", "0", "0", "2px"]


def test_no_text_in_the_chart_is_ever_taken_as_markup():
    hostile = line("http://127.0.0.1:9/x.png", "<img src=x onerror=alert(1)>") + ' "><script>alert(2)</script>'
    bar = Bar(hostile, 1, '#fff" onmouseover="alert(3)', hostile, 1.0)
    html = markup((BarGroup(hostile, (bar,)),), hostile)
    assert "<img" not in html and "<script" not in html and "<b>" not in html
    assert 'onmouseover="' not in html  # the quote is escaped, so no attribute can open
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_page_sends_the_sessions_counts_in_its_language(demo_db, tmp_path, monkeypatch):
    db = copy_db(demo_db.path, tmp_path)
    at = open_page(start_app(db, monkeypatch, "admin", "vi", None), "progress")
    live = _open_tracker(str(db))
    at.selectbox(key="progress.session").set_value(session_id(live, "15/9")).run()
    assert not at.exception
    (total,) = [int(m.value) for m in at.metric if m.label == "Tổng số"]
    (buckets, bars), (results, replied) = chart_groups(at)
    assert (buckets, results) == ("Tình hình trả lời", "Kết quả giải quyết")
    assert [label for label, _ in bars] == ["Đã trả lời đúng hạn", "Đã trả lời trễ hạn", "Chưa đến hạn", "Quá hạn"]
    assert sum(int(text.split()[0]) for _, text in bars) == total  # the buckets split every item
    assert len(replied) == 3
    assert 'aria-label="Biểu đồ: tình hình trả lời' in chart_html(at)

    at.radio(key="app.lang").set_value("en").run()
    at.selectbox(key="progress.session").set_value(session_id(live, "15/9")).run()
    (buckets, bars), _ = chart_groups(at)
    assert buckets == "Response performance" and bars[3][0] == "Overdue"
    assert not [h for h in at.get("plotly_chart") if "progress.chart" in (h.proto.id or "")]  # no plotly for it
