"""Registers "raised before" and "merge a duplicate" (issue 14) on the item page's action row.

Each opens what the matcher found for this item — earlier sessions for a re-raising, the same
session for a duplicate — with the one decision a person confirms (ui/similar_intake.py's
buttons). Nothing is linked or merged without that click; a dismissed pair never comes back.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from tracker.lifecycle import Verb
from ui import context as ctx
from ui.item_actions import ActionForm, register
from ui.similar_intake import confirm_buttons


def _suggestions(same_session: bool) -> Callable[[ActionForm], None]:
    def render(form: ActionForm) -> None:
        found = [
            s
            for s in form.tracker.similar_for_item(form.item.id)
            if (s.occurrence.session_id == form.item.session_id) == same_session
        ]
        if not found:
            st.info(ctx.tr("similar.none_found"), icon=":material/search_off:")
            return
        st.caption(ctx.tr("similar.intake_help"))
        for suggestion in found:
            confirm_buttons(form.item, suggestion, f"{form.prefix}.similar")

    return render


register(Verb.LINK_SIMILAR, label="similar.action_link", icon=":material/history:", render=_suggestions(False))
register(Verb.MERGE, label="similar.action_merge", icon=":material/merge:", render=_suggestions(True))
