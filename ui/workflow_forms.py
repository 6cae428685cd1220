"""The workflow's forms on the item page (issue 12): one focused form per step — accept, return,
ask for a part, record a part, submit the draft, review, sign, issue, internal deadline,
commitment — written to be registered in the item page's action registry (ui/item_actions.py on
the ws-item branch: ``register(step, label=..., icon=..., render=...)``; see ``FORMS``).

Each render function takes the page's ``ActionForm`` (item, prefix, seen version, actor, tracker)
and calls the one service method; the service's refusal is the protection, the form a courtesy.
What is offered comes from tracker/workflow_rules.py (``offered_steps``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import NamedTuple, Protocol

import streamlit as st

from tracker import attachments, clock
from tracker.errors import Conflict, TrackerError
from tracker.items import Item, Reply, Result
from tracker.permissions import Actor
from tracker.service import Tracker
from tracker.workflow_rules import Step, check, offers
from ui import context as ctx
from ui.item_panel import flash


class FormContext(Protocol):
    """What the page's ActionForm gives a form (a NamedTuple there, duck-typed here)."""

    @property
    def item(self) -> Item: ...
    @property
    def prefix(self) -> str: ...
    @property
    def seen(self) -> int: ...
    @property
    def actor(self) -> Actor: ...
    @property
    def tracker(self) -> Tracker: ...


class WorkflowForm(NamedTuple):
    """The same five fields, for callers without the item page (tests, a bulk page)."""

    item: Item
    prefix: str
    seen: int
    actor: Actor
    tracker: Tracker


def offered_steps(tracker: Tracker, actor: Actor, item_id: int) -> tuple[Step, ...]:
    """The steps this person may take on this item now (the workflow table's answer)."""
    return offers(actor, tracker.workflow(item_id).facts)


def _submit(form: FormContext, label: str, action: Callable[[], object], done: str) -> None:
    """The form's button: the step, then the toast on the same page and a rerun; or the error,
    with what was typed kept. The keys match ui/item_actions.py's (seen version, open form)."""
    if not st.form_submit_button(ctx.tr(label), type="primary"):
        return
    try:
        action()
    except TrackerError as error:
        ctx.show_error(error)
    else:
        st.session_state.pop(f"{form.prefix}.seen_version.{form.item.id}", None)
        st.session_state.pop(f"{form.prefix}.open_action", None)
        flash(ctx.tr(done))
        st.rerun()


def _upload(form: FormContext, name: str, purpose: str, file: object, step: Step) -> str | None:
    """Attach an uploaded file (its own event) and give its hash to the step that names it.

    The step's own checks come first (the service repeats them), so a step refused for its stage,
    its person or a colleague's change meanwhile leaves no file behind."""
    if file is None:
        return None
    check(form.actor, step, form.tracker.workflow(form.item.id).facts)
    now = form.tracker.get_item(form.item.id).version
    if now != form.seen:
        raise Conflict("error.stale_item", value=str(form.item.id), seen=form.seen, now=now)
    getvalue = getattr(file, "getvalue", None)
    data: bytes = getvalue() if callable(getvalue) else b""
    return attachments.attach_file(form.tracker, form.actor, form.item.id, name, data, purpose).sha256


def _file_name(file: object) -> str:
    return str(getattr(file, "name", ""))


def _file_input(form: FormContext, key: str) -> object:
    return st.file_uploader(
        ctx.tr("field.file"),
        type=["pdf", "docx", "xlsx", "png", "jpg", "jpeg"],
        key=f"{form.prefix}.{key}",
        help=ctx.tr("help.attachment", limit=attachments.MAX_ATTACHMENT_MB),
    )


def accept_form(form: FormContext) -> None:
    with st.form(f"{form.prefix}.wf_accept_form"):
        st.markdown(f"**{ctx.tr('step_title.accept')}**")
        officer = st.text_input(ctx.tr("field.officer"), key=f"{form.prefix}.wf_accept_officer")
        note = st.text_input(ctx.tr("field.note"), key=f"{form.prefix}.wf_accept_note")
        _submit(
            form,
            "step_button.accept",
            lambda: form.tracker.accept(form.actor, form.item.id, form.seen, note, officer),
            "done.accepted",
        )


def return_form(form: FormContext) -> None:
    with st.form(f"{form.prefix}.wf_return_form"):
        st.markdown(f"**{ctx.tr('step_title.return')}**")
        reason = st.text_area(
            ctx.tr("field.reason"), key=f"{form.prefix}.wf_return_reason", placeholder=ctx.tr("placeholder.return")
        )
        _submit(
            form,
            "step_button.return",
            lambda: form.tracker.return_item(form.actor, form.item.id, form.seen, reason),
            "done.returned",
        )


