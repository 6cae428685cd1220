"""Timings of the import and the report pack (issue 3): ``python -m benchmarks.io_bench``.

Imports the real UK written questions (../shared/realdata, converted by benchmarks/uk_questions.py
and read back as the CSV it writes) and a generated 10,000-row file (tests/factories.py; CSV and
.xlsx, with and without incoming numbers) into fresh database files under a temporary folder,
then exports each session as xlsx, docx and csv. Prints a Markdown table (medians of --rounds runs) for docs/PERFORMANCE.md, "Import and export".
"""

from __future__ import annotations

import argparse
import io
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from benchmarks.uk_questions import UK_FILE, convert
from tests.factories import as_csv, as_xlsx, generated_rows
from tracker import clock
from tracker.dates import parse_date
from tracker.exporting import ExportScope, export
from tracker.importing import Fate, commit_import, preview_import, read_table
from tracker.items import Kind
from tracker.permissions import SYSTEM
from tracker.service import Tracker

# CPU time is time.process_time(): the CPU of every thread of this process (CLOCK_PROCESS_CPUTIME_ID),
# so the writer thread and DuckDB's own threads are counted with the Python thread. On a machine
# shared with other work it is the figure to compare; wall time waits for a free core too.
CPU: dict[str, float] = {}


def _timed(work: Callable[[], object], label: str = "") -> tuple[float, object]:
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    if label:
        CPU[label] = time.process_time() - cpu
    return time.perf_counter() - started, result


def measure_import(folder: Path, name: str, make_table: Callable, *, create_missing: bool = False) -> dict:
    path = folder / f"{name}.duckdb"
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    tracker = Tracker.open(path)
    # What a running server has done once already: load the holiday calendar (the holidays
    # package) and Python's date parser. Not counted, so every round measures the same work.
    tracker.deadline_for(Kind.VOTER_RECOMMENDATION, date(2025, 8, 4))
    parse_date("04/08/2025")
    try:
        read_s, table = _timed(make_table, "read")
        preview_s, preview = _timed(
            lambda: preview_import(tracker, SYSTEM, table, create_missing=create_missing), "preview"
        )
        commit_s, result = _timed(lambda: commit_import(tracker, SYSTEM, preview), "commit")
        again_s, again = _timed(lambda: preview_import(tracker, SYSTEM, table, create_missing=create_missing))
        assert again.count(Fate.NEW) == 0, "a re-import must add nothing"
        exports = {}
        sessions = sorted({r.session_id for r in tracker.stats(clock.today())})
        for fmt in ("xlsx", "docx", "csv"):
            exports[fmt] = _timed(
                lambda fmt=fmt: export(tracker, SYSTEM, ExportScope(sessions[-1], clock.today()), fmt)
            )[0]
        return {
            "rows": len(table.rows),
            "created": result.created,
            "read": read_s,
            "preview": preview_s,
            "commit": commit_s,
            "total": read_s + preview_s + commit_s,
            **{f"{k}_cpu": CPU[k] for k in ("read", "preview", "commit")},
            "total_cpu": sum(CPU[k] for k in ("read", "preview", "commit")),
            "reimport_preview": again_s,
            **{f"export_{k}": v for k, v in exports.items()},
            "exported_session": tracker.reference.session(sessions[-1]).ref.code(),
        }
    finally:
        tracker.close()


def bare_parse(data: bytes) -> float:
    """python-calamine alone reading the sheet: the floor an .xlsx import is judged against (issue 15)."""
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    return time.perf_counter() - started


def bare_parse_cpu(data: bytes) -> float:
    """The same, in CPU time."""
    _timed(lambda: bare_parse(data), "bare")
    return CPU["bare"]


def run(rounds: int, size: int = 10_000) -> list[tuple[str, dict]]:
    scenarios: list[tuple[str, Callable, bool]] = []
    if UK_FILE.exists():
        scenarios.append(
            ("UK written questions (real, 8,885 rows, CSV via the mapping)", lambda: convert(UK_FILE), True)
        )
    numbered = generated_rows(size)
    csv_data, xlsx_data = as_csv(numbered), as_xlsx(numbered)
    blank = as_csv(generated_rows(min(size, 10_000), numbered=False))  # quadratic by design: kept at 10,000
    scenarios += [
        (f"generated {size:,} rows, CSV", lambda: read_table(csv_data, "gen.csv"), False),
        (f"generated {size:,} rows, .xlsx", lambda: read_table(xlsx_data, "gen.xlsx"), False),
        (
            f"generated {min(size, 10_000):,} rows, CSV, no incoming numbers (fuzzy text check)",
            lambda: read_table(blank, "blank.csv"),
            False,
        ),
    ]
    out = []
    with tempfile.TemporaryDirectory() as folder:
        for label, make, create in scenarios:
            runs = [measure_import(Path(folder), f"bench{n}", make, create_missing=create) for n in range(rounds)]
            merged = {
                k: statistics.median(r[k] for r in runs) if isinstance(runs[0][k], float) else runs[0][k]
                for k in runs[0]
            }
            if label.endswith(".xlsx"):
                merged["bare_parse"] = statistics.median(bare_parse(xlsx_data) for _ in range(rounds))
                merged["bare_parse_cpu"] = statistics.median(bare_parse_cpu(xlsx_data) for _ in range(rounds))
            out.append((label, merged))
            print(f"{label}: {merged['total']:.2f} s", flush=True)
    return out


def markdown(results: list[tuple[str, dict]], rounds: int) -> str:
    lines = [
        "| file | rows | read | preview | commit | **import total** | re-import preview | export xlsx | export docx | export csv |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, r in results:
        lines.append(
            f"| {label} | {r['rows']:,} | {r['read']:.2f} s | {r['preview']:.2f} s | {r['commit']:.2f} s | **{r['total']:.2f} s** "
            f"| {r['reimport_preview']:.2f} s | {r['export_xlsx']:.2f} s | {r['export_docx']:.2f} s | {r['export_csv']:.2f} s |"
        )
    for label, r in results:
        if "bare_parse" in r:
            lines.append("")
            lines.append(
                f"{label}: bare python-calamine parse {r['bare_parse']:.2f} s; import total "
                f"{r['total']:.2f} s = {r['total'] / r['bare_parse']:.1f}× the parse (read alone "
                f"{r['read'] / r['bare_parse']:.1f}×); in CPU time parse {r['bare_parse_cpu']:.2f} s, import "
                f"{r['total_cpu']:.2f} s = {r['total_cpu'] / r['bare_parse_cpu']:.1f}×."
            )
        elif "CSV" in label and "no incoming" not in label:
            lines.append("")
            lines.append(
                f"{label}: {r['rows'] / r['total']:,.0f} rows/s end to end (wall); CPU read {r['read_cpu']:.2f} s, "
                f"preview {r['preview_cpu']:.2f} s, commit {r['commit_cpu']:.2f} s = "
                f"{r['rows'] / r['total_cpu']:,.0f} rows/s."
            )
    lines.append("")
    lines.append(
        f"Medians of {rounds} runs on {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {clock.today():%d/%m/%Y}; exports are of the session the file filled "
        f"({', '.join(sorted({r['exported_session'] for _, r in results}))})."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.io_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rows", type=int, default=10_000, help="rows of the generated files (issue 15: 100000)")
    args = parser.parse_args()
    print(markdown(run(args.rounds, args.rows), args.rounds))


if __name__ == "__main__":
    main()
