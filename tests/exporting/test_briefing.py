"""The monthly briefing (issue 3, seed 000): the Ministry Office's sentences, written from the data,
in Vietnamese and English."""

from __future__ import annotations

import re
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
    r1 = tracker.create_item(
        LIAISON, draft(tracker, session="15/8", phase=Phase.BEFORE, received_on=date(2024, 10, 1), ref_no="1")
    )
    tracker.create_item(
        LIAISON, draft(tracker, session="15/8", phase=Phase.BEFORE, received_on=date(2024, 10, 5), ref_no="2")
    )
    question = {
        "session": "15/8",
        "kind": Kind.DEPUTY_QUESTION,
        "phase": Phase.BETWEEN_SESSIONS,
        "deputy": "Nguyễn Thị Minh Hà",
    }
    tracker.create_item(LIAISON, draft(tracker, received_on=date(2024, 10, 2), ref_no="3", **question))
    q2 = tracker.create_item(LIAISON, draft(tracker, received_on=date(2024, 9, 10), ref_no="4", **question))
    tracker.record_reply(LIAISON, r1, 1, reply(date(2024, 10, 20)))
    tracker.record_reply(
        LIAISON, q2, 1, reply(date(2024, 10, 3), Result.RESOLVED, late_reason="Chờ ý kiến Bộ Tài chính")
    )
    return tracker


OCTOBER_VI = [
    (
        "Trong tháng 10/2024 (từ ngày 01/10/2024 đến ngày 31/10/2024), Bộ Nội vụ nhận được 3 kiến nghị cử tri và chất vấn "
        "cần trả lời (2 kiến nghị của cử tri, 1 chất vấn của đại biểu Quốc hội); tính đến ngày 31/10/2024, đã trả lời 1, "
        "1 chưa đến hạn trả lời, 1 quá hạn chưa trả lời."
    ),
    "Trong tháng 10/2024 có 1 chất vấn của đại biểu Quốc hội đến hạn trả lời nhưng chưa được trả lời.",
    "Trong tháng 10/2024, Bộ Nội vụ đã ban hành 2 văn bản trả lời kiến nghị cử tri và chất vấn.",
    (
        "Về kiến nghị của cử tri gửi trước Kỳ họp thứ 8, Quốc hội khóa XV: Bộ Nội vụ đã nhận được 2 kiến nghị; "
        "đã trả lời 1/2 (50,0 %), 1 kiến nghị chưa đến hạn trả lời, không có kiến nghị quá hạn chưa trả lời."
    ),
    (
        "Về chất vấn của đại biểu Quốc hội tại Kỳ họp thứ 8, Quốc hội khóa XV: Bộ Nội vụ đã nhận được 2 chất vấn; "
        "đã trả lời 1/2 (50,0 %), 1 chất vấn quá hạn chưa trả lời."
    ),
    "Tính đến ngày 31/10/2024, còn 1 chất vấn của đại biểu Quốc hội quá hạn chưa trả lời.",
]
OCTOBER_EN = [
    (
        "In October 2024 (01/10/2024 to 31/10/2024), the Ministry of Home Affairs received 3 voter recommendations and "
        "deputies' questions requiring a response (2 voter recommendations, 1 question from a National Assembly deputy); "
        "as of 31/10/2024, 1 has been answered, 1 has not yet reached its deadline and 1 is overdue without a reply."
    ),
    "In October 2024, 1 question from a National Assembly deputy fell due and has not been answered.",
    "In October 2024, the Ministry issued 2 replies to voter recommendations and deputies' questions.",
    (
        "Voter recommendations sent before Session 8, 15th National Assembly: the Ministry of Home Affairs has received "
        "2 recommendations; 1/2 answered (50.0 %), 1 recommendation has not yet reached its deadline and no "
        "recommendation is overdue."
    ),
    (
        "Questions from National Assembly deputies at Session 8, 15th National Assembly: the Ministry of Home Affairs has "
        "received 2 questions; 1/2 answered (50.0 %) and 1 question is overdue without a reply."
    ),
    "As of 31/10/2024, 1 question from a National Assembly deputy is overdue without a reply.",
]


def test_many_items_in_the_seeds_register_in_vietnamese(october):
    assert month_briefing(october, 2024, 10).sentences("vi") == OCTOBER_VI


def test_many_items_in_english_with_plurals_and_the_months_name(october):
    assert month_briefing(october, 2024, 10).sentences("en") == OCTOBER_EN


@pytest.fixture
def april(tracker):
    """April 2026, the 16th NA's 1st session (6-25/4/2026): one deputy's question received on
    01/04/2026 (due 21/04/2026), nothing else."""
    tracker.create_item(
        LIAISON,
        draft(
            tracker,
            session="16/1",
            kind=Kind.DEPUTY_QUESTION,
            phase=Phase.BETWEEN_SESSIONS,
            deputy="Trần Văn Khải",
            received_on=date(2026, 4, 1),
            ref_no="1/TTKQH",
            lead_unit="CQĐP",
        ),
    )
    return tracker


