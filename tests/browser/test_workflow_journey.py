"""The reply's path through the ministry (issue 12) in a real browser, one account per role:

the Office (liaison) assigns the item to a lead unit and one coordinating unit -> the lead unit's
officer accepts it -> the coordinating unit's officer gives its part -> the lead submits a draft
(text and a PDF) -> the Office sends it back with comments -> the lead submits again -> the
Office approves it, records the signature and issues the reply (number, date, signer, result) ->
the progress page's count moves (replied +1), the stage reads "issued", and the item's history
shows every step with who and when. Any Streamlit exception box or console error fails the test.
The run also takes the docs' screenshots docs/screenshots/workflow_*.png (docs/WORKFLOW.md)."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import OFFICER_PASSWORD, SCREENSHOTS, create_accounts, start_server
from tests.browser.test_item_links import watch_deep
from tests.browser.test_journeys import choose, form, idle, sign_in, wait_until_drawn
from tracker import clock

pytestmark = pytest.mark.browser

LIAISON_PASSWORD = "matkhau-vanphong-2026"
COORD_PASSWORD = "matkhau-phoihop-2026"
TODAY = clock.today()
# A small, real PDF (the attachment check reads its first bytes, never its name alone).
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

# Display names: the history shows people by name (issue 11), so each step is checked against its person.
OFFICE, LEAD, COORD = "Phạm Thị Liên", "Trần Thị Đơn", "Lê Văn Phối"


@pytest.fixture
def workflow_server(tmp_path):
    """The two standard accounts plus the Office's liaison and a coordinating unit's officer, and one
    voter recommendation received three days ago, not yet assigned."""
    from tests.conftest import draft
    from tracker import accounts
    from tracker.permissions import SYSTEM, Role
    from tracker.service import Tracker

    db = tmp_path / "workflow.duckdb"
    create_accounts(db)
    tracker = Tracker.open(db)
    try:
        accounts.add_user(tracker, SYSTEM, "vanphong", LIAISON_PASSWORD, Role.LIAISON, display_name=OFFICE)
        accounts.add_user(
            tracker, SYSTEM, "cb_tcbc", COORD_PASSWORD, Role.UNIT_OFFICER, unit="TCBC", display_name=COORD
        )
        office = accounts.current_actor(tracker, "vanphong")
        assert office is not None
        item_id = tracker.create_item(
            office,
            draft(
                tracker,
                received_on=TODAY - timedelta(days=3),
                lead_unit=None,
                summary="Đề nghị bố trí đủ biên chế công chức cấp xã sau sắp xếp đơn vị hành chính",
            ),
        )
    finally:
        tracker.close()
    srv = start_server(db, tmp_path / "streamlit.log")
    srv.item_id = item_id  # type: ignore[attr-defined]
    yield srv
    srv.stop()


def step(page, verb: str, title: str):
    """Open the item page's step ``verb`` and return its form (found by its title).

    The button is found by its widget key (``item.{id}.open.{verb}``, ui/item_actions.py): only the
    action row carries it, where a label may also stand on a form's button. The click is retried
    when a rerun redrew the row under it."""
    box = form(page, title)
    item_id = parse_qs(urlsplit(page.url).query)["id"][0]
    # Streamlit writes a key into the class with every character outside [A-Za-z0-9_-] as "-".
    button = page.locator(f'[class~="st-key-item-{item_id}-open-{verb}"] button')
    for _ in range(4):
        idle(page)
        if box.is_visible():
            return box
        # A chosen step's button is drawn "primary": its form is on the way, and a second click
        # (made because the first rerun was slow) would close it again.
        if button.first.get_attribute("kind") != "primary":
            button.first.click()
        try:
            box.wait_for(state="visible", timeout=20_000)
            return box
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"step {verb!r} never opened its form")


def submit(page, box, button: str, done: str) -> None:
    box.get_by_role("button", name=button, exact=True).click()
    page.get_by_text(done, exact=True).wait_for()
    idle(page)


def upload(page, box, name: str, data: bytes) -> None:
    """Put a file in the form's uploader until the uploader lists it (a rerun that redrew the form
    meanwhile drops the file input the bytes were given to)."""
    shown = box.get_by_text(name)
    for _ in range(4):
        idle(page)
        box.locator('input[type="file"]').set_input_files(
            files=[{"name": name, "mimeType": "application/pdf", "buffer": data}]
        )
        try:
            shown.wait_for(timeout=45_000)  # the upload is its own request; slow on a loaded machine
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"the uploader never listed {name}")


def counted(page, locator, times: int, what: object, timeout_s: float = 30.0) -> None:
    """Wait until ``locator`` matches ``times`` elements (the history may still be redrawing)."""
    deadline = time.monotonic() + timeout_s
    while locator.count() != times:
        assert time.monotonic() < deadline, (what, locator.count(), times)
        page.wait_for_timeout(200)


ITEM_TITLE = re.compile(r"^Mục số \d+ — Kiến nghị cử tri")


def desk(browser, item_url: str, name: str, password: str):
    """One person at their own desk: their own browser (context), signed in on the item's page."""
    watched = watch_deep(browser)  # the item's own address: Streamlit's two base-path probes 404, nothing else
    sign_in(watched.page, item_url, name, password)
    watched.page.get_by_text(ITEM_TITLE).first.wait_for()
    idle(watched.page)
    return watched


