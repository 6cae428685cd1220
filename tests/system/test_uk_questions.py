"""The UK-data script (benchmarks/uk_questions.py): it writes a CSV that the ordinary import takes,
with every value as the source has it. The real file's volume test is in tests/importing/test_import.py (it
skips when ../shared/realdata is not mounted); this one runs on a few records written here."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date

import pytest

from benchmarks.uk_questions import convert, convert_row, main
from tests.conftest import ROOT, run_cli
from tracker.cli import build_parser
from tracker.importing import Fate, commit_import, preview_import, read_table
from tracker.permissions import SYSTEM
from tracker.sessions import SessionRef

FIELDS = (
    "id",
    "uin",
    "dateTabled",
    "dateForAnswer",
    "answeringBodyName",
    "dateAnswered",
    "answerIsHolding",
    "isWithdrawn",
    "heading",
    "askingMemberId",
)
RECORDS = [
    # answered on time, in the 2023-24 session (58/4)
    ("1", "5001", "2023-12-04", "2023-12-11", "Department of Health and Social Care", "2023-12-08", "False", "False",
     "NHS: Dentistry", "4100"),
    # answered late
    ("2", "5002", "2023-12-04", "2023-12-11", "Home Office", "2023-12-20", "False", "False",
     "Asylum: Housing", "4101"),
    # only a holding answer: not yet replied
    ("3", "5003", "2023-12-05", "2023-12-12", "Home Office", "2023-12-12", "True", "False",
     "=Police: Recruitment", ""),
    # withdrawn: left out
    ("4", "5004", "2023-12-05", "2023-12-12", "Home Office", "", "False", "True", "Visas", "4102"),
    # after the dissolution, in the 2024-25 session (59/1), unanswered
    ("5", "101", "2024-07-18", "2024-07-23", "Department of Health and Social Care", "", "False", "False",
     "-Hospitals: Waiting Lists", "4103"),
]  # fmt: skip


@pytest.fixture
def source(tmp_path):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    writer.writerows(RECORDS)
    path = tmp_path / "commons_wq_sample.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_the_script_writes_a_file_the_import_takes_with_every_value_kept(tracker, source, tmp_path):
    out = tmp_path / "uk-questions.csv"
    assert main([str(source), "-o", str(out)]) == 0
    table = read_table(out.read_bytes(), out.name)
    expected = [convert_row(dict(zip(FIELDS, r, strict=True))) for r in RECORDS]
    assert convert(source).rows == table.rows
    preview = preview_import(tracker, SYSTEM, table, create_missing=True)
    assert preview.count(Fate.NEW) == 4, [p.message() for p in preview.problems]
    assert preview.unknown_sessions == (SessionRef(58, 4), SessionRef(59, 1))
    done = commit_import(tracker, SYSTEM, preview)
    items = [tracker.get_item(i) for i in done.item_ids]
    # Formula-like headings come back as the source has them (the export's guard, removed exactly).
    assert [i.summary for i in items] == [r["summary"] for r in expected if r is not None]
    counts = [r.counts for r in tracker.stats(date(2024, 12, 31))]
    assert sum(c.total for c in counts) == 4
    assert sum(c.replied for c in counts) == 2 and sum(c.replied_on_time for c in counts) == 1


def test_the_documented_commands_run(db_path, source, tmp_path):
    out = tmp_path / "uk-questions.csv"
    script = subprocess.run(
        [sys.executable, "-m", "benchmarks.uk_questions", str(source), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert script.returncode == 0, script.stderr
    assert "4 questions written" in script.stderr and "1 withdrawn left out" in script.stderr
    result = run_cli("import", str(out), "--create-missing", db=db_path)
    assert result.returncode == 0, result.stderr
    assert "Đã nhập 4 mục mới; bỏ qua 0 mục trùng." in result.stdout


def test_the_mapping_is_no_longer_an_option_of_the_product():
    with pytest.raises(Exception, match="unrecognized arguments: --mapping"):
        build_parser().parse_args(["import", "uk.csv", "--mapping", "uk-written-questions"])
