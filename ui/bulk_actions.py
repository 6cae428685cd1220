"""Bulk steps on the register and the unit queue (issue 12, point 8): tick rows, see "N mục đã
chọn", choose one step, confirm one form. The service does the lot in one transaction
(tracker/usecases/workflow_bulk.py): all or nothing, and when any item does not allow the step the
whole step is refused with each refused item's own reason, listed here.

Selection is per page: the rows ticked are the ones on the page being read (a page holds up to
200), and turning the page or changing a filter starts a fresh selection, so nobody acts on rows
they can no longer see.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from tracker.errors import InvalidInput, TrackerError
from tracker.permissions import Action, Actor, can
from tracker.usecases.workflow_bulk import BulkRefused, ItemRefused
from tracker.workflow_rules import Step, may_ever
from ui import context as ctx
from ui import plain_text as pt
from ui.item_panel import flash

ASSIGN, INTERNAL, ACCEPT = "assign", "internal_deadline", "accept"


def offered(actor: Actor) -> list[str]:
    """The bulk steps this person's role may take at all (each item is still checked)."""
    out = []
    if can(actor, Action.ASSIGN):
        out.append(ASSIGN)
    if may_ever(actor, Step.SET_INTERNAL_DEADLINE):
        out.append(INTERNAL)
    if may_ever(actor, Step.ACCEPT):
        out.append(ACCEPT)
    return out


def bar(prefix: str, rows: list[dict[str, Any]], done: Callable[[], None]) -> None:
    """The action bar under the table for the ticked ``rows``; ``done`` clears the selection."""
    actor = ctx.actor()
    steps = offered(actor)
    st.markdown(f"**{ctx.tr('bulk.selected', count=len(rows))}**")
    if not rows or not steps:
        st.caption(ctx.tr("bulk.hint"))
        return
    step = st.radio(
        ctx.tr("bulk.step"),
        steps,
        format_func=ctx.labels(steps, lambda s: ctx.tr(f"bulk.step.{s}")),
        horizontal=True,
        key=f"{prefix}.bulk_step",
    )
    seen = [(int(r["id"]), int(r["version"])) for r in rows]
    tracker = ctx.tracker()
    with st.form(f"{prefix}.bulk_form.{step}", border=True):
        action: Callable[[], object]
        if step == ASSIGN:
            ref = tracker.reference
            lang = ctx.lang()
            codes = [u.code for u in ref.units if u.active_to is None]
            names = ctx.labels(codes, lambda code: ref.unit_name(code, lang))
            lead = st.selectbox(
                ctx.tr("field.lead_unit"),
                codes,
                index=None,
                format_func=names,
                key=f"{prefix}.bulk_lead",
                placeholder=ctx.tr("widget.choose"),
            )
            coordinating = st.multiselect(
                ctx.tr("field.coordinating_units"),
                codes,
                format_func=names,
                key=f"{prefix}.bulk_coordinating",
                placeholder=ctx.tr("widget.choose_many"),
            )
            reason = st.text_input(ctx.tr("field.reason"), key=f"{prefix}.bulk_assign_reason")

            def action() -> object:
                return tracker.bulk_assign(actor, seen, lead or "", tuple(coordinating), reason)
        elif step == INTERNAL:
            day = st.date_input(
                ctx.tr("field.internal_due_on"), value=None, format=ctx.DATE_FORMAT, key=f"{prefix}.bulk_internal_on"
            )
            back = st.checkbox(ctx.tr("workflow.internal_default"), key=f"{prefix}.bulk_internal_default")
            reason = st.text_input(ctx.tr("field.reason"), key=f"{prefix}.bulk_internal_reason")

            def action() -> object:
                if day is None and not back:
                    raise InvalidInput("error.bulk_no_date", field="internal_due_on")
                return tracker.bulk_internal_deadline(actor, seen, None if back else day, reason)
        else:
            note = st.text_input(ctx.tr("field.note"), key=f"{prefix}.bulk_accept_note")

            def action() -> object:
                return tracker.bulk_accept(actor, seen, note)

        if st.form_submit_button(ctx.tr("bulk.confirm", count=len(rows)), type="primary"):
            _run(step, len(rows), action, done)


def _run(step: str, count: int, action: Callable[[], object], done: Callable[[], None]) -> None:
    try:
        action()
    except BulkRefused as refused:
        lang = ctx.lang()
        # The head, then each refused item with its own reason: a table reads well even for 100.
        st.error(pt.md(refused.message(lang).splitlines()[0]), icon=":material/error:")
        refusals = [e for e in refused.errors if isinstance(e, ItemRefused)]
        st.dataframe(
            pt.frame(
                {
                    ctx.tr("col.id"): [e.item_id for e in refusals],
                    ctx.tr("field.reason"): [e.error.message(lang) for e in refusals],
                }
            ),
            hide_index=True,
            key="bulk.refusals",
        )
    except TrackerError as error:
        ctx.show_error(error)
    else:
        flash(ctx.tr(f"bulk.done.{step}", count=count))
        done()
        st.rerun()
