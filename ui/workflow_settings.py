"""The internal deadline's settings on the Settings page (issue 12, point 1): how many working
days before the legal deadline a unit's draft is due at the Office, per kind (defaults 5 for a
question, 10 for a recommendation: tracker/stage.py, docs/WORKFLOW.md). A change moves the
default date of items without their own date; an item's own date, set with a reason, is kept."""

from __future__ import annotations

import streamlit as st

from tracker.errors import TrackerError
from tracker.items import Kind
from tracker.stage import INTERNAL_DAYS_DEFAULT, internal_days, internal_days_setting
from ui import context as ctx
from ui.item_panel import flash

KINDS = (Kind.DEPUTY_QUESTION, Kind.VOTER_RECOMMENDATION)


def render_internal_days(key: str) -> None:
    """One form: a number per kind, saved together."""
    tracker, actor = ctx.tracker(), ctx.actor()
    with st.form(f"{key}.internal_days_form"):
        st.markdown(f"**{ctx.tr('settings.internal_days')}**")
        st.caption(
            ctx.tr(
                "settings.internal_days_explain",
                question=INTERNAL_DAYS_DEFAULT[Kind.DEPUTY_QUESTION],
                recommendation=INTERNAL_DAYS_DEFAULT[Kind.VOTER_RECOMMENDATION],
            )
        )
        columns = st.columns(len(KINDS))
        chosen = {
            kind: column.number_input(
                ctx.kind_label(kind),
                min_value=1,
                max_value=30,
                value=internal_days(tracker.reference.settings, kind),
                key=f"{key}.internal_days.{kind.value}",
            )
            for column, kind in zip(columns, KINDS, strict=True)
        }
        if not st.form_submit_button(ctx.tr("action.save")):
            return
        try:
            for kind, days in chosen.items():
                tracker.save_setting(actor, internal_days_setting(kind), str(int(days)))
        except TrackerError as error:
            ctx.show_error(error)
            return
    flash(ctx.tr("done.saved"))
    st.rerun()
