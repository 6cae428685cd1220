"""Export the pre-session report pack: Excel (summary, register, overdue), the Word report in the
official layout, or CSV; for a session, one unit, or only the items still open."""

from __future__ import annotations

import streamlit as st

from tracker import clock
from tracker.errors import TrackerError
from tracker.export_summary import coordinating_paragraphs
from tracker.exporting import (
    FORMATS,
    MIME_TYPES,
    ExportScope,
    collect,
    filename,
    render,
    scope_lines,
)
from tracker.i18n import LANGUAGES
from tracker.permissions import Role
from tracker.report_text import report_paragraphs
from ui import cached
from ui import context as ctx
from ui import plain_text as pt

P = "export"
tracker = ctx.tracker()
ref = tracker.reference
lang = ctx.lang()
actor = ctx.actor()
st.title(ctx.tr("export.title"))
st.caption(ctx.tr("export.intro"))

with_items = {r.session_id for r in cached.stats(tracker, *cached.key(tracker), clock.today(), None, None)}
if not with_items:
    st.info(ctx.tr("export.empty"), icon=":material/info:")
    st.stop()

# Sessions that have items first, newest first; then the rest.
options = [s.id for s in ref.sessions if s.id in with_items] + [s.id for s in ref.sessions if s.id not in with_items]
c = st.columns([3, 2, 3, 2])
session_id = c[0].selectbox(
    ctx.tr("field.session"),
    options,
    format_func=ctx.labels(options, lambda sid: ref.session(sid).label(lang)),
    key=f"{P}.session",
    placeholder=ctx.tr("widget.choose"),
)
as_of = c[1].date_input(ctx.tr("field.as_of"), value=clock.today(), format=ctx.DATE_FORMAT, key=f"{P}.as_of")
units = [None, *[u.code for u in ref.units]]
own = actor.unit if actor.role == Role.UNIT_OFFICER and actor.unit in units else None
unit = c[2].selectbox(
    ctx.tr("filter.unit"),
    units,
    index=units.index(own),
    format_func=ctx.labels(
        units, lambda code: ctx.tr("export.unit_all") if code is None else ref.unit_name(code, lang)
    ),
    key=f"{P}.unit",
    placeholder=ctx.tr("widget.choose"),
)
only_open = c[3].checkbox(ctx.tr("export.only_open"), key=f"{P}.only_open")

f1, f2, f3 = st.columns([4, 2, 3])
fmt = f1.radio(
    ctx.tr("export.format"),
    list(FORMATS),
    format_func=ctx.labels(FORMATS, lambda f: ctx.tr(f"export.format.{f}")),
    key=f"{P}.format",
)
doc_lang = f2.radio(
    ctx.tr("export.lang"),
    list(LANGUAGES),
    index=list(LANGUAGES).index(lang),
    format_func={"vi": "Tiếng Việt", "en": "English"}.get,
    key=f"{P}.lang",
    disabled=fmt == "csv",
)
number = f3.text_input(ctx.tr("export.number"), placeholder="123/BC-BNV", key=f"{P}.number", disabled=fmt != "docx")

scope = ExportScope(session_id, as_of, unit, only_open)
try:
    # The figures alone on every run (one aggregate); the rows are read only to make the file.
    data = collect(tracker, actor, scope, rows=False)
except TrackerError as error:
    ctx.show_error(error)
    st.stop()

# What the file will say, on screen first.
for line in scope_lines(tracker, data, lang):
    st.caption(pt.md(line))
m = st.columns(4)
m[0].metric(ctx.tr("metric.total"), data.total.total)
m[1].metric(ctx.tr("metric.replied"), f"{data.total.replied}/{data.total.total}")
m[2].metric(ctx.tr("status.overdue"), data.total.overdue)
m[3].metric(ctx.tr("status.transferred"), data.total.transferred)
with st.expander(ctx.tr("export.report_preview"), expanded=fmt == "docx"):
    for paragraph in [*report_paragraphs(data, lang), *coordinating_paragraphs(tracker, data, lang)]:
        pt.text(paragraph)

name = filename(tracker, scope, fmt)
signed_number = number.strip()


def make_file() -> bytes:
    """The file, made when the button is clicked (one click, not make-then-download).

    Streamlit runs it on its own thread and ignores Streamlit calls in it: it reads through the
    tracker only, and the choices above were already checked by the figures' collect."""
    return render(tracker, collect(tracker, actor, scope), fmt, lang=doc_lang, number=signed_number)


st.download_button(
    pt.tr_md("export.download", name=name),
    data=make_file,
    file_name=name,
    mime=MIME_TYPES[fmt],
    key=f"{P}.download",
    type="primary",
    icon=":material/download:",
    on_click="ignore",
)
