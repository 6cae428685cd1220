"""One clock for the counting day (tracker/clock.py): every "what day is it?" in the product asks
it, so a test run that pins the day (tests/conftest.py) sees one day everywhere, even when it
crosses midnight. A clean-clone CI run that started at 23:5x once failed 26 tests because the tests
had taken 01/12 and the tracker 02/12."""

from __future__ import annotations

import ast
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tracker import clock

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = sorted(p for d in ("tracker", "ui", "app_pages") for p in (ROOT / d).rglob("*.py"))
# The audit page filters the trail, which the machine's clock stamps: its defaults are the
# machine's date on purpose (a comment there says so).
MACHINE_DATE_ON_PURPOSE = {ROOT / "tracker" / "clock.py", ROOT / "app_pages" / "audit.py"}


def _asks_the_machine(path: Path) -> list[int]:
    """Lines calling date.today() or now().date(), or passing Streamlit's value="today" (which is
    date.today())."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Attribute) and f.attr == "today" and ast.unparse(f.value) in {"date", "datetime"}:
                lines.append(node.lineno)
            if isinstance(f, ast.Attribute) and f.attr == "date" and ast.unparse(f.value).endswith("now()"):
                lines.append(node.lineno)  # datetime.now().date(): the machine's day again
            if any(k.arg == "value" and ast.unparse(k.value) == "'today'" for k in node.keywords):
                lines.append(node.lineno)
        if isinstance(node, ast.IfExp) and "'today'" in (ast.unparse(node.body), ast.unparse(node.orelse)):
            lines.append(node.lineno)
    return sorted(lines)


def test_the_product_asks_the_one_clock_for_the_day():
    assert len(PRODUCT) > 150  # the tree was found
    offenders = [
        f"{p.relative_to(ROOT)}:{line}"
        for p in PRODUCT
        if p not in MACHINE_DATE_ON_PURPOSE
        for line in _asks_the_machine(p)
    ]
    assert offenders == [], "use tracker.clock.today()"


def test_the_check_would_notice_the_machines_date(tmp_path: Path):
    sneaky = tmp_path / "page.py"
    sneaky.write_text(
        "from datetime import date\n"
        "a = date.today()\n"
        "st.date_input('x', value='today')\n"
        "st.date_input('y', value=old if old else 'today')\n"
        "b = ctx.now().date()\n",
        encoding="utf-8",
    )
    assert _asks_the_machine(sneaky) == [2, 3, 4, 5]


def test_a_pinned_day_is_the_day_and_the_stamps_fall_on_it(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(clock.VARIABLE, "2026-09-02")  # Quốc khánh: the clock does not care
    assert clock.today() == date(2026, 9, 2)
    stamp = clock.now()
    assert stamp.date() == date(2026, 9, 2)
    real = datetime.now()
    # the time of day is the machine's: only whole days are moved
    assert abs((stamp - real) - timedelta(days=(date(2026, 9, 2) - real.date()).days)) < timedelta(seconds=5)


def test_unpinned_or_unreadable_it_is_the_machines_day(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(clock.VARIABLE, raising=False)
    assert clock.today() == date.today()
    assert abs(clock.now() - datetime.now()) < timedelta(seconds=5)
    monkeypatch.setenv(clock.VARIABLE, "31/12/2026")  # not ISO: ignored, the server still starts
    assert clock.today() == date.today()


def test_the_test_run_pins_the_day_for_everything_it_starts():
    # tests/conftest.py sets it before any test module is imported; servers and scripts inherit it
    assert clock.VARIABLE in os.environ
    assert clock.today() == date.fromisoformat(os.environ[clock.VARIABLE])
