"""The report pack's summary counts recommendations raised again (issue 14, point 4)."""

from __future__ import annotations

import io
from datetime import date

import openpyxl

from tests.conftest import LIAISON, draft, reply, session_id
from tracker.exporting import ExportScope, export
from tracker.items import Result
from tracker.permissions import SYSTEM

AS_OF = date(2025, 9, 1)


def _summary(tracker, code: str) -> dict:
    data = export(tracker, SYSTEM, ExportScope(session_id(tracker, code), AS_OF), "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Tổng hợp"]
    return {r[0]: r[1] for r in sheet.iter_rows(values_only=True) if r[0]}


def test_the_summary_counts_raised_again_with_the_earlier_answers(tracker):
    explained = tracker.create_item(LIAISON, draft(tracker, session="15/8", received_on=date(2024, 11, 4)))
    tracker.record_reply(LIAISON, explained, 1, reply(date(2024, 12, 2), Result.EXPLAINED))
    promised = tracker.create_item(LIAISON, draft(tracker, session="15/8", received_on=date(2024, 11, 4)))
    tracker.record_reply(
        LIAISON,
        promised,
        1,
        reply(date(2024, 12, 2), Result.BEING_RESOLVED, roadmap="Sửa Nghị định", committed_on=date(2025, 6, 30)),
    )
    again_1 = tracker.create_item(LIAISON, draft(tracker))
    again_2 = tracker.create_item(LIAISON, draft(tracker))
    tracker.create_item(LIAISON, draft(tracker))  # new, not raised before
    tracker.mark_raised_again(LIAISON, again_1, explained)
    tracker.mark_raised_again(LIAISON, again_2, promised)

    summary = _summary(tracker, "15/9")
    assert summary["Kiến nghị lặp lại (đã nêu ở kỳ họp trước)"] == 2
    assert summary["— trong đó lần trả lời trước là giải trình"] == 1
    assert summary["— trong đó lộ trình đã cam kết nay đã quá hạn"] == 1
    counts = tracker.raised_again_session_counts(session_id(tracker, "15/9"), AS_OF)
    assert (counts.raised_again, counts.last_explained, counts.commitment_passed) == (2, 1, 1)
    # The earlier session's items are the first occurrences: nothing raised again there.
    assert _summary(tracker, "15/8")["Kiến nghị lặp lại (đã nêu ở kỳ họp trước)"] == 0
