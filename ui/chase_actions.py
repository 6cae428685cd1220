"""The Office's chasing on the queue and progress pages (issue 13, points 4 and 5): "Soạn công văn
đôn đốc" for a unit (the Word letter of tracker/reminder_letter.py, its issue recorded on each
listed item) and "Gửi nhắc việc ngay" (today's reminder run: what it sent, the last run's time and
counts; a second click the same day sends nothing new and says so). Only for who may assign (the
Office's liaison officers and administrators). One call line per page: ``render(tracker, actor)``,
with the page's unit when it has one (the queue)."""

from __future__ import annotations

import streamlit as st

from tracker import clock
from tracker.errors import TrackerError
from tracker.formatting import format_datetime
from tracker.mail import remind
from tracker.permissions import Action, Actor, can
from tracker.reminder_letter import issue_letter
from tracker.service import Tracker
from ui import cached
from ui import context as ctx
from ui import plain_text as pt

P = "chase"


def render(tracker: Tracker, actor: Actor, unit: str | None = None, page: str = "") -> None:
    if not can(actor, Action.ASSIGN):
        return
    key = f"{P}.{page or ('queue' if unit else 'progress')}"
    with st.expander(ctx.tr("chase.title"), icon=":material/campaign:"):
        c = st.columns(2)
        with c[0]:
            _letter(tracker, actor, unit, key)
        with c[1]:
            _remind_now(tracker, actor, key)


def _letter(tracker: Tracker, actor: Actor, unit: str | None, key: str) -> None:
    ref, today = tracker.reference, clock.today()
    st.markdown(f"**{ctx.tr('chase.letter')}**")
    counts = cached.chase_counts(tracker, *cached.key(tracker), today)
    if unit is None:
        units = [u.code for u in ref.units if counts.get(u.code)]
        if not units:
            st.caption(ctx.tr("chase.letter_none"))
            return
        unit = st.selectbox(
            ctx.tr("filter.unit"),
            units,
            format_func=ctx.labels(
                units, lambda code: ctx.tr("chase.unit_count", unit=ref.unit_name(code, ctx.lang()), count=counts[code])
            ),
            key=f"{key}.unit",
            placeholder=ctx.tr("widget.choose"),
        )
    if unit is None:
        return
    st.caption(pt.tr_md("chase.letter_help", unit=ref.unit_name(unit, ctx.lang()), count=counts.get(unit, 0)))
    number = st.text_input(ctx.tr("chase.number"), placeholder="245/BNV-VP", key=f"{key}.number")
    held = f"{key}.letter.{unit}"
    if st.button(ctx.tr("chase.letter_button"), key=f"{key}.letter_button", icon=":material/description:"):
        try:
            letter = issue_letter(tracker.db, ref, actor, unit, today, number.strip(), ctx.lang())
        except TrackerError as error:
            ctx.show_error(error)
        else:
            st.session_state[held] = (letter.content, len(letter.items))
    if held in st.session_state:
        content, count = st.session_state[held]
        st.success(ctx.tr("chase.letter_done", count=count), icon=":material/check_circle:")
        st.download_button(
            ctx.tr("chase.letter_download"),
            content,
            file_name=f"cong-van-don-doc-{unit}-{today.isoformat()}.docx",
            mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            key=f"{key}.letter_download",
        )


def _remind_now(tracker: Tracker, actor: Actor, key: str) -> None:
    st.markdown(f"**{ctx.tr('chase.remind')}**")
    if st.button(ctx.tr("chase.remind_button"), key=f"{key}.remind_button", icon=":material/send:"):
        today = clock.today()
        with st.spinner(ctx.tr("mail.settings.running")):
            try:
                result = remind.run(tracker.db, tracker.reference, actor, today)
            except TrackerError as error:
                ctx.show_error(error)
                return
        if not result.messages:
            st.info(ctx.tr("chase.nothing_new", as_of=ctx.fmt(today)), icon=":material/done_all:")
        else:
            d = result.delivery
            counts = {"count": len(result.messages), "as_of": ctx.fmt(today), "sent": d.sent, "failed": d.failed}
            st.success(pt.tr_md("cli.remind_done", **counts), icon=":material/send:")
            st.dataframe(
                pt.frame(
                    {
                        ctx.tr("field.mailed_to"): [m.recipient for m in result.messages],
                        ctx.tr("field.mail_reason"): [ctx.tr(f"mail_reason.{m.reason.value}") for m in result.messages],
                        ctx.tr("mail.settings.subject"): [m.subject for m in result.messages],
                        ctx.tr("mail.settings.items"): [len(m.items) for m in result.messages],
                    }
                ),
                hide_index=True,
                key=f"{key}.sent_table",
            )
    last = remind.last_run(tracker.db)
    if last is None:
        st.caption(ctx.tr("mail.settings.no_run"))
    else:
        st.caption(
            ctx.tr(
                "mail.settings.last_run",
                at=format_datetime(last.ran_at),
                as_of=ctx.fmt(last.as_of),
                queued=last.queued,
                sent=last.sent,
                failed=last.failed,
            )
        )
