"""Cached reads for pages. Each takes the data generation, which every committed write bumps
but one that changes only tables no cached read shows (a tab noted as active, an item's history,
the audit log, the mail queue), so a write that can change a figure makes every page read fresh
data (no stale caches)."""

from __future__ import annotations

import threading
import weakref
from datetime import date
from typing import Any

import streamlit as st

from tracker import attachments, people
from tracker.attachments import Attachment
from tracker.items import Item
from tracker.permissions import Actor
from tracker.reminder_letter import units_to_chase
from tracker.service import Filters, Page, StatsRow, Tracker
from tracker.storage import QUERIES_DIR, Database
from tracker.usecases.similar_chain import Chain, RaisedAgainCounts
from tracker.usecases.similar_links import Link
from tracker.usecases.workflow_read import WorkflowView

# A signed-in tab's session is noted as active once a minute (tracker/web_sessions.py): with fifty
# tabs open that is a write a second, and if it made every cached read stale no page would ever be
# served from the cache (issue 15). A progress note writes one history event and nothing else
# (the load mix's only write), an administrator's step one audit row, a mail run its queue: none
# changes a count, a list or a chart. No cached read here reads a table these folders' statements
# write (tests/pages/test_cached_pages.py traces the queries each cached read runs to check it);
# a write that also touches another folder (a reply: items and events) still counts.
_NOT_SHOWN = frozenset({"web_sessions", "events", "audit", "mail"})
_generations: weakref.WeakKeyDictionary[Database, list[int]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()
_seen = threading.local()  # which folders the write just committed in this thread touched


def _data_generation(db: Database) -> int:
    counter = _generations.get(db)
    if counter is None:
        with _lock:
            counter = _generations.get(db)
            if counter is None:
                counter = _generations[db] = [0]
                _listen(db, counter)
    return counter[0]


def _listen(db: Database, counter: list[int]) -> None:
    # Database.on_write calls its listeners in order, in the thread that wrote, after each commit:
    # the first two say what the write touched, the last decides. A write of raw SQL only (an
    # import's bulk insert, a migration) touches no named folder and counts.
    shown = {p.name for p in QUERIES_DIR.iterdir() if p.is_dir()} - _NOT_SHOWN

    def touched_hidden() -> None:
        _seen.hidden = True

    def touched_shown() -> None:
        _seen.shown = True

    def decide() -> None:
        if getattr(_seen, "shown", False) or not getattr(_seen, "hidden", False):
            with _lock:  # two sessions' writes at once must both count
                counter[0] += 1
        _seen.hidden = _seen.shown = False

    db.on_write(touched_hidden, folders=_NOT_SHOWN)
    db.on_write(touched_shown, folders=shown)
    db.on_write(decide)


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


@st.cache_data(show_spinner=False, max_entries=16)
def chase_counts(_tracker: Tracker, path: str, gen: int, as_of: date) -> dict[str, int]:
    """Per unit, what its reminder letter would list (shown on every progress and queue run)."""
    return units_to_chase(_tracker.db, _tracker.reference, as_of)


@st.cache_data(show_spinner=False, max_entries=64)
def raised_again(_tracker: Tracker, path: str, gen: int, session_id: int, today: date) -> RaisedAgainCounts:
    """The progress page's line on recommendations raised again (a query of ~15 ms a run)."""
    return _tracker.raised_again_session_counts(session_id, today)


@st.cache_data(show_spinner=False, max_entries=64)
def archived_items(_tracker: Tracker, path: str, gen: int, actor: Actor) -> list[dict[str, Any]]:
    """The register's archived items (a query of ~10 ms a run); keyed by the person, so the
    service's permission check runs for each."""
    return _tracker.archived_items(actor)


@st.cache_data(show_spinner=False, max_entries=256)
def chain(_tracker: Tracker, path: str, gen: int, item_id: int) -> tuple[Chain, list[Link]]:
    """An item's occurrences across sessions and its links (four queries on every item page run,
    which under load is most runs: a note leaves them valid)."""
    return _tracker.chain(item_id), _tracker.links_of([item_id])


@st.cache_data(show_spinner=False, max_entries=256)
def item(_tracker: Tracker, path: str, gen: int, item_id: int) -> Item:
    """The item page's item (raises NotFound, which is not cached). Its version is fresh: every
    write that changes an item's fields bumps the generation; a note changes none."""
    return _tracker.get_item(item_id)


@st.cache_data(show_spinner=False, max_entries=256)
def workflow_view(_tracker: Tracker, path: str, gen: int, item_id: int, as_of: date) -> WorkflowView:
    return _tracker.workflow(item_id, as_of)


@st.cache_data(show_spinner=False, max_entries=256)
def attachments_of(_tracker: Tracker, path: str, gen: int, item_id: int) -> list[Attachment]:
    return attachments.attachments_of(_tracker, item_id)


@st.cache_data(show_spinner=False, max_entries=16)
def display_names(_tracker: Tracker, path: str, gen: int) -> dict[str, str]:
    """People's names for the history and the files (every account: a query each item page run)."""
    return people.display_names(_tracker)


def key(tracker: Tracker) -> tuple[str, int]:
    """The leading cache arguments: which file, and how fresh its data is."""
    return str(tracker.db.path), _data_generation(tracker.db)
