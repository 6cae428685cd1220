"""Every page under AppTest: a smoke run of each registered page, in both languages and for every
role, plus the core journey a liaison officer and the Minister's office make:
enter -> assign -> reply -> the progress chart moves."""

from __future__ import annotations

import ast
from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import copy_db, open_page, start_app
from tests.pages.chart_helpers import chart_counts
from tests.pages.item_page_helpers import open_action, open_item
from tracker import clock
from tracker.plain_text import unescape_markdown
from tracker.service import Filters
from tracker.sessions import SessionRef
from ui.context import _open_tracker

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.stem for p in (ROOT / "app_pages").glob("*.py") if not p.name.startswith("_"))
SIGNED_IN_PAGES = [p for p in PAGES if p != "sign_in"]


def registered_pages() -> list[str]:
    tree = ast.parse((ROOT / "streamlit_app.py").read_text(encoding="utf-8"))
    return sorted(
        Path(node.args[0].value).stem
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", "") == "Page"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    )


def app(
    db: Path, monkeypatch: pytest.MonkeyPatch, role: str | None = "admin", lang: str = "vi", unit: str | None = None
) -> AppTest:
    return start_app(db, monkeypatch, role, lang, unit)


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption] + [m.value for m in at.info]
    parts += [m.value for m in at.success] + [m.value for m in at.error] + [m.value for m in at.title]
    parts += [str(m.value) for m in at.metric]
    return "\n".join(parts)


@pytest.fixture
def demo_db_copy(demo_db, tmp_path) -> Path:
    return copy_db(demo_db.path, tmp_path)


def test_every_page_file_is_registered():
    assert PAGES == registered_pages()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", SIGNED_IN_PAGES)
