"""Attached files in backups (issue 12): copied in, hashed by the manifest, refused when changed,
put back by a restore; a backup refuses to be made when an attached file is missing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import ADMIN, LIAISON, draft, officer
from tracker import attachments, backup, clock
from tracker.errors import InvalidInput
from tracker.service import Tracker

PDF = b"%PDF-1.7\n% du thao tra loi\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def attached(tracker: Tracker) -> tuple[Tracker, int, list[attachments.Attachment]]:
    item_id = tracker.create_item(
        LIAISON, draft(tracker, received_on=clock.today() - timedelta(days=2), lead_unit="TCBC")
    )
    files = [
        attachments.attach_file(tracker, LIAISON, item_id, "cong_van_den.pdf", PDF, "incoming"),
        attachments.attach_file(tracker, officer("TCBC"), item_id, "so_lieu.png", PNG, "draft"),
    ]
    return tracker, item_id, files


def test_a_backup_carries_the_files_and_a_restore_puts_them_back(attached, tmp_path):
    tracker, item_id, files = attached
    info = backup.make_backup(tracker, ADMIN, tmp_path / "backups")
    assert sorted(p.name for p in info.path.glob("attachment-*")) == sorted(f"attachment-{f.sha256}" for f in files)
    assert backup.check_folder(info.path, tracker.db.path).files >= 3
    live = tmp_path / "restored" / "tracker.duckdb"
    backup.restore(info.path, live, key_file=backup.files.key_path(tracker.db.path))
    restored = Tracker.open(live)
    try:
        got = attachments.attachments_of(restored, item_id)
        assert [attachments.read_bytes(restored, a) for a in got] == [PDF, PNG]
    finally:
        restored.close()


def test_a_changed_file_in_the_backup_is_refused(attached, tmp_path):
    tracker, _, files = attached
    info = backup.make_backup(tracker, ADMIN, tmp_path / "backups")
    target = info.path / f"attachment-{files[0].sha256}"
    target.chmod(0o600)
    target.write_bytes(PDF + "sửa".encode())
    with pytest.raises(InvalidInput) as caught:
        backup.check_folder(info.path, tracker.db.path)
    assert caught.value.key == "error.backup_changed_file"


def test_no_backup_is_made_when_an_attached_file_is_gone(attached, tmp_path):
    tracker, _, files = attached
    (attachments.files_dir(tracker.db.path) / files[1].sha256).unlink()
    with pytest.raises(InvalidInput) as caught:
        backup.make_backup(tracker, ADMIN, tmp_path / "backups")
    assert caught.value.key == "error.backup_attachment_missing"
    assert backup.list_backups(tmp_path / "backups") == []
