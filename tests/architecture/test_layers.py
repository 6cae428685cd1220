"""The layers contract in pyproject.toml (issue 10) covers every module of tracker/: a module left
out of it would be checked by nothing, so a new one fails here until it is given its layer."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def _layered() -> list[str]:
    (contract,) = [c for c in CONTRACTS if c["type"] == "layers" and c.get("containers") == ["tracker"]]
    return [name for layer in contract["layers"] for name in re.split(r"[|:]", layer) if name.strip()]


def _modules() -> set[str]:
    tracker = ROOT / "tracker"
    files = {p.stem for p in tracker.glob("*.py") if p.stem != "__init__"}
    packages = {p.parent.name for p in tracker.glob("*/__init__.py")}
    return files | packages


def test_every_tracker_module_has_its_layer():
    layered = [name.strip() for name in _layered()]
    assert sorted(_modules() - set(layered)) == []
    assert sorted(set(layered) - _modules()) == []  # and no layer names a module that is gone
    assert len(layered) == len(set(layered)), "a module stands in one layer"


def test_the_only_ignored_import_is_storage_talking_to_duckdb():
    ignored = [i for c in CONTRACTS for i in c.get("ignore_imports", [])]
    assert ignored == ["tracker.storage -> duckdb"]
