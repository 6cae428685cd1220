"""A list's filters and sort in its address (issue 11): ``/register?status=overdue`` opens the
register filtered to exactly those items, so the home page's numbers are links, and a filtered
list can be reloaded, bookmarked or shared.

The address is read into the widgets' state before they are drawn, only when it differs from what
this list last wrote (so the person's own changes are not undone), and the widgets' values are
written back after. Every value is checked against what the widget offers: anything else in the
address is ignored, never passed on.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from tracker.errors import TrackerError
from tracker.items import Kind
from tracker.search_order import SORT_KEYS, STATUS_FILTERS
from tracker.service import Filters
from tracker.sessions import SessionRef
from tracker.stage import Stage
from ui import context as ctx

# Address parameter -> the widget it fills (a suffix of the list's key prefix).
PARAMS = {
    "q": "text",
    "session": "session",
    "kind": "kind",
    "status": "status",
    "unit": "unit",
    "due_from": "due_from",
    "due_to": "due_to",
    "sort": "sort",
    "desc": "sort_reverse",
    "stage": "stages",  # ?stage=drafting,in_review (issue 12)
    "raised_again": "raised_before",  # ?raised_again=1 (issue 14)
    "unaccepted": "unaccepted",  # ?unaccepted=1: waiting too long for the lead unit (issue 12)
}
# Switches: "1" in the address, left out when off.
FLAGS = ("desc", "raised_again", "unaccepted")
# Each list's own order when the address names none: the unit queue works to the internal deadline.
DEFAULT_SORT = {"queue": "internal_due"}


def query_for(filters: Filters, *, sort: str | None = None) -> dict[str, str]:
    """The address parameters that open the register on exactly these filters."""
    ref = ctx.tracker().reference
    out: dict[str, str] = {}
    if filters.text:
        out["q"] = filters.text
    if filters.session_id is not None:
        out["session"] = ref.session(filters.session_id).ref.code()
    for name, value in (("kind", filters.kind), ("status", filters.status), ("unit", filters.unit)):
        if value:
            out[name] = value
    for name, day in (("due_from", filters.due_from), ("due_to", filters.due_to)):
        if day is not None:
            out[name] = day.isoformat()
    if filters.stages:
        out["stage"] = ",".join(_stage_order(filters.stages))
    if filters.raised_before:
        out["raised_again"] = "1"
    if filters.unaccepted:
        out["unaccepted"] = "1"
    if sort:
        out["sort"] = sort
    return out


def _stage_order(stages: Any) -> list[str]:
    """The known stages among ``stages``, in the pipeline's order (one address per choice)."""
    chosen = set(stages)
    return [s.value for s in Stage if s.value in chosen]


def _parse(name: str, raw: str) -> Any:
    """The widget value for one address parameter, or None when it is not one the widget offers."""
    ref = ctx.tracker().reference
    try:
        if name == "q":
            return raw[:200]
        if name == "session":
            return ref.session_by_ref(SessionRef.parse(raw)).id
        if name == "kind":
            return raw if raw in {k.value for k in Kind} else None
        if name == "status":
            return raw if raw in STATUS_FILTERS else None
        if name == "unit":
            return raw if ref.unit(raw) is not None else None
        if name in ("due_from", "due_to"):
            return date.fromisoformat(raw)
        if name == "sort":
            return raw if raw in SORT_KEYS else None
        if name in FLAGS:
            return raw == "1"
        if name == "stage":
            return _stage_order(raw.split(",")) or None
    except (ValueError, TrackerError):
        return None
    return None


def _defaults(prefix: str) -> dict[str, Any]:
    return {
        "q": "",
        "desc": False,
        "raised_again": False,
        "unaccepted": False,
        "stage": [],
        "sort": DEFAULT_SORT.get(prefix, "urgency"),
    }


def apply(prefix: str, *, skip: tuple[str, ...] = ()) -> None:
    """Before the widgets: take the address's filters when they are new to this list."""
    wanted = {k: str(v) for k, v in st.query_params.to_dict().items() if k in PARAMS and k not in skip}
    if wanted == st.session_state.get(f"{prefix}.link"):
        return
    defaults = _defaults(prefix)
    for name, suffix in PARAMS.items():
        if name in skip:
            continue
        value = _parse(name, wanted[name]) if name in wanted else None
        st.session_state[f"{prefix}.{suffix}"] = defaults.get(name) if value is None else value
    st.session_state.pop(f"{prefix}.page", None)  # a new list starts on its first page
    st.session_state[f"{prefix}.link"] = wanted


def remember(prefix: str, *, skip: tuple[str, ...] = ()) -> None:
    """After the widgets: write their values to the address (defaults left out)."""
    ref = ctx.tracker().reference
    defaults = _defaults(prefix)
    current: dict[str, str] = {}
    for name, suffix in PARAMS.items():
        if name in skip:
            continue
        value = st.session_state.get(f"{prefix}.{suffix}")
        if value is None or value == defaults.get(name):
            continue
        if name == "session":
            current[name] = ref.session(int(value)).ref.code()
        elif name in FLAGS:
            current[name] = "1"
        elif name == "stage":
            current[name] = ",".join(_stage_order(value))
        elif isinstance(value, date):
            current[name] = value.isoformat()
        else:
            current[name] = str(value)
    for name in PARAMS:
        if name in st.query_params and name not in current:
            del st.query_params[name]
    for name, value in current.items():
        if st.query_params.get(name) != value:
            st.query_params[name] = value
    st.session_state[f"{prefix}.link"] = current
