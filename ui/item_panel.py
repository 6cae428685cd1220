"""One item: everything about it, its history, and what the user may do with it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import NamedTuple

import streamlit as st

from tracker import lifecycle, people
from tracker.audit import describe_changes
from tracker.errors import TrackerError
from tracker.formatting import format_datetime
from tracker.items import PHASES_BY_KIND, ArchiveReason, Item, Reply, Result
from tracker.lifecycle import Verb
from tracker.permissions import Actor
from tracker.service import Tracker
from tracker.status import derive_status
from ui import context as ctx
from ui import plain_text as pt
from ui.context import plain

FLASH_KEY = "app.flash"


def flash(message: str) -> None:
    """``message`` is catalog text with numbers only (it is shown as Markdown): quote nothing typed."""
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def _units_text(codes: tuple[str, ...]) -> str:
    ref = ctx.tracker().reference
    return ", ".join(ref.unit_name(c, ctx.lang()) for c in codes) or "—"


def render_item(item_id: int, prefix: str) -> None:
    # Every widget key carries the item id: a keyed widget keeps its value across reruns, so a
    # shared key would carry one item's reply into the next item's form.
    prefix = f"{prefix}.{item_id}"
    tracker = ctx.tracker()
    try:
        item = tracker.get_item(item_id)
    except TrackerError as error:
        ctx.show_error(error)
        return
    ref = tracker.reference
    lang = ctx.lang()
    session = ref.session(item.session_id)
    status = derive_status(
        due_on=item.due_on,
        responded_on=item.reply.responded_on if item.reply else None,
        transferred_on=item.transferred_on,
        as_of=date.today(),
    )
    st.subheader(ctx.tr("item.heading", id=item.id, kind=ctx.kind_label(item.kind)))
    if item.archived_at is not None:
        st.warning(ctx.tr("item.archived_banner"), icon=":material/inventory_2:")
    st.caption(plain(f"{session.label(lang)} · {ctx.phase_label(item.phase)} · {ctx.status_label(status)}"))

    info, history, actions = st.tabs([ctx.tr("item.tab_info"), ctx.tr("item.tab_history"), ctx.tr("item.tab_actions")])
    with info:
        _render_info(item)
    with history:
        _render_history(item)
    with actions:
        _render_actions(item, prefix)


def _render_info(item: Item) -> None:
    # Every value here was typed by someone: a catalog label over plain text (ui.plain_text).
    ref = ctx.tracker().reference
    lang = ctx.lang()
    left, right = st.columns(2)
    with left:
        pt.field(ctx.tr("field.summary"), item.summary)
        if item.full_text:
            with st.expander(ctx.tr("field.full_text")):
                pt.text(item.full_text)
        pt.field(ctx.tr("field.ref_no"), item.ref_no)
        pt.field(ctx.tr("field.received_on"), ctx.fmt(item.received_on))
        if item.sources:
            pt.field(ctx.tr("field.sources"), "; ".join(item.sources))
        if item.deputy:
            pt.field(ctx.tr("field.deputy"), item.deputy)
        if item.topic:
            pt.field(ctx.tr("field.topic"), item.topic)
    with right:
        lead = ref.unit_name(item.lead_unit, lang) if item.lead_unit else ctx.tr("item.unassigned")
        pt.field(ctx.tr("field.lead_unit"), lead)
        pt.field(ctx.tr("field.coordinating_units"), _units_text(item.coordinating_units))
        pt.field(ctx.tr("field.due_on"), ctx.fmt(item.due_on))
        pt.text(item.due_basis)
        if item.due_override_reason:
            pt.field(ctx.tr("field.override_reason"), item.due_override_reason)
        if item.reply:
            r = item.reply
            pt.field(ctx.tr("item.reply"), f"{r.response_no} · {ctx.fmt(r.responded_on)} · {r.signer}")
            pt.field(ctx.tr("field.result"), ctx.result_label(r.result))
            if r.summary:
                pt.text(r.summary)
            if r.result == Result.BEING_RESOLVED:
                pt.field(ctx.tr("field.roadmap"), f"{r.roadmap} ({ctx.fmt(r.committed_on)})")
            if r.late_reason:
                pt.field(ctx.tr("field.late_reason"), r.late_reason)
        if item.transferred_on:
            pt.field(ctx.tr("status.transferred"), f"{ctx.fmt(item.transferred_on)} — {item.transfer_note}")


def _render_history(item: Item) -> None:
    events = ctx.tracker().history(item.id)
    if not events:
        st.caption(ctx.tr("item.no_history"))
    names = people.display_names(ctx.tracker())
    for event in events:
        when = format_datetime(event.at)
        lines = [f"{when} · {people.person(names, event.actor)} · {ctx.tr(f'event.{event.action}')}"]
        if event.changes:
            lines.append(describe_changes(event.changes, ctx.lang(), ctx.tracker().reference))
        if event.reason:
            lines.append(f"{ctx.tr('field.reason')}: {event.reason}")
        pt.text("\n".join(lines))


def _seen_key(prefix: str, item_id: int) -> str:
    return f"{prefix}.seen_version.{item_id}"


def _render_actions(item: Item, prefix: str) -> None:
    """Edits carry the version the user first saw, so a colleague's change in between is never
    overwritten: the service refuses it (Conflict) and says what changed meanwhile."""
    seen_key = _seen_key(prefix, item.id)
    seen = st.session_state.setdefault(seen_key, item.version)
    if seen != item.version:
        st.warning(ctx.tr("item.changed_meanwhile"), icon=":material/sync_problem:")
        if st.button(ctx.tr("item.reload"), key=f"{prefix}.reload"):
            st.session_state.pop(seen_key, None)
            st.rerun()
    actor = ctx.actor()
    # What tracker/lifecycle.py allows: the same table the service refuses by.
    offered = lifecycle.offers(actor, lifecycle.facts_of_item(item))
    form = _Form(item, prefix, seen, actor, ctx.tracker())
    for verb in offered:
        _FORMS[verb](form)
    if not offered:
        st.caption(ctx.tr("item.read_only"))


class _Form(NamedTuple):
    """What every action form needs: the item, its key prefix, the version seen, who acts, where."""

    item: Item
    prefix: str
    seen: int
    actor: Actor
    tracker: Tracker


@contextmanager
def _action_form(form: _Form, name: str, title: str | None = None, *, clear_on_submit: bool = False) -> Iterator[None]:
    """The shape every action form shares: ``st.form("{prefix}.{name}_form")`` under a bold title."""
    with st.form(f"{form.prefix}.{name}_form", clear_on_submit=clear_on_submit):
        if title:
            st.markdown(f"**{ctx.tr(title)}**")
        yield


def _submit(form: _Form, label: str, action: Callable[[], object], done: str) -> None:
    """The form's button: on submit, the action, then its flash (or the error it raised)."""
    if not st.form_submit_button(ctx.tr(label)):
        return
    try:
        result = action()
    except TrackerError as error:
        ctx.show_error(error)
    else:
        st.session_state.pop(_seen_key(form.prefix, form.item.id), None)  # the next view starts from the new version
        # A write that changed nothing returns the version it found (and logged no event).
        flash(ctx.tr("done.no_change" if result == form.seen else done))
        st.rerun()


