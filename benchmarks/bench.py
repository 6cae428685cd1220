"""The benchmark of issue 5: ``python -m benchmarks.bench`` (or ``make bench``).

Builds registers of 1,000, 10,000 and 100,000 items (and 1,000,000 with ``--full``) with a
realistic spread, measures the statistics, the register search, every page's server-side run
under AppTest, the app's memory and, in a real browser, the progress chart against a one-bar
plotly floor; prints one table and writes it to docs/PERFORMANCE.md between the bench markers.

The parts that need Streamlit or a browser run in subprocesses (benchmarks/app_probe.py,
benchmarks/browser_probe.py): the core never imports the UI (tests/architecture/test_architecture.py), and a
separate process is what we want anyway for the app's memory and for DuckDB's one-process lock.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import metadata
from pathlib import Path

from benchmarks import workflow_bench
from benchmarks.register import Built, build_database
from tracker import accounts, clock
from tracker.service import Filters, Tracker
from tracker.storage import ROOT

SIZES = (1_000, 10_000, 100_000)
FULL_SIZE = 1_000_000
BROWSER_SIZE = 100_000  # issue 5: the browser ratio is judged at 100,000 items
PERFORMANCE_MD = ROOT / "docs" / "PERFORMANCE.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


# -- measuring ------------------------------------------------------------------------------


def _ms(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def interleaved(calls: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """Median milliseconds of each call, run in turn round after round after one warm-up each, so
    a burst of background load hits every call alike (a ratio of two medians is then fair)."""
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for fn in calls.values():
        fn()
    for n in range(rounds):
        order = list(calls.items()) if n % 2 == 0 else list(reversed(calls.items()))
        for name, fn in order:
            samples[name].append(_ms(fn))
    return {name: statistics.median(values) for name, values in samples.items()}


@dataclass
class CoreResult:
    stats: dict[str, tuple[float, float]] = field(default_factory=dict)  # what -> (service, bare) ms
    search: dict[str, tuple[float, int, int]] = field(default_factory=dict)  # what -> (ms, rows, matches)
    item_ms: float = 0.0


def _same_counts(service_rows: list, bare_rows: list[dict], with_unit: bool) -> bool:
    """The floor must count what the service counts (else the ratio would flatter someone)."""
    fields = ("total", "replied", "replied_on_time", "replied_late", "open_not_due", "overdue", "transferred")

    def key(session_id: int, kind: str, unit: str | None) -> tuple:
        return (session_id, kind, unit) if with_unit else (session_id, kind)

    ours = {
        key(r.session_id, r.kind, r.unit): tuple(getattr(r.counts, f) for f in fields)
        for r in service_rows
        if r.counts.total or r.counts.transferred
    }
    bare = {key(r["session_id"], r["kind"], r.get("unit")): tuple(int(r[f]) for f in fields) for r in bare_rows}
    return ours == bare


def measure_core(tracker: Tracker, as_of: date, rounds: int) -> CoreResult:
    db = tracker.db
    bare_all = db.records("bench/bare_by_session", {"as_of": as_of, "session_id": None})
    busiest = max(bare_all, key=lambda r: r["total"] + r["transferred"])["session_id"]
    result = CoreResult()
    for label, session_id in (("one session", busiest), ("all sessions", None)):
        params = {"as_of": as_of, "session_id": session_id}
        for what, service, bare_query, with_unit in (
            ("statistics", lambda s=session_id: tracker.stats(as_of, s), "bench/bare_by_session", False),
            ("statistics by unit", lambda s=session_id: tracker.stats_by_unit(as_of, s), "bench/bare_by_unit", True),
        ):
            if not _same_counts(service(), db.records(bare_query, params), with_unit):
                raise AssertionError(f"{what}, {label}: the service and the bare aggregate disagree")
            times = interleaved({"service": service, "bare": lambda q=bare_query, p=params: db.all(q, p)}, rounds)
            result.stats[f"{what}, {label}"] = (times["service"], times["bare"])

    unit = "CQĐP"
    total = tracker.search(Filters(), as_of, limit=1).total
    searches: dict[str, Callable[[], object]] = {
        "no filter, first page": lambda: tracker.search(Filters(), as_of),
        "no filter, last page": lambda: tracker.search(Filters(), as_of, offset=max(0, total - 50)),
        "session + status + unit + text": lambda: tracker.search(
            Filters(session_id=busiest, status="open", unit=unit, text="lương"), as_of
        ),
        "free text only": lambda: tracker.search(Filters(text="phụ cấp cán bộ"), as_of),
        "a unit's queue (overdue first)": lambda: tracker.search(Filters(unit=unit), as_of, order="queue"),
    }
    times = interleaved(searches, rounds)
    for name, fn in searches.items():
        page = fn()
        result.search[name] = (times[name], len(page.rows), page.total)
    item_id = max(1, total // 2)
    result.item_ms = interleaved({"item": lambda: (tracker.get_item(item_id), tracker.history(item_id))}, rounds)[
        "item"
    ]
    return result


def _probe(module: str, args: list[str], timeout: float) -> dict:
    """Run a probe in its own process; its last stdout line is JSON."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if done.returncode != 0:
        raise RuntimeError(f"{module} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- reporting ------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or platform.machine(),
    )
    mem_kb = next(
        (int(line.split()[1]) for line in _read("/proc/meminfo").splitlines() if line.startswith("MemTotal")), 0
    )

    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "?"

    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "ram": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "duckdb": version("duckdb"),
        "streamlit": version("streamlit"),
        "pandas": version("pandas"),
        "plotly": version("plotly"),
    }


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _n(size: int) -> str:
    return f"{size:,}"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "—"


