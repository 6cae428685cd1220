"""The bench's workflow figures (issue 12): the stage counts, stage medians, commitments and draft
timeliness the progress page and ``stats --json`` read, on the bench register once it carries
reply paths (``add_paths``: a realistic spread of stages, queries/bench/add_workflow_milestones.sql).

Each call is timed in CPU milliseconds of this process (DuckDB's threads included) as well as wall
time: the machine is shared, and CPU time is what a click costs the server whatever the load.
benchmarks/bench.py runs it per size and writes the table into docs/PERFORMANCE.md's
"Workflow figures" subsection, between its own markers (the rest of the file is not touched).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tracker.service import Tracker
from tracker.storage import Cursor

START, END = "<!-- workflow-bench:start -->", "<!-- workflow-bench:end -->"
HEADING = "## Workflow figures (issue 12)"
CALL_BUDGET_MS = 300.0  # the page budget: one figure must not take a page's whole run


@dataclass
class WorkflowResult:
    size: int
    milestones: int
    calls: dict[str, tuple[float, float]] = field(default_factory=dict)  # what -> (CPU ms, wall ms)
    stages: dict[str, int] = field(default_factory=dict)  # all sessions' stage counts, as a check
    progress_page: tuple[float, float] | None = None  # AppTest uncached / cached ms, from app_probe


def add_paths(tracker: Tracker, today: date) -> int:
    """Milestones on the built register; returns how many were written."""

    def work(cur: Cursor) -> int:
        cur.run("bench/add_workflow_milestones", {"today": today})
        row = cur.one("bench/count_milestones")
        return int(row[0]) if row else 0

    return tracker.db.write(work)


def _timed(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    fn()  # warm
    cpu, wall = [], []
    for _ in range(rounds):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    return statistics.median(cpu), statistics.median(wall)


def measure(tracker: Tracker, size: int, milestones: int, as_of: date, rounds: int) -> WorkflowResult:
    result = WorkflowResult(size, milestones)
    busiest = max(tracker.stats(as_of), key=lambda r: r.counts.total + r.counts.transferred).session_id
    for label, session_id in (("one session", busiest), ("all sessions", None)):
        calls: dict[str, Callable[[], object]] = {
            "stage counts": lambda s=session_id: tracker.stage_counts(as_of, s),
            "stage counts with overdue (the page's chart)": lambda s=session_id: tracker.stage_overdue(as_of, s),
            "stage medians per unit": lambda s=session_id: tracker.stage_medians(as_of, s),
            "commitments": lambda s=session_id: tracker.commitments(as_of, s),
            "draft timeliness": lambda s=session_id: tracker.draft_timeliness(as_of, s),
        }
        for what, fn in calls.items():
            result.calls[f"{what}, {label}"] = _timed(fn, rounds)
    for counts in tracker.stage_counts(as_of).values():
        for stage, n in counts.items():
            result.stages[stage] = result.stages.get(stage, 0) + n
    return result


def _t(ms: float) -> str:
    return f"{ms:,.0f} ms" if ms >= 100 else f"{ms:.1f} ms"


def render(results: list[WorkflowResult], when: str, load: str) -> str:
    sizes = [f"{r.size:,}" for r in results]
    lines = [
        f"Run {when}; load average (1 min) at start / end {load}. Cells: CPU time of the call (this",
        "process, DuckDB's threads included) / wall time, medians. The register carries reply paths",
        "(queries/bench/add_workflow_milestones.sql): a fifth of open items awaiting acceptance, the",
        "rest accepted, drafting, in review, sent back, approved or signed; 60 % of replies issued",
        "through the steps; a third of the commitments completed.",
        "",
        "| what | target | " + " | ".join(sizes) + " |",
        "| --- | --- |" + " ---: |" * len(results),
        "| milestones on the register | — | " + " | ".join(f"{r.milestones:,}" for r in results) + " |",
    ]
    for what in results[0].calls:
        cells = [f"{_t(r.calls[what][0])} / {_t(r.calls[what][1])}" for r in results]
        lines.append(f"| {what} | ≤ {CALL_BUDGET_MS:.0f} ms at 100,000 | " + " | ".join(cells) + " |")
    if all(r.progress_page for r in results):
        cells = [f"{_t(r.progress_page[0])} / {_t(r.progress_page[1])}" for r in results if r.progress_page]
        lines.append(
            "| page `progress` with the stage section (AppTest, warm): uncached / cached | ≤ 300 ms at 100,000 | "
            + " | ".join(cells)
            + " |"
        )
    stages = results[-1].stages
    lines += ["", f"Stages at {results[-1].size:,} items: " + ", ".join(f"{k} {v:,}" for k, v in stages.items()) + "."]
    return "\n".join(lines)


def write_markdown(block: str, path: Path) -> None:
    """Replace only what lies between this section's markers; add the section at the end the
    first time. The file is read right before writing so other sections' latest edits are kept."""
    fresh = f"{START}\n{block.rstrip()}\n{END}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    if START in text and END in text and text.index(START) < text.index(END):
        before, rest = text.split(START, 1)
        text = before + fresh + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + f"\n\n{HEADING}\n\n" + fresh + "\n"
    path.write_text(text, encoding="utf-8")
