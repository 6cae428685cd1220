"""The item's files on its page (issue 12, point 5): every attachment with who added it and when,
offered for download only (never opened or rendered here), and a form to attach the incoming
letter, the signed reply or another document. Drafts and coordinating parts are attached by their
own steps (ui/workflow_forms.py); this form is for the files no step carries.

tracker/attachments.py checks the type by content and the size, stores the bytes by hash and
writes the event; a refusal is shown in the reader's language and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from tracker import attachments, people
from tracker.attachments import Attachment
from tracker.errors import InvalidInput, TrackerError
from tracker.formatting import format_datetime
from tracker.items import Item
from tracker.permissions import Role
from ui import cached
from ui import context as ctx
from ui import plain_text as pt
from ui.item_panel import flash

# What a person attaches here; the other purposes come with their step.
PURPOSES = ("incoming", "signed_reply", "other")


def _size(size_bytes: int) -> str:
    if size_bytes >= 1024 * 1024:
        return ctx.tr("files.size_mb", size=f"{size_bytes / (1024 * 1024):.1f}".replace(".", ","))
    return ctx.tr("files.size_kb", size=max(1, round(size_bytes / 1024)))


def _deferred(found: Attachment) -> Callable[[], bytes]:
    """The bytes are read (and checked against their hash) only when the button is clicked."""
    tracker = ctx.tracker()
    return lambda: attachments.read_bytes(tracker, found)


def render_files(item: Item, key: str) -> None:
    st.subheader(ctx.tr("files.title"), anchor=False)
    found = cached.attachments_of(ctx.tracker(), *cached.key(ctx.tracker()), item.id)
    if not found:
        st.caption(ctx.tr("files.none"))
    names = cached.display_names(ctx.tracker(), *cached.key(ctx.tracker()))
    for i, file in enumerate(found):
        c1, c2 = st.columns([4, 1], vertical_alignment="center")
        with c1:
            when = format_datetime(file.uploaded_at) if file.uploaded_at else "—"
            purpose = ctx.tr(f"purpose.{file.purpose}")
            pt.text(f"{file.name} · {purpose} · {_size(file.size_bytes)} · {people.person(names, file.actor)} · {when}")
        c2.download_button(
            ctx.tr("files.download"),
            data=_deferred(file),
            file_name=file.name,
            mime=file.media_type,
            key=f"{key}.download.{i}",
            icon=":material/download:",
        )
    if ctx.actor().role != Role.VIEWER and item.archived_at is None:
        _attach_form(item, key)


def _attach_form(item: Item, key: str) -> None:
    with (
        st.expander(ctx.tr("files.attach_title"), icon=":material/attach_file:"),
        st.form(f"{key}.attach_form", clear_on_submit=True),
    ):
        purpose = st.selectbox(
            ctx.tr("field.purpose"),
            PURPOSES,
            format_func=ctx.labels(PURPOSES, lambda p: ctx.tr(f"purpose.{p}")),
            key=f"{key}.attach_purpose",
            placeholder=ctx.tr("widget.choose"),
        )
        file = st.file_uploader(
            ctx.tr("field.file"),
            type=["pdf", "docx", "xlsx", "png", "jpg", "jpeg"],
            key=f"{key}.attach_file",
            help=ctx.tr("help.attachment", limit=attachments.MAX_ATTACHMENT_MB),
        )
        if not st.form_submit_button(ctx.tr("files.attach_button"), type="primary"):
            return
        if file is None:
            ctx.show_error(InvalidInput("error.attachment_missing", field="file"))
            return
        try:
            attachments.attach_file(ctx.tracker(), ctx.actor(), item.id, file.name, file.getvalue(), purpose or "other")
        except TrackerError as error:
            ctx.show_error(error)
            return
    flash(ctx.tr("done.file_attached"))
    st.rerun()
