"""How long each sign-in path takes (issue 8: timing must not tell which names exist).

    .venv/bin/python -m benchmarks.sign_in_timing [--tries 30]

Builds a throw-away database with an active, a disabled and a locked account, then times
``accounts.authenticate`` on every path, round-robin so that drift in the machine's load falls
on all paths alike. The deliberate pause after a failure (``sleep``) is left out: it depends
only on the failure count, which unknown and real names share. Prints one Markdown table of
the median and 90th percentile per path and the spread of the medians (docs/ACCOUNTS.md).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from tracker import accounts
from tracker.errors import SignInFailed
from tracker.permissions import SYSTEM, Role
from tracker.service import Tracker

PASSWORD = "mật-khẩu-đủ-dài-2026"
CLOCK = datetime(2026, 11, 23, 8, 30)
PATHS = {
    "unknown name": ("khong-co-ai", PASSWORD),
    "wrong password": ("cb_cqdp", "sai-mat-khau-roi"),
    "locked account": ("bi_khoa", PASSWORD),
    "disabled account": ("nghiviec", PASSWORD),
    "right password": ("cb_cqdp", PASSWORD),
}


def prepare(tracker: Tracker) -> None:
    accounts.add_user(tracker, SYSTEM, "cb_cqdp", PASSWORD, Role.UNIT_OFFICER, unit="CQĐP")
    accounts.add_user(tracker, SYSTEM, "bi_khoa", PASSWORD, Role.VIEWER)
    accounts.add_user(tracker, SYSTEM, "nghiviec", PASSWORD, Role.VIEWER)
    accounts.update_user(
        tracker, SYSTEM, "nghiviec", display_name="", role=Role.VIEWER, unit=None, email=None, active=False
    )
    for _ in range(accounts.MAX_FAILURES):
        attempt(tracker, "bi_khoa", "sai-mat-khau")


def attempt(tracker: Tracker, name: str, password: str) -> None:
    try:
        accounts.authenticate(tracker, name, password, now=lambda: CLOCK, sleep=lambda s: None)
    except SignInFailed:
        pass


def reset(tracker: Tracker, path: str) -> None:
    """Keep every try on its path: failures would otherwise lock the account (untimed)."""
    accounts._UNKNOWN.clear()
    if path in ("wrong password", "disabled account"):
        name = PATHS[path][0]
        tracker.db.write(lambda cur: cur.run("users/record_success", [name]))


def measure(tries: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as folder:
        tracker = Tracker.open(Path(folder) / "timing.duckdb")
        try:
            prepare(tracker)
            for path, (name, password) in PATHS.items():  # warm caches once per path
                attempt(tracker, name, password)
                reset(tracker, path)
            times: dict[str, list[float]] = {path: [] for path in PATHS}
            for _ in range(tries):
                for path, (name, password) in PATHS.items():
                    started = time.perf_counter()
                    attempt(tracker, name, password)
                    times[path].append((time.perf_counter() - started) * 1000)
                    reset(tracker, path)
            return times
        finally:
            tracker.close()


def table(times: dict[str, list[float]]) -> str:
    lines = ["| path | median (ms) | 90th percentile (ms) |", "| --- | ---: | ---: |"]
    medians = {}
    for path, values in times.items():
        medians[path] = statistics.median(values)
        p90 = statistics.quantiles(values, n=10)[-1]
        lines.append(f"| {path} | {medians[path]:.1f} | {p90:.1f} |")
    spread = max(medians.values()) - min(medians.values())
    lines.append(f"\nSpread of the medians: {spread:.1f} ms ({len(next(iter(times.values())))} tries per path).")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=30)
    print(table(measure(parser.parse_args().tries)))


if __name__ == "__main__":
    main()
