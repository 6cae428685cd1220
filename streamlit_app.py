"""Entry point: page config, navigation and the shared sidebar. Nothing else lives here."""

import streamlit as st

from tracker.i18n import LANGUAGES
from tracker.permissions import Action, Role
from ui import context as ctx

st.set_page_config(page_title="Theo dõi kiến nghị cử tri và chất vấn", page_icon="🏛️", layout="wide")

with st.sidebar:
    st.radio(
        ctx.tr("app.language"),
        options=list(LANGUAGES),
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        key=ctx.LANG_KEY,
        horizontal=True,
    )
    st.selectbox(
        ctx.tr("app.role"),
        options=[r.value for r in Role],
        format_func=ctx.labels([r.value for r in Role], lambda r: ctx.tr(f"role.{r}")),
        key=ctx.ROLE_KEY,
        index=1,
    )
    if st.session_state.get(ctx.ROLE_KEY) == Role.UNIT_OFFICER.value:
        units = [u for u in ctx.tracker().reference.units if u.active_to is None]
        st.selectbox(
            ctx.tr("app.my_unit"),
            options=[u.code for u in units],
            format_func=ctx.labels([u.code for u in units], lambda code: ctx.tracker().reference.unit_name(code, ctx.lang())),
            key=ctx.UNIT_KEY,
        )

pages = [
    st.Page("app_pages/progress.py", title=ctx.tr("nav.progress"), icon=":material/monitoring:", default=True),
    st.Page("app_pages/register.py", title=ctx.tr("nav.register"), icon=":material/table_view:", url_path="register"),
    st.Page("app_pages/queue.py", title=ctx.tr("nav.queue"), icon=":material/inbox:", url_path="queue"),
]
if ctx.allowed(Action.CREATE_ITEM):
    pages.append(st.Page("app_pages/new_item.py", title=ctx.tr("nav.new_item"), icon=":material/add_circle:", url_path="new"))
if ctx.allowed(Action.MANAGE_SETTINGS):
    pages.append(st.Page("app_pages/settings.py", title=ctx.tr("nav.settings"), icon=":material/settings:", url_path="settings"))

st.navigation(pages).run()
