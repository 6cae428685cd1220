"""The small frictions a new user met (issue 11, point 6), as they meet them under AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import draft, open_page, signed_in_as, start_app
from tests.pages.item_page_helpers import open_action, open_item, submit
from tracker import accounts
from tracker.permissions import SYSTEM
from ui.context import _open_tracker

ADD = "settings.user_add_form"


def add_account_form(at: AppTest) -> dict[str, object]:
    """The add-account form's widgets by their key without the round suffix."""
    widgets = [*at.text_input, *at.selectbox]
    return {w.key.rsplit(".", 1)[0]: w for w in widgets if w.key and w.key.startswith("settings.new_")}


def save_new_account(at: AppTest) -> None:
    [button] = [b for b in at.button if ADD in str(b.id)]
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_the_add_account_form_offers_the_least_privileged_role_first(db_path, monkeypatch):
    at = open_page(start_app(db_path, monkeypatch, role="admin"), "settings")
    assert add_account_form(at)["settings.new_role"].value == "viewer"


def test_a_name_already_taken_is_refused_and_the_form_keeps_what_was_typed(db_path, monkeypatch):
    accounts.add_user(_open_tracker(str(db_path)), SYSTEM, "canbo1", "mat-khau-canbo-1", "viewer")
    at = open_page(start_app(db_path, monkeypatch, role="admin"), "settings")
    form = add_account_form(at)
    form["settings.new_username"].input("canbo1")
    form["settings.new_display"].input("Lê Thị Hoa")
    form["settings.new_role"].set_value("liaison")
    form["settings.new_password"].input("mat-khau-moi-2026")
    save_new_account(at)
    assert at.error, "the duplicate name is refused"
    form = add_account_form(at)
    assert (form["settings.new_username"].value, form["settings.new_display"].value) == ("canbo1", "Lê Thị Hoa")
    assert form["settings.new_role"].value == "liaison"
    assert accounts.get_account(_open_tracker(str(db_path)), "canbo1").display_name != "Lê Thị Hoa"


def test_a_saved_account_empties_the_form_for_the_next_one(db_path, monkeypatch):
    at = open_page(start_app(db_path, monkeypatch, role="admin"), "settings")
    form = add_account_form(at)
    form["settings.new_username"].input("canbo2")
    form["settings.new_display"].input("Phạm Văn Minh")
    form["settings.new_password"].input("mat-khau-moi-2026")
    save_new_account(at)
    assert not at.error
    assert accounts.get_account(_open_tracker(str(db_path)), "canbo2").display_name == "Phạm Văn Minh"
    form = add_account_form(at)
    assert (form["settings.new_username"].value, form["settings.new_display"].value) == ("", "")
    assert form["settings.new_role"].value == "viewer"


def test_the_first_screen_says_it_creates_the_first_administrator_and_shows_the_password_rule(db_path, monkeypatch):
    at = start_app(db_path, monkeypatch, role=None)
    assert at.title[0].value == "Tạo tài khoản quản trị viên đầu tiên"
    assert "Mật khẩu cần ít nhất 10 ký tự." in [c.value for c in at.caption]
    assert not at.error, "shown before any attempt, not after failing it"


def test_once_an_account_exists_the_first_screen_is_the_sign_in(db_path, monkeypatch):
    accounts.add_user(_open_tracker(str(db_path)), SYSTEM, "quantri", "mat-khau-quantri-1", "admin")
    at = start_app(db_path, monkeypatch, role=None)
    assert at.title[0].value == "Đăng nhập"


def _item_assigned_by_the_admin(db_path) -> int:
    live = _open_tracker(str(db_path))
    admin = signed_in_as(db_path, "admin")
    item_id = live.create_item(admin, draft(live, lead_unit=None))
    live.assign(admin, item_id, 1, "CQĐP")
    return item_id


def test_history_shows_peoples_names_not_their_user_names(db_path, monkeypatch):
    item_id = _item_assigned_by_the_admin(db_path)
    at = start_app(db_path, monkeypatch, role="admin")
    at.query_params["item"] = str(item_id)
    open_page(at, "register")
    history = "\n".join(str(t.value) for t in at.text)
    assert "· Người thử admin · " in history
    assert "test-admin" not in history
    assert "— → —" not in history, "an empty field set to empty is no change"


def test_saving_an_assignment_that_changes_nothing_says_so_and_logs_nothing(db_path, monkeypatch):
    item_id = _item_assigned_by_the_admin(db_path)
    events = len(_open_tracker(str(db_path)).history(item_id))
    at = start_app(db_path, monkeypatch, role="admin")
    open_item(at, item_id)  # the item page (issue 11, points 1-2)
    open_action(at, item_id, "assign")
    submit(at, f"item.{item_id}.assign_form")
    assert not at.exception
    assert "Không có thay đổi nào." in [s.value for s in at.success]
    assert len(_open_tracker(str(db_path)).history(item_id)) == events


def test_the_empty_register_offers_import_as_something_that_exists(db_path, monkeypatch):
    at = start_app(db_path, monkeypatch, role="admin")
    shown = " ".join(str(m.value) for m in [*at.info, *at.markdown, *at.caption])
    assert "Chưa có kiến nghị hay chất vấn nào" in shown
    assert "nhập từ tệp" in shown and "sắp có" not in shown


def test_the_audit_trail_names_people_by_their_display_names(db_path, monkeypatch):
    _item_assigned_by_the_admin(db_path)
    at = open_page(start_app(db_path, monkeypatch, role="admin"), "audit")
    actors = set(at.dataframe[0].value["Người thực hiện"])
    assert "Người thử admin" in actors and "test-admin" not in actors
