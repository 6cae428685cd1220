"""Plot builders are pure: tested on the figure data a reader sees."""

from __future__ import annotations

from tracker.charts import buckets_figure, percent_text, results_figure
from tracker.stats import Counts

SESSION = Counts(
    total=129,
    replied=120,
    replied_on_time=100,
    replied_late=20,
    open_not_due=5,
    overdue=4,
    transferred=3,
    resolved=12,
    being_resolved=18,
    explained=90,
)


def test_the_buckets_show_counts_beside_shares_in_vietnamese():
    bar = buckets_figure(SESSION, "vi").data[0]
    assert list(bar.y) == ["Đã trả lời đúng hạn", "Đã trả lời trễ hạn", "Chưa đến hạn", "Quá hạn"]
    assert list(bar.x) == [100, 20, 5, 4]
    assert list(bar.text) == ["100 (77,5 %)", "20 (15,5 %)", "5 (3,9 %)", "4 (3,1 %)"]


def test_the_buckets_in_english_use_a_decimal_point():
    bar = buckets_figure(SESSION, "en").data[0]
    assert list(bar.y)[3] == "Overdue"
    assert next(iter(bar.text)) == "100 (77.5 %)"


def test_results_are_shares_of_the_replies_not_of_the_total():
    bar = results_figure(SESSION, "vi").data[0]
    assert list(bar.y) == ["Đã giải quyết xong", "Đang nghiên cứu, giải quyết", "Giải trình, cung cấp thông tin"]
    assert list(bar.text) == ["12 (10,0 %)", "18 (15,0 %)", "90 (75,0 %)"]


def test_an_empty_session_draws_zero_bars_without_dividing_by_zero():
    bar = buckets_figure(Counts(), "vi").data[0]
    assert list(bar.x) == [0, 0, 0, 0] and list(bar.text) == ["0", "0", "0", "0"]
    assert percent_text(0, 0, "vi") == "—"
    assert percent_text(129, 129, "vi") == "100 %"
    assert percent_text(2199, 2200, "vi") == "99,9 %"  # the one rule (tracker/percent.py), not "100,0 %"


def test_two_decimals_reach_the_bar_labels():
    bar = results_figure(SESSION, "vi", decimals=2).data[0]
    assert list(bar.text) == ["12 (10,00 %)", "18 (15,00 %)", "90 (75,00 %)"]


def test_the_progress_figure_holds_both_pictures_in_one_chart():
    from tracker.charts import progress_figure

    fig = progress_figure(SESSION, "vi")
    # One trace on one two-level axis (issue 15: drawn about as fast as a one-bar chart): the
    # outer level names each picture, each bar keeps its own share.
    (bar,) = fig.data
    assert list(bar.x) == [100, 20, 5, 4, 12, 18, 90]
    groups, labels = (list(level) for level in bar.y)
    assert groups == ["Tình hình trả lời"] * 4 + ["Kết quả giải quyết"] * 3
    assert labels[0] == "Đã trả lời đúng hạn" and labels[4] == "Đã giải quyết xong"
    texts = list(bar.text)
    assert texts[0] == "100 (77,5 %)" and texts[4] == "12 (10,0 %)"  # of the total; of the replies


def test_small_counts_tick_once_per_item_not_at_halves():
    from tracker.charts import progress_figure

    small = Counts(total=3, replied=3, replied_on_time=3, resolved=0, being_resolved=1, explained=2)
    fig = progress_figure(small, "vi")
    assert fig.layout.xaxis.dtick == 1
    assert progress_figure(SESSION, "vi").layout.xaxis.dtick is None  # larger counts: plotly's own steps


def test_the_progress_chart_is_given_margins_that_hold_its_labels():
    # Given up front so plotly lays the chart out once (issue 15, point 4); in Chromium the labels
    # need the widest label of each level plus 28.5 px, and the count axis 35 px
    # (tests/browser/test_chart_layout.py checks the drawn chart itself).
    from tracker.charts import progress_figure
    from tracker.text_width import sans_width_px

    for lang in ("vi", "en"):
        fig = progress_figure(SESSION, lang)
        groups, labels = (list(level) for level in fig.data[0].y)
        need = max(sans_width_px(s, 12) for s in labels) + max(sans_width_px(s, 12) for s in groups) + 28.5
        assert need <= fig.layout.margin.l <= need + 8, lang  # every label shown, little blank beside
        assert fig.layout.margin.b >= 35
    assert progress_figure(SESSION, "en").layout.margin.l > progress_figure(SESSION, "vi").layout.margin.l


def test_screen_text_widths_follow_the_letters():
    from tracker.text_width import sans_width_px

    assert sans_width_px("", 12) == 0
    assert sans_width_px("i", 12) < sans_width_px("M", 12)
    assert sans_width_px("Đã giải quyết", 24) == 2 * sans_width_px("Đã giải quyết", 12)
    # A letter the table lacks counts as wide as "M": a margin too wide, never a label cut off.
    assert sans_width_px("\u4e2d", 12) == sans_width_px("M", 12)
    assert 144 <= sans_width_px("Giải trình, cung cấp thông tin", 12) <= 146  # Chromium drew 144.6 px
