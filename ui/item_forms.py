"""The built-in item actions (tracker/lifecycle.py's verbs), registered on the item page's
action row (ui/item_actions.py explains the contract). One focused form per verb; a reply and its
correction share the reply form, archive and restore theirs."""

from __future__ import annotations

import streamlit as st

from tracker import clock, lifecycle
from tracker.items import PHASES_BY_KIND, ArchiveReason, Reply, Result
from tracker.lifecycle import Verb
from ui import context as ctx
from ui.item_actions import ActionForm, action_form, register, submit


def _assign_form(form: ActionForm) -> None:
    item, prefix, seen, actor, tracker = form
    ref = tracker.reference
    lang = ctx.lang()
    units_of_item = lifecycle.facts_of_item(item).units
    unit_codes = [u.code for u in ref.units if u.active_to is None or u.code in units_of_item]

    def unit_name(code: str) -> str:
        return ref.unit_name(code, lang)

    with action_form(form, "assign", "action.assign"):
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
        submit(
            form,
            "action.save",
            lambda: tracker.assign(actor, item.id, seen, lead, tuple(coordinating), reason),
            "done.assigned",
        )


def _reply_form(form: ActionForm) -> None:
    """The first reply, or its correction: one form over the stored reply."""
    item, prefix, seen, actor, tracker = form
    current = item.reply
    with action_form(form, "reply", "action.reply"):
        c1, c2 = st.columns(2)
        response_no = c1.text_input(
            ctx.tr("field.response_no"),
            value=current.response_no if current else "",
            placeholder="902/BNV-CQĐP",
            key=f"{prefix}.reply_no",
        )
        responded_on = c2.date_input(
            ctx.tr("field.responded_on"),
            value=current.responded_on if current else clock.today(),
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
        submit(form, "action.save_reply", lambda: tracker.record_reply(actor, item.id, seen, reply), "done.replied")


def _progress_form(form: ActionForm) -> None:
    item, prefix, _, actor, tracker = form
    with action_form(form, "progress", clear_on_submit=True):
        note = st.text_area(ctx.tr("action.progress"), key=f"{prefix}.progress_note")
        submit(form, "action.add_note", lambda: tracker.record_progress(actor, item.id, note), "done.progress")


def _deadline_form(form: ActionForm) -> None:
    item, prefix, seen, actor, tracker = form
    with action_form(form, "deadline", "action.override_deadline"):
        due_on = st.date_input(
            ctx.tr("field.due_on"), value=item.due_on, format=ctx.DATE_FORMAT, key=f"{prefix}.deadline_date"
        )
        reason = st.text_input(ctx.tr("field.override_reason"), key=f"{prefix}.deadline_reason")
        submit(
            form,
            "action.save",
            lambda: tracker.override_deadline(actor, item.id, seen, due_on, reason),
            "done.deadline",
        )


def _edit_form(form: ActionForm) -> None:
    item, prefix, seen, actor, tracker = form
    with action_form(form, "edit", "action.edit"):
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
        submit(
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


def _undo_transfer_form(form: ActionForm) -> None:
    item, prefix, seen, actor, tracker = form
    with action_form(form, "undo_transfer", "action.undo_transfer"):
        reason = st.text_input(ctx.tr("field.reason"), key=f"{prefix}.undo_transfer_reason")
        submit(
            form,
            "action.undo_transfer",
            lambda: tracker.undo_transfer(actor, item.id, seen, reason),
            "done.transferred",
        )


def _transfer_form(form: ActionForm) -> None:
    item, prefix, seen, actor, tracker = form
    with action_form(form, "transfer", "action.transfer"):
        on = st.date_input(
            ctx.tr("field.transferred_on"), value=clock.today(), format=ctx.DATE_FORMAT, key=f"{prefix}.transfer_date"
        )
        note = st.text_input(ctx.tr("field.transfer_note"), key=f"{prefix}.transfer_note")
        submit(form, "action.transfer", lambda: tracker.transfer(actor, item.id, seen, on, note), "done.transferred")


def _archive_form(form: ActionForm) -> None:
    """Archive an item, or restore an archived one: one form, labelled by the item's state."""
    item, prefix, seen, actor, tracker = form
    archived = item.archived_at is not None
    verb = "action.restore" if archived else "action.archive"
    with action_form(form, "archive", verb):
        why = None
        if not archived:  # the kind decides whether past figures still count it (issue 9)
            why = st.radio(
                ctx.tr("field.archive_reason"),
                [k.value for k in ArchiveReason],
                format_func=ctx.labels([k.value for k in ArchiveReason], lambda k: ctx.tr(f"archive_reason.{k}")),
                key=f"{prefix}.archive_kind",
            )
        reason = st.text_input(ctx.tr("field.reason"), key=f"{prefix}.archive_reason")
        submit(
            form,
            verb,
            lambda: tracker.set_archived(actor, item.id, seen, not archived, reason, why or ArchiveReason.OTHER),
            "done.archived",
        )


register(Verb.ASSIGN, label="action.assign", icon=":material/assignment_ind:", render=_assign_form)
register(Verb.REPLY, label="action.reply", icon=":material/reply:", render=_reply_form)
register(Verb.CORRECT_REPLY, label="action.correct_reply", icon=":material/edit_note:", render=_reply_form)
register(Verb.RECORD_PROGRESS, label="action.progress", icon=":material/note_add:", render=_progress_form)
register(Verb.OVERRIDE_DEADLINE, label="action.override_deadline", icon=":material/event:", render=_deadline_form)
register(Verb.EDIT, label="action.edit", icon=":material/edit:", render=_edit_form)
register(Verb.UNDO_TRANSFER, label="action.undo_transfer", icon=":material/undo:", render=_undo_transfer_form)
register(Verb.TRANSFER, label="action.transfer", icon=":material/forward:", render=_transfer_form)
register(Verb.ARCHIVE, label="action.archive", icon=":material/inventory_2:", render=_archive_form)
register(Verb.RESTORE, label="action.restore", icon=":material/unarchive:", render=_archive_form)