def _assign_form(form: _Form) -> None:
    item, prefix, seen, actor, tracker = form
    ref = tracker.reference
    lang = ctx.lang()
    units_of_item = lifecycle.facts_of_item(item).units
    unit_codes = [u.code for u in ref.units if u.active_to is None or u.code in units_of_item]

    def unit_name(code: str) -> str:
        return ref.unit_name(code, lang)

    with _action_form(form, "assign", "action.assign"):
        lead = st.selectbox(
            ctx.tr("field.lead_unit"),
            unit_codes,
            format_func=ctx.labels(unit_codes, unit_name),
            key=f"{prefix}.assign_lead",
            index=unit_codes.index(item.lead_unit) if item.lead_unit in unit_codes else None,
            placeholder=ctx.tr("widget.choose"),
        )
        coordinating = st.multiselect(
            ctx.tr("field.coordinating_units"),
            unit_codes,
            default=[c for c in item.coordinating_units if c in unit_codes],
            format_func=ctx.labels(unit_codes, unit_name),
            key=f"{prefix}.assign_coordinating",
            placeholder=ctx.tr("widget.choose_many"),
        )
        reason = st.text_input(
            ctx.tr("field.reason"), key=f"{prefix}.assign_reason", help=ctx.tr("help.transfer_reason")
        )
        _submit(
            form,
            "action.save",
            lambda: tracker.assign(actor, item.id, seen, lead, tuple(coordinating), reason),
            "done.assigned",
        )


