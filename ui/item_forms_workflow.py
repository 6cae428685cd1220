"""Puts the reply's path (issue 12) on the item page: the workflow's steps in the action row, its
stage and the internal deadline in the header.

ui/item_actions.py (the item page's registry, issue 11) imports every ``ui/item_forms*`` module.
The steps come from tracker/workflow_rules.py's table (who may take which step at which stage),
after the lifecycle table's verbs; the forms are ui/workflow_forms.py's.
"""

from __future__ import annotations

from datetime import date

from tracker import clock
from tracker.items import Item
from tracker.permissions import Actor
from tracker.stage import Stage
from tracker.usecases.workflow_read import WorkflowView
from tracker.workflow_rules import offers
from ui import cached
from ui import context as ctx
from ui.item_actions import add_offers, register
from ui.item_header import add_deadline, add_fact
from ui.workflow_forms import FORMS

_CLOSED = (Stage.ISSUED, Stage.TRANSFERRED)


def _view(item: Item) -> WorkflowView:
    # The action row, the stage and the internal deadline each ask for it: looked up once per
    # script run, read per data generation and day (two queries; issue 15).
    tracker = ctx.tracker()
    memo, today = ctx.this_run(), clock.today()
    key = f"workflow_view.{item.id}.{item.version}.{tracker.db.generation}.{today}"
    view = memo.get(key)
    if not isinstance(view, WorkflowView):
        view = memo[key] = cached.workflow_view(tracker, *cached.key(tracker), item.id, today)
    return view


def _steps(actor: Actor, item: Item) -> list[str]:
    return [str(step) for step in offers(actor, _view(item).facts)]


def _internal_deadline(item: Item) -> tuple[str, date] | None:
    view = _view(item)
    return None if view.stage in _CLOSED else ("field.internal_due_on", view.internal_due_on)


def _stage(item: Item) -> tuple[str, str] | None:
    return ("item.stage", ctx.tr(f"stage.{_view(item).stage.value}"))


for step, (label, icon, render) in FORMS.items():
    register(step.value, label=label, icon=icon, render=render)
add_offers(_steps)
add_deadline(_internal_deadline)
add_fact(_stage)
