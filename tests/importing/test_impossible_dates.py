"""A day that does not exist in an import cell is called that, not a wrong format (issue 11)."""

from __future__ import annotations

from tests.importing.test_import import csv_bytes, preview, row
from tracker.importing import Fate


def test_31_november_in_a_cell_is_a_day_that_does_not_exist(tracker):
    result = preview(tracker, csv_bytes([row(received_on="31/11/2026"), row(received_on="01/11/2026")]))
    assert [p.message("vi") for p in result.problems] == [
        'Dòng 2, cột "received_on": Ngày "31/11/2026" không tồn tại (Ngày nhận).'
    ]
    assert [r.fate for r in result.rows][1] == Fate.NEW


def test_a_date_written_month_first_is_still_a_wrong_format(tracker):
    result = preview(tracker, csv_bytes([row(received_on="11/31/2026")]))
    assert "không đúng định dạng dd/mm/yyyy" in result.problems[0].message("vi")
