"""A database file that cannot be used (issue 8, point 4): read-only, damaged or held by another
process gives one sentence each, in the app (even to anonymous visitors, with no traceback and
no server path) and in the CLI (one line, non-zero exit); `check` calls damage damage.

CI runs as root, which may write a 0444 file: the tracker treats a file without write bits as
read-only on purpose (tracker/storage.py), and DuckDB's own "Permission denied" is produced for
real in a child process that has given up root's CAP_DAC_OVERRIDE."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli, start_app
from tracker.errors import DatabaseBusy, DatabaseCorrupt, DatabaseReadOnly
from tracker.service import Tracker
from tracker.storage import Database

READ_ONLY_VI = "chỉ đọc"
DAMAGED_VI = "bị hỏng: hãy khôi phục từ bản sao lưu"


@pytest.fixture
def made(db_path: Path) -> Path:
    Tracker.open(db_path).close()
    return db_path


def garbage(path: Path) -> Path:
    path.write_bytes(b"\x00\xff not a database " * 2000)
    return path


def damaged_blocks(made: Path) -> Path:
    """A real tracker file whose blocks after the headers are overwritten: its catalog no longer
    passes DuckDB's checksums."""
    with open(made, "r+b") as f:
        f.seek(12288)
        f.write(bytes(range(256)) * ((made.stat().st_size - 12288) // 256))
    return made


def test_a_file_that_is_not_a_database_is_called_damaged(db_path):
    with pytest.raises(DatabaseCorrupt) as caught:
        Database(garbage(db_path))
    assert caught.value.message("vi") == f"Tệp {db_path} {DAMAGED_VI} (python -m tracker restore THƯ_MỤC)."
    assert (
        caught.value.message("en")
        == f"The file {db_path} is damaged: restore from a backup (python -m tracker restore FOLDER)."
    )


def test_a_tracker_file_with_damaged_blocks_is_called_damaged(made):
    with pytest.raises(DatabaseCorrupt):
        Tracker.open(damaged_blocks(made))


def test_a_file_without_write_permission_is_read_only_and_left_as_it_was(made):
    before = made.read_bytes()
    made.chmod(0o444)
    try:
        with pytest.raises(DatabaseReadOnly) as caught:
            Tracker.open(made)
    finally:
        made.chmod(0o644)
    assert (
        caught.value.message("en")
        == f"The database file {made} is read-only: give the file and its folder write permission."
    )
    assert made.read_bytes() == before


def test_a_healthy_file_reads_through_every_table(tracker):
    tracker.db.check_readable()  # raises nothing


def _drop_root_override() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH: gone after exec
        libc.prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP; fails harmlessly when not root


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="capabilities are Linux's")
def test_duckdbs_own_permission_error_in_a_read_only_folder_is_one_line(made, tmp_path):
    # The file may be written but its folder may not: DuckDB fails at the first commit, when it
    # creates the write-ahead log. Run as a real non-privileged writer would meet it.
    made.parent.chmod(0o555)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "tracker", "init"],
            check=False,
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, "TRACKER_DB": str(made), "TRACKER_LANG": "en"},
            preexec_fn=_drop_root_override,
            timeout=120,
        )
    finally:
        made.parent.chmod(0o755)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"Error: The database file {made} is read-only: give the file and its folder write permission."
    ]


def test_cli_says_read_only_and_damaged_in_one_line(made, tmp_path):
    made.chmod(0o444)
    try:
        result = run_cli("stats", "--json", db=made)
    finally:
        made.chmod(0o644)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"Lỗi: Tệp cơ sở dữ liệu {made} chỉ đọc: hãy cấp quyền ghi cho tệp và thư mục chứa nó."
    ]

    bad = garbage(tmp_path / "hong.duckdb")
    for command in (("stats", "--json"), ("check",)):
        result = run_cli(*command, db=bad, lang="en")
        assert result.returncode == 2, command
        assert result.stderr.strip().splitlines() == [
            f"Error: The file {bad} is damaged: restore from a backup (python -m tracker restore FOLDER)."
        ], command


def test_check_names_damaged_blocks_as_damage(made):
    result = run_cli("check", db=damaged_blocks(made))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and DAMAGED_VI in lines[0]
    assert "quyền ghi" not in lines[0]  # not "check that its folder is writable"


def _app_page(db: Path, monkeypatch) -> list[str]:
    at = start_app(db, monkeypatch, role=None)  # an anonymous visitor
    assert not at.exception
    return [e.value for e in at.error]


def test_the_app_shows_one_sentence_for_a_read_only_file(made, monkeypatch):
    made.chmod(0o444)
    try:
        shown = _app_page(made, monkeypatch)
    finally:
        made.chmod(0o644)
    assert shown == ["Tệp cơ sở dữ liệu chỉ đọc, nên ứng dụng không mở được; hãy báo quản trị hệ thống."]


def test_the_app_shows_one_sentence_for_a_damaged_file(db_path, monkeypatch):
    shown = _app_page(garbage(db_path), monkeypatch)
    assert shown == ["Tệp cơ sở dữ liệu bị hỏng: hãy khôi phục từ bản sao lưu (báo quản trị hệ thống)."]
    assert str(db_path) not in "".join(shown)


HOLDER = "import sys, time\nfrom tracker.storage import Database\nheld = Database(sys.argv[1])\nprint('held', flush=True)\ntime.sleep(120)\n"


def test_the_app_shows_one_sentence_when_another_process_holds_the_file(made, monkeypatch):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(made)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        shown = _app_page(made, monkeypatch)
        with pytest.raises(DatabaseBusy):
            Database(made)
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert shown == ["Cơ sở dữ liệu đang được ứng dụng khác sử dụng; hãy báo quản trị hệ thống."]
    deadline = time.monotonic() + 30
    while True:  # and once the other process is gone, the next visit opens the file
        try:
            Database(made).close()
            break
        except DatabaseBusy:
            assert time.monotonic() < deadline
            time.sleep(0.2)
