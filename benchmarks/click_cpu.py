"""Server CPU per click, page by page (issue 15): the load test's clicks run under AppTest in one
process, each script run's CPU time read from its own thread (time.thread_time), so the figure
does not depend on what else the machine runs.

``python -m benchmarks.click_cpu --db FILE [--runs 7] [--profile DIR]`` prints one JSON object:
per click, the median CPU ms of a warm rerun with the data cache kept ("cached") and right after
a write elsewhere that changes figures ("after a write": every cached read is stale then) and
right after another session's progress note (the load mix's only write: "after a note"). ``--profile DIR`` also writes one pstats file per click.
A dev tool, not the product.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker import clock

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")
USERNAME = "cpu-probe"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--profile", help="a folder for one pstats file per click")
    parser.add_argument("--clicks", default="progress,register,search,item,export", help="which clicks, in order")
    args = parser.parse_args()
    os.environ["TRACKER_DB"] = args.db

    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.testing.v1 import AppTest

    from tracker import accounts
    from tracker.permissions import Role
    from tracker.service import Filters, Tracker

    tracker = Tracker.open(args.db)
    try:
        if USERNAME not in {a["username"] for a in accounts.list_users(tracker)}:
            accounts.add_user(tracker, None, USERNAME, "probe-password-2026", Role.LIAISON, display_name="Đo CPU")
        actor = accounts.current_actor(tracker, USERNAME)
        item_id = tracker.search(Filters(), clock.today(), order="urgency", limit=1).rows[0]["id"]
    finally:
        tracker.close()

    spent: list[float] = []
    profile: cProfile.Profile | None = None
    original = script_runner.ScriptRunner._run_script

    def timed(self: Any, *a: Any, **k: Any) -> Any:
        started = time.thread_time()
        if profile is not None:
            profile.enable()
        try:
            return original(self, *a, **k)
        finally:
            if profile is not None:
                profile.disable()
            spent.append(time.thread_time() - started)

    script_runner.ScriptRunner._run_script = timed  # type: ignore[method-assign]

    import streamlit as st

    at = AppTest.from_file(APP, default_timeout=600)
    at.session_state["app.actor"] = actor
    at.session_state["app.lang"] = "vi"
    at.run()

    def page(path: str, **query: str) -> Callable[[], None]:
        def go() -> None:
            at.switch_page(path)
            at.query_params.clear()
            for k, v in query.items():
                at.query_params[k] = v
            at.run()

        return go

    def search() -> None:
        at.switch_page("app_pages/register.py")
        at.query_params.clear()
        at.run()
        at.text_input(key="register.text").set_value("phụ cấp")
        at.run()

    clicks: dict[str, Callable[[], None]] = {
        "progress": page("app_pages/progress.py"),
        "register": page("app_pages/register.py"),
        "search": search,
        "item": page("app_pages/item.py", id=str(item_id)),
        "export": page("app_pages/export.py"),
    }

    from tracker.storage import default_path
    from ui.context import _open_tracker

    def cpu_of(click: Callable[[], None], stale: str) -> float:
        if stale == "write":
            st.cache_data.clear()
        elif stale == "note":  # through the app's own Tracker, as another session's note would be
            _open_tracker(str(default_path())).record_progress(actor, item_id, "Đo CPU: ghi chú tiến độ")
        spent.clear()
        click()
        if at.exception:
            raise SystemExit(f"{[e.value for e in at.exception]}")
        return sum(spent[-1:]) * 1000  # the click's own run (search: the run with the text)

    clicks = {name: clicks[name] for name in args.clicks.split(",")}
    for click in clicks.values():  # warm: imports, the Tracker, each page once
        click()
    result: dict[str, dict[str, float]] = {}
    for name, click in clicks.items():
        if args.profile:
            profile = cProfile.Profile(time.thread_time)
        cached = [cpu_of(click, "") for _ in range(args.runs)]
        stale = [cpu_of(click, "write") for _ in range(args.runs)]
        noted = [cpu_of(click, "note") for _ in range(args.runs)]
        if profile is not None and args.profile:
            Path(args.profile).mkdir(parents=True, exist_ok=True)
            profile.dump_stats(str(Path(args.profile) / f"{name}.prof"))
            profile = None
        result[name] = {
            "cached_ms": round(statistics.median(cached), 1),
            "after_write_ms": round(statistics.median(stale), 1),
            "after_note_ms": round(statistics.median(noted), 1),
        }
    print(json.dumps({"runs": args.runs, "clicks": result}, ensure_ascii=False))


if __name__ == "__main__":
    main()
