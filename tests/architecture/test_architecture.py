"""Layering rules that keep the product testable: the core never imports the UI, pages never talk
to the database, and every SQL file says what it is."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRACKER = ROOT / "tracker"
PAGES = ROOT / "app_pages"
QUERIES = ROOT / "queries"

SQL_PATTERNS = [
    re.compile(r"\bselect\s+(?:[\w*.,\s()]+?)\s+from\b", re.IGNORECASE),
    re.compile(r"\binsert\s+into\b", re.IGNORECASE),
    re.compile(r"\bdelete\s+from\b", re.IGNORECASE),
    re.compile(r"\bupdate\s+\w+\s+set\b", re.IGNORECASE),
    re.compile(r"\b(?:create|drop|alter)\s+table\b", re.IGNORECASE),
]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def tracker_modules() -> list[Path]:
    return sorted(TRACKER.rglob("*.py"))


def test_there_are_tracker_modules_to_check():
    assert len(tracker_modules()) >= 10


@pytest.mark.parametrize("path", tracker_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_core_modules_never_import_streamlit_or_the_ui(path):
    bad = {m for m in imported_modules(path) if m.split(".")[0] in ("streamlit", "ui", "app_pages")}
    assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_only_storage_imports_duckdb():
    importers = sorted(
        str(p.relative_to(ROOT))
        for p in tracker_modules()
        if any(m.split(".")[0] == "duckdb" for m in imported_modules(p))
    )
    assert importers == ["tracker/storage.py"]


def test_the_import_check_would_notice_streamlit(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "def f():\n    from streamlit import session_state\n    import streamlit.components.v1\n", encoding="utf-8"
    )
    assert {"streamlit", "streamlit.components.v1"} <= imported_modules(probe)


# Dev tools and test data stay out of the product (issue 10): benchmarks/ and tests/ may use
# tracker/, never the other way round, and only they may read the real data in ../shared.
OUTSIDE_DATA = re.compile(r"(?:^|[/\\])shared(?:[/\\]|$)|realdata")


def docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes: they may cite ../shared/domain.md as a rule's source."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def outside_data_named(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skip = docstrings(tree)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and OUTSIDE_DATA.search(node.value)
    ]


@pytest.mark.parametrize("path", tracker_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_product_holds_no_dev_tools_or_test_data(path):
    bad = {m for m in imported_modules(path) if m.split(".")[0] in ("benchmarks", "tests")}
    assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"
    named = outside_data_named(path)
    assert not named, f"{path.relative_to(ROOT)} names the data outside the product: {named}"


def test_the_dev_tools_check_would_notice_them(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        '"""Cites ../shared/domain.md."""\n'
        "from tests.factories import as_csv\n"
        "import benchmarks.bench\n"
        'UK = ROOT.parent / "shared" / "realdata" / "uk.csv"\n'
        'OTHER = "../shared/realdata/uk.csv"\n'
        'FINE = "a unit shared by two items"\n',
        encoding="utf-8",
    )
    assert {"tests.factories", "benchmarks.bench"} <= imported_modules(probe)
    assert sorted(outside_data_named(probe)) == ["../shared/realdata/uk.csv", "realdata", "shared"]


def page_files() -> list[Path]:
    return sorted(PAGES.rglob("*.py")) if PAGES.is_dir() else []


@pytest.mark.skipif(not page_files(), reason="app_pages/ has no pages yet")
@pytest.mark.parametrize("path", page_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_never_touch_the_database_or_write_sql(path):
    text = path.read_text(encoding="utf-8")
    assert "duckdb" not in text.lower(), f"{path.name} mentions duckdb"
    tree = ast.parse(text)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for pattern in SQL_PATTERNS:
                assert not pattern.search(node.value), f"{path.name}: SQL in a page: {node.value[:80]!r}"
    assert "select " not in text.lower().replace("selectbox", ""), f"{path.name} contains 'select '"
    assert "insert into" not in text.lower()


def test_the_sql_check_would_notice_sql():
    assert any(p.search("SELECT id, summary FROM items") for p in SQL_PATTERNS)
    assert any(p.search("insert into items values (1)") for p in SQL_PATTERNS)
    assert not any(p.search("Chọn đơn vị chủ trì") for p in SQL_PATTERNS)


def sql_files() -> list[Path]:
    return sorted(QUERIES.rglob("*.sql"))


def test_there_are_sql_files():
    assert len(sql_files()) >= 20


@pytest.mark.parametrize("path", sql_files(), ids=lambda p: str(p.relative_to(QUERIES)))
def test_every_sql_file_starts_with_a_two_line_header(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 3, f"{path.name} is too short to hold a header and a statement"
    for line in lines[:2]:
        assert line.startswith("--"), f"{path.relative_to(ROOT)}: header line {line!r}"
        assert line[2:].strip(), f"{path.relative_to(ROOT)}: empty header line"


def named_queries_used() -> set[str]:
    """Names passed to Cursor/Database .run/.all/.one/.records/.many/.frame in the code."""
    used = set()
    code = ("ui", "benchmarks")
    for path in [*tracker_modules(), *page_files(), *(p for d in code for p in sorted((ROOT / d).rglob("*.py")))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("run", "all", "one", "records", "many", "frame")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and re.fullmatch(r"[a-z_]+/[a-z0-9_]+", node.args[0].value)
            ):
                used.add(node.args[0].value)
    return used


def test_every_named_query_the_code_runs_exists():
    used = named_queries_used()
    assert "items/search" in used
    missing = sorted(name for name in used if not (QUERIES / f"{name}.sql").is_file())
    assert missing == []


def test_migrations_are_numbered_without_gaps():
    numbers = sorted(int(p.name[:3]) for p in (QUERIES / "schema").glob("[0-9][0-9][0-9]_*.sql"))
    assert numbers == list(range(1, len(numbers) + 1))