def _reply_form(form: _Form) -> None:
    """The first reply, or its correction: one form over the stored reply."""
    item, prefix, seen, actor, tracker = form
    current = item.reply
    with _action_form(form, "reply", "action.reply"):
        c1, c2 = st.columns(2)
        response_no = c1.text_input(
            ctx.tr("field.response_no"),
            value=current.response_no if current else "",
            placeholder="902/BNV-CQĐP",
            key=f"{prefix}.reply_no",
        )
        responded_on = c2.date_input(
            ctx.tr("field.responded_on"),
            value=current.responded_on if current else "today",
            format=ctx.DATE_FORMAT,
            key=f"{prefix}.reply_date",
        )
        signer = st.text_input(
            ctx.tr("field.signer"), value=current.signer if current else "", key=f"{prefix}.reply_signer"
        )
        summary = st.text_area(
            ctx.tr("field.response_summary"),
            value=current.summary if current else "",
            key=f"{prefix}.reply_summary",
        )
        results = [r.value for r in Result]
        result = st.radio(
            ctx.tr("field.result"),
            results,
            format_func=ctx.labels(results, ctx.result_label),
            key=f"{prefix}.reply_result",
            index=results.index(current.result) if current else None,
        )
        roadmap = st.text_input(
            ctx.tr("field.roadmap"),
            value=current.roadmap if current else "",
            help=ctx.tr("help.roadmap"),
            key=f"{prefix}.reply_roadmap",
        )
        committed_on = st.date_input(
            ctx.tr("field.committed_on"),
            value=current.committed_on if current else None,
            format=ctx.DATE_FORMAT,
            key=f"{prefix}.reply_committed",
        )
        late_reason = st.text_input(
            ctx.tr("field.late_reason"),
            value=current.late_reason if current else "",
            help=ctx.tr("help.late_reason", due=ctx.fmt(item.due_on)),
            key=f"{prefix}.reply_late",
        )
        reply = Reply(response_no, responded_on, signer, summary, result or "", roadmap, committed_on, late_reason)
        _submit(form, "action.save_reply", lambda: tracker.record_reply(actor, item.id, seen, reply), "done.replied")


def _progress_form(form: _Form) -> None:
    item, prefix, _, actor, tracker = form
    with _action_form(form, "progress", clear_on_submit=True):
        note = st.text_area(ctx.tr("action.progress"), key=f"{prefix}.progress_note")
        _submit(form, "action.add_note", lambda: tracker.record_progress(actor, item.id, note), "done.progress")


def _deadline_form(form: _Form) -> None:
    item, prefix, seen, actor, tracker = form
    with _action_form(form, "deadline", "action.override_deadline"):
        due_on = st.date_input(
            ctx.tr("field.due_on"), value=item.due_on, format=ctx.DATE_FORMAT, key=f"{prefix}.deadline_date"
        )
        reason = st.text_input(ctx.tr("field.override_reason"), key=f"{prefix}.deadline_reason")
        _submit(
            form,
            "action.save",
            lambda: tracker.override_deadline(actor, item.id, seen, due_on, reason),
            "done.deadline",
        )


