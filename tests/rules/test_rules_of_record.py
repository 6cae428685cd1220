"""Rules that keep the record honest: what may change after a reply, who may correct it, which
units may take new work, and that a backup taken during work restores."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest

from tests.conftest import ADMIN, LIAISON, draft, officer, reply
from tests.factories import as_csv, generated_rows
from tracker import accounts, backup
from tracker.errors import InvalidInput, PermissionDenied, SignInFailed
from tracker.importing import commit_import, preview_import, read_table
from tracker.permissions import Role
from tracker.service import Filters, Tracker


def test_a_deadline_cannot_move_once_the_item_is_replied(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker))
    version = tracker.record_reply(LIAISON, item_id, 1, reply(date(2025, 10, 20), late_reason="chậm"))
    with pytest.raises(InvalidInput) as refused:
        tracker.override_deadline(LIAISON, item_id, version, date(2025, 10, 31), "cho kịp")
    assert refused.value.key == "error.override_closed"
    assert tracker.get_item(item_id).due_on == date(2025, 10, 3)


def test_only_the_lead_unit_corrects_a_reply(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker, lead_unit="CQĐP", coordinating_units=("TCBC",)))
    version = tracker.record_reply(officer("CQĐP"), item_id, 1, reply(date(2025, 9, 1), response_no="902/BNV-CQĐP"))
    with pytest.raises(PermissionDenied):
        tracker.record_reply(officer("TCBC"), item_id, version, reply(date(2025, 9, 2), response_no="1/BNV-TCBC"))
    version = tracker.record_reply(
        officer("CQĐP"), item_id, version, reply(date(2025, 9, 2), response_no="903/BNV-CQĐP")
    )
    assert tracker.get_item(item_id).reply.response_no == "903/BNV-CQĐP"
    # A coordinating unit may still record the first reply of an item it works on.
    other = tracker.create_item(LIAISON, draft(tracker, ref_no="2", lead_unit="CQĐP", coordinating_units=("TCBC",)))
    tracker.record_reply(officer("TCBC"), other, 1, reply(date(2025, 9, 1)))


def test_new_work_goes_only_to_units_active_then_or_now(tracker):
    # Ban Tôn giáo Chính phủ left the ministry on 28/02/2025.
    with pytest.raises(InvalidInput) as refused:
        tracker.create_item(LIAISON, draft(tracker, lead_unit="BTGCP", received_on=date(2025, 8, 4)))
    assert "unit_inactive" in str([e.key for e in refused.value.errors])
    old = tracker.create_item(LIAISON, draft(tracker, session="15/7", lead_unit="BTGCP", received_on=date(2024, 8, 12)))
    # Old items keep the unit they had, and can be moved on to a current one.
    tracker.assign(LIAISON, old, 1, "BTGCP", ("CQĐP",), "")
    tracker.assign(LIAISON, old, 2, "CQĐP", (), "Ban Tôn giáo chuyển sang Bộ Dân tộc và Tôn giáo")


def test_saving_an_assignment_without_a_lead_unit_says_so(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker))
    with pytest.raises(InvalidInput) as refused:
        tracker.assign(LIAISON, item_id, 1, "", (), "")
    assert refused.value.key == "error.lead_required" and "đơn vị chủ trì" in refused.value.message("vi")


def test_a_liaison_import_cannot_create_sessions_or_units(tracker):
    rows = generated_rows(3)
    rows[0]["lead_unit"] = "Vụ Mới Thành Lập"
    preview = preview_import(tracker, LIAISON, read_table(as_csv(rows), "f.csv"), create_missing=True)
    with pytest.raises(PermissionDenied):
        commit_import(tracker, LIAISON, preview)
    assert tracker.reference.unit("VMTL") is None and all(
        u.name_vi != "Vụ Mới Thành Lập" for u in tracker.reference.units
    )
    commit_import(
        tracker, ADMIN, preview_import(tracker, ADMIN, read_table(as_csv(rows), "f.csv"), create_missing=True)
    )
    assert any(u.name_vi == "Vụ Mới Thành Lập" for u in tracker.refresh_reference().units)


def test_two_accounts_cannot_share_a_sign_on_email(tracker):
    accounts.add_user(tracker, ADMIN, "a", "mat-khau-dai-du-1", Role.VIEWER, email="lanh.dao@moha.gov.vn")
    with pytest.raises(InvalidInput) as refused:
        accounts.add_user(tracker, ADMIN, "b", "mat-khau-dai-du-2", Role.ADMIN, email="Lanh.Dao@moha.gov.vn")
    assert refused.value.key == "error.email_taken"


def test_unknown_names_lock_like_real_ones_so_names_cannot_be_probed(tracker):
    keys = []
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(SignInFailed) as failed:
            accounts.authenticate(tracker, "khong-ton-tai", "sai-mat-khau", sleep=lambda s: None)
        keys.append(failed.value.key)
    assert keys[-1] == "error.account_locked" and set(keys[:-1]) == {"error.sign_in_failed"}


def test_a_backup_taken_while_others_write_restores(tracker, tmp_path, db_path):
    stop = threading.Event()

    def keep_writing() -> None:
        n = 0
        while not stop.is_set():
            tracker.create_item(
                LIAISON, draft(tracker, ref_no=f"W{n}", received_on=date(2025, 8, 4) + timedelta(days=n % 20))
            )
            n += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        infos = [backup.make_backup(tracker, ADMIN, tmp_path / "b") for _ in range(3)]
    finally:
        stop.set()
        writer.join()
    tracker.close()
    for info in infos:
        target = tmp_path / f"restored-{info.path.name}.duckdb"
        backup.restore(info.path, target)  # raises if the files and the manifest disagree
        restored = Tracker.open(target)
        assert restored.integrity_problems() == []
        restored.close()


def test_a_typo_is_corrected_and_the_correction_is_in_the_history(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker, summary="Đề nghị tăng lương co sở", ref_no="12/BDN"))
    tracker.edit_item(
        LIAISON,
        item_id,
        1,
        phase="before",
        ref_no="12/BDN-sửa",
        sources=("Cử tri tỉnh Huế", "Cử tri TP. Đà Nẵng"),
        deputy="",
        summary="Đề nghị tăng lương cơ sở",
        full_text="",
        topic="Tiền lương",
        reason="sửa lỗi chính tả",
    )
    item = tracker.get_item(item_id)
    assert (item.summary, item.ref_no, item.sources) == (
        "Đề nghị tăng lương cơ sở",
        "12/BDN-sửa",
        ("Cử tri tỉnh Huế", "Cử tri TP. Đà Nẵng"),
    )
    assert tracker.search(Filters(text="da nang"), date(2100, 1, 1)).total == 1
    [event] = [e for e in tracker.history(item_id) if e.action == "edited"]
    assert event.changes["summary"] == ["Đề nghị tăng lương co sở", "Đề nghị tăng lương cơ sở"]
    assert event.reason == "sửa lỗi chính tả"
    with pytest.raises(PermissionDenied):
        tracker.edit_item(
            officer("TLBHXH"),
            item_id,
            2,
            phase="before",
            ref_no="x",
            sources=(),
            deputy="",
            summary="x",
            full_text="",
            topic="",
        )


def test_a_mistaken_transfer_is_undone(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker))
    version = tracker.transfer(LIAISON, item_id, 1, date(2025, 8, 10), "chuyển Ban Dân nguyện")
    version = tracker.undo_transfer(LIAISON, item_id, version, "chuyển nhầm: thuộc thẩm quyền của Bộ")
    assert tracker.get_item(item_id).transferred_on is None
    assert [e.action for e in tracker.history(item_id)][-2:] == ["transferred", "transfer_undone"]
    with pytest.raises(InvalidInput):
        tracker.undo_transfer(LIAISON, item_id, version, "lần nữa")
