"""Where a link may lead: the app's page addresses and the one rule for a safe "next" target.

Pure functions (no Streamlit): the sign-in landing (ui/context.py ``cookie_redirect``) builds the
target with them and the cookie routes (ui/session_routes.py) check it again with them before
redirecting, so a crafted ``next`` can never send the browser to another site (an open redirect).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit

# Every page's url_path (streamlit_app.py registers each under exactly this name). Opened signed
# out, each of them shows the sign-in box at that very address, so sign-in lands there.
PAGE_PATHS = ("register", "queue", "item", "new", "import", "export", "briefing", "audit", "settings")
ITEM_PATH = "item"
ITEM_PARAM = "id"  # /item?id=397
ALIAS_PARAM = "item"  # /register?item=397, the link the app handed out before the item page

# The query a target may carry: an allow-list of parameter names, each with the only values it may
# take. Anything else is dropped, never passed through.
SAFE_QUERY: Mapping[str, re.Pattern[str]] = {
    ITEM_PARAM: re.compile(r"[0-9]{1,12}"),
    ALIAS_PARAM: re.compile(r"[0-9]{1,12}"),
}
_SAFE_PATH = re.compile(r"/[A-Za-z0-9_\-/]{0,100}")


def safe_query(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The allowed parameters of ``pairs``, first value of each, in the allow-list's order."""
    given: dict[str, str] = {}
    for name, value in pairs:
        given.setdefault(name, value)
    return [(name, given[name]) for name, rule in SAFE_QUERY.items() if name in given and rule.fullmatch(given[name])]


def safe_target(path: str, query: Iterable[tuple[str, str]] = ()) -> str:
    """A same-site address: ``path`` if it is a plain absolute path (else "/"), plus the allowed query."""
    if not _SAFE_PATH.fullmatch(path) or path.startswith("//"):
        path = "/"
    kept = safe_query(query)
    return f"{path}?{urlencode(kept)}" if kept else path


def safe_next(target: str) -> str:
    """Re-check a whole ``next`` address (as the cookie routes receive it) and rebuild it; anything
    outside the rule (another site, a scheme, a fragment, a parameter not allowed) gives "/"."""
    parts = urlsplit(target)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if parts.scheme or parts.netloc or parts.fragment or len(safe_query(pairs)) != len(pairs):
        return "/"
    return safe_target(parts.path, pairs)


def item_id_of(value: str | None) -> int | None:
    """The item number of a link's parameter, or None when it is not one."""
    if value is None or not SAFE_QUERY[ITEM_PARAM].fullmatch(value.strip()):
        return None
    number = int(value)
    return number if number > 0 else None
