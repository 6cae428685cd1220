"""Settings (administrator): sessions, units, calendar overrides, deadline rules, due-soon window,
the Word report's signer."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import streamlit as st

from tracker import accounts, backup, clock, web_sessions
from tracker.errors import TrackerError
from tracker.formatting import format_datetime
from tracker.items import Kind
from tracker.permissions import Role
from tracker.reference import Unit
from tracker.report_signer import AUTHORITIES, Signer
from tracker.sessions import SessionRef
from ui import calendar_settings, mail_prefs, mail_settings
from ui import context as ctx
from ui import plain_text as pt
from ui.item_panel import flash, show_flash
from ui.workflow_settings import render_internal_days

P = "settings"


def backup_dir() -> Path:
    """Backups go beside the database unless TRACKER_BACKUP_DIR says otherwise."""
    return Path(os.environ.get("TRACKER_BACKUP_DIR") or tracker.db.path.parent / "backups")


tracker = ctx.tracker()
ref = tracker.reference
lang = ctx.lang()
actor = ctx.actor()
st.title(ctx.tr("settings.title"))
show_flash()
mail_prefs.render(tracker, actor)  # issue 13: every account's own messages; only this part for non-administrators


def attempt(action, done: str) -> None:
    try:
        action()
    except TrackerError as error:
        ctx.show_error(error)
    else:
        flash(ctx.tr(done))
        st.rerun()


sessions_tab, units_tab, calendar_tab, rules_tab, users_tab, backup_tab, general_tab, mail_tab = st.tabs(
    [
        ctx.tr("settings.sessions"),
        ctx.tr("settings.units"),
        ctx.tr("settings.calendar"),
        ctx.tr("settings.rules"),
        ctx.tr("settings.users"),
        ctx.tr("settings.backup"),
        ctx.tr("settings.general"),
        ctx.tr("settings.mail"),
    ]
)

with sessions_tab:
    st.dataframe(
        pt.frame(
            {
                ctx.tr("col.session"): [s.ref.code() for s in ref.sessions],
                ctx.tr("settings.session_name"): [s.label(lang) for s in ref.sessions],
                ctx.tr("settings.opens_on"): [ctx.fmt(s.opens_on) for s in ref.sessions],
                ctx.tr("settings.closes_on"): [ctx.fmt(s.closes_on) for s in ref.sessions],
                ctx.tr("settings.note"): [s.note for s in ref.sessions],
            }
        ),
        hide_index=True,
        key=f"{P}.sessions_table",
    )
    with st.form(f"{P}.session_form"):
        st.markdown(f"**{ctx.tr('settings.session_edit')}**")
        c = st.columns(4)
        code = c[0].text_input(ctx.tr("col.session"), placeholder="16/2 · 15/BT9", key=f"{P}.session_code")
        opens_on = c[1].date_input(
            ctx.tr("settings.opens_on"), value=None, format=ctx.DATE_FORMAT, key=f"{P}.session_opens"
        )
        closes_on = c[2].date_input(
            ctx.tr("settings.closes_on"), value=None, format=ctx.DATE_FORMAT, key=f"{P}.session_closes"
        )
        note = c[3].text_input(ctx.tr("settings.note"), key=f"{P}.session_note")
        if st.form_submit_button(ctx.tr("action.save")):
            attempt(
                lambda: tracker.save_session(actor, SessionRef.parse(code), opens_on, closes_on, note), "done.saved"
            )

with units_tab:
    st.dataframe(
        pt.frame(
            {
                ctx.tr("settings.unit_code"): [u.code for u in ref.units],
                ctx.tr("settings.unit_name_vi"): [u.name_vi for u in ref.units],
                ctx.tr("settings.unit_name_en"): [u.name_en for u in ref.units],
                ctx.tr("settings.active_from"): [ctx.fmt(u.active_from) for u in ref.units],
                ctx.tr("settings.active_to"): [ctx.fmt(u.active_to) for u in ref.units],
            }
        ),
        hide_index=True,
        key=f"{P}.units_table",
    )
    with st.form(f"{P}.unit_form"):
        st.markdown(f"**{ctx.tr('settings.unit_edit')}**")
        c = st.columns(3)
        code = c[0].text_input(ctx.tr("settings.unit_code"), key=f"{P}.unit_code")
        name_vi = c[1].text_input(ctx.tr("settings.unit_name_vi"), key=f"{P}.unit_name_vi")
        name_en = c[2].text_input(ctx.tr("settings.unit_name_en"), key=f"{P}.unit_name_en")
        d = st.columns(2)
        active_from = d[0].date_input(
            ctx.tr("settings.active_from"), value=None, format=ctx.DATE_FORMAT, key=f"{P}.unit_from"
        )
        active_to = d[1].date_input(
            ctx.tr("settings.active_to"), value=None, format=ctx.DATE_FORMAT, key=f"{P}.unit_to"
        )
        if st.form_submit_button(ctx.tr("action.save")):
            existing = ref.unit(code.strip().upper())
            order = existing.sort_order if existing else len(ref.units)
            attempt(
                lambda: tracker.save_unit(actor, Unit(code, name_vi, name_en, active_from, active_to, order)),
                "done.saved",
            )

with calendar_tab:
    calendar_settings.render(tracker, actor, attempt)

with rules_tab:
    st.dataframe(
        pt.frame(
            {
                ctx.tr("field.kind"): [ctx.kind_label(r.kind) for r in ref.rules],
                ctx.tr("settings.days"): [r.days for r in ref.rules],
                ctx.tr("settings.effective_from"): [ctx.fmt(r.effective_from) for r in ref.rules],
                ctx.tr("settings.basis"): [r.basis for r in ref.rules],
            }
        ),
        hide_index=True,
        key=f"{P}.rules_table",
    )
    with st.form(f"{P}.rule_form"):
        c = st.columns(4)
        kind = c[0].selectbox(
            ctx.tr("field.kind"),
            [k.value for k in Kind],
            format_func=ctx.labels(list(Kind), ctx.kind_label),
            key=f"{P}.rule_kind",
            placeholder=ctx.tr("widget.choose"),
        )
        days = c[1].number_input(ctx.tr("settings.days"), min_value=1, max_value=366, value=20, key=f"{P}.rule_days")
        effective_from = c[2].date_input(
            ctx.tr("settings.effective_from"), value=clock.today(), format=ctx.DATE_FORMAT, key=f"{P}.rule_from"
        )
        basis = c[3].text_input(ctx.tr("settings.basis"), key=f"{P}.rule_basis")
        if st.form_submit_button(ctx.tr("action.save")):
            attempt(lambda: tracker.save_rule(actor, kind, int(days), effective_from, basis), "done.saved")

with general_tab, st.form(f"{P}.general_form"):
    soon = st.number_input(
        ctx.tr("settings.due_soon_days"), min_value=1, max_value=60, value=ref.due_soon_days, key=f"{P}.due_soon"
    )
    decimals = st.selectbox(
        ctx.tr("settings.percent_decimals"),
        [1, 2],
        index=ref.percent_decimals - 1,
        format_func=ctx.labels([1, 2], lambda d: ctx.tr(f"settings.percent_decimals.{d}")),
        key=f"{P}.percent_decimals",
        placeholder=ctx.tr("widget.choose"),
    )
    if st.form_submit_button(ctx.tr("action.save")):
        attempt(
            lambda: (
                tracker.save_setting(actor, "due_soon_days", str(int(soon))),
                tracker.save_setting(actor, "percent_decimals", str(decimals)),
            ),
            "done.saved",
        )

with general_tab:
    render_internal_days(P)  # issue 12: the internal deadline's working days per kind

with general_tab, st.form(f"{P}.session_form_idle"):
    idle = st.number_input(
        ctx.tr("settings.idle_minutes"),
        min_value=web_sessions.MIN_IDLE_MINUTES,
        max_value=web_sessions.MAX_IDLE_MINUTES,
        value=web_sessions.idle_minutes(tracker),
        help=ctx.tr("settings.idle_minutes_help"),
        key=f"{P}.idle_minutes",
    )
    if st.form_submit_button(ctx.tr("action.save")):
        attempt(lambda: web_sessions.save_idle_minutes(tracker, actor, idle), "done.saved")

with general_tab, st.form(f"{P}.signer_form"):
    st.markdown(f"**{ctx.tr('settings.signer')}**")
    st.caption(ctx.tr("settings.signer_explain"))
    signer = tracker.signer
    c = st.columns(3)
    authority = c[0].selectbox(
        ctx.tr("field.signer_authority"),
        list(AUTHORITIES),
        index=AUTHORITIES.index(signer.authority),
        format_func=ctx.labels(list(AUTHORITIES), lambda a: ctx.tr(f"signer_authority.{a or 'none'}")),
        key=f"{P}.signer_authority",
        placeholder=ctx.tr("widget.choose"),
    )
    title = c[1].text_input(
        ctx.tr("field.signer_title"), value=signer.title, placeholder="Thứ trưởng", key=f"{P}.signer_title"
    )
    name = c[2].text_input(ctx.tr("field.signer_name"), value=signer.name, key=f"{P}.signer_name")
    if st.form_submit_button(ctx.tr("action.save")):
        attempt(lambda: tracker.save_signer(actor, Signer(name, title, authority)), "done.saved")

with users_tab:
    users = accounts.list_users(tracker)
    st.dataframe(
        pt.frame(
            {
                ctx.tr("field.username"): [u["username"] for u in users],
                ctx.tr("field.display_name"): [u["display_name"] for u in users],
                ctx.tr("field.role"): [ctx.tr(f"role.{u['role']}") for u in users],
                ctx.tr("field.unit"): [ref.unit_name(u["unit"], lang) if u["unit"] else "" for u in users],
                ctx.tr("field.email"): [u["email"] or "" for u in users],
                ctx.tr("field.active"): [u["active"] for u in users],
                ctx.tr("settings.last_login"): [
                    format_datetime(u["last_login_at"]) if u["last_login_at"] else "" for u in users
                ],
            }
        ),
        hide_index=True,
        key=f"{P}.users_table",
    )
    roles = [r.value for r in Role]
    unit_options = [None, *[u.code for u in ref.units if u.active_to is None]]
    role_label = ctx.labels(roles, lambda r: ctx.tr(f"role.{r}"))
    unit_label = ctx.labels(unit_options, lambda u: ref.unit_name(u, lang) if u else "—")
    # Not clear_on_submit: a refused account (a name already taken) keeps what was typed; a saved one
    # starts a new round of keys, so the next account begins empty again.
    add_round = st.session_state.get(f"{P}.user_add_round", 0)
    with st.form(f"{P}.user_add_form"):
        st.markdown(f"**{ctx.tr('settings.user_add')}**")
        c = st.columns(3)
        username = c[0].text_input(ctx.tr("field.username"), key=f"{P}.new_username.{add_round}")
        display = c[1].text_input(ctx.tr("field.display_name"), key=f"{P}.new_display.{add_round}")
        email = c[2].text_input(ctx.tr("field.email"), key=f"{P}.new_email.{add_round}")
        d = st.columns(3)
        # The least privilege first: an administrator must choose to give more.
        role = d[0].selectbox(
            ctx.tr("field.role"),
            roles,
            index=roles.index(Role.VIEWER.value),
            format_func=role_label,
            key=f"{P}.new_role.{add_round}",
            placeholder=ctx.tr("widget.choose"),
        )
        unit = d[1].selectbox(
            ctx.tr("field.unit"),
            unit_options,
            format_func=unit_label,
            key=f"{P}.new_unit.{add_round}",
            placeholder=ctx.tr("widget.choose"),
        )
        password = d[2].text_input(
            ctx.tr("field.password"),
            type="password",
            key=f"{P}.new_password.{add_round}",
            help=ctx.tr("sign_in.password_rule", limit=accounts.MIN_PASSWORD),
        )
        if st.form_submit_button(ctx.tr("action.save")):
            st.session_state[f"{P}.user_add_round"] = add_round + 1
            try:
                accounts.add_user(
                    tracker, actor, username, password, role, unit=unit, display_name=display, email=email
                )
            except TrackerError as error:
                st.session_state[f"{P}.user_add_round"] = add_round
                ctx.show_error(error)
            else:
                flash(ctx.tr("done.saved"))
                st.rerun()
    if users:
        names = [u["username"] for u in users]
        chosen = st.selectbox(
            ctx.tr("settings.user_edit"), names, key=f"{P}.edit_user", placeholder=ctx.tr("widget.choose")
        )
        # Keys carry the account name: otherwise the previous account's values (role included)
        # stay in the form and would be saved onto this one.
        current = next(u for u in users if u["username"] == chosen)
        with st.form(f"{P}.user_edit_form.{chosen}"):
            c = st.columns(3)
            display = c[0].text_input(
                ctx.tr("field.display_name"), value=current["display_name"], key=f"{P}.edit_display.{chosen}"
            )
            email = c[1].text_input(ctx.tr("field.email"), value=current["email"] or "", key=f"{P}.edit_email.{chosen}")
            active = c[2].checkbox(ctx.tr("field.active"), value=current["active"], key=f"{P}.edit_active.{chosen}")
            d = st.columns(3)
            role = d[0].selectbox(
                ctx.tr("field.role"),
                roles,
                index=roles.index(current["role"]),
                format_func=role_label,
                key=f"{P}.edit_role.{chosen}",
                placeholder=ctx.tr("widget.choose"),
            )
            unit = d[1].selectbox(
                ctx.tr("field.unit"),
                unit_options,
                index=unit_options.index(current["unit"]) if current["unit"] in unit_options else 0,
                format_func=unit_label,
                key=f"{P}.edit_unit.{chosen}",
                placeholder=ctx.tr("widget.choose"),
            )
            password = d[2].text_input(
                ctx.tr("settings.new_password"), type="password", key=f"{P}.edit_password.{chosen}"
            )

            def save_user() -> None:
                accounts.update_user(
                    tracker, actor, chosen, display_name=display, role=role, unit=unit, email=email, active=active
                )
                if password:
                    accounts.set_password(tracker, actor, chosen, password)

            if st.form_submit_button(ctx.tr("action.save")):
                attempt(save_user, "done.saved")

with backup_tab:
    last = backup.last_backup(tracker)
    if last:
        at = format_datetime(datetime.fromisoformat(last["at"]))
        st.info(pt.tr_md("settings.last_backup", at=at, path=last["path"]), icon=":material/save:")
    else:
        st.warning(ctx.tr("settings.no_backup"))
    st.caption(ctx.tr("settings.backup_explain"))
    if st.button(ctx.tr("settings.make_backup"), key=f"{P}.make_backup"):
        with st.spinner(ctx.tr("settings.backing_up")):
            attempt(lambda: backup.make_backup(tracker, actor, backup_dir()), "done.backup")
    # Checking a folder reads files only, so it is safe while the app runs (a restore is not).
    folders = backup.list_backups(backup_dir())
    if folders:
        chosen = st.selectbox(
            ctx.tr("settings.backup_folder"), folders, key=f"{P}.check_folder", placeholder=ctx.tr("widget.choose")
        )
        if st.button(ctx.tr("settings.check_backup"), key=f"{P}.check_backup"):
            try:
                checked = backup.check_folder(backup_dir() / chosen, tracker.db.path)
            except TrackerError as error:
                ctx.show_error(error)
            else:
                signed = ctx.tr("backup.verified_signed") if checked.signed else ""
                verified = ctx.tr("backup.verified", path=chosen, files=checked.files, signed=signed)
                st.success(ctx.plain(verified), icon=":material/verified:")
                if not checked.signed:
                    st.warning(ctx.plain(ctx.tr("backup.unsigned", path=str(checked.key))))

with mail_tab:  # issue 13: ui/mail_settings.py
    mail_settings.render(tracker, actor)
