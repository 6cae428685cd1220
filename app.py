"""The server: Streamlit serving streamlit_app.py, plus the session-cookie routes.

`streamlit run app.py` (what `make run` does) finds ``app`` below and serves it. The pages, the
navigation and the sidebar stay in streamlit_app.py; this file only adds what a script cannot do:
HTTP routes that set and clear the HttpOnly session cookie (ui/session_routes.py, docs/ACCOUNTS.md),
and the headers that refuse framing (ui/security_headers.py).
"""

import streamlit as st
from starlette.middleware import Middleware

from ui import security_headers, session_routes

app = st.App(
    "streamlit_app.py",
    routes=session_routes.routes(),
    middleware=[Middleware(security_headers.SecurityHeaders)],
)
