"""The monthly briefing (issue 3, seed 000): the Ministry Office's sentences, written from the data,
in Vietnamese and English."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import LIAISON, copy_db, draft, reply, run_cli
from tracker.briefing import month_briefing, months_with_items, parse_month
from tracker.errors import InvalidInput
from tracker.exporting import ExportScope, collect
from tracker.items import Kind, Phase, Result
from tracker.permissions import SYSTEM


@pytest.fixture
def october(tracker):
    """October 2024, 15th NA's 8th session: two recommendations and one question received in the
    month, one question received in September and answered late in October."""
    r1 = tracker.create_item(LIAISON, draft(tracker, session="15/8", phase=Phase.BEFORE, received_on=date(2024, 10, 1), ref_no="1"))
    tracker.create_item(LIAISON, draft(tracker, session="15/8", phase=Phase.BEFORE, received_on=date(2024, 10, 5), ref_no="2"))
    question = {"session": "15/8", "kind": Kind.DEPUTY_QUESTION, "phase": Phase.BETWEEN_SESSIONS, "deputy": "Nguyễn Thị Minh Hà"}
    tracker.create_item(LIAISON, draft(tracker, received_on=date(2024, 10, 2), ref_no="3", **question))
    q2 = tracker.create_item(LIAISON, draft(tracker, received_on=date(2024, 9, 10), ref_no="4", **question))
    tracker.record_reply(LIAISON, r1, 1, reply(date(2024, 10, 20)))
    tracker.record_reply(LIAISON, q2, 1, reply(date(2024, 10, 3), Result.RESOLVED, late_reason="Chờ ý kiến Bộ Tài chính"))
    return tracker


def test_the_seeds_sentences_in_vietnamese(october):
    assert month_briefing(october, 2024, 10).sentences("vi") == [
        ("Trong tháng 10/2024 (từ ngày 01/10/2024 đến ngày 31/10/2024), Bộ Nội vụ nhận được 3 kiến nghị cử tri và chất vấn "
        "cần trả lời (2 kiến nghị cử tri, 1 chất vấn); tính đến ngày 31/10/2024, đã trả lời 1, 1 chưa đến hạn trả lời, "
        "1 quá hạn chưa trả lời."),
        "Trong tháng 10/2024 có 1 mục đến hạn trả lời (nhiệm vụ đã giao các đơn vị); đã hoàn thành 0 (0,0%).",
        "Trong tháng 10/2024, Bộ đã ban hành 2 văn bản trả lời kiến nghị cử tri và chất vấn.",
        "Về kiến nghị của cử tri gửi đến Kỳ họp thứ 8, Quốc hội khóa XV: Bộ Nội vụ đã hoàn thành trả lời 1/2 kiến nghị (50,0%).",
        "Về chất vấn của đại biểu Quốc hội tại Kỳ họp thứ 8, Quốc hội khóa XV: đã trả lời 1/2 (50,0%).",
        "Tính đến ngày 31/10/2024, còn 1 mục quá hạn chưa trả lời.",
    ]


def test_the_same_sentences_in_english(october):
    sentences = month_briefing(october, 2024, 10).sentences("en")
    assert sentences[0].startswith(
        "In 10/2024 (01/10/2024 to 31/10/2024), the Ministry of Home Affairs received 3 voter recommendations and questions"
    )
    assert "as of 31/10/2024, 1 have been answered, 1 have not yet reached their deadline and 1 are overdue" in sentences[0]
    assert sentences[1] == "In 10/2024, 1 items fell due (tasks assigned to units); 0 were completed (0.0%)."
    assert "Voter recommendations sent to Session 8, 15th National Assembly: the Ministry of Home Affairs has answered 1/2 (50.0%)." in sentences


def test_a_later_as_of_counts_later_replies_and_a_quiet_month_says_so(october):
    november = month_briefing(october, 2024, 11, as_of=date(2024, 11, 30))
    assert november.sentences("vi")[0] == (
        "Trong tháng 11/2024 (từ ngày 01/11/2024 đến ngày 30/11/2024), Bộ Nội vụ không nhận được kiến nghị cử tri hay chất vấn mới."
    )
    assert november.total.overdue_now == 1
    later = month_briefing(october, 2024, 10, as_of=date(2025, 1, 31))
    assert later.as_of == date(2025, 1, 31) and later.total.received_not_due == 0 and later.total.received_overdue == 2


def test_the_briefing_counts_agree_with_the_register_on_demo_data(demo_tracker):
    for year, month in ((2024, 8), (2025, 8), (2025, 11)):
        briefing = month_briefing(demo_tracker, year, month)
        rows = [
            r for r in collect(demo_tracker, SYSTEM, ExportScope(None, briefing.as_of)).rows
            if briefing.first <= r["received_on"] <= briefing.last
        ]
        c = briefing.total
        assert c.received == len(rows)
        assert c.received == c.received_replied + c.received_not_due + c.received_overdue + c.received_transferred
        assert c.received_overdue == sum(1 for r in rows if r["status"] == "overdue")
        assert all("{" not in s for lang in ("vi", "en") for s in briefing.sentences(lang))


def test_months_and_their_format(october):
    assert months_with_items(october, today=date(2024, 12, 15)) == [(2024, 12), (2024, 11), (2024, 10), (2024, 9)]
    assert parse_month("2024-10") == (2024, 10)
    with pytest.raises(InvalidInput) as caught:
        parse_month("10/2024")
    assert caught.value.message("vi") == 'Tháng "10/2024" không đúng dạng YYYY-MM (ví dụ 2024-10).'


def test_cli_briefing_in_both_languages(demo_db, tmp_path):
    db = copy_db(demo_db.path, tmp_path)
    result = run_cli("briefing", "--month", "2024-08", "--lang", "both", db=db)
    assert result.returncode == 0, result.stderr
    vi, en = result.stdout.strip().split("\n\n")
    assert vi.startswith("Trong tháng 8/2024 (từ ngày 01/08/2024 đến ngày 31/08/2024), Bộ Nội vụ nhận được")
    assert en.startswith("In 8/2024 (01/08/2024 to 31/08/2024), the Ministry of Home Affairs received")
    assert "Kỳ họp thứ 7, Quốc hội khóa XV" in vi
    bad = run_cli("briefing", "--month", "8/2024", db=db)
    assert bad.returncode == 2 and "không đúng dạng YYYY-MM" in bad.stderr


def test_a_transferred_item_is_counted_apart_so_the_sentence_adds_up(october):
    moved = october.create_item(LIAISON, draft(october, session="15/8", phase=Phase.BEFORE, received_on=date(2024, 10, 7), ref_no="5"))
    october.transfer(LIAISON, moved, 1, date(2024, 10, 9), "Không thuộc thẩm quyền; chuyển Ban Dân nguyện")
    first = month_briefing(october, 2024, 10).sentences("vi")[0]
    assert "nhận được 3 kiến nghị cử tri và chất vấn cần trả lời (2 kiến nghị cử tri, 1 chất vấn)" in first
    assert "đã trả lời 1, 1 chưa đến hạn trả lời, 1 quá hạn chưa trả lời." in first
    assert "1" in first.split("quá hạn chưa trả lời.")[1], "the transferred item is mentioned apart"
