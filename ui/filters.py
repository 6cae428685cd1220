"""The register's filter bar and its paged, sorted table, shared by the register and the unit queue."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from tracker import clock
from tracker.acceptance import unaccepted_days
from tracker.items import Kind, Result
from tracker.search_order import SORT_KEYS, STATUS_FILTERS
from tracker.service import Filters
from tracker.stage import Stage
from ui import cached, list_links
from ui import context as ctx

STATUS_CHOICES = STATUS_FILTERS
STAGE_CHOICES = [s.value for s in Stage]  # the pipeline's order


def filter_bar(prefix: str, *, unit_fixed: str | None = None) -> tuple[Filters, date]:
    tracker = ctx.tracker()
    ref = tracker.reference
    lang = ctx.lang()
    # The address may carry filters (links from the home page): the queue's unit is its own.
    link_skip = ("unit",) if unit_fixed is not None else ()
    list_links.apply(prefix, skip=link_skip)
    text = st.text_input(ctx.tr("filter.text"), key=f"{prefix}.text", placeholder=ctx.tr("filter.text_placeholder"))
    c = st.columns(4)
    session_id = c[0].selectbox(
        ctx.tr("field.session"),
        [None, *[s.id for s in ref.sessions]],
        format_func=ctx.labels(
            [None, *[s.id for s in ref.sessions]],
            lambda sid: ctx.tr("filter.all") if sid is None else ref.session(sid).label(lang),
        ),
        key=f"{prefix}.session",
        placeholder=ctx.tr("widget.choose"),
    )
    kind = c[1].selectbox(
        ctx.tr("field.kind"),
        [None, *[k.value for k in Kind]],
        format_func=ctx.labels([None, *list(Kind)], lambda k: ctx.tr("filter.all") if k is None else ctx.kind_label(k)),
        key=f"{prefix}.kind",
        placeholder=ctx.tr("widget.choose"),
    )
    status = c[2].selectbox(
        ctx.tr("field.status"),
        [None, *STATUS_CHOICES],
        format_func=ctx.labels(
            [None, *STATUS_CHOICES], lambda s: ctx.tr("filter.all") if s is None else ctx.status_label(s)
        ),
        key=f"{prefix}.status",
        placeholder=ctx.tr("widget.choose"),
    )
    if unit_fixed is None:
        unit = c[3].selectbox(
            ctx.tr("filter.unit"),
            [None, *[u.code for u in ref.units]],
            format_func=ctx.labels(
                [None, *[u.code for u in ref.units]],
                lambda u: ctx.tr("filter.all") if u is None else ref.unit_name(u, lang),
            ),
            key=f"{prefix}.unit",
            placeholder=ctx.tr("widget.choose"),
        )
    else:
        unit = unit_fixed
        c[3].text_input(
            ctx.tr("filter.unit"), value=ref.unit_name(unit, lang), disabled=True, key=f"{prefix}.unit_shown"
        )
    # The reply's path (issue 12): where each item stands, and who has not taken theirs in time.
    e = st.columns([3, 2], vertical_alignment="bottom")
    stages = e[0].multiselect(
        ctx.tr("filter.stage"),
        STAGE_CHOICES,
        format_func=ctx.labels(STAGE_CHOICES, lambda s: ctx.tr(f"stage.{s}")),
        key=f"{prefix}.stages",
        placeholder=ctx.tr("filter.stage_any"),
        help=ctx.tr("filter.stage_help"),
    )
    unaccepted = e[1].checkbox(
        ctx.tr(
            "filter.unaccepted",
            question=unaccepted_days(ref.settings, Kind.DEPUTY_QUESTION),
            recommendation=unaccepted_days(ref.settings, Kind.VOTER_RECOMMENDATION),
        ),
        key=f"{prefix}.unaccepted",
        help=ctx.tr("filter.unaccepted_help"),
    )
    with st.expander(ctx.tr("filter.more")):
        d = st.columns(4)
        result = d[0].selectbox(
            ctx.tr("field.result"),
            [None, *[r.value for r in Result]],
            format_func=ctx.labels(
                [None, *list(Result)], lambda r: ctx.tr("filter.all") if r is None else ctx.result_label(r)
            ),
            key=f"{prefix}.result",
            placeholder=ctx.tr("widget.choose"),
        )
        topic = d[1].selectbox(
            ctx.tr("field.topic"),
            [None, *cached.topics(tracker, *cached.key(tracker))],
            format_func=lambda x: ctx.tr("filter.all") if x is None else x,
            key=f"{prefix}.topic",
            placeholder=ctx.tr("widget.choose"),
        )
        # No value= once the state holds one (a link set it): Streamlit warns when both are given.
        due_from = d[2].date_input(
            ctx.tr("filter.due_from"), format=ctx.DATE_FORMAT, key=f"{prefix}.due_from", **_empty(f"{prefix}.due_from")
        )
        due_to = d[3].date_input(
            ctx.tr("filter.due_to"), format=ctx.DATE_FORMAT, key=f"{prefix}.due_to", **_empty(f"{prefix}.due_to")
        )
        as_of = st.date_input(ctx.tr("field.as_of"), value=clock.today(), format=ctx.DATE_FORMAT, key=f"{prefix}.as_of")
        raised_before = st.checkbox(
            ctx.tr("filter.raised_before"), key=f"{prefix}.raised_before", help=ctx.tr("filter.raised_before_help")
        )
    filters = Filters(
        session_id=session_id,
        kind=kind,
        unit=unit,
        status=status,
        result=result,
        topic=topic,
        due_from=due_from,
        due_to=due_to,
        text=text,
        raised_before=raised_before,
        stages=tuple(stages),
        unaccepted=unaccepted,
    )
    return filters, as_of


def _empty(key: str) -> dict[str, None]:
    return {} if key in st.session_state else {"value": None}


def sort_bar(prefix: str) -> tuple[str, bool | None]:
    """The server-side sort: a key from the allow-list (urgency first by default) and a reverse switch."""
    keys = list(SORT_KEYS)
    c = st.columns([3, 2, 3])
    key = c[0].selectbox(
        ctx.tr("list.sort"),
        keys,
        format_func=ctx.labels(keys, lambda k: ctx.tr(f"list.sort.{k}")),
        key=f"{prefix}.sort",
        help=ctx.tr("list.sort_help"),
        placeholder=ctx.tr("widget.choose"),
    )
    reverse = c[1].toggle(ctx.tr("list.sort_reverse"), key=f"{prefix}.sort_reverse")
    # Each key reads naturally one way (newest received first); the switch turns it round.
    return key, (not SORT_KEYS[key]) if reverse else None


def selection_key(prefix: str, ids: list[int], round_no: int) -> str:
    """The multi-row table's widget key: one per page of rows (in order) and per bulk step done."""
    digest = hashlib.sha1(",".join(map(str, ids)).encode()).hexdigest()[:12]
    return f"{prefix}.bulk_table.{digest}.{round_no}"


