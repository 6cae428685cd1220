"""The formula guard and its inverse (issue 8, point 7): export neutralises text a spreadsheet
would run, import removes exactly that guard, and text that really starts with "'" comes back
as typed."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from tests.conftest import LIAISON, draft, session_id
from tracker import audit, exporting
from tracker.exporting import ExportScope, export
from tracker.formula_guard import neutralise, unneutralise
from tracker.importing import Fate, commit_import, preview_import, read_table
from tracker.permissions import SYSTEM
from tracker.service import Filters, Tracker

TODAY = date(2026, 12, 1)
TYPED = ["'=SUM(A1)", "=SUM(A1)", "'Làng Sen", "''=x", "-5 triệu đồng", "@mention", "'", "Bình thường"]


@pytest.mark.parametrize("text", TYPED)
def test_unneutralise_undoes_neutralise_exactly(text):
    assert unneutralise(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_a_leading_apostrophe_that_is_not_our_guard_is_kept():
    assert unneutralise("'Làng Sen") == "'Làng Sen"
    assert unneutralise("'=SUM(A1)") == "=SUM(A1)"  # the guard, as our CSV writes it
    assert neutralise(12) == 12


def test_the_exports_and_the_audit_use_the_one_guard():
    assert exporting.neutralise is neutralise and audit.neutralise is neutralise


def test_text_starting_with_an_apostrophe_survives_a_csv_round_trip(tracker, tmp_path):
    for n, text in enumerate(TYPED[:-1]):
        tracker.create_item(
            LIAISON, draft(tracker, summary=text + " (kiến nghị)" if len(text) < 3 else text, ref_no=f"{n}/BDN")
        )
    wanted = sorted(r["summary"] for r in tracker.search(Filters(), TODAY, limit=20).rows)
    data = export(tracker, SYSTEM, ExportScope(session_id(tracker, "15/9"), TODAY), "csv")
    summaries = [r["summary"] for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))]
    assert "''=SUM(A1)" in summaries and "'=SUM(A1)" in summaries and "'''=x" in summaries
    fresh = Tracker.open(tmp_path / "fresh.duckdb")
    try:
        result = commit_import(fresh, SYSTEM, preview_import(fresh, SYSTEM, read_table(data, "xuat.csv")))
        assert result.created == len(wanted)
        assert sorted(r["summary"] for r in fresh.search(Filters(), TODAY, limit=20).rows) == wanted
    finally:
        fresh.close()


def test_an_xlsx_keeps_a_typed_apostrophe_because_excels_guard_is_a_style(tracker):
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet()
    row = {
        "kind": "voter_recommendation",
        "term": "15",
        "session": "9",
        "phase": "after",
        "received_on": "04/08/2025",
        "summary": "'=SUM(A1)",
        "lead_unit": "CQĐP",
    }
    for col, (name, value) in enumerate(row.items()):
        sheet.write_string(0, col, name)
        sheet.write_string(1, col, value)
    book.close()
    preview = preview_import(tracker, SYSTEM, read_table(buffer.getvalue(), "nhap.xlsx"))
    assert preview.count(Fate.NEW) == 1 and preview.rows[0].item.summary == "'=SUM(A1)"
