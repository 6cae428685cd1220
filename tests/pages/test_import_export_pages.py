"""The import, export and briefing pages under AppTest: upload -> preview -> commit, the report
pack's buttons, the briefing's sentences, and who sees which page."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import copy_db, open_page, start_app
from tracker import clock
from tracker.importing import COLUMNS
from tracker.plain_text import WORD_JOINER, unescape_markdown
from tracker.service import Filters
from tracker.sessions import SessionRef
from ui.context import _open_tracker

ROOT = Path(__file__).resolve().parents[2]


def app(
    db: Path, monkeypatch: pytest.MonkeyPatch, role: str | None = "liaison", lang: str = "vi", unit: str | None = None
) -> AppTest:
    return start_app(db, monkeypatch, role, lang, unit)


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption] + [m.value for m in at.info]
    parts += [m.value for m in at.success] + [m.value for m in at.error] + [m.value for m in at.warning]
    parts += [m.value for m in at.title] + [f"{m.label}: {m.value}" for m in at.metric]
    parts += [m.value for m in at.text]  # previews are plain text (ui.plain_text.text)
    # User text inside Markdown is escaped (tracker/plain_text.py): read it back as shown.
    return re.sub(r"\\(.)", r"\1", "\n".join(parts)).replace(WORD_JOINER, "")


def csv_file(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([r.get(c, "") for c in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def recommendation(n: int, **overrides) -> dict:
    values = {
        "kind": "Kiến nghị cử tri",
        "term": "15",
        "session": "9",
        "phase": "Sau kỳ họp",
        "ref_no": f"{n}/BDN",
        "received_on": "04/08/2025",
        "source": "Cử tri tỉnh Nghệ An",
        "summary": f"Kiến nghị số {n} về chế độ phụ cấp cấp xã",
        "lead_unit": "CQĐP",
    }
    return {**values, **overrides}


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def frame_with(at: AppTest, column: str):
    """The table showing ``column`` (st.dataframe without selection has no key under AppTest)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def commit_button(at: AppTest):
    return at.button(key="import_data.commit")


def test_journey_upload_preview_commit_then_the_same_file_adds_nothing(db_path, monkeypatch):
    at = open_page(app(db_path, monkeypatch), "import_data")
    assert at.title[0].value == "Nhập từ tệp"
    assert [b.label for b in at.get("download_button")] == ["Tải mẫu Excel", "Tải mẫu CSV"]

    # A file with a bad row: every row's fate is shown, the problem named by row and column, nothing can be written.
    bad = csv_file([recommendation(1), recommendation(2), recommendation(3, received_on="32/08/2025")])
    upload(at, "kien-nghi.csv", bad)
    shown = texts(at)
    assert "Tệp kien-nghi.csv: 3 dòng — 2 mới, 0 trùng, 1 không hợp lệ." in shown
    assert 'Dòng 4, cột "received_on": Ngày "32/08/2025" không đúng định dạng dd/mm/yyyy (Ngày nhận).' in shown
    assert "Mới: 2" in shown and "Không hợp lệ: 1" in shown
    assert commit_button(at).disabled
    table = frame_with(at, "Xử lý")
    assert list(table["Xử lý"]) == ["Mới", "Mới", "Không hợp lệ"]
    tracker = _open_tracker(str(db_path))
    assert tracker.search(Filters(), clock.today(), limit=1).total == 0

    # The corrected file: three new rows, written at once.
    good = csv_file([recommendation(1), recommendation(2), recommendation(3)])
    upload(at, "kien-nghi.csv", good)
    assert "Tệp kien-nghi.csv: 3 dòng — 3 mới, 0 trùng, 0 không hợp lệ." in texts(at)
    assert commit_button(at).label == "Ghi 3 mục mới vào sổ" and not commit_button(at).disabled
    commit_button(at).click().run()
    assert not at.exception
    assert "Đã nhập 3 mục mới; bỏ qua 0 mục trùng." in texts(at)
    assert tracker.search(Filters(), clock.today(), limit=1).total == 3
    assert [e.action for e in tracker.history(1)] == ["imported"]
    assert not at.file_uploader[0].value  # the uploader is empty again

    # The same file again: every row is a duplicate, shown beside the item it repeats.
    upload(at, "kien-nghi.csv", good)
    assert "3 dòng — 0 mới, 3 trùng, 0 không hợp lệ." in texts(at)
    beside = frame_with(at, "Trùng với")
    assert list(beside["Trùng với"]) == [f'trùng số văn bản đến "{n}/BDN" với mục số {n}' for n in (1, 2, 3)]
    assert commit_button(at).disabled and "Không có mục mới nào để ghi." in texts(at)

    # The preview filter shows one fate at a time.
    at.get("button_group")[0].set_value("duplicate").run()
    assert list(frame_with(at, "Xử lý")["Xử lý"]) == ["Trùng (bỏ qua)"] * 3


