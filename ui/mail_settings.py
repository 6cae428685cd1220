"""The settings page's e-mail tab (issue 13): the mail server, a test message that reports the
server's exact answer, unit mailboxes, each account's address, language and the messages it
receives, the last reminder run and what it sent, the outbox's failures, and "send reminders now"."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from tracker import accounts, clock
from tracker.errors import TrackerError
from tracker.formatting import format_datetime
from tracker.mail import directory, remind
from tracker.mail.config import SECURITY, MailSettings, parse_offsets, save_mail_settings, smtp_password
from tracker.mail.reasons import CHOOSABLE, MANDATORY
from tracker.mail.sender import MailRefused, send_test
from tracker.permissions import Actor
from tracker.service import Tracker
from ui import context as ctx
from ui import plain_text as pt
from ui.item_panel import flash

P = "settings.mail"


def _attempt(action, done: str, **params: object) -> bool:
    try:
        action()
    except TrackerError as error:
        ctx.show_error(error)
        return False
    flash(ctx.tr(done, **params))
    st.rerun()
    return True


def render(tracker: Tracker, actor: Actor) -> None:
    current = MailSettings.from_settings(tracker.reference.settings)
    _server(tracker, actor, current)
    st.divider()
    _test_message(current)
    st.divider()
    _mailboxes(tracker, actor)
    st.divider()
    _contacts(tracker, actor)
    st.divider()
    render_runs(tracker, actor)


def _server(tracker: Tracker, actor: Actor, current: MailSettings) -> None:
    st.subheader(ctx.tr("mail.settings.server"))
    with st.form(f"{P}.server_form"):
        a = st.columns(3)
        host = a[0].text_input(ctx.tr("field.mail_host"), value=current.host, key=f"{P}.host")
        port = a[1].number_input(
            ctx.tr("field.mail_port"), min_value=1, max_value=65535, value=current.port, step=1, key=f"{P}.port"
        )
        options = list(SECURITY)
        security = a[2].selectbox(
            ctx.tr("field.mail_security"),
            options,
            index=options.index(current.security) if current.security in options else 0,
            format_func=ctx.labels(options, lambda s: ctx.tr(f"mail.security.{s}")),
            key=f"{P}.security",
            placeholder=ctx.tr("widget.choose"),
        )
        b = st.columns(3)
        user = b[0].text_input(ctx.tr("field.mail_user"), value=current.user, key=f"{P}.user")
        sender = b[1].text_input(
            ctx.tr("field.mail_sender"), value=current.sender, placeholder="theodoi@moha.gov.vn", key=f"{P}.sender"
        )
        base_url = b[2].text_input(ctx.tr("field.mail_base_url"), value=current.base_url, key=f"{P}.base_url")
        offsets = st.text_input(
            ctx.tr("field.mail_offsets"),
            value=",".join(str(n) for n in current.offsets),
            help=ctx.tr("mail.settings.offsets_help"),
            key=f"{P}.offsets",
        )
        st.caption(ctx.tr("mail.settings.password_set" if smtp_password() else "mail.settings.password_unset"))
        if st.form_submit_button(ctx.tr("action.save")):

            def save() -> None:
                changed = replace(
                    current,
                    host=host,
                    port=int(port),
                    security=security,
                    user=user,
                    sender=sender,
                    base_url=base_url,
                    offsets=parse_offsets(offsets),
                )
                save_mail_settings(tracker.db, actor, changed)

            _attempt(save, "done.saved")


def _test_message(current: MailSettings) -> None:
    st.subheader(ctx.tr("mail.settings.test"))
    to = st.text_input(ctx.tr("mail.settings.test_to"), placeholder="ten@moha.gov.vn", key=f"{P}.test_to")
    if st.button(ctx.tr("mail.settings.send_test"), key=f"{P}.send_test"):
        if not current.configured:
            st.error(ctx.tr("error.mail_not_configured"), icon=":material/error:")
            return
        try:
            address = directory.check_address(to)
            send_test(current, address, ctx.tr("mail.subject.test"), ctx.tr("mail.body.test", url=current.base_url))
        except TrackerError as error:
            ctx.show_error(error)
        except MailRefused as refused:
            # The server's own words (shown as plain text), or what to check for TLS.
            ctx.show_error(refused.error)
        else:
            st.success(ctx.plain(ctx.tr("cli.mail_test_sent", to=address)), icon=":material/mark_email_read:")


def _mailboxes(tracker: Tracker, actor: Actor) -> None:
    st.subheader(ctx.tr("mail.settings.mailboxes"))
    boxes = directory.load_directory(tracker.db, MailSettings()).mailboxes
    units = [u.code for u in tracker.reference.units]
    if boxes:
        st.dataframe(
            pt.frame(
                {
                    ctx.tr("field.unit"): [tracker.reference.unit_name(u, ctx.lang()) for u in boxes],
                    ctx.tr("field.mailboxes"): [", ".join(a) for a in boxes.values()],
                }
            ),
            hide_index=True,
            key=f"{P}.mailbox_table",
        )
    unit = st.selectbox(
        ctx.tr("field.unit"),
        units,
        format_func=ctx.labels(units, lambda c: tracker.reference.unit_name(c, ctx.lang())),
        key=f"{P}.mailbox_unit",
        placeholder=ctx.tr("widget.choose"),
    )
    text = st.text_input(
        ctx.tr("field.mailboxes"),
        value=", ".join(boxes.get(unit, ())),
        placeholder="vanthu.donvi@moha.gov.vn, lanhdao.donvi@moha.gov.vn",
        help=ctx.tr("mail.settings.mailboxes_help"),
        key=f"{P}.mailbox_addresses.{unit}",
    )
    if st.button(ctx.tr("action.save"), key=f"{P}.save_mailboxes"):
        _attempt(
            lambda: directory.set_unit_mailboxes(tracker.db, actor, unit, directory.parse_addresses(text), units),
            "done.saved",
        )


def _contacts(tracker: Tracker, actor: Actor) -> None:
    st.subheader(ctx.tr("mail.settings.contacts"))
    st.caption(
        ctx.tr("mail.settings.mandatory", reasons=", ".join(ctx.tr(f"mail_reason.{r}") for r in sorted(MANDATORY)))
    )
    names = [u["username"] for u in accounts.list_users(tracker)]
    if not names:
        return
    chosen = st.selectbox(ctx.tr("field.username"), names, key=f"{P}.contact_user", placeholder=ctx.tr("widget.choose"))
    contact = directory.get_contact(tracker.db, chosen)
    with st.form(f"{P}.contact_form.{chosen}"):
        c = st.columns(3)
        email = c[0].text_input(
            ctx.tr("field.email"), value=contact.email if contact else "", key=f"{P}.contact_email.{chosen}"
        )
        langs = ["vi", "en"]
        lang = c[1].selectbox(
            ctx.tr("mail.settings.lang"),
            langs,
            index=langs.index(contact.lang) if contact else 0,
            format_func=ctx.labels(langs, lambda code: ctx.tr(f"mail.lang.{code}")),
            key=f"{P}.contact_lang.{chosen}",
            placeholder=ctx.tr("widget.choose"),
        )
        choosable = [r.value for r in CHOOSABLE]
        receives = c[2].multiselect(
            ctx.tr("mail.settings.receives"),
            choosable,
            default=[r for r in choosable if not contact or r not in contact.muted],
            format_func=ctx.labels(choosable, lambda r: ctx.tr(f"mail_reason.{r}")),
            key=f"{P}.contact_receives.{chosen}",
            placeholder=ctx.tr("widget.choose_many"),
        )
        if st.form_submit_button(ctx.tr("action.save")):
            muted = [r for r in choosable if r not in receives]
            _attempt(lambda: directory.save_contact(tracker.db, actor, chosen, email, lang, muted), "done.saved")


def render_runs(tracker: Tracker, actor: Actor) -> None:
    """The last run, the outbox's failures and "send reminders now": public so that a page the
    Office (liaison) opens can show it too (the settings page is the administrator's)."""
    st.subheader(ctx.tr("mail.settings.runs"))
    counts = remind.outbox_counts(tracker.db)
    st.caption(ctx.tr("mail.settings.outbox", **counts))
    last = remind.last_run(tracker.db)
    if last is None:
        st.info(ctx.tr("mail.settings.no_run"), icon=":material/schedule:")
    else:
        st.info(
            ctx.tr(
                "mail.settings.last_run",
                at=format_datetime(last.ran_at),
                as_of=ctx.fmt(last.as_of),
                queued=last.queued,
                sent=last.sent,
                failed=last.failed,
            ),
            icon=":material/schedule:",
        )
        if last.messages:
            st.dataframe(
                pt.frame(
                    {
                        ctx.tr("field.mailed_to"): [m["to"] for m in last.messages],
                        ctx.tr("field.mail_reason"): [ctx.tr(f"mail_reason.{m['reason']}") for m in last.messages],
                        ctx.tr("mail.settings.subject"): [m["subject"] for m in last.messages],
                        ctx.tr("mail.settings.items"): [len(m["items"]) for m in last.messages],
                    }
                ),
                hide_index=True,
                key=f"{P}.last_run_table",
            )
    problems = [r for r in remind.recent_messages(tracker.db, 200) if r["last_error"]]
    if problems:
        st.warning(ctx.tr("mail.settings.failures", count=len(problems)), icon=":material/warning:")
        st.dataframe(
            pt.frame(
                {
                    ctx.tr("field.mailed_to"): [r["recipient"] for r in problems],
                    ctx.tr("mail.settings.subject"): [r["subject"] for r in problems],
                    ctx.tr("mail.settings.status"): [ctx.tr(f"mail.status.{r['status']}") for r in problems],
                    ctx.tr("mail.settings.attempts"): [r["attempts"] for r in problems],
                    ctx.tr("mail.settings.error"): [r["last_error"] for r in problems],
                }
            ),
            hide_index=True,
            key=f"{P}.failures_table",
        )
    if st.button(ctx.tr("mail.settings.run_now"), key=f"{P}.run_now"):
        today = clock.today()  # the message names the day the run reminded as of
        with st.spinner(ctx.tr("mail.settings.running")):
            try:
                result = remind.run(tracker.db, tracker.reference, actor, today)
            except TrackerError as error:
                ctx.show_error(error)
                return
        d = result.delivery
        flash(
            ctx.tr(
                "cli.remind_done",
                count=len(result.messages),
                as_of=ctx.fmt(today),
                sent=d.sent,
                failed=d.failed,
            )
        )
        st.rerun()
