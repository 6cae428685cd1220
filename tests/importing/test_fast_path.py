"""The import's fast path (tracker/importing/fast.py, issue 15) gives every row exactly the outcome
the entry form's per-row rules give it: fate, values shown, the item to store, every reason (key,
field, column, message in both languages). Compared on the real UK data, generated files, edge
cases drawn by hypothesis, and hostile cells."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.uk_questions import UK_FILE, convert
from tests.factories import as_csv, as_xlsx, generated_rows
from tests.importing.test_import import RECOMMENDATION, csv_bytes
from tracker import clock
from tracker.importing import ALL_COLUMNS, Table, read_table
from tracker.importing.fast import parse_rows
from tracker.importing.model import PreviewRow
from tracker.importing.rows import _Rows
from tracker.importing.vocab import _header_map
from tracker.service import Tracker


def outcome(row: PreviewRow) -> tuple:
    problems = tuple(
        (p.row, p.column, p.error.key, p.error.field, sorted(p.error.params.items()), p.message("vi"), p.message("en"))
        for p in row.problems
    )
    return (row.row, row.fate, row.values, row.item, problems, row.duplicate)


def both_paths(tracker: Tracker, table: Table, create_missing: bool = False) -> tuple[list, list, int]:
    """(per-row outcomes, fast-path outcomes, rows the fast path settled itself)."""
    columns, _ = _header_map(table.headers, table.name)
    slow_parser = _Rows(tracker, table, columns, create_missing, "vi")
    slow = [outcome(slow_parser.parse(n, values)) for n, values in table.rows]
    fast_rows = parse_rows(_Rows(tracker, table, columns, create_missing, "vi"))
    fast = [outcome(r) for r in fast_rows]
    settled = len(fast_rows) - len(fast_rows.decided)  # the rows the per-row parse never saw
    return slow, fast, settled


def assert_same(slow: list, fast: list) -> None:
    assert len(slow) == len(fast)
    for a, b in zip(slow, fast, strict=True):
        assert a == b, f"row {a[0]} differs"


def test_the_real_uk_questions_get_the_same_preview_by_either_path(tracker):
    # Not skipped when absent: the real data is part of the project (../shared/realdata in CI,
    # TRACKER_REALDATA elsewhere).
    table = convert(UK_FILE)
    slow, fast, settled = both_paths(tracker, table, create_missing=True)
    assert_same(slow, fast)
    assert len(slow) == 8885 and settled > 8000  # the fast path carries the real file


def test_generated_files_get_the_same_preview_in_csv_and_xlsx(tracker):
    rows = generated_rows(1500) + generated_rows(300, seed=5, numbered=False)
    for data, name in ((as_csv(rows), "gen.csv"), (as_xlsx(rows), "gen.xlsx")):
        slow, fast, settled = both_paths(tracker, read_table(data, name))
        assert_same(slow, fast)
        assert settled > 1500


TODAY = clock.today()
DAY = st.dates(date(1985, 1, 1), TODAY + timedelta(days=40))
DATE_CELL = st.one_of(
    st.just(""),
    DAY.map(lambda d: d.strftime("%d/%m/%Y")),
    DAY.map(lambda d: d.isoformat()),
    st.sampled_from(["31/02/2025", "2025", "1/1/1900", "04.08.2025", "  04/08/2025 ", "ngày 4/8", "45873"]),
)
TEXT = st.one_of(
    st.just(""),
    st.sampled_from(
        [
            "Đề nghị tăng lương cơ sở",
            "=SUM(A1)",
            "'=SUM(A1)",
            "'hello",
            "dòng một\ndòng hai",
            "chữ\u202eđảo",
            "zero\u200bwidth",
            "bell\x07",
            "x" * 201,
            "y" * 2001,
            "  khoảng trắng  ",
            "Cu\u0309 tri\u0300",  # decomposed diacritics (NFD keyboards)
        ]
    ),
    st.text(max_size=30),
)
CELLS = {
    "kind": st.sampled_from(["voter_recommendation", "deputy_question", "Kiến nghị", "chất vấn", "", "khác"]),
    "term": st.sampled_from(["15", "XV", "", "khóa 15", "99"]),
    "session": st.sampled_from(["9", "8", "15/9", "BT9", "", "abc", "0"]),
    "phase": st.sampled_from(["after", "before", "", "Sau kỳ họp", "at_session", "between_sessions", "sai"]),
    "ref_no": TEXT,
    "received_on": DATE_CELL,
    "source": st.one_of(TEXT, st.just("Cử tri tỉnh Nghệ An; Cử tri TP. Hà Nội"), st.just("; ;")),
    "summary": TEXT,
    "topic": TEXT,
    "lead_unit": st.sampled_from(["TLBHXH", "VP", "Vụ Chính quyền địa phương", "", "Bộ Không Có", "cuc viec lam"]),
    "coordinating_units": st.sampled_from(["", "VP", "VP; TCBC", "TLBHXH", "Không có; VP", "VP; VP"]),
    "due_on": DATE_CELL,
    "response_no": st.sampled_from(["", "12/BNV", "x" * 201, "a\nb"]),
    "responded_on": DATE_CELL,
    "result": st.sampled_from(["", "resolved", "explained", "being_resolved", "transferred", "Đã giải quyết", "?"]),
    "signer": TEXT,
    "deputy": st.sampled_from(["", "Nguyễn Văn A", "a\nb"]),
    "full_text": TEXT,
    "response_summary": TEXT,
    "roadmap": st.sampled_from(["", "Quý I/2026", "r" * 2001]),
    "committed_on": DATE_CELL,
    "late_reason": st.sampled_from(["", "Chờ ý kiến các bộ"]),
    "transfer_note": TEXT,
}
ROW = st.fixed_dictionaries({c: st.one_of(st.just(RECOMMENDATION.get(c, "")), CELLS[c]) for c in ALL_COLUMNS})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(ROW, min_size=1, max_size=25), create_missing=st.booleans())
def test_edge_case_rows_get_the_same_preview_by_either_path(tracker, rows, create_missing):
    table = read_table(csv_bytes(rows, columns=ALL_COLUMNS), "edge.csv")
    slow, fast = both_paths(tracker, table, create_missing)[:2]
    assert_same(slow, fast)


def test_hostile_cells_get_the_same_preview_by_either_path(tracker):
    hostile = [
        {**RECOMMENDATION, "summary": '=HYPERLINK("http://x")'},
        {**RECOMMENDATION, "summary": "\u202eđảo chiều", "ref_no": "1/A"},
        {**RECOMMENDATION, "summary": "a" * 2001, "ref_no": "2/A"},
        {**RECOMMENDATION, "summary": "nul\x00byte", "ref_no": "3/A"},
        {**RECOMMENDATION, "received_on": "45873", "ref_no": "4/A"},
        {**RECOMMENDATION, "received_on": (TODAY + timedelta(days=5)).strftime("%d/%m/%Y"), "ref_no": "5/A"},
        {**RECOMMENDATION, "responded_on": "01/01/2020", "result": "resolved", "response_no": "9/B", "ref_no": "6/A"},
        {**RECOMMENDATION, "kind": "deputy_question", "phase": "at_session", "ref_no": "7/A", "source": ""},
        {**RECOMMENDATION, "coordinating_units": "VP; Không có", "ref_no": "8/A"},
        {**RECOMMENDATION, "lead_unit": "", "coordinating_units": "VP", "ref_no": "9/A"},
        {**RECOMMENDATION, "due_on": "01/01/2025", "ref_no": "10/A"},
        {**RECOMMENDATION, "due_on": "31/12/2025", "ref_no": "11/A"},
    ]
    table = read_table(csv_bytes(hostile, columns=ALL_COLUMNS), "hostile.csv")
    slow, fast, settled = both_paths(tracker, table)
    assert_same(slow, fast)
    # The plain rows among them (an override with its reason too) are settled without the slow path.
    assert settled >= 2
