"""Cached reads for pages. Each takes the database generation, which every committed write
bumps, so a write anywhere makes every page read fresh data (no stale caches)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from tracker.service import Filters, Page, StatsRow, Tracker


@st.cache_data(show_spinner=False, max_entries=256)
def stats(
    _tracker: Tracker, path: str, gen: int, as_of: date, session_id: int | None, kind: str | None
) -> list[StatsRow]:
    return _tracker.stats(as_of, session_id, kind)


@st.cache_data(show_spinner=False, max_entries=256)
def stats_by_unit(
    _tracker: Tracker, path: str, gen: int, as_of: date, session_id: int | None, kind: str | None
) -> list[StatsRow]:
    return _tracker.stats_by_unit(as_of, session_id, kind)


@st.cache_data(show_spinner=False, max_entries=512)
def search(
    _tracker: Tracker,
    path: str,
    gen: int,
    filters: Filters,
    as_of: date,
    order: str,
    descending: bool | None,
    limit: int,
    offset: int,
) -> Page:
    return _tracker.search(filters, as_of, order=order, descending=descending, limit=limit, offset=offset)


@st.cache_data(show_spinner=False, max_entries=16)
def topics(_tracker: Tracker, path: str, gen: int) -> list[str]:
    return _tracker.topics()


def key(tracker: Tracker) -> tuple[str, int]:
    """The leading cache arguments: which file, and how fresh."""
    return str(tracker.db.path), tracker.db.generation
