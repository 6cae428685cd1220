"""The công văn đôn đốc (tracker/reminder_letter.py): to one unit, its overdue and due-soon items
with both deadlines, the number placeholder, the request and the signature block in the Decree
30/2020 layout; read back with python-docx, rendered through LibreOffice when it is installed;
issuing it is recorded on each listed item, and never lists another unit's items."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pytest
from docx import Document

from tests.conftest import LIAISON, VIEWER, draft
from tracker.errors import InvalidInput, PermissionDenied
from tracker.reminder_letter import issue_letter

AS_OF = date(2026, 12, 29)


def _item(tracker, unit: str, due: date, summary: str) -> int:
    item_id = tracker.create_item(
        LIAISON, draft(tracker, lead_unit=unit, received_on=date(2026, 10, 1), summary=summary)
    )
    tracker.override_deadline(LIAISON, item_id, 1, due, "Gia hạn theo Công văn 12/VPCP")
    return item_id


@pytest.fixture
def chased(tracker):
    ids = {
        "late": _item(tracker, "TLBHXH", date(2026, 12, 1), "Đề nghị tăng lương hưu cho người nghỉ hưu trước 1995."),
        "soon": _item(tracker, "TLBHXH", date(2027, 1, 4), "Đề nghị sửa quy định đóng bảo hiểm xã hội tự nguyện."),
        "later": _item(tracker, "TLBHXH", date(2027, 3, 1), "Đề nghị nâng mức trợ cấp thất nghiệp."),
        "other": _item(tracker, "CCVC", date(2026, 12, 1), "Đề nghị sửa quy định tuyển dụng công chức cấp xã."),
    }
    return tracker, ids


def _text(content: bytes) -> tuple[str, list[list[str]]]:
    doc = Document(io.BytesIO(content))
    paragraphs = [p.text for p in doc.paragraphs]
    tables = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    return "\n".join(paragraphs), tables


def test_the_letter_lists_the_units_overdue_and_due_soon_items_with_both_deadlines(chased):
    tracker, ids = chased
    letter = issue_letter(tracker.db, tracker.reference, LIAISON, "TLBHXH", AS_OF)
    assert [i.id for i in letter.items] == [ids["late"], ids["soon"]]  # not the one due in March, not CCVC's
    body, rows = _text(letter.content)
    heading = rows[0]
    assert heading[0].splitlines() == [
        "BỘ NỘI VỤ",
        "",
        "Số: …/BNV-VP",
        "V/v đôn đốc trả lời kiến nghị của cử tri,",
        "chất vấn của đại biểu Quốc hội",
    ]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in heading[1] and "Hà Nội, ngày … tháng … năm …" in heading[1]
    assert "Kính gửi: Cục Tiền lương và Bảo hiểm xã hội." in body
    assert "tính đến hết ngày 29/12/2026, Cục Tiền lương và Bảo hiểm xã hội còn 2 kiến nghị" in body
    assert "gửi kết quả về Văn phòng Bộ trước ngày 04/01/2027" in body  # 3 working days, past Tết Dương lịch
    listed = rows[1:4]
    assert listed[0] == [
        "STT",
        "Nội dung kiến nghị, chất vấn",
        "Hạn trả lời theo luật định",
        "Hạn nội bộ",
        "Tình trạng",
    ]
    assert listed[1][0] == "1" and "tăng lương hưu" in listed[1][1]
    # The internal deadline: the default 10 working days before the legal one (no Office override).
    assert listed[1][2:] == ["01/12/2026", "17/11/2026", "Quá hạn 28 ngày"]
    assert listed[2][2:] == ["04/01/2027", "18/12/2026", "Còn 3 ngày làm việc"]
    assert "tuyển dụng công chức" not in body + str(rows)
    signature = rows[-1]
    assert signature[0].startswith("Nơi nhận:\n- Như trên;")
    assert signature[1].splitlines()[:2] == ["TL. BỘ TRƯỞNG", "CHÁNH VĂN PHÒNG"]


def test_issuing_is_recorded_on_each_listed_item_only(chased):
    tracker, ids = chased
    issue_letter(tracker.db, tracker.reference, LIAISON, "TLBHXH", AS_OF, number="245/BNV-VP")
    for key in ("late", "soon"):
        event = tracker.history(ids[key])[-1]
        assert event.action == "reminder_letter" and event.actor == LIAISON.username
        assert event.changes == {"letter_no": [None, "245/BNV-VP"], "letter_on": [None, "2026-12-29"]}
    for key in ("later", "other"):
        assert tracker.history(ids[key])[-1].action == "deadline_overridden"


def test_a_unit_with_nothing_to_chase_gets_no_letter_and_viewers_issue_none(chased):
    tracker, _ = chased
    with pytest.raises(InvalidInput) as caught:
        issue_letter(tracker.db, tracker.reference, LIAISON, "PC", AS_OF)
    assert caught.value.message("vi") == (
        "Vụ Pháp chế không có mục nào quá hạn hoặc sắp đến hạn trả lời: không cần công văn đôn đốc."
    )
    with pytest.raises(PermissionDenied):
        issue_letter(tracker.db, tracker.reference, VIEWER, "TLBHXH", AS_OF)


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="needs LibreOffice and poppler")
def test_the_letter_renders_through_libreoffice_on_one_a4_page(chased, tmp_path):
    tracker, _ = chased
    letter = issue_letter(tracker.db, tracker.reference, LIAISON, "TLBHXH", AS_OF)
    docx = tmp_path / "cong-van.docx"
    docx.write_bytes(letter.content)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / "cong-van.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) == 1
    flat = " ".join(text.split())
    for words in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: …/BNV-VP",
        "Kính gửi: Cục Tiền lương và Bảo hiểm xã hội.",
        "Quá hạn 28 ngày",
        "01/12/2026",
        "04/01/2027",
        "CHÁNH VĂN PHÒNG",
    ):
        assert words in flat, words
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "(A4)" in info and "Page rot:        0" in info  # A4 portrait


def test_the_letter_command_writes_the_word_file(chased, tmp_path):
    from tests.conftest import run_cli

    tracker, _ = chased
    path = tracker.db.path
    tracker.close()
    out = tmp_path / "cv.docx"
    result = run_cli(
        "letter", "--unit", "TLBHXH", "--as-of", "2026-12-29", "--number", "245/BNV-VP", "-o", str(out), db=path
    )
    assert result.returncode == 0, result.stderr
    assert "(2 mục;" in result.stdout
    _, rows = _text(out.read_bytes())
    assert "Số: 245/BNV-VP" in rows[0][0]
    refused = run_cli("letter", "--unit", "PC", "--as-of", "2026-12-29", "-o", str(out), db=path)
    assert refused.returncode != 0 and "không cần công văn đôn đốc" in refused.stderr
