"""Every select list carries a Vietnamese placeholder from the catalog (issue 11, point 5).

Without ``placeholder=`` Streamlit shows its own English "Choose an option" / "Choose options";
the browser test walks the pages, this catches a new widget before any browser starts."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT


def _select_calls_without_placeholder() -> list[str]:
    missing = []
    for path in sorted([*(ROOT / "ui").glob("*.py"), *(ROOT / "app_pages").glob("*.py"), ROOT / "streamlit_app.py"]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("selectbox", "multiselect")
                and not any(k.arg == "placeholder" for k in node.keywords)
            ):
                missing.append(f"{Path(path).relative_to(ROOT)}:{node.lineno} {node.func.attr}")
    return missing


def test_every_selectbox_and_multiselect_has_a_placeholder():
    assert _select_calls_without_placeholder() == []
