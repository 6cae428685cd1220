"""Each workflow form (ui/workflow_forms.py) under AppTest, called by a small script as the item
page will call it: filled in, submitted, the step taken and the toast set; a refused step shows
the reason in Vietnamese and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import LIAISON, draft, officer, reply
from tracker import clock
from tracker.items import Result
from tracker.permissions import Actor
from tracker.service import Tracker
from tracker.stage import Stage

TODAY = clock.today()
LEAD, COORD = officer("TCBC"), officer("CQĐP")


def script() -> None:
    import streamlit as st

    from tracker.permissions import Actor, Role
    from ui import context as ctx
    from ui import workflow_forms

    username, role, unit, name, item_id = st.session_state["test.as"]
    tracker = ctx.tracker()
    form = workflow_forms.WorkflowForm(
        tracker.get_item(item_id),
        f"item.{item_id}",
        tracker.get_item(item_id).version,
        Actor(username, Role(role), unit),
        tracker,
    )
    getattr(workflow_forms, name)(form)


def run_form(db_path, monkeypatch, actor: Actor, form: str, item_id: int) -> AppTest:
    monkeypatch.setenv("TRACKER_DB", str(db_path))
    at = AppTest.from_function(script, default_timeout=60)
    at.session_state["test.as"] = (actor.username, actor.role.value, actor.unit, form, item_id)
    at.session_state["app.lang"] = "vi"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def at_stage(db_path, stage: str, result: Result = Result.BEING_RESOLVED) -> int:
    """An item brought to ``stage`` through the service, on the file the app opens."""
    t = Tracker.open(db_path)
    try:
        item_id = t.create_item(
            LIAISON, draft(t, received_on=TODAY - timedelta(days=3), lead_unit="TCBC", coordinating_units=("CQĐP",))
        )
        v = 1
        steps = [
            lambda v: t.accept(LEAD, item_id, v),
            lambda v: t.submit_draft(LEAD, item_id, v, "Dự thảo"),
            lambda v: t.review(LIAISON, item_id, v, True, ""),
            lambda v: t.issue(LIAISON, item_id, v, reply(TODAY, result)),
        ]
        upto = {"awaiting_acceptance": 0, "drafting": 1, "in_review": 2, "awaiting_signature": 3, "issued": 4}[stage]
        for step in steps[:upto]:
            v = step(v)
        return item_id
    finally:
        t.close()


@pytest.fixture(autouse=True)
def _fresh_tracker_cache():
    """Each test's file gets its own cached Tracker (the app caches one per path)."""
    from ui import context as ctx

    ctx._open_tracker.clear()
    yield
    ctx._open_tracker.clear()


def current_stage(db_path, item_id: int) -> Stage:
    from ui import context as ctx

    return ctx._open_tracker(str(db_path)).workflow(item_id).stage


CASES = [
    # form, who, starting stage, what to type (widget key suffix -> value), stage after
    ("accept_form", LEAD, "awaiting_acceptance", {"wf_accept_officer": "Lê Thị Hoa"}, Stage.DRAFTING),
    (
        "return_form",
        LEAD,
        "awaiting_acceptance",
        {"wf_return_reason": "Thuộc chức năng Vụ Tổ chức cán bộ"},
        Stage.RETURNED,
    ),
    ("record_part_form", COORD, "drafting", {"wf_part_text": "Thống nhất với dự thảo"}, Stage.DRAFTING),
    ("submit_draft_form", LEAD, "drafting", {"wf_draft_text": "Kính gửi Đoàn ĐBQH tỉnh …"}, Stage.IN_REVIEW),
    ("review_form", LIAISON, "in_review", {"wf_review_comment": "Bổ sung căn cứ"}, Stage.AWAITING_SIGNATURE),
    ("sign_form", LIAISON, "awaiting_signature", {"wf_sign_signer": "Thứ trưởng Trần Minh Khoa"}, Stage.SIGNED),
    ("request_part_form", LEAD, "drafting", {"wf_part_request": "Đề nghị cho ý kiến về số liệu"}, Stage.DRAFTING),
]


