"""The home page's "what needs me now" strip (issue 11): across every session, as of today, the
numbers a person acts on, each a link to the register filtered to exactly those items.

A unit officer's strip counts their unit's items (lead or coordinating), as their queue does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import streamlit as st

from tracker import clock
from tracker.permissions import Role
from tracker.service import Filters, Tracker
from ui import cached, list_links
from ui import context as ctx
from ui import plain_text as pt


@dataclass(frozen=True)
class Need:
    key: str  # catalog key of the label; key + "_link" labels its link
    count: int
    filters: Filters | None  # what the register shows for it; None: no register link
    until: date | None = None


def week_end(today: date) -> date:
    """Sunday of this week: "due this week" runs from today to it."""
    return today + timedelta(days=6 - today.weekday())


def commitments_overdue(tracker: Tracker, today: date, unit: str | None) -> Need | None:
    """ "Being resolved" replies whose committed date has passed without completion (issue 12),
    across every session; shown only when there are any (the register has no filter for them yet)."""
    counts = tracker.commitments(today)
    n = sum(v["commitments_overdue"] for (_session, _kind, lead), v in counts.items() if unit is None or lead == unit)
    return Need("home.commitments_overdue", n, None) if n else None


@st.cache_data(show_spinner=False, max_entries=64)
def cached_needs(_tracker: Tracker, path: str, gen: int, today: date, unit: str | None) -> list[Need]:
    """``needs``, kept per data generation like ui/cached.py's reads (the commitments' count was
    a query on every home page run, issue 15)."""
    return needs(_tracker, today, unit)


def needs(tracker: Tracker, today: date, unit: str | None) -> list[Need]:
    def count(filters: Filters) -> int:
        return cached.search(tracker, *cached.key(tracker), filters, today, "urgency", None, 1, 0).total

    overdue = Filters(unit=unit, status="overdue")
    this_week = Filters(unit=unit, status="open_not_due", due_from=today, due_to=week_end(today))
    found = [
        Need("home.overdue_now", count(overdue), overdue),
        Need("home.due_this_week", count(this_week), this_week, week_end(today)),
    ]
    extra = commitments_overdue(tracker, today, unit)
    if extra is not None:
        found.append(extra)
    return found


def render_strip() -> None:
    tracker = ctx.tracker()
    actor = ctx.actor()
    unit = actor.unit if actor.role == Role.UNIT_OFFICER and actor.unit else None
    today = clock.today()
    st.subheader(ctx.tr("home.needs_now"))
    if unit:
        name = tracker.reference.unit_name(unit, ctx.lang())
        st.caption(pt.tr_md("home.scope_unit", unit=name) + " " + ctx.tr("home.as_of_today", date=ctx.fmt(today)))
    else:
        st.caption(ctx.tr("home.scope_all") + " " + ctx.tr("home.as_of_today", date=ctx.fmt(today)))
    items = cached_needs(tracker, *cached.key(tracker), today, unit)
    columns = st.columns(len(items), border=True)
    for column, need in zip(columns, items, strict=True):
        column.metric(ctx.tr(need.key, until=ctx.fmt(need.until)), need.count)
        if need.filters is not None and need.count:
            column.page_link(
                "app_pages/register.py",
                label=ctx.tr(f"{need.key}_link", count=need.count),
                icon=":material/list:",
                query_params=list_links.query_for(need.filters),
            )
