"""Real-browser fixtures: the app served by `streamlit run` on a free loopback port against a
temporary database, and Debian's Chromium driven by Playwright (no browser download here)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "docs" / "screenshots"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    db: Path
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_server(db: Path, log: Path, script: str = "app.py") -> Server:
    port = free_port()
    env = {**os.environ, "TRACKER_DB": str(db)}
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
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return Server(url, db, process, log)
        except OSError:
            time.sleep(0.2)
        if process.poll() is not None:
            break
    process.kill()
    raise RuntimeError(f"streamlit did not start:\n{log.read_text()}")


@dataclass
class Watched:
    """A page whose console errors and Streamlit exception boxes fail the test."""

    page: object
    console_errors: list[str] = field(default_factory=list)

    def check(self) -> None:
        exceptions = self.page.locator('[data-testid="stException"]')
        assert exceptions.count() == 0, exceptions.first.inner_text()
        assert self.console_errors == [], self.console_errors


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make browser-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def watch(browser, width: int = 1400, height: int = 1000) -> Watched:
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    watched = Watched(page)
    page.on("console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watched.console_errors.append(str(e)))
    return watched


ADMIN_PASSWORD = "matkhau-quantri-2026"
OFFICER_PASSWORD = "matkhau-canbo-2026"


def create_accounts(db: Path) -> None:
    """An administrator and a unit officer of Vụ Chính quyền địa phương, before the server opens the file."""
    from tracker import accounts
    from tracker.permissions import SYSTEM, Role
    from tracker.service import Tracker

    tracker = Tracker.open(db)
    accounts.add_user(tracker, SYSTEM, "quantri", ADMIN_PASSWORD, Role.ADMIN, display_name="Nguyễn Văn Quản")
    accounts.add_user(
        tracker, SYSTEM, "cb_cqdp", OFFICER_PASSWORD, Role.UNIT_OFFICER, unit="CQĐP", display_name="Trần Thị Đơn"
    )
    tracker.close()


def serve_new_database(folder: Path) -> Server:
    """`streamlit run app.py` (as `make run`) on a free loopback port against a new database in
    ``folder`` holding the two accounts."""
    db = folder / "browser.duckdb"
    create_accounts(db)
    return start_server(db, folder / "streamlit.log")


@pytest.fixture
def server(tmp_path) -> Iterator[Server]:
    """A server of its own for each test (the journeys change the file and sign people in)."""
    srv = serve_new_database(tmp_path)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def module_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for a module whose tests only read from it (its responses' headers, say)."""
    srv = serve_new_database(tmp_path_factory.mktemp("served"))
    yield srv
    srv.stop()
