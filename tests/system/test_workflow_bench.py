"""The bench's reply paths (benchmarks/workflow_bench.py) at a tiny size: the milestones it adds
obey the product's rules (dated between receipt and the reply, never in the future), put items at
every stage, and its table goes between its own markers only. No timings here."""

from __future__ import annotations

from datetime import date

import pytest

from benchmarks import workflow_bench
from benchmarks.register import build_database
from tracker.service import Filters, Tracker
from tracker.stage import Stage

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    path = tmp_path_factory.mktemp("wfbench") / "bench.duckdb"
    build_database(path, 1000, seed=3, today=TODAY)
    tracker = Tracker.open(path)
    added = workflow_bench.add_paths(tracker, TODAY)
    yield tracker, added
    tracker.close()


def test_the_paths_reach_every_stage_and_keep_the_register_consistent(paths):
    tracker, added = paths
    assert added > 1000 and tracker.integrity_problems() == []
    found: dict[str, int] = {}
    for counts in tracker.stage_counts(TODAY).values():
        for stage, n in counts.items():
            found[stage] = found.get(stage, 0) + n
    assert set(found) == {s.value for s in Stage}
    assert sum(found.values()) == tracker.search(Filters(), TODAY, limit=1).total


def test_every_milestone_lies_between_receipt_and_the_reply(paths):
    tracker, _ = paths
    rows = tracker.search(Filters(), TODAY, limit=1000).rows
    checked = 0
    for row in rows[::9]:  # a spread of every ninth item: each read is two queries
        item = tracker.get_item(row["id"])
        end = item.reply.responded_on if item.reply else TODAY
        for m in tracker.workflow(row["id"], TODAY).milestones:
            if m.kind.value == "commitment_done":
                assert item.reply is not None and item.reply.responded_on <= m.on_date <= TODAY
            else:
                assert item.received_on <= m.on_date <= end, (row["id"], m.kind)
            checked += 1
    assert checked > 100


def test_the_figures_are_measured_and_rendered_for_each_call(paths):
    tracker, added = paths
    result = workflow_bench.measure(tracker, 1000, added, TODAY, rounds=1)
    assert len(result.calls) == 10 and all(cpu >= 0 and wall > 0 for cpu, wall in result.calls.values())
    result.progress_page = (120.0, 40.0)
    table = workflow_bench.render([result], "2026-11-22 10:00", "1.0 / 1.2")
    assert "| draft timeliness, all sessions | ≤ 300 ms at 100,000 |" in table
    assert "| page `progress` with the stage section" in table


def test_the_section_replaces_only_what_lies_between_its_markers(tmp_path):
    doc = tmp_path / "PERFORMANCE.md"
    doc.write_text("# Performance\n\n<!-- bench:start -->\nbench table\n<!-- bench:end -->\n", encoding="utf-8")
    workflow_bench.write_markdown("| first |", doc)
    assert doc.read_text(encoding="utf-8").endswith(
        "<!-- bench:end -->\n\n## Workflow figures (issue 12)\n\n<!-- workflow-bench:start -->\n| first |\n<!-- workflow-bench:end -->\n"
    )
    workflow_bench.write_markdown("| second |", doc)
    text = doc.read_text(encoding="utf-8")
    assert "| first |" not in text and "| second |" in text and "bench table" in text
    assert text.count("## Workflow figures (issue 12)") == 1
