"""Settings' "Thông báo của tôi" (issue 13): every signed-in account sets its own e-mail, the
language of its mail and which of the messages its role can be sent it receives. The legal-deadline
ones are shown ticked and cannot be unticked: the issue says people choose "except the
legal-deadline ones" (the deadline is the law's, tracker/mail/reasons.py MANDATORY). The service
(tracker/mail/directory.save_contact) lets an account change only its own row."""

from __future__ import annotations

import streamlit as st

from tracker import accounts
from tracker.errors import TrackerError
from tracker.mail import directory
from tracker.mail.reasons import MANDATORY
from tracker.permissions import Action, Actor, can
from tracker.service import Tracker
from ui import context as ctx
from ui.item_panel import flash

P = "settings.mine"


def render(tracker: Tracker, actor: Actor) -> None:
    """The part for everyone; for anyone but an administrator it is the whole page (the rest of
    Settings is the administrator's), so the page stops after it."""
    admin = can(actor, Action.MANAGE_SETTINGS)
    with st.expander(ctx.tr("mail.mine.title"), expanded=not admin, icon=":material/notifications:"):
        _form(tracker, actor)
    if not admin:
        st.stop()


def _form(tracker: Tracker, actor: Actor) -> None:
    contact = directory.get_contact(tracker.db, actor.username)
    account = accounts.get_account(tracker, actor.username)
    kinds = [r.value for r in directory.reasons_for(actor.role)]
    st.caption(ctx.tr("mail.mine.help"))
    with st.form(f"{P}.form"):
        c = st.columns(2)
        email = c[0].text_input(
            ctx.tr("field.email"),
            value=contact.email if contact else (account.email or "" if account else ""),
            key=f"{P}.email",
        )
        langs = ["vi", "en"]
        lang = c[1].selectbox(
            ctx.tr("mail.settings.lang"),
            langs,
            index=langs.index(contact.lang if contact else ctx.lang()),
            format_func=ctx.labels(langs, lambda code: ctx.tr(f"mail.lang.{code}")),
            key=f"{P}.lang",
            placeholder=ctx.tr("widget.choose"),
        )
        st.markdown(f"**{ctx.tr('mail.settings.receives')}**")
        chosen = {}
        for kind in kinds:
            fixed = kind in MANDATORY
            chosen[kind] = st.checkbox(
                ctx.tr(f"mail_reason.{kind}"),
                value=fixed or not contact or kind not in contact.muted,
                disabled=fixed,
                help=ctx.tr("mail.mine.fixed") if fixed else None,
                key=f"{P}.receives.{kind}",
            )
        if any(k in MANDATORY for k in kinds):
            st.caption(ctx.tr("mail.mine.fixed"))
        if st.form_submit_button(ctx.tr("action.save")):
            # What the role is not sent stays as it was (an administrator may have set it).
            kept = [m for m in (contact.muted if contact else ()) if m not in chosen]
            muted = kept + [k for k, on in chosen.items() if not on and k not in MANDATORY]
            try:
                directory.save_contact(tracker.db, actor, actor.username, email, lang, muted)
            except TrackerError as error:
                ctx.show_error(error)
                return
            flash(ctx.tr("done.saved"))
            st.rerun()
