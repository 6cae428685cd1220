"""``python -m tracker item …`` as a script runs it (issue 12): a real subprocess on a real file,
acting as a named account and refused like the page would refuse that person."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from tests.conftest import ADMIN, LIAISON, draft, run_cli
from tracker import clock
from tracker.accounts import add_user
from tracker.service import Tracker

TODAY = clock.today()
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def item(db_path) -> int:
    """One recommendation led by TCBC with CQĐP coordinating, and the accounts that act on it."""
    t = Tracker.open(db_path)
    try:
        for name, role, unit in (
            ("vanphong", "liaison", None),
            ("tcbc", "unit_officer", "TCBC"),
            ("cqdp", "unit_officer", "CQĐP"),
            ("xem", "viewer", None),
        ):
            add_user(t, ADMIN, name, "mat-khau-du-dai-1", role, unit=unit)
        return t.create_item(
            LIAISON,
            draft(t, received_on=TODAY - timedelta(days=3), lead_unit="TCBC", coordinating_units=("CQĐP",)),
        )
    finally:
        t.close()


def ok(db_path, *args: str) -> str:
    result = run_cli("item", *args, db=db_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    (line,) = result.stdout.splitlines()
    return line


def test_a_script_walks_the_item_to_issued(db_path, item, tmp_path):
    assert ok(db_path, "accept", str(item), "--as", "tcbc") == f"Mục {item}: Đang dự thảo (drafting)"
    draft_file = tmp_path / "du_thao.pdf"
    draft_file.write_bytes(PDF)
    line = ok(db_path, "submit", str(item), "--text", "Dự thảo trả lời", "--file", str(draft_file), "--as", "tcbc")
    assert line.endswith("(in_review)")
    assert ok(db_path, "review", str(item), "--send-back", "--comment", "Bổ sung số liệu", "--as", "vanphong").endswith(
        "(revising)"
    )
    ok(db_path, "submit", str(item), "--text", "Dự thảo lần 2", "--as", "tcbc")
    ok(db_path, "review", str(item), "--approve", "--comment", "Đồng ý", "--as", "vanphong")
    line = ok(
        db_path,
        "issue",
        str(item),
        "--number",
        "1234/BNV-TCBC",
        "--date",
        TODAY.isoformat(),
        "--signer",
        "Thứ trưởng Trần Minh Khoa",
        "--result",
        "being_resolved",
        "--roadmap",
        "Sửa Nghị định trong quý II/2027",
        "--committed-on",
        (TODAY + timedelta(days=120)).isoformat(),
        "--late-reason",
        "Chờ ý kiến Bộ Tài chính",
        "--as",
        "vanphong",
    )
    assert line.endswith("(issued)")
    assert (db_path.parent / (db_path.name + ".files")).is_dir()
    result = run_cli("stats", "--json", db=db_path)
    (row,) = [r for r in json.loads(result.stdout) if r["kind"] == "voter_recommendation" and r["total"]]
    assert row["by_stage"]["issued"] == 1 and sum(row["by_stage"].values()) == 1
    assert row["commitments"]["commitments_pending"] == 1
    assert row["drafts"]["draft_on_time"] + row["drafts"]["draft_late"] == 1
    result = run_cli("stats", "--json", "--by", "unit", db=db_path)
    (unit_row,) = [r for r in json.loads(result.stdout) if r["unit"] == "TCBC" and r["total"]]
    assert unit_row["median_review_rounds"] == 1.0 and unit_row["median_days_to_accept"] == 0.0


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("accept", "{id}", "--as", "xem"), "không có quyền"),  # a viewer
        (("accept", "{id}", "--as", "vanphong"), "không có quyền"),  # only the lead unit accepts
        (("review", "{id}", "--approve", "--comment", "", "--as", "vanphong"), "chưa thể thẩm định dự thảo"),
        (("return", "{id}", "--reason", " ", "--as", "tcbc"), "Lý do"),
        (("accept", "{id}", "--as", "khongco"), "khongco"),
        (("accept", "999999", "--as", "tcbc"), "999999"),
    ],
)
def test_a_refusal_is_one_line_and_a_non_zero_exit(db_path, item, args, says):
    result = run_cli("item", *(a.format(id=item) for a in args), db=db_path)
    assert result.returncode != 0
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert says in line
    t = Tracker.open(db_path)
    try:
        assert t.get_item(item).version == 1  # nothing changed
    finally:
        t.close()


def test_a_file_of_a_refused_type_changes_nothing(db_path, item, tmp_path):
    ok(db_path, "accept", str(item), "--as", "tcbc")
    fake = tmp_path / "du_thao.pdf"
    fake.write_bytes(b"MZ\x90\x00 not a pdf")
    result = run_cli("item", "submit", str(item), "--text", "x", "--file", str(fake), "--as", "tcbc", db=db_path)
    assert result.returncode != 0 and "PDF, DOCX, XLSX" in result.stderr
    t = Tracker.open(db_path)
    try:
        assert t.workflow(item).stage.value == "drafting"
    finally:
        t.close()


def test_a_script_takes_the_remaining_steps_part_sign_deadline_and_commitment(db_path, item, tmp_path):
    internal = TODAY + timedelta(days=10)
    line = ok(
        db_path,
        "deadline",
        str(item),
        "--on",
        internal.isoformat(),
        "--reason",
        "Lãnh đạo Bộ cần sớm",
        "--as",
        "vanphong",
    )
    assert line == f"Mục {item}: Chờ đơn vị nhận (awaiting_acceptance)"
    ok(db_path, "accept", str(item), "--as", "tcbc")
    by = (TODAY + timedelta(days=5)).isoformat()
    ok(db_path, "request-part", str(item), "--unit", "CQĐP", "--by", by, "--text", "Cho ý kiến số liệu", "--as", "tcbc")
    part_file = tmp_path / "y_kien.pdf"
    part_file.write_bytes(PDF)
    line = ok(
        db_path, "part", str(item), "--unit", "CQĐP", "--text", "Thống nhất", "--file", str(part_file), "--as", "cqdp"
    )
    assert line.endswith("(drafting)")  # a part is a side fact: the stage stays
    ok(db_path, "submit", str(item), "--text", "Dự thảo", "--as", "tcbc")
    ok(db_path, "review", str(item), "--approve", "--comment", "", "--as", "vanphong")
    line = ok(db_path, "sign", str(item), "--signer", "Thứ trưởng Trần Minh Khoa", "--as", "vanphong")
    assert line == f"Mục {item}: Đã ký, chờ phát hành (signed)"
    ok(
        db_path,
        "issue",
        str(item),
        "--number",
        "77/BNV-TCBC",
        "--date",
        TODAY.isoformat(),
        "--signer",
        "Thứ trưởng Trần Minh Khoa",
        "--result",
        "being_resolved",
        "--roadmap",
        "Sửa Thông tư",
        "--committed-on",
        (TODAY + timedelta(days=90)).isoformat(),
        "--as",
        "vanphong",
    )
    ok(db_path, "commitment", str(item), "--progress", "Đã trình dự thảo Thông tư", "--as", "tcbc")
    done_file = tmp_path / "thong_tu.pdf"
    done_file.write_bytes(PDF + b"%thong tu")
    line = ok(
        db_path,
        "commitment",
        str(item),
        "--done",
        "--on",
        TODAY.isoformat(),
        "--document",
        "05/2026/TT-BNV",
        "--file",
        str(done_file),
        "--as",
        "tcbc",
    )
    assert line.endswith("(issued)")
    t = Tracker.open(db_path)
    try:
        view = t.workflow(item)
        assert view.result_now == "resolved"
        assert view.internal_due_on == internal and not view.internal_is_default
        actions = [e.action for e in t.history(item)]
        assert actions.count("file_attached") == 2
        assert "part_received" in actions and "signed" in actions and "commitment_done" in actions
    finally:
        t.close()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("part", "{id}", "--unit", "TCBC", "--text", "x", "--as", "cqdp"), "thuộc đơn vị CQĐP"),  # not its unit
        (("part", "{id}", "--unit", "TCBC", "--text", "x", "--as", "tcbc"), "không có quyền"),  # the lead gives no part
        (("part", "{id}", "--unit", "CQĐP", "--text", "x", "--file", "{pdf}", "--as", "cqdp"), "Chờ đơn vị nhận"),
        (("sign", "{id}", "--signer", "Thứ trưởng", "--as", "vanphong"), "Chờ đơn vị nhận"),  # not approved yet
        (("sign", "{id}", "--signer", "Thứ trưởng", "--as", "tcbc"), "không có quyền"),
        (("commitment", "{id}", "--progress", "x", "--as", "tcbc"), "cam kết"),  # nothing issued
        (("deadline", "{id}", "--on", "2020-01-02", "--reason", "x", "--as", "vanphong"), "02/01/2020"),
        (("deadline", "{id}", "--on", (TODAY + timedelta(days=10)).isoformat(), "--as", "vanphong"), "Lý do"),
        (("deadline", "{id}", "--default", "--as", "tcbc"), "không có quyền"),
        (
            ("request-part", "{id}", "--unit", "CQĐP", "--by", "2030-01-01", "--text", "x", "--as", "tcbc"),
            "Chờ đơn vị nhận",
        ),
    ],
)
def test_the_remaining_steps_are_refused_in_one_line_and_change_nothing(db_path, item, tmp_path, args, says):
    pdf = tmp_path / "y_kien.pdf"
    pdf.write_bytes(PDF)
    result = run_cli("item", *(a.format(id=item, pdf=pdf) for a in args), db=db_path)
    assert result.returncode != 0
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert says in line
    t = Tracker.open(db_path)
    try:
        assert t.get_item(item).version == 1
        assert [e.action for e in t.history(item)] == ["created"]  # not even the file was attached
    finally:
        t.close()


def test_a_missing_file_is_named_in_the_refusal(db_path, item, tmp_path):
    ok(db_path, "accept", str(item), "--as", "tcbc")
    missing = tmp_path / "khong_co.pdf"
    result = run_cli("item", "submit", str(item), "--text", "x", "--file", str(missing), "--as", "tcbc", db=db_path)
    assert result.returncode != 0 and "khong_co.pdf" in result.stderr and "Không tìm thấy tệp" in result.stderr
    assert "lỗi không lường trước" not in result.stderr
