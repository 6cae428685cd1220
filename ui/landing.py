"""Landing where a link points: unknown addresses, and opening an item's page from a list."""

from __future__ import annotations

import re
from collections.abc import Iterable

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from ui.deep_links import ITEM_PARAM

ITEM_PAGE = "app_pages/item.py"
NOT_FOUND_PAGE = "app_pages/not_found.py"
NOT_FOUND_PATH = "khong-tim-thay"
_ONE_SEGMENT = re.compile(r"[A-Za-z0-9_\-.]{1,100}")


def unknown_address(known: Iterable[str]) -> str | None:
    """The address the browser asked for when no page of this run answers it, else None.

    Streamlit 1.67's st.navigation has no hook for an unknown address: it shows its own English
    "Page not found" box and runs the default page. The only way around it is to register a page at
    that very address, so streamlit_app.py registers our not-found page there (hidden from the menu).
    The requested name is read from the run's page manager (no public API says which address was
    asked for). An address of several segments (/a/b) cannot be a url_path, so it keeps Streamlit's
    box.
    """
    run = get_script_run_ctx()
    wanted = run.pages_manager.intended_page_name if run is not None else None
    if not wanted or wanted in set(known) or not _ONE_SEGMENT.fullmatch(wanted):
        return None
    return wanted


def open_item(item_id: int, *, forget: Iterable[str] = ()) -> None:
    """Go to the item's own page (/item?id=N). ``forget``: widget keys to reset first, such as the
    list's row selection, or coming back to the list would open the same item again."""
    for key in forget:
        st.session_state.pop(key, None)
    st.switch_page(ITEM_PAGE, query_params={ITEM_PARAM: str(item_id)})
