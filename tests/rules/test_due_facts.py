"""How an item's deadline was reached is stored as facts and read in the reader's language
(issue 10, tracker/due_facts.py); rows stored before keep their Vietnamese sentence."""

from __future__ import annotations

from datetime import date

from tests.conftest import ADMIN, LIAISON, draft
from tests.importing.test_import import csv_bytes, preview, row
from tests.rules.test_deadline_refresh import _question
from tracker.deadlines import DEFAULT_RULES, compute_deadline
from tracker.due_facts import DueFacts
from tracker.importing import commit_import
from tracker.items import Kind
from tracker.permissions import SYSTEM

NATIONAL_DAY_VI = (
    "nhận 02/07/2025 + 60 ngày = 31/08/2025, rơi vào cuối tuần và Ngày Quốc khánh → 03/09/2025"
    " (Bộ luật Dân sự Điều 147, 148(5); Bộ luật Lao động Điều 112)"
)
NATIONAL_DAY_EN = (
    "received 02/07/2025 + 60 days = 31/08/2025, a day off: weekend and National Day → 03/09/2025"
    " (Civil Code Art. 147, 148(5); Labour Code Art. 112)"
)


def test_an_entered_item_reads_its_deadline_basis_in_the_readers_language(tracker):
    item = tracker.get_item(tracker.create_item(LIAISON, draft(tracker, received_on=date(2025, 7, 2))))
    assert item.basis("vi") == item.due_basis == NATIONAL_DAY_VI
    assert item.basis("en") == NATIONAL_DAY_EN


def test_a_deadline_set_by_a_person_reads_in_english_with_the_date_set(tracker):
    item_id = tracker.create_item(
        LIAISON, draft(tracker, due_on=date(2025, 9, 30), due_override_reason="Ban Dân nguyện yêu cầu")
    )
    version = tracker.get_item(item_id).version
    tracker.override_deadline(ADMIN, item_id, version, date(2025, 9, 26), "Lãnh đạo Bộ yêu cầu")
    item = tracker.get_item(item_id)
    assert item.basis("en") == (
        "received 04/08/2025 + 60 days = 03/10/2025 (Civil Code Art. 147) | 30/09/2025 | 26/09/2025"
    )
    assert (
        item.due_basis == "nhận 04/08/2025 + 60 ngày = 03/10/2025 (Bộ luật Dân sự Điều 147) | 30/09/2025 | 26/09/2025"
    )


def test_an_imported_item_reads_its_deadline_basis_in_english(tracker):
    result = commit_import(tracker, SYSTEM, preview(tracker, csv_bytes([row(ref_no="1/BDN")])))
    item = tracker.get_item(result.item_ids[0])
    assert item.basis("en") == "received 04/08/2025 + 60 days = 03/10/2025 (Civil Code Art. 147)"
    assert item.basis("vi") == "nhận 04/08/2025 + 60 ngày = 03/10/2025 (Bộ luật Dân sự Điều 147)"


def _make_legacy(tracker, item_id: int, sentence: str) -> None:
    """What a row stored before issue 10 looks like: the sentence, no facts."""
    tracker.db.write(
        lambda cur: cur.raw.execute(
            "update items set due_basis = ?, due_facts = null where id = ?", [sentence, item_id]
        )
    )


def test_a_row_stored_before_keeps_its_sentence_in_every_language(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker))
    legacy = "nhận 04/08/2025 + 60 ngày = 03/10/2025 (Bộ luật Dân sự Điều 147)"
    _make_legacy(tracker, item_id, legacy)
    item = tracker.get_item(item_id)
    assert item.due_facts is None
    assert item.basis("en") == item.basis("vi") == item.due_basis == legacy
    tracker.override_deadline(ADMIN, item_id, item.version, date(2025, 9, 26), "Lãnh đạo Bộ yêu cầu")
    assert tracker.get_item(item_id).basis("en") == legacy + " | 26/09/2025"


def test_a_legacy_row_still_follows_a_calendar_correction_and_gains_its_facts(tracker):
    culture_day = date(2026, 11, 24)
    tracker.save_override(ADMIN, culture_day, False, "Ngày Văn hóa Việt Nam")
    item_id = _question(tracker)  # a deputy's question received 04/11/2026, due 25/11
    _make_legacy(
        tracker,
        item_id,
        "nhận 04/11/2026 + 20 ngày = 24/11/2026, rơi vào Ngày Văn hóa Việt Nam → 25/11/2026"
        " (Bộ luật Dân sự Điều 147, 148(5); lịch nghỉ đã công bố)",
    )
    tracker.delete_override(ADMIN, culture_day)
    item = tracker.get_item(item_id)
    assert item.due_on == culture_day
    assert item.basis("en") == "received 04/11/2026 + 20 days = 24/11/2026 (Civil Code Art. 147)"


def test_the_facts_survive_storage_and_render_as_the_deadline_explains_itself(calendar):
    rule = next(r for r in DEFAULT_RULES if r.kind == Kind.DEPUTY_QUESTION)
    deadline = compute_deadline(date(2026, 1, 27), rule, calendar)  # 20 days = 16/2/2026, in Tết
    facts = deadline.facts()
    assert facts.days_off  # it rolled past Tết
    assert DueFacts.from_json(facts.to_json()) == facts
    for lang in ("vi", "en"):
        assert DueFacts.from_json(facts.to_json()).basis(lang) == deadline.explain(lang)