def test_one_question_no_zero_breakdown_and_singular_english(april):
    vi = month_briefing(april, 2026, 4).sentences("vi")
    assert vi == [
        (
            "Trong tháng 4/2026 (từ ngày 01/04/2026 đến ngày 30/04/2026), Bộ Nội vụ nhận được 1 chất vấn của đại biểu Quốc hội "
            "cần trả lời; tính đến ngày 30/04/2026, 1 quá hạn chưa trả lời."
        ),
        "Trong tháng 4/2026 có 1 chất vấn của đại biểu Quốc hội đến hạn trả lời nhưng chưa được trả lời.",
        "Trong tháng 4/2026, Bộ Nội vụ không ban hành văn bản trả lời kiến nghị cử tri, chất vấn nào.",
        "Tính đến ngày 30/04/2026, Bộ Nội vụ chưa nhận được kiến nghị của cử tri gửi đến Kỳ họp thứ 1, Quốc hội khóa XVI.",
        (
            "Về chất vấn của đại biểu Quốc hội tại Kỳ họp thứ 1, Quốc hội khóa XVI: Bộ Nội vụ đã nhận được 1 chất vấn; "
            "1 chất vấn quá hạn chưa trả lời."
        ),
        "Tính đến ngày 30/04/2026, còn 1 chất vấn của đại biểu Quốc hội quá hạn chưa trả lời.",
    ]
    assert month_briefing(april, 2026, 4).sentences("en") == [
        (
            "In April 2026 (01/04/2026 to 30/04/2026), the Ministry of Home Affairs received 1 question from a National "
            "Assembly deputy requiring a response; as of 30/04/2026, 1 is overdue without a reply."
        ),
        "In April 2026, 1 question from a National Assembly deputy fell due and has not been answered.",
        "In April 2026, the Ministry issued no reply to voter recommendations or questions.",
        (
            "As of 30/04/2026, the Ministry of Home Affairs has not received any voter recommendation sent to Session 1, "
            "16th National Assembly."
        ),
        (
            "Questions from National Assembly deputies at Session 1, 16th National Assembly: the Ministry of Home Affairs "
            "has received 1 question; 1 question is overdue without a reply."
        ),
        "As of 30/04/2026, 1 question from a National Assembly deputy is overdue without a reply.",
    ]


def test_an_item_not_yet_due_is_never_shown_as_a_failure(april):
    briefing = month_briefing(april, 2026, 4, as_of=date(2026, 4, 10))
    vi, en = briefing.sentences("vi"), briefing.sentences("en")
    assert vi[0].endswith("tính đến ngày 10/04/2026, 1 chưa đến hạn trả lời, không có văn bản quá hạn chưa trả lời.")
    assert (
        vi[1]
        == "Còn 1 chất vấn của đại biểu Quốc hội có hạn trả lời trong tháng 4/2026, tính đến ngày 10/04/2026 chưa đến hạn."
    )
    assert vi[-1] == "Tính đến ngày 10/04/2026, không có văn bản quá hạn chưa trả lời."
    assert en[1] == (
        "There is 1 question from a National Assembly deputy due in April 2026 that has not yet reached its deadline "
        "as of 10/04/2026."
    )
    assert en[-1] == "As of 10/04/2026, nothing is overdue without a reply."
    for text in vi + en:
        assert not re.search(r"(?<![\d/])0/\d", text) and "(0 %)" not in text and " 0 " not in text, text


def test_a_quiet_month_is_worded_as_such_in_both_languages(october):
    november = month_briefing(october, 2024, 11, as_of=date(2024, 11, 30))
    assert november.sentences("vi")[:3] == [
        "Trong tháng 11/2024 (từ ngày 01/11/2024 đến ngày 30/11/2024), Bộ Nội vụ không nhận được kiến nghị cử tri hay chất vấn mới.",
        "Trong tháng 11/2024 không có kiến nghị cử tri, chất vấn nào đến hạn trả lời.",
        "Trong tháng 11/2024, Bộ Nội vụ không ban hành văn bản trả lời kiến nghị cử tri, chất vấn nào.",
    ]
    assert november.sentences("en")[:3] == [
        "In November 2024 (01/11/2024 to 30/11/2024), the Ministry of Home Affairs received no new voter recommendation or question.",
        "No voter recommendation or question fell due in November 2024.",
        "In November 2024, the Ministry issued no reply to voter recommendations or questions.",
    ]
    for text in november.sentences("vi"):
        assert "mục" not in text.split() and " 0 " not in text and "đã trả lời 0" not in text
        assert "nhiệm vụ đã giao" not in text  # the seed's "tasks assigned by competent authorities" are apart


def test_a_later_as_of_counts_later_replies(october):
    november = month_briefing(october, 2024, 11, as_of=date(2024, 11, 30))
    assert november.total.overdue_now == 1
    later = month_briefing(october, 2024, 10, as_of=date(2025, 1, 31))
    assert later.as_of == date(2025, 1, 31) and later.total.received_not_due == 0 and later.total.received_overdue == 2


