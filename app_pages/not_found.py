"""Our own "not found" for an address no page answers (streamlit_app.py registers it there),
instead of Streamlit's English box: says so in the person's language and offers the way home."""

from __future__ import annotations

import streamlit as st

from ui import context as ctx

st.title(ctx.tr("not_found.title"))
st.info(ctx.tr("not_found.body"), icon=":material/explore_off:")
if ctx.signed_in() is None:
    st.page_link("app_pages/sign_in.py", label=ctx.tr("not_found.sign_in"), icon=":material/login:")
else:
    st.page_link("app_pages/progress.py", label=ctx.tr("not_found.home"), icon=":material/home:")
    st.page_link("app_pages/register.py", label=ctx.tr("nav.register"), icon=":material/table_view:")
