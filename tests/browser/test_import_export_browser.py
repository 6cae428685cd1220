"""In a real browser: upload an import file -> preview -> commit; export Excel and Word and open
the downloaded files."""

from __future__ import annotations

import re

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.browser.conftest import ADMIN_PASSWORD, watch
from tests.browser.test_journeys import idle, sign_in
from tests.factories import as_csv, generated_rows

pytestmark = pytest.mark.browser
ROWS = 40


def test_upload_preview_commit_then_export_excel_and_word(browser, server, tmp_path):
    source = tmp_path / "kien-nghi-ky-9.csv"
    source.write_bytes(as_csv(generated_rows(ROWS)))
    watched = watch(browser)
    page = watched.page
    sign_in(page, server.url, "quantri", ADMIN_PASSWORD)

    page.get_by_role("link", name="Nhập từ tệp").click()
    page.get_by_role("heading", name="Nhập từ tệp").wait_for()
    page.locator('input[type="file"]').set_input_files(str(source))
    commit = page.get_by_role("button", name=f"Ghi {ROWS} mục mới vào sổ")
    commit.wait_for()
    watched.check()
    commit.click()
    page.get_by_test_id("stAlertContentSuccess").get_by_text(f"Đã nhập {ROWS} mục mới").wait_for()
    watched.check()

    page.get_by_role("link", name="Tiến độ").click()
    page.get_by_text(re.compile(rf"Kiến nghị cử tri: đã trả lời \d+/{ROWS} ")).wait_for()

    page.get_by_role("link", name="Xuất báo cáo").click()
    page.get_by_role("heading", name="Xuất báo cáo").wait_for()
    idle(page)
    files = {}
    for label, suffix in (("Excel: tổng hợp", "xlsx"), ("Word: báo cáo tổng hợp", "docx")):
        page.get_by_text(label).click()
        idle(page)
        # One click: the button makes the file and the browser receives it.
        with page.expect_download() as download:
            page.get_by_role("button", name=re.compile(rf"Tải tệp .*\.{suffix}")).click()
        path = tmp_path / f"bao-cao.{suffix}"
        download.value.save_as(path)
        files[suffix] = path
    watched.check()

    book = load_workbook(files["xlsx"])
    register = book.worksheets[1]
    assert register.max_row == ROWS + 1, "the register sheet holds every imported item"
    text = "\n".join(p.text for p in Document(files["docx"]).paragraphs)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in "\n".join(
        cell.text for table in Document(files["docx"]).tables for row in table.rows for cell in row.cells
    )
    assert f"{ROWS} kiến nghị" in text
