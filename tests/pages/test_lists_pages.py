"""The lists and the home page under AppTest (issue 11, points 3-4): urgency first with days
left/overdue, coloured status and the unit's role; the sort selector; the home page's strip whose
numbers link to exactly those items; the per-unit table; the report countdown and the estimate."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ADMIN, LIAISON, draft, open_page, reply, start_app
from tracker import clock
from tracker.deadlines import report_due_date
from tracker.items import Result
from tracker.plain_text import unescape_markdown
from tracker.sessions import SessionRef
from ui.context import _open_tracker
from ui.needs_now import week_end
from ui.tables import STATUS_COLOURS

TODAY = clock.today()
RED = STATUS_COLOURS["overdue"]


@pytest.fixture
def register(db_path: Path) -> dict[str, int]:
    """Items of two sessions relative to today: overdue by 10 and 3 days, due today, due in 2
    days (due soon), due in 40 days, and one replied."""
    tracker = _open_tracker(str(db_path))

    def make(name, session, received, days, **extra):
        item = draft(
            tracker,
            session=session,
            received_on=received,
            summary=f"Mục {name}: đề nghị sửa đổi quy định về phụ cấp cán bộ cấp xã",
            due_on=TODAY + timedelta(days=days),
            due_override_reason="Theo văn bản đôn đốc",
            **extra,
        )
        return name, tracker.create_item(LIAISON, item)

    ids = dict(
        [
            make("later", "16/1", date(2026, 5, 4), 40),
            make("late_3", "16/1", date(2026, 5, 4), -3, lead_unit="CQĐP"),
            make("today", "15/10", date(2026, 1, 5), 0, coordinating_units=("CQĐP",)),
            make("late_10", "15/10", date(2026, 1, 5), -10),
            make("replied", "16/1", date(2026, 5, 4), -20, lead_unit="CQĐP"),
            make("soon_2", "16/1", date(2026, 5, 4), 2),
        ]
    )
    tracker.record_reply(LIAISON, ids["replied"], 1, reply(date(2026, 5, 10)))
    return ids


def _rows(at: AppTest, n: int = 0):
    return at.dataframe[n].value


def _styles(at: AppTest, n: int = 0) -> str:
    return at.dataframe[n].proto.arrow_data.styler.styles


def _config(frame) -> dict:
    return json.loads(frame.proto.columns)


def _names(register, ids) -> list[str]:
    by_id = {v: k for k, v in register.items()}
    return [by_id[int(i)] for i in ids]


def test_register_lists_the_urgent_first_with_days_and_coloured_status(db_path, monkeypatch, register):
    at = open_page(start_app(db_path, monkeypatch), "register")
    table = _rows(at)
    assert _names(register, table["Mã"]) == ["late_10", "late_3", "today", "soon_2", "later", "replied"]
    assert list(table["Còn / quá hạn"]) == [
        "Quá hạn 10 ngày",
        "Quá hạn 3 ngày",
        "Hạn là hôm nay",
        "Còn 2 ngày",
        "Còn 40 ngày",
        "",
    ]
    assert list(table["Tình trạng"])[:4] == ["Quá hạn", "Quá hạn", "Sắp đến hạn", "Sắp đến hạn"]
    assert list(table["Tình trạng"])[-1] == "Đã trả lời đúng hạn"
    # Overdue cells in red; the role column only appears when the list is one unit's.
    assert RED.split(";")[0] in _styles(at)
    assert "Vai trò" not in table.columns
    # Column help says which days these are.
    assert "ngày theo lịch" in _config(at.dataframe[0])["Còn / quá hạn"]["help"].lower()


def test_the_sort_selector_orders_the_whole_list_on_the_server(db_path, monkeypatch, register):
    at = open_page(start_app(db_path, monkeypatch), "register")
    at.selectbox(key="register.sort").set_value("due_on").run()
    by_due = ["replied", "late_10", "late_3", "today", "soon_2", "later"]
    assert _names(register, _rows(at)["Mã"]) == by_due
    assert at.query_params["sort"] == "due_on"  # the address keeps it (reload, bookmark)
    at.toggle(key="register.sort_reverse").set_value(True).run()
    assert _names(register, _rows(at)["Mã"]) == by_due[::-1]
    at.selectbox(key="register.sort").set_value("received_on").run()
    # Received newest first, with the toggle on: oldest first.
    assert _names(register, _rows(at)["Mã"])[:2] == ["late_10", "today"]


def test_a_sort_or_filter_the_app_does_not_offer_is_ignored(db_path, monkeypatch, register):
    at = start_app(db_path, monkeypatch)
    at.query_params["sort"] = "summary; drop table items"
    at.query_params["status"] = "everything"
    at.query_params["session"] = "99/99"
    open_page(at, "register")
    assert at.selectbox(key="register.sort").value == "urgency"
    assert at.selectbox(key="register.status").value is None
    assert len(_rows(at)) == 6


def test_the_queue_says_whether_the_unit_leads_or_coordinates(db_path, monkeypatch, register):
    at = open_page(start_app(db_path, monkeypatch, role="unit_officer", unit="CQĐP"), "queue")
    table = _rows(at)
    assert _names(register, table["Mã"]) == ["late_3", "today", "replied"]
    assert list(table["Vai trò"]) == ["Chủ trì", "Phối hợp", "Chủ trì"]
    assert list(table["Còn / quá hạn"])[:2] == ["Quá hạn 3 ngày", "Hạn là hôm nay"]


def _links(at: AppTest) -> dict[str, tuple[str, dict[str, str]]]:
    return {p.proto.label: (p.proto.page, dict(parse_qsl(p.proto.query_string))) for p in at.get("page_link")}


def test_home_strip_counts_every_session_and_links_to_exactly_those_items(db_path, monkeypatch, register):
    at = start_app(db_path, monkeypatch)  # the home page is the first page
    metrics = {m.label: m.value for m in at.metric}
    sunday = week_end(TODAY)
    due_this_week = sum(1 for days in (0, 2, 40) if TODAY + timedelta(days=days) <= sunday)
    assert metrics["Đang quá hạn"] == "2"  # one in 15/10, one in 16/1
    assert metrics[f"Đến hạn trong tuần này (đến {sunday:%d/%m/%Y})"] == str(due_this_week)

    links = _links(at)
    assert links["Xem 2 mục quá hạn"] == ("register", {"status": "overdue"})
    week_query = {"status": "open_not_due", "due_from": TODAY.isoformat(), "due_to": sunday.isoformat()}
    assert links[f"Xem {due_this_week} mục đến hạn tuần này"] == ("register", week_query)

    # Following a link opens the register filtered to exactly those items.
    for query, expected in (({"status": "overdue"}, ["late_10", "late_3"]), (week_query, None)):
        follow = start_app(db_path, monkeypatch)
        for name, value in query.items():
            follow.query_params[name] = value
        open_page(follow, "register")
        names = _names(register, _rows(follow)["Mã"])
        if expected is None:
            expected = [
                n for n, d in (("today", 0), ("soon_2", 2), ("later", 40)) if TODAY + timedelta(days=d) <= sunday
            ]
        assert names == expected, query
        assert f"{len(expected)} mục phù hợp" in " ".join(c.value for c in follow.caption)


def test_a_unit_officers_strip_counts_their_units_items(db_path, monkeypatch, register):
    at = start_app(db_path, monkeypatch, role="unit_officer", unit="CQĐP")
    assert {m.label: m.value for m in at.metric}["Đang quá hạn"] == "1"
    assert _links(at)["Xem 1 mục quá hạn"] == ("register", {"status": "overdue", "unit": "CQĐP"})


def test_home_unit_table_shows_completion_first_and_highlights_overdue(db_path, monkeypatch, register):
    at = start_app(db_path, monkeypatch)
    at.selectbox(key="progress.session").set_value(_session(db_path, "16/1")).run()
    table = next(d for d in at.dataframe if "Tỷ lệ hoàn thành" in d.value.columns)
    assert list(table.value.columns[:3]) == ["Đơn vị chủ trì", "Tỷ lệ hoàn thành", "Tổng số"]
    rows = {r["Đơn vị chủ trì"]: r for _, r in table.value.iterrows()}
    assert rows["Vụ Chính quyền địa phương"]["Tỷ lệ hoàn thành"] == "50,0 %"
    assert rows["Vụ Chính quyền địa phương"]["Quá hạn"] == 1
    assert RED.split(";")[0] in table.proto.arrow_data.styler.styles
    assert table.proto.arrow_data.styler.styles.count("#fbd5d2") == 1  # only the unit with overdue work
    # No cut-off columns: every column has a set width, the index is hidden.
    config = _config(table)
    assert all("width" in config[c] for c in table.value.columns)
    assert config["_index"] == {"hidden": True}


def _session(db_path: Path, code: str) -> int:
    return _open_tracker(str(db_path)).reference.session_by_ref(SessionRef.parse(code)).id


def _shown(at: AppTest) -> str:
    return unescape_markdown("\n".join([w.value for w in at.warning] + [i.value for i in at.info]))


def test_an_undated_next_session_shows_the_planned_date_as_an_estimate(db_path, monkeypatch, register):
    at = start_app(db_path, monkeypatch)
    at.selectbox(key="progress.session").set_value(_session(db_path, "16/1")).run()
    shown = _shown(at)
    assert "Kỳ họp thứ 2, Quốc hội khóa XVI chưa có ngày khai mạc chính thức" in shown
    assert "Quốc hội dự kiến: Dự kiến tháng 10/2026" in shown and "ước tính" in shown
    assert _links(at)["Đặt ngày khai mạc Kỳ họp thứ 2, Quốc hội khóa XVI trong Cài đặt"] == ("settings", {})

    viewer = start_app(db_path, monkeypatch, role="viewer")
    viewer.selectbox(key="progress.session").set_value(_session(db_path, "16/1")).run()
    assert "ước tính" in _shown(viewer)
    assert not [label for label in _links(viewer) if "Cài đặt" in label]
    assert "Quản trị viên đặt ngày khai mạc trong Cài đặt" in " ".join(c.value for c in viewer.caption)


def test_the_report_deadline_counts_down_in_working_days(db_path, monkeypatch, register):
    tracker = _open_tracker(str(db_path))
    opens = TODAY + timedelta(days=70)
    tracker.save_session(ADMIN, SessionRef.parse("16/2"), opens, None, "")
    due = report_due_date(opens, tracker.reference.calendar)
    left = tracker.reference.calendar.working_days_between(TODAY, due)
    at = start_app(db_path, monkeypatch)
    at.selectbox(key="progress.session").set_value(_session(db_path, "16/1")).run()
    shown = _shown(at)
    assert f"Báo cáo trước kỳ họp: còn {left} ngày làm việc." in shown
    assert f"Hạn gửi báo cáo tổng hợp lên Ủy ban Thường vụ Quốc hội: {due:%d/%m/%Y}" in shown
    assert "ước tính, không phải hạn" not in shown


def test_a_past_report_deadline_says_how_long_ago_not_overdue(db_path, monkeypatch, register):
    tracker = _open_tracker(str(db_path))
    due = report_due_date(date(2026, 4, 6), tracker.reference.calendar)  # 16/1 opened 06/04/2026
    ago = tracker.reference.calendar.working_days_between(due, TODAY)
    at = start_app(db_path, monkeypatch)
    at.selectbox(key="progress.session").set_value(_session(db_path, "15/10")).run()
    assert f"Báo cáo trước kỳ họp: hạn đã qua {ago} ngày làm việc." in _shown(at)


def test_the_strip_shows_overdue_commitments_only_when_there_are_some(db_path, monkeypatch, register):
    at = start_app(db_path, monkeypatch)
    assert "Cam kết đã quá hạn" not in {m.label for m in at.metric}  # none yet: no card

    # Issue 12: a "being resolved" reply whose committed date passed without completion.
    tracker = _open_tracker(str(db_path))
    promised = reply(date(2026, 5, 10), Result.BEING_RESOLVED, committed_on=date(2026, 9, 30))
    tracker.record_reply(LIAISON, register["late_3"], 1, promised)
    at = start_app(db_path, monkeypatch)
    assert {m.label: m.value for m in at.metric}["Cam kết đã quá hạn"] == "1"
    # A unit officer of another unit does not see it; the lead unit's officer does.
    other = start_app(db_path, monkeypatch, role="unit_officer", unit="TCBC")
    assert "Cam kết đã quá hạn" not in {m.label for m in other.metric}
    lead = start_app(db_path, monkeypatch, role="unit_officer", unit="CQĐP")
    assert {m.label: m.value for m in lead.metric}["Cam kết đã quá hạn"] == "1"
