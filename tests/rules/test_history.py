"""History (issue 10): the events every write appends, pinned byte for byte before the code moved.

The golden values were captured from the code as it stood before tracker/history.py existed: the
`created` and `imported` change shapes, the reasons, the versions, and the administrative events
of settings, accounts and an import that creates sessions and units."""

from __future__ import annotations

import json
from datetime import date

from tests.conftest import ADMIN, LIAISON, draft, reply
from tests.importing.test_import import csv_bytes, preview, row
from tracker import accounts, history
from tracker.importing import commit_import
from tracker.permissions import SYSTEM


# Since issue 10 a reason the tracker writes itself is stored as a catalog key and its values
# (reason_key, reason_params) with an empty reason: the golden rows keep the sentence it must
# still read as in Vietnamese, so each row's reason below is the stored one rendered.
def _rendered(rows: list[tuple], at: int) -> list[tuple]:
    for r in rows:
        assert not (r[-2] and r[at]), "a keyed reason stores no sentence"
    return [(*r[:at], history.reason_text(r[at], r[-2], r[-1]), *r[at + 1 : -2]) for r in rows]


def item_events(tracker) -> list[tuple]:
    return _rendered(
        tracker.db.write(
            lambda cur: cur.raw.execute(
                "select item_id, actor, action, changes, reason, version, reason_key, reason_params"
                " from item_events order by id"
            ).fetchall()
        ),
        4,
    )


def admin_events(tracker) -> list[tuple]:
    return _rendered(
        tracker.db.write(
            lambda cur: cur.raw.execute(
                "select actor, action, subject, changes, reason, reason_key, reason_params from admin_events order by id"
            ).fetchall()
        ),
        4,
    )


def test_a_created_event_has_todays_shape(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker, ref_no="77/BDN", coordinating_units=("VP",)))
    [(event_item, actor, action, changes, reason, version)] = item_events(tracker)
    assert (event_item, actor, action, reason, version) == (item_id, "lienlac", "created", "", 1)
    assert json.loads(changes) == GOLDEN["created"]
    assert changes == GOLDEN["created_text"]


def test_a_created_event_keeps_empty_strings_and_drops_none(tracker):
    tracker.create_item(LIAISON, draft(tracker))
    [(_, _, _, changes, _, _)] = item_events(tracker)
    assert changes == GOLDEN["created_plain_text"]


def test_an_overridden_deadline_is_the_created_events_reason(tracker):
    tracker.create_item(LIAISON, draft(tracker, due_on=date(2025, 8, 29), due_override_reason="Lãnh đạo Bộ giao gấp"))
    [(_, _, _, changes, reason, _)] = item_events(tracker)
    assert reason == "Lãnh đạo Bộ giao gấp"
    assert changes == GOLDEN["created_override_text"]


def test_imported_events_have_todays_shape(tracker):
    rows = [
        row(ref_no="1/BDN"),
        row(
            ref_no="2/BDN",
            response_no="12/BNV-TLBHXH",
            responded_on="20/08/2025",
            result="explained",
            signer="Thứ trưởng Trần Minh Khoa",
        ),
    ]
    done = commit_import(tracker, SYSTEM, preview(tracker, csv_bytes(rows)))
    events = item_events(tracker)
    assert [e[0] for e in events] == list(done.item_ids)
    assert [(e[1], e[2], e[5]) for e in events] == [("system", "imported", 1)] * 2
    assert [e[4] for e in events] == GOLDEN["imported_reasons"]
    assert [e[3] for e in events] == GOLDEN["imported_texts"]


def test_a_single_imported_row_has_the_same_shape(tracker):
    data = csv_bytes([row(ref_no="3/BDN", responded_on="20/08/2025", response_no="5/BNV", result="explained")])
    commit_import(tracker, SYSTEM, preview(tracker, data))
    [(_, _, action, changes, reason, version)] = item_events(tracker)
    assert (action, version) == ("imported", 1)
    assert reason == GOLDEN["imported_single_reason"]
    assert changes == GOLDEN["imported_single_text"]


def test_an_import_creating_sessions_and_units_logs_them_as_settings(tracker):
    data = csv_bytes([row(term="16", session="BT1", lead_unit="Cục Chuyển đổi số", coordinating_units="VP")])
    commit_import(tracker, SYSTEM, preview(tracker, data, create_missing=True))
    assert admin_events(tracker) == GOLDEN["import_admin"]


def test_settings_and_accounts_log_administrative_events(tracker):
    tracker.save_setting(ADMIN, "due_soon_days", "5")
    tracker.save_setting(ADMIN, "due_soon_days", "6")
    accounts.add_user(tracker, ADMIN, "canbo1", "mat-khau-dai-du-12", "liaison", display_name="Cán bộ 1")
    accounts.set_password(tracker, ADMIN, "canbo1", "mat-khau-moi-dai-12")
    assert admin_events(tracker) == GOLDEN["settings_admin"]


def test_reply_and_edit_events_keep_their_shape(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker, ref_no="8/BDN"))
    v2 = tracker.record_reply(ADMIN, item_id, 1, reply(date(2025, 8, 20)))
    tracker.edit_item(
        ADMIN,
        item_id,
        v2,
        phase="after",
        ref_no="8/BDN",
        sources=("Cử tri tỉnh Nghệ An", "Cử tri TP. Hà Nội"),
        deputy="",
        summary="Đề nghị điều chỉnh mức lương cơ sở.",
        full_text="",
        topic="Tiền lương",
        reason="Sửa tóm tắt",
    )
    assert [(e[2], e[3], e[4], e[5]) for e in item_events(tracker)[1:]] == GOLDEN["reply_edit"]


