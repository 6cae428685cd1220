"""Response headers that refuse framing (clickjacking), added by the app itself.

Streamlit 1.67 has no setting for X-Frame-Options or a Content-Security-Policy, but ``st.App``
takes ASGI middleware: every HTTP response of ``streamlit run app.py`` gets both headers, so the
app is safe even where nobody configured the reverse proxy (docs/ACCOUNTS.md keeps them in the
proxy's configuration too). Only ``frame-ancestors`` is set: a fuller CSP would also have to allow
Streamlit's own inline styles and scripts, and one wrong directive blanks the page.
"""

from __future__ import annotations

from typing import Any

HEADERS = (
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
)


class SecurityHeaders:
    """Pure ASGI middleware (WebSocket traffic passes through untouched)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in HEADERS if name not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
