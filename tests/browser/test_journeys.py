"""Key journeys in a real browser (Debian's Chromium via Playwright) against `streamlit run`:
sign in -> enter a recommendation -> assign it -> record the reply -> the counts move; switch
language; a unit officer's queue. Any Streamlit exception box or console error fails the test.
The same run refreshes the README's screenshots (docs/screenshots/)."""

from __future__ import annotations

import re
import shutil
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD, SCREENSHOTS, create_accounts, start_server, watch
from tracker import clock

pytestmark = pytest.mark.browser


def sign_in(page, url: str, name: str, password: str) -> None:
    """Sign in, and wait until the browser is back from collecting its session cookie.

    After the password is accepted the tab is sent once through /_tracker/session/start (a full
    navigation, ui/session_routes.py); a click that lands before that round trip ends would be lost
    with the page it was made on."""
    page.goto(url)
    box = page.get_by_label("Tên đăng nhập", exact=True)
    try:
        box.wait_for(timeout=45_000)
    except PlaywrightTimeout:
        # A fresh server's first script run on a loaded 2-core CI machine can miss the websocket
        # handshake (seen once in CI): load the page again, as a person would, before failing.
        page.reload()
        box.wait_for(timeout=60_000)
    box.fill(name)
    page.get_by_label("Mật khẩu", exact=True).fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_function("() => !location.pathname.startsWith('/_tracker')", polling=100, timeout=30_000)
    _wait_for_cookie(page, present=True)
    page.get_by_text("Đăng xuất").wait_for()
    idle(page)


def sign_out(page) -> None:
    """Click "Đăng xuất" and wait until the sign-in box is back and the cookie is gone.

    Navigating away before the click's rerun reached the server would keep the session alive: the
    next page would open signed in as the same person (that is the reload-keeps-you-in feature)."""
    idle(page)
    page.get_by_role("button", name="Đăng xuất").click()
    _wait_for_cookie(page, present=False)
    page.get_by_label("Tên đăng nhập", exact=True).wait_for(timeout=30_000)
    idle(page)