def test_the_demo_briefing_for_october_2024_says_what_the_seed_says(demo_tracker):
    """Seed 000 (the ministry's briefing of 02/11/2024): 129/129 recommendations sent before and
    after the 7th session answered; nothing received yet for the 8th session."""
    vi = month_briefing(demo_tracker, 2024, 10).sentences("vi")
    assert (
        "Tính đến ngày 31/10/2024, Bộ Nội vụ đã hoàn thành trả lời 129/129 kiến nghị của cử tri gửi trước và sau "
        "Kỳ họp thứ 7, Quốc hội khóa XV."
    ) in vi
    assert (
        "Tính đến ngày 31/10/2024, Bộ Nội vụ chưa nhận được chất vấn của đại biểu Quốc hội, kiến nghị của cử tri "
        "gửi đến Kỳ họp thứ 8, Quốc hội khóa XV."
    ) in vi
    assert vi[-1] == "Tính đến ngày 31/10/2024, không có văn bản quá hạn chưa trả lời."
    en = month_briefing(demo_tracker, 2024, 10).sentences("en")
    assert (
        "As of 31/10/2024, the Ministry of Home Affairs has completed responding to 129/129 voter recommendations sent "
        "before and after Session 7, 15th National Assembly."
    ) in en


def test_the_briefing_counts_agree_with_the_register_on_demo_data(demo_tracker):
    for year, month in ((2024, 8), (2025, 8), (2025, 11)):
        briefing = month_briefing(demo_tracker, year, month)
        rows = [
            r
            for r in collect(demo_tracker, SYSTEM, ExportScope(None, briefing.as_of)).rows
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
    assert en.startswith("In August 2024 (01/08/2024 to 31/08/2024), the Ministry of Home Affairs received")
    assert "Kỳ họp thứ 7, Quốc hội khóa XV" in vi
    bad = run_cli("briefing", "--month", "8/2024", db=db)
    assert bad.returncode == 2 and "không đúng dạng YYYY-MM" in bad.stderr


def test_a_transferred_item_is_counted_apart_and_never_as_done(october):
    moved = october.create_item(
        LIAISON, draft(october, session="15/8", phase=Phase.BEFORE, received_on=date(2024, 10, 7), ref_no="5")
    )
    october.transfer(
        LIAISON, moved, 1, date(2024, 10, 9), "Không thuộc thẩm quyền; chuyển Ủy ban Dân nguyện và Giám sát"
    )
    vi = month_briefing(october, 2024, 10).sentences("vi")
    assert vi[0] == OCTOBER_VI[0] + (
        " Ngoài ra, 1 kiến nghị của cử tri không thuộc thẩm quyền đã được chuyển cơ quan có thẩm quyền."
    )
    assert vi[1] == OCTOBER_VI[1]  # the transfer is not "done"
    assert vi[3] == (
        "Về kiến nghị của cử tri gửi trước Kỳ họp thứ 8, Quốc hội khóa XV: Bộ Nội vụ đã nhận được 3 kiến nghị; "
        "đã trả lời 1/2 (50,0 %), 1 kiến nghị chưa đến hạn trả lời, không có kiến nghị quá hạn chưa trả lời, "
        "1 kiến nghị đã chuyển cơ quan có thẩm quyền."
    )
    en = month_briefing(october, 2024, 10).sentences("en")
    assert en[0].endswith(
        " In addition, 1 voter recommendation outside the Ministry's remit was transferred to the competent agency."
    )


def test_items_falling_due_count_replies_as_done_and_transfers_apart(tracker):
    """Four questions of the 8th session fall due in November 2024: two answered, one overdue, one
    transferred. Done is 2/3, not 3/4 (75,0 %) with the transfer counted as done."""
    q = {"session": "15/8", "kind": Kind.DEPUTY_QUESTION, "phase": Phase.AT_SESSION, "deputy": "Lê Thị Thu Hương"}
    ids = [
        tracker.create_item(LIAISON, draft(tracker, received_on=date(2024, 10, 21), ref_no=f"{n}", **q))
        for n in range(4)
    ]
    tracker.record_reply(LIAISON, ids[0], 1, reply(date(2024, 11, 1)))
    tracker.record_reply(LIAISON, ids[1], 1, reply(date(2024, 11, 5)))
    tracker.transfer(LIAISON, ids[3], 1, date(2024, 10, 25), "Không thuộc thẩm quyền của Bộ Nội vụ")
    vi = month_briefing(tracker, 2024, 11).sentences("vi")
    assert (
        vi[1]
        == "Trong tháng 11/2024 có 3 chất vấn của đại biểu Quốc hội đến hạn trả lời; đã hoàn thành trả lời 2/3 (66,7 %)."
    )
    en = month_briefing(tracker, 2024, 11).sentences("en")
    assert en[1] == "In November 2024, 3 questions from National Assembly deputies fell due; 2/3 answered (66.7 %)."
    assert en[2] == "In November 2024, the Ministry issued 2 replies to questions from National Assembly deputies."
