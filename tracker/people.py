"""People as others read them: an account's display name, looked up when history is shown.

Events store the user name (a fact that never changes meaning); the name a person reads is
rendered at read time, so a corrected display name shows everywhere, and a user name with no
account any more (or the system account) is shown as it was stored (issue 11)."""

from __future__ import annotations

from collections.abc import Mapping

from tracker.accounts import list_users
from tracker.service import Tracker


def display_names(tracker: Tracker) -> dict[str, str]:
    """``{user name: display name}`` for every account that has a display name."""
    return {u["username"]: u["display_name"] for u in list_users(tracker) if u["display_name"]}


def person(names: Mapping[str, str], username: str) -> str:
    return names.get(username, username)
