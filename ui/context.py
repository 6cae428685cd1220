"""What every page needs: the shared Tracker, the language, the acting user, formatting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from tracker import accounts
from tracker.dates import format_date
from tracker.errors import DatabaseUnavailable, TrackerError
from tracker.i18n import DEFAULT_LANG, t
from tracker.permissions import Action, Actor, can
from tracker.plain_text import escape_markdown
from tracker.service import Tracker
from tracker.storage import default_path

LANG_KEY = "app.lang"
ACTOR_KEY = "app.actor"
DATE_FORMAT = "DD/MM/YYYY"


@st.cache_resource(show_spinner=False)
def _open_tracker(path: str) -> Tracker:
    # One Tracker (one DuckDB connection, one writer thread) per process and file: every
    # browser session shares it, reading through its own cursors.
    return Tracker.open(path)


def tracker() -> Tracker:
    try:
        return _open_tracker(str(default_path()))
    except DatabaseUnavailable as error:
        # One sentence for everyone, anonymous visitors included: no traceback, no server path.
        # (cache_resource keeps no failure, so the next visit tries the file again.)
        st.error(t(error.app_key, lang()), icon=":material/error:")
        st.stop()


def lang() -> str:
    return st.session_state.get(LANG_KEY, DEFAULT_LANG)


def tr(key: str, /, **params: object) -> str:
    return t(key, lang(), **params)


def signed_in() -> Actor | None:
    """The signed-in person (local account, or single sign-on mapped to an account).

    Re-read from the accounts table on every run: a role changed or an account disabled by an
    administrator takes effect at the person's next click, not at their next sign-in.
    """
    remembered = st.session_state.get(ACTOR_KEY)
    if remembered is None:
        return None
    current = accounts.current_actor(tracker(), remembered.username)
    if current is None:
        sign_out()
        return None
    if current != remembered:
        st.session_state[ACTOR_KEY] = current
    return current


def sign_in(actor: Actor) -> None:
    st.session_state[ACTOR_KEY] = actor


def sign_out() -> None:
    st.session_state.pop(ACTOR_KEY, None)


def actor() -> Actor:
    current = signed_in()
    if current is None:  # pages are only registered after sign-in; this is a guard, not a path
        st.stop()
    return current


def allowed(action: Action, units_of_item: tuple[str, ...] | None = None) -> bool:
    return can(actor(), action, units_of_item)


def fmt(day: date | None) -> str:
    if day is None or (not isinstance(day, date) and pd.isna(day)):
        return ""
    return format_date(day)


def plain(text: str) -> str:
    """User text inside Markdown (alerts, captions): the one rule in tracker/plain_text.py."""
    return escape_markdown(text)


def show_error(error: TrackerError) -> None:
    # Messages quote what people typed or uploaded (a reply number, a file's cell): as text.
    st.error(plain(error.message(lang())), icon=":material/error:")


def kind_label(kind: str) -> str:
    return tr(f"kind.{kind}")


def status_label(status: str) -> str:
    return tr(f"status.{status}")


def result_label(result: str | None) -> str:
    return tr(f"result.{result}") if result else ""


def phase_label(phase: str) -> str:
    return tr(f"phase.{phase}")


def labels(options, label_of) -> Callable[[object], str]:
    """A format_func for widgets: labels computed now, in this run's language.

    (A lambda that looked the language up later would be called outside the script run by
    AppTest, and by Streamlit when it re-renders, where session state is not the user's.)
    """
    table = {option: label_of(option) for option in options}
    return lambda option: table.get(option, str(option))


def forget_widgets() -> None:
    """On a language switch, reset the pages' widgets to their defaults.

    Streamlit remembers a selectbox/radio/multiselect choice by its displayed label; once the
    labels change language, an old choice no longer matches any option and would come back as
    a bare string. Signed-in user, language and versions the user saw are kept.
    """
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and not key.startswith("app.") and ".seen_version." not in key and key != "new_item.last_id":
            del st.session_state[key]
