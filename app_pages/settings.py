"""Settings (administrator): sessions, units, calendar overrides, deadline rules, due-soon window."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from tracker.errors import TrackerError
from tracker.items import Kind
from tracker.reference import Unit
from tracker.sessions import SessionRef
from ui import context as ctx
from ui.item_panel import flash, show_flash

P = "settings"
tracker = ctx.tracker()
ref = tracker.reference
lang = ctx.lang()
actor = ctx.actor()
st.title(ctx.tr("settings.title"))
show_flash()


def attempt(action, done: str) -> None:
    try:
        action()
    except TrackerError as error:
        ctx.show_error(error)
    else:
        flash(ctx.tr(done))
        st.rerun()


sessions_tab, units_tab, calendar_tab, rules_tab, general_tab = st.tabs(
    [ctx.tr("settings.sessions"), ctx.tr("settings.units"), ctx.tr("settings.calendar"), ctx.tr("settings.rules"), ctx.tr("settings.general")]
)

with sessions_tab:
    st.dataframe(
        pd.DataFrame(
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
        opens_on = c[1].date_input(ctx.tr("settings.opens_on"), value=None, format=ctx.DATE_FORMAT, key=f"{P}.session_opens")
        closes_on = c[2].date_input(ctx.tr("settings.closes_on"), value=None, format=ctx.DATE_FORMAT, key=f"{P}.session_closes")
        note = c[3].text_input(ctx.tr("settings.note"), key=f"{P}.session_note")
        if st.form_submit_button(ctx.tr("action.save")):
            attempt(lambda: tracker.save_session(actor, SessionRef.parse(code), opens_on, closes_on, note), "done.saved")

with units_tab:
    st.dataframe(
        pd.DataFrame(
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
        active_from = d[0].date_input(ctx.tr("settings.active_from"), value=None, format=ctx.DATE_FORMAT, key=f"{P}.unit_from")
        active_to = d[1].date_input(ctx.tr("settings.active_to"), value=None, format=ctx.DATE_FORMAT, key=f"{P}.unit_to")
        if st.form_submit_button(ctx.tr("action.save")):
            existing = ref.unit(code.strip().upper())
            order = existing.sort_order if existing else len(ref.units)
            attempt(lambda: tracker.save_unit(actor, Unit(code, name_vi, name_en, active_from, active_to, order)), "done.saved")

with calendar_tab:
    year = st.number_input(ctx.tr("settings.year"), min_value=2015, max_value=2100, value=date.today().year, step=1, key=f"{P}.year")
    days_off = ref.calendar.non_working_days(date(int(year), 1, 1), date(int(year), 12, 31))
    holidays_only = [d for d in days_off if d.weekday() < 5]
    st.caption(ctx.tr("settings.calendar_explain"))
    st.dataframe(
        pd.DataFrame(
            {
                ctx.tr("settings.day"): [ctx.fmt(d) for d in holidays_only],
                ctx.tr("settings.why"): [ref.calendar.why_not_working(d, lang) for d in holidays_only],
            }
        ),
        hide_index=True,
        key=f"{P}.holidays_table",
    )
    st.markdown(f"**{ctx.tr('settings.overrides')}**")
    st.dataframe(
        pd.DataFrame(
            {
                ctx.tr("settings.day"): [ctx.fmt(o.day) for o in ref.calendar.overrides],
                ctx.tr("settings.override_kind"): [ctx.tr("settings.working" if o.working else "settings.day_off") for o in ref.calendar.overrides],
                ctx.tr("settings.note"): [o.note for o in ref.calendar.overrides],
            }
        ),
        hide_index=True,
        key=f"{P}.overrides_table",
    )
    with st.form(f"{P}.override_form"):
        c = st.columns(3)
        day = c[0].date_input(ctx.tr("settings.day"), value=None, format=ctx.DATE_FORMAT, key=f"{P}.override_day")
        working = c[1].radio(
            ctx.tr("settings.override_kind"), [False, True],
            format_func=ctx.labels([False, True], lambda w: ctx.tr("settings.working" if w else "settings.day_off")), key=f"{P}.override_working",
        )
        note = c[2].text_input(ctx.tr("settings.note"), key=f"{P}.override_note")
        save, remove = st.columns(2)
        if save.form_submit_button(ctx.tr("action.save")):
            attempt(lambda: tracker.save_override(actor, day, working, note), "done.saved")
        if remove.form_submit_button(ctx.tr("settings.remove_override")):
            attempt(lambda: tracker.delete_override(actor, day), "done.saved")

with rules_tab:
    st.dataframe(
        pd.DataFrame(
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
        kind = c[0].selectbox(ctx.tr("field.kind"), [k.value for k in Kind], format_func=ctx.labels(list(Kind), ctx.kind_label), key=f"{P}.rule_kind")
        days = c[1].number_input(ctx.tr("settings.days"), min_value=1, max_value=366, value=20, key=f"{P}.rule_days")
        effective_from = c[2].date_input(ctx.tr("settings.effective_from"), value="today", format=ctx.DATE_FORMAT, key=f"{P}.rule_from")
        basis = c[3].text_input(ctx.tr("settings.basis"), key=f"{P}.rule_basis")
        if st.form_submit_button(ctx.tr("action.save")):
            attempt(lambda: tracker.save_rule(actor, kind, int(days), effective_from, basis), "done.saved")

with general_tab, st.form(f"{P}.general_form"):
    soon = st.number_input(ctx.tr("settings.due_soon_days"), min_value=1, max_value=60, value=ref.due_soon_days, key=f"{P}.due_soon")
    if st.form_submit_button(ctx.tr("action.save")):
        attempt(lambda: tracker.save_setting(actor, "due_soon_days", str(int(soon))), "done.saved")
