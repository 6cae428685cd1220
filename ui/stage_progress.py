"""The progress page's section on the reply's path (issue 12, point 7): for the chosen session,
how many items sit at each stage (one horizontal bar per stage, in workflow order, the part past
the legal deadline in the overdue colour), the drafts against the internal deadline, the
"being resolved" commitments, and per lead unit the median days through the steps.

Every figure is the service's (tracker/usecases/workflow_read.py), read through one cached call
keyed like ui/cached.py's (the file and its generation: any write makes it fresh)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go
import streamlit as st

from tracker.charts import BUCKET_COLORS
from tracker.i18n import t
from tracker.service import Tracker
from tracker.stage import Stage
from tracker.usecases.workflow_read import COMMITMENT_FIELDS, DRAFT_FIELDS
from ui import cached
from ui import context as ctx
from ui import plain_text as pt

STAGES = tuple(Stage)  # the enum's order is the order a reply goes through them
MEDIANS = ("median_days_to_accept", "median_days_to_draft", "median_review_rounds", "median_days_to_issue")
NOT_OVERDUE_COLOR = "#56B4E9"  # the "not yet due" blue of the buckets chart (Okabe-Ito)


@dataclass(frozen=True)
class StageFigures:
    """What the section shows for one session (and kind) as of a day."""

    stages: dict[str, tuple[int, int]]  # stage -> (items, of which overdue)
    drafts: dict[str, int]  # DRAFT_FIELDS summed over units
    commitments: dict[str, int]  # COMMITMENT_FIELDS summed over units
    medians: list[tuple[str | None, str, dict[str, float | None]]]  # (lead unit, kind, MEDIANS)


@st.cache_data(show_spinner=False, max_entries=128)
def figures(_tracker: Tracker, path: str, gen: int, as_of: date, session_id: int, kind: str | None) -> StageFigures:
    drafts = _tracker.draft_timeliness(as_of, session_id, kind)
    commitments = _tracker.commitments(as_of, session_id, kind)
    medians = _tracker.stage_medians(as_of, session_id, kind)
    return StageFigures(
        stages=_tracker.stage_overdue(as_of, session_id, kind),
        drafts={f: sum(v.get(f, 0) for v in drafts.values()) for f in DRAFT_FIELDS},
        commitments={f: sum(v.get(f, 0) for v in commitments.values()) for f in COMMITMENT_FIELDS},
        medians=sorted(
            ((unit, k, values) for (_s, k, unit), values in medians.items()),
            key=lambda row: (row[0] or "", row[1]),
        ),
    )


def _shared_figure(stages: dict[str, tuple[int, int]], lang: str) -> go.Figure:
    """``stage_figure``, built once per distinct figure and shared by every session: building it
    was about 7 ms of every progress run (issue 15). Shared read-only: st.plotly_chart only
    serialises it (tests/pages/test_stage_progress_page.py checks a second run leaves it equal)."""
    return _figure_of(tuple(sorted(stages.items())), lang)


@functools.lru_cache(maxsize=64)
def _figure_of(stages: tuple[tuple[str, tuple[int, int]], ...], lang: str) -> go.Figure:
    return stage_figure(dict(stages), lang)


def stage_figure(stages: dict[str, tuple[int, int]], lang: str) -> go.Figure:
    """One bar per stage, first on top: the part not past the legal deadline, then the overdue
    part; each stage's label carries its count so the chart reads without hovering."""
    labels = [f"{t(f'stage.{s.value}', lang)} ({stages.get(s.value, (0, 0))[0]})" for s in STAGES]
    overdue = [stages.get(s.value, (0, 0))[1] for s in STAGES]
    in_time = [stages.get(s.value, (0, 0))[0] - o for s, o in zip(STAGES, overdue, strict=True)]

    def bar(values: list[int], name: str, color: str) -> go.Bar:
        return go.Bar(
            x=values,
            y=labels,
            orientation="h",
            name=name,
            marker_color=color,
            text=[v or "" for v in values],
            textposition="inside",
            hovertemplate="%{y}: %{x}<extra>" + name + "</extra>",
        )

    most = max((a + b for a, b in zip(in_time, overdue, strict=True)), default=0)
    axis: dict[str, str | int] = {"rangemode": "tozero", "tickformat": "d", "title": t("chart.items", lang)}
    if most <= 8:
        axis["dtick"] = 1  # whole items: no "0.5" ticks on a small session
    return go.Figure(
        [
            bar(in_time, t("stage_progress.not_overdue", lang), NOT_OVERDUE_COLOR),
            bar(overdue, t("status.overdue", lang), BUCKET_COLORS["overdue"]),
        ],
        layout={
            "barmode": "stack",
            "height": 60 + 28 * len(STAGES),
            "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
            "yaxis": {"autorange": "reversed"},
            "xaxis": axis,
            "legend": {"orientation": "h", "y": 1.08, "x": 0},
        },
    )


def _days(value: float | None, lang: str) -> str:
    """A median as people write it: "3", "2,5" in Vietnamese; "—" when no item got there."""
    if value is None:
        return "—"
    text = f"{value:.1f}".removesuffix(".0")
    return text.replace(".", ",") if lang == "vi" else text


def render(session_id: int, as_of: date, kind: str | None) -> None:
    """The section, below the page's other figures for the same session, kind and day."""
    tracker = ctx.tracker()
    lang = ctx.lang()
    data = figures(tracker, *cached.key(tracker), as_of, session_id, kind)
    st.subheader(ctx.tr("stage_progress.title"))
    if not any(n for n, _ in data.stages.values()):
        st.caption(ctx.tr("progress.no_items"))
        return
    st.caption(ctx.tr("stage_progress.chart_caption"))
    st.plotly_chart(_shared_figure(data.stages, lang), key="progress.stage_chart", config={"displayModeBar": False})

    st.markdown(f"**{pt.md(ctx.tr('stage_progress.drafts'))}**")
    cols = st.columns(len(DRAFT_FIELDS))
    for col, name in zip(cols, DRAFT_FIELDS, strict=True):
        col.metric(ctx.tr(f"stage_progress.{name}"), data.drafts[name])
    st.markdown(f"**{pt.md(ctx.tr('stage_progress.commitments'))}**")
    cols = st.columns(len(COMMITMENT_FIELDS))
    for col, name in zip(cols, COMMITMENT_FIELDS, strict=True):
        col.metric(ctx.tr(f"stage_progress.{name}"), data.commitments[name])

    st.markdown(f"**{pt.md(ctx.tr('stage_progress.medians'))}**")
    if not data.medians:
        st.caption(ctx.tr("stage_progress.no_medians"))
        return
    ref = tracker.reference
    table = pt.frame(
        [
            {
                ctx.tr("col.lead_unit"): ref.unit_name(unit, lang) if unit else ctx.tr("item.unassigned"),
                ctx.tr("col.kind"): ctx.kind_label(k),
                **{ctx.tr(f"stage_progress.col.{m}"): _days(values.get(m), lang) for m in MEDIANS},
            }
            for unit, k, values in data.medians
        ]
    )
    st.dataframe(
        table,
        hide_index=True,
        key="progress.stage_medians",
        column_config={ctx.tr("col.lead_unit"): st.column_config.TextColumn(width=300, pinned=True)},
    )
    st.caption(ctx.tr("stage_progress.medians_caption"))