def test_a_long_preview_is_shown_a_page_at_a_time_and_still_commits_every_row(db_path, monkeypatch):
    monkeypatch.setattr("tracker.importing.PREVIEW_PAGE_ROWS", 2)  # 120,000 rows in the real page
    at = open_page(app(db_path, monkeypatch), "import_data")
    upload(at, "kien-nghi.csv", csv_file([recommendation(n) for n in range(1, 6)]))
    assert "Tệp kien-nghi.csv: 5 dòng — 5 mới, 0 trùng, 0 không hợp lệ." in texts(at)
    assert "Dòng 1–2 trong 5 dòng" in texts(at)
    assert list(frame_with(at, "Xử lý")["Số đến"]) == ["1/BDN", "2/BDN"]
    at.number_input(key="import_data.page.all").set_value(3).run()
    assert "Dòng 5–5 trong 5 dòng" in texts(at)
    assert list(frame_with(at, "Xử lý")["Số đến"]) == ["5/BDN"]
    commit_button(at).click().run()
    assert "Đã nhập 5 mục mới; bỏ qua 0 mục trùng." in texts(at)


def test_unknown_units_are_created_only_when_ticked(db_path, monkeypatch):
    at = open_page(app(db_path, monkeypatch, role="admin"), "import_data")
    upload(at, "don-vi-moi.csv", csv_file([recommendation(1, lead_unit="Cục Chuyển đổi số")]))
    assert "Đơn vị chưa có trong danh mục: Cục Chuyển đổi số." in texts(at)
    shown = texts(at) + "".join(f.value.to_csv() for f in at.dataframe)
    assert "chưa có trong danh mục; quản trị viên có thể chọn" in shown and "--create-missing" not in shown
    assert commit_button(at).disabled
    at.checkbox(key="import_data.create_missing").check().run()
    assert "Sẽ tạo đơn vị: CCĐS = Cục Chuyển đổi số." in texts(at)
    commit_button(at).click().run()
    assert "Đã nhập 1 mục mới" in texts(at)
    tracker = _open_tracker(str(db_path))
    assert tracker.reference.unit("CCĐS").name_vi == "Cục Chuyển đổi số"


def test_an_unreadable_file_is_explained_in_english(db_path, monkeypatch):
    at = open_page(app(db_path, monkeypatch, lang="en"), "import_data")
    upload(at, "notes.csv", b"just,two\n")
    assert "notes.csv lacks required columns: kind, session, received_on, summary." in texts(at)


@pytest.mark.parametrize("role", ["viewer", "unit_officer"])
def test_only_those_who_may_import_see_the_import_page(role, db_path, monkeypatch):
    at = app(db_path, monkeypatch, role=role, unit="CQĐP" if role == "unit_officer" else None)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/import_data.py")
    open_page(at, "export")
    open_page(at, "briefing")


def test_export_page_makes_the_pack(demo_db, tmp_path, monkeypatch):
    db = copy_db(demo_db.path, tmp_path)
    at = open_page(app(db, monkeypatch, role="viewer"), "export")
    tracker = _open_tracker(str(db))
    sid = tracker.reference.session_by_ref(SessionRef(15, 9)).id
    at.selectbox(key="export.session").set_value(sid).run()
    shown = texts(at)
    assert "Hạn gửi báo cáo tổng hợp lên Ủy ban Thường vụ Quốc hội: 22/09/2025" in shown
    assert "Bộ Nội vụ đã nhận được 30 kiến nghị của cử tri gửi đến Kỳ họp thứ 9, Quốc hội khóa XV." in shown
    # One click: the download button is there at once and makes the file when clicked (a callable
    # Streamlit runs on the click; AppTest has no runtime to run it: the browser test downloads both).
    assert not [b for b in at.button if b.key == "export.make"]
    name = f"kien-nghi-chat-van-15-9-{clock.today().isoformat()}.xlsx"
    # A widget label is Markdown: the file name in it is escaped, and reads as itself.
    assert unescape_markdown(at.get("download_button")[0].label) == f"Tải tệp {name}"

    at.radio(key="export.format").set_value("docx").run()
    name = f"bao-cao-15-9-{clock.today().isoformat()}.docx"
    assert unescape_markdown(at.get("download_button")[0].label) == f"Tải tệp {name}"


def test_a_unit_officer_exports_their_own_unit_by_default(demo_db, tmp_path, monkeypatch):
    db = copy_db(demo_db.path, tmp_path)
    at = open_page(app(db, monkeypatch, role="unit_officer", unit="CQĐP"), "export")
    assert at.selectbox(key="export.unit").value == "CQĐP"
    assert "Đơn vị: Vụ Chính quyền địa phương." in texts(at)


def test_briefing_page_writes_the_months_sentences_in_both_languages(demo_db, tmp_path, monkeypatch):
    db = copy_db(demo_db.path, tmp_path)
    at = open_page(app(db, monkeypatch, role="viewer"), "briefing")
    at.selectbox(key="briefing.month").set_value((2024, 8)).run()
    shown = texts(at)
    assert "Trong tháng 8/2024 (từ ngày 01/08/2024 đến ngày 31/08/2024), Bộ Nội vụ nhận được" in shown
    assert "In August 2024 (01/08/2024 to 31/08/2024), the Ministry of Home Affairs received" in shown
    assert at.title[0].value == "Giao ban tháng"