Bulk = Callable[[str, list[dict[str, Any]], Callable[[], None]], None]


def paged_table(
    prefix: str, filters: Filters, as_of: date, *, unit_fixed: bool = False, bulk: Bulk | None = None
) -> int | None:
    """Show one page of matching items (sorted and paged on the server); return the selected item id.

    With ``bulk`` (ui/bulk_actions.bar) a switch turns the table to ticking several rows, and the
    ticked rows go to ``bulk`` instead of opening an item (issue 12, point 8)."""
    from ui.tables import column_config, items_frame, styled_items, table_height

    tracker = ctx.tracker()
    order, descending = sort_bar(prefix)
    size = st.session_state.get(f"{prefix}.page_size", 50)
    page_no = st.session_state.get(f"{prefix}.page", 1)
    page = cached.search(tracker, *cached.key(tracker), filters, as_of, order, descending, size, (page_no - 1) * size)
    pages = max(1, -(-page.total // size))
    if page_no > pages:  # filters narrowed the list: go back to the last page that exists
        page_no = pages
        page = cached.search(
            tracker, *cached.key(tracker), filters, as_of, order, descending, size, (page_no - 1) * size
        )
    list_links.remember(prefix, skip=("unit",) if unit_fixed else ())
    st.caption(
        ctx.tr(
            "register.count",
            total=page.total,
            first=min(page.total, page.offset + 1),
            last=page.offset + len(page.rows),
        )
    )
    if not page.rows:
        st.info(ctx.tr("register.no_match"), icon=":material/search_off:")
        return None
    many = bulk is not None and st.toggle(ctx.tr("bulk.mode"), key=f"{prefix}.bulk_mode", help=ctx.tr("bulk.mode_help"))
    table_key = f"{prefix}.table"
    if many:
        # A fresh selection for every page of rows and after every bulk step: ticks are row
        # positions, so they must never carry over to other rows.
        table_key = selection_key(
            prefix, [int(r["id"]) for r in page.rows], st.session_state.get(f"{prefix}.bulk_round", 0)
        )
    frame = items_frame(page.rows)
    event = st.dataframe(
        styled_items(frame, page.rows),
        hide_index=True,
        on_select="rerun",
        selection_mode="multi-row" if many else "single-row",
        key=table_key,
        column_config=column_config(frame),
        height=table_height(len(page.rows)),
    )
    nav = st.columns([1, 1, 4])
    nav[0].number_input(
        ctx.tr("register.page", pages=pages), min_value=1, max_value=pages, value=page_no, step=1, key=f"{prefix}.page"
    )
    nav[1].selectbox(
        ctx.tr("register.page_size"),
        [25, 50, 100, 200],
        index=1,
        key=f"{prefix}.page_size",
        placeholder=ctx.tr("widget.choose"),
    )
    selected = event.selection.rows if event and event.selection else []
    if many and bulk is not None:

        def done() -> None:
            st.session_state[f"{prefix}.bulk_round"] = st.session_state.get(f"{prefix}.bulk_round", 0) + 1

        bulk(prefix, [page.rows[i] for i in selected if i < len(page.rows)], done)
        return None
    return int(page.rows[selected[0]]["id"]) if selected else None
