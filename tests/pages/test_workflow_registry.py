"""The workflow's forms are registered on the item page's action row (ui/item_forms_workflow.py),
one per step of tracker/workflow_rules.py, each with a label in both catalogs and an icon."""

from __future__ import annotations

import importlib
import json
import sys
import types

from tests.conftest import ROOT
from tracker.workflow_rules import Step


def test_every_step_is_registered_with_its_label_and_form(monkeypatch):
    registered: dict[str, dict[str, object]] = {}
    fake = types.ModuleType("ui.item_actions")
    fake.__dict__["register"] = lambda verb, **kw: registered.__setitem__(verb, kw)
    fake.__dict__["add_offers"] = lambda source: None  # the steps' offers (checked by the item page tests)
    monkeypatch.setitem(sys.modules, "ui.item_actions", fake)
    import ui.item_forms_workflow as module

    importlib.reload(module)
    assert set(registered) == {s.value for s in Step}
    for lang in ("vi", "en"):
        catalog = json.loads((ROOT / "tracker" / "catalog" / f"{lang}.json").read_text(encoding="utf-8"))
        assert all(kw["label"] in catalog for kw in registered.values())
    assert all(str(kw["icon"]).startswith(":material/") and callable(kw["render"]) for kw in registered.values())
