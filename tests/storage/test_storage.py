"""Storage on a real DuckDB file: migrations, all-or-nothing writes, one process per file."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date

import pytest

from tests.conftest import ADMIN, ROOT, draft, session_id
from tracker import history
from tracker.deadlines import DEFAULT_RULES
from tracker.errors import DatabaseBusy
from tracker.reference import DEFAULT_SESSIONS, DEFAULT_UNITS
from tracker.service import Filters, Tracker
from tracker.storage import Database, Queries
from tracker.workdays import DEFAULT_OVERRIDES


def _table_counts(tracker: Tracker) -> dict[str, int]:
    cur = tracker.db.reader()
    try:
        return {
            table: cur.raw.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("units", "sessions", "calendar_overrides", "deadline_rules", "items", "item_events")
        }
    finally:
        cur.raw.close()


def _migrations(tracker: Tracker) -> list[int]:
    cur = tracker.db.reader()
    try:
        return [r[0] for r in cur.raw.execute("select version from schema_migrations order by version").fetchall()]
    finally:
        cur.raw.close()


def test_open_creates_the_schema_and_reference_data_once(db_path):
    expected_versions = [v for v, _ in Queries().migrations()]
    assert expected_versions[:2] == [1, 2]
    first = Tracker.open(db_path)
    try:
        assert _migrations(first) == expected_versions
        counts = _table_counts(first)
        first.create_item(ADMIN, draft(first))
    finally:
        first.close()
    assert counts["units"] == len(DEFAULT_UNITS)
    assert counts["sessions"] == len(DEFAULT_SESSIONS)
    assert counts["calendar_overrides"] == len(DEFAULT_OVERRIDES)
    assert counts["deadline_rules"] == len(DEFAULT_RULES)

    second = Tracker.open(db_path)  # the same path again: nothing re-applied, nothing duplicated
    try:
        assert _migrations(second) == expected_versions
        assert second.db.migrate() == []
        again = _table_counts(second)
        assert again == {**counts, "items": 1, "item_events": 1}
        assert second.search(Filters(), date(2026, 1, 1)).total == 1
    finally:
        second.close()


def test_administrator_edits_survive_a_restart(db_path):
    t = Tracker.open(db_path)
    try:
        t.save_override(ADMIN, date(2026, 1, 10), False, "Hủy làm bù")  # edit a reference override
    finally:
        t.close()
    t = Tracker.open(db_path)
    try:
        assert not t.reference.calendar.is_working_day(date(2026, 1, 10))
    finally:
        t.close()


def test_every_migration_is_itself_safe_to_run_twice(tracker):
    def work(cur):
        for _, name in cur.queries.migrations():
            cur.raw.execute(cur.queries[name])

    tracker.db.write(work)  # would raise if a statement were not "if not exists" / "or replace"
    assert _table_counts(tracker)["units"] == len(DEFAULT_UNITS)


def test_a_write_that_raises_leaves_nothing_behind(tracker):
    before = _table_counts(tracker)

    def work(cur):
        cur.run("settings/put", ["due_soon_days", "9"])
        cur.run("calendar/upsert_override", [date(2025, 8, 5), False, "Nghỉ"])
        raise RuntimeError("boom after two statements")

    with pytest.raises(RuntimeError, match="boom"):
        tracker.db.write(work)
    assert _table_counts(tracker) == before
    assert tracker.db.one("settings/get", ["due_soon_days"]) is None
    assert date(2025, 8, 5) not in [r[0] for r in tracker.db.all("calendar/list_overrides")]
    # The writer is not left inside a broken transaction: the next write works.
    tracker.save_setting(ADMIN, "due_soon_days", "7")
    assert tracker.db.one("settings/get", ["due_soon_days"]) == ("7",)


def test_a_service_write_failing_half_way_is_rolled_back(tracker, monkeypatch):
    """create_item inserts the item, then its history event; if the event fails, no item remains."""

    def broken_log(*args, **kwargs):
        raise RuntimeError("disk full while writing the history")

    monkeypatch.setattr(history, "append_item_events", broken_log)
    with pytest.raises(RuntimeError):
        tracker.create_item(ADMIN, draft(tracker, ref_no="77/BDN"))
    monkeypatch.undo()
    assert _table_counts(tracker)["items"] == 0
    assert tracker.search(Filters(), date(2026, 1, 1)).total == 0
    # and the same incoming number is free to use: nothing half-written blocks it
    item_id = tracker.create_item(ADMIN, draft(tracker, ref_no="77/BDN"))
    assert tracker.get_item(item_id).ref_no == "77/BDN"


def test_listeners_hear_about_committed_writes_only(tracker):
    heard = []
    tracker.db.on_write(lambda: heard.append(1))
    tracker.save_setting(ADMIN, "due_soon_days", "5")
    assert heard == [1]
    with pytest.raises(RuntimeError):
        tracker.db.write(lambda cur: (_ for _ in ()).throw(RuntimeError("no")))
    assert heard == [1]


def test_queries_cannot_escape_the_queries_folder():
    queries = Queries()
    assert "select" in queries["items/get"].lower()
    with pytest.raises(KeyError):
        queries["../tracker/storage"]


def test_closed_database_refuses_writes(db_path):
    db = Database(db_path)
    db.close()
    db.close()  # closing twice is harmless
    with pytest.raises(RuntimeError):
        db.write(lambda cur: None)


BUSY_PROBE = textwrap.dedent(
    """
    import sys
    from tracker.errors import DatabaseBusy
    from tracker.storage import Database
    try:
        Database(sys.argv[1])
    except DatabaseBusy as error:
        print(error.key)
        print(error.message("vi"))
        sys.exit(3)
    print("opened")
    """
)


def test_a_second_process_gets_database_busy(tracker, db_path):
    proc = subprocess.run(
        [sys.executable, "-c", BUSY_PROBE, str(db_path)],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 3, proc.stdout + proc.stderr
    key, message = proc.stdout.splitlines()[:2]
    assert key == "error.db_busy"
    assert str(db_path) in message
    assert "đang được ứng dụng khác sử dụng" in message


def test_the_file_is_free_again_once_closed(db_path):
    Tracker.open(db_path).close()
    proc = subprocess.run(
        [sys.executable, "-c", BUSY_PROBE, str(db_path)],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "opened"


def test_database_busy_is_a_tracker_error_with_its_own_key():
    error = DatabaseBusy(path="/tmp/x.duckdb")
    assert error.key == "error.db_busy"
    assert "/tmp/x.duckdb" in error.message("en")


def test_reopening_puts_back_only_the_default_rows_that_are_missing(db_path):
    """The seed sends only what is missing: a default session deleted is back after a restart, a unit
    an administrator renamed keeps its new name, and nothing is duplicated."""
    t = Tracker.open(db_path)
    try:
        counts = _table_counts(t)

        def work(cur):
            cur.raw.execute("delete from sessions where term = 15 and number = 9 and not extraordinary")
            cur.raw.execute("update units set name_vi = 'Vụ Tổ chức cán bộ (đổi tên)' where code = 'TCCB'")

        t.db.write(work)
    finally:
        t.close()
    t = Tracker.open(db_path)
    try:
        assert _table_counts(t) == counts
        assert session_id(t, "15/9")
        assert t.reference.unit("TCCB").name_vi == "Vụ Tổ chức cán bộ (đổi tên)"
    finally:
        t.close()
