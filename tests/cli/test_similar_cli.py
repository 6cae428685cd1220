"""`similar --session S [--json] [--threshold N]`, `similar confirm`, `similar dismiss` (issue 14, point 5)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.conftest import LIAISON, draft, run_cli
from tracker.cli import main
from tracker.service import Tracker

EARLIER = (
    "Cử tri tỉnh Hà Tĩnh kiến nghị có chính sách hỗ trợ người hoạt động không chuyên trách cấp xã dôi dư sau sắp xếp."
)
AGAIN = "nguoi hoat dong khong chuyen trach cap xa doi du sau sap xep chua co chinh sach ho tro, de nghi som ban hanh"
OTHER = "Đề nghị xét tặng danh hiệu Bà mẹ Việt Nam anh hùng cho các hồ sơ tồn đọng."


@pytest.fixture
def register(db_path, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", str(db_path))
    monkeypatch.setenv("TRACKER_LANG", "vi")
    t = Tracker.open(db_path)
    try:
        old = t.create_item(
            LIAISON, draft(t, session="15/8", received_on=date(2024, 11, 4), summary=EARLIER, ref_no="7/BDN")
        )
        new = t.create_item(LIAISON, draft(t, summary=AGAIN, ref_no="31/BDN"))
        t.create_item(LIAISON, draft(t, summary=OTHER, ref_no="32/BDN"))
    finally:
        t.close()
    return old, new


def _json(capsys, *argv: str) -> list[dict]:
    assert main(["similar", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_lists_each_item_with_its_matches_in_the_documented_shape(register, capsys):
    old, new = register
    found = _json(capsys, "--session", "15/9")
    assert [entry["item"] for entry in found] == [new]
    assert list(found[0]) == ["item", "ref_no", "matches"]
    (match,) = found[0]["matches"]
    assert list(match) == ["item", "ref_no", "session", "score"]
    assert (match["item"], match["ref_no"], match["session"]) == (old, "7/BDN", "15/8")
    assert 0 <= match["score"] <= 100
    high = _json(capsys, "--session", "15/9", "--threshold", str(match["score"] + 1 if match["score"] < 100 else 100))
    assert all(m["score"] >= min(100, match["score"] + 1) for entry in high for m in entry["matches"])


def test_confirm_links_and_dismiss_hides_the_pair_for_good(register, capsys):
    old, new = register
    assert main(["similar", "dismiss", str(new), str(old)]) == 0
    assert "không gợi ý lại" in capsys.readouterr().out
    assert _json(capsys, "--session", "15/9") == []
    assert _json(capsys, "--session", "15/8") == []


def test_confirm_across_sessions_marks_raised_again(register, capsys):
    old, new = register
    assert main(["similar", "confirm", str(new), str(old)]) == 0
    assert "kiến nghị lặp lại" in capsys.readouterr().out
    assert _json(capsys, "--session", "15/9") == []  # a linked pair is no longer a suggestion
    t = Tracker.open()
    try:
        assert t.raised_before_ids() == {new}
    finally:
        t.close()


def test_bad_arguments_are_one_line_in_vietnamese(register, capsys):
    assert main(["similar"]) == 2
    assert capsys.readouterr().err.strip() == "Lỗi: Cần --session (ví dụ 16/1) để liệt kê gợi ý."
    assert main(["similar", "--session", "15/9", "--threshold", "140"]) == 2
    assert "140" in capsys.readouterr().err
    assert main(["similar", "confirm", "1"]) == 2


def test_the_command_runs_as_a_subprocess(register, db_path):
    result = run_cli("similar", "--session", "15/9", db=db_path)
    assert result.returncode == 0, result.stderr
    assert "7/BDN" in result.stdout and "15/8" in result.stdout


def test_confirm_refuses_a_loop_in_vietnamese_and_links_nothing(register, capsys):
    old, new = register
    t = Tracker.open()
    try:
        first = t.create_item(
            LIAISON, draft(t, session="15/7", received_on=date(2024, 5, 27), summary=EARLIER, ref_no="3/BDN")
        )
        t.mark_raised_again(LIAISON, old, first)
        t.mark_raised_again(LIAISON, new, old)
    finally:
        t.close()
    assert main(["similar", "confirm", str(first), str(new)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"Lỗi: Không thể đánh dấu: mục {new} đã là lần nêu lại (trực tiếp hoặc qua các kỳ họp khác) của mục này, "
        "liên kết sẽ tạo thành vòng lặp."
    )
    t = Tracker.open()
    try:
        assert t.raised_before_ids() == {old, new}
    finally:
        t.close()
