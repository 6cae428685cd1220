"""The pre-session report deadline on the home page (issue 11): the date, how many working days are
left ("còn N ngày làm việc", JR 72/2025/NQLT Art. 49(2) counts the deadline itself in working days),
and, while the next session has no opening date, the National Assembly's planned date (the
session's note, as an administrator entered it) clearly marked as an estimate, with a link to
set the date for whoever may."""

from __future__ import annotations

from datetime import date

import streamlit as st

from tracker.permissions import Action
from tracker.session_schedule import SessionSchedule
from tracker.workdays import WorkCalendar
from ui import context as ctx
from ui import plain_text as pt


def countdown(calendar: WorkCalendar, today: date, due: date) -> str:
    """ "còn 12 ngày làm việc" / "hạn là hôm nay" / "đã quá 3 ngày làm việc"."""
    if due == today:
        return ctx.tr("home.report_due_today")
    days = calendar.working_days_between(today, due)
    if due > today:
        return ctx.tr("home.report_days_left", days=days)
    return ctx.tr("home.report_days_past", days=-days)


def render(schedule: SessionSchedule, calendar: WorkCalendar, today: date) -> None:
    lang = ctx.lang()
    nxt = schedule.next_session
    if schedule.report_due_on is not None and nxt is not None and schedule.questions_report_due_on is not None:
        left = countdown(calendar, today, schedule.report_due_on)
        st.info(
            ctx.tr("home.report_countdown", left=left)
            + "\n\n"
            + ctx.tr(
                "progress.report_due",
                date=ctx.fmt(schedule.report_due_on),
                session=nxt.label(lang),
                opens=ctx.fmt(nxt.opens_on),
            )
            + "\n\n"
            + ctx.tr(
                "progress.questions_report_due",
                date=ctx.fmt(schedule.questions_report_due_on),
                session=nxt.label(lang),
            ),
            icon=":material/event:",
        )
        return
    if nxt is None:
        st.caption(ctx.tr("progress.report_due_unknown"))
        return
    # The next session is known but not dated: what the NA planned, as an estimate, never as a deadline.
    planned = nxt.note.strip()
    if planned:
        st.warning(
            pt.tr_md("home.next_session_planned", session=nxt.label(lang), value=planned),
            icon=":material/event_upcoming:",
        )
    else:
        st.warning(ctx.tr("home.next_session_undated", session=nxt.label(lang)), icon=":material/event_upcoming:")
    if ctx.allowed(Action.MANAGE_SETTINGS):
        st.page_link(
            "app_pages/settings.py",
            label=ctx.tr("home.set_session_date", session=nxt.label(lang)),
            icon=":material/edit_calendar:",
        )
    else:
        st.caption(ctx.tr("home.session_date_by_admin"))
