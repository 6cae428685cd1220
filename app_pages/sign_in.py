"""Sign in: a local account (argon2), single sign-on where configured, or — on a fresh install
with no account at all — creating the first administrator."""

from __future__ import annotations

import streamlit as st

from tracker import accounts, web_sessions
from tracker.errors import TrackerError
from ui import context as ctx

P = "sign_in"
tracker = ctx.tracker()
# A fresh install's first screen creates the first administrator: titled for that, not "sign in".
first_run = not accounts.has_accounts(tracker)
st.title(ctx.tr("sign_in.first_run_title" if first_run else "sign_in.title"))
ended = ctx.ended_why()
if ended == "idle":
    minutes = web_sessions.idle_minutes(tracker)
    st.info(ctx.tr("sign_in.timed_out", minutes=minutes), icon=":material/timer_off:")
elif ended is not None:
    st.info(ctx.tr("sign_in.session_ended"), icon=":material/logout:")


def sso_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all means no single sign-on
        return False


if sso_configured():
    if getattr(st.user, "is_logged_in", False) and ctx.session_just_ended(ended):
        # The provider still vouches for whoever sat here: end its sign-in too, or the idle
        # timeout and sign-out would let anyone at the desk straight back in.
        st.logout()
    elif getattr(st.user, "is_logged_in", False):
        try:
            actor = accounts.actor_for_sso(tracker, st.user.to_dict())
        except TrackerError as error:
            ctx.show_error(error)
        else:
            ctx.sign_in(actor, via_sso=True)
            st.rerun()
        if st.button(ctx.tr("app.sign_out"), key=f"{P}.sso_logout"):
            st.logout()
    elif st.button(ctx.tr("sign_in.sso"), key=f"{P}.sso", type="primary"):
        st.login()
    st.divider()

if first_run:
    st.info(ctx.tr("sign_in.first_run"), icon=":material/info:")
    with st.form(f"{P}.first_admin"):
        name = st.text_input(ctx.tr("field.username"), key=f"{P}.first_username")
        display = st.text_input(ctx.tr("field.display_name"), key=f"{P}.first_display")
        password = st.text_input(ctx.tr("field.password"), type="password", key=f"{P}.first_password")
        # The rule up front, not only after failing it.
        st.caption(ctx.tr("sign_in.password_rule", limit=accounts.MIN_PASSWORD))
        again = st.text_input(ctx.tr("sign_in.password_again"), type="password", key=f"{P}.first_again")
        if st.form_submit_button(ctx.tr("sign_in.create_admin"), type="primary"):
            if password != again:
                st.error(ctx.tr("error.password_mismatch"))
            else:
                try:
                    account = accounts.create_first_admin(tracker, name, password, display)
                except TrackerError as error:
                    ctx.show_error(error)
                else:
                    ctx.sign_in(account.actor())
                    st.rerun()
    st.stop()

with st.form(f"{P}.form"):
    name = st.text_input(ctx.tr("field.username"), key=f"{P}.username")
    password = st.text_input(ctx.tr("field.password"), type="password", key=f"{P}.password")
    if st.form_submit_button(ctx.tr("sign_in.submit"), type="primary"):
        try:
            actor = accounts.authenticate(tracker, name, password)
        except TrackerError as error:
            ctx.show_error(error)
        else:
            ctx.sign_in(actor)
            st.rerun()
