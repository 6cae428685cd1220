"""The duplicate check of a file whose every row (and every existing item) has an incoming number
(duplicates._numbered_duplicates, issue 15) marks exactly the rows, with exactly the duplicates,
that the row-by-row check marks: a number repeated in the file (in another case, with spaces), a
number an existing item has, the same number in another session or kind (no duplicate)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import as_csv, generated_rows
from tracker.importing import Fate, commit_import, preview_import, read_table
from tracker.importing.duplicates import _duplicates_one_by_one, _numbered_duplicates
from tracker.importing.fast import parse_rows
from tracker.importing.rows import _Rows
from tracker.importing.vocab import _header_map
from tracker.permissions import SYSTEM
from tracker.service import Tracker


def both_checks(tracker: Tracker, rows: list[dict[str, str]]) -> tuple[list, list]:
    table = read_table(as_csv(rows), "numbers.csv")
    columns, _ = _header_map(table.headers, table.name)
    existing = tracker.db.records("import/existing_items")
    one_by_one = parse_rows(_Rows(tracker, table, columns, False, "vi"))
    _duplicates_one_by_one(one_by_one, existing, None, "vi")
    numbered = parse_rows(_Rows(tracker, table, columns, False, "vi"))
    positions = numbered.positions(Fate.NEW)
    new = numbered.item_fields(positions)
    _numbered_duplicates(numbered, existing, positions, new, [n.strip().lower() for n in new["ref_no"]])
    return [(r.row, r.fate, r.duplicate) for r in one_by_one], [(r.row, r.fate, r.duplicate) for r in numbered]


def _with_numbers(numbers: list[str], kinds: list[str]) -> list[dict[str, str]]:
    rows = generated_rows(len(numbers), seed=11)
    for row, number, kind in zip(rows, numbers, kinds, strict=True):
        row["ref_no"] = number
        if kind == "deputy_question":  # a question needs a deputy and its own phase
            row.update(kind=kind, phase="at_session", deputy="Nguyễn Văn A")
    return rows


def test_repeated_and_existing_numbers_are_marked_alike(tracker):
    commit_import(tracker, SYSTEM, preview_import(tracker, SYSTEM, read_table(as_csv(generated_rows(30)), "a.csv")))
    rows = generated_rows(60)  # 1-30 exist now
    rows += [dict(rows[40], ref_no=" 41/bdn-15.9 "), dict(rows[45]), dict(rows[2], ref_no="3/BDN-15.9")]
    slow, fast = both_checks(tracker, rows)
    assert fast == slow
    assert sum(fate == Fate.DUPLICATE for _, fate, _ in fast) == 33
    assert fast[60][2].row == 42 and fast[62][2].item_id is not None  # a row, then an existing item


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["1/A", "1/a", " 1/A", "2/A", "2/B ", "3/C", "X"]),
            st.sampled_from(["voter_recommendation", "deputy_question"]),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_any_numbers_are_marked_alike(tracker, drawn):
    slow, fast = both_checks(tracker, _with_numbers([n for n, _ in drawn], [k for _, k in drawn]))
    assert fast == slow


def test_a_file_with_a_row_without_number_is_checked_row_by_row(tracker):
    # The blank number makes text comparable: the general check, near-identical summaries found.
    rows = generated_rows(3)
    rows.append(dict(rows[0], ref_no=""))
    preview = preview_import(tracker, SYSTEM, read_table(as_csv(rows), "blank.csv"))
    assert preview.rows[3].fate == Fate.DUPLICATE and preview.rows[3].duplicate.by == "text"
