"""A reason the tracker writes itself (an import, a calendar correction) is stored as a catalog
key and its values and read in the reader's language; a reason a person typed stays as typed
(issue 10: facts stored, sentences rendered when read)."""

from __future__ import annotations

from datetime import date

from tests.conftest import ADMIN, LIAISON, draft
from tests.importing.test_import import csv_bytes, preview, row
from tests.rules.test_deadline_refresh import _question
from tracker.importing import commit_import
from tracker.permissions import SYSTEM


def _stored_reasons(tracker, table: str) -> list[tuple]:
    query = f"select reason, reason_key, reason_params from {table} order by id"
    return tracker.db.write(lambda cur: cur.raw.execute(query).fetchall())


def test_an_imported_items_event_reads_in_the_readers_language(tracker):
    done = commit_import(tracker, SYSTEM, preview(tracker, csv_bytes([row(ref_no="1/BDN")])))
    (event,) = tracker.history(done.item_ids[0], "en")
    assert event.reason == "Imported from kien-nghi.csv, row 2"
    assert tracker.history(done.item_ids[0])[0].reason == "Nhập từ tệp kien-nghi.csv, dòng 2"
    assert _stored_reasons(tracker, "item_events") == [
        ("", "import.event_reason", '{"file": "kien-nghi.csv", "row": 2}')
    ]


def test_sessions_and_units_an_import_created_read_in_english_in_the_audit_trail(tracker):
    data = csv_bytes([row(term="16", session="BT1", lead_unit="Cục Chuyển đổi số", coordinating_units="VP")])
    commit_import(tracker, SYSTEM, preview(tracker, data, create_missing=True))
    audit = [(e["action"], e["subject"], e["reason"]) for e in tracker.list_events(SYSTEM, lang="en")]
    assert ("unit_saved", "CCĐS", "Created by importing kien-nghi.csv") in audit
    assert ("session_saved", "16/BT1", "Created by importing kien-nghi.csv") in audit


def test_a_recomputed_deadline_reads_its_reason_in_english(tracker):
    culture_day = date(2026, 11, 24)
    tracker.save_override(ADMIN, culture_day, False, "Ngày Văn hóa Việt Nam")
    item_id = _question(tracker)  # a deputy's question received 04/11/2026, due 25/11
    tracker.delete_override(ADMIN, culture_day)
    event = tracker.history(item_id, "en")[-1]
    assert event.action == "deadline_recomputed"
    assert event.reason == "The holiday calendar was corrected: deadline 25/11/2026 recomputed as 24/11/2026."


def test_a_typed_reason_reads_as_typed_in_every_language(tracker):
    item_id = tracker.create_item(
        LIAISON, draft(tracker, due_on=date(2025, 9, 30), due_override_reason="Ban Dân nguyện yêu cầu trước 30/9")
    )
    assert tracker.history(item_id, "en")[0].reason == "Ban Dân nguyện yêu cầu trước 30/9"
    assert _stored_reasons(tracker, "item_events") == [("Ban Dân nguyện yêu cầu trước 30/9", None, None)]