def _wait_for_cookie(page, *, present: bool, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        has = any(c["name"] == "tracker_session" for c in page.context.cookies())
        if has == present:
            return
        page.wait_for_timeout(100)
    raise AssertionError(
        f"the session cookie is {'still missing' if present else 'still there'} after {timeout_s:.0f} s"
    )


def choose(page, label: str, option: str, scope=None) -> None:
    """Pick ``option`` in the Streamlit selectbox labelled ``label``.

    Typing filters the list to the option; a click that lands while the script is still
    rerunning can close the list again, so it is retried."""
    box = (scope or page).get_by_label(label, exact=True)
    target = page.get_by_role("option", name=option, exact=True)
    for _ in range(4):
        idle(page)
        box.click()
        page.keyboard.type(option)
        try:
            target.wait_for(timeout=5_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        target.click()
        return
    raise AssertionError(f"option {option!r} never appeared in {label!r}")


def open_tab(page, name: str, shows) -> None:
    """Click the tab ``name`` until ``shows`` is visible: a rerun that lands after the click
    redraws the tabs with the first one selected."""
    for _ in range(4):
        idle(page)
        page.get_by_role("tab", name=name).click()
        try:
            shows.wait_for(state="visible", timeout=5_000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"tab {name!r} never showed what it holds")


def open_action(page, name: str, shows) -> None:
    """Click the item page's action button ``name`` until its form ``shows``."""
    for _ in range(4):
        idle(page)
        if shows.is_visible():
            return
        page.get_by_role("button", name=name, exact=True).click()
        try:
            shows.wait_for(state="visible", timeout=5_000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"action {name!r} never opened its form")


def form(page, heading: str):
    return page.locator('[data-testid="stForm"]').filter(has_text=heading)


def idle(page) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=30_000)


def test_enter_assign_reply_and_the_counts_move(browser, server):
    watched = watch(browser)
    page = watched.page
    sign_in(page, server.url, "quantri", ADMIN_PASSWORD)
    page.get_by_text("Chưa có kiến nghị hay chất vấn nào").wait_for()

    # Enter a recommendation.
    page.get_by_role("link", name="Nhập mới").click()
    page.get_by_text("Nhập kiến nghị cử tri / chất vấn").wait_for()
    page.get_by_label("Nguồn (cử tri/đoàn ĐBQH)", exact=True).fill("Cử tri tỉnh Nghệ An; Cử tri TP. Hà Nội")
    page.get_by_label("Số văn bản đến", exact=True).fill("2468/BDN")
    page.get_by_label("Tóm tắt nội dung", exact=True).fill(
        "Đề nghị tăng phụ cấp cho người hoạt động không chuyên trách ở cấp xã"
    )
    page.get_by_label("Tóm tắt nội dung", exact=True).press("Tab")
    idle(page)
    page.get_by_text(re.compile(r"\+ 60 ngày = ")).wait_for()
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text("Đã lưu mục số 1.").wait_for()
    watched.check()

    # The progress page shows it open: 0/1.
    page.get_by_role("link", name="Tiến độ").click()
    page.get_by_text("Kiến nghị cử tri: đã trả lời 0/1 (0 %).").wait_for()

    # Open it (the link the entry page left), assign it, then record the reply.
    page.get_by_role("link", name="Nhập mới").click()
    page.get_by_role("link", name="Mở mục số 1").click()
    page.get_by_text("Mục số 1 — Kiến nghị cử tri").wait_for()
    assign = form(page, "Giao / chuyển đơn vị")
    open_action(page, "Giao / chuyển đơn vị", assign)
    choose(page, "Đơn vị chủ trì", "Vụ Chính quyền địa phương", scope=assign)
    assign.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu phân công.").wait_for()
    answer = form(page, "Ghi nhận văn bản trả lời")
    open_action(page, "Ghi nhận văn bản trả lời", answer)
    answer.get_by_label("Số văn bản trả lời", exact=True).fill("902/BNV-CQĐP")
    answer.get_by_label("Người ký", exact=True).fill("Thứ trưởng Trần Minh Khoa")
    answer.get_by_text("Giải trình, cung cấp thông tin").click()
    answer.get_by_role("button", name="Lưu trả lời").click()
    page.get_by_text("Đã lưu văn bản trả lời.").wait_for()
    page.get_by_text("Ghi nhận trả lời").first.wait_for()  # the history, on the same page
    watched.check()

    # The chart and the counts moved: 1/1 replied on time.
    page.get_by_role("link", name="Tiến độ").click()
    page.get_by_text("Kiến nghị cử tri: đã trả lời 1/1 (100 %).").wait_for()
    page.locator(".st-key-progress-chart .progress-bars").wait_for()
    assert "1 (100 %)" in page.locator(".st-key-progress-chart .progress-bars").inner_text()

    # English one click away, and back.
    page.get_by_text("English", exact=True).click()
    page.get_by_text("Progress on voter recommendations and questions").wait_for()
    page.get_by_text("Voter recommendations: 1/1 replied (100 %).").wait_for()
    page.get_by_text("Tiếng Việt", exact=True).click()
    page.get_by_text("Tiến độ trả lời kiến nghị cử tri và chất vấn").wait_for()
    watched.check()

    # A unit officer sees the item in their unit's queue. Settings holds only their own messages
    # (issue 13: everyone chooses what they receive); the administrator's tabs are not there.
    sign_out(page)
    sign_in(page, server.url, "cb_cqdp", OFFICER_PASSWORD)
    page.get_by_role("link", name="Cài đặt").click()
    page.get_by_text("Thông báo của tôi").wait_for()
    idle(page)
    assert page.get_by_role("tab", name="Kỳ họp").count() == 0
    assert page.get_by_role("tab", name="Đơn vị").count() == 0
    page.get_by_role("link", name="Việc của đơn vị").click()
    page.get_by_text("1 mục phù hợp; đang xem 1–1.").wait_for()
    watched.check()


def test_wrong_password_is_refused_in_vietnamese(browser, server):
    watched = watch(browser)
    page = watched.page
    page.goto(server.url)
    page.get_by_label("Tên đăng nhập", exact=True).fill("quantri")
    page.get_by_label("Mật khẩu", exact=True).fill("sai-mat-khau-roi")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.").wait_for()
    assert page.get_by_role("link", name="Tiến độ").count() == 0
    watched.check()


# Sidebar link -> the page's heading. (Navigation stays inside the app: a reload starts a new
# session, which signs the user out.)
PAGES = {
    "register": ("Sổ theo dõi", "Sổ theo dõi"),
    "queue": ("Việc của đơn vị", "Việc của đơn vị"),
    "new_item": ("Nhập mới", "Nhập kiến nghị cử tri / chất vấn"),
    "import_data": ("Nhập từ tệp", "Nhập từ tệp"),
    "export": ("Xuất báo cáo", "Xuất báo cáo"),
    "briefing": ("Giao ban tháng", "Giao ban tháng"),
    "audit": ("Nhật ký thay đổi", "Nhật ký thay đổi"),
    "settings": ("Cài đặt", "Cài đặt"),
    "progress": ("Tiến độ", "Tiến độ trả lời kiến nghị cử tri và chất vấn"),
}


# Pages whose screenshot is worthless without their table or chart (the register's was blank).
DRAWN_TABLES = {"register", "progress"}
DRAWN_CHARTS = {"progress"}

# Every table's canvas has drawn rows (the grid sizes its canvas once its data is in) and every
# Plotly chart has drawn its axes (HTML bars are drawn once they are in the page); then nothing is
# left half-drawn on the page.
_ALL_DRAWN = """() => {
  const shown = (e) => e.getClientRects().length > 0;  // not inside a closed expander or tab
  const frames = [...document.querySelectorAll('[data-testid="stDataFrame"]')].filter(shown);
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  const frameDrawn = (f) => {
    const c = f.querySelector('canvas');
    return c !== null && c.width > 0 && c.height > 0 && f.getBoundingClientRect().height > 40;
  };
  const plotDrawn = (p) => p.querySelector('.main-svg .cartesianlayer, .main-svg .pielayer') !== null;
  return frames.every(frameDrawn) && plots.every(plotDrawn);
}"""


def wait_until_drawn(page, *, tables: bool, charts: bool) -> None:
    """Wait for the page's tables and charts to draw (at least one of each where expected)."""
    if tables:
        page.locator('[data-testid="stDataFrame"]').first.wait_for()
    if charts:  # the progress page's own chart is HTML bars (ui/progress_bars.py); the rest are plotly
        page.locator(".js-plotly-plot, .progress-bars").first.wait_for()
    page.wait_for_function(_ALL_DRAWN, polling=100, timeout=30_000)
    page.wait_for_timeout(300)  # one more frame for the canvas to paint what it laid out


def test_every_page_on_demo_data_renders_cleanly_and_refreshes_screenshots(browser, demo_db, tmp_path):
    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db.path, db)
    create_accounts(db)
    srv = start_server(db, tmp_path / "streamlit.log")
    try:
        watched = watch(browser, height=1100)
        page = watched.page
        sign_in(page, srv.url, "quantri", ADMIN_PASSWORD)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for name, (link, title) in PAGES.items():
            page.get_by_role("link", name=link, exact=True).click()
            page.get_by_role("heading", name=title).wait_for()
            idle(page)
            wait_until_drawn(page, tables=name in DRAWN_TABLES, charts=name in DRAWN_CHARTS)
            watched.check()
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        page.get_by_text("English", exact=True).click()
        page.get_by_role("heading", name="Progress on voter recommendations and questions").wait_for()
        idle(page)
        wait_until_drawn(page, tables=True, charts=True)
        page.screenshot(path=str(SCREENSHOTS / "progress_en.png"), full_page=True)
        watched.check()
    finally:
        srv.stop()
    assert clock.today()  # screenshots carry today's data; the README links them