def _t(ms: float) -> str:
    return f"{ms:,.0f} ms" if ms >= 100 else f"{ms:.1f} ms"


@dataclass
class SizeResult:
    size: int
    built: Built
    core: CoreResult
    pages: dict | None = None


def _biggest(growth: dict[str, float]) -> str:
    page, mb = max(growth.items(), key=lambda kv: kv[1])
    return f"`{page}` +{mb:.0f} MB"


def render(results: list[SizeResult], browser: dict | None, info: dict[str, str], notes: list[str]) -> str:
    sizes = [r.size for r in results]
    head = "| what | target | " + " | ".join(_n(s) for s in sizes) + " |"
    rule = "| --- | --- |" + " ---: |" * len(sizes)
    lines = [head, rule]

    def row(what: str, target: str, cells: list[str]) -> None:
        lines.append(f"| {what} | {target} | " + " | ".join(cells) + " |")

    row(
        "build: items + events, seconds, file size",
        "—",
        [
            f"{_n(r.built.items)} + {_n(r.built.events)}, {r.built.seconds:.1f} s, {r.built.file_bytes / 2**20:.0f} MB"
            for r in results
        ],
    )
    for what in results[0].core.stats:
        row(
            f"{what}: service call / bare DuckDB aggregate",
            "≤ 2× bare; ≤ 50 ms at 100,000",
            [
                f"{_t(r.core.stats[what][0])} / {_t(r.core.stats[what][1])} = **{_ratio(*r.core.stats[what])}**"
                for r in results
            ],
        )
    for what in results[0].core.search:
        row(
            f"register search (Tracker.search, 50 a page): {what}",
            "≤ 300 ms at 100,000",
            [
                f"{_t(r.core.search[what][0])} ({r.core.search[what][1]} of {_n(r.core.search[what][2])})"
                for r in results
            ],
        )
    row("one item and its history (item panel)", "—", [_t(r.core.item_ms) for r in results])
    if all(r.pages for r in results):
        for page in results[0].pages["pages"]:
            if page == "register_search":
                continue
            row(
                f"page `{page}` server-side run (AppTest, warm): data uncached / cached",
                "≤ 300 ms at 100,000",
                [
                    f"{_t(r.pages['pages'][page]['uncached_ms'])} / {_t(r.pages['pages'][page]['cached_ms'])}"
                    for r in results
                ],
            )
        row(
            "page `register` with status filter + free text (AppTest, uncached): time, rows sent to the browser",
            "≤ 300 ms at 100,000; one page of rows",
            [
                f"{_t(r.pages['pages']['register_search']['uncached_ms'])}, {r.pages['pages']['register_search']['rows_sent']} rows"
                for r in results
            ],
        )
        row(
            "app process memory (AppTest process after every page: RSS / peak; the page that raised the peak most)",
            "≤ 500 MB at 1,000,000",
            [
                f"{r.pages['rss_mb']:.0f} / {r.pages['peak_mb']:.0f} MB; {_biggest(r.pages['peak_growth_mb'])}"
                for r in results
            ],
        )
    if browser:
        cells = ["—"] * len(sizes)
        at = sizes.index(browser["size"])
        app, floor = browser["app"], browser["floor"]
        cells[at] = f"{_t(app['all_ms'])} / {_t(floor['all_ms'])} = **{_ratio(app['all_ms'], floor['all_ms'])}**"
        row(
            "real browser: sidebar click → progress page's chart drawn / floor (one-bar plotly page)",
            "≤ 1.3× floor at 100,000",
            cells,
        )
        cells = ["—"] * len(sizes)
        cells[at] = f"{browser['server']['rss_mb']:.0f} / {browser['server']['peak_mb']:.0f} MB"
        row("`streamlit run` server memory after the browser run (RSS / peak)", "—", cells)

    header = [
        f"Run {info['date']} on {info['cpu']}, {info['cores']} cores, {info['ram']} RAM, {info['os']}; "
        f"Python {info['python']}, DuckDB {info['duckdb']}, Streamlit {info['streamlit']}, pandas {info['pandas']}, "
        f"plotly {info['plotly']}" + (f", Chromium {browser['chromium']}" if browser else "") + ".",
        "",
        (
            f"Medians of {info['rounds']} runs (pages: {info['page_runs']}; browser: {info['browser_runs']}), "
            "calls compared in a ratio interleaved in the same run. Load average (1 min) at start / end: "
            f"{info['load_start']} / {info['load_end']} — the machine is shared, so absolute times carry noise; "
            "the ratios are measured side by side. `python -m benchmarks.bench` (`--full` adds 1,000,000 items)."
        ),
        "",
    ]
    return "\n".join(header + lines + [""] + notes)


