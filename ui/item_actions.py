"""The item page's actions: a registry of verb -> (label, icon, form), and the row of buttons.

Contract (for whoever adds a verb, e.g. the workflow's accept / return / submit draft):

- The verb must be in ``tracker.lifecycle.TABLE``: the page offers ONLY what ``lifecycle.offers``
  returns for this item and this person, in the table's order, and only verbs registered here.
  A verb the table offers but nobody registered is not shown (it would be a button with no form).
- Register from your own module with ``register(verb, label=..., icon=..., render=...)``, at import
  time. Put that module in ``ui/`` under a name starting with ``item_forms`` (``ui/item_forms.py``
  holds the built-in verbs; e.g. ``ui/item_forms_workflow.py``): ``load()`` imports every such
  module, so no one edits this file or the page to add a verb. Registering a verb twice replaces it.
- ``render(form)`` draws ONE focused form inside the section the page opened for it: use
  ``action_form(form, name)`` for the ``st.form`` and ``submit(form, label_key, action, done_key)`` for
  its button. ``submit`` runs the tracker call; on success it closes the section, drops the version
  the person saw, shows the ``done_key`` toast on the same item page and reruns; on a TrackerError
  (refusal, stale version = Conflict, bad input) it shows the message and keeps what was typed.
- Widget keys start with ``form.prefix`` (``item.{id}``), so no two items share typed values.
- Edits pass ``form.seen`` (the version the person first saw) to the tracker: a colleague's change in
  between is refused (Conflict), never overwritten.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

import streamlit as st

import ui
from tracker import lifecycle
from tracker.errors import TrackerError
from tracker.items import Item
from tracker.permissions import Actor
from tracker.service import Tracker
from ui import context as ctx
from ui.item_panel import flash


class ActionForm(NamedTuple):
    """What every action form needs: the item, its key prefix, the version seen, who acts, where."""

    item: Item
    prefix: str
    seen: int
    actor: Actor
    tracker: Tracker


@dataclass(frozen=True)
class ItemAction:
    verb: str
    label: str  # catalog key of the button (and of the form's title)
    icon: str  # a Material icon, ":material/name:"
    render: Callable[[ActionForm], None]


ACTIONS: dict[str, ItemAction] = {}


def register(verb: str, *, label: str, icon: str, render: Callable[[ActionForm], None]) -> None:
    ACTIONS[str(verb)] = ItemAction(str(verb), label, icon, render)


_FORM_MODULES: list[str] = []  # found once: listing ui/ on every item page run cost a few ms (issue 15)


def load() -> None:
    """Import every ``ui/item_forms*`` module once (each registers its verbs)."""
    if not _FORM_MODULES:
        _FORM_MODULES[:] = [m.name for m in pkgutil.iter_modules(ui.__path__) if m.name.startswith("item_forms")]
    for name in _FORM_MODULES:
        importlib.import_module(f"ui.{name}")


def seen_key(prefix: str, item_id: int) -> str:
    # ".seen_version." survives a language switch (ui/context.py forget_widgets).
    return f"{prefix}.seen_version.{item_id}"


def open_key(prefix: str) -> str:
    return f"{prefix}.open_action"


OfferSource = Callable[[Actor, Item], Iterable[str]]
OFFER_SOURCES: list[OfferSource] = []


def add_offers(source: OfferSource) -> None:
    """Another table that offers verbs for an item (the workflow's steps, issue 12): its verbs follow
    the lifecycle table's, in its own order. Registered at import time like the forms."""
    same = (source.__module__, source.__qualname__)  # a reloaded module: one source per module and name
    OFFER_SOURCES[:] = [s for s in OFFER_SOURCES if (s.__module__, s.__qualname__) != same] + [source]


def offered(actor: Actor, item: Item) -> list[ItemAction]:
    """The actions shown to ``actor`` for ``item``: what tracker/lifecycle.py (and any table added
    with ``add_offers``) allows, if registered."""
    load()
    verbs = [str(verb) for verb in lifecycle.offers(actor, lifecycle.facts_of_item(item))]
    for source in OFFER_SOURCES:
        verbs += [str(verb) for verb in source(actor, item) if str(verb) not in verbs]
    return [ACTIONS[verb] for verb in verbs if verb in ACTIONS]


def render_actions(item: Item, prefix: str) -> None:
    """The row of buttons, then the one form the person opened (right under the row)."""
    actor = ctx.actor()
    actions = offered(actor, item)
    if not actions:  # a viewer, or nothing left to do: no controls at all
        st.caption(ctx.tr("item.read_only"))
        return
    seen = st.session_state.setdefault(seen_key(prefix, item.id), item.version)
    if seen != item.version:
        st.warning(ctx.tr("item.changed_meanwhile"), icon=":material/sync_problem:")
        if st.button(ctx.tr("item.reload"), key=f"{prefix}.reload"):
            st.session_state.pop(seen_key(prefix, item.id), None)
            st.rerun()
    current = st.session_state.get(open_key(prefix))
    if current not in {a.verb for a in actions}:
        current = None  # the item changed state: a form it no longer allows is not kept open
    # The buttons open and close through callbacks, which run before the page does: one run per
    # click, not a run that notices the click and a second one that shows the form (issue 15).
    with st.container(horizontal=True):  # one row of buttons, wrapping on a narrow screen
        for action in actions:
            chosen = action.verb == current
            st.button(
                ctx.tr(action.label),
                key=f"{prefix}.open.{action.verb}",
                icon=action.icon,
                type="primary" if chosen else "secondary",
                on_click=_toggle,
                args=(prefix, action.verb, current),
            )
    if current is None:
        return
    action = ACTIONS[current]
    with st.container(border=True):
        action.render(ActionForm(item, prefix, seen, actor, ctx.tracker()))
        st.button(
            ctx.tr("item.cancel"),
            key=f"{prefix}.close",
            icon=":material/close:",
            on_click=_toggle,
            args=(prefix, None, None),
        )


def _toggle(prefix: str, verb: str | None, current: str | None) -> None:
    """A button's click: open its form, or close it if it was the open one (a second click)."""
    st.session_state[open_key(prefix)] = None if verb == current else verb


@contextmanager
def action_form(
    form: ActionForm, name: str, title: str | None = None, *, clear_on_submit: bool = False
) -> Iterator[None]:
    """``st.form("{prefix}.{name}_form")`` under a bold catalog title."""
    with st.form(f"{form.prefix}.{name}_form", clear_on_submit=clear_on_submit):
        if title:
            st.markdown(f"**{ctx.tr(title)}**")
        yield


def submit(form: ActionForm, label: str, action: Callable[[], object], done: str) -> None:
    """The form's button: on submit the action, then the toast on this same page (or the error)."""
    if not st.form_submit_button(ctx.tr(label), type="primary"):
        return
    try:
        result = action()
    except TrackerError as error:
        ctx.show_error(error)
    else:
        st.session_state.pop(seen_key(form.prefix, form.item.id), None)  # the next view starts from the new version
        st.session_state.pop(open_key(form.prefix), None)
        # A write that changed nothing returns the version it found (and logged no event).
        flash(ctx.tr("done.no_change" if result == form.seen else done))
        st.rerun()
