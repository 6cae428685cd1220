"""The Settings page's backup tab under AppTest: a backup made there is owner-only, checks as
intact, and restores; an altered one is named as such in the user's language."""

from __future__ import annotations

import json
import re
import stat
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import LIAISON, draft, open_page, start_app
from tracker import backup, backup_files
from tracker.service import Filters, Tracker
from ui.context import _open_tracker


def _shown(element) -> str:
    """The text as the reader sees it: the page escapes Markdown in messages (ctx.plain)."""
    return re.sub(r"\\(.)", r"\1", element.value)


_OTHER_TABS: dict[int, dict[str, set[str]]] = {}


def _alerts(at, kind: str) -> list:
    """The backup tab's alerts of one kind: AppTest renders every tab, and the calendar tab shows
    its own (the year announced, 24/11 not yet confirmed) on every run of the page."""
    return [e for e in getattr(at, kind) if e.value not in _OTHER_TABS[id(at)][kind]]


def _backup_from_the_page(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str = "vi"):
    monkeypatch.setenv("TRACKER_BACKUP_DIR", str(tmp_path / "backups"))
    at = open_page(start_app(db_path, monkeypatch, "admin", lang), "settings")
    _OTHER_TABS[id(at)] = {kind: {e.value for e in getattr(at, kind)} for kind in ("success", "warning", "error")}
    live = _open_tracker(str(db_path))
    live.create_item(LIAISON, draft(live, summary="Đề nghị sửa quy định về phụ cấp công vụ"))
    at.button(key="settings.make_backup").click().run()
    assert not at.exception, [e.value for e in at.exception]
    [folder] = (tmp_path / "backups").iterdir()
    return at, live, folder


def test_a_backup_made_on_the_settings_page_is_private_checks_intact_and_restores(db_path, tmp_path, monkeypatch):
    at, _live, folder = _backup_from_the_page(db_path, tmp_path, monkeypatch)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())
    assert at.selectbox(key="settings.check_folder").value == folder.name
    at.button(key="settings.check_backup").click().run()
    [success] = _alerts(at, "success")
    assert "nguyên vẹn" in _shown(success) and "chữ ký HMAC của manifest đúng" in _shown(success)
    assert not _alerts(at, "warning") and not _alerts(at, "error")
    # The app keeps the live file open (one writer), so the restore goes to another file with
    # the live database's key: what an administrator does with the CLI after stopping the app.
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    target = tmp_path / "restored" / "tracker.duckdb"
    target.parent.mkdir()
    done = backup.restore(folder, target, key_file=backup_files.key_path(db_path))
    assert done.signed and done.kept is None
    restored = Tracker.open(target)
    try:
        assert backup.fingerprint(restored) == {k: manifest[k] for k in ("counts", "stats", "stats_by_unit")}
        assert restored.search(Filters(text="phụ cấp công vụ"), date(2100, 1, 1)).total == 1
    finally:
        restored.close()


@pytest.mark.parametrize(
    ("lang", "words"), [("vi", "users.parquet không còn khớp mã SHA-256"), ("en", "users.parquet no longer matches")]
)
def test_the_settings_page_names_an_altered_backup_in_the_users_language(db_path, tmp_path, monkeypatch, lang, words):
    at, _live, folder = _backup_from_the_page(db_path, tmp_path, monkeypatch, lang)
    data = bytearray((folder / "users.parquet").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (folder / "users.parquet").write_bytes(bytes(data))
    at.button(key="settings.check_backup").click().run()
    assert not at.exception and not _alerts(at, "success")
    [error] = _alerts(at, "error")
    assert words in _shown(error)


def test_the_settings_page_warns_when_the_signing_key_is_not_here(db_path, tmp_path, monkeypatch):
    at, _live, _folder = _backup_from_the_page(db_path, tmp_path, monkeypatch)
    monkeypatch.setenv("TRACKER_BACKUP_KEY_FILE", str(tmp_path / "no-such-key"))
    at.button(key="settings.check_backup").click().run()
    [success] = _alerts(at, "success")
    assert "khớp mã SHA-256" in _shown(success) and "chữ ký HMAC" not in _shown(success)
    [warning] = _alerts(at, "warning")
    assert "không kiểm chứng được chữ ký" in _shown(warning)


def test_only_folders_named_as_we_name_backups_are_offered(tmp_path):
    (tmp_path / "tracker-20261201-080000-000001").mkdir()
    (tmp_path / "tracker-20261130-080000-000001").mkdir()
    (tmp_path / "not-a-backup").mkdir()
    (tmp_path / "tracker-20261201-090000-000001.txt").write_text("x", encoding="utf-8")
    assert backup.list_backups(tmp_path) == ["tracker-20261201-080000-000001", "tracker-20261130-080000-000001"]
    assert backup.list_backups(tmp_path / "missing") == []
