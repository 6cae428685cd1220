"""Enter a voter recommendation or a deputy's question; the deadline is computed and explained."""

from __future__ import annotations

import streamlit as st

from tracker import clock
from tracker.errors import InvalidInputs, TrackerError
from tracker.items import PHASES_BY_KIND, Kind
from tracker.service import ItemDraft
from ui import context as ctx
from ui import plain_text as pt
from ui import similar_intake
from ui.item_panel import flash, show_flash

P = "new_item"
tracker = ctx.tracker()
ref = tracker.reference
lang = ctx.lang()
st.title(ctx.tr("new_item.title"))
show_flash()

kind = st.radio(
    ctx.tr("field.kind"),
    [k.value for k in Kind],
    format_func=ctx.labels(list(Kind), ctx.kind_label),
    horizontal=True,
    key=f"{P}.kind",
)
c1, c2, c3 = st.columns(3)
session_id = c1.selectbox(
    ctx.tr("field.session"),
    [s.id for s in ref.sessions],
    format_func=ctx.labels([s.id for s in ref.sessions], lambda sid: ref.session(sid).label(lang)),
    key=f"{P}.session",
    placeholder=ctx.tr("widget.choose"),
)
phase = c2.selectbox(
    ctx.tr("field.phase"),
    [p.value for p in PHASES_BY_KIND[Kind(kind)]],
    format_func=ctx.labels(list(PHASES_BY_KIND[Kind(kind)]), ctx.phase_label),
    key=f"{P}.phase",
    placeholder=ctx.tr("widget.choose"),
)
received_on = c3.date_input(
    ctx.tr("field.received_on"), value=clock.today(), format=ctx.DATE_FORMAT, key=f"{P}.received_on"
)

c4, c5 = st.columns(2)
ref_no = c4.text_input(ctx.tr("field.ref_no"), key=f"{P}.ref_no", placeholder="1234/BDN")
topic = c5.text_input(ctx.tr("field.topic"), key=f"{P}.topic")
if kind == Kind.DEPUTY_QUESTION:
    c6, c7 = st.columns(2)
    deputy = c6.text_input(ctx.tr("field.deputy"), key=f"{P}.deputy")
    delegation = c7.text_input(ctx.tr("field.delegation"), key=f"{P}.delegation", placeholder="Đoàn ĐBQH tỉnh …")
    sources = (delegation,) if delegation.strip() else ()
else:
    deputy = ""
    raw_sources = st.text_area(
        ctx.tr("field.sources"),
        key=f"{P}.sources",
        help=ctx.tr("help.sources"),
        placeholder="Cử tri tỉnh Nghệ An; Cử tri TP. Hà Nội",
    )
    sources = tuple(s.strip() for s in raw_sources.replace("\n", ";").split(";") if s.strip())
summary = st.text_area(ctx.tr("field.summary"), key=f"{P}.summary", max_chars=2000)
full_text = st.text_area(ctx.tr("field.full_text"), key=f"{P}.full_text", height=150)
similar_intake.show_for_text(summary, key=f"{P}.similar")  # issue 14: earlier occurrences, read-only

unit_codes = [
    u.code for u in ref.units if received_on is None or u.is_active_on(received_on) or u.is_active_on(clock.today())
]
c8, c9 = st.columns(2)
lead_unit = c8.selectbox(
    ctx.tr("field.lead_unit"),
    unit_codes,
    index=None,
    format_func=ctx.labels(unit_codes, lambda code: ref.unit_name(code, lang)),
    placeholder=ctx.tr("new_item.choose_unit"),
    key=f"{P}.lead_unit",
)
coordinating = c9.multiselect(
    ctx.tr("field.coordinating_units"),
    [u for u in unit_codes if u != lead_unit],
    format_func=ctx.labels(unit_codes, lambda code: ref.unit_name(code, lang)),
    key=f"{P}.coordinating",
    placeholder=ctx.tr("widget.choose_many"),
)

due_on = None
reason = ""
if received_on is not None:
    try:
        deadline = tracker.deadline_for(kind, received_on)
    except TrackerError as error:
        ctx.show_error(error)
    else:
        # The explanation names calendar days off, whose notes an administrator typed.
        st.info(
            f"**{ctx.tr('field.due_on')}: {ctx.fmt(deadline.due_on)}** — {pt.md(deadline.explain(lang))}",
            icon=":material/schedule:",
        )
        if st.checkbox(ctx.tr("new_item.override"), key=f"{P}.override"):
            o1, o2 = st.columns(2)
            due_on = o1.date_input(
                ctx.tr("field.due_on"), value=deadline.due_on, format=ctx.DATE_FORMAT, key=f"{P}.due_on"
            )
            reason = o2.text_input(ctx.tr("field.override_reason"), key=f"{P}.override_reason")

if st.button(ctx.tr("action.save"), type="primary", key=f"{P}.save"):
    draft = ItemDraft(
        kind=kind,
        session_id=session_id,
        phase=phase,
        received_on=received_on,
        summary=summary,
        ref_no=ref_no,
        sources=sources,
        deputy=deputy,
        full_text=full_text,
        topic=topic,
        lead_unit=lead_unit,
        coordinating_units=tuple(coordinating),
        due_on=due_on,
        due_override_reason=reason,
    )
    try:
        item_id = tracker.create_item(ctx.actor(), draft, lang)
    except InvalidInputs as errors:
        for error in errors.errors:
            ctx.show_error(error)
    except TrackerError as error:
        ctx.show_error(error)
    else:
        for key in ("ref_no", "summary", "full_text", "sources", "deputy", "delegation", "override", "override_reason"):
            st.session_state.pop(f"{P}.{key}", None)
        flash(ctx.tr("new_item.saved", id=item_id))
        st.session_state["new_item.last_id"] = item_id
        st.rerun()

last = st.session_state.get("new_item.last_id")
if last:
    st.page_link(
        "app_pages/item.py",
        label=ctx.tr("new_item.open_saved", id=last),
        icon=":material/open_in_new:",
        query_params={"id": str(last)},
    )
    similar_intake.offer_links(last, key=f"{P}.similar_saved")  # confirm "raised again" / merge
