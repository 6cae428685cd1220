"""Figures that must not mislead (issue 9): an item entered by mistake counts at no date, every
per-unit figure names its role, one rounding rule and its administrator setting."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import ADMIN, LIAISON, draft, reply, session_id
from tracker import clock
from tracker.errors import InvalidInput, PermissionDenied
from tracker.items import ArchiveReason
from tracker.percent import percent_text
from tracker.status import counts_as_of

SEPT_30 = date(2025, 9, 30)  # the day a past report was made


# -- the rule ------------------------------------------------------------------------------------
def test_an_item_archived_as_a_duplicate_counts_at_no_date():
    received, archived = date(2025, 8, 4), date(2025, 10, 15)
    for as_of in (date(2025, 8, 4), SEPT_30, date(2025, 10, 14), archived, date(2026, 1, 1)):
        assert not counts_as_of(
            received_on=received, archived_on=archived, archive_reason="duplicate_entry", as_of=as_of
        )


def test_an_item_archived_for_another_reason_counts_until_its_archiving():
    received, archived = date(2025, 8, 4), date(2025, 10, 15)
    for reason in (ArchiveReason.OTHER, None):  # None: archived before reasons had kinds
        assert counts_as_of(received_on=received, archived_on=archived, archive_reason=reason, as_of=date(2025, 10, 14))
        assert not counts_as_of(received_on=received, archived_on=archived, archive_reason=reason, as_of=archived)
    assert not counts_as_of(received_on=received, archived_on=None, archive_reason=None, as_of=date(2025, 8, 3))
    assert counts_as_of(received_on=received, archived_on=None, archive_reason=None, as_of=received)


# -- the audit's case: a re-issued past report no longer carries the duplicate ---------------------
@pytest.fixture
def six_with_a_duplicate(tracker):
    """Six recommendations of the 9th session received 04/08/2025, four replied on 20/08/2025;
    the sixth is the fifth entered a second time by mistake."""
    ids = [tracker.create_item(LIAISON, draft(tracker, ref_no=f"{n}/BDN")) for n in range(1, 7)]
    for item_id in ids[:4]:
        tracker.record_reply(LIAISON, item_id, 1, reply(date(2025, 8, 20)))
    return tracker, ids[-1]


def _september(tracker) -> tuple[int, int]:
    (row,) = tracker.stats(SEPT_30, session_id(tracker, "15/9"), "voter_recommendation")
    return row.counts.total, row.counts.replied


def test_archived_as_entered_by_mistake_the_past_report_says_5_and_80_percent(six_with_a_duplicate):
    tracker, duplicate = six_with_a_duplicate
    total, replied = _september(tracker)
    assert (total, replied, percent_text(replied, total, "vi")) == (6, 4, "66,7 %")
    tracker.set_archived(
        LIAISON, duplicate, 1, True, "Nhập trùng với kiến nghị số 5/BDN", ArchiveReason.DUPLICATE_ENTRY
    )
    total, replied = _september(tracker)
    assert (total, replied, percent_text(replied, total, "vi")) == (5, 4, "80,0 %")
    by_unit = tracker.stats_by_unit(SEPT_30, session_id(tracker, "15/9"))
    assert sum(r.counts.total for r in by_unit) == 5
    item = tracker.get_item(duplicate)
    assert item.archive_reason == ArchiveReason.DUPLICATE_ENTRY
    archived = tracker.history(duplicate)[-1]
    assert (archived.action, archived.changes) == ("archived", {"archive_reason": [None, "duplicate_entry"]})


def test_archived_for_another_reason_the_past_report_is_unchanged(six_with_a_duplicate):
    tracker, other = six_with_a_duplicate
    version = tracker.set_archived(LIAISON, other, 1, True, "Đơn vị đề nghị tạm ẩn", ArchiveReason.OTHER)
    assert _september(tracker) == (6, 4)
    (today,) = tracker.stats(clock.today(), session_id(tracker, "15/9"), "voter_recommendation")
    assert today.counts.total == 5
    # Restoring clears the kind; archiving again as a duplicate then removes it from September.
    version = tracker.set_archived(LIAISON, other, version, False, "Khôi phục để sửa lý do")
    assert tracker.get_item(other).archive_reason is None
    tracker.set_archived(LIAISON, other, version, True, "Thực ra là nhập trùng", "duplicate_entry")
    assert _september(tracker) == (5, 4)


def test_an_unknown_archive_kind_is_refused_and_changes_nothing(six_with_a_duplicate):
    tracker, item_id = six_with_a_duplicate
    with pytest.raises(InvalidInput) as refused:
        tracker.set_archived(LIAISON, item_id, 1, True, "Nhập trùng", "mistake")
    assert refused.value.message("vi") == 'Giá trị "mistake" không hợp lệ (Loại lý do lưu trữ).'
    assert tracker.get_item(item_id).archived_at is None and tracker.get_item(item_id).version == 1


# -- the administrator's setting: 1 or 2 decimals --------------------------------------------------
def test_decimals_are_an_administrator_setting_of_1_or_2(tracker):
    assert tracker.reference.percent_decimals == 1
    tracker.save_setting(ADMIN, "percent_decimals", "2")
    assert tracker.reference.percent_decimals == 2
    for bad in ("3", "0", "hai", ""):
        with pytest.raises(InvalidInput) as refused:
            tracker.save_setting(ADMIN, "percent_decimals", bad)
        assert refused.value.message("vi") == "Số chữ số thập phân của tỷ lệ phần trăm chỉ có thể là 1 hoặc 2."
        assert refused.value.message("en") == "Percentages can have 1 or 2 decimals only."
    assert tracker.reference.percent_decimals == 2
    with pytest.raises(PermissionDenied):  # a liaison officer may not change settings
        tracker.save_setting(LIAISON, "percent_decimals", "1")
    assert tracker.reference.percent_decimals == 2


# -- one unit, one figure: the unit export's summary is the lead role, coordination apart -------------
@pytest.fixture
def local_government(tracker):
    """9th session, as of 30/09/2025: Vụ Chính quyền địa phương (CQĐP) leads three recommendations
    (two replied) and one question (replied), and coordinates two recommendations Vụ Tổ chức -
    Biên chế (TCBC) leads (one replied)."""
    led = [tracker.create_item(LIAISON, draft(tracker, ref_no=f"{n}/BDN", lead_unit="CQĐP")) for n in (1, 2, 3)]
    helped = [
        tracker.create_item(LIAISON, draft(tracker, ref_no=f"{n}/BDN", lead_unit="TCBC", coordinating_units=("CQĐP",)))
        for n in (4, 5)
    ]
    question = tracker.create_item(
        LIAISON,
        draft(
            tracker,
            ref_no="9/TTKQH",
            kind="deputy_question",
            phase="between_sessions",
            deputy="Trần Văn Khải",
            received_on=date(2025, 9, 1),
            lead_unit="CQĐP",
        ),
    )
    for item_id in (*led[:2], helped[0]):
        tracker.record_reply(LIAISON, item_id, 1, reply(date(2025, 8, 25)))
    tracker.record_reply(LIAISON, question, 1, reply(date(2025, 9, 15)))
    tracker.create_item(LIAISON, draft(tracker, ref_no="7/BDN", lead_unit="TCBC"))  # not the unit's at all
    return tracker


def _kind_blocks(sheet) -> list[dict[str, tuple]]:
    """The summary sheet's measure tables, in order, each as {measure: (rec, question, all)}."""
    blocks: list[dict[str, tuple]] = []
    for row in sheet.iter_rows(values_only=True):
        if row[0] in ("Chỉ tiêu", "Measure"):
            blocks.append({})
        elif blocks and row[0] and row[1] is not None and len(blocks[-1]) < 11:
            blocks[-1][row[0]] = tuple(row[1:4])
    return blocks


