"""The served app refuses to be framed (issue 8, point 6) even without a proxy in front: every HTTP
response of `streamlit run app.py` carries X-Frame-Options and CSP frame-ancestors."""

from __future__ import annotations

import urllib.request

import pytest


@pytest.fixture
def server(module_server):
    """Both tests only read the served responses: one server for the module."""
    return module_server


def _headers(url: str) -> dict[str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return {name.lower(): value for name, value in response.headers.items()}


def test_every_page_and_route_refuses_framing(server):
    for path in ("/", "/register", "/_stcore/health", "/_tracker/session/end"):
        headers = _headers(server.url + path)
        assert headers.get("x-frame-options") == "DENY", path
        assert headers.get("content-security-policy") == "frame-ancestors 'none'", path
        assert headers.get("x-content-type-options") == "nosniff", path


def test_a_page_framed_by_another_site_stays_blank(server, browser):
    """Chromium itself refuses to draw the app inside another origin's frame."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.set_content(f'<iframe id="f" src="{server.url}/" width="800" height="600"></iframe>')
        page.wait_for_timeout(3000)
        frame = page.frame_locator("#f")
        assert frame.locator('[data-testid="stApp"]').count() == 0
    finally:
        context.close()