def _edit_form(form: _Form) -> None:
    item, prefix, seen, actor, tracker = form
    with _action_form(form, "edit", "action.edit"):
        phases = [p.value for p in PHASES_BY_KIND[item.kind]]
        c1, c2 = st.columns(2)
        phase = c1.selectbox(
            ctx.tr("field.phase"),
            phases,
            index=phases.index(item.phase),
            format_func=ctx.labels(phases, ctx.phase_label),
            key=f"{prefix}.edit_phase",
            placeholder=ctx.tr("widget.choose"),
        )
        ref_no = c2.text_input(ctx.tr("field.ref_no"), value=item.ref_no, key=f"{prefix}.edit_ref_no")
        sources = st.text_input(ctx.tr("field.sources"), value="; ".join(item.sources), key=f"{prefix}.edit_sources")
        deputy = st.text_input(ctx.tr("field.deputy"), value=item.deputy, key=f"{prefix}.edit_deputy")
        topic = st.text_input(ctx.tr("field.topic"), value=item.topic, key=f"{prefix}.edit_topic")
        summary = st.text_area(ctx.tr("field.summary"), value=item.summary, key=f"{prefix}.edit_summary")
        full_text = st.text_area(ctx.tr("field.full_text"), value=item.full_text, key=f"{prefix}.edit_full_text")
        reason = st.text_input(ctx.tr("field.reason"), key=f"{prefix}.edit_reason")
        _submit(
            form,
            "action.save",
            lambda: tracker.edit_item(
                actor,
                item.id,
                seen,
                phase=phase,
                ref_no=ref_no,
                sources=tuple(x.strip() for x in sources.split(";") if x.strip()),
                deputy=deputy,
                summary=summary,
                full_text=full_text,
                topic=topic,
                reason=reason,
            ),
            "done.edited",
        )


def _undo_transfer_form(form: _Form) -> None:
    item, prefix, seen, actor, tracker = form
    with _action_form(form, "undo_transfer", "action.undo_transfer"):
        reason = st.text_input(ctx.tr("field.reason"), key=f"{prefix}.undo_transfer_reason")
        _submit(
            form,
            "action.undo_transfer",
            lambda: tracker.undo_transfer(actor, item.id, seen, reason),
            "done.transferred",
        )


def _transfer_form(form: _Form) -> None:
    item, prefix, seen, actor, tracker = form
    with _action_form(form, "transfer", "action.transfer"):
        on = st.date_input(
            ctx.tr("field.transferred_on"), value="today", format=ctx.DATE_FORMAT, key=f"{prefix}.transfer_date"
        )
        note = st.text_input(ctx.tr("field.transfer_note"), key=f"{prefix}.transfer_note")
        _submit(form, "action.transfer", lambda: tracker.transfer(actor, item.id, seen, on, note), "done.transferred")


def _archive_form(form: _Form) -> None:
    """Archive an item, or restore an archived one: one form, labelled by the item's state."""
    item, prefix, seen, actor, tracker = form
    archived = item.archived_at is not None
    verb = "action.restore" if archived else "action.archive"
    with _action_form(form, "archive", verb):
        why = None
        if not archived:  # the kind decides whether past figures still count it (issue 9)
            why = st.radio(
                ctx.tr("field.archive_reason"),
                [k.value for k in ArchiveReason],
                format_func=ctx.labels([k.value for k in ArchiveReason], lambda k: ctx.tr(f"archive_reason.{k}")),
                key=f"{prefix}.archive_kind",
            )
        reason = st.text_input(ctx.tr("field.reason"), key=f"{prefix}.archive_reason")
        _submit(
            form,
            verb,
            lambda: tracker.set_archived(actor, item.id, seen, not archived, reason, why or ArchiveReason.OTHER),
            "done.archived",
        )


# One form per verb; a reply and its correction share the reply form, archive and restore theirs.
_FORMS: dict[Verb, Callable[[_Form], None]] = {
    Verb.ASSIGN: _assign_form,
    Verb.REPLY: _reply_form,
    Verb.CORRECT_REPLY: _reply_form,
    Verb.RECORD_PROGRESS: _progress_form,
    Verb.OVERRIDE_DEADLINE: _deadline_form,
    Verb.EDIT: _edit_form,
    Verb.UNDO_TRANSFER: _undo_transfer_form,
    Verb.TRANSFER: _transfer_form,
    Verb.ARCHIVE: _archive_form,
    Verb.RESTORE: _archive_form,
}
