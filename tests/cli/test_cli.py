"""``python -m tracker`` as an administrator runs it: real subprocesses, a real file in tmp_path."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import copy_db, run_cli
from tracker.service import Tracker

COUNT_KEYS = [
    "total",
    "replied",
    "replied_on_time",
    "replied_late",
    "open_not_due",
    "overdue",
    "transferred",
    "resolved",
    "being_resolved",
    "explained",
    "completion_pct",
]
# Issue 12 added the workflow's objects after the legal counts, and the stage medians per unit.
WORKFLOW_KEYS = ["by_stage", "drafts", "commitments"]
MEDIAN_KEYS = ["median_days_to_accept", "median_days_to_draft", "median_days_to_issue", "median_review_rounds"]
STATS_KEYS = ["term", "session", "extraordinary", "kind", *COUNT_KEYS, *WORKFLOW_KEYS]
UNIT_STATS_KEYS = [
    "term",
    "session",
    "extraordinary",
    "kind",
    "unit",
    "role",
    *COUNT_KEYS,
    *WORKFLOW_KEYS,
    *MEDIAN_KEYS,
]


@pytest.fixture
def demo_copy(demo_db, tmp_path):
    return copy_db(demo_db.path, tmp_path)


def stats(db, *args: str) -> list[dict]:
    result = run_cli("stats", "--json", *args, db=db)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_init_is_idempotent(db_path):
    for _ in range(2):
        result = run_cli("init", db=db_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"Đã khởi tạo cơ sở dữ liệu {db_path}."
    assert run_cli("init", db=db_path, lang="en").stdout.strip() == f"Database {db_path} is ready."
    tracker = Tracker.open(db_path)
    try:
        assert len(tracker.reference.sessions) == 21
        assert len(tracker.reference.units) == 24
    finally:
        tracker.close()
    assert stats(db_path) == []  # an empty register has no session rows


def test_demo_loads_once_and_refuses_a_second_time(demo_db, demo_copy):
    match = re.fullmatch(r"Đã nạp (\d+) mục dữ liệu mẫu vào (.+)\.", demo_db.stdout.strip())
    assert match, demo_db.stdout
    assert int(match.group(1)) > 300
    again = run_cli("demo", db=demo_copy)
    assert again.returncode != 0
    assert again.stderr.strip() == "Lỗi: Sổ theo dõi đã có dữ liệu; dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống."
    assert "Traceback" not in again.stderr


def test_due_date_with_explanation(db_path):
    result = run_cli("due-date", "--kind", "deputy_question", "--received", "27/01/2026", "--explain", db=db_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2026-02-23",
        (
            "nhận 27/01/2026 + 20 ngày = 16/02/2026, rơi vào Tết Nguyên đán và cuối tuần → 23/02/2026"
            " (Bộ luật Dân sự Điều 147, 148(5); Bộ luật Lao động Điều 112)"
        ),
    ]
    result = run_cli(
        "due-date", "--kind", "voter_recommendation", "--received", "2025-07-02", "--explain", db=db_path, lang="en"
    )
    assert result.stdout.splitlines() == [
        "2025-09-03",
        (
            "received 02/07/2025 + 60 days = 31/08/2025, a day off: weekend and National Day → 03/09/2025"
            " (Civil Code Art. 147, 148(5); Labour Code Art. 112)"
        ),
    ]
    result = run_cli("due-date", "--kind", "deputy_question", "--received", "10/04/2025", db=db_path)
    assert result.stdout.splitlines() == ["2025-05-05"]


def test_stats_json_keys_are_exactly_the_documented_ones(demo_copy):
    rows = stats(demo_copy, "--session", "15/7")
    assert rows
    for row in rows:
        assert list(row) == STATS_KEYS
        assert isinstance(row["term"], int) and isinstance(row["session"], int)
        assert isinstance(row["extraordinary"], bool)
        assert row["kind"] in ("voter_recommendation", "deputy_question")
        assert row["total"] == row["replied"] + row["open_not_due"] + row["overdue"]
        assert row["replied"] == row["replied_on_time"] + row["replied_late"]
    unit_rows = stats(demo_copy, "--session", "15/7", "--by", "unit")
    assert unit_rows
    for row in unit_rows:
        assert list(row) == UNIT_STATS_KEYS
        assert row["role"] == "lead"  # issue 9: a per-unit figure says which role it counts
    for kind in ("voter_recommendation", "deputy_question"):
        (session_row,) = [r for r in rows if r["kind"] == kind]
        for key in COUNT_KEYS[:-1]:
            assert sum(r[key] for r in unit_rows if r["kind"] == kind) == session_row[key], (kind, key)


def test_stats_for_the_8th_session_show_no_questions_as_null_not_zero_percent(demo_copy):
    rows = stats(demo_copy, "--session", "15/8")
    (question,) = [r for r in rows if r["kind"] == "deputy_question"]
    assert (question["term"], question["session"], question["extraordinary"]) == (15, 8, False)
    assert question["total"] == 0
    assert question["completion_pct"] is None
    (recommendation,) = [r for r in rows if r["kind"] == "voter_recommendation"]
    assert recommendation["total"] > 0


def test_stats_for_the_7th_session_recommendations_129_of_129(demo_copy):
    (row,) = stats(demo_copy, "--session", "15/7", "--kind", "voter_recommendation")
    assert (row["replied"], row["total"], row["completion_pct"]) == (129, 129, 100.0)
    assert row["resolved"] + row["being_resolved"] + row["explained"] == 129


def test_stats_as_of_an_earlier_date(demo_copy):
    (now,) = stats(demo_copy, "--session", "15/7", "--kind", "voter_recommendation")
    (then,) = stats(demo_copy, "--session", "15/7", "--kind", "voter_recommendation", "--as-of", "01/06/2024")
    assert then["total"] < now["total"]  # the recommendations after the session were not received yet
    assert then["replied"] < then["total"]


def test_stats_for_all_sessions_in_order(demo_copy):
    rows = stats(demo_copy, "--kind", "deputy_question")
    assert {r["kind"] for r in rows} == {"deputy_question"}
    keys = [(r["term"], r["extraordinary"], r["session"]) for r in rows]
    assert keys == sorted(keys)
    assert (15, False, 7) in keys and (16, False, 1) in keys


@pytest.mark.parametrize(
    "args",
    [
        ["due-date", "--kind", "deputy_question", "--received", "32/01/2026"],
        ["due-date", "--kind", "deputy_question", "--received", "30/02/2026"],
        ["due-date", "--kind", "deputy_question", "--received", "01/01/1900"],
        ["due-date", "--kind", "deputy_question"],
        ["due-date", "--kind", "petition", "--received", "01/01/2026"],
        ["stats", "--session", "15/x"],
        ["stats", "--session", "15/99"],
        ["stats", "--kind", "petition"],
        ["stats", "--as-of", "hôm nay"],
        ["stats", "--by", "province"],
        ["frobnicate"],
        [],
    ],
    ids=lambda a: " ".join(a) or "(nothing)",
)
def test_bad_arguments_give_one_line_and_a_non_zero_exit(db_path, args):
    result = run_cli(*args, db=db_path)
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0]


def test_a_bad_date_is_named_in_the_message(db_path):
    result = run_cli("due-date", "--kind", "deputy_question", "--received", "32/01/2026", db=db_path)
    assert result.stderr.strip() == 'Lỗi: Ngày "32/01/2026" không đúng định dạng dd/mm/yyyy (Ngày).'
    result = run_cli("stats", "--session", "15/x", db=db_path, lang="en")
    assert result.stderr.startswith('Error: Session "15/x" is not valid')


def test_a_database_held_by_the_running_app_gives_one_clear_line(tracker, db_path):
    result = run_cli("stats", "--json", db=db_path)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "đang được ứng dụng khác sử dụng" in lines[0]
    assert str(db_path) in lines[0]


def test_help_works_without_a_database(tmp_path):
    result = run_cli("--help", db=tmp_path / "never" / "created.duckdb")
    assert result.returncode == 0
    assert "due-date" in result.stdout
    assert not (tmp_path / "never").exists()


def test_an_impossible_date_is_called_a_day_that_does_not_exist(db_path):
    result = run_cli("due-date", "--kind", "deputy_question", "--received", "31/11/2026", db=db_path)
    assert result.returncode != 0
    assert result.stderr.strip() == 'Lỗi: Ngày "31/11/2026" không tồn tại (Ngày).'
