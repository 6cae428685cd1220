"""Every page's server-side run under AppTest against one register, in its own process.

Run by benchmarks.bench: ``python -m benchmarks.app_probe --db FILE --runs N``; prints one JSON line.
A process of its own so its memory is the app's alone, and so the bench (which built the file)
has let go of DuckDB's one-process lock.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")
# Every page a signed-in administrator can open, the most used first.
FIRST = ("progress", "register", "queue")
PAGES = FIRST + tuple(
    sorted(
        p.stem
        for p in (ROOT / "app_pages").glob("*.py")
        if p.stem not in (*FIRST, "sign_in") and not p.stem.startswith("_")
    )
)


def rss_mb() -> dict[str, float]:
    """Resident memory now and at its peak, from the kernel (no psutil needed)."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return {"rss_mb": round(fields.get("VmRSS", 0.0), 1), "peak_mb": round(fields.get("VmHWM", 0.0), 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--username", required=True, help="an administrator's account in the file")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--text", default="phụ cấp cán bộ")
    args = parser.parse_args()
    os.environ["TRACKER_DB"] = args.db

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tracker.permissions import Actor, Role

    started = time.perf_counter()
    at = AppTest.from_file(APP, default_timeout=600)
    at.session_state["app.actor"] = Actor(args.username, Role.ADMIN)
    at.session_state["app.lang"] = "vi"
    at.run()
    first_run = time.perf_counter() - started

    def run_page(page: str) -> float:
        t0 = time.perf_counter()
        at.switch_page(f"app_pages/{page}.py").run()
        elapsed = time.perf_counter() - t0
        if at.exception:
            raise SystemExit(f"{page}: {[e.value for e in at.exception]}")
        if "app.actor" not in at.session_state:  # signed out: the run was the sign-in page, not this one
            raise SystemExit(f"{page}: not signed in as {args.username}")
        return elapsed * 1000

    growth: dict[str, float] = {}
    for page in PAGES:  # warm: modules imported, the Tracker open, every page run once
        before = rss_mb()["peak_mb"]
        run_page(page)
        growth[page] = round(rss_mb()["peak_mb"] - before, 1)  # what this page's first run added to the peak

    pages: dict[str, dict[str, float]] = {}
    for page in PAGES:
        uncached, cached = [], []
        for _ in range(args.runs):
            # After any write (or a new "as of" date) every cached read is stale: this is the
            # run a user waits for. The cached rerun is what a click on an unrelated widget costs.
            st.cache_data.clear()
            uncached.append(run_page(page))
            cached.append(run_page(page))
        pages[page] = {"uncached_ms": statistics.median(uncached), "cached_ms": statistics.median(cached)}

    # The register with filters and free text: what the browser receives is one page of rows.
    at.switch_page("app_pages/register.py").run()
    at.text_input(key="register.text").set_value(args.text)
    at.selectbox(key="register.status").set_value("open")
    searched = []
    for _ in range(args.runs):
        st.cache_data.clear()
        t0 = time.perf_counter()
        at.run()
        searched.append((time.perf_counter() - t0) * 1000)
    if at.exception:
        raise SystemExit(f"register search: {[e.value for e in at.exception]}")
    shown = len(at.dataframe[0].value) if len(at.dataframe) else 0
    caption = next((c.value for c in at.caption if "/" in c.value or "–" in c.value), "")
    pages["register_search"] = {"uncached_ms": statistics.median(searched), "rows_sent": shown, "caption": caption}

    print(
        json.dumps({"first_run_s": first_run, "pages": pages, "peak_growth_mb": growth, **rss_mb()}, ensure_ascii=False)
    )


if __name__ == "__main__":
    main()
