"""The item's own page (app_pages/item.py, /item?id=N) under AppTest: a header read at a glance,
only the actions the lifecycle table offers this person (a viewer: none), one focused form per
action that saves and stays on the item, the stale-version refusal, and our own "not found"."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import LIAISON, draft, reply, start_app
from tests.pages.item_page_helpers import action_buttons, forms_shown, open_action, open_item, submit
from tracker import clock
from tracker.permissions import Actor, Role
from ui import landing, session_routes
from ui.context import _open_tracker


def shown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader]
    parts += [s.value for s in at.success] + [e.value for e in at.error] + [w.value for w in at.warning]
    parts += [t.value for t in at.title] + [i.value for i in at.info] + [str(t.value) for t in at.text]
    return "\n".join(parts)


def page_links(at: AppTest) -> list[str]:
    return [link.proto.page for link in at.get("page_link")]


@pytest.fixture
def live(db_path: Path):
    return _open_tracker(str(db_path))


def test_the_header_says_kind_status_deadline_and_units_at_a_glance(db_path, monkeypatch, live):
    at = start_app(db_path, monkeypatch, "liaison")
    overdue = live.create_item(LIAISON, draft(live, lead_unit="TLBHXH", coordinating_units=("CQĐP", "TCBC")))
    item = live.get_item(overdue)
    open_item(at, overdue)
    text = shown(at)
    assert f"Mục số {overdue} — Kiến nghị cử tri" in text
    assert ":red-badge[Quá hạn]" in text
    assert f"quá hạn {(clock.today() - item.due_on).days} ngày" in text
    assert item.due_on.strftime("%d/%m/%Y") in text
    assert "Kỳ họp thứ 9" in text and "Sau kỳ họp" in text
    assert "Vụ Chính quyền địa phương, Vụ Tổ chức - Biên chế" in text  # coordinating, in the header
    assert any("Tiền lương" in t.value for t in at.text)  # the details below it

    fresh = live.create_item(LIAISON, draft(live, received_on=clock.today(), summary="Đề nghị sửa Luật Cán bộ"))
    due = live.get_item(fresh).due_on
    open_item(at, fresh)
    assert f"còn {(due - clock.today()).days} ngày" in shown(at)
    assert ":blue-badge[Chưa đến hạn]" in shown(at)

    live.record_reply(LIAISON, fresh, 1, reply(clock.today()))
    open_item(at, fresh)
    assert ":green-badge[Đã trả lời đúng hạn]" in shown(at)
    assert "còn " not in shown(at) and "quá hạn " not in shown(at), "no countdown once replied"


@pytest.mark.parametrize(
    ("role", "unit", "expected"),
    [
        (
            "liaison",
            None,
            # link_similar and merge: issue 14's "raised before" and "merge a duplicate"
            [
                "assign",
                "reply",
                "record_progress",
                "override_deadline",
                "edit",
                "transfer",
                "archive",
                "link_similar",
                "merge",
                "set_internal_deadline",  # issue 12: the Office sets the unit's deadline for the draft
            ],
        ),
        # the lead unit; issue 12: it accepts the item or returns it to the Office
        ("unit_officer", "TLBHXH", ["reply", "record_progress", "accept", "return"]),
        ("unit_officer", "CQĐP", ["reply", "record_progress"]),  # a coordinating unit, before the reply
        ("unit_officer", "CCVC", []),  # a unit with no part in it
        ("viewer", None, []),
    ],
)
def test_the_action_row_offers_only_what_this_person_may_do(db_path, monkeypatch, live, role, unit, expected):
    at = start_app(db_path, monkeypatch, role, "vi", unit)
    item_id = live.create_item(LIAISON, draft(live, coordinating_units=("CQĐP",)))
    open_item(at, item_id)
    assert action_buttons(at, item_id) == expected
    if not expected:  # no action controls at all: no button, no form, only the sentence why
        assert not [b for b in at.button if (b.key or "").startswith(f"item.{item_id}.")]
        assert forms_shown(at, item_id) == set()
        assert "Bạn chỉ có quyền xem mục này." in shown(at)


def test_after_a_reply_the_deadline_form_is_no_longer_offered(db_path, monkeypatch, live):
    at = start_app(db_path, monkeypatch, "liaison")
    item_id = live.create_item(LIAISON, draft(live))
    live.record_reply(LIAISON, item_id, 1, reply(date(2025, 9, 1)))
    open_item(at, item_id)
    offered = action_buttons(at, item_id)
    assert "override_deadline" not in offered and "transfer" not in offered
    assert offered[:2] == ["assign", "correct_reply"]


def _saved_and_stayed(at: AppTest, item_id: int, done: str) -> None:
    assert done in [s.value for s in at.success], shown(at)
    assert f"Mục số {item_id} — Kiến nghị cử tri" in [s.value for s in at.subheader], "still on the item"
    assert forms_shown(at, item_id) == set(), "the form closes after saving"
    assert not at.error


def test_each_action_opens_one_form_saves_and_stays_on_the_item(db_path, monkeypatch, live):
    at = start_app(db_path, monkeypatch, "liaison")
    i = live.create_item(LIAISON, draft(live, received_on=clock.today() - timedelta(days=3)))
    p = f"item.{i}"
    open_item(at, i)

    open_action(at, i, "assign")
    assert forms_shown(at, i) == {"assign_form"}
    at.selectbox(key=f"{p}.assign_lead").set_value("CQĐP")
    at.multiselect(key=f"{p}.assign_coordinating").set_value(["TCBC"])
    at.text_input(key=f"{p}.assign_reason").input("Thuộc lĩnh vực chính quyền địa phương")
    submit(at, f"{p}.assign_form")
    _saved_and_stayed(at, i, "Đã lưu phân công.")
    assert (live.get_item(i).lead_unit, live.get_item(i).coordinating_units) == ("CQĐP", ("TCBC",))

    open_action(at, i, "record_progress")
    at.text_area(key=f"{p}.progress_note").input("Đã họp với Vụ Tổ chức - Biên chế ngày 25/11/2026")
    submit(at, f"{p}.progress_form")
    _saved_and_stayed(at, i, "Đã thêm ghi chú tiến độ.")

    new_due = clock.today() + timedelta(days=87)  # after the computed deadline, whatever the day (it was 26/02/2027)
    open_action(at, i, "override_deadline")
    at.date_input(key=f"{p}.deadline_date").set_value(new_due)
    at.text_input(key=f"{p}.deadline_reason").input("Lùi hạn sau Tết Đinh Mùi theo chỉ đạo của Bộ trưởng")
    submit(at, f"{p}.deadline_form")
    _saved_and_stayed(at, i, "Đã điều chỉnh hạn trả lời.")
    assert live.get_item(i).due_on == new_due
    assert new_due.strftime("%d/%m/%Y") in shown(at)

    open_action(at, i, "edit")
    at.text_input(key=f"{p}.edit_topic").input("Chính quyền địa phương")
    submit(at, f"{p}.edit_form")
    _saved_and_stayed(at, i, "Đã sửa thông tin.")
    assert live.get_item(i).topic == "Chính quyền địa phương"

    open_action(at, i, "transfer")
    at.text_input(key=f"{p}.transfer_note").input("Thuộc thẩm quyền UBND tỉnh Nghệ An")
    submit(at, f"{p}.transfer_form")
    _saved_and_stayed(at, i, "Đã ghi nhận chuyển.")
    # (link_similar and merge: issue 14's actions, offered on every item not archived)
    assert action_buttons(at, i) == [
        "assign",
        "record_progress",
        "edit",
        "undo_transfer",
        "archive",
        "link_similar",
        "merge",
    ]

    open_action(at, i, "undo_transfer")
    at.text_input(key=f"{p}.undo_transfer_reason").input("Chuyển nhầm")
    submit(at, f"{p}.undo_transfer_form")
    _saved_and_stayed(at, i, "Đã ghi nhận chuyển.")
    assert live.get_item(i).transferred_on is None

    open_action(at, i, "reply")
    at.text_input(key=f"{p}.reply_no").input("902/BNV-CQĐP")
    at.date_input(key=f"{p}.reply_date").set_value(clock.today())
    at.text_input(key=f"{p}.reply_signer").input("Thứ trưởng Trần Minh Khoa")
    at.radio(key=f"{p}.reply_result").set_value("explained")
    submit(at, f"{p}.reply_form")
    _saved_and_stayed(at, i, "Đã lưu văn bản trả lời.")
    assert ":green-badge[Đã trả lời đúng hạn]" in shown(at)

    open_action(at, i, "correct_reply")
    assert at.text_input(key=f"{p}.reply_no").value == "902/BNV-CQĐP"
    at.text_input(key=f"{p}.reply_no").input("903/BNV-CQĐP")
    submit(at, f"{p}.reply_form")
    _saved_and_stayed(at, i, "Đã lưu văn bản trả lời.")
    assert live.get_item(i).reply.response_no == "903/BNV-CQĐP"

    open_action(at, i, "archive")
    at.text_input(key=f"{p}.archive_reason").input("Nhập trùng với mục khác")
    submit(at, f"{p}.archive_form")
    _saved_and_stayed(at, i, "Đã cập nhật.")
    assert "restore" in action_buttons(at, i)
    actions = [e.action for e in live.history(i)]
    assert actions[0] == "created" and actions[-1] == "archived" and len(actions) == 10


def test_a_form_with_bad_input_says_why_changes_nothing_and_stays_open(db_path, monkeypatch, live):
    at = start_app(db_path, monkeypatch, "liaison")
    i = live.create_item(LIAISON, draft(live))
    before = live.get_item(i)
    open_action(open_item(at, i), i, "transfer")
    submit(at, f"item.{i}.transfer_form")  # no note
    assert at.error and forms_shown(at, i) == {"transfer_form"}
    assert live.get_item(i) == before


def test_a_change_made_meanwhile_is_refused_with_the_reason(db_path, monkeypatch, live):
    at = start_app(db_path, monkeypatch, "liaison")
    i = live.create_item(LIAISON, draft(live))
    open_action(open_item(at, i), i, "override_deadline")
    colleague = Actor("binh", Role.LIAISON, None, "Trần Thị Bình")
    live.assign(colleague, i, 1, "CQĐP", (), "Chuyển đúng đơn vị")  # a colleague, in another tab
    at.date_input(key=f"item.{i}.deadline_date").set_value(date(2027, 1, 15))
    at.text_input(key=f"item.{i}.deadline_reason").input("Gia hạn")
    submit(at, f"item.{i}.deadline_form")
    assert "đã được người khác cập nhật" in "\n".join(e.value for e in at.error)
    assert any("vừa được người khác cập nhật" in w.value for w in at.warning)
    assert live.get_item(i).due_on != date(2027, 1, 15)
    assert f"Mục số {i} — Kiến nghị cử tri" in [s.value for s in at.subheader]


@pytest.mark.parametrize("wanted", ["424242", "abc", ""])
def test_an_item_link_that_leads_nowhere_gets_our_not_found(db_path, monkeypatch, wanted):
    at = start_app(db_path, monkeypatch, "viewer")
    open_item(at, wanted)
    assert [t.value for t in at.title] == ["Không tìm thấy mục"]
    assert "Không tìm thấy mục số" in shown(at)
    assert page_links(at) == ["register"]


@pytest.mark.parametrize(("role", "links"), [("liaison", ["", "register"]), (None, [""])])
def test_the_not_found_page_is_vietnamese_with_a_way_home(db_path, monkeypatch, role, links):
    at = start_app(db_path, monkeypatch, role)
    at.switch_page("app_pages/not_found.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Không tìm thấy trang"]
    assert page_links(at) == links
    assert "Page not found" not in shown(at)


def test_an_unknown_address_is_answered_by_our_page_and_a_known_one_is_not(monkeypatch):
    def asked(name):
        run = SimpleNamespace(pages_manager=SimpleNamespace(intended_page_name=name))
        monkeypatch.setattr(landing, "get_script_run_ctx", lambda: run)
        return landing.unknown_address(["", "register", "item"])

    assert asked("khong-co-trang-nay") == "khong-co-trang-nay"
    assert asked("register") is None and asked("") is None and asked(None) is None
    assert asked("a/b") is None, "several segments cannot be a page address: Streamlit's box stays"


def test_a_signed_out_item_link_carries_the_item_through_sign_in(db_path, monkeypatch):
    from tests.pages.test_sign_in_pages import PASSWORD
    from tracker import accounts
    from tracker.permissions import SYSTEM

    monkeypatch.setattr(session_routes, "installed", True)
    live = _open_tracker(str(db_path))
    accounts.add_user(live, SYSTEM, "lienlac", PASSWORD, Role.LIAISON)
    at = start_app(db_path, monkeypatch, None)
    at.query_params["id"] = "7"
    at.run()
    at.text_input(key="sign_in.username").input("lienlac")
    at.text_input(key="sign_in.password").input(PASSWORD)
    at.button(key="FormSubmitter:sign_in.form-Đăng nhập").click().run()
    # (only the cookie route's script: ui/frontend_texts.py's script is not a redirect)
    scripts = [h for h in at.html if "window.location.replace" in h.proto.body]
    assert len(scripts) == 1
    assert "next=%2F%3Fid%3D7" in scripts[0].proto.body  # AppTest has no address: the browser test has /item


def test_every_verb_of_the_lifecycle_table_has_a_registered_form():
    from tracker.lifecycle import TABLE
    from ui import item_actions

    item_actions.load()
    assert {str(verb) for verb in TABLE} <= set(item_actions.ACTIONS), "an offered verb would have no button"
