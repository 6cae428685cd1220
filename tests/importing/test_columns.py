"""The import's columnar commit (tracker/importing/columns.py, issue 15) stores exactly what one
ItemRecord per item through ``insert_items`` stores: the same item rows (search text included)
and the same "imported" events (changes, reason key and params, to the character). Both ways
write the same preview into two database files, which are then compared table by table."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from benchmarks.uk_questions import UK_FILE, convert
from tests.factories import as_csv, as_xlsx, generated_rows
from tests.importing.test_import import RECOMMENDATION, csv_bytes
from tracker import history
from tracker.importing import ALL_COLUMNS, Fate, Table, commit_import, preview_import, read_table
from tracker.importing import commit as commit_module
from tracker.importing.columns import _WordFolds, events_in_sql
from tracker.importing.model import Preview
from tracker.item_store import insert_items
from tracker.permissions import SYSTEM
from tracker.record import ItemRecord, search_text
from tracker.service import Tracker
from tracker.sessions import SessionRef

_ITEMS = "select * exclude (created_at, updated_at) from items order by id"
_EVENTS = "select * exclude (id, occurred_at) from item_events order by item_id, action"


def _record_by_record(tracker: Tracker, preview: Preview) -> None:
    """The commit as it was before issue 15: an ItemRecord and an ItemEvent per item."""
    rows = [(r.row, r.item) for r in preview.rows if r.fate == Fate.NEW and r.item is not None]

    def work(cur):
        ids = {SessionRef(s["term"], s["number"], s["extraordinary"]): s["id"] for s in cur.records("sessions/list")}
        records = [
            ItemRecord.from_entered(
                item,
                session_id=ids[item.session],
                due_on=item.due_on,
                due_facts=item.due_facts,
                due_override_reason=item.due_override_reason,
                created_by=SYSTEM.username,
                reply=item.reply,
                transferred_on=item.transferred_on,
                transfer_note=item.transfer_note,
            )
            for _, item in rows
        ]

        def events(new_ids: Sequence[int]) -> list[history.ItemEvent]:
            return [
                history.ItemEvent(
                    i,
                    SYSTEM.username,
                    "imported",
                    history.imported_changes(rec.values()),
                    "",
                    1,
                    "import.event_reason",
                    {"file": preview.table.name, "row": row},
                )
                for i, rec, (row, _) in zip(new_ids, records, rows, strict=True)
            ]

        insert_items(cur, records, events)

    tracker.db.write(work)


def _stored(tracker: Tracker) -> tuple[list, list]:
    cur = tracker.db.reader()
    try:
        return cur.raw.execute(_ITEMS).fetchall(), cur.raw.execute(_EVENTS).fetchall()
    finally:
        cur.raw.close()


def assert_same_commit(tmp_path: Path, table: Table, create_missing: bool = False) -> int:
    stored = []
    for name, columnar in (("records", False), ("columns", True)):
        tracker = Tracker.open(tmp_path / f"{name}.duckdb")
        try:
            preview = preview_import(tracker, SYSTEM, table, create_missing=create_missing)
            assert preview.can_commit
            if create_missing:  # sessions and units first, as the commit makes them (both files alike)
                commit_import(tracker, SYSTEM, preview)
                tracker.db.write(lambda cur: cur.raw.execute("delete from item_events; delete from items"))
                preview = preview_import(tracker, SYSTEM, table, create_missing=create_missing)
            if columnar:
                commit_import(tracker, SYSTEM, preview)
            else:
                _record_by_record(tracker, preview)
            stored.append(_stored(tracker))
        finally:
            tracker.close()
    (items_a, events_a), (items_b, events_b) = stored
    assert len(items_a) == len(items_b) > 0
    for a, b in zip(items_a, items_b, strict=True):
        assert a == b
    assert events_a == events_b
    return len(items_b)


def test_generated_files_commit_the_same_rows_and_events_either_way(tmp_path):
    rows = generated_rows(600) + generated_rows(150, seed=5, numbered=False)
    assert assert_same_commit(tmp_path / "csv", read_table(as_csv(rows), "gen.csv")) == 750
    assert assert_same_commit(tmp_path / "xlsx", read_table(as_xlsx(rows), "gen.xlsx")) == 750


def test_the_real_uk_questions_commit_the_same_rows_and_events_either_way(tmp_path):
    assert assert_same_commit(tmp_path, convert(UK_FILE), create_missing=True) == 8885


def test_unusual_rows_commit_the_same_rows_and_events_either_way(tmp_path):
    # What the generated files lack: transfers, roadmaps, a question without a result, a date set
    # by the file, coordinating units, multi-line and oddly spaced text, decomposed diacritics.
    unusual = [
        {**RECOMMENDATION, "ref_no": "1/A", "result": "transferred", "responded_on": "20/08/2025"},
        {
            **RECOMMENDATION,
            "ref_no": "2/A",
            "result": "being_resolved",
            "responded_on": "20/08/2025",
            "response_no": "5/BNV",
            "roadmap": "Quý I/2026",
            "committed_on": "31/03/2026",
        },
        {
            **RECOMMENDATION,
            "kind": "deputy_question",
            "phase": "at_session",
            "ref_no": "3/A",
            "deputy": "Nguyễn Văn A",
            "responded_on": "10/08/2025",
            "response_no": "6/BNV",
        },
        {**RECOMMENDATION, "ref_no": "4/A", "due_on": "31/12/2025", "coordinating_units": "VP; TCBC"},
        {
            **RECOMMENDATION,
            "ref_no": "5/A",
            "summary": "dòng một\ndòng  hai\u2003ba",
            "full_text": "Cu\u0309 tri\u0300",
        },
        {**RECOMMENDATION, "ref_no": "6/A", "summary": "Σ ΟΔΟΣ « Đà Nẵng » \u0301 lẻ", "topic": "ＡＢＣ"},
        {**RECOMMENDATION, "ref_no": "7/A", "responded_on": "20/12/2025", "response_no": "7/BNV", "result": "resolved"},
        {**RECOMMENDATION, "ref_no": "", "summary": "Một kiến nghị không số", "phase": ""},
    ]
    table = read_table(csv_bytes(unusual, columns=ALL_COLUMNS), "unusual.csv")
    assert assert_same_commit(tmp_path, table) == len(unusual)


@given(st.text(max_size=60))
def test_a_text_folded_word_by_word_is_its_search_text(text):
    assert _WordFolds().text(text) == search_text(text)


def test_the_events_are_built_in_sql_for_ordinary_files(tmp_path, monkeypatch):
    # So the comparisons above compare DuckDB's events: the Python strings are never made.
    def refused(columns):
        raise AssertionError("the events were built in Python")

    monkeypatch.setattr(commit_module, "changes_json", refused)
    rows = generated_rows(120) + generated_rows(30, seed=5, numbered=False)
    assert assert_same_commit(tmp_path, read_table(as_csv(rows), "gen.csv")) == 150


def test_the_events_python_builds_where_sql_may_not_are_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(commit_module, "events_in_sql", lambda columns: False)
    rows = generated_rows(120) + generated_rows(30, seed=5, numbered=False)
    assert assert_same_commit(tmp_path, read_table(as_csv(rows), "gen.csv")) == 150


def test_a_control_character_duckdb_escapes_otherwise_keeps_the_events_in_python():
    ordinary = {name: ["1/A", None, "", "dòng\tmột\ndòng"] for name in history.IMPORTED_FIELDS}
    assert events_in_sql(ordinary)
    for ch in "\x0b\x0e\x1a\x1f":
        assert not events_in_sql({**ordinary, "ref_no": ["1/A", f"2{ch}/A"]})
