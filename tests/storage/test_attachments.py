"""Attachments (tracker/attachments.py) on a real file: the five types told by their content, the
size limit, who may attach, stored once by SHA-256 beside the database, an event per upload."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import timedelta

import pytest

from tests.conftest import LIAISON, VIEWER, draft, officer
from tracker import attachments, clock
from tracker.errors import InvalidInput, PermissionDenied
from tracker.file_limits import FileTooLarge
from tracker.service import Tracker

PDF = b"%PDF-1.4\n%%EOF\n"


def office_file(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


@pytest.fixture
def item(tracker: Tracker) -> int:
    return tracker.create_item(
        LIAISON,
        draft(tracker, received_on=clock.today() - timedelta(days=2), lead_unit="TCBC", coordinating_units=("CQĐP",)),
    )


@pytest.mark.parametrize(
    ("name", "data", "media"),
    [
        ("tra_loi.pdf", PDF, "application/pdf"),
        ("du_thao.docx", office_file("word/document.xml"), "wordprocessingml"),
        ("so_lieu.xlsx", office_file("xl/workbook.xml"), "spreadsheetml"),
        ("anh.PNG", b"\x89PNG\r\n\x1a\n0000", "image/png"),
        ("anh.jpeg", b"\xff\xd8\xff\xe0JFIF", "image/jpeg"),
    ],
)
def test_the_five_types_are_stored_by_their_hash_with_an_event(tracker, item, name, data, media):
    got = attachments.attach_file(tracker, officer("CQĐP"), item, f"C:\\Users\\x\\{name}", data, "part")
    assert got.name == name and media in got.media_type and got.size_bytes == len(data)
    stored = attachments.files_dir(tracker.db.path) / got.sha256
    assert got.sha256 == hashlib.sha256(data).hexdigest() and stored.read_bytes() == data
    (event,) = [e for e in tracker.history(item) if e.action == "file_attached"]
    assert event.actor == "cb_CQĐP" and event.reason == "part"
    assert tracker.get_item(item).version == 1  # an attachment moves no stage


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("tra_loi.pdf", b"MZ\x90\x00", "error.attachment_type"),  # a program named .pdf
        ("tra_loi.exe", PDF, "error.attachment_type"),  # a PDF named otherwise
        ("trang.html", b"<html><script>", "error.attachment_type"),
        ("du_thao.docx", office_file("xl/workbook.xml"), "error.attachment_type"),  # a workbook named .docx
        ("hong.docx", b"PK\x03\x04broken", "error.attachment_type"),
        ("rong.pdf", b"", "error.attachment_empty"),
    ],
)
def test_refused_files_change_nothing(tracker, item, name, data, key):
    with pytest.raises(InvalidInput) as caught:
        attachments.attach_file(tracker, LIAISON, item, name, data, "other")
    assert caught.value.key == key and caught.value.message("vi") != key
    assert attachments.attachments_of(tracker, item) == []
    assert not attachments.files_dir(tracker.db.path).exists()


def test_a_file_over_the_limit_is_refused_in_megabytes(tracker, item, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 1024)
    with pytest.raises(FileTooLarge) as caught:
        attachments.attach_file(tracker, LIAISON, item, "lon.pdf", PDF + b"0" * 2048, "other")
    assert "20 MB" in caught.value.message("vi")


def test_only_the_office_and_the_items_units_attach(tracker, item):
    for actor in (VIEWER, officer("CCVC")):
        with pytest.raises(PermissionDenied):
            attachments.attach_file(tracker, actor, item, "x.pdf", PDF, "other")
    assert attachments.attachments_of(tracker, item) == []


def test_a_file_changed_on_disk_is_not_handed_out(tracker, item):
    got = attachments.attach_file(tracker, LIAISON, item, "x.pdf", PDF, "incoming")
    (attachments.files_dir(tracker.db.path) / got.sha256).write_bytes(PDF + b"x")
    with pytest.raises(InvalidInput) as caught:
        attachments.read_bytes(tracker, got)
    assert caught.value.key == "error.attachment_damaged"