def test_every_page_runs_on_demo_data(page, lang, demo_db_copy, monkeypatch):
    at = open_page(app(demo_db_copy, monkeypatch, lang=lang), page)
    assert at.title, "every page has a title"
    if lang == "vi":
        assert any(ch in texts(at) for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


@pytest.mark.parametrize("page", SIGNED_IN_PAGES)
def test_every_page_runs_on_an_empty_database(page, db_path, monkeypatch):
    open_page(app(db_path, monkeypatch), page)


def test_empty_register_says_how_to_begin_and_loads_demo(db_path, monkeypatch):
    at = open_page(app(db_path, monkeypatch), "progress")
    assert "dữ liệu mẫu" in texts(at)
    at.button(key="progress.load_demo").click().run()
    assert not at.exception
    assert "Kiến nghị cử tri: đã trả lời" in texts(at)


@pytest.mark.parametrize("role", ["viewer", "unit_officer"])
def test_roles_without_the_right_do_not_get_entry_pages_and_get_only_their_own_settings(
    role, demo_db_copy, monkeypatch
):
    at = app(demo_db_copy, monkeypatch, role=role, unit="CQĐP" if role == "unit_officer" else None)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/new_item.py")
    # Issue 13: Settings is every account's for "Thông báo của tôi"; the administrator's tabs are not theirs.
    open_page(at, "settings")
    assert not at.tabs and [e.label for e in at.expander] == ["Thông báo của tôi"]


def test_viewer_sees_items_read_only(demo_db_copy, monkeypatch):
    at = app(demo_db_copy, monkeypatch, role="viewer")
    at.query_params["item"] = "1"
    open_page(at, "register")
    assert "Bạn chỉ có quyền xem mục này." in texts(at)
    assert not [b for b in at.get("button") if "reply_form" in str(getattr(b, "form_id", ""))]


def test_progress_shows_129_of_129_and_no_question_for_session_8(demo_db_copy, monkeypatch):
    at = open_page(app(demo_db_copy, monkeypatch), "progress")
    at.selectbox(key="progress.session").set_value(_session_id(demo_db_copy, "15/7")).run()
    assert not at.exception
    assert "Kiến nghị cử tri: đã trả lời 129/129 (100 %)." in texts(at)
    at.selectbox(key="progress.session").set_value(_session_id(demo_db_copy, "15/8")).run()
    assert "Chưa nhận được chất vấn nào của đại biểu Quốc hội tại Kỳ họp thứ 8, Quốc hội khóa XV." in texts(at)


def _session_id(db: Path, code: str) -> int:
    # The app's process-wide Tracker holds the file, so read ids through it.
    return _open_tracker(str(db)).reference.session_by_ref(SessionRef.parse(code)).id


def test_language_switch_shows_english(demo_db_copy, monkeypatch):
    at = open_page(app(demo_db_copy, monkeypatch, lang="en"), "progress")
    assert at.title[0].value == "Progress on voter recommendations and questions"
    at.radio(key="app.lang").set_value("vi").run()
    assert at.title[0].value == "Tiến độ trả lời kiến nghị cử tri và chất vấn"


def test_journey_enter_assign_reply_moves_the_chart(db_path, monkeypatch):
    received = clock.today() - timedelta(days=3)
    at = open_page(app(db_path, monkeypatch, role="liaison"), "new_item")
    at.radio(key="new_item.kind").set_value("voter_recommendation").run()
    at.date_input(key="new_item.received_on").set_value(received).run()
    at.text_area(key="new_item.sources").input("Cử tri tỉnh Nghệ An; Cử tri TP. Hà Nội")
    at.text_area(key="new_item.summary").input("Đề nghị tăng phụ cấp cho người hoạt động không chuyên trách ở cấp xã")
    at.text_input(key="new_item.ref_no").input("1234/BDN")
    at.run()
    assert "Hạn trả lời" in texts(at) and "+ 60 ngày" in texts(at)
    at.button(key="new_item.save").click().run()
    assert not at.exception
    assert "Đã lưu mục số 1." in texts(at), texts(at)

    tracker = _open_tracker(str(db_path))
    item = tracker.get_item(1)
    assert item.lead_unit is None
    session_id = item.session_id

    # Progress before the reply: 0/1 replied.
    open_page(at, "progress")
    at.selectbox(key="progress.session").set_value(session_id).run()
    assert "Kiến nghị cử tri: đã trả lời 0/1 (0 %)." in texts(at)

    # Assign it on its page (opened by the register's old link ?item=1, an alias of /item?id=1).
    at.query_params["item"] = "1"
    open_page(at, "register")
    assert "Mục số 1 — Kiến nghị cử tri" in [s.value for s in at.subheader]
    open_item(at, 1)  # (AppTest's next run would go back to the register page: it keeps its own page)
    open_action(at, 1, "assign")
    at.selectbox(key="item.1.assign_lead").set_value("CQĐP")
    at.multiselect(key="item.1.assign_coordinating").set_value(["TCBC"])
    _submit(at, "item.1.assign_form")
    assert "Đã lưu phân công." in texts(at), texts(at)
    assert tracker.get_item(1).lead_unit == "CQĐP"

    # Record the reply.
    open_action(at, 1, "reply")
    at.text_input(key="item.1.reply_no").input("902/BNV-CQĐP")
    at.date_input(key="item.1.reply_date").set_value(clock.today())
    at.text_input(key="item.1.reply_signer").input("Thứ trưởng Trần Minh Khoa")
    at.radio(key="item.1.reply_result").set_value("explained")
    _submit(at, "item.1.reply_form")
    assert "Đã lưu văn bản trả lời." in texts(at), texts(at)
    history = [e.action for e in tracker.history(1)]
    assert history == ["created", "assigned", "replied"]

    # The chart and the counts moved: 1/1 replied on time.
    open_page(at, "progress")
    at.selectbox(key="progress.session").set_value(session_id).run()
    assert "Kiến nghị cử tri: đã trả lời 1/1 (100 %)." in texts(at)
    # The four buckets (1 replied on time), then the results (1 explained).
    assert chart_counts(at) == [1, 0, 0, 0, 0, 0, 1]
    assert tracker.search(Filters(status="replied_on_time"), clock.today()).total == 1


def _submit(at: AppTest, form_key: str) -> None:
    buttons = [
        b for b in at.get("button") if getattr(b, "form_id", "") == form_key or form_key in str(getattr(b, "id", ""))
    ]
    assert buttons, f"no submit button in {form_key}"
    buttons[0].click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_reply_errors_are_shown_in_vietnamese_and_change_nothing(demo_db_copy, monkeypatch):
    at = app(demo_db_copy, monkeypatch, role="liaison")
    tracker = _open_tracker(str(demo_db_copy))
    open_row = tracker.search(Filters(status="open"), clock.today(), limit=1).rows[0]
    before = tracker.get_item(open_row["id"])
    open_action(open_item(at, open_row["id"]), open_row["id"], "reply")
    at.radio(key=f"item.{open_row['id']}.reply_result").set_value("being_resolved")
    _submit(at, f"item.{open_row['id']}.reply_form")
    shown = texts(at)
    assert "Chưa nhập Số văn bản trả lời" in shown or "Chưa nhập response_no" in shown
    assert "cần ghi lộ trình" in shown
    assert tracker.get_item(open_row["id"]) == before


def test_unit_queue_lists_overdue_first(demo_db_copy, monkeypatch):
    at = open_page(app(demo_db_copy, monkeypatch, role="unit_officer", unit="CQĐP"), "queue")
    table = at.dataframe[0].value
    statuses = list(table["Tình trạng"])
    assert statuses, "the queue is not empty on demo data"
    order = {"Quá hạn": 0, "Sắp đến hạn": 1, "Chưa đến hạn": 2}
    ranks = [order.get(s, 3) for s in statuses]
    assert ranks == sorted(ranks)


def test_switching_language_midway_keeps_pages_working(demo_db_copy, monkeypatch):
    # (The label-keyed selectbox state that broke this in a real browser is covered by
    # tests/browser/test_journeys.py; AppTest keeps widget values by value.)
    at = open_page(app(demo_db_copy, monkeypatch), "progress")
    at.selectbox(key="progress.session").set_value(_session_id(demo_db_copy, "15/7")).run()
    at.selectbox(key="progress.kind").set_value("voter_recommendation").run()
    at.radio(key="app.lang").set_value("en").run()
    assert not at.exception, [e.value for e in at.exception]
    assert isinstance(at.selectbox(key="progress.session").value, int)
    at.radio(key="app.lang").set_value("vi").run()
    assert not at.exception
    open_page(at, "register")
    at.selectbox(key="register.status").set_value("overdue").run()
    at.radio(key="app.lang").set_value("en").run()
    assert not at.exception, [e.value for e in at.exception]


def test_opening_another_item_shows_its_own_values_not_the_last_ones(demo_db_copy, monkeypatch):
    at = app(demo_db_copy, monkeypatch, role="liaison")
    live = _open_tracker(str(demo_db_copy))
    replied = live.search(Filters(status="replied"), clock.today(), limit=1).rows[0]["id"]
    still_open = live.search(Filters(status="open"), clock.today(), limit=1).rows[0]["id"]
    open_action(open_item(at, replied), replied, "correct_reply")
    assert at.text_input(key=f"item.{replied}.reply_no").value == live.get_item(replied).reply.response_no
    open_action(open_item(at, still_open), still_open, "reply")
    assert at.text_input(key=f"item.{still_open}.reply_no").value == ""
    # Saving the open item's empty form must not copy the other item's reply onto it.
    _submit(at, f"item.{still_open}.reply_form")
    assert live.get_item(still_open).reply is None


def test_editing_one_account_after_another_saves_only_what_the_form_shows(db_path, monkeypatch):
    from tracker import accounts
    from tracker.permissions import SYSTEM

    at = app(db_path, monkeypatch, role="admin")
    live = _open_tracker(str(db_path))
    accounts.add_user(live, SYSTEM, "alice", "mat-khau-alice-1", "admin", display_name="Alice", email="a@moha.gov.vn")
    accounts.add_user(live, SYSTEM, "bob", "mat-khau-bob-12", "viewer", display_name="Bob")
    open_page(at, "settings")
    at.selectbox(key="settings.edit_user").set_value("alice").run()
    at.selectbox(key="settings.edit_user").set_value("bob").run()
    assert at.selectbox(key="settings.edit_role.bob").value == "viewer"
    _submit(at, "settings.user_edit_form.bob")
    bob = accounts.get_account(live, "bob")
    assert (bob.role.value, bob.display_name, bob.email) == ("viewer", "Bob", None)


def test_a_disabled_account_is_signed_out_at_its_next_click(db_path, monkeypatch):
    from tracker import accounts
    from tracker.permissions import SYSTEM

    at = app(db_path, monkeypatch, role="liaison")
    open_page(at, "new_item")
    accounts.update_user(
        _open_tracker(str(db_path)),
        SYSTEM,
        "test-liaison",
        display_name="",
        role="liaison",
        unit=None,
        email=None,
        active=False,
    )
    at.run()
    assert at.title[0].value == "Đăng nhập"


def test_what_people_typed_is_shown_as_text_in_error_messages(db_path, monkeypatch):
    at = open_page(app(db_path, monkeypatch, role="liaison"), "new_item")
    live = _open_tracker(str(db_path))
    from tests.conftest import LIAISON, draft

    session = at.selectbox(key="new_item.session").value
    live.create_item(
        LIAISON, draft(live, session_id=session, ref_no="![x](http://evil.example/p.png)", received_on=clock.today())
    )
    at.text_input(key="new_item.ref_no").input("![x](http://evil.example/p.png)")
    at.text_area(key="new_item.sources").input("Cử tri tỉnh Huế")
    at.text_area(key="new_item.summary").input("Trùng số văn bản đến")
    at.button(key="new_item.save").click().run()
    [shown] = [e.value for e in at.error]
    assert "đã có trong kỳ họp này" in shown
    # Every Markdown character of it is escaped (tracker/plain_text.py), so it reads as typed.
    assert "\\!\\[x\\]\\(http" in shown and "![" not in shown and "](" not in shown
    assert "![x](http://evil.example/p.png)" in unescape_markdown(shown)


def test_an_archived_item_can_be_found_and_restored_from_the_register(db_path, monkeypatch):
    from tests.conftest import LIAISON, draft

    at = app(db_path, monkeypatch, role="liaison")
    live = _open_tracker(str(db_path))
    item_id = live.create_item(LIAISON, draft(live))
    live.set_archived(LIAISON, item_id, 1, True, "Nhập nhầm")
    open_page(at, "register")
    assert any("Mục đã lưu trữ (1)" in e.label for e in at.expander)
    at.query_params["item"] = str(item_id)
    at.run()
    assert f"Mục số {item_id} — Kiến nghị cử tri" in [s.value for s in at.subheader]
    open_action(open_item(at, item_id), item_id, "restore")
    at.text_input(key=f"item.{item_id}.archive_reason").input("Không nhầm, khôi phục")
    _submit(at, f"item.{item_id}.archive_form")
    assert live.get_item(item_id).archived_at is None


def test_an_as_of_date_before_the_first_item_is_not_called_an_empty_register(demo_db_copy, monkeypatch):
    at = open_page(app(demo_db_copy, monkeypatch), "progress")
    at.date_input(key="progress.as_of").set_value(date(2020, 1, 1)).run()
    assert not at.exception
    assert "Tính đến ngày 01/01/2020 chưa nhận được kiến nghị hay chất vấn nào." in texts(at)
    assert not [b for b in at.button if b.key == "progress.load_demo"]
