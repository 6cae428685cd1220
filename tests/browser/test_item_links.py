"""A shared item link in a real browser: opened signed out it asks for sign-in and then lands on
the item; a reload keeps the person and the item; back and forward move between pages; a row of
the register opens the item's page; an unknown address gets our own Vietnamese "not found"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import ADMIN_PASSWORD, Server, Watched, create_accounts, start_server, watch
from tests.browser.test_journeys import _wait_for_cookie, idle

pytestmark = pytest.mark.browser

HEADING = "Mục số 1 — Kiến nghị cử tri"


@pytest.fixture
def item_server(tmp_path) -> Iterator[Server]:
    """The two accounts and one recommendation, written before the server opens the file."""
    from tests.conftest import LIAISON, draft
    from tracker.service import Tracker

    db = tmp_path / "browser.duckdb"
    create_accounts(db)
    tracker = Tracker.open(db)
    tracker.create_item(LIAISON, draft(tracker, coordinating_units=("CQĐP",)))
    tracker.close()
    server = start_server(db, tmp_path / "streamlit.log")
    yield server
    server.stop()


# Opened at a page's own address, Streamlit's frontend first asks whether that address is the app's
# base path (GET /item/_stcore/health and /host-config: 404, so the base is "/"). Those two probes
# are Streamlit's, expected, and the only 404s allowed.
_BASE_PATH_PROBE = re.compile(r"/[A-Za-z0-9_\-]+/_stcore/(health|host-config)$")


def watch_deep(browser):
    watched = watch(browser)
    missing: list[str] = []
    watched.page.on("response", lambda r: missing.append(urlsplit(r.url).path) if r.status == 404 else None)

    def check() -> None:
        assert all(_BASE_PATH_PROBE.search(path) for path in missing), missing
        watched.console_errors[:] = [e for e in watched.console_errors if "status of 404" not in e]
        Watched.check(watched)

    watched.check = check
    return watched


def where(page) -> str:
    parts = urlsplit(page.url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_a_shared_item_link_signs_in_then_lands_on_the_item_and_survives_reload_and_back(browser, item_server):
    watched = watch_deep(browser)
    page = watched.page
    page.goto(f"{item_server.url}/item?id=1")
    box = page.get_by_label("Tên đăng nhập", exact=True)
    box.wait_for(timeout=60_000)
    idle(page)
    assert page.get_by_text("Page not found").count() == 0, "Streamlit's English box"
    box.fill("quantri")
    page.get_by_label("Mật khẩu", exact=True).fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_function("() => !location.pathname.startsWith('/_tracker')", polling=100, timeout=30_000)
    _wait_for_cookie(page, present=True)
    page.get_by_text(HEADING).wait_for(timeout=60_000)
    assert where(page) == "/item?id=1"
    page.get_by_role("button", name="Giao / chuyển đơn vị", exact=True).wait_for()
    watched.check()

    # A reload keeps the person (the cookie) and the item (the address).
    page.reload()
    page.get_by_text(HEADING).wait_for(timeout=60_000)
    page.get_by_text("Đăng xuất").wait_for()
    assert where(page) == "/item?id=1"

    # Back and forward move between the register and the item.
    idle(page)
    page.get_by_role("link", name="Sổ theo dõi").click()
    page.get_by_role("heading", name="Sổ theo dõi").wait_for()
    idle(page)
    assert where(page) == "/register"
    page.go_back()
    page.get_by_text(HEADING).wait_for(timeout=30_000)
    assert where(page) == "/item?id=1"
    page.go_forward()
    page.get_by_role("heading", name="Sổ theo dõi").wait_for(timeout=30_000)
    idle(page)
    assert page.get_by_text(HEADING).count() == 0, "coming back to the list does not reopen the item"

    # A row of the register opens the item's page (the grid's selection column, first row).
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for()
    page.wait_for_timeout(500)  # the canvas grid draws after its frame
    grid.click(position={"x": 18, "y": 54})
    page.get_by_text(HEADING).wait_for(timeout=30_000)
    idle(page)
    assert where(page) == "/item?id=1"

    # The register's old link is an alias of the item's page.
    page.goto(f"{item_server.url}/register?item=1")
    page.get_by_text(HEADING).wait_for(timeout=60_000)
    idle(page)
    assert where(page) == "/item?id=1"
    watched.check()


def test_an_unknown_address_gets_our_vietnamese_not_found_with_a_way_home(browser, item_server):
    watched = watch_deep(browser)
    page = watched.page
    page.goto(f"{item_server.url}/khong-co-trang-nay")
    page.get_by_text("Không tìm thấy trang").first.wait_for(timeout=60_000)
    idle(page)
    assert page.get_by_text("Page not found").count() == 0
    page.get_by_role("link", name="Về trang đăng nhập").click()
    page.get_by_label("Tên đăng nhập", exact=True).wait_for(timeout=30_000)
    watched.check()
