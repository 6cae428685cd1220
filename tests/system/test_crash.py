"""Crash safety: SIGKILL in the middle of a large transaction and of a burst of edits; the file
reopens consistent, with all of each transaction or none of it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tracker.service import Filters, Tracker

WORKER = ROOT / "tests" / "crash_worker.py"


def _start(db: Path, marker: Path, mode: str) -> subprocess.Popen:
    Tracker.open(db).close()  # reference data first, so the child's work is the only thing in flight
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, str(WORKER), str(db), str(marker), mode], cwd=ROOT, env=env)


def _wait_for(marker: Path, ready, child: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if marker.exists() and ready(marker.read_text()):
            return
        assert child.poll() is None, "the worker ended before it could be killed"
        time.sleep(0.02)
    child.kill()
    pytest.fail("the worker never reached the point to kill it")


@pytest.mark.slow
def test_kill_during_a_large_transaction_leaves_none_of_it(tmp_path):
    db, marker = tmp_path / "t.duckdb", tmp_path / "marker"
    child = _start(db, marker, "bulk")
    _wait_for(marker, lambda text: text == "started", child)
    time.sleep(0.5)  # well inside the 20-million-row transaction
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert marker.read_text() == "started", "killed before the commit"
    tracker = Tracker.open(db)
    try:
        assert tracker.search(Filters(), date(2100, 1, 1), limit=1).total == 0
        assert tracker.integrity_problems() == []
    finally:
        tracker.close()


@pytest.mark.slow
def test_kill_in_the_middle_of_a_real_import_leaves_all_or_nothing(tmp_path):
    db, marker = tmp_path / "t.duckdb", tmp_path / "marker"
    child = _start(db, marker, "import")
    _wait_for(marker, lambda text: text == "writing", child, timeout=180)
    time.sleep(0.2)  # inside the one transaction that writes 40,000 items and their events
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert marker.read_text() == "writing", "killed before the commit"
    tracker = Tracker.open(db)
    try:
        assert tracker.search(Filters(), date(2100, 1, 1), limit=1).total == 0, "none of the import"
        assert tracker.integrity_problems() == []
    finally:
        tracker.close()


@pytest.mark.slow
@pytest.mark.parametrize("after_writes", [3, 25])
def test_kill_during_a_burst_of_edits_keeps_every_transaction_whole(tmp_path, after_writes):
    db, marker = tmp_path / "t.duckdb", tmp_path / "marker"
    child = _start(db, marker, "edits")
    _wait_for(marker, lambda text: text.isdigit() and int(text) >= after_writes, child)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    done = int(marker.read_text())
    tracker = Tracker.open(db)
    try:
        assert tracker.integrity_problems() == []
        items = tracker.search(Filters(), date(2100, 1, 1), limit=100_000).rows
        # Every loop the child finished is there in full; at most one more item is part-way
        # (created, or created and assigned), each of its steps whole.
        assert done <= len(items) <= done + 1
        for row in items[::-1][:done]:
            assert row["status"] == "replied_on_time" and row["lead_unit"] == "TCBC"
        for row in items:
            history = [e.action for e in tracker.history(row["id"])]
            assert history in (["created"], ["created", "reassigned"], ["created", "reassigned", "replied"])
    finally:
        tracker.close()
