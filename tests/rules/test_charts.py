"""The progress chart's bars are pure: tested on what a reader sees (labels, counts, texts, lengths)."""

from __future__ import annotations

from tracker.charts import Bar, percent_text, progress_bars
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


def _bars(counts: Counts, lang: str = "vi", decimals: int = 1) -> tuple[list[Bar], list[Bar]]:
    buckets, results = progress_bars(counts, lang, decimals)
    return list(buckets.bars), list(results.bars)


def test_the_buckets_show_counts_beside_shares_in_vietnamese():
    buckets, _ = _bars(SESSION, "vi")
    assert [b.label for b in buckets] == ["Đã trả lời đúng hạn", "Đã trả lời trễ hạn", "Chưa đến hạn", "Quá hạn"]
    assert [b.value for b in buckets] == [100, 20, 5, 4]
    assert [b.text for b in buckets] == ["100 (77,5 %)", "20 (15,5 %)", "5 (3,9 %)", "4 (3,1 %)"]


def test_the_buckets_in_english_use_a_decimal_point():
    buckets, _ = _bars(SESSION, "en")
    assert buckets[3].label == "Overdue"
    assert buckets[0].text == "100 (77.5 %)"


def test_results_are_shares_of_the_replies_not_of_the_total():
    _, results = _bars(SESSION, "vi")
    assert [b.label for b in results] == [
        "Đã giải quyết xong",
        "Đang nghiên cứu, giải quyết",
        "Giải trình, cung cấp thông tin",
    ]
    assert [b.text for b in results] == ["12 (10,0 %)", "18 (15,0 %)", "90 (75,0 %)"]


def test_an_empty_session_draws_zero_bars_without_dividing_by_zero():
    buckets, results = _bars(Counts(), "vi")
    assert [b.value for b in buckets] == [0, 0, 0, 0] and [b.text for b in buckets] == ["0", "0", "0", "0"]
    assert all(b.length == 0 for b in buckets + results)
    assert percent_text(0, 0, "vi") == "—"
    assert percent_text(129, 129, "vi") == "100 %"
    assert percent_text(2199, 2200, "vi") == "99,9 %"  # the one rule (tracker/percent.py), not "100,0 %"


def test_two_decimals_reach_the_bar_labels():
    _, results = _bars(SESSION, "vi", decimals=2)
    assert [b.text for b in results] == ["12 (10,00 %)", "18 (15,00 %)", "90 (75,00 %)"]


def test_the_chart_holds_both_pictures_titled_from_the_catalog():
    for lang, titles in (
        ("vi", ["Tình hình trả lời", "Kết quả giải quyết"]),
        ("en", ["Response performance", "Results of replies"]),
    ):
        assert [g.title for g in progress_bars(SESSION, lang)] == titles


def test_both_pictures_share_one_scale_so_a_longer_bar_is_always_more_items():
    buckets, results = _bars(SESSION, "vi")
    # The longest bar is the largest count of either picture; every other is its share of it.
    assert [round(b.length, 3) for b in buckets] == [1.0, 0.2, 0.05, 0.04]
    assert [round(b.length, 3) for b in results] == [0.12, 0.18, 0.9]
    bigger_result = Counts(total=10, replied=10, replied_on_time=10, explained=10)
    buckets, results = _bars(bigger_result, "vi")
    assert buckets[0].length == results[2].length == 1.0


def test_each_bar_keeps_its_colour_blind_safe_colour():
    buckets, results = _bars(SESSION, "vi")
    assert [b.colour for b in buckets] == ["#009E73", "#E69F00", "#56B4E9", "#D55E00"]
    assert [b.colour for b in results] == ["#009E73", "#0072B2", "#999999"]