def test_the_unit_exports_summary_equals_stats_by_unit_for_the_lead_role(local_government):
    from tracker.exporting import ExportScope, collect, export
    from tracker.permissions import SYSTEM

    tracker = local_government
    sid = session_id(tracker, "15/9")
    lead_rows = tracker.stats_by_unit(SEPT_30, sid, unit="CQĐP")
    assert {r.as_dict(True)["role"] for r in lead_rows} == {"lead"}
    by_kind = {r.kind: r.counts for r in lead_rows}
    data = collect(tracker, SYSTEM, ExportScope(sid, SEPT_30, unit="CQĐP"))
    assert data.counts["voter_recommendation"] == by_kind["voter_recommendation"]
    assert data.counts["deputy_question"] == by_kind["deputy_question"]
    assert (data.counts["voter_recommendation"].total, data.counts["voter_recommendation"].replied) == (3, 2)
    assert (data.coordinating["voter_recommendation"].total, data.coordinating["voter_recommendation"].replied) == (
        2,
        1,
    )
    assert data.coordinating["deputy_question"].total == 0
    assert len(data.rows) == 6  # the register beside it still lists what it leads and what it coordinates

    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(export(tracker, SYSTEM, ExportScope(sid, SEPT_30, unit="CQĐP"), "xlsx")))
    sheet = book["Tổng hợp"]
    column_a = [r[0] for r in sheet.iter_rows(values_only=True) if r[0]]
    assert "Đơn vị chủ trì: Vụ Chính quyền địa phương" in column_a
    assert "Đơn vị phối hợp (đơn vị khác chủ trì): Vụ Chính quyền địa phương" in column_a
    assert column_a.index("Đơn vị chủ trì: Vụ Chính quyền địa phương") < column_a.index(
        "Đơn vị phối hợp (đơn vị khác chủ trì): Vụ Chính quyền địa phương"
    )
    lead, coordinating = _kind_blocks(sheet)
    assert lead["Tổng số"] == (3, 1, 4) and lead["Đã trả lời"] == (2, 1, 3)
    assert lead["Tỷ lệ hoàn thành"] == ("66,7 %", "100 %", "75,0 %")
    assert coordinating["Tổng số"] == (2, 0, 2) and coordinating["Tỷ lệ hoàn thành"] == ("50,0 %", "—", "50,0 %")


