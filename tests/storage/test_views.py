"""The status rule and the counting block are defined once, in queries/views/ (issue 10, point 4):
re-created on every open after the migrations, so a new file, a file made by an older schema and a
restored one end with the same definitions; migrations hold tables only."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ADMIN, LIAISON, ROOT, draft
from tracker import backup, storage
from tracker.items import ArchiveReason
from tracker.service import Filters, Tracker
from tracker.storage import Database, Queries

VIEWS = {
    "item_status": "macro",
    "item_counted": "macro",
    "status_counts": "macro",
    "items_as_of": "table_macro",
    # issue 12: the derived workflow stage
    "item_stage": "macro",
    "items_stage_as_of": "table_macro",
}

# What every file migrated before issue 10 carries: the items_as_of of schema 006, status inline.
OLD_ITEMS_AS_OF = """
create or replace macro items_as_of(as_of) as table
select
    i.*,
    s.term,
    s.number as session_number,
    s.extraordinary,
    case
        when i.transferred_on is not null and i.transferred_on <= as_of then 'transferred'
        when i.responded_on is not null and i.responded_on <= as_of then
            case when i.responded_on <= i.due_on then 'replied_on_time' else 'replied_late' end
        when as_of > i.due_on then 'overdue'
        else 'open_not_due'
    end as status
from items as i
join sessions as s on s.id = i.session_id
where i.received_on <= as_of
    and (i.archived_at is null
        or (coalesce(i.archive_reason, 'other') <> 'duplicate_entry' and cast(i.archived_at as date) > as_of));
