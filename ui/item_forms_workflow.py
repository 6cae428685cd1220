"""Registers the workflow's forms (ui/workflow_forms.py) on the item page's action row.

ui/item_actions.py (the item page's registry, issue 11) imports every ``ui/item_forms*`` module
and shows the verbs the tables offer. The registry is looked up at run time so that this module
costs nothing where the item page is not there yet; the page must also ask the workflow table
(``tracker.workflow_rules.offers`` with ``tracker.workflow(item_id).facts``) beside the lifecycle
table, or these buttons never show.
"""

from __future__ import annotations

import importlib

from ui.workflow_forms import FORMS


def _register() -> None:
    try:
        actions = importlib.import_module("ui.item_actions")
    except ModuleNotFoundError:  # the item page's registry is not on this branch
        return
    for step, (label, icon, render) in FORMS.items():
        actions.register(step.value, label=label, icon=icon, render=render)


_register()