def test_the_unit_word_report_labels_the_coordinating_block(local_government):
    import io

    import docx

    from tracker.exporting import ExportScope, export
    from tracker.permissions import SYSTEM

    tracker = local_government
    sid = session_id(tracker, "15/9")
    body = [
        p.text
        for p in docx.Document(
            io.BytesIO(
                export(tracker, SYSTEM, ExportScope(sid, SEPT_30, unit="CQĐP"), "docx", issued_on=date(2025, 10, 1))
            )
        ).paragraphs
    ]
    assert any("đã trả lời 2/3 kiến nghị (66,7 %)" in p for p in body)  # the lead role only
    heading = body.index(
        "Ngoài ra, Vụ Chính quyền địa phương tham gia phối hợp với đơn vị chủ trì khác (không tính vào số liệu trên):"
    )
    assert body[heading + 1] == (
        "phối hợp giải quyết 2 kiến nghị của cử tri, trong đó đơn vị chủ trì đã trả lời 1/2 kiến nghị (50,0 %);"
    )
    assert not any("chất vấn" in p for p in body[heading : heading + 2]), "no question was coordinated: no line for it"


def test_two_decimals_reach_the_excel_cells(local_government):
    import io

    import openpyxl

    from tracker.exporting import ExportScope, export
    from tracker.permissions import SYSTEM

    tracker = local_government
    tracker.save_setting(ADMIN, "percent_decimals", "2")
    sid = session_id(tracker, "15/9")
    book = openpyxl.load_workbook(
        io.BytesIO(export(tracker, SYSTEM, ExportScope(sid, SEPT_30, unit="CQĐP"), "xlsx", lang="en"))
    )
    lead, _ = _kind_blocks(book["Summary"])
    assert lead["Completion rate"] == ("66.67 %", "100 %", "75.00 %")
