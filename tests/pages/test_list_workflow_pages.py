"""The register and the unit queue under AppTest for the reply's path (issue 12, points 1, 2, 7, 8):
the stage filter (in the address), the internal deadline and stage columns, the queue ordered by
the internal deadline, "unaccepted too long" marked and filterable, and the bulk steps — success
says how many, a refusal lists each refused item and changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import LIAISON, draft, officer, open_page, start_app
from tracker import clock
from tracker.dates import format_date
from tracker.plain_text import unescape_markdown
from tracker.stage import Stage
from ui.context import _open_tracker
from ui.filters import selection_key
from ui.tables import STATUS_COLOURS

TODAY = clock.today()


@pytest.fixture
def path_items(db_path: Path) -> dict[str, int]:
    """Items received today: two awaiting TCBC's acceptance (one with the Office's own early
    internal deadline), one TCBC accepted, one unassigned."""
    tracker = _open_tracker(str(db_path))

    def make(name: str, **extra: object) -> int:
        values: dict[str, object] = {"received_on": TODAY, "summary": f"Kiến nghị {name}", "lead_unit": "TCBC"}
        values.update(extra)
        return tracker.create_item(LIAISON, draft(tracker, **values))

    ids = {
        "waiting": make("chờ nhận"),
        "early": make("hạn riêng sớm"),
        "drafting": make("đang dự thảo"),
        "unassigned": make("chưa giao", lead_unit=None),
    }
    tracker.set_internal_deadline(LIAISON, ids["early"], 1, TODAY + timedelta(days=3), "Lãnh đạo Bộ chỉ đạo")
    tracker.accept(officer("TCBC"), ids["drafting"], 1)
    return ids


def _ids(at: AppTest) -> list[int]:
    return [int(i) for i in at.dataframe[0].value["Mã"]]


def test_register_filters_by_stage_and_keeps_it_in_the_address(db_path, monkeypatch, path_items):
    at = start_app(db_path, monkeypatch, role="liaison")
    at.query_params["stage"] = "awaiting_acceptance,not_a_stage"
    open_page(at, "register")
    assert sorted(_ids(at)) == sorted([path_items["waiting"], path_items["early"]])
    assert at.multiselect(key="register.stages").value == ["awaiting_acceptance"]  # the unknown one dropped
    table = at.dataframe[0].value
    assert set(table["Bước xử lý"]) == {"Chờ đơn vị nhận"}
    at.multiselect(key="register.stages").set_value(["drafting", "unassigned"]).run()
    assert sorted(_ids(at)) == sorted([path_items["drafting"], path_items["unassigned"]])
    assert at.query_params["stage"] == "unassigned,drafting"  # the pipeline's order
    at.multiselect(key="register.stages").set_value([]).run()
    assert len(_ids(at)) == 4 and "stage" not in at.query_params


def test_raised_again_filter_travels_in_the_address(db_path, monkeypatch, path_items):
    at = start_app(db_path, monkeypatch, role="liaison")
    at.query_params["raised_again"] = "1"
    open_page(at, "register")
    assert at.checkbox(key="register.raised_before").value is True
    assert at.info[0].value == "Không có mục nào phù hợp với bộ lọc."  # none is linked as raised again
    at.checkbox(key="register.raised_before").set_value(False).run()
    assert "raised_again" not in at.query_params and len(_ids(at)) == 4


def test_internal_deadline_beside_the_legal_one_and_the_queue_works_to_it(db_path, monkeypatch, path_items):
    at = open_page(start_app(db_path, monkeypatch, role="unit_officer", unit="TCBC"), "queue")
    assert at.selectbox(key="queue.sort").value == "internal_due"
    ids = _ids(at)
    assert ids[0] == path_items["early"]  # the Office's date comes before the others' default
    table = at.dataframe[0].value
    first = table.iloc[0]
    assert first["Hạn gửi dự thảo"] == format_date(TODAY + timedelta(days=3))
    assert first["Dự thảo: còn / quá hạn"] == "Còn 3 ngày"
    # The default internal deadline is before the legal one, both dd/mm/yyyy.
    other = table[table["Mã"] == path_items["waiting"]].iloc[0]
    assert date(*reversed([int(p) for p in other["Hạn gửi dự thảo"].split("/")])) < date(
        *reversed([int(p) for p in other["Hạn trả lời"].split("/")])
    )
    assert "sort" not in at.query_params  # the queue's own default is left out of the address
    at.selectbox(key="queue.sort").set_value("urgency").run()
    assert at.query_params["sort"] == "urgency"


def test_unaccepted_too_long_stands_out_and_can_be_filtered(db_path, monkeypatch, path_items):
    at = open_page(start_app(db_path, monkeypatch, role="liaison"), "register")
    calendar = _open_tracker(str(db_path)).reference.calendar
    label = at.checkbox(key="register.unaccepted").label
    assert label.startswith("Chưa nhận quá 2 ngày làm việc (chất vấn) / 5 ngày làm việc (kiến nghị)")
    at.date_input(key="register.as_of").set_value(calendar.add_working_days(TODAY, 6)).run()
    stages = dict(zip(_ids(at), at.dataframe[0].value["Bước xử lý"], strict=True))
    assert stages[path_items["waiting"]] == "Chờ đơn vị nhận — chưa nhận quá hạn"
    assert stages[path_items["drafting"]] == "Đang dự thảo"
    assert STATUS_COLOURS["unaccepted"].split(";")[0] in at.dataframe[0].proto.arrow_data.styler.styles
    at.checkbox(key="register.unaccepted").set_value(True).run()
    assert sorted(_ids(at)) == sorted([path_items["waiting"], path_items["early"]])
    assert at.query_params["unaccepted"] == "1"


def _tick(at: AppTest, prefix: str, rows: list[int], round_no: int = 0) -> AppTest:
    """Tick table rows (positions on the page) as a person would, then rerun (AppTest has no
    click for a dataframe's row selection: its widget state is set instead)."""
    key = selection_key(prefix, _ids(at), round_no)
    at.session_state[key] = {"selection": {"rows": rows, "columns": [], "cells": []}}
    return at.run()


def test_bulk_accept_in_the_queue_says_how_many(db_path, monkeypatch, path_items):
    at = open_page(start_app(db_path, monkeypatch, role="unit_officer", unit="TCBC"), "queue")
    at.toggle(key="queue.bulk_mode").set_value(True).run()
    positions = [i for i, item in enumerate(_ids(at)) if item in (path_items["waiting"], path_items["early"])]
    at = _tick(at, "queue", positions)
    assert any(m.value == "**2 mục đã chọn**" for m in at.markdown)
    assert at.radio(key="queue.bulk_step").options == ["Nhận xử lý"]
    at.button[[b.label for b in at.button].index("Thực hiện cho 2 mục")].click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Đã nhận xử lý 2 mục."]
    tracker = _open_tracker(str(db_path))
    assert {tracker.workflow(path_items[k]).stage for k in ("waiting", "early")} == {Stage.DRAFTING}


def test_bulk_refused_as_a_whole_lists_each_item_and_changes_nothing(db_path, monkeypatch, path_items):
    at = open_page(start_app(db_path, monkeypatch, role="unit_officer", unit="TCBC"), "queue")
    at.toggle(key="queue.bulk_mode").set_value(True).run()
    ids = _ids(at)
    wanted = (path_items["waiting"], path_items["drafting"])  # drafting was accepted already
    at = _tick(at, "queue", [i for i, item in enumerate(ids) if item in wanted])
    at.button[[b.label for b in at.button].index("Thực hiện cho 2 mục")].click().run()
    assert unescape_markdown(at.error[0].value).startswith("Không thực hiện: 1/2 mục")
    refusals = at.dataframe[1].value
    assert list(refusals["Mã"]) == [path_items["drafting"]]
    assert "Đang dự thảo" in refusals["Lý do"].iloc[0]
    tracker = _open_tracker(str(db_path))
    assert tracker.workflow(path_items["waiting"]).stage == Stage.AWAITING_ACCEPTANCE  # nothing written
    assert len(tracker.history(path_items["waiting"])) == 1


def test_bulk_assign_and_internal_deadline_in_the_register(db_path, monkeypatch, path_items):
    at = open_page(start_app(db_path, monkeypatch, role="liaison"), "register")
    at.toggle(key="register.bulk_mode").set_value(True).run()
    assert any(m.value == "**0 mục đã chọn**" for m in at.markdown)
    ids = _ids(at)
    at = _tick(at, "register", [ids.index(path_items["unassigned"]), ids.index(path_items["waiting"])])
    assert at.radio(key="register.bulk_step").options == ["Giao đơn vị chủ trì", "Đặt hạn gửi dự thảo"]
    at.selectbox(key="register.bulk_lead").set_value("CQĐP")
    at.text_input(key="register.bulk_assign_reason").input("Theo phân công của Lãnh đạo Bộ")  # a reassignment
    at.button[[b.label for b in at.button].index("Thực hiện cho 2 mục")].click().run()
    assert [s.value for s in at.success] == ["Đã giao 2 mục."], [e.value for e in at.error]
    tracker = _open_tracker(str(db_path))
    assert {tracker.get_item(path_items[k]).lead_unit for k in ("unassigned", "waiting")} == {"CQĐP"}
    # The selection starts afresh after a step: nothing is ticked now.
    assert any(m.value == "**0 mục đã chọn**" for m in at.markdown)
    # A date without a reason is refused with the service's message, nothing changed.
    at = _tick(at, "register", [_ids(at).index(path_items["waiting"])], round_no=1)
    at.radio(key="register.bulk_step").set_value("internal_deadline").run()
    at.date_input(key="register.bulk_internal_on").set_value(TODAY + timedelta(days=5))
    at.button[[b.label for b in at.button].index("Thực hiện cho 1 mục")].click().run()
    assert unescape_markdown(at.error[0].value).startswith("Chưa nhập"), "a date needs a reason"
    assert _open_tracker(str(db_path)).workflow(path_items["waiting"]).internal_is_default


def test_the_new_filters_round_trip_through_the_address(db_path, monkeypatch, path_items):
    from tracker.service import Filters
    from ui import list_links

    at = start_app(db_path, monkeypatch, role="liaison")
    wanted = Filters(stages=("drafting", "awaiting_acceptance"), raised_before=True, unaccepted=True)
    params = list_links.query_for(wanted)
    assert params == {"stage": "awaiting_acceptance,drafting", "raised_again": "1", "unaccepted": "1"}
    for name, value in params.items():
        at.query_params[name] = value
    open_page(at, "register")
    assert at.multiselect(key="register.stages").value == ["awaiting_acceptance", "drafting"]
    assert at.checkbox(key="register.raised_before").value is True
    assert at.checkbox(key="register.unaccepted").value is True
    assert {k: at.query_params[k] for k in params} == params  # written back unchanged
