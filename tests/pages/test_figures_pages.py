"""Issue 9's figures on the pages, under AppTest: the administrator's decimals setting reaches the
progress page, and the archive form records whether an item was entered by mistake."""

from __future__ import annotations

from datetime import date

from tests.conftest import LIAISON, draft, open_page, reply, session_id, start_app
from tests.pages.item_page_helpers import open_action, open_item
from tests.pages.test_pages import _submit, texts
from tracker.items import ArchiveReason
from ui.context import _open_tracker


def _three_recommendations(db_path):
    live = _open_tracker(str(db_path))
    ids = [live.create_item(LIAISON, draft(live, ref_no=f"{n}/BDN")) for n in (1, 2, 3)]
    for item_id in ids[:2]:
        live.record_reply(LIAISON, item_id, 1, reply(date(2025, 8, 20)))
    return live, ids


def test_two_decimals_set_in_settings_show_on_the_progress_page(db_path, monkeypatch):
    live, _ = _three_recommendations(db_path)
    at = start_app(db_path, monkeypatch, "admin", "vi", None)
    open_page(at, "progress")
    at.selectbox(key="progress.session").set_value(session_id(live, "15/9")).run()
    assert "Kiến nghị cử tri: đã trả lời 2/3 (66,7 %)." in texts(at)
    open_page(at, "settings")
    at.selectbox(key="settings.percent_decimals").set_value(2)
    _submit(at, "settings.general_form")
    assert live.refresh_reference().percent_decimals == 2
    open_page(at, "progress")
    at.selectbox(key="progress.session").set_value(session_id(live, "15/9")).run()
    assert "Kiến nghị cử tri: đã trả lời 2/3 (66,67 %)." in texts(at)


def test_the_archive_form_records_an_entry_made_by_mistake(db_path, monkeypatch):
    live, ids = _three_recommendations(db_path)
    duplicate = ids[-1]
    at = start_app(db_path, monkeypatch, "liaison", "vi", None)
    open_action(open_item(at, duplicate), duplicate, "archive")
    prefix = f"item.{duplicate}"
    kinds = at.radio(key=f"{prefix}.archive_kind")
    assert kinds.options[0].startswith("Nhập trùng hoặc nhập nhầm")
    kinds.set_value("duplicate_entry")
    at.text_input(key=f"{prefix}.archive_reason").input("Nhập trùng với kiến nghị số 2/BDN")
    _submit(at, f"{prefix}.archive_form")
    assert live.get_item(duplicate).archive_reason == ArchiveReason.DUPLICATE_ENTRY
    (row,) = live.stats(date(2025, 9, 30), session_id(live, "15/9"), "voter_recommendation")
    assert (row.counts.total, row.counts.replied) == (2, 2)  # a past report no longer carries it
