"""The Settings page's calendar tab: each year's status (announced or estimate), the days the
``holidays`` package lists but no law in force confirms, the days off, and the override table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from tracker import calendar_admin, clock
from tracker.permissions import Actor
from tracker.service import Tracker
from ui import context as ctx
from ui import plain_text as pt

P = "settings"


def render(tracker: Tracker, actor: Actor, attempt: Callable[[Callable[[], object], str], None]) -> None:
    ref = tracker.reference
    calendar = ref.calendar
    lang = ctx.lang()
    today = clock.today()
    year = int(
        st.number_input(
            ctx.tr("settings.year"), min_value=2015, max_value=2100, value=today.year, step=1, key=f"{P}.year"
        )
    )

    years = sorted({*range(today.year - 2, today.year + 3), *(o.day.year for o in calendar.overrides), year})
    st.dataframe(
        pt.frame(
            {
                ctx.tr("settings.year"): [str(y) for y in years],
                ctx.tr("settings.year_status"): [
                    ctx.tr("settings.year_announced" if calendar.is_announced(y) else "settings.year_estimate")
                    for y in years
                ],
            }
        ),
        hide_index=True,
        key=f"{P}.years_table",
    )
    if calendar.is_announced(year):
        st.success(ctx.tr("settings.year_is_announced", year=year), icon=":material/verified:")
    else:
        st.warning(ctx.tr("settings.year_is_estimate", year=year), icon=":material/warning:")
    marked = year in calendar.announced_years
    if st.button(
        ctx.tr("settings.unmark_announced" if marked else "settings.mark_announced", year=year),
        key=f"{P}.mark_announced",
    ):
        attempt(lambda: calendar_admin.set_year_announced(tracker, actor, year, not marked), "done.saved")

    for doubt in calendar.uncertain_days(year):
        name, day_text = doubt.name(lang), ctx.fmt(doubt.day)
        if doubt.confirmed_off:
            st.info(
                pt.tr_md("settings.uncertain_confirmed", day=day_text, name=name, source=doubt.source(lang)),
                icon=":material/event_busy:",
            )
            continue
        st.warning(
            pt.tr_md("settings.uncertain_working", day=day_text, name=name, source=doubt.source(lang)),
            icon=":material/help:",
        )
        if st.button(
            ctx.tr("settings.confirm_day_off", day=day_text), key=f"{P}.confirm_day_off.{doubt.day.isoformat()}"
        ):
            attempt(lambda d=doubt.day: calendar_admin.confirm_day_off(tracker, actor, d, lang), "done.saved")

    days_off = calendar.non_working_days(date(year, 1, 1), date(year, 12, 31))
    holidays_only = [d for d in days_off if d.weekday() < 5]
    st.caption(ctx.tr("settings.calendar_explain"))
    st.dataframe(
        pt.frame(
            {
                ctx.tr("settings.day"): [ctx.fmt(d) for d in holidays_only],
                ctx.tr("settings.why"): [calendar.why_not_working(d, lang) for d in holidays_only],
            }
        ),
        hide_index=True,
        key=f"{P}.holidays_table",
    )
    st.markdown(f"**{ctx.tr('settings.overrides')}**")
    st.dataframe(
        pt.frame(
            {
                ctx.tr("settings.day"): [ctx.fmt(o.day) for o in calendar.overrides],
                ctx.tr("settings.override_kind"): [
                    ctx.tr("settings.working" if o.working else "settings.day_off") for o in calendar.overrides
                ],
                ctx.tr("settings.note"): [o.note for o in calendar.overrides],
            }
        ),
        hide_index=True,
        key=f"{P}.overrides_table",
    )
    with st.form(f"{P}.override_form"):
        c = st.columns(3)
        day = c[0].date_input(ctx.tr("settings.day"), value=None, format=ctx.DATE_FORMAT, key=f"{P}.override_day")
        working = c[1].radio(
            ctx.tr("settings.override_kind"),
            [False, True],
            format_func=ctx.labels([False, True], lambda w: ctx.tr("settings.working" if w else "settings.day_off")),
            key=f"{P}.override_working",
        )
        note = c[2].text_input(ctx.tr("settings.note"), key=f"{P}.override_note")
        save, remove = st.columns(2)
        if save.form_submit_button(ctx.tr("action.save")):
            attempt(lambda: tracker.save_override(actor, day, working, note), "done.saved")
        if remove.form_submit_button(ctx.tr("settings.remove_override")):
            attempt(lambda: tracker.delete_override(actor, day), "done.saved")
