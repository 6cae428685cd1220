"""The export's workflow columns (issue 12, point 7): the Excel register and overdue sheets and
the CSV carry each item's stage and the internal deadline in force (the Office's date or the
default N working days before the legal deadline), as the item page shows them."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import openpyxl
import pytest

from tests.conftest import LIAISON, draft, officer
from tracker import clock
from tracker.exporting import ExportScope, export
from tracker.file_columns import ALL_COLUMNS, CSV_COLUMNS
from tracker.importing import Fate, preview_import, read_table
from tracker.permissions import SYSTEM
from tracker.service import Tracker

TODAY = clock.today()
TCBC = officer("TCBC")


@pytest.fixture
def on_the_path(tracker: Tracker) -> tuple[Tracker, list[int]]:
    """Three recommendations of 15/9 (received 04/08/2025, due 03/10/2025: overdue today): one
    awaiting acceptance, one drafting with the Office's own internal deadline, one in review."""
    ids = [tracker.create_item(LIAISON, draft(tracker, lead_unit="TCBC", ref_no=f"{n}/BDN")) for n in (1, 2, 3)]
    v = tracker.set_internal_deadline(LIAISON, ids[1], 1, date(2025, 9, 5), "Phục vụ phiên giải trình")
    tracker.accept(TCBC, ids[1], v)
    tracker.submit_draft(TCBC, ids[2], tracker.accept(TCBC, ids[2], 1), "Dự thảo văn bản trả lời")
    return tracker, ids


def _sheet(data: bytes, name: str) -> list[dict[str, object]]:
    ws = openpyxl.load_workbook(io.BytesIO(data))[name]
    head, *rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(head, r, strict=True)) for r in rows]


def test_the_excel_sheets_carry_the_stage_and_the_internal_deadline(on_the_path):
    tracker, ids = on_the_path
    data = export(tracker, SYSTEM, ExportScope(None, TODAY), "xlsx")
    register = _sheet(data, "Sổ theo dõi")
    head = list(register[0])
    # The internal deadline beside the legal one, the stage beside the status.
    assert head[head.index("Hạn trả lời") + 1] == "Hạn gửi dự thảo về Văn phòng"
    assert head[head.index("Tình trạng") + 1] == "Bước xử lý"
    shown = {r["Mã"]: (r["Bước xử lý"], r["Hạn gửi dự thảo về Văn phòng"]) for r in register}
    for item_id, stage in zip(ids, ("Chờ đơn vị nhận", "Đang dự thảo", "Văn phòng đang thẩm định"), strict=True):
        internal = tracker.workflow(item_id).internal_due_on
        assert shown[item_id] == (stage, datetime.combine(internal, datetime.min.time()))
    assert shown[ids[1]][1] == datetime(2025, 9, 5)  # the Office's date, not the default
    default = tracker.reference.calendar.working_days_before(date(2025, 10, 3), 10)
    assert shown[ids[0]][1] == datetime.combine(default, datetime.min.time()) == datetime(2025, 9, 19)
    overdue = _sheet(data, "Quá hạn")
    oh = list(overdue[0])
    assert oh[oh.index("Hạn trả lời") + 1 : oh.index("Hạn trả lời") + 3] == [
        "Số ngày quá hạn",
        "Hạn gửi dự thảo về Văn phòng",
    ]
    assert {r["Mã"]: r["Bước xử lý"] for r in overdue} == {i: s for i, (s, _) in shown.items()}


def test_the_english_headers_and_stage_names(on_the_path):
    tracker, ids = on_the_path
    register = _sheet(export(tracker, SYSTEM, ExportScope(None, TODAY), "xlsx", lang="en"), "Register")
    assert {"Stage", "Draft due at the Office"} <= set(register[0])
    assert {r["ID"]: r["Stage"] for r in register}[ids[2]] == "In review by the Office"


def test_the_csv_carries_them_as_codes_and_dates_after_the_import_columns(on_the_path):
    tracker, _ = on_the_path
    data = export(tracker, SYSTEM, ExportScope(None, TODAY), "csv")
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS == (*ALL_COLUMNS, "stage", "internal_due_on")
    by_ref = {r["ref_no"]: (r["stage"], r["internal_due_on"]) for r in reader}
    assert by_ref == {
        "1/BDN": ("awaiting_acceptance", "19/09/2025"),
        "2/BDN": ("drafting", "05/09/2025"),
        "3/BDN": ("in_review", "19/09/2025"),
    }
    # The import reads the file as before and leaves the two columns aside.
    preview = preview_import(tracker, SYSTEM, read_table(data, "xuat.csv"))
    assert set(preview.ignored_headers) == {"stage", "internal_due_on"}
    assert preview.count(Fate.DUPLICATE) == len(by_ref)  # the same three items, recognised
