"""The audit trail (administrator): every change by whom, when, to what; filter and export."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from tracker import accounts, people
from tracker.audit import describe_changes, events_csv
from tracker.formatting import format_timestamp
from ui import context as ctx
from ui import plain_text as pt

P = "audit"
tracker = ctx.tracker()
ref = tracker.reference
lang = ctx.lang()
st.title(ctx.tr("audit.title"))

users = [None, "system", "cli", *[u["username"] for u in accounts.list_users(tracker)]]
names = people.display_names(tracker)
units = [None, *[u.code for u in ref.units]]
c = st.columns(5)
username = c[0].selectbox(
    ctx.tr("field.username"),
    users,
    format_func=ctx.labels(
        users, lambda u: f"{people.person(names, u)} ({u})" if u in names else u or ctx.tr("filter.all")
    ),
    key=f"{P}.user",
    placeholder=ctx.tr("widget.choose"),
)
unit = c[1].selectbox(
    ctx.tr("filter.unit"),
    units,
    format_func=ctx.labels(units, lambda u: ref.unit_name(u, lang) if u else ctx.tr("filter.all")),
    key=f"{P}.unit",
    placeholder=ctx.tr("widget.choose"),
)
# The trail is stamped by the machine's clock, so its filter defaults to the machine's date (not
# tracker.clock's counting day, which a test run pins and the two part at midnight).
date_from = c[2].date_input(
    ctx.tr("audit.from"), value=date.today() - timedelta(days=30), format=ctx.DATE_FORMAT, key=f"{P}.from"
)
date_to = c[3].date_input(ctx.tr("audit.to"), value="today", format=ctx.DATE_FORMAT, key=f"{P}.to")
item_text = c[4].text_input(ctx.tr("audit.item"), key=f"{P}.item")
item_id = int(item_text) if item_text.strip().isdigit() else None

rows = tracker.list_events(
    ctx.actor(),
    username=username,
    unit=unit,
    date_from=date_from,
    date_to=date_to,
    item_id=item_id,
    limit=5000,
    lang=ctx.lang(),
)
st.caption(ctx.tr("audit.count", count=len(rows)))
if rows:
    st.dataframe(
        pt.frame(
            {
                ctx.tr("audit.col.occurred_at"): [format_timestamp(r["occurred_at"]) for r in rows],
                ctx.tr("audit.col.actor"): [people.person(names, r["actor"]) for r in rows],
                ctx.tr("audit.col.action"): [ctx.tr(f"event.{r['action']}") for r in rows],
                ctx.tr("audit.col.subject"): [r["subject"] or "" for r in rows],
                ctx.tr("audit.col.changes"): [describe_changes(r["changes"], lang, ref) for r in rows],
                ctx.tr("audit.col.reason"): [r["reason"] for r in rows],
            }
        ),
        hide_index=True,
        key=f"{P}.table",
    )
    st.download_button(
        ctx.tr("audit.download"),
        data=events_csv(rows, lang, ref),
        file_name=f"nhat-ky-{date.today():%Y%m%d}.csv",
        mime="text/csv",
        key=f"{P}.download",
    )
else:
    st.info(ctx.tr("audit.none"))
