"""Hostile text in every user-entered field, shown by every page under AppTest (issue 8.2): it
reads as typed (a st.text value or a table cell equal to what was typed), and no Markdown element
holds any of it raw (no image, link, heading, maths, colour, icon, shortcode, HTML)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import hostile
from tests.conftest import open_page, start_app
from tests.pages.test_import_export_pages import csv_file, recommendation, upload
from tracker import accounts, clock
from tracker.i18n import t as t_
from tracker.permissions import SYSTEM
from tracker.plain_text import reveal_invisible, unescape_markdown
from tracker.service import Filters
from ui.context import _open_tracker

IMAGE = "http://127.0.0.1:9/hostile.png"


@pytest.fixture
def planted(db_path: Path) -> hostile.Planted:
    return hostile.plant(_open_tracker(str(db_path)), IMAGE)


def markdown_sources(at: AppTest) -> list[str]:
    """Everything on the page that Streamlit renders as Markdown."""
    parts: list[str] = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader", "toast"):
        parts += [e.value for e in at.get(kind)]
    parts += [e.label for e in at.expander] + [e.label for e in at.tabs]
    return parts


def plain_texts(at: AppTest) -> list[str]:
    """Everything shown as plain text: st.text values and the cells of every table."""
    cells = [str(v) for d in at.dataframe for v in d.value.astype(str).to_numpy().ravel()]
    return [e.value for e in at.text] + cells


def assert_nothing_raw(at: AppTest) -> None:
    for source in markdown_sources(at):
        for piece in hostile.RAW_PIECES:
            assert piece not in source, f"{piece!r} reaches Markdown raw in: {source[:200]!r}"
    assert not any(e.proto.allow_html for e in at.markdown if hasattr(e.proto, "allow_html"))


def assert_shown_as_typed(at: AppTest, *typed: str) -> None:
    shown = plain_texts(at)
    for text in typed:
        assert any(text in s for s in shown), f"not shown as typed: {text[:80]!r}"


def item_page(at: AppTest, item_id: int) -> AppTest:
    at.query_params["item"] = str(item_id)
    open_page(at, "register")
    return at


def test_every_field_of_an_item_shows_as_typed_on_its_panel(db_path, monkeypatch, planted):
    t = planted.texts
    at = item_page(start_app(db_path, monkeypatch), planted.open_item)
    assert_shown_as_typed(
        at,
        t["summary"],
        t["full_text"],
        t["ref_no"],
        t["source"],
        t["topic"],
        t["unit_name_vi"],
        t["override_reason"],
        t["assign_reason"],
        t["progress_note"],
    )
    assert t["summary"] in [e.value for e in at.text], "the summary is one text element, exactly"
    assert_nothing_raw(at)

    item_page(at, planted.replied_item)
    assert_shown_as_typed(at, t["response_no"], t["signer"], t["response_summary"], t["roadmap"], t["late_reason"])
    assert_nothing_raw(at)

    item_page(at, planted.transferred_item)
    assert_shown_as_typed(at, t["deputy"], t["transfer_note"])
    assert_nothing_raw(at)


def test_an_archived_items_reason_shows_as_typed(db_path, monkeypatch, planted):
    live = _open_tracker(str(db_path))
    [archived] = live.archived_items(SYSTEM)
    at = item_page(start_app(db_path, monkeypatch), int(archived["id"]))
    assert_shown_as_typed(at, planted.texts["archive_reason"])
    assert_nothing_raw(at)


def test_tables_show_hostile_text_as_cells_never_as_markdown(db_path, monkeypatch, planted):
    t = planted.texts
    at = open_page(start_app(db_path, monkeypatch), "register")
    assert_shown_as_typed(at, t["summary"], t["ref_no"], t["unit_name_vi"])
    assert_nothing_raw(at)

    # The progress page's overdue list was st.table (Markdown in every cell): now a data grid.
    open_page(at, "progress")
    assert not at.get("table"), "st.table renders cells as Markdown"
    summary, lead = t_("col.summary", "vi"), t_("col.lead_unit", "vi")
    overdue = next(d.value for d in at.dataframe if summary in d.value.columns)
    assert t["summary"] in list(overdue[summary]) and t["unit_name_vi"] in list(overdue[lead])
    assert_nothing_raw(at)

    open_page(at, "audit")
    assert_shown_as_typed(at, t["assign_reason"], t["archive_reason"], t["override_note"])
    assert_nothing_raw(at)

    open_page(at, "settings")
    assert_shown_as_typed(
        at, t["unit_name_vi"], t["unit_name_en"], t["display_name"], t["override_note"], t["rule_basis"]
    )
    assert_nothing_raw(at)


def test_the_sidebar_shows_display_and_unit_names_as_typed(db_path, monkeypatch, planted):
    live = _open_tracker(str(db_path))
    monkeypatch.setenv("TRACKER_DB", str(db_path))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "streamlit_app.py"), default_timeout=60)
    at.session_state["app.actor"] = accounts.current_actor(live, hostile.USERNAME)
    at.session_state["app.lang"] = "vi"
    at.run()
    assert not at.exception
    [caption] = [c.value for c in at.sidebar.caption]
    assert planted.texts["display_name"] in unescape_markdown(caption)
    assert planted.texts["unit_name_vi"] in unescape_markdown(caption)
    assert_nothing_raw(at)


def test_export_and_briefing_previews_keep_user_text_plain(db_path, monkeypatch, planted):
    at = open_page(start_app(db_path, monkeypatch), "export")
    at.selectbox(key="export.unit").set_value(hostile.UNIT).run()
    assert not at.exception
    assert any(planted.texts["unit_name_vi"] in unescape_markdown(c.value) for c in at.caption)
    assert_nothing_raw(at)
    open_page(at, "briefing")
    assert_nothing_raw(at)


def test_the_import_preview_shows_hostile_cells_as_typed(db_path, monkeypatch):
    summary = hostile.block(IMAGE, " (nhập)")
    source = hostile.line(IMAGE, " (nguồn nhập)")
    at = open_page(start_app(db_path, monkeypatch, role="liaison"), "import_data")
    upload(
        at,
        "doc-hai.csv",
        csv_file([recommendation(1, summary=summary, source=source), recommendation(2, received_on=source)]),
    )
    assert_shown_as_typed(at, summary, source)
    # The bad date is quoted in the problem message: escaped, and reads as typed once unescaped.
    [problems] = [e.value for e in at.error]
    assert source in unescape_markdown(problems)
    assert_nothing_raw(at)


def test_text_stored_with_bidi_controls_shows_them_as_visible_markers(db_path, monkeypatch, planted):
    at = item_page(start_app(db_path, monkeypatch), planted.legacy_item)
    assert reveal_invisible(planted.legacy_summary) == "Đề nghị [U+202E]gnôl nêt[U+202C] tăng[U+200B] lương"
    assert reveal_invisible(planted.legacy_summary) in [e.value for e in at.text]
    everything = plain_texts(at) + markdown_sources(at)
    assert not any(ch in s for s in everything for ch in "\u202e\u202c\u200b")
    open_page(at, "register")
    assert reveal_invisible(planted.legacy_summary) in plain_texts(at)


def test_hostile_text_typed_into_the_form_is_saved_and_shown_as_typed(db_path, monkeypatch):
    summary, ref_no = hostile.block(IMAGE, " (gõ)"), hostile.line(IMAGE, " (số gõ)")
    at = open_page(start_app(db_path, monkeypatch, role="liaison"), "new_item")
    at.radio(key="new_item.kind").set_value("voter_recommendation").run()
    at.date_input(key="new_item.received_on").set_value(clock.today()).run()
    at.text_area(key="new_item.sources").input("Cử tri tỉnh Huế")
    at.text_area(key="new_item.summary").input(summary)
    at.text_input(key="new_item.ref_no").input(ref_no)
    at.selectbox(key="new_item.lead_unit").set_value("TLBHXH")
    at.button(key="new_item.save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    live = _open_tracker(str(db_path))
    [row] = live.search(Filters(), date(2100, 1, 1)).rows
    item = live.get_item(row["id"])
    assert (item.summary, item.ref_no) == (summary, ref_no)
    item_page(at, item.id)
    assert summary in [e.value for e in at.text] and ref_no in [e.value for e in at.text]
    assert_nothing_raw(at)


def test_a_bidi_override_typed_into_the_form_is_refused_and_nothing_is_saved(db_path, monkeypatch):
    at = open_page(start_app(db_path, monkeypatch, role="liaison"), "new_item")
    at.radio(key="new_item.kind").set_value("voter_recommendation").run()
    at.date_input(key="new_item.received_on").set_value(clock.today()).run()
    at.text_area(key="new_item.sources").input("Cử tri tỉnh Huế")
    at.text_area(key="new_item.summary").input("Đề nghị \u202egnôl nêt tăng lương")
    at.button(key="new_item.save").click().run()
    assert not at.exception
    [error] = [unescape_markdown(e.value) for e in at.error]
    assert error.startswith(t_("field.summary", "vi")) and "U+202E" in error, error
    assert _open_tracker(str(db_path)).search(Filters(), date(2100, 1, 1)).total == 0
