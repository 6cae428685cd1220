"""Shared fixtures: real DuckDB files under tmp_path, a demo database built once per test session,
and a helper to run the CLI as a user would (``python -m tracker`` in a subprocess)."""

from __future__ import annotations

import atexit
import fcntl
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tracker import clock
from tracker.items import Kind, Phase, Reply, Result
from tracker.permissions import SYSTEM, Actor, Role
from tracker.service import ItemDraft, Tracker
from tracker.sessions import SessionRef
from tracker.workdays import DEFAULT_OVERRIDES, WorkCalendar

ROOT = Path(__file__).resolve().parent.parent

# One day for the whole run, here and in every server and script the tests start (they inherit the
# environment; pytest-xdist's workers inherit the controller's): a run that crosses midnight once
# failed 26 tests that had taken 01/12 while the tracker had moved on to 02/12 (tracker/clock.py).
os.environ.setdefault(clock.VARIABLE, date.today().isoformat())

settings.register_profile(
    "tracker",
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "tracker"))

ADMIN = SYSTEM
LIAISON = Actor("lienlac", Role.LIAISON, None, "Nguyễn Văn Liên")
VIEWER = Actor("xem", Role.VIEWER, None, "Văn phòng Bộ trưởng")


def officer(unit: str) -> Actor:
    return Actor(f"cb_{unit}", Role.UNIT_OFFICER, unit, f"Cán bộ {unit}")


@pytest.fixture(scope="session")
def calendar() -> WorkCalendar:
    return WorkCalendar(DEFAULT_OVERRIDES)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tracker.duckdb"


@functools.cache
def template_db() -> Path:
    """A file as ``Tracker.open`` leaves a new one (migrated, reference data seeded), built once per
    process (xdist worker). Never open it: ``fresh_db`` copies it. Opening a copy runs the same code
    as reopening the app's file, without paying the migrations and the seed in every test."""
    folder = Path(tempfile.mkdtemp(prefix="tracker-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "tracker.duckdb"
    Tracker.open(path).close()
    assert not path.with_name(path.name + ".wal").exists()  # closed and checkpointed: the file is all of it
    return path


@pytest.fixture(scope="session")
def migrated_template() -> Path:
    return template_db()


def fresh_db(target: Path) -> Path:
    """``target`` as opening it would create it (a copy of the migrated template), unless it exists
    or its folder does not (tests of unusable folders keep theirs)."""
    if not target.exists() and target.parent.is_dir():
        shutil.copyfile(template_db(), target)
    return target


@pytest.fixture
def tracker(db_path: Path):
    t = Tracker.open(fresh_db(db_path))
    try:
        yield t
    finally:
        t.close()


def session_id(tracker: Tracker, code: str) -> int:
    return tracker.reference.session_by_ref(SessionRef.parse(code)).id


def draft(tracker: Tracker, **overrides) -> ItemDraft:
    """A valid voter recommendation of the 9th session (received 04/08/2025), unless overridden."""
    session = overrides.pop("session", "15/9")
    values = {
        "kind": Kind.VOTER_RECOMMENDATION,
        "session_id": session_id(tracker, session),
        "phase": Phase.AFTER,
        "received_on": date(2025, 8, 4),
        "summary": "Đề nghị điều chỉnh mức lương cơ sở phù hợp với mức tăng giá tiêu dùng.",
        "ref_no": "",
        "sources": ("Cử tri tỉnh Nghệ An",),
        "topic": "Tiền lương",
        "lead_unit": "TLBHXH",
    }
    values.update(overrides)
    return ItemDraft(**values)


def reply(responded_on: date, result: Result = Result.EXPLAINED, **overrides) -> Reply:
    values = {
        "response_no": "1234/BNV-TLBHXH",
        "responded_on": responded_on,
        "signer": "Thứ trưởng Trần Minh Khoa",
        "summary": "Bộ Nội vụ đã trả lời, giải trình nội dung kiến nghị.",
        "result": result,
    }
    if result == Result.BEING_RESOLVED:
        values["roadmap"] = "Trình Chính phủ sửa đổi Nghị định trong quý IV"
        values["committed_on"] = responded_on.replace(year=responded_on.year + 1)
    values.update(overrides)
    return Reply(**values)


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, db: Path, lang: str | None = None, timeout: float = 120) -> CliResult:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_") or k == clock.VARIABLE}
    env["TRACKER_DB"] = str(db)
    env["PYTHONIOENCODING"] = "utf-8"
    if lang:
        env["TRACKER_LANG"] = lang
    proc = subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@dataclass(frozen=True)
class DemoDb:
    path: Path
    stdout: str


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> DemoDb:
    """The demo data set, loaded once through the CLI (~7 s) and shared by the xdist workers.
    Never open it in place: copy it (copy_db)."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    path, out = root / "demo.duckdb", root / "demo.stdout"
    with open(root / "demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not out.exists():
                path.unlink(missing_ok=True)
                result = run_cli("demo", db=path)
                assert result.returncode == 0, result.stderr
                out.write_text(result.stdout, encoding="utf-8")
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return DemoDb(path, out.read_text(encoding="utf-8"))


def copy_db(source: Path, target_dir: Path) -> Path:
    target = target_dir / "copy.duckdb"
    shutil.copyfile(source, target)
    wal = source.with_name(source.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, target.with_name(target.name + ".wal"))
    return target


@pytest.fixture
def demo_tracker(demo_db: DemoDb, tmp_path: Path):
    t = Tracker.open(copy_db(demo_db.path, tmp_path))
    try:
        yield t
    finally:
        t.close()


def signed_in_as(db: Path, role: str, unit: str | None = None, username: str | None = None) -> Actor:
    """An account in the app's own Tracker for ``db`` (the app re-reads it on every run), ready to
    put in an AppTest's session state as the signed-in person."""
    from tracker import accounts
    from ui.context import _open_tracker

    live = _open_tracker(str(db))
    name = username or f"test-{role}" + (f"-{unit}" if unit else "")
    if accounts.get_account(live, name) is None:
        accounts.add_user(live, SYSTEM, name, "mat-khau-thu-nghiem", role, unit=unit, display_name=f"Người thử {role}")
    return accounts.current_actor(live, name)


def start_app(
    db: Path, monkeypatch: pytest.MonkeyPatch, role: str | None = "admin", lang: str = "vi", unit: str | None = None
):
    """The app under AppTest for one browser session on ``db``, signed in as ``role`` (None: not)."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TRACKER_DB", str(db))
    fresh_db(Path(db))
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    if role is not None:
        at.session_state["app.actor"] = signed_in_as(db, role, unit)
    at.session_state["app.lang"] = lang
    at.run()
    assert not at.exception, at.exception
    return at


def open_page(at, page: str):
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# The fast lane (`make check`): a test is "slow" when it drives pages (AppTest), runs the CLI or
# another process, or needs the session-wide demo register. Marked here from what the test uses,
# so a new test lands in the right lane without anyone remembering a marker.
_SLOW_FIXTURES = {"demo_db", "demo_tracker", "server", "browser"}
_SLOW_WORDS = ("start_app(", "AppTest", "run_cli(", "subprocess", "crash_worker", "soffice")


@functools.cache
def _module_is_slow(path: str) -> bool:
    source = Path(path).read_text(encoding="utf-8")
    return any(word in source for word in _SLOW_WORDS)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or _module_is_slow(str(item.path)):
            item.add_marker(pytest.mark.slow)
