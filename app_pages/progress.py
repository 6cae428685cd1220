"""Progress (Minister's office), the first page: what needs attention now across every session,
then where each session stands, as of a date the user can move."""

from __future__ import annotations

import time

import streamlit as st

from tracker import charts, clock
from tracker.dates import END_OF_TIME
from tracker.errors import TrackerError
from tracker.items import Kind
from tracker.permissions import Action
from tracker.service import Filters
from tracker.session_schedule import session_schedule
from tracker.stats import Counts
from ui import cached, chase_actions, needs_now, progress_bars, report_deadline
from ui import context as ctx
from ui import plain_text as pt
from ui.similar_progress import render_raised_again
from ui.similar_session import render_session_suggestions
from ui.stage_progress import render as render_stage_progress
from ui.tables import column_config, highlight, items_frame, styled_items

CHART_FIRST_PAUSE_S = 0.03

tracker = ctx.tracker()
ref = tracker.reference
lang = ctx.lang()
decimals = ref.percent_decimals
st.title(ctx.tr("progress.title"))
strip = st.container()  # "what needs me now" goes first on screen, filled once the chart is out

# The selectors are drawn after the chart, into this place above it (issue 15, the browser target):
# their values are read from the tab's state first, as each widget will read them itself, so the
# chart's element leaves the server before theirs and the reader's eye goes to it at once.
selectors = st.container()
as_of = st.session_state.get("progress.as_of") or clock.today()
all_rows = cached.stats(tracker, *cached.key(tracker), as_of, None, None)
# "Empty" means nothing was ever entered, not "nothing yet on the chosen day".
ever = all_rows or cached.stats(tracker, *cached.key(tracker), END_OF_TIME, None, None)


def chosen(key: str, options: list[str]) -> str:
    """What the selectbox ``key`` will show: the tab's choice while it is still offered, else the first."""
    value = st.session_state.get(key)
    return value if value in options else options[0]


def draw_selectors(session_options: list[str] | None = None, kind_options: list[str] | None = None) -> None:
    """The date, and once there is something to choose from, the session and the kind, above the chart."""
    c1, c2, c3 = selectors.columns([3, 2, 1])
    c3.date_input(ctx.tr("field.as_of"), value=clock.today(), format=ctx.DATE_FORMAT, key="progress.as_of")
    if session_options is None or kind_options is None:
        return
    c1.selectbox(
        ctx.tr("field.session"),
        options=session_options,
        format_func=ctx.labels(session_options, lambda sid: ref.session(sid).label(lang)),
        key="progress.session",
        placeholder=ctx.tr("widget.choose"),
    )
    c2.selectbox(
        ctx.tr("field.kind"),
        options=kind_options,
        format_func=ctx.labels(["", *list(Kind)], lambda k: ctx.kind_label(k) if k else ctx.tr("filter.all")),
        key="progress.kind",
        placeholder=ctx.tr("widget.choose"),
    )


if not ever:
    draw_selectors()
    st.info(ctx.tr("progress.empty"), icon=":material/info:")
    col_new, col_demo = st.columns(2)
    if ctx.allowed(Action.CREATE_ITEM):
        col_new.page_link("app_pages/new_item.py", label=ctx.tr("progress.empty_enter"), icon=":material/add_circle:")
    if ctx.allowed(Action.LOAD_DEMO) and col_demo.button(ctx.tr("progress.load_demo"), key="progress.load_demo"):
        from tracker.demo import load_demo

        with st.spinner(ctx.tr("progress.loading_demo")):
            try:
                count = load_demo(tracker, actor=ctx.actor())
            except TrackerError as error:
                ctx.show_error(error)
            else:
                st.success(ctx.tr("progress.demo_loaded", count=count))
                st.rerun()
    st.stop()


def render_strip() -> None:
    with strip:
        needs_now.render_strip()
        st.divider()


if not all_rows:
    draw_selectors()
    render_strip()
    st.info(ctx.tr("progress.nothing_as_of", date=ctx.fmt(as_of)), icon=":material/info:")
    st.stop()

sessions_with_items = []
for row in all_rows:
    if row.session_id not in sessions_with_items:
        sessions_with_items.append(row.session_id)
sessions_with_items.reverse()  # newest first
session_options = [s.id for s in ref.sessions if s.id in sessions_with_items] + [
    s.id for s in ref.sessions if s.id not in sessions_with_items
]
kind_options = ["", *[k.value for k in Kind]]
session_id = chosen("progress.session", session_options)
kind = chosen("progress.kind", kind_options)
session = ref.session(session_id)
rows = cached.stats(tracker, *cached.key(tracker), as_of, session_id, kind or None)
counts = sum((r.counts for r in rows), Counts())