@pytest.mark.parametrize(("form", "who", "stage", "typed", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_form_takes_its_step(db_path, monkeypatch, form, who, stage, typed, expected):
    item_id = at_stage(db_path, stage)
    at = run_form(db_path, monkeypatch, who, form, item_id)
    for suffix, value in typed.items():
        at.text_area(key=f"item.{item_id}.{suffix}").input(value) if suffix in _AREAS else at.text_input(
            key=f"item.{item_id}.{suffix}"
        ).input(value)
    if form == "request_part_form":
        at.date_input(key=f"item.{item_id}.wf_part_due").set_value(TODAY + timedelta(days=5))
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.session_state["app.flash"]
    assert current_stage(db_path, item_id) == expected
    events = ctx_tracker(db_path).history(item_id)
    assert events[-1].actor == who.username


_AREAS = {
    "wf_return_reason",
    "wf_part_text",
    "wf_draft_text",
    "wf_review_comment",
    "wf_part_request",
    "wf_commitment_note",
}


def ctx_tracker(db_path) -> Tracker:
    from ui import context as ctx

    return ctx._open_tracker(str(db_path))


def test_the_issue_form_is_the_reply_form_as_the_last_step(db_path, monkeypatch):
    item_id = at_stage(db_path, "awaiting_signature")
    at = run_form(db_path, monkeypatch, LIAISON, "issue_form", item_id)
    at.text_input(key=f"item.{item_id}.wf_issue_no").input("1234/BNV-TCBC")
    at.text_input(key=f"item.{item_id}.wf_issue_signer").input("Thứ trưởng Trần Minh Khoa")
    at.radio(key=f"item.{item_id}.wf_issue_result").set_value("explained")
    at.text_input(key=f"item.{item_id}.wf_issue_late").input("Chờ ý kiến Bộ Tài chính")
    at.button[0].click().run()
    assert not at.error, [e.value for e in at.error]
    assert current_stage(db_path, item_id) == Stage.ISSUED
    assert ctx_tracker(db_path).get_item(item_id).reply.response_no == "1234/BNV-TCBC"


def test_the_commitment_form_records_completion(db_path, monkeypatch):
    item_id = at_stage(db_path, "issued")
    at = run_form(db_path, monkeypatch, LEAD, "commitment_form", item_id)
    at.checkbox(key=f"item.{item_id}.wf_commitment_done").check()
    at.text_input(key=f"item.{item_id}.wf_commitment_doc").input("15/2026/NĐ-CP")
    at.button[0].click().run()
    assert not at.error, [e.value for e in at.error]
    assert ctx_tracker(db_path).workflow(item_id).result_now == "resolved"


def test_the_internal_deadline_form_needs_a_reason(db_path, monkeypatch):
    item_id = at_stage(db_path, "drafting")
    at = run_form(db_path, monkeypatch, LIAISON, "internal_deadline_form", item_id)
    at.button[0].click().run()
    assert "Lý do" in at.error[0].value  # refused in Vietnamese, nothing written
    assert ctx_tracker(db_path).workflow(item_id).internal_is_default
    at.text_input(key=f"item.{item_id}.wf_internal_reason").input("Lãnh đạo Bộ yêu cầu báo cáo sớm")
    at.button[0].click().run()
    assert not at.error
    assert not ctx_tracker(db_path).workflow(item_id).internal_is_default


def test_a_refused_step_says_why_and_changes_nothing(db_path, monkeypatch):
    item_id = at_stage(db_path, "drafting")  # already accepted
    at = run_form(db_path, monkeypatch, LEAD, "accept_form", item_id)
    at.button[0].click().run()
    assert "Đang dự thảo" in at.error[0].value
    assert "app.flash" not in at.session_state
    assert ctx_tracker(db_path).get_item(item_id).version == 2


@pytest.mark.parametrize(
    ("data", "says"),
    [(b"MZ\x90\x00 not a pdf", "không được nhận"), (b"%PDF-" + b"0" * (20 * 1024 * 1024), "vượt giới hạn 20")],
    ids=["refused_type", "too_large"],
)
def test_a_draft_with_a_refused_file_says_why_and_changes_nothing(db_path, monkeypatch, data, says):
    item_id = at_stage(db_path, "drafting")
    at = run_form(db_path, monkeypatch, LEAD, "submit_draft_form", item_id)
    at.text_area(key=f"item.{item_id}.wf_draft_text").input("Dự thảo trả lời")
    at.file_uploader(key=f"item.{item_id}.wf_draft_file").set_value(("du_thao.pdf", data, "application/pdf"))
    at.button[0].click().run()
    assert says in "\n".join(e.value for e in at.error)
    assert "app.flash" not in at.session_state
    assert current_stage(db_path, item_id) == Stage.DRAFTING
    assert "file_attached" not in [e.action for e in ctx_tracker(db_path).history(item_id)]
    assert at.text_area(key=f"item.{item_id}.wf_draft_text").value == "Dự thảo trả lời"  # what was typed is kept


def test_a_step_on_a_version_changed_meanwhile_is_refused_on_the_item_page(db_path, monkeypatch):
    from tests.conftest import start_app
    from tests.pages.item_page_helpers import open_action, open_item, submit

    item_id = at_stage(db_path, "in_review")
    at = start_app(db_path, monkeypatch, "liaison")
    open_action(open_item(at, item_id), item_id, "review")
    live = ctx_tracker(db_path)
    # A colleague at the Office moves the internal deadline in another tab meanwhile.
    live.set_internal_deadline(LIAISON, item_id, live.get_item(item_id).version, TODAY, "Lãnh đạo Bộ cần sớm")
    version = live.get_item(item_id).version
    at.text_area(key=f"item.{item_id}.wf_review_comment").input("Đồng ý")
    submit(at, f"item.{item_id}.wf_review_form")
    assert "đã được người khác cập nhật" in "\n".join(e.value for e in at.error)
    assert current_stage(db_path, item_id) == Stage.IN_REVIEW
    assert live.get_item(item_id).version == version


def test_a_draft_with_a_file_on_a_version_changed_meanwhile_attaches_nothing(db_path, monkeypatch):
    from tests.conftest import start_app
    from tests.pages.item_page_helpers import open_action, open_item, submit

    item_id = at_stage(db_path, "drafting")
    at = start_app(db_path, monkeypatch, "unit_officer", unit="TCBC")
    open_action(open_item(at, item_id), item_id, "submit_draft")
    live = ctx_tracker(db_path)
    live.set_internal_deadline(LIAISON, item_id, live.get_item(item_id).version, TODAY, "Lãnh đạo Bộ cần sớm")
    at.text_area(key=f"item.{item_id}.wf_draft_text").input("Dự thảo")
    at.file_uploader(key=f"item.{item_id}.wf_draft_file").set_value(
        ("du_thao.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf")
    )
    submit(at, f"item.{item_id}.wf_draft_form")
    assert "đã được người khác cập nhật" in "\n".join(e.value for e in at.error)
    assert current_stage(db_path, item_id) == Stage.DRAFTING
    assert "file_attached" not in [e.action for e in live.history(item_id)]
