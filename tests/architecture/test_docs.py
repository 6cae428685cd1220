"""The README is the newcomer's map: it fails here when a command, a page or a linked file is
missing from it (as datasette's tests/test_docs.py does)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from tracker.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(action.choices)


def test_every_command_is_in_the_readme():
    missing = [name for name in _subcommands() if not re.search(rf"`{re.escape(name)}[ `]", README)]
    assert missing == []


def test_every_page_is_in_the_readme_layout():
    pages = sorted(p.stem for p in (ROOT / "app_pages").glob("*.py"))
    assert [p for p in pages if p not in README] == []


def test_every_file_the_readme_links_exists():
    links = re.findall(r"\]\(([^)#]+)\)", README)
    assert links, "the README links its docs and screenshots"
    assert [link for link in links if not (ROOT / link).exists()] == []


def test_the_readme_carries_the_run_and_test_commands_ci_uses():
    assert "make run" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