# The chart leaves first (issue 15, the browser target): what a reader waits for is the chart, so
# the lines and metrics above it and the strip at the top are sent after it, into their places.
summary = st.container()
# Bars in plain HTML, not plotly: drawn at once (issue 15, point 4; ui/progress_bars.py says why).
progress_bars.render(charts.progress_bars(counts, lang, decimals), ctx.tr("progress.chart_label"))
# A moment for the browser to draw the chart before the rest arrives (issue 15, point 4). Sent
# back to back, the rest (three tables, the metrics, the stage charts) reaches the browser with the
# chart and is drawn in the same pass, so the chart waits for all of it: 140-150 ms after the
# click; with this pause 97-99 ms, and the whole page is drawn no later (645-663 ms against
# 653-675). The pause holds no lock and no CPU; docs/PERFORMANCE.md, "The browser, seventh round"
# With the HTML bars (eleventh round): 116 ms with the pause, 208 ms without, in the same rotation.
time.sleep(CHART_FIRST_PAUSE_S)
draw_selectors(session_options, kind_options)
with summary:
    # One line per kind, as the ministry's reports say it ("129/129 replied"; "no question yet").
    for row in rows:
        if row.counts.total == 0 and row.counts.transferred == 0:
            st.write(ctx.tr(f"progress.none_received.{row.kind}", session=session.label(lang)))
        else:
            st.write(
                ctx.tr(
                    f"progress.line.{row.kind}",
                    replied=row.counts.replied,
                    total=row.counts.total,
                    pct=charts.percent_text(row.counts.replied, row.counts.total, lang, decimals),
                )
            )

    m = st.columns(5)
    m[0].metric(ctx.tr("metric.total"), counts.total)
    m[1].metric(ctx.tr("metric.replied"), f"{counts.replied}/{counts.total}")
    m[2].metric(ctx.tr("metric.completion"), charts.percent_text(counts.replied, counts.total, lang, decimals))
    m[3].metric(ctx.tr("status.overdue"), counts.overdue)
    m[4].metric(ctx.tr("metric.transferred"), counts.transferred, help=ctx.tr("status.transferred"))
render_strip()
render_raised_again(session_id, clock.today())  # issue 14: recommendations raised again
schedule = session_schedule(ref.sessions, session, ref.calendar)
report_deadline.render(schedule, ref.calendar, clock.today())
# Deadlines shown on this page that rest on a year whose holidays are not announced yet.
estimated_years = set(schedule.estimated_years)
estimate_slot = st.empty()  # filled once the lists below are known

st.subheader(ctx.tr("progress.by_unit"))
unit_rows = cached.stats_by_unit(tracker, *cached.key(tracker), as_of, session_id, kind or None)
by_unit: dict[str | None, Counts] = {}
for row in unit_rows:
    by_unit[row.unit] = by_unit.get(row.unit, Counts()) + row.counts
if by_unit:
    ordered = sorted(by_unit.items(), key=lambda kv: (-kv[1].overdue, -kv[1].total))
    unit_table = pt.frame(
        [
            {
                ctx.tr("col.lead_unit"): ref.unit_name(code, lang) if code else ctx.tr("item.unassigned"),
                # The rule's text, not a float: a number column would print 99,95 as "100.0 %".
                ctx.tr("metric.completion"): charts.percent_text(c.replied, c.total, lang, decimals),
                ctx.tr("metric.total"): c.total,
                ctx.tr("metric.replied"): c.replied,
                ctx.tr("status.overdue"): c.overdue,
                ctx.tr("status.open_not_due"): c.open_not_due,
                ctx.tr("status.replied_on_time"): c.replied_on_time,
                ctx.tr("status.replied_late"): c.replied_late,
                ctx.tr("status.transferred"): c.transferred,
            }
            for code, c in ordered
        ]
    )
    counts_width = 90
    st.dataframe(
        highlight(unit_table, {ctx.tr("status.overdue"): ["overdue" if c.overdue else "" for _, c in ordered]}),
        hide_index=True,
        key="progress.unit_table",
        height="auto",
        column_config={
            ctx.tr("col.lead_unit"): st.column_config.TextColumn(width=300, pinned=True),
            ctx.tr("metric.completion"): st.column_config.TextColumn(width=counts_width),
            **{
                ctx.tr(name): st.column_config.NumberColumn(width=counts_width, format="%d")
                for name in (
                    "metric.total",
                    "metric.replied",
                    "status.overdue",
                    "status.open_not_due",
                    "status.replied_on_time",
                    "status.replied_late",
                    "status.transferred",
                )
            },
        },
    )
else:
    st.caption(ctx.tr("progress.no_items"))

over, soon = st.columns(2)
for column, status, title in ((over, "overdue", "progress.overdue_list"), (soon, "due_soon", "progress.due_soon_list")):
    with column:
        page = cached.search(
            tracker,
            *cached.key(tracker),
            Filters(session_id=session_id, kind=kind or None, status=status),
            as_of,
            "urgency",
            None,
            20,
            0,
        )
        st.subheader(ctx.tr(title, count=page.total))
        estimated_years.update(r["due_on"].year for r in page.rows if not ref.calendar.is_announced(r["due_on"].year))
        if page.rows:
            # st.dataframe, never st.table: st.table renders every cell as Markdown, so a summary
            # holding an image link made every viewer's browser fetch it (issue 8).
            shown = items_frame(page.rows, ("id", "days", "due_on", "lead_unit", "summary"))
            st.dataframe(
                styled_items(shown, page.rows),
                hide_index=True,
                key=f"progress.{status}_table",
                column_config=column_config(shown),
            )
        else:
            st.caption(ctx.tr("progress.nothing"))

if estimated_years:
    estimate_slot.warning(
        ctx.tr("progress.estimated_calendar", years=", ".join(str(y) for y in sorted(estimated_years))),
        icon=":material/warning:",
    )

render_session_suggestions(session_id)  # issue 14: the session's suggested pairs, for who may link them
render_stage_progress(session_id, as_of, kind or None)  # issue 12: the reply's path, per stage and unit
chase_actions.render(tracker, ctx.actor())  # issue 13: the Office's letter to a unit and "send reminders now"
