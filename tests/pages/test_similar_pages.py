"""Issue 14's UI under AppTest: intake suggestions on the entry form and their confirmation, the
chain section (ui/similar_chain.render_chain) with its undo, the reply bank, and the import
preview's per-row suggestions (ui/similar_import.render)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import LIAISON, draft, open_page, reply, signed_in_as, start_app
from tests.factories import as_csv, generated_rows
from tracker import clock
from tracker.items import Result
from tracker.sessions import SessionRef
from ui.context import _open_tracker

EARLIER = (
    "Cử tri tỉnh Hà Tĩnh kiến nghị có chính sách hỗ trợ người hoạt động không chuyên trách cấp xã dôi dư sau sắp xếp."
)
AGAIN = "nguoi hoat dong khong chuyen trach cap xa doi du sau sap xep chua co chinh sach ho tro, de nghi som ban hanh"


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption] + [m.value for m in at.info]
    parts += [m.value for m in at.success] + [m.value for m in at.error] + [e.label for e in at.expander]
    return "\n".join(parts)


def frames(at: AppTest) -> str:
    return "\n".join(df.value.to_csv() for df in at.dataframe)


def _earlier(db: Path, **changes) -> int:
    live = _open_tracker(str(db))
    item_id = live.create_item(
        LIAISON, draft(live, session="15/8", received_on=date(2024, 11, 4), summary=EARLIER, ref_no="7/BDN", **changes)
    )
    live.record_reply(
        LIAISON,
        item_id,
        1,
        reply(
            date(2024, 12, 2),
            Result.BEING_RESOLVED,
            summary="Bộ Nội vụ đang nghiên cứu sửa Nghị định 33 về phụ cấp người không chuyên trách.",
            roadmap="Trình Chính phủ sửa Nghị định 33",
            committed_on=date(2025, 6, 30),
        ),
    )
    return item_id


def test_the_entry_form_suggests_the_earlier_item_and_the_saved_item_confirms_it(db_path, monkeypatch):
    at = start_app(db_path, monkeypatch, "liaison")
    old = _earlier(db_path)
    open_page(at, "new_item")
    at.text_area(key="new_item.summary").input(AGAIN).run()
    assert not at.exception
    assert "Có thể đã được nêu trước đây: 1 mục tương tự" in texts(at)
    assert "7/BDN" in frames(at) and "15/8" in frames(at)
    assert "Bộ Nội vụ đang nghiên cứu sửa Nghị định 33" in frames(at)

    live = _open_tracker(str(db_path))
    session = live.reference.session_by_ref(SessionRef.parse("15/9")).id
    at.selectbox(key="new_item.session").set_value(session).run()
    at.date_input(key="new_item.received_on").set_value(date(2025, 8, 4)).run()
    at.button(key="new_item.save").click().run()
    assert not at.exception
    new = at.session_state["new_item.last_id"]
    assert live.raised_before_ids() == set()  # shown, never applied by itself
    at.button(key=f"new_item.similar_saved.confirm.{new}.{old}").click().run()
    assert not at.exception
    assert live.raised_before_ids() == {new}
    assert f"Đã đánh dấu mục {new} là kiến nghị lặp lại của mục {old}." in texts(at)


def test_a_dismissed_suggestion_does_not_come_back(db_path, monkeypatch):
    at = start_app(db_path, monkeypatch, "liaison")
    old = _earlier(db_path)
    live = _open_tracker(str(db_path))
    new = live.create_item(LIAISON, draft(live, summary=AGAIN))
    at.session_state["new_item.last_id"] = new
    open_page(at, "new_item")
    at.button(key=f"new_item.similar_saved.dismiss.{new}.{old}").click().run()
    assert not at.exception
    assert f"new_item.similar_saved.dismiss.{new}.{old}" not in [b.key for b in at.button]
    assert live.similar_for_item(new) == []


def _chain_page() -> None:
    import streamlit as st

    from ui.similar_chain import render_chain

    render_chain(int(st.session_state["test.item"]))


def _section(db: Path, monkeypatch: pytest.MonkeyPatch, script, item_id: int, role: str = "liaison") -> AppTest:
    monkeypatch.setenv("TRACKER_DB", str(db))
    at = AppTest.from_function(script, default_timeout=60)
    at.session_state["app.actor"] = signed_in_as(db, role)
    at.session_state["app.lang"] = "vi"
    at.session_state["test.item"] = item_id
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_chain_section_shows_occurrences_summary_and_undoes(db_path, monkeypatch):
    old = _earlier(db_path)
    live = _open_tracker(str(db_path))
    new = live.create_item(LIAISON, draft(live, summary=AGAIN, ref_no="31/BDN"))
    link = live.mark_raised_again(LIAISON, new, old)
    at = _section(db_path, monkeypatch, _chain_page, new)
    summary = "\n".join(m.value for m in at.info).replace("\\", "")  # Markdown-escaped on screen
    assert "Nêu lại qua 2 kỳ họp từ 15/8" in summary
    assert "lộ trình đến 30/06/2025 — đã quá" in summary
    assert "7/BDN" in frames(at) and "31/BDN" in frames(at)
    at.button(key=f"item.similar.undo.{link}").click().run()
    assert not at.exception
    assert live.links_of([new]) == []
    assert "Chưa liên kết với lần nêu nào ở kỳ họp khác." in texts(at)


def test_a_viewer_sees_the_chain_but_no_undo(db_path, monkeypatch):
    old = _earlier(db_path)
    live = _open_tracker(str(db_path))
    new = live.create_item(LIAISON, draft(live, summary=AGAIN))
    link = live.mark_raised_again(LIAISON, new, old)
    at = _section(db_path, monkeypatch, _chain_page, new, role="viewer")
    assert "Nêu lại qua 2 kỳ họp" in "\n".join(m.value for m in at.info).replace("\\", "")
    assert f"item.similar.undo.{link}" not in [b.key for b in at.button]


def test_the_item_action_refuses_a_raised_again_link_that_would_loop(db_path, monkeypatch):
    from tests.pages.item_page_helpers import open_action, open_item

    at = start_app(db_path, monkeypatch, "liaison")
    old = _earlier(db_path)
    live = _open_tracker(str(db_path))
    first = live.create_item(
        LIAISON, draft(live, session="15/7", received_on=date(2024, 5, 27), summary=EARLIER, ref_no="3/BDN")
    )
    new = live.create_item(LIAISON, draft(live, summary=AGAIN, ref_no="31/BDN"))
    live.mark_raised_again(LIAISON, old, first)
    live.mark_raised_again(LIAISON, new, old)
    open_action(open_item(at, first), first, "link_similar")
    at.button(key=f"item.{first}.similar.confirm.{first}.{new}").click().run()
    assert not at.exception
    assert f"Không thể đánh dấu: mục {new} đã là lần nêu lại" in "\n".join(e.value for e in at.error).replace("\\", "")
    assert {(lk.item_id, lk.earlier_id) for lk in live.links_of([first, old, new])} == {(old, first), (new, old)}


def _bank_page() -> None:
    import streamlit as st

    from ui.similar_reply_bank import render_reply_bank

    render_reply_bank(int(st.session_state["test.item"]))


def test_the_reply_bank_finds_without_diacritics_and_records_the_reuse(db_path, monkeypatch):
    old = _earlier(db_path)
    live = _open_tracker(str(db_path))
    new = live.create_item(LIAISON, draft(live, summary=AGAIN))
    at = _section(db_path, monkeypatch, _bank_page, new)
    at.text_input(key="item.reply_bank.q").input("nghi dinh 33 phu cap").run()
    assert not at.exception
    assert at.radio(key="item.reply_bank.pick").value == old
    assert at.text_area(key="item.reply_bank.text").value.startswith("Bộ Nội vụ đang nghiên cứu sửa Nghị định 33")
    at.text_input(key="item.reply_bank.number").input("88/BNV-CQĐP")
    at.date_input(key="item.reply_bank.on").set_value(date(2025, 9, 1))
    at.date_input(key="item.reply_bank.committed").set_value(date(2026, 6, 30))
    at.button[-1].click().run()
    assert not at.exception, [e.value for e in at.exception]
    # (the page around the section shows the flash: ui.item_panel.show_flash)
    assert at.session_state["app.flash"] == f"Đã lưu trả lời (dùng lại trả lời của mục {old})."
    assert live.get_item(new).reply.response_no == "88/BNV-CQĐP"
    assert [r.reused_id for r in live.reused_replies(new)] == [old]


def test_the_reply_bank_refuses_a_reply_without_a_date_and_saves_nothing(db_path, monkeypatch):
    _earlier(db_path)
    live = _open_tracker(str(db_path))
    new = live.create_item(LIAISON, draft(live, summary=AGAIN))
    at = _section(db_path, monkeypatch, _bank_page, new)
    at.text_input(key="item.reply_bank.q").input("nghi dinh 33").run()
    at.text_input(key="item.reply_bank.number").input("88/BNV")
    at.button[-1].click().run()
    assert at.error and live.get_item(new).reply is None and live.reused_replies(new) == []


def _import_page() -> None:
    import streamlit as st

    from tracker.importing import preview_import, read_table
    from ui import context as ctx
    from ui.similar_import import render

    table = read_table(st.session_state["test.file"], "kien_nghi.csv")
    render(preview_import(ctx.tracker(), ctx.actor(), table), key="import_data.similar")


def test_the_import_preview_shows_each_row_s_most_similar_earlier_item(db_path, monkeypatch):
    _earlier(db_path)
    rows = generated_rows(3)
    rows[1]["summary"] = AGAIN
    monkeypatch.setenv("TRACKER_DB", str(db_path))
    at = AppTest.from_function(_import_page, default_timeout=60)
    at.session_state["app.actor"] = signed_in_as(db_path, "liaison")
    at.session_state["app.lang"] = "vi"
    at.session_state["test.file"] = as_csv(rows)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Dòng có thể đã được nêu trước đây: 1" in texts(at)
    table = at.dataframe[0].value
    assert list(table["Dòng"]) == [3]  # the header is row 1
    assert list(table["Số văn bản đến"]) == ["7/BDN"]


def _session_page() -> None:
    import streamlit as st

    from ui.similar_session import render_session_suggestions

    render_session_suggestions(int(st.session_state["test.session"]))


def test_the_session_review_lists_pairs_and_a_merge_confirmed_there_is_applied(db_path, monkeypatch):
    live = _open_tracker(str(db_path))
    first = live.create_item(LIAISON, draft(live, summary=EARLIER, ref_no="1/BDN"))
    second = live.create_item(LIAISON, draft(live, summary=AGAIN, ref_no="2/BDN"))
    monkeypatch.setenv("TRACKER_DB", str(db_path))
    at = AppTest.from_function(_session_page, default_timeout=60)
    at.session_state["app.actor"] = signed_in_as(db_path, "admin")
    at.session_state["app.lang"] = "vi"
    at.session_state["test.session"] = live.get_item(first).session_id
    at.run()
    assert not at.exception
    assert not at.expander  # nothing runs until asked
    at.toggle(key="similar.session.run").set_value(True).run()
    assert "2 mục có gợi ý; hiện 2 mục đầu." in texts(at)
    at.button(key=f"similar.session.confirm.{second}.{first}").click().run()
    assert not at.exception
    assert live.get_item(second).archived_at is not None
    assert live.chain(first).incoming_numbers() == ("1/BDN", "2/BDN")


def test_the_session_review_is_not_shown_to_a_viewer(db_path, monkeypatch):
    live = _open_tracker(str(db_path))
    first = live.create_item(LIAISON, draft(live, summary=EARLIER))
    monkeypatch.setenv("TRACKER_DB", str(db_path))
    at = AppTest.from_function(_session_page, default_timeout=60)
    at.session_state["app.actor"] = signed_in_as(db_path, "viewer")
    at.session_state["app.lang"] = "vi"
    at.session_state["test.session"] = live.get_item(first).session_id
    at.run()
    assert not at.exception and not at.toggle and not at.subheader


def test_the_progress_page_counts_recommendations_raised_again_and_offers_the_session_review(db_path, monkeypatch):
    old = _earlier(db_path)  # 15/8, last answered "being resolved" with a roadmap due 30/06/2025: passed
    live = _open_tracker(str(db_path))
    new = live.create_item(LIAISON, draft(live, summary=AGAIN, ref_no="31/BDN"))
    session_id = live.get_item(new).session_id
    at = start_app(db_path, monkeypatch, "liaison")
    at.selectbox(key="progress.session").set_value(session_id).run()
    assert "Kiến nghị lặp lại" not in texts(at)  # nothing linked yet: no line
    assert "Rà soát kiến nghị lặp lại trong kỳ họp" in [s.value for s in at.subheader]

    live.mark_raised_again(LIAISON, new, old)
    at = start_app(db_path, monkeypatch, "liaison")
    at.selectbox(key="progress.session").set_value(session_id).run()
    shown = texts(at).replace("\\", "")  # Markdown-escaped on screen
    assert "Kiến nghị lặp lại (đã nêu ở kỳ họp trước): 1" in shown
    assert "— trong đó lần trả lời trước là giải trình: 0" in shown
    assert "— trong đó lộ trình đã cam kết nay đã quá hạn: 1" in shown
    viewer = start_app(db_path, monkeypatch, "viewer")
    assert "Rà soát kiến nghị lặp lại trong kỳ họp" not in [s.value for s in viewer.subheader]


def test_the_register_filters_recommendations_raised_before(db_path, monkeypatch):
    old = _earlier(db_path)
    live = _open_tracker(str(db_path))
    new = live.create_item(LIAISON, draft(live, summary=AGAIN, ref_no="31/BDN"))
    other = live.create_item(LIAISON, draft(live, summary="Đề nghị tăng biên chế cho ngành giáo dục", ref_no="9/BDN"))
    live.mark_raised_again(LIAISON, new, old)
    # The service: only the item marked as raised again of an earlier one.
    from tracker.service import Filters

    assert [r["id"] for r in live.search(Filters(raised_before=True), clock.today()).rows] == [new]
    assert {old, new, other} <= {r["id"] for r in live.search(Filters(), clock.today()).rows}
    # The register's filter.
    at = open_page(start_app(db_path, monkeypatch, "liaison"), "register")
    at.checkbox(key="register.raised_before").check().run()
    assert not at.exception
    assert "1 mục phù hợp" in " ".join(c.value for c in at.caption)
    assert "31/BDN" in frames(at) and "9/BDN" not in frames(at)
