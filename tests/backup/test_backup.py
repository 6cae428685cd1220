"""Backups verified end to end (issue 8, point 3): every file's SHA-256 and the manifest's HMAC
are checked before anything is read, no SQL from the folder ever runs, folders are owner-only,
and a refused restore leaves the live file exactly as it was."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ADMIN, LIAISON, ROOT, copy_db, draft
from tracker import backup, backup_files, storage
from tracker.errors import InvalidInput
from tracker.service import Filters, Tracker


def _cli(*args: str, db: Path, lang: str | None = None):
    """The CLI with an empty, non-terminal standard input (so it can never wait on a prompt)."""
    env = {"TRACKER_DB": str(db), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"}
    if lang:
        env["TRACKER_LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        cwd=ROOT,
        env=env,
        input="",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def made(tmp_path: Path, db_path: Path):
    """A closed live file with two items and a backup of it; yields (live, backup folder)."""
    tracker = Tracker.open(db_path)
    tracker.create_item(LIAISON, draft(tracker, summary="Đề nghị điều chỉnh lương hưu"))
    tracker.create_item(LIAISON, draft(tracker, ref_no="12/BDN"))
    info = backup.make_backup(tracker, ADMIN, tmp_path / "backups")
    tracker.close()
    return db_path, info.path


def _resign(folder: Path, manifest: dict, key_file: Path) -> None:
    """What only someone holding the signing key could do."""
    body = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    (folder / "manifest.json").write_bytes(body)
    (folder / "manifest.hmac").write_text(backup_files.sign(backup_files.read_key(key_file), body), encoding="ascii")


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _rewrite_summary(folder: Path) -> None:
    # A valid Parquet file with one summary rewritten: what someone editing the record would do.
    path = folder / "items.parquet"
    tampered = folder.parent / "tampered.parquet"
    duckdb.execute(
        "copy (select * replace ('Đã sửa trái phép' as summary) from read_parquet(?)) to ? (format parquet)",
        [str(path), str(tampered)],
    )
    shutil.move(tampered, path)


def _rewrite_summary_and_its_hash(folder: Path) -> None:
    _rewrite_summary(folder)
    manifest = _manifest(folder)
    manifest["files"]["items.parquet"] = _digest(folder / "items.parquet")
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


def _add_load_sql(folder: Path) -> None:
    marker = folder.parent / "the-folder-sql-ran.csv"
    (folder / "load.sql").write_text(f"copy (select 1) to '{marker}';\n", encoding="utf-8")


def _add_subfolder(folder: Path) -> None:
    (folder / "extra").mkdir()


def _symlink_a_data_file(folder: Path) -> None:
    elsewhere = folder.parent / "units-elsewhere.parquet"
    shutil.move(folder / "units.parquet", elsewhere)
    (folder / "units.parquet").symlink_to(elsewhere)


def _edit_counts(folder: Path) -> None:
    manifest = _manifest(folder)
    manifest["counts"]["items"] += 1
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


def _sign_with_another_key(folder: Path) -> None:
    body = (folder / "manifest.json").read_bytes()
    (folder / "manifest.hmac").write_text(backup_files.sign(os.urandom(32), body), encoding="ascii")


TAMPERING: list[tuple[str, Callable[[Path], None], str, str, str]] = [
    # (case, what is done to the folder, refusal key, words in Vietnamese, words in English)
    (
        "changed data file",
        _rewrite_summary,
        "error.backup_changed_file",
        "items.parquet không còn khớp mã SHA-256",
        "items.parquet no longer matches",
    ),
    (
        "changed data file and its hash",
        _rewrite_summary_and_its_hash,
        "error.backup_signature_invalid",
        "Chữ ký của manifest",
        "signature",
    ),
    (
        "added load.sql",
        _add_load_sql,
        "error.backup_extra_file",
        "tệp lạ không được ghi khi sao lưu: load.sql",
        "not there at backup: load.sql",
    ),
    (
        "added file",
        lambda f: (f / "ghi-chu.txt").write_text("x", encoding="utf-8"),
        "error.backup_extra_file",
        "ghi-chu.txt",
        "ghi-chu.txt",
    ),
    ("added folder", _add_subfolder, "error.backup_extra_file", "tệp lạ", "extra"),
    ("data file made a symlink", _symlink_a_data_file, "error.backup_extra_file", "units.parquet", "units.parquet"),
    (
        "deleted file",
        lambda f: (f / "users.parquet").unlink(),
        "error.backup_missing_file",
        "thiếu tệp users.parquet",
        "missing users.parquet",
    ),
    ("tampered manifest", _edit_counts, "error.backup_signature_invalid", "manifest đã bị sửa", "manifest was edited"),
    ("signed with another key", _sign_with_another_key, "error.backup_signature_invalid", "khóa khác", "another key"),
    (
        "signature removed",
        lambda f: (f / "manifest.hmac").unlink(),
        "error.backup_signature_missing",
        "không có chữ ký",
        "no signature",
    ),
    (
        "manifest not json",
        lambda f: (f / "manifest.json").write_text("{", encoding="utf-8"),
        "error.backup_manifest_damaged",
        "bị hỏng",
        "damaged",
    ),
    (
        "manifest removed",
        lambda f: (f / "manifest.json").unlink(),
        "error.not_a_backup",
        "không phải bản sao lưu",
        "not a backup",
    ),
]


@pytest.mark.parametrize(("case", "tamper", "key", "vi", "en"), TAMPERING, ids=[c[0] for c in TAMPERING])
def test_an_altered_backup_is_refused_and_the_live_file_is_untouched(made, case, tamper, key, vi, en):
    live, folder = made
    before = _digest(live)
    tamper(folder)
    with pytest.raises(InvalidInput) as refused:
        backup.restore(folder, live)
    assert refused.value.key == key
    assert vi in refused.value.message("vi") and str(folder) in refused.value.message("vi")
    assert en in refused.value.message("en")
    assert _digest(live) == before
    assert not list(live.parent.glob("*.before-restore-*")) and not list(live.parent.glob("*.restoring*"))
    assert not list(live.parent.glob(".backup-files-*"))
    assert not (folder.parent / "the-folder-sql-ran.csv").exists()


@pytest.mark.parametrize("case", ["newer schema", "unknown file name", "columns changed"])
def test_a_backup_signed_by_our_key_but_not_our_schema_is_refused(made, case):
    # Even with a valid signature (a bug, or someone holding the key) the data must fit our schema.
    live, folder = made
    key_file = backup_files.key_path(live)
    manifest = _manifest(folder)
    expected = {
        "newer schema": "error.backup_newer_format",
        "unknown file name": "error.backup_manifest_damaged",
        "columns changed": "error.backup_columns_mismatch",
    }[case]
    if case == "newer schema":
        manifest["schema_version"] = 999
    elif case == "unknown file name":
        shutil.move(folder / "units.parquet", folder / "units.sql")
        manifest["files"]["units.sql"] = manifest["files"].pop("units.parquet")
    else:
        path = folder / "units.parquet"
        duckdb.execute(
            "copy (select code, name_vi from read_parquet(?)) to ? (format parquet)",
            [str(path), str(folder.parent / "u.parquet")],
        )
        shutil.move(folder.parent / "u.parquet", path)
        manifest["files"]["units.parquet"] = _digest(path)
    _resign(folder, manifest, key_file)
    before = _digest(live)
    with pytest.raises(InvalidInput) as refused:
        backup.restore(folder, live)
    assert refused.value.key == expected
    assert "không bị thay đổi" in refused.value.message("vi") and "not touched" in refused.value.message("en")
    assert _digest(live) == before and not list(live.parent.glob("*.before-restore-*"))


def test_a_backup_from_before_a_new_migration_is_built_at_its_version_then_migrated(made, tmp_path, monkeypatch):
    # A later release adds a column: the backup's files fit the schema it was made with, and the
    # new migration runs after the load, as it would have on the live file.
    live, folder = made
    queries = tmp_path / "queries"
    shutil.copytree(ROOT / "queries", queries)
    version = len(list(queries.glob("schema/[0-9][0-9][0-9]_*.sql"))) + 1
    (queries / "schema" / f"{version:03d}_test_note.sql").write_text(
        "-- Test migration: a new column with a default.\n-- Safe to run twice.\n"
        "alter table items add column if not exists test_note varchar default 'mới';\n",
        encoding="utf-8",
    )
    original = storage.Queries
    monkeypatch.setattr(storage, "Queries", lambda root=queries: original(root))
    backup.restore(folder, live)
    with duckdb.connect(str(live), read_only=True) as conn:
        notes = conn.execute("select distinct test_note from items").fetchall()
        versions = conn.execute("select max(version) from schema_migrations").fetchone()[0]
    assert notes == [("mới",)] and versions == version


def test_an_oversized_manifest_is_refused_without_being_read(made, monkeypatch):
    live, folder = made
    monkeypatch.setattr(backup_files, "MAX_MANIFEST_BYTES", 100)
    with pytest.raises(InvalidInput) as refused:
        backup.restore(folder, live)
    assert refused.value.key == "error.backup_manifest_damaged"


def test_a_backup_made_by_the_previous_version_is_refused_as_unverifiable(tmp_path, db_path):
    # The previous format: DuckDB EXPORT DATABASE (schema.sql, load.sql, Parquet) and a manifest of
    # counts and statistics only. Its load.sql is booby-trapped: restoring must never run it.
    tracker = Tracker.open(db_path)
    tracker.create_item(LIAISON, draft(tracker))
    fingerprint = backup.fingerprint(tracker)
    tracker.close()
    old = tmp_path / "tracker-20251201-101010-000000"
    marker = tmp_path / "old-load-sql-ran.csv"
    with duckdb.connect(str(db_path)) as conn:
        conn.execute(f"export database '{old}' (format parquet)")
    with (old / "load.sql").open("a", encoding="utf-8") as load:
        load.write(f"\ncopy (select 1) to '{marker}';\n")
    (old / "manifest.json").write_text(
        json.dumps({"created_at": "2025-12-01T10:10:10", **fingerprint}), encoding="utf-8"
    )
    before = _digest(db_path)
    with pytest.raises(InvalidInput) as refused:
        backup.restore(old, db_path)
    assert refused.value.key == "error.backup_old_format"
    assert "phiên bản cũ" in refused.value.message("vi") and "không thể kiểm chứng" in refused.value.message("vi")
    assert "older version" in refused.value.message("en") and "cannot be verified" in refused.value.message("en")
    assert _digest(db_path) == before and not marker.exists()


def test_backup_folders_and_files_are_readable_by_their_owner_only_whatever_the_umask(tmp_path, db_path):
    tracker = Tracker.open(db_path)
    previous = os.umask(0)  # the most permissive umask: nothing may rely on it
    try:
        info = backup.make_backup(tracker, ADMIN, tmp_path / "new" / "backups")
    finally:
        os.umask(previous)
        tracker.close()
    assert _mode(info.path) == 0o700 and _mode(info.path.parent) == 0o700
    names = sorted(p.name for p in info.path.iterdir())
    assert "manifest.json" in names and "manifest.hmac" in names and "items.parquet" in names
    assert not [n for n in names if n.endswith(".sql")]
    assert {p.name: _mode(p) for p in info.path.iterdir()} == dict.fromkeys(names, 0o600)
    key = backup_files.key_path(db_path)
    assert key.parent == db_path.parent and info.path not in key.parents
    assert _mode(key) == 0o600 and len(bytes.fromhex(key.read_text().strip())) == 32
    assert set(_manifest(info.path)["files"]) == {n for n in names if n.endswith(".parquet")}


def test_the_signing_key_is_made_once_and_reused(tmp_path, db_path):
    tracker = Tracker.open(db_path)
    try:
        first = backup.make_backup(tracker, ADMIN, tmp_path / "b")
        key = backup_files.key_path(db_path).read_text()
        second = backup.make_backup(tracker, ADMIN, tmp_path / "b")
    finally:
        tracker.close()
    assert backup_files.key_path(db_path).read_text() == key
    assert backup.check_folder(first.path, db_path).signed and backup.check_folder(second.path, db_path).signed


def test_a_signing_key_copied_in_with_a_loose_mode_is_made_owner_only(tmp_path, db_path):
    key = backup_files.key_path(db_path)
    key.write_text(os.urandom(32).hex() + "\n", encoding="ascii")
    key.chmod(0o644)
    tracker = Tracker.open(db_path)
    try:
        info = backup.make_backup(tracker, ADMIN, tmp_path / "b")
    finally:
        tracker.close()
    assert _mode(key) == 0o600
    assert backup.check_folder(info.path, db_path).signed


def test_a_restore_into_a_new_place_without_its_key_still_checks_every_file(made, tmp_path):
    _live, folder = made
    target = tmp_path / "elsewhere" / "new.duckdb"
    done = backup.restore(folder, target)
    assert not done.signed and done.kept is None and done.key == backup_files.key_path(target)
    restored = Tracker.open(target)
    try:
        assert restored.search(Filters(text="lương hưu"), date(2100, 1, 1)).total == 1
    finally:
        restored.close()


def test_backup_then_restore_gives_identical_statistics(demo_db, tmp_path):
    live = copy_db(demo_db.path, tmp_path)
    tracker = Tracker.open(live)
    before = backup.fingerprint(tracker)
    info = backup.make_backup(tracker, ADMIN, tmp_path / "backups")
    assert backup.last_backup(tracker)["path"] == str(info.path)
    # Work goes on after the backup; the restore must bring back the backup's state exactly.
    tracker.create_item(LIAISON, draft(tracker, ref_no="sau-sao-luu"))
    tracker.close()
    done = backup.restore(info.path, live)
    assert not list(live.parent.glob(".backup-files-*"))  # the private copies are gone
    kept = done.kept
    assert kept is not None and kept.exists()
    assert done.signed
    restored = Tracker.open(live)
    try:
        assert backup.fingerprint(restored) == before
        assert restored.integrity_problems() == []
    finally:
        restored.close()
    old = Tracker.open(kept)
    try:
        assert old.search(Filters(text="sau-sao-luu"), date(2100, 1, 1)).total == 1
    finally:
        old.close()


def test_a_restored_file_hands_out_new_ids_after_the_restored_ones(made):
    live, folder = made
    backup.restore(folder, live)
    tracker = Tracker.open(live)
    try:
        new_id = tracker.create_item(LIAISON, draft(tracker, ref_no="sau-khoi-phuc"))
        ids = [row["id"] for row in tracker.search(Filters(), date(2100, 1, 1)).rows]
        assert sorted(ids) == [1, 2, 3] and new_id == 3
        assert tracker.integrity_problems() == []
    finally:
        tracker.close()


def test_a_backup_that_does_not_match_its_manifest_is_not_restored(tracker, tmp_path, db_path):
    tracker.create_item(LIAISON, draft(tracker))
    info = backup.make_backup(tracker, ADMIN, tmp_path / "backups")
    manifest = json.loads((info.path / "manifest.json").read_text(encoding="utf-8"))
    manifest["counts"]["items"] += 1
    # Signed again with our key (only a key holder could): the figures check still refuses it.
    _resign(info.path, manifest, backup_files.key_path(db_path))
    tracker.close()
    size = db_path.stat().st_size
    with pytest.raises(InvalidInput) as refused:
        backup.restore(info.path, db_path)
    assert refused.value.key == "error.restore_mismatch"
    assert db_path.stat().st_size == size and not list(tmp_path.glob("*.before-restore-*"))


def test_without_the_key_a_restore_checks_the_hashes_and_says_the_signature_was_not_checked(made, tmp_path):
    live, folder = made
    key = backup_files.key_path(live)
    shutil.move(key, tmp_path / "key-kept-elsewhere")
    (folder / "items.parquet").write_bytes(b"PAR1" + os.urandom(64))
    refused = _cli("restore", str(folder), "--yes", db=live)
    assert refused.returncode != 0 and "items.parquet" in refused.stderr
    assert "Traceback" not in refused.stderr and len(refused.stderr.strip().splitlines()) == 1


def test_without_the_key_a_good_backup_restores_with_a_clear_warning(made, tmp_path):
    live, folder = made
    shutil.move(backup_files.key_path(live), tmp_path / "key-kept-elsewhere")
    vi = _cli("restore", str(folder), "--yes", db=live)
    assert vi.returncode == 0, vi.stderr
    assert "không kiểm chứng được chữ ký" in vi.stderr and str(backup_files.key_path(live)) in vi.stderr
    tables = len(_manifest(folder)["tables"])
    assert (
        f"{tables} tệp khớp mã SHA-256" in vi.stdout and "chữ ký HMAC" not in vi.stdout and "Đã khôi phục" in vi.stdout
    )
    en = _cli("restore", str(folder), "--yes", db=live, lang="en")
    assert en.returncode == 0, en.stderr
    assert "not the manifest's signature" in en.stderr and "Restored into" in en.stdout


def test_restore_from_the_cli_asks_for_confirmation(tmp_path, db_path):
    tracker = Tracker.open(db_path)
    tracker.create_item(LIAISON, draft(tracker))
    info = backup.make_backup(tracker, ADMIN, tmp_path / "b")
    tracker.close()
    refused = _cli("restore", str(info.path), db=db_path)
    assert refused.returncode != 0 and "--yes" in refused.stderr
    done = _cli("restore", str(info.path), "--yes", db=db_path)
    assert done.returncode == 0, done.stderr
    assert "Đã khôi phục" in done.stdout and "chữ ký HMAC của manifest đúng" in done.stdout
    assert done.stderr == ""
    check = _cli("check", db=db_path)
    assert check.returncode == 0 and "Dữ liệu nhất quán." in check.stdout


@pytest.mark.parametrize(("lang", "words"), [("vi", "không còn khớp mã SHA-256"), ("en", "no longer matches")])
def test_the_cli_refuses_an_altered_backup_in_one_line_and_keeps_the_live_file(made, lang, words):
    live, folder = made
    before = _digest(live)
    _rewrite_summary(folder)
    result = _cli("restore", str(folder), "--yes", db=live, lang=lang)
    assert result.returncode != 0
    assert words in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _digest(live) == before and not list(live.parent.glob("*.before-restore-*"))
