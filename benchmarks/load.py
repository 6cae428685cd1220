"""Concurrent sessions against one server (issue 15): ``python -m benchmarks.load --sessions N
--seconds S --items 100000 --json``.

Starts the real server (``streamlit run app.py``, loopback only) over a register file (built
first with benchmarks/register.py when it does not exist), then drives N sessions over the app's
websocket (/_stcore/stream) with Streamlit's own protocol messages: a BackMsg ``rerun_script``
per click, ForwardMsgs read until ``script_finished``. Each session is a real account (a liaison
officer, created in the file) carrying a real session cookie (tracker/web_sessions.py: what the
sign-in form's cookie route would have given its browser), so the app signs it in as it does a
reloaded tab. Each session loops over a realistic mix with a think time between clicks: open the
progress page, open the register, search it, open an item (?item=ID), add a progress note
through the item's form, open the export page. Latency is one click: from the BackMsg to the
run's end. Writes acknowledged (the note's "done" message came back) are compared with the notes
found in the file after the server stopped. The tabs open evenly over ``--ramp`` seconds (by default
within a tenth of the run: a login storm; an office's morning spreads far wider). Bounded: --seconds
and --max-clicks per session; the server is stopped at the end whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTE_PREFIX = "load-note"
MIX = ("progress", "register", "search", "item", "note", "export")
SEARCH_TEXT = "phụ cấp"


@dataclass
class Stats:
    latencies_ms: list[float] = field(default_factory=list)
    by_action: dict[str, list[float]] = field(default_factory=dict)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    acknowledged: int = 0

    def error(self, what: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(what[:300])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def prepare(path: Path, items: int, sessions: int) -> tuple[list[tuple[str, str]], list[int], int]:
    """The register (built when missing), one liaison account and session cookie per session,
    open items to note on, and the notes already in the file."""
    from tracker import accounts, web_sessions
    from tracker.permissions import Role
    from tracker.service import Tracker

    if not path.exists():
        from benchmarks.register import build_database

        print(f"building a {items:,}-item register in {path} …", file=sys.stderr, flush=True)
        build_database(path, items)
    tracker = Tracker.open(path)
    try:
        existing = {a["username"] for a in accounts.list_users(tracker)}
        now = datetime.now()
        cookies = []
        key = web_sessions.secret_key(tracker.db.path)
        for n in range(sessions):
            name = f"load{n:03d}"
            if name not in existing:
                accounts.add_user(tracker, None, name, "load-password-2026", Role.LIAISON, display_name=f"Tải {n}")
            _, code = web_sessions.start(tracker, name, now, "vi")
            token = web_sessions.claim(tracker, code, now)
            assert token is not None
            cookies.append((name, web_sessions.sign(token, key)))
    finally:
        tracker.close()
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        ids = [
            r[0]
            for r in con.execute(
                "select id from items where responded_on is null and transferred_on is null "
                "and archived_at is null order by hash(id) limit 2000"
            ).fetchall()
        ]
    finally:
        con.close()
    return cookies, ids, count_notes(path)


def count_notes(path: Path) -> int:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        row = con.execute(
            "select count(*) from item_events where action = 'progress' and reason like ?", [f"{NOTE_PREFIX}%"]
        ).fetchone()
        return int(row[0]) if row else 0
    finally:
        con.close()


def start_server(path: Path, port: int, profile: str | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TRACKER_DB": str(path)}
    if profile:  # every script run under cProfile, merged into this file when the server stops
        env["TRACKER_PROFILE"] = str(Path(profile).resolve())
    command = [
        sys.executable,
        "-m",
        "benchmarks.profiled_server" if profile else "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
        "--server.runOnSave=false",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {server.stderr.read().decode()[-2000:] if server.stderr else ''}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the server did not answer within 120 s")


def rss_mb(pid: int) -> tuple[float, float]:
    """The server's resident memory now and at its peak (VmRSS, VmHWM), from the kernel."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(value.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def cpu_seconds(pid: int) -> float:
    """CPU time the server has used (user + system, all its threads), from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


class Session:
    """One signed-in tab: a websocket, the pages the server offers, the widgets it last drew."""

    def __init__(self, port: int, cookie: str, stats: Stats, rng: random.Random, mix: tuple[str, ...] = MIX) -> None:
        self.mix = mix
        self.url = f"ws://127.0.0.1:{port}/_stcore/stream"
        self.origin = f"http://127.0.0.1:{port}"
        self.cookie = cookie
        self.stats = stats
        self.rng = rng
        self.pages: dict[str, str] = {}  # url path ("" for the default page) -> page script hash
        self.widgets: dict[str, str] = {}  # widget id suffix (its key) -> id
        self.submit_ids: dict[str, str] = {}  # form id -> its submit button's id
        self.buttons: dict[str, str] = {}  # button key -> id (buttons outside forms)
        self.ws: object = None

    async def run(self, until: float, max_clicks: int, ids: list[int], think: tuple[float, float]) -> None:
        import websockets

        async with websockets.connect(
            self.url,
            additional_headers={"Cookie": f"tracker_session={self.cookie}"},
            origin=self.origin,  # type: ignore[arg-type]
            subprotocols=["streamlit"],  # type: ignore[list-item]
            max_size=None,
            open_timeout=60,
        ) as ws:
            self.ws = ws
            await self.click("open", page="")
            clicks = 0
            while time.monotonic() < until and clicks < max_clicks:
                await asyncio.sleep(self.rng.uniform(*think))
                if time.monotonic() >= until:
                    break
                action = self.mix[clicks % len(self.mix)]
                clicks += 1
                await self.do(action, ids)

    async def do(self, action: str, ids: list[int]) -> None:
        if action == "progress":
            await self.click(action, page="")
        elif action == "register":
            await self.click(action, page="register")
        elif action == "search":
            widget = self.widgets.get("register.text")
            if widget is None:
                await self.click("register", page="register")
                widget = self.widgets.get("register.text")
            if widget is None:
                self.stats.error("search: no search box on the register")
                return
            await self.click(action, page="register", widgets=[(widget, "string_value", SEARCH_TEXT)])
        elif action == "item":
            self.item_id = self.rng.choice(ids)
            await self.click(action, page="register", query=f"item={self.item_id}")
        elif action == "note":
            item_id = getattr(self, "item_id", None)
            if item_id is None:
                return
            # The item page (ui/item_actions.py) keys its widgets by the item; the note's form opens
            # from its button in the action row (one click, its own run), then is filled and sent.
            prefix = f"item.{item_id}"
            query = f"id={item_id}"
            if f"{prefix}.progress_note" not in self.widgets:
                opener = self.buttons.get(f"{prefix}.open.record_progress")
                if opener is None:
                    self.stats.error(f"note: no 'add a note' button on item {item_id} ({sorted(self.buttons)[:6]})")
                    return
                await self.click("note_open", page="item", query=query, widgets=[(opener, "trigger_value", True)])
            area = self.widgets.get(f"{prefix}.progress_note")
            button = self.submit_ids.get(f"{prefix}.progress_form")
            if area is None or button is None:
                seen = sorted(self.widgets)[:8], sorted(self.submit_ids)[:4]
                self.stats.error(f"note: no progress form on item {item_id} (widgets {seen})")
                return
            note = f"{NOTE_PREFIX} {id(self)}-{time.monotonic_ns()}"
            done = await self.click(
                action,
                page="item",
                query=query,
                widgets=[(area, "string_value", note), (button, "trigger_value", True)],
                expect="Đã thêm ghi chú tiến độ.",
            )
            if done:
                self.stats.acknowledged += 1
        elif action == "export":
            await self.click(action, page="export")

    async def click(
        self,
        action: str,
        *,
        page: str,
        query: str = "",
        widgets: list[tuple[str, str, object]] | None = None,
        expect: str | None = None,
    ) -> bool:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query
        if page in self.pages:
            state.page_script_hash = self.pages[page]
        state.page_name = page
        for widget_id, kind, value in widgets or []:
            w = state.widget_states.widgets.add()
            w.id = widget_id
            setattr(w, kind, value)
        started = time.perf_counter()
        seen_expected = expect is None
        self.widgets, self.submit_ids, self.buttons = {}, {}, {}
        ws = self.ws
        assert ws is not None
        try:
            await ws.send(msg.SerializeToString())  # type: ignore[attr-defined]
            while True:
                raw = await asyncio.wait_for(ws.recv(), timeout=60)  # type: ignore[attr-defined]
                fwd = ForwardMsg()
                fwd.ParseFromString(raw)
                kind = fwd.WhichOneof("type")
                if kind == "new_session":
                    self.pages = {p.url_pathname: p.page_script_hash for p in fwd.new_session.app_pages}
                elif kind == "pages_changed":
                    self.pages = {p.url_pathname: p.page_script_hash for p in fwd.pages_changed.app_pages}
                elif kind == "delta":
                    if self._read_delta(fwd, action):
                        return False
                    if expect is not None and expect.encode() in raw:
                        seen_expected = True
                elif kind == "script_finished":
                    status = fwd.script_finished
                    if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        continue  # the form's st.rerun(): the run the user sees follows
                    if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        self.stats.error(f"{action}: compile error")
                        return False
                    break
        except (TimeoutError, OSError, Exception) as error:  # noqa: BLE001 - every failure is an error to count
            self.stats.error(f"{action}: {type(error).__name__}: {error}")
            return False
        elapsed = (time.perf_counter() - started) * 1000
        self.stats.latencies_ms.append(elapsed)
        self.stats.by_action.setdefault(action, []).append(elapsed)
        if not seen_expected:
            self.stats.error(f"{action}: the confirmation never came")
        return seen_expected

    def _read_delta(self, fwd: object, action: str) -> bool:
        """Remember widget ids; True when the run showed an exception (an error)."""
        delta = fwd.delta  # type: ignore[attr-defined]
        if delta.WhichOneof("type") != "new_element":
            return False
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.stats.error(f"{action}: {element.exception.type}: {element.exception.message}")
            return True
        if kind in ("text_input", "text_area"):
            widget_id = getattr(element, kind).id
            self.widgets[widget_id.rsplit("-", 1)[-1]] = widget_id
        elif kind == "button" and element.button.is_form_submitter:
            self.submit_ids[element.button.form_id] = element.button.id
        elif kind == "button":
            self.buttons[element.button.id.rsplit("-", 1)[-1]] = element.button.id
        return False


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


async def drive(
    port: int,
    cookies: list[tuple[str, str]],
    ids: list[int],
    seconds: float,
    max_clicks: int,
    think: tuple[float, float],
    mix: tuple[str, ...] = MIX,
    ramp: float = 0.0,
) -> Stats:
    stats = Stats()
    until = time.monotonic() + seconds
    sessions = [Session(port, cookie, stats, random.Random(n), mix) for n, (_, cookie) in enumerate(cookies)]

    async def one(n: int, s: Session) -> None:
        # People arrive, not all at once: evenly over the ramp (see --ramp).
        await asyncio.sleep(n * ramp / max(1, len(sessions)))
        try:
            await s.run(until, max_clicks, ids, think)
        except Exception as error:  # noqa: BLE001 - a session that could not connect is an error
            stats.error(f"session: {type(error).__name__}: {error}")

    await asyncio.gather(*(one(n, s) for n, s in enumerate(sessions)))
    return stats


def run(args: argparse.Namespace) -> dict[str, object]:
    path = Path(args.db or ROOT / ".bench" / f"load-{args.items}.duckdb")
    path.parent.mkdir(parents=True, exist_ok=True)
    cookies, ids, notes_before = prepare(path, args.items, args.sessions)
    port = _free_port()
    server = start_server(path, port, args.profile)
    peak = 0.0
    try:
        # A deployed server has imported its modules and run each page once long before the
        # morning's users: one session walks the whole mix first, unmeasured, so the first
        # click's imports are not counted as load (no note: writes are counted from before it).
        warm = tuple(a for a in MIX if a != "note")
        asyncio.run(drive(port, cookies[:1], ids, 60, len(warm), (0.0, 0.0), warm))
        loop_started = time.perf_counter()
        cpu_before, load_before = cpu_seconds(server.pid), load_average()

        async def main() -> Stats:
            async def sample() -> None:
                nonlocal peak
                while True:
                    peak = max(peak, rss_mb(server.pid)[0])
                    await asyncio.sleep(0.5)

            sampler = asyncio.create_task(sample())
            try:
                think = (args.think_min, args.think_max)
                mix = tuple(args.mix.split(","))
                return await drive(port, cookies, ids, args.seconds, args.max_clicks, think, mix, args.ramp)
            finally:
                sampler.cancel()

        stats = asyncio.run(main())
        wall = time.perf_counter() - loop_started
        cpu = cpu_seconds(server.pid) - cpu_before
        rss_now, hwm = rss_mb(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    found = count_notes(path) - notes_before
    lat = stats.latencies_ms
    return {
        "sessions": args.sessions,
        "seconds": args.seconds,
        "ramp_s": round(args.ramp, 1),
        "items": args.items,
        "clicks": len(lat),
        "clicks_per_s": round(len(lat) / wall, 2) if wall else 0.0,
        "p50_ms": round(percentile(lat, 50), 1),
        "p95_ms": round(percentile(lat, 95), 1),
        "p99_ms": round(percentile(lat, 99), 1),
        "by_action_p95_ms": {a: round(percentile(v, 95), 1) for a, v in sorted(stats.by_action.items())},
        "by_action_p50_ms": {a: round(statistics.median(v), 1) for a, v in sorted(stats.by_action.items())},
        "errors": stats.errors,
        "error_samples": stats.error_samples,
        "writes_acknowledged": stats.acknowledged,
        "writes_found": found,
        "rss_mb": round(max(peak, rss_now), 1),
        # What a click costs the server whatever else runs on the machine: its CPU time per click,
        # and how much of one core it got (the GIL keeps the script runs to about one).
        "server_cpu_ms_per_click": round(cpu * 1000 / len(lat), 1) if lat else 0.0,
        "server_cores_used": round(cpu / wall, 2) if wall else 0.0,
        "load_average": [load_before, load_average()],
        "peak_rss_mb": round(hwm, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--db", help="the register file (default .bench/load-ITEMS.duckdb, built when missing)")
    parser.add_argument("--max-clicks", type=int, default=500, help="per session")
    parser.add_argument("--think-min", type=float, default=1.0, help="seconds between one person's clicks")
    parser.add_argument("--think-max", type=float, default=3.0)
    parser.add_argument("--mix", default=",".join(MIX), help=f"the clicks each session repeats, of {', '.join(MIX)}")
    parser.add_argument(
        "--ramp",
        type=float,
        help="seconds over which the sessions open their tabs, evenly (default: a tenth of --seconds, at most "
        "0.2 s apart: 50 tabs within 6 s of a 60 s run, a login storm)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--profile", help="profile every script run (cProfile) into this pstats file; slower")
    args = parser.parse_args()
    unknown = set(args.mix.split(",")) - set(MIX)
    if unknown:
        parser.error(f"unknown clicks in --mix: {', '.join(sorted(unknown))}")
    if args.ramp is None:
        args.ramp = min(0.2 * args.sessions, args.seconds / 10)
    if not 0 <= args.ramp < args.seconds:
        parser.error("--ramp must be at least 0 and shorter than --seconds")
    result = run(args)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
