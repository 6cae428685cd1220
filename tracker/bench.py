"""The benchmark of issue 5: ``python -m tracker.bench`` (or ``make bench``).

Builds registers of 1,000, 10,000 and 100,000 items (and 1,000,000 with ``--full``) with a
realistic spread, measures the statistics, the register search, every page's server-side run
under AppTest, the app's memory and, in a real browser, the progress chart against a one-bar
plotly floor; prints one table and writes it to docs/PERFORMANCE.md between the bench markers.

The parts that need Streamlit or a browser run in subprocesses (benchmarks/app_probe.py,
benchmarks/browser_probe.py): the core never imports the UI (tests/test_architecture.py), and a
separate process is what we want anyway for the app's memory and for DuckDB's one-process lock.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pandas as pd

from tracker import accounts
from tracker.dates import END_OF_TIME
from tracker.demo import DEPUTIES, PROVINCES, ROADMAPS, SIGNERS, TOPICS
from tracker.items import Kind, Phase, Result
from tracker.service import Filters, Tracker
from tracker.sessions import Session
from tracker.storage import ROOT, Cursor
from tracker.text import fold

SIZES = (1_000, 10_000, 100_000)
FULL_SIZE = 1_000_000
BROWSER_SIZE = 100_000  # issue 5: the browser ratio is judged at 100,000 items
PERFORMANCE_MD = ROOT / "docs" / "PERFORMANCE.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
CHUNK = 50_000  # rows generated and appended at a time: bounded memory at 1,000,000

# -- building a register --------------------------------------------------------------------

ITEM_COLUMNS = (
    "id",
    "kind",
    "session_id",
    "phase",
    "ref_no",
    "received_on",
    "sources",
    "deputy",
    "summary",
    "full_text",
    "topic",
    "lead_unit",
    "coordinating_units",
    "due_on",
    "due_basis",
    "due_override_reason",
    "response_no",
    "responded_on",
    "signer",
    "response_summary",
    "result",
    "roadmap",
    "committed_on",
    "late_reason",
    "transferred_on",
    "transfer_note",
    "search_text",
    "version",
    "created_at",
    "created_by",
    "updated_at",
    "archived_at",
    "archive_reason",
)
EVENT_COLUMNS = ("item_id", "occurred_at", "actor", "action", "changes", "reason", "version")
DATE_COLUMNS = ("received_on", "due_on", "responded_on", "committed_on", "transferred_on")
TIMESTAMP_COLUMNS = ("created_at", "updated_at", "archived_at")
LIAISONS = ("lienlac", "lienlac2", "vp_tonghop")
REPLY_SUMMARY = "Bộ Nội vụ đã trả lời, giải trình cụ thể nội dung kiến nghị và hướng giải quyết."
TRANSFER_NOTE = "Không thuộc thẩm quyền của Bộ Nội vụ; chuyển Ủy ban Dân nguyện và Giám sát của Quốc hội"
PROGRESS_NOTE = "Đơn vị đang tổng hợp ý kiến, dự thảo văn bản trả lời."
ARCHIVE_REASON = "Nhập trùng với mục đã có"
LATE_REASON = "Cần xin ý kiến các bộ, ngành liên quan"


@dataclass(frozen=True)
class Built:
    items: int
    events: int
    seconds: float
    file_bytes: int


@lru_cache(maxsize=100_000)
def _folded(text: str) -> str:
    return fold(text)


def _fold_part(text: str) -> str:
    if text.isascii() and " " not in text:  # numbers like "851/BDN-15/6": unique, so not cached
        return text.lower()
    return _folded(text)


def _search_text(*parts: str | tuple[str, ...] | None) -> str:
    """Equal to tracker.service._search_text (the fold of the joined parts), folding each piece
    once: fold maps characters one by one and collapses spaces, so folding pieces then joining
    them with a space gives the same text. A tuple is a text made of pieces joined by spaces."""
    pieces = (q for p in parts if p for q in (p if isinstance(p, tuple) else (p,)) if q)
    return " ".join(f for f in map(_fold_part, pieces) if f)


def _workday(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


@dataclass(frozen=True)
class _SessionPlan:
    session: Session
    anchor: date  # when it opened (or, undated, when it is expected to have opened)
    weight: float


def _session_plans(tracker: Tracker, today: date) -> list[_SessionPlan]:
    """Regular sessions carry most items; dated extraordinary ones a few questions. The next
    undated regular session is placed half a year after the last dated one (16/2: "expected
    October 2026"), so the newest session holds the open, not-yet-due items."""
    sessions = tracker.reference.sessions
    regular = sorted((s for s in sessions if not s.extraordinary), key=lambda s: (s.term, s.number))
    plans: list[_SessionPlan] = []
    last_dated: date | None = None
    for s in regular:
        anchor = s.opens_on or (last_dated + timedelta(days=182) if last_dated else None)
        if anchor is None or anchor > today:
            continue
        if s.opens_on is not None:
            last_dated = s.opens_on
        plans.append(_SessionPlan(s, anchor, 1.0 + 0.1 * len(plans)))  # a little more each session
    for s in sessions:
        if s.extraordinary and s.opens_on is not None and s.opens_on <= today:
            plans.append(_SessionPlan(s, s.opens_on, 0.08))
    return plans


class _Generator:
    """Rows for items and their events, deterministic for a seed."""

    def __init__(self, tracker: Tracker, today: date, seed: int) -> None:
        self.tracker = tracker
        self.today = today
        self.rng = random.Random(seed)
        self.ref = tracker.reference
        self.plans = _session_plans(tracker, today)
        self.weights = [p.weight for p in self.plans]
        self.numbers: dict[tuple[int, str], int] = {}
        self.reply_numbers: dict[int, int] = {}
        self._deadlines: dict[tuple[str, date], tuple[date, str]] = {}
        self._units_on: dict[date, list[str]] = {}

    def deadline(self, kind: Kind, received: date) -> tuple[date, str]:
        key = (kind.value, received)
        if key not in self._deadlines:
            d = self.tracker.deadline_for(kind, received)
            self._deadlines[key] = (d.due_on, d.explain("vi"))
        return self._deadlines[key]

    def units_on(self, day: date) -> list[str]:
        if day not in self._units_on:
            self._units_on[day] = [u.code for u in self.ref.units if u.is_active_on(day) and u.code != "VP"]
        return self._units_on[day]

    def received_on(self, plan: _SessionPlan, kind: Kind) -> tuple[Phase, date]:
        rng, opens = self.rng, plan.anchor
        if kind == Kind.DEPUTY_QUESTION:  # extraordinary sessions only get questions here
            if plan.session.extraordinary or rng.random() < 0.6:
                phase, day = Phase.AT_SESSION, opens + timedelta(days=rng.randint(0, 30))
            else:
                phase, day = Phase.BETWEEN_SESSIONS, opens + timedelta(days=rng.randint(60, 150))
        elif rng.random() < 0.45:
            phase, day = Phase.BEFORE, opens + timedelta(days=rng.randint(-10, 20))
        else:
            phase, day = Phase.AFTER, opens + timedelta(days=rng.randint(50, 110))
        day = _workday(day)
        if day > self.today:  # the newest session: only what has arrived so far
            day = self.today - timedelta(days=rng.randint(0, 25))
        return phase, day

    def arrivals(self, count: int) -> list[tuple[date, int, Kind, Phase]]:
        """When each item arrives, for which session, of which kind, oldest first: a real
        register is appended as the mail comes in, so ids and row order follow the dates."""
        rng, out = self.rng, []
        for _ in range(count):
            index = rng.choices(range(len(self.plans)), self.weights)[0]
            plan = self.plans[index]
            kind = (
                Kind.DEPUTY_QUESTION if plan.session.extraordinary or rng.random() < 0.15 else Kind.VOTER_RECOMMENDATION
            )
            phase, received = self.received_on(plan, kind)
            out.append((received, index, kind, phase))
        out.sort(key=lambda a: a[0])
        return out

    def rows(
        self, ids: list[int], arrivals: list[tuple[date, int, Kind, Phase]]
    ) -> tuple[dict[str, list], dict[str, list]]:
        rng, today = self.rng, self.today
        items: dict[str, list] = {c: [] for c in ITEM_COLUMNS}
        events: dict[str, list] = {c: [] for c in EVENT_COLUMNS}

        def event(
            item_id: int, at: datetime, actor: str, action: str, changes: dict, reason: str, version: int
        ) -> None:
            events["item_id"].append(item_id)
            events["occurred_at"].append(at)
            events["actor"].append(actor)
            events["action"].append(action)
            events["changes"].append(json.dumps(changes, ensure_ascii=False))
            events["reason"].append(reason)
            events["version"].append(version)

        for item_id, (received, plan_index, kind, phase) in zip(ids, arrivals, strict=True):
            session = self.plans[plan_index].session
            topic, leads, summaries = rng.choice(TOPICS)
            active = self.units_on(received)
            lead = next((u for u in leads if u in active), "VP")
            coordinating = ";".join(rng.sample([u for u in active if u != lead], k=rng.choice((0, 0, 1, 2))))
            number = self.numbers[(session.id, kind.value)] = self.numbers.get((session.id, kind.value), 0) + 1
            if kind == Kind.DEPUTY_QUESTION:
                deputy, delegation = rng.choice(DEPUTIES)
                sources, ref_no = delegation, f"{number}/TTKQH-TH-{session.ref.code()}"
            else:
                deputy = ""
                sources = "; ".join(f"Cử tri tỉnh {p}" for p in rng.sample(PROVINCES, k=rng.choice((1, 1, 2, 3))))
                ref_no = f"{number}/BDN-{session.ref.code()}"
            summary = rng.choice(summaries)
            full_pieces = () if rng.random() < 0.7 else (sources, "phản ánh:", summary, rng.choice(summaries))
            full_text = " ".join(full_pieces)
            due_on, due_basis = self.deadline(kind, received)
            created = datetime.combine(received, datetime.min.time()) + timedelta(hours=8, minutes=rng.randint(0, 540))
            creator = rng.choice(LIAISONS)
            unassigned = due_on >= today and rng.random() < 0.05  # newly received, not yet assigned
            if unassigned:
                lead, coordinating = None, ""

            reply = transfer = None
            duplicate = rng.random() < 0.01  # entered twice by mistake: archived before anything else happens
            handled = not unassigned and not duplicate
            if handled and rng.random() < 0.025:
                transfer = min(received + timedelta(days=rng.randint(3, 15)), today)
            elif handled:
                period = (due_on - received).days
                if due_on < today:
                    if rng.random() < (0.97 if (today - due_on).days > 180 else 0.8):
                        late = rng.random() < 0.12
                        reply = (
                            due_on + timedelta(days=rng.randint(1, 25))
                            if late
                            else received + timedelta(days=rng.randint(5, period))
                        )
                        reply = reply if reply <= today else None
                elif rng.random() < 0.3 and (today - received).days >= 5:
                    reply = received + timedelta(days=rng.randint(5, (today - received).days))

            result = roadmap = committed = late_reason = response_no = signer = response_summary = archived = why = None
            version, updated = 1, created
            event(
                item_id,
                created,
                creator,
                "created",
                {
                    "kind": [None, kind.value],
                    "session_id": [None, session.id],
                    "phase": [None, phase.value],
                    "ref_no": [None, ref_no],
                    "received_on": [None, received.isoformat()],
                    "lead_unit": [None, lead],
                    "coordinating_units": [None, coordinating],
                    "due_on": [None, due_on.isoformat()],
                },
                "",
                1,
            )
            if reply is not None:
                result = rng.choices((Result.EXPLAINED, Result.RESOLVED, Result.BEING_RESOLVED), weights=(70, 12, 18))[
                    0
                ]
                self.reply_numbers[reply.year] = self.reply_numbers.get(reply.year, 100) + 1
                response_no = f"{self.reply_numbers[reply.year]}/BNV-{lead}"
                signer, response_summary = rng.choice(SIGNERS), REPLY_SUMMARY
                if result == Result.BEING_RESOLVED:
                    roadmap, committed = rng.choice(ROADMAPS), reply + timedelta(days=180)
                late_reason = LATE_REASON if reply > due_on else None
                version, updated = 2, datetime.combine(reply, datetime.min.time()) + timedelta(hours=15)
                event(
                    item_id,
                    updated,
                    f"cb_{lead}",
                    "replied",
                    {
                        "response_no": [None, response_no],
                        "responded_on": [None, reply.isoformat()],
                        "signer": [None, signer],
                        "response_summary": [None, response_summary],
                        "result": [None, result.value],
                    },
                    late_reason or "",
                    2,
                )
            elif transfer is not None:
                version, updated = 2, datetime.combine(transfer, datetime.min.time()) + timedelta(hours=10)
                event(
                    item_id,
                    updated,
                    creator,
                    "transferred",
                    {"transferred_on": [None, transfer.isoformat()], "transfer_note": [None, TRANSFER_NOTE]},
                    TRANSFER_NOTE,
                    2,
                )
            elif duplicate:
                archived = min(
                    created + timedelta(days=rng.randint(1, 10)), datetime.combine(today, datetime.min.time())
                )
                version, updated, why = 2, archived, "duplicate_entry"
                event(item_id, archived, creator, "archived", {"archive_reason": [None, why]}, ARCHIVE_REASON, 2)
            elif lead is not None and rng.random() < 0.4:
                at = created + timedelta(days=rng.randint(0, max(0, (today - received).days)), hours=2)
                event(item_id, at, f"cb_{lead}", "progress", {}, PROGRESS_NOTE, 1)

            search_parts = [ref_no, summary, full_pieces, topic, sources, deputy]
            if reply is not None:
                search_parts += [response_no, response_summary]
            row = {
                "id": item_id,
                "kind": kind.value,
                "session_id": session.id,
                "phase": phase.value,
                "ref_no": ref_no,
                "received_on": received,
                "sources": sources,
                "deputy": deputy,
                "summary": summary,
                "full_text": full_text,
                "topic": topic,
                "lead_unit": lead,
                "coordinating_units": coordinating,
                "due_on": due_on,
                "due_basis": due_basis,
                "due_override_reason": "",
                "response_no": response_no,
                "responded_on": reply,
                "signer": signer,
                "response_summary": response_summary,
                "result": result.value if result else None,
                "roadmap": roadmap,
                "committed_on": committed,
                "late_reason": late_reason,
                "transferred_on": transfer,
                "transfer_note": TRANSFER_NOTE if transfer else None,
                "search_text": _search_text(*search_parts),
                "version": version,
                "created_at": created,
                "created_by": creator,
                "updated_at": updated,
                "archived_at": archived,
                "archive_reason": why,
            }
            for column in ITEM_COLUMNS:
                items[column].append(row[column])
        return items, events


def _frame(columns: dict[str, list], dates: tuple[str, ...] = (), stamps: tuple[str, ...] = ()) -> pd.DataFrame:
    frame = pd.DataFrame(columns)
    for column in dates:  # explicit, so DuckDB never guesses a column of Nones
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
    for column in stamps:
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[us]")
    return frame


def build_database(path: Path | str, items: int, *, seed: int = 5, today: date | None = None) -> Built:
    """A register of ``items`` items (and their events) in a new file at ``path``.

    One transaction on the single writer, appended a chunk at a time through Cursor.insert_frame
    (the bulk path imports use): about a minute for 1,000,000 items, not hours through create_item.
    """
    started = time.perf_counter()
    tracker = Tracker.open(path)
    try:
        if tracker.search(Filters(), END_OF_TIME, limit=1).total:
            raise ValueError(f"{path} already holds items: the bench builds into a new file")
        generator = _Generator(tracker, today or date.today(), seed)

        arrivals = generator.arrivals(items)

        def work(cur: Cursor) -> int:
            ids = [i for (i,) in cur.all("bench/reserve_item_ids", [items])]
            # Events are staged, then appended in the order they happened, as a real history is
            # (a reply comes weeks after the item): zone maps on occurred_at then work as in life.
            cur.run("bench/create_event_stage")
            events = 0
            for start in range(0, items, CHUNK):
                item_rows, event_rows = generator.rows(ids[start : start + CHUNK], arrivals[start : start + CHUNK])
                cur.insert_frame("items", _frame(item_rows, DATE_COLUMNS, TIMESTAMP_COLUMNS), ITEM_COLUMNS)
                cur.insert_frame("bench_event_stage", _frame(event_rows), EVENT_COLUMNS)
                events += len(event_rows["item_id"])
            cur.run("bench/append_staged_events")
            cur.run("bench/drop_event_stage")
            return events

        events = tracker.db.write(work)
    finally:
        tracker.close()
    return Built(items, events, time.perf_counter() - started, Path(path).stat().st_size)


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
            "the ratios are measured side by side. `python -m tracker.bench` (`--full` adds 1,000,000 items)."
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
    parser = argparse.ArgumentParser(prog="python -m tracker.bench", description=__doc__.split("\n\n")[0])
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
    today = date.today()
    results: list[SizeResult] = []
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
                problems = tracker.integrity_problems()
                if problems:
                    raise AssertionError(f"the built register is inconsistent: {problems[:5]}")
                _log(f"{_n(size)} items: service calls")
                core = measure_core(tracker, today, max(5, args.runs // 2) if big else args.runs)
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
    print(block)
    if not args.no_write:
        write_markdown(block)
        _log(f"written to {PERFORMANCE_MD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