def write_markdown(block: str, path: Path = PERFORMANCE_MD) -> None:
    """Replace only what lies between the markers (another engineer owns other sections);
    the file is read right before writing so their latest edit is kept."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = f"{START}\n{block.rstrip()}\n{END}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in text and END in text and text.index(START) < text.index(END):
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + fresh + after
    elif text:
        text = text.rstrip() + "\n\n## Benchmark\n\n" + fresh + "\n"
    else:
        text = "# Performance\n\n## Benchmark\n\n" + fresh + "\n"
    path.write_text(text, encoding="utf-8")


# -- the command ----------------------------------------------------------------------------

BENCH_USER, BENCH_PASSWORD = "bench", "bench-password-2026"  # an administrator in the throw-away files
LEGEND = [
    "Legend: *service / bare* — the Tracker call (what pages call) against the same numbers counted by a",
    "hand-written aggregate straight over `items` (queries/bench/), checked equal before timing. Search",
    "cells: time (rows returned of rows matching). Pages: the whole script run (sidebar, navigation, page)",
    "with the signed-in admin; *uncached* clears Streamlit's data cache first (what every user pays after",
    "any write, which bumps the cache key), *cached* is a rerun with the same inputs.",
]


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _browser_size(sizes: list[int]) -> int | None:
    fitting = [s for s in sizes if s <= BROWSER_SIZE]
    return BROWSER_SIZE if BROWSER_SIZE in sizes else (max(fitting) if fitting else None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="add the 1,000,000-item register")
    parser.add_argument("--sizes", help="comma-separated sizes instead of the defaults, e.g. 1000,10000")
    parser.add_argument("--runs", type=int, default=15, help="runs per service call (medians)")
    parser.add_argument("--page-runs", type=int, default=5, help="runs per page under AppTest")
    parser.add_argument("--browser-runs", type=int, default=15, help="navigations per app in the browser")
    parser.add_argument("--no-pages", action="store_true", help="skip AppTest")
    parser.add_argument("--no-browser", action="store_true", help="skip the real browser")
    parser.add_argument("--no-write", action="store_true", help=f"print only; leave {PERFORMANCE_MD.name} alone")
    parser.add_argument("--workdir", type=Path, help="build here and keep the files (default: a temporary directory)")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")] if args.sizes else [*SIZES]
    if args.full and FULL_SIZE not in sizes:
        sizes.append(FULL_SIZE)
    browser_size = None if args.no_browser else _browser_size(sizes)
    if browser_size is not None and not Path("/usr/bin/chromium").exists():
        _log("no /usr/bin/chromium (make browser-deps): the real-browser row is skipped")
        browser_size = None

    load_start = os.getloadavg()[0]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    today = clock.today()
    results: list[SizeResult] = []
    workflow: list[workflow_bench.WorkflowResult] = []  # docs/PERFORMANCE.md's "Workflow figures"
    browser: dict | None = None
    try:
        for size in sizes:
            path = workdir / f"bench-{size}.duckdb"
            for stale in (path, path.with_name(path.name + ".wal")):
                stale.unlink(missing_ok=True)
            _log(f"{_n(size)} items: building")
            built = build_database(path, size, seed=args.seed, today=today)
            big = size >= FULL_SIZE
            tracker = Tracker.open(path)
            try:
                milestones = workflow_bench.add_paths(tracker, today)  # every figure below sees reply paths
                problems = tracker.integrity_problems()
                if problems:
                    raise AssertionError(f"the built register is inconsistent: {problems[:5]}")
                _log(f"{_n(size)} items: service calls")
                core = measure_core(tracker, today, max(5, args.runs // 2) if big else args.runs)
                workflow.append(workflow_bench.measure(tracker, size, milestones, today, args.runs))
                # The app re-reads the signed-in account on every run: the probes need a real one.
                accounts.create_first_admin(tracker, BENCH_USER, BENCH_PASSWORD, "Đo hiệu năng")
            finally:
                tracker.close()  # the probes open the file next: one process at a time
            pages = None
            if not args.no_pages:
                _log(f"{_n(size)} items: pages under AppTest")
                runs = max(3, args.page_runs // 2) if big else args.page_runs
                pages = _probe(
                    "benchmarks.app_probe",
                    ["--db", str(path), "--username", BENCH_USER, "--runs", str(runs)],
                    timeout=3600,
                )
            results.append(SizeResult(size, built, core, pages))
            if pages:
                progress = pages["pages"]["progress"]
                workflow[-1].progress_page = (progress["uncached_ms"], progress["cached_ms"])
            if size == browser_size:
                _log(f"{_n(size)} items: real browser")
                browser = _probe(
                    "benchmarks.browser_probe",
                    [
                        "--db",
                        str(path),
                        "--username",
                        BENCH_USER,
                        "--password",
                        BENCH_PASSWORD,
                        "--runs",
                        str(args.browser_runs),
                    ],
                    timeout=1800,
                )
                browser["size"] = size
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)

    info = machine() | {
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "rounds": str(args.runs),
        "page_runs": str(args.page_runs),
        "browser_runs": str(args.browser_runs),
        "load_start": f"{load_start:.1f}",
        "load_end": f"{os.getloadavg()[0]:.1f}",
    }
    block = render(results, browser, info, LEGEND)
    figures = workflow_bench.render(workflow, info["date"], f"{info['load_start']} / {info['load_end']}")
    print(block + "\n\n" + figures)
    if not args.no_write:
        write_markdown(block)
        workflow_bench.write_markdown(figures, PERFORMANCE_MD)
        _log(f"written to {PERFORMANCE_MD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
