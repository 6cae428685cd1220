"""tracker/formatting.py: every format the product prints, and errors rendered in each language
exactly as they read before rendering moved out of tracker/errors.py (issue 10, "leaves are leaves").
The expected messages were captured from the code before the move."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from tracker import audit, charts, dates, formatting
from tracker.errors import Conflict, InvalidInput, InvalidInputs, NotFound, PermissionDenied, TrackerError
from tracker.file_limits import FileTooLarge
from tracker.formatting import (
    describe_changes,
    describe_value,
    format_date,
    format_datetime,
    format_time_then_date,
    format_timestamp,
    official_date_line,
    pct_text,
    percent_text,
    render_error,
)

MOMENT = datetime(2026, 3, 5, 9, 7, 3)


def test_date_formats() -> None:
    assert format_date(date(2026, 3, 5)) == "05/03/2026"
    assert format_date(MOMENT) == "05/03/2026"
    assert format_date(None) == ""
    assert format_datetime(MOMENT) == "05/03/2026 09:07"
    assert format_timestamp(MOMENT) == "05/03/2026 09:07:03"
    assert format_time_then_date(MOMENT) == "09:07 05/03/2026"
    assert official_date_line(date(2020, 3, 5)) == "Hà Nội, ngày 05 tháng 3 năm 2020"
    assert official_date_line(date(2020, 1, 15), "Huế") == "Huế, ngày 15 tháng 01 năm 2020"


def test_percentages() -> None:
    assert percent_text(2199, 2200, "vi") == "99,9 %"
    assert percent_text(2199, 2200, "en") == "99.9 %"
    assert percent_text(0, 0, "vi") == "—"
    assert pct_text(129, 129, "vi") == "129 (100 %)"
    assert pct_text(3, 0, "en") == "3"


def test_old_places_still_export_the_same_functions() -> None:
    assert dates.format_date is format_date and dates.official_date_line is official_date_line
    assert audit.describe_changes is describe_changes and audit.describe_value is describe_value
    assert charts.percent_text is percent_text and charts.pct_text is pct_text
    assert dates.END_OF_TIME == dates.LATEST == date(2100, 12, 31)


class _Ref:
    """The two things describing a change asks of the reference data."""

    class _Session:
        class ref:
            @staticmethod
            def code() -> str:
                return "15/8"

    def session(self, session_id: int) -> _Ref._Session:
        if session_id != 3:
            raise NotFound("error.session_not_found", value=str(session_id))
        return self._Session()

    def unit_name(self, code: str, lang: str = "vi") -> str:
        return f"<{code}:{lang}>"


def test_change_descriptions() -> None:
    assert describe_value("kind", "deputy_question", "en") == "Deputy's question"
    assert describe_value("kind", "no_such_kind", "en") == "no_such_kind"
    assert describe_value("due_on", "2026-12-15", "vi") == "15/12/2026"
    assert describe_value("due_on", None, "vi") == "—"
    assert describe_value("session_id", 3, "vi", _Ref()) == "15/8"
    assert describe_value("session_id", 9, "vi", _Ref()) == "9"  # an unknown session shows its id
    assert describe_value("session_id", "x", "vi", _Ref()) == "x"
    assert describe_value("coordinating_units", "A;B", "en", _Ref()) == "<A:en>, <B:en>"
    # A workflow step reads as its event's label in the history, never as its code (issue 12).
    assert describe_value("milestone", "part_received", "vi") == "Gửi ý kiến phối hợp"
    assert describe_value("milestone", "accepted", "en") != "accepted"
    changes = {"lead_unit": [None, "VP"], "due_on": ["2026-12-01", "2026-12-15"], "note": "new"}
    assert describe_changes(changes, "en") == "Lead unit: — → VP; Deadline: 01/12/2026 → 15/12/2026; " + (
        describe_changes({"note": "new"}, "en")
    )


def _errors() -> dict[str, TrackerError]:
    return {
        "generic": TrackerError(),
        "not_found": NotFound("error.item_not_found", value="42"),
        "field_label": InvalidInput("error.date_required", field="responded_on"),
        "field_unknown": InvalidInput("error.date_required", field="no_such_field"),
        "permission": PermissionDenied("error.permission", action="assign", role="viewer"),
        "role_label": TrackerError("app.signed_in_as", name="an", role="viewer"),
        "role_unknown": TrackerError("app.signed_in_as", name="an", role="nobody"),
        "kind_label": InvalidInput("error.no_rule", field="received_on", kind="deputy_question"),
        "several": InvalidInputs(
            [
                InvalidInput("error.date_required", field="received_on"),
                InvalidInput("error.date_format", field="due_on", value="31/02/2026"),
                FileTooLarge("import.too_many_rows", field="file", file="a.xlsx", limit=1048576),
            ]
        ),
        "conflict": Conflict("error.stale_item", value="7", seen=1, now=3).with_changes(
            [
                {
                    "occurred_at": datetime(2026, 12, 1, 9, 5, 33),
                    "actor": "an",
                    "action": "assigned",
                    "changes": '{"lead_unit": [null, "VP"], "due_on": ["2026-12-01", "2026-12-15"]}',
                },
                {"occurred_at": datetime(2026, 12, 1, 10, 0), "actor": "binh", "action": "progress", "changes": None},
            ]
        ),
        "conflict_plain": Conflict("error.stale_item", value="7", seen=1, now=2),
    }


# Captured from tracker/errors.py's own message() before rendering moved to tracker/formatting.py.
EXPECTED: dict[str, dict[str, str]] = {
    "generic": {"vi": "Đã có lỗi xảy ra.", "en": "Something went wrong."},
    "not_found": {"vi": "Không tìm thấy mục số 42.", "en": "Item 42 was not found."},
    "field_label": {"vi": "Chưa nhập ngày (Ngày trả lời).", "en": "A date is required (Reply date)."},
    "field_unknown": {"vi": "Chưa nhập ngày (no_such_field).", "en": "A date is required (no_such_field)."},
    "permission": {
        "vi": "Bạn không có quyền thực hiện thao tác này (assign).",
        "en": "You are not allowed to do this (assign).",
    },
    "role_label": {"vi": "Đăng nhập: an (Lãnh đạo Bộ (xem))", "en": "Signed in: an (Minister's office (view))"},
    "role_unknown": {"vi": "Đăng nhập: an (nobody)", "en": "Signed in: an (nobody)"},
    "kind_label": {
        "vi": "Chưa có quy định thời hạn cho loại Chất vấn vào ngày nhận.",
        "en": "No deadline rule for Deputy's question on the date received.",
    },
    "several": {
        "vi": 'Chưa nhập ngày (Ngày nhận).\nNgày "31/02/2026" không đúng định dạng dd/mm/yyyy (Hạn trả lời).\nTệp a.xlsx có hơn 1.048.576 dòng; giới hạn là 1.048.576 dòng mỗi tệp. Không có gì được ghi; hãy chia thành nhiều tệp.',
        "en": 'A date is required (Date received).\n"31/02/2026" is not a date in dd/mm/yyyy (Deadline).\na.xlsx has more than 1,048,576 rows; the limit is 1,048,576 rows a file. Nothing was written; split it into several files.',
    },
    "conflict": {
        "vi": "Mục số 7 đã được người khác cập nhật (phiên bản 1 → 3). Hãy tải lại để xem thay đổi rồi thực hiện lại.\n• 01/12/2026 09:05 · an · Giao đơn vị (Đơn vị chủ trì: — → VP; Hạn trả lời: 01/12/2026 → 15/12/2026)\n• 01/12/2026 10:00 · binh · Cập nhật tiến độ",
        "en": "Item 7 was changed by someone else (version 1 → 3). Reload to see the change, then try again.\n• 01/12/2026 09:05 · an · Assigned (Lead unit: — → VP; Deadline: 01/12/2026 → 15/12/2026)\n• 01/12/2026 10:00 · binh · Progress note",
    },
    "conflict_plain": {
        "vi": "Mục số 7 đã được người khác cập nhật (phiên bản 1 → 2). Hãy tải lại để xem thay đổi rồi thực hiện lại.",
        "en": "Item 7 was changed by someone else (version 1 → 2). Reload to see the change, then try again.",
    },
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_an_error_reads_as_it_did(name: str, lang: str) -> None:
    error = _errors()[name]
    assert render_error(error, lang) == EXPECTED[name][lang]
    assert error.message(lang) == EXPECTED[name][lang]  # the delegate callers keep using


def test_errors_carry_data_only() -> None:
    conflict = _errors()["conflict"]
    assert isinstance(conflict, Conflict)
    assert conflict.key == "error.stale_item" and conflict.params == {"value": "7", "seen": 1, "now": 3}
    assert json.loads(str(conflict.meanwhile[0]["changes"]))["lead_unit"] == [None, "VP"]
    assert not hasattr(formatting, "TrackerError")  # formatting reads errors by their data, never imports them


def test_an_empty_field_left_empty_is_not_described_as_a_change() -> None:
    changes = {"ref_no": [None, ""], "coordinating_units": [None, ""], "lead_unit": [None, "VP"]}
    assert describe_changes(changes, "vi") == "Đơn vị chủ trì: — → VP"
