"""Real browser: navigation to the progress page until its first chart is drawn (HTML bars since
the eleventh round; ``--chart``), against the same navigation to a one-bar plotly page
(benchmarks/floor_app.py), in one run.

Run by benchmarks.bench: ``python -m benchmarks.browser_probe --db FILE --username U --password P``;
prints one JSON line. Both apps are served by ``streamlit run`` on free loopback ports at once,
and the two measurements alternate, so background load hits both alike. Debian's Chromium
(Playwright cannot download a browser here). ``--compare DIR`` serves another checkout too (on a
copy of the database) in the same rotation, for an A/B of a change in one browser under one load.

``inserted_ms`` is when the page first holds the chart's element; for plotly the observer sees it
only after plotly's first synchronous layout of that chart, so most of plotly's work falls before
it, not between it and ``first_ms``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Installed before any page script: notes when N plotly charts have drawn their traces, at the
# next animation frame (i.e. painted), in the page's own clock; and the last change to the page,
# so that "settled" (the whole page drawn: its last change once the script has finished and the page
# has been still for SETTLE_MS) shows what a chart drawn sooner costs the rest of the page.
OBSERVER = """
window.__bench = {want: 1, t0: 0, first: 0, all: 0, pending: 0, inserted: 0, done: 0, last: 0};
const drawn = () => __DRAWN__;
new MutationObserver(() => {
    const b = window.__bench;
    if (!b.t0) return;
    b.last = performance.now();
    const n = drawn();
    if (!b.inserted && document.querySelector('__ELEMENT__')) b.inserted = performance.now();
    if (!b.done && b.inserted && document.querySelector('[data-test-script-state="notRunning"]')) {
        b.done = performance.now();
    }
    if (n >= 1 && !b.first && !(b.pending & 1)) {
        b.pending |= 1; requestAnimationFrame(() => { b.first = performance.now(); });
    }
    if (n >= b.want && !b.all && !(b.pending & 2)) {
        b.pending |= 2; requestAnimationFrame(() => { b.all = performance.now(); });
    }
}).observe(document, {subtree: true, childList: true, attributes: true});
"""

CLICK = """([path, want]) => {
    const b = window.__bench;
    Object.assign(b, {want, first: 0, all: 0, pending: 0, inserted: 0, done: 0, last: 0});
    const link = [...document.querySelectorAll('a[data-testid="stSidebarNavLink"]')]
        .find(a => new URL(a.href).pathname === path);
    b.t0 = performance.now();
    link.click();
}"""

SETTLE_MS = 500
SETTLED = """ms => window.__bench.done > 0 && performance.now() - window.__bench.last > ms"""

# The page left is drawn and still before the click back, as a reader clicks a page they have read.
IDLE = """ms => !document.querySelector('__ELEMENT__')
    && document.querySelector('[data-test-script-state="notRunning"]') !== null
    && performance.now() - window.__bench.last > ms"""

# How each kind of chart is found: its element, and (a JavaScript expression) how many are drawn.
# plotly: a chart whose traces have their paths (the floor's, and the progress page's before the
# eleventh round). html: the progress page's bars in plain HTML (ui/progress_bars.py), drawn once
# they are in the page. vega: Vega-Lite (st.vega_lite_chart) once its bars have their paths, the
# alternative measured and not kept (issue 15, point 4: "measure the alternatives").
CHARTS = {
    "plotly": (
        ".js-plotly-plot",
        "[...document.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('.main-svg g.trace path')).length",
    ),
    "vega": (
        '[data-testid="stVegaLiteChart"]',
        "document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] svg .mark-rect path').length ? 1 : 0",
    ),
    "html": (".progress-bars", "document.querySelectorAll('.progress-bars').length"),
}


def for_chart(script: str, chart: str) -> str:
    element, drawn = CHARTS[chart]
    return script.replace("__ELEMENT__", element).replace("__DRAWN__", drawn)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen

    def memory_mb(self) -> dict[str, float]:
        fields = {}
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = round(int(value.split()[0]) / 1024, 1)
        return {"rss_mb": fields.get("VmRSS", 0.0), "peak_mb": fields.get("VmHWM", 0.0)}

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start(script: str, db: str, log: Path, cores: set[int] | None = None, root: Path = ROOT) -> Server:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=root,
        env={**os.environ, "TRACKER_DB": db},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    if cores:  # set before the interpreter has started: every thread it makes inherits it
        os.sched_setaffinity(process.pid, cores)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return Server(url, process)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{script} did not start:\n{log.read_text()}")


class Tab:
    """One browser tab on one app: leave the chart page, then time the way back to it."""

    def __init__(
        self, browser, server: Server, chart_path: str, away_path: str, charts: int, chart: str = "plotly"
    ) -> None:
        self.page = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN").new_page()
        self.page.set_default_timeout(120_000)
        self.chart = chart
        self.page.add_init_script(for_chart(OBSERVER, chart))
        self.server, self.chart_path, self.away_path, self.charts = server, chart_path, away_path, charts
        self.first: list[float] = []
        self.all: list[float] = []
        self.inserted: list[float] = []
        self.done: list[float] = []
        self.settled: list[float] = []

    def open(self) -> None:
        self.page.goto(self.server.url)

    def sign_in(self, username: str, password: str) -> None:
        self.page.locator(".st-key-sign_in-username input").fill(username)
        self.page.locator(".st-key-sign_in-password input").fill(password)
        self.page.locator(".st-key-sign_in-password input").press("Enter")

    def wait_for_chart(self) -> None:
        self.page.wait_for_function(f"n => {CHARTS[self.chart][1]} >= n", arg=self.charts)

    def measure(self, keep: bool = True) -> None:
        self.page.evaluate(CLICK, [self.away_path, 0])
        self.page.wait_for_function(for_chart(IDLE, self.chart), arg=SETTLE_MS)
        self.page.evaluate(CLICK, [self.chart_path, self.charts])
        self.page.wait_for_function("() => window.__bench.all > 0 && window.__bench.first > 0")
        self.page.wait_for_function(SETTLED, arg=SETTLE_MS)
        b = self.page.evaluate("() => window.__bench")
        if keep:
            self.first.append(b["first"] - b["t0"])
            self.all.append(b["all"] - b["t0"])
            self.inserted.append(b["inserted"] - b["t0"])
            self.done.append(b["done"] - b["t0"] if b["done"] else float("nan"))
            self.settled.append(b["last"] - b["t0"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument(
        "--away", default="/register", help="the tracker page the click leaves (the floor leaves a blank page)"
    )
    parser.add_argument(
        "--compare",
        type=Path,
        help="another checkout of the tracker (e.g. `git worktree add /tmp/before HEAD~1`), served beside this one "
        "on a copy of --db and measured in the same rotation: an A/B in one browser, under the same load",
    )
    parser.add_argument(
        "--chart",
        choices=sorted(CHARTS),
        default="html",
        help="how this checkout's progress page draws its first chart (HTML bars since the eleventh round)",
    )
    parser.add_argument(
        "--compare-chart",
        choices=sorted(CHARTS),
        default="html",
        help="how the --compare checkout draws it: plotly before the eleventh round (e.g. `--compare-chart plotly`)",
    )
    parser.add_argument(
        "--pin",
        action="store_true",
        help="servers on core 0, the browser on core 1 (as deployed, where the browser is on the reader's own machine)",
    )
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    logs = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    server_cores = {0} if args.pin else None
    app = start("streamlit_app.py", args.db, logs / "app.log", server_cores)
    floor = start(str(Path(__file__).with_name("floor_app.py")), args.db, logs / "floor.log", server_cores)
    other = None
    if args.compare:  # one process holds a DuckDB file: the other checkout gets a copy of it
        copy = logs / "compare" / Path(args.db).name
        copy.parent.mkdir()
        shutil.copyfile(args.db, copy)
        secret = Path(args.db).with_name(".session-secret")
        if secret.exists():
            shutil.copyfile(secret, copy.with_name(secret.name))
        other = start("streamlit_app.py", str(copy), logs / "compare.log", server_cores, root=args.compare.resolve())
    if args.pin:
        os.sched_setaffinity(0, {1})  # this process, then the browser it launches, on the other core
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            tracker_tab = Tab(browser, app, "/", args.away, charts=1, chart=args.chart)
            floor_tab = Tab(browser, floor, "/", "/blank", charts=1)
            other_tab = Tab(browser, other, "/", args.away, charts=1, chart=args.compare_chart) if other else None
            for tab in (tracker_tab, other_tab):
                if tab is not None:
                    tab.open()
                    tab.sign_in(args.username, args.password)
                    tab.wait_for_chart()  # signed in: the progress page is the default
            floor_tab.open()
            floor_tab.wait_for_chart()
            tabs = [t for t in (tracker_tab, floor_tab, other_tab) if t is not None]
            for n in range(args.warmup + args.runs):
                # Each tab goes first, in the middle and last in turn, so no one always follows another.
                turn = tabs[n % len(tabs) :] + tabs[: n % len(tabs)]
                for tab in reversed(turn) if (n // len(tabs)) % 2 else turn:
                    tab.measure(keep=n >= args.warmup)
            version = browser.version
            browser.close()
        memory = app.memory_mb()
    finally:
        app.stop()
        floor.stop()
        if other:
            other.stop()

    def summary(tab: Tab) -> dict:
        return {
            "first_ms": statistics.median(tab.first),
            "all_ms": statistics.median(tab.all),
            "all_samples": [round(x, 1) for x in tab.all],
            "inserted_ms": statistics.median(tab.inserted),
            "script_done_ms": statistics.median(tab.done),
            "settled_ms": statistics.median(tab.settled),
        }

    print(
        json.dumps(
            {
                "pinned": args.pin,
                "away": args.away,
                "chromium": version,
                "app": {"chart": args.chart, **summary(tracker_tab)},
                "floor": summary(floor_tab),
                **(
                    {"compared": {"root": str(args.compare), "chart": args.compare_chart, **summary(other_tab)}}
                    if other_tab
                    else {}
                ),
                "server": memory,
            }
        )
    )


if __name__ == "__main__":
    main()
