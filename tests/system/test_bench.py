"""The benchmark's register builder (benchmarks/register.py) at a tiny size: what it writes obeys the
product's rules, so the benchmark measures a register the app could really hold. No timings here."""

from __future__ import annotations

from datetime import date

import pytest

from benchmarks.bench import write_markdown
from benchmarks.register import build_database
from tracker.items import Status
from tracker.service import Filters, Tracker, _search_text
from tracker.stats import Counts

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "bench.duckdb"
    info = build_database(path, 300, seed=3, today=TODAY)
    tracker = Tracker.open(path)
    yield info, tracker
    tracker.close()


def live(tracker: Tracker) -> int:
    """Items not archived (a few are: entered twice by mistake)."""
    return tracker.search(Filters(), date(2100, 12, 31), limit=1).total


def test_every_item_and_a_history_for_each(built):
    info, tracker = built
    assert info.items == 300
    assert 290 <= live(tracker) < 300
    assert info.events >= 300  # at least "created" for every item
    history = tracker.history(1)
    assert history and history[0].action == "created"


def test_the_built_register_is_consistent(built):
    _, tracker = built
    assert tracker.integrity_problems() == []


def test_numbers_add_up_and_every_state_is_there(built):
    _, tracker = built
    rows = tracker.stats(TODAY)
    for row in rows:
        assert row.counts.invariant_errors() == [], row
    overall = sum((r.counts for r in rows), Counts())
    assert overall.total + overall.transferred == live(tracker)
    for status in Status:
        assert getattr(overall, status.value) > 0, f"no item is {status.value}"
    by_unit = sum((r.counts for r in tracker.stats_by_unit(TODAY)), Counts())
    assert by_unit == overall


def test_search_text_is_what_the_service_would_write(built):
    _, tracker = built
    for item_id in range(1, 301, 7):
        item = tracker.get_item(item_id)
        parts = [item.ref_no, item.summary, item.full_text, item.topic, "; ".join(item.sources), item.deputy]
        if item.reply is not None:
            parts += [item.reply.response_no, item.reply.summary]
        row = tracker.db.records("items/get", [item_id])[0]
        assert row["search_text"] == _search_text(*parts)


def test_units_are_active_when_the_item_arrived(built):
    _, tracker = built
    ref = tracker.reference
    for item_id in range(1, 301, 5):
        item = tracker.get_item(item_id)
        for code in (item.lead_unit, *item.coordinating_units):
            if code:
                assert ref.unit(code).is_active_on(item.received_on), (item_id, code)


def test_the_table_replaces_only_what_lies_between_the_markers(tmp_path):
    doc = tmp_path / "PERFORMANCE.md"
    doc.write_text(
        "# Performance\n\nintro\n\n<!-- bench:start -->\nold table\n<!-- bench:end -->\n\n## Import and export\nkept\n",
        encoding="utf-8",
    )
    write_markdown("| new | table |", doc)
    text = doc.read_text(encoding="utf-8")
    assert "old table" not in text
    assert "<!-- bench:start -->\n| new | table |\n<!-- bench:end -->" in text
    assert text.startswith("# Performance\n\nintro\n\n")
    assert text.endswith("## Import and export\nkept\n")


def test_the_table_goes_into_a_new_file_when_there_is_none(tmp_path):
    doc = tmp_path / "docs" / "PERFORMANCE.md"
    write_markdown("| t |", doc)
    assert "<!-- bench:start -->\n| t |\n<!-- bench:end -->" in doc.read_text(encoding="utf-8")