# Captured from the code before issue 10 moved it (see the module docstring).
GOLDEN: dict = {
    "created": {
        "coordinating_units": [None, "VP"],
        "due_on": [None, "2025-10-03"],
        "kind": [None, "voter_recommendation"],
        "lead_unit": [None, "TLBHXH"],
        "phase": [None, "after"],
        "received_on": [None, "2025-08-04"],
        "ref_no": [None, "77/BDN"],
        "session_id": [None, 9],
    },
    "created_override_text": '{"kind": [null, "voter_recommendation"], "session_id": [null, 9], "phase": [null, "after"], "ref_no": [null, ""], "received_on": [null, "2025-08-04"], "lead_unit": [null, '
    '"TLBHXH"], "coordinating_units": [null, ""], "due_on": [null, "2025-08-29"]}',
    "created_plain_text": '{"kind": [null, "voter_recommendation"], "session_id": [null, 9], "phase": [null, "after"], "ref_no": [null, ""], "received_on": [null, "2025-08-04"], "lead_unit": [null, '
    '"TLBHXH"], "coordinating_units": [null, ""], "due_on": [null, "2025-10-03"]}',
    "created_text": '{"kind": [null, "voter_recommendation"], "session_id": [null, 9], "phase": [null, "after"], "ref_no": [null, "77/BDN"], "received_on": [null, "2025-08-04"], "lead_unit": [null, '
    '"TLBHXH"], "coordinating_units": [null, "VP"], "due_on": [null, "2025-10-03"]}',
    "import_admin": [
        ("system", "session_saved", "16/BT1", "{}", "Tạo khi nhập tệp kien-nghi.csv"),
        ("system", "unit_saved", "CCĐS", '{"name_vi": [null, "Cục Chuyển đổi số"]}', "Tạo khi nhập tệp kien-nghi.csv"),
    ],
    "imported_reasons": ["Nhập từ tệp kien-nghi.csv, dòng 2", "Nhập từ tệp kien-nghi.csv, dòng 3"],
    "imported_single_reason": "Nhập từ tệp kien-nghi.csv, dòng 2",
    "imported_single_text": '{"kind": [null, "voter_recommendation"], "phase": [null, "after"], "ref_no": [null, "3/BDN"], "received_on": [null, "2025-08-04"], "lead_unit": [null, "TLBHXH"], '
    '"coordinating_units": [null, "VP"], "due_on": [null, "2025-10-03"], "response_no": [null, "5/BNV"], "responded_on": [null, "2025-08-20"], "result": [null, "explained"]}',
    "imported_texts": [
        (
            '{"kind": [null, "voter_recommendation"], "phase": [null, "after"], "ref_no": [null, "1/BDN"], "received_on": [null, "2025-08-04"], "lead_unit": [null, "TLBHXH"], '
            '"coordinating_units": [null, "VP"], "due_on": [null, "2025-10-03"]}'
        ),
        (
            '{"kind": [null, "voter_recommendation"], "phase": [null, "after"], "ref_no": [null, "2/BDN"], "received_on": [null, "2025-08-04"], "lead_unit": [null, "TLBHXH"], '
            '"coordinating_units": [null, "VP"], "due_on": [null, "2025-10-03"], "response_no": [null, "12/BNV-TLBHXH"], "responded_on": [null, "2025-08-20"], "result": [null, "explained"]}'
        ),
    ],
    "reply_edit": [
        (
            "replied",
            (
                '{"response_no": [null, "1234/BNV-TLBHXH"], "responded_on": [null, "2025-08-20"], "signer": [null, "Thứ trưởng Trần Minh Khoa"], "response_summary": [null, "Bộ Nội vụ đã trả lời, '
                'giải trình nội dung kiến nghị."], "result": [null, "explained"]}'
            ),
            "",
            2,
        ),
        (
            "edited",
            (
                '{"sources": ["Cử tri tỉnh Nghệ An", "Cử tri tỉnh Nghệ An; Cử tri TP. Hà Nội"], "summary": ["Đề nghị điều chỉnh mức lương cơ sở phù hợp với mức tăng giá tiêu dùng.", "Đề nghị điều '
                'chỉnh mức lương cơ sở."]}'
            ),
            "Sửa tóm tắt",
            3,
        ),
    ],
    "settings_admin": [
        ("system", "setting_saved", "due_soon_days", '{"value": [null, "5"]}', ""),
        ("system", "setting_saved", "due_soon_days", '{"value": ["5", "6"]}', ""),
        ("system", "user_added", "canbo1", '{"role": [null, "liaison"], "unit": [null, null]}', ""),
        ("system", "password_set", "canbo1", "{}", ""),
    ],
}


def test_nothing_against_nothing_is_no_change():
    from tracker.history import diff

    assert diff({"coordinating_units": None, "deputy": None}, {"coordinating_units": "", "deputy": ""}) == {}
    assert diff({"coordinating_units": None}, {"coordinating_units": "VP"}) == {"coordinating_units": [None, "VP"]}
    assert diff({"deputy": "Nguyễn Văn A"}, {"deputy": ""}) == {"deputy": ["Nguyễn Văn A", ""]}
