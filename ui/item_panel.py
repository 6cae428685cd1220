"""The one-line success message a page shows after its action reran it (used by every page).

An item's own page is app_pages/item.py: its header (ui/item_header.py), details and history
(ui/item_details.py) and action row (ui/item_actions.py, forms in ui/item_forms.py).
"""

from __future__ import annotations

import streamlit as st

FLASH_KEY = "app.flash"


def flash(message: str) -> None:
    """``message`` is catalog text with numbers only (it is shown as Markdown): quote nothing typed."""
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")