def request_part_form(form: FormContext) -> None:
    units = list(form.item.coordinating_units)
    lang = ctx.lang()
    with st.form(f"{form.prefix}.wf_part_request_form"):
        st.markdown(f"**{ctx.tr('step_title.request_part')}**")
        unit = st.selectbox(
            ctx.tr("field.unit"),
            units,
            format_func=ctx.labels(units, lambda c: form.tracker.reference.unit_name(c, lang)),
            key=f"{form.prefix}.wf_part_unit",
            placeholder=ctx.tr("widget.choose"),
        )
        due_on = st.date_input(
            ctx.tr("field.part_due_on"), value=clock.today(), format=ctx.DATE_FORMAT, key=f"{form.prefix}.wf_part_due"
        )
        text = st.text_area(ctx.tr("field.part_request"), key=f"{form.prefix}.wf_part_request")
        _submit(
            form,
            "step_button.request_part",
            lambda: form.tracker.request_part(form.actor, form.item.id, form.seen, unit or "", _day(due_on), text),
            "done.part_requested",
        )


def record_part_form(form: FormContext) -> None:
    with st.form(f"{form.prefix}.wf_part_form"):
        st.markdown(f"**{ctx.tr('step_title.record_part')}**")
        text = st.text_area(ctx.tr("field.part_text"), key=f"{form.prefix}.wf_part_text")
        file = _file_input(form, "wf_part_file")

        def act() -> int:
            sha = _upload(form, _file_name(file), "part", file, Step.RECORD_PART)
            return form.tracker.record_part(form.actor, form.item.id, form.seen, text, sha)

        _submit(form, "step_button.record_part", act, "done.part_received")


def submit_draft_form(form: FormContext) -> None:
    with st.form(f"{form.prefix}.wf_draft_form"):
        st.markdown(f"**{ctx.tr('step_title.submit_draft')}**")
        text = st.text_area(ctx.tr("field.draft_text"), key=f"{form.prefix}.wf_draft_text", height=200)
        file = _file_input(form, "wf_draft_file")

        def act() -> int:
            sha = _upload(form, _file_name(file), "draft", file, Step.SUBMIT_DRAFT)
            return form.tracker.submit_draft(form.actor, form.item.id, form.seen, text, sha)

        _submit(form, "step_button.submit_draft", act, "done.draft_submitted")


def review_form(form: FormContext) -> None:
    with st.form(f"{form.prefix}.wf_review_form"):
        st.markdown(f"**{ctx.tr('step_title.review')}**")
        decisions = ["approve", "send_back"]
        decision = st.radio(
            ctx.tr("field.review_decision"),
            decisions,
            format_func=ctx.labels(decisions, lambda d: ctx.tr(f"review.{d}")),
            key=f"{form.prefix}.wf_review_decision",
            horizontal=True,
        )
        comment = st.text_area(ctx.tr("field.comment"), key=f"{form.prefix}.wf_review_comment")
        _submit(
            form,
            "step_button.review",
            lambda: form.tracker.review(form.actor, form.item.id, form.seen, decision == "approve", comment),
            "done.reviewed",
        )


def sign_form(form: FormContext) -> None:
    with st.form(f"{form.prefix}.wf_sign_form"):
        st.markdown(f"**{ctx.tr('step_title.sign')}**")
        signer = st.text_input(ctx.tr("field.signer"), key=f"{form.prefix}.wf_sign_signer")
        on = st.date_input(
            ctx.tr("field.signed_on"), value=clock.today(), format=ctx.DATE_FORMAT, key=f"{form.prefix}.wf_sign_on"
        )
        _submit(
            form,
            "step_button.sign",
            lambda: form.tracker.sign(form.actor, form.item.id, form.seen, signer, _day(on)),
            "done.signed",
        )