"""

# Schema 004's items_as_of, for a file last opened before schema 006 existed.
OLDER_ITEMS_AS_OF = """
create or replace macro items_as_of(as_of) as table
select i.*, s.term, s.number as session_number, s.extraordinary, 'open_not_due' as status
from items as i
join sessions as s on s.id = i.session_id
where (i.archived_at is null or cast(i.archived_at as date) > as_of) and i.received_on <= as_of;
"""


def _macros(path: Path) -> dict[str, tuple[str, str]]:
    """Our macros in a closed file: name -> (kind, definition)."""
    with duckdb.connect(str(path), read_only=True) as conn:
        rows = conn.execute(
            "select function_name, function_type, macro_definition from duckdb_functions()"
            " where not internal and database_name = current_database()"
        ).fetchall()
    return {name: (kind, definition) for name, kind, definition in rows}


def _fresh(tmp_path: Path) -> dict[str, tuple[str, str]]:
    path = tmp_path / "fresh.duckdb"
    Tracker.open(path).close()
    return _macros(path)


def test_a_new_file_gets_every_view_once(tmp_path):
    macros = _fresh(tmp_path)
    assert {name: kind for name, (kind, _) in macros.items()} == VIEWS
    assert Queries().views() == [
        "views/01_item_status",
        "views/02_item_counted",
        "views/03_status_counts",
        "views/04_items_as_of",
        "views/05_item_stage",
        "views/06_items_stage_as_of",
    ]


def test_reopening_is_idempotent(tmp_path, db_path):
    first = Tracker.open(db_path)
    item_id = first.create_item(ADMIN, draft(first))
    counts = first.stats(date(2026, 1, 1))
    first.close()
    before = _macros(db_path)
    again = Tracker.open(db_path)
    try:
        assert again.db.migrate() == []  # nothing to apply; the views are re-created all the same
        assert again.stats(date(2026, 1, 1)) == counts
        assert [r["id"] for r in again.search(Filters(), date(2026, 1, 1)).rows] == [item_id]
    finally:
        again.close()
    assert _macros(db_path) == before == _fresh(tmp_path)


def test_a_file_made_by_the_previous_schema_ends_with_the_same_views(tmp_path, db_path):
    # A file migrated by the code before issue 10: every migration done, 006's macro in it.
    t = Tracker.open(db_path)
    item_id = t.create_item(ADMIN, draft(t))
    t.db.write(lambda cur: cur.raw.execute(OLD_ITEMS_AS_OF))
    t.db.write(lambda cur: cur.raw.execute("drop macro if exists item_status"))
    t.close()
    assert "item_status" not in _macros(db_path)
    again = Tracker.open(db_path)
    try:
        assert [r["id"] for r in again.search(Filters(), date(2026, 1, 1)).rows] == [item_id]
    finally:
        again.close()
    assert _macros(db_path) == _fresh(tmp_path)


def test_a_file_from_before_schema_6_is_migrated_then_gets_the_views(tmp_path, db_path):
    db = Database(db_path)
    try:
        assert db.migrate(up_to=5) == [1, 2, 3, 4, 5]
        db.write(lambda cur: cur.raw.execute(OLDER_ITEMS_AS_OF))
    finally:
        db.close()
    # While a migration is pending (archive_reason does not exist yet) no view was created.
    assert {name: kind for name, (kind, _) in _macros(db_path).items()} == {"items_as_of": "table_macro"}
    t = Tracker.open(db_path)
    try:
        item_id = t.create_item(ADMIN, draft(t))
        twin = t.create_item(ADMIN, draft(t, ref_no="99/BDN"))
        t.set_archived(ADMIN, twin, t.get_item(twin).version, True, "Nhập trùng", ArchiveReason.DUPLICATE_ENTRY)
        page = t.search(Filters(), date(2026, 1, 1))
        assert [r["id"] for r in page.rows] == [item_id]  # schema 006's rule, not 004's
        assert [r["status"] for r in page.rows] == ["overdue"]
    finally:
        t.close()
    assert _macros(db_path) == _fresh(tmp_path)


def test_a_restored_file_has_the_views(tmp_path, db_path):
    t = Tracker.open(db_path)
    t.create_item(LIAISON, draft(t))
    info = backup.make_backup(t, ADMIN, tmp_path / "backups")
    t.close()
    backup.restore(info.path, db_path)
    assert _macros(db_path) == _fresh(tmp_path)  # read without opening through Tracker


def test_a_restore_built_at_an_older_version_gets_the_views_after_its_last_migration(tmp_path, db_path, monkeypatch):
    t = Tracker.open(db_path)
    t.create_item(LIAISON, draft(t))
    info = backup.make_backup(t, ADMIN, tmp_path / "backups")
    t.close()
    queries = tmp_path / "queries"
    shutil.copytree(ROOT / "queries", queries)
    version = len(Queries().migrations()) + 1
    (queries / "schema" / f"{version:03d}_test_note.sql").write_text(
        "-- Test migration: a new column.\n-- Safe to run twice.\n"
        "alter table items add column if not exists test_note varchar default 'mới';\n",
        encoding="utf-8",
    )
    original = storage.Queries
    monkeypatch.setattr(storage, "Queries", lambda root=queries: original(root))
    backup.restore(info.path, db_path)
    monkeypatch.undo()
    macros = _macros(db_path)
    assert {name: kind for name, (kind, _) in macros.items()} == VIEWS
    # items_as_of selects i.*: created after the last migration, it carries the new column.
    with duckdb.connect(str(db_path), read_only=True) as conn:
        result = conn.execute("select test_note from items_as_of(?)", [date(2026, 1, 1)])
        assert result.fetchall() == [("mới",)]


def _statements(path: Path) -> str:
    return "\n".join(line.split("--")[0] for line in path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("path", sorted((ROOT / "queries" / "schema").glob("*.sql")), ids=lambda p: p.name)
def test_migrations_hold_tables_only(path):
    assert not re.search(r"\b(macro|view)\b", _statements(path), re.IGNORECASE)


@pytest.mark.parametrize("path", sorted((ROOT / "queries" / "views").glob("*.sql")), ids=lambda p: p.name)
def test_each_view_file_creates_or_replaces_one_macro(path):
    text = _statements(path).strip().lower()
    assert text.startswith("create or replace macro ") and text.count(";") == 1 and text.endswith(";")
