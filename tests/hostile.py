"""Hostile text in every field a person can type, for the page and browser tests (issue 8.2).

Each string holds an image (whose URL the browser tests point at a loopback port they watch), a
link, a bare www. link, an e-mail, HTML, maths, a colour, an icon, an emoji shortcode and a
heading; the multi-line one adds a setext heading, a quote, a list, a table and a code fence.
Bidi controls are refused on input, so they are planted separately as "legacy" data."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from tests.conftest import draft, reply
from tracker import accounts
from tracker.items import Kind, Phase, Result
from tracker.permissions import SYSTEM
from tracker.reference import Unit
from tracker.service import Tracker
from tracker.sessions import SessionRef

UNIT = "DOCHAI"
USERNAME = "doc-hai"
PASSWORD = "mat-khau-doc-hai-1"
# Pieces a renderer would turn into something else; none may reach a Markdown element raw.
RAW_PIECES = ("![", "](", "<b>", ":red[", ":material/home:", ":smile:", "www.evil", "$x^2$", "hai@evil")


def line(image_url: str, tag: str = "") -> str:
    return (
        f"![ảnh]({image_url}) [bấm](http://evil.example) www.evil.example hai@evil.example <b>đậm</b> "
        f"$x^2$ :red[đỏ] :material/home: :smile: # tiêu đề{tag}"
    )


def block(image_url: str, tag: str = "") -> str:
    return line(image_url, tag) + "\nTiêu đề\n===\n> trích dẫn\n- mục một\n| a | b |\n|---|---|\n```\nmã\n```"


@dataclass(frozen=True)
class Planted:
    open_item: int  # overdue, assigned to the hostile unit, with a note and reasons
    replied_item: int  # a late reply (being resolved) whose every field is hostile
    transferred_item: int  # a deputy question with a hostile deputy, transferred with a note
    legacy_item: int  # stored with bidi/zero-width characters, as old data might be
    legacy_summary: str
    texts: dict[str, str]  # field -> the exact text typed there


@contextmanager
def _without_invisible_check():
    """Old data predates the refusal of invisible characters: write it as it was then."""
    from tracker import validation

    saved = validation.find_invisible
    validation.find_invisible = lambda text: None
    try:
        yield
    finally:
        validation.find_invisible = saved


def plant(live: Tracker, image_url: str) -> Planted:
    one, many = line(image_url), block(image_url)
    texts = {
        "unit_name_vi": line(image_url, " (vi)"),
        "unit_name_en": line(image_url, " (en)"),
        "display_name": line(image_url, " (người)"),
        "session_note": many,
        "override_note": line(image_url, " (lịch)"),
        "rule_basis": line(image_url, " (căn cứ)"),
        "summary": many,
        "full_text": block(image_url, " (toàn văn)"),
        "ref_no": line(image_url, " (số)"),
        "source": line(image_url, " (nguồn)"),
        "topic": line(image_url, " (lĩnh vực)"),
        "override_reason": block(image_url, " (lý do hạn)"),
        "assign_reason": block(image_url, " (lý do giao)"),
        "progress_note": block(image_url, " (tiến độ)"),
        "response_no": line(image_url, " (số trả lời)"),
        "signer": line(image_url, " (người ký)"),
        "response_summary": block(image_url, " (nội dung trả lời)"),
        "roadmap": block(image_url, " (lộ trình)"),
        "late_reason": block(image_url, " (lý do muộn)"),
        "deputy": line(image_url, " (đại biểu)"),
        "transfer_note": block(image_url, " (chuyển)"),
        "archive_reason": block(image_url, " (lưu trữ)"),
    }
    live.save_unit(SYSTEM, Unit(UNIT, texts["unit_name_vi"], texts["unit_name_en"], None, None, 99))
    if accounts.get_account(live, USERNAME) is None:
        accounts.add_user(
            live, SYSTEM, USERNAME, PASSWORD, "unit_officer", unit=UNIT, display_name=texts["display_name"]
        )
    live.save_session(SYSTEM, SessionRef.parse("15/9"), None, None, note=texts["session_note"])
    live.save_override(SYSTEM, date(2026, 12, 6), False, texts["override_note"])
    live.save_rule(SYSTEM, Kind.VOTER_RECOMMENDATION, 60, date(2025, 1, 1), texts["rule_basis"])

    open_item = live.create_item(
        SYSTEM,
        draft(
            live,
            summary=texts["summary"],
            full_text=texts["full_text"],
            ref_no=texts["ref_no"],
            sources=(texts["source"],),
            topic=texts["topic"],
            lead_unit=UNIT,
            due_on=date(2025, 9, 30),
            due_override_reason=texts["override_reason"],
        ),
    )
    live.assign(SYSTEM, open_item, 1, UNIT, ("TLBHXH",), texts["assign_reason"])
    live.record_progress(SYSTEM, open_item, texts["progress_note"])

    replied_item = live.create_item(SYSTEM, draft(live, summary=one + " (đã trả lời)", lead_unit=UNIT))
    live.record_reply(
        SYSTEM,
        replied_item,
        1,
        reply(
            date(2025, 12, 1),
            Result.BEING_RESOLVED,
            response_no=texts["response_no"],
            signer=texts["signer"],
            summary=texts["response_summary"],
            roadmap=texts["roadmap"],
            late_reason=texts["late_reason"],
        ),
    )

    transferred_item = live.create_item(
        SYSTEM,
        draft(
            live,
            kind=Kind.DEPUTY_QUESTION,
            phase=Phase.AT_SESSION,
            summary=one + " (chất vấn)",
            deputy=texts["deputy"],
            sources=(),
        ),
    )
    live.transfer(SYSTEM, transferred_item, 1, date(2025, 8, 10), texts["transfer_note"])
    archived = live.create_item(SYSTEM, draft(live, summary=one + " (nhập nhầm)"))
    live.set_archived(SYSTEM, archived, 1, True, texts["archive_reason"])

    legacy_summary = "Đề nghị \u202egnôl nêt\u202c tăng\u200b lương"
    with _without_invisible_check():
        legacy_item = live.create_item(SYSTEM, draft(live, summary=legacy_summary, lead_unit=UNIT))
    return Planted(open_item, replied_item, transferred_item, legacy_item, legacy_summary, texts)