def issue_form(form: FormContext) -> None:
    """Today's reply form as the last step: number, date, signer, result (and a roadmap)."""
    with st.form(f"{form.prefix}.wf_issue_form"):
        st.markdown(f"**{ctx.tr('step_title.issue')}**")
        c1, c2 = st.columns(2)
        number = c1.text_input(
            ctx.tr("field.response_no"), placeholder="902/BNV-CQĐP", key=f"{form.prefix}.wf_issue_no"
        )
        on = c2.date_input(
            ctx.tr("field.responded_on"), value=clock.today(), format=ctx.DATE_FORMAT, key=f"{form.prefix}.wf_issue_on"
        )
        signer = st.text_input(ctx.tr("field.signer"), key=f"{form.prefix}.wf_issue_signer")
        summary = st.text_area(ctx.tr("field.response_summary"), key=f"{form.prefix}.wf_issue_summary")
        results = [r.value for r in Result]
        result = st.radio(
            ctx.tr("field.result"),
            results,
            format_func=ctx.labels(results, lambda r: ctx.tr(f"result.{r}")),
            key=f"{form.prefix}.wf_issue_result",
            index=None,
        )
        roadmap = st.text_area(ctx.tr("field.roadmap"), key=f"{form.prefix}.wf_issue_roadmap")
        committed = st.date_input(
            ctx.tr("field.committed_on"), value=None, format=ctx.DATE_FORMAT, key=f"{form.prefix}.wf_issue_committed"
        )
        late_reason = st.text_input(ctx.tr("field.late_reason"), key=f"{form.prefix}.wf_issue_late")

        def act() -> int:
            reply = Reply(
                number,
                _day(on),
                signer,
                summary,
                Result(result) if result else None,
                roadmap,
                committed if isinstance(committed, date) else None,
                late_reason,
            )
            return form.tracker.issue(form.actor, form.item.id, form.seen, reply)

        _submit(form, "step_button.issue", act, "done.issued")


def internal_deadline_form(form: FormContext) -> None:
    view = form.tracker.workflow(form.item.id)
    with st.form(f"{form.prefix}.wf_internal_form"):
        st.markdown(f"**{ctx.tr('step_title.set_internal_deadline')}**")
        st.caption(ctx.tr("workflow.internal_now", day=ctx.fmt(view.internal_due_on), legal=ctx.fmt(form.item.due_on)))
        on = st.date_input(
            ctx.tr("field.internal_due_on"),
            value=view.internal_due_on,
            format=ctx.DATE_FORMAT,
            key=f"{form.prefix}.wf_internal_on",
        )
        back = st.checkbox(ctx.tr("workflow.internal_default"), key=f"{form.prefix}.wf_internal_default")
        reason = st.text_input(ctx.tr("field.reason"), key=f"{form.prefix}.wf_internal_reason")
        _submit(
            form,
            "step_button.set_internal_deadline",
            lambda: form.tracker.set_internal_deadline(
                form.actor, form.item.id, form.seen, None if back else _day(on), reason
            ),
            "done.internal_deadline_set",
        )


def commitment_form(form: FormContext) -> None:
    with st.form(f"{form.prefix}.wf_commitment_form"):
        st.markdown(f"**{ctx.tr('step_title.record_commitment')}**")
        done = st.checkbox(ctx.tr("workflow.commitment_done"), key=f"{form.prefix}.wf_commitment_done")
        on = st.date_input(
            ctx.tr("field.commitment_on"),
            value=clock.today(),
            format=ctx.DATE_FORMAT,
            key=f"{form.prefix}.wf_commitment_on",
        )
        document_no = st.text_input(ctx.tr("field.document_no"), key=f"{form.prefix}.wf_commitment_doc")
        note = st.text_area(ctx.tr("field.note"), key=f"{form.prefix}.wf_commitment_note")
        _submit(
            form,
            "step_button.record_commitment",
            lambda: form.tracker.record_commitment(
                form.actor, form.item.id, form.seen, done=done, on=_day(on), note=note, document_no=document_no
            ),
            "done.commitment_recorded",
        )


def _day(value: object) -> date:
    """A date_input's value as a date (a cleared one becomes a date the service refuses)."""
    return value if isinstance(value, date) else date.min


# step -> (label key, Material icon, render): what the item page registers.
FORMS: dict[Step, tuple[str, str, Callable[[FormContext], None]]] = {
    Step.ACCEPT: ("step.accept_label", ":material/task_alt:", accept_form),
    Step.RETURN: ("step.return_label", ":material/undo:", return_form),
    Step.REQUEST_PART: ("step.request_part_label", ":material/group_add:", request_part_form),
    Step.RECORD_PART: ("step.record_part_label", ":material/forum:", record_part_form),
    Step.SUBMIT_DRAFT: ("step.submit_draft_label", ":material/upload_file:", submit_draft_form),
    Step.REVIEW: ("step.review_label", ":material/rate_review:", review_form),
    Step.SIGN: ("step.sign_label", ":material/draw:", sign_form),
    Step.ISSUE: ("step.issue_label", ":material/send:", issue_form),
    Step.SET_INTERNAL_DEADLINE: ("step.set_internal_deadline_label", ":material/event:", internal_deadline_form),
    Step.RECORD_COMMITMENT: ("step.record_commitment_label", ":material/fact_check:", commitment_form),
}
