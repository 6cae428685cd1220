"""Settings' "Thông báo của tôi" under AppTest (issue 13): any signed-in account sets its own
e-mail, language and the messages its role is sent; the legal-deadline ones are shown ticked and
cannot be unticked; bad input changes nothing; a non-administrator sees only this part."""

from __future__ import annotations

from tests.conftest import open_page, start_app
from tracker.mail import directory
from tracker.plain_text import unescape_markdown
from ui.context import _open_tracker

P = "settings.mine"


def _save(at):
    next(b for b in at.get("button") if getattr(b, "form_id", None) == f"{P}.form").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_units_officer_chooses_its_own_messages_but_not_the_legal_deadline_ones(db_path, monkeypatch):
    at = open_page(start_app(db_path, monkeypatch, role="unit_officer", unit="CCVC"), "settings")
    assert not at.tabs  # the administrator's tabs are not this account's
    boxes = {c.key.removeprefix(f"{P}.receives."): c for c in at.checkbox}
    assert list(boxes) == [
        "assigned",
        "due_soon",
        "overdue",
        "internal_due_soon",
        "internal_overdue",
        "commitment_passed",
    ]
    assert boxes["due_soon"].disabled and boxes["due_soon"].value and boxes["overdue"].disabled
    assert not boxes["assigned"].disabled and boxes["assigned"].value
    assert boxes["due_soon"].label == "Nhắc trước hạn trả lời"
    assert "luôn được gửi, không tắt được" in unescape_markdown(" ".join(c.value for c in at.caption))

    at.text_input(key=f"{P}.email").set_value("khong-phai-dia-chi")
    at.checkbox(key=f"{P}.receives.internal_due_soon").uncheck()
    _save(at)
    assert 'Địa chỉ thư "khong-phai-dia-chi" không hợp lệ.' in unescape_markdown(" ".join(e.value for e in at.error))
    live = _open_tracker(str(db_path))
    assert directory.get_contact(live.db, "test-unit_officer-CCVC") is None  # nothing changed

    at.text_input(key=f"{P}.email").set_value("Can.Bo@moha.gov.vn")
    at.selectbox(key=f"{P}.lang").set_value("en")
    _save(at)
    contact = directory.get_contact(live.db, "test-unit_officer-CCVC")
    assert (contact.email, contact.lang, contact.muted) == (
        "can.bo@moha.gov.vn",
        "en",
        frozenset({"internal_due_soon"}),
    )
    # The page reads back what is stored: the unticked kind stays unticked.
    assert at.checkbox(key=f"{P}.receives.internal_due_soon").value is False
    assert at.checkbox(key=f"{P}.receives.assigned").value is True


def test_the_office_sees_its_own_kinds_and_an_administrator_keeps_every_tab(db_path, monkeypatch):
    at = open_page(start_app(db_path, monkeypatch, role="liaison", lang="en"), "settings")
    labels = [c.label for c in at.checkbox]
    assert labels == [
        "Overdue notice",
        "Internal (draft) deadline passed",
        "A unit returned an item (to the Office)",
        "A unit submitted a draft (to the Office)",
        "Weekly digest",
    ]
    assert at.checkbox(key=f"{P}.receives.overdue").disabled
    assert at.checkbox(key=f"{P}.receives.digest").disabled is False
    admin = open_page(start_app(db_path, monkeypatch, role="admin"), "settings")
    assert len(admin.tabs) == 8 and [c.key for c in admin.checkbox if c.key.startswith(P)] == [f"{P}.receives.digest"]
