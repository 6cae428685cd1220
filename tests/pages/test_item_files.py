"""The item's files on its page (issue 12, point 5) under AppTest: the Office attaches the incoming
letter and the signed reply, sees each with who added it, and can download it; a file of a refused
type, too large or missing is refused in Vietnamese and nothing is attached; a viewer only sees."""

from __future__ import annotations

import pytest

from tests.conftest import LIAISON, draft, start_app
from tests.pages.item_page_helpers import open_item, submit
from tracker import attachments
from tracker.attachments import MAX_ATTACHMENT_BYTES
from ui.context import _open_tracker

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def live(db_path):
    return _open_tracker(str(db_path))


@pytest.fixture
def item_id(live) -> int:
    return live.create_item(LIAISON, draft(live, lead_unit="TCBC"))


def attach(at, item_id: int, purpose: str, name: str, data: bytes, mime: str = "application/pdf"):
    key = f"item_files.{item_id}"
    at.selectbox(key=f"{key}.attach_purpose").set_value(purpose)
    at.file_uploader(key=f"{key}.attach_file").set_value((name, data, mime))
    return submit(at, f"{key}.attach_form")


def texts(at) -> str:
    return "\n".join(str(t.value) for t in at.text)


def test_the_office_attaches_the_incoming_letter_and_the_signed_reply(db_path, monkeypatch, live, item_id):
    at = open_item(start_app(db_path, monkeypatch, "liaison"), item_id)
    assert "Chưa có tệp nào." in [c.value for c in at.caption]
    attach(at, item_id, "incoming", "cong_van_den.pdf", PDF)
    assert not at.error, [e.value for e in at.error]
    assert "Đã đính kèm tệp." in [s.value for s in at.success]
    attach(at, item_id, "signed_reply", "tra_loi_da_ky.png", PNG, "image/png")
    shown = texts(at)
    assert "cong_van_den.pdf · Văn bản đến · 1 KB · Người thử liaison" in shown
    assert "tra_loi_da_ky.png · Văn bản trả lời đã ký" in shown
    assert [f.purpose for f in attachments.attachments_of(live, item_id)] == ["incoming", "signed_reply"]
    assert len(at.get("download_button")) == 2  # offered for download, never shown inline
    # Each upload is an event in the history, its purpose in words.
    history = {t for t in texts(at).split("\n") if "Loại tệp:" in t}
    assert history == {"Loại tệp: Văn bản đến", "Loại tệp: Văn bản trả lời đã ký"}


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("cong_van.pdf", b"MZ\x90\x00 not a pdf at all", "không được nhận"),  # a .pdf that is not one
        ("cong_van.pdf", b"%PDF-" + b"0" * MAX_ATTACHMENT_BYTES, "vượt giới hạn 20"),  # over the limit
    ],
    ids=["refused_type", "too_large"],
)
def test_a_refused_file_says_why_in_vietnamese_and_attaches_nothing(
    db_path, monkeypatch, live, item_id, name, data, says
):
    at = open_item(start_app(db_path, monkeypatch, "liaison"), item_id)
    attach(at, item_id, "incoming", name, data)
    assert says in "\n".join(e.value for e in at.error)
    assert attachments.attachments_of(live, item_id) == []
    assert [e.action for e in live.history(item_id)] == ["created"]


def test_attaching_without_a_file_is_refused(db_path, monkeypatch, live, item_id):
    at = open_item(start_app(db_path, monkeypatch, "liaison"), item_id)
    submit(at, f"item_files.{item_id}.attach_form")
    assert "Chưa chọn tệp" in "\n".join(e.value for e in at.error)
    assert attachments.attachments_of(live, item_id) == []


def test_a_viewer_sees_the_files_and_cannot_attach(db_path, monkeypatch, live, item_id):
    attachments.attach_file(live, LIAISON, item_id, "cong_van_den.pdf", PDF, "incoming")
    at = open_item(start_app(db_path, monkeypatch, "viewer"), item_id)
    assert "cong_van_den.pdf · Văn bản đến" in texts(at)
    assert len(at.get("download_button")) == 1
    assert not [f for f in at.get("form") if "attach_form" in str(getattr(f, "form_id", ""))]
    with pytest.raises(KeyError):
        at.file_uploader(key=f"item_files.{item_id}.attach_file")
