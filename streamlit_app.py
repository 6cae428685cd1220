"""Entry point: page config, navigation and the shared sidebar. Nothing else lives here."""

import streamlit as st

from tracker.i18n import LANGUAGES
from tracker.permissions import Action
from ui import context as ctx
from ui import plain_text as pt
from ui.deep_links import PAGE_PATHS
from ui.frontend_texts import localise_frontend
from ui.landing import NOT_FOUND_PATH, unknown_address

st.set_page_config(page_title="Theo dõi kiến nghị cử tri và chất vấn", page_icon="🏛️", layout="wide")
ctx.tracker()  # a file that cannot be opened stops here with one sentence, before the sidebar

# First: a reloaded page finds its session (and the language it was in) through the cookie.
user = ctx.signed_in()
with st.sidebar:
    st.radio(
        ctx.tr("app.language"),
        options=list(LANGUAGES),
        format_func={"vi": "Tiếng Việt", "en": "English"}.get,
        key=ctx.LANG_KEY,
        horizontal=True,
        on_change=ctx.language_changed,
    )
    if user is not None:
        unit = ctx.tracker().reference.unit_name(user.unit, ctx.lang()) if user.unit else ""
        # Display and unit names are typed by administrators: plain text, never Markdown.
        st.caption(
            pt.tr_md("app.signed_in_as", name=user.label, role=ctx.tr(f"role.{user.role.value}"))
            + (f" · {pt.md(unit)}" if unit else "")
        )
        if st.button(ctx.tr("app.sign_out"), key="app.sign_out"):
            ctx.sign_out()
            st.rerun()
        ctx.watch_idle()
    localise_frontend()
ctx.send_browser_for_cookie()

if user is None:
    # A shared link opened signed out gets the sign-in box at that very address (hidden from the
    # menu), so that sign-in and the session-cookie round trip, which carries it, land exactly there.
    pages = [
        st.Page(
            "app_pages/sign_in.py",
            title=ctx.tr("nav.sign_in"),
            icon=":material/login:",
            default=not path,
            url_path=path or None,
            visibility="hidden" if path else "visible",
        )
        for path in ("", *PAGE_PATHS)
    ]
else:
    pages = [
        st.Page("app_pages/progress.py", title=ctx.tr("nav.progress"), icon=":material/monitoring:", default=True),
        st.Page(
            "app_pages/register.py", title=ctx.tr("nav.register"), icon=":material/table_view:", url_path="register"
        ),
        st.Page("app_pages/queue.py", title=ctx.tr("nav.queue"), icon=":material/inbox:", url_path="queue"),
        # One item, reached by its link (/item?id=397) or from a list's row; not a menu entry.
        st.Page(
            "app_pages/item.py",
            title=ctx.tr("nav.item"),
            icon=":material/description:",
            url_path="item",
            visibility="hidden",
        ),
    ]
    if ctx.allowed(Action.CREATE_ITEM):
        pages.append(
            st.Page("app_pages/new_item.py", title=ctx.tr("nav.new_item"), icon=":material/add_circle:", url_path="new")
        )
    if ctx.allowed(Action.IMPORT):
        pages.append(
            st.Page(
                "app_pages/import_data.py", title=ctx.tr("nav.import"), icon=":material/upload_file:", url_path="import"
            )
        )
    if ctx.allowed(Action.EXPORT):
        pages.append(
            st.Page("app_pages/export.py", title=ctx.tr("nav.export"), icon=":material/download:", url_path="export")
        )
        pages.append(
            st.Page(
                "app_pages/briefing.py", title=ctx.tr("nav.briefing"), icon=":material/summarize:", url_path="briefing"
            )
        )
    if ctx.allowed(Action.VIEW_AUDIT):
        pages.append(
            st.Page("app_pages/audit.py", title=ctx.tr("nav.audit"), icon=":material/history:", url_path="audit")
        )
    # Every account: its own "Thông báo của tôi" (issue 13); the rest of Settings is the administrator's.
    pages.append(
        st.Page("app_pages/settings.py", title=ctx.tr("nav.settings"), icon=":material/settings:", url_path="settings")
    )

# Our own "not found" (Vietnamese, a link home) instead of Streamlit's English box: see unknown_address.
unknown = unknown_address([page.url_path for page in pages] + [NOT_FOUND_PATH])
pages += [
    st.Page("app_pages/not_found.py", title=ctx.tr("nav.not_found"), url_path=path, visibility="hidden")
    for path in [NOT_FOUND_PATH] + ([unknown] if unknown else [])
]

st.navigation(pages).run()