def look_again(watched) -> None:
    """Reload the item page, as a person does after a colleague's step (the cookie keeps them signed in)."""
    watched.check()
    watched.page.reload()
    watched.page.get_by_text(ITEM_TITLE).first.wait_for()
    idle(watched.page)


def stage_is(page, label: str) -> None:
    page.get_by_text(label, exact=True).first.wait_for()


def test_the_reply_goes_through_the_ministry_and_the_counts_move(browser, workflow_server):
    srv = workflow_server
    item_url = f"{srv.url}/item?id={srv.item_id}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    office = desk(browser, item_url, "vanphong", LIAISON_PASSWORD)
    page = office.page

    # The Office sees the session at 0/1 replied, then assigns the item: a lead unit and one coordinating unit.
    page.get_by_role("link", name="Tiến độ").click()
    page.get_by_text("Kiến nghị cử tri: đã trả lời 0/1 (0 %).").wait_for()
    page.go_back()
    page.get_by_text(ITEM_TITLE).first.wait_for()
    idle(page)
    stage_is(page, "Chưa giao đơn vị")
    assign = step(page, "assign", "Giao / chuyển đơn vị")
    choose(page, "Đơn vị chủ trì", "Vụ Chính quyền địa phương", scope=assign)
    choose(page, "Đơn vị phối hợp", "Vụ Tổ chức - Biên chế", scope=assign)
    page.keyboard.press("Escape")  # a multiselect's list stays open after a pick, over the form's button
    assign.get_by_text("Vụ Tổ chức - Biên chế", exact=True).wait_for()
    idle(page)
    submit(page, assign, "Lưu", "Đã lưu phân công.")
    stage_is(page, "Chờ đơn vị nhận")
    office.check()

    # The lead unit's officer accepts it, naming who handles it.
    lead = desk(browser, item_url, "cb_cqdp", OFFICER_PASSWORD)
    page = lead.page
    stage_is(page, "Chờ đơn vị nhận")
    accept = step(page, "accept", "Nhận xử lý mục này")
    accept.get_by_label("Cán bộ xử lý", exact=True).fill("Hoàng Văn Bình")
    page.screenshot(path=str(SCREENSHOTS / "workflow_accept.png"))
    submit(page, accept, "Xác nhận nhận xử lý", "Đã nhận xử lý.")
    stage_is(page, "Đang dự thảo")
    lead.check()

    # The coordinating unit's officer records its part.
    coord = desk(browser, item_url, "cb_tcbc", COORD_PASSWORD)
    page = coord.page
    part = step(page, "record_part", "Ý kiến phối hợp của đơn vị")
    part.get_by_label("Ý kiến phối hợp", exact=True).fill("Thống nhất với dự thảo; đề nghị bổ sung số liệu năm 2026.")
    submit(page, part, "Gửi ý kiến", "Đã gửi ý kiến phối hợp.")
    coord.check()

    # The lead unit submits its draft: text and a PDF.
    look_again(lead)
    page = lead.page
    draft_box = step(page, "submit_draft", "Gửi dự thảo văn bản trả lời về Văn phòng")
    draft_box.get_by_label("Nội dung dự thảo", exact=True).fill("Kính gửi Đoàn ĐBQH tỉnh Nghệ An. Bộ Nội vụ trả lời …")
    upload(page, draft_box, "du_thao_tra_loi.pdf", PDF)
    submit(page, draft_box, "Gửi dự thảo", "Đã gửi dự thảo.")
    stage_is(page, "Văn phòng đang thẩm định")
    lead.check()

    # The Office sends it back with its comments.
    look_again(office)
    page = office.page
    review = step(page, "review", "Thẩm định dự thảo của đơn vị")
    review.get_by_text("Trả lại đơn vị kèm ý kiến", exact=True).click()
    review.get_by_label("Ý kiến thẩm định", exact=True).fill("Bổ sung căn cứ Nghị định 33/2023/NĐ-CP.")
    idle(page)
    page.screenshot(path=str(SCREENSHOTS / "workflow_review.png"))
    submit(page, review, "Lưu kết quả thẩm định", "Đã lưu kết quả thẩm định.")
    stage_is(page, "Đang sửa theo ý kiến Văn phòng")
    office.check()

    # The lead unit submits again.
    look_again(lead)
    page = lead.page
    stage_is(page, "Đang sửa theo ý kiến Văn phòng")
    draft_box = step(page, "submit_draft", "Gửi dự thảo văn bản trả lời về Văn phòng")
    draft_box.get_by_label("Nội dung dự thảo", exact=True).fill("Dự thảo lần 2, đã bổ sung căn cứ Nghị định 33/2023.")
    submit(page, draft_box, "Gửi dự thảo", "Đã gửi dự thảo.")
    stage_is(page, "Văn phòng đang thẩm định")
    lead.check()

    # The Office approves, records the signature, and issues the reply.
    look_again(office)
    page = office.page
    review = step(page, "review", "Thẩm định dự thảo của đơn vị")
    review.get_by_label("Ý kiến thẩm định", exact=True).fill("Đồng ý, trình Thứ trưởng ký.")
    submit(page, review, "Lưu kết quả thẩm định", "Đã lưu kết quả thẩm định.")
    stage_is(page, "Chờ lãnh đạo ký")
    sign = step(page, "sign", "Lãnh đạo Bộ ký văn bản trả lời")
    sign.get_by_label("Người ký", exact=True).fill("Thứ trưởng Trần Minh Khoa")
    submit(page, sign, "Ghi nhận", "Đã ghi nhận lãnh đạo ký.")
    stage_is(page, "Đã ký, chờ phát hành")
    issue = step(page, "issue", "Phát hành văn bản trả lời")
    issue.get_by_label("Số văn bản trả lời", exact=True).fill("902/BNV-CQĐP")
    issue.get_by_label("Người ký", exact=True).fill("Thứ trưởng Trần Minh Khoa")
    issue.get_by_text("Giải trình, cung cấp thông tin", exact=True).click()
    submit(page, issue, "Phát hành", "Đã phát hành văn bản trả lời.")
    stage_is(page, "Đã phát hành văn bản trả lời")
    office.check()

    # The draft's PDF is listed under the item's files, offered for download only.
    listed = page.locator('[data-testid="stText"]').filter(has_text="du_thao_tra_loi.pdf · Dự thảo")
    listed.wait_for()
    assert LEAD in listed.inner_text()
    assert page.get_by_role("button", name="Tải về").count() == 1

    # The history: every step, with who and when (today, at a time). The history is stamped by the
    # machine's clock, so after midnight in a run that pinned the day before, today is either day.
    days = {TODAY, date.today()}
    when = "(?:" + "|".join(re.escape(d.strftime("%d/%m/%Y")) for d in days) + r") \d\d:\d\d"
    for person, event, times in (
        (OFFICE, "Giao đơn vị", 1),
        (LEAD, "Đơn vị nhận xử lý", 1),
        (COORD, "Gửi ý kiến phối hợp", 1),
        (LEAD, "Đính kèm tệp", 1),
        (LEAD, "Gửi dự thảo", 2),
        (OFFICE, "Văn phòng trả lại dự thảo kèm ý kiến", 1),
        (OFFICE, "Văn phòng thông qua dự thảo", 1),
        (OFFICE, "Lãnh đạo ký", 1),
        (OFFICE, "Phát hành văn bản trả lời", 1),
    ):
        pattern = re.compile(f"{when} · {person} · {event}$", re.MULTILINE)
        line = page.locator('[data-testid="stText"]').filter(has_text=pattern)
        counted(page, line, times, (person, event))
    page.get_by_role("heading", name="Tệp đính kèm").scroll_into_view_if_needed()
    idle(page)
    page.screenshot(path=str(SCREENSHOTS / "workflow_issued.png"))

    # The counts moved: 1/1 replied, on the progress page; the lead unit's queue has nothing left to do.
    page.get_by_role("link", name="Tiến độ").click()
    page.get_by_text("Kiến nghị cử tri: đã trả lời 1/1 (100 %).").wait_for()
    idle(page)
    wait_until_drawn(page, tables=False, charts=True)
    office.check()
    look_again(lead)
    stage_is(lead.page, "Đã phát hành văn bản trả lời")
    lead.check()
    for watched in (office, lead, coord):
        watched.page.context.close()
