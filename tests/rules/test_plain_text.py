"""The plain-text rule (tracker/plain_text.py) and the refusal of invisible characters on input.

What Streamlit's Markdown does with a string is checked for real in the browser
(tests/browser/test_hostile_text_browser.py); here the rule itself, construct by construct."""

from __future__ import annotations

import re
import string
from datetime import date

import pytest

from tests.conftest import LIAISON, draft, reply
from tracker.errors import InvalidInput, InvalidInputs
from tracker.i18n import t
from tracker.plain_text import WORD_JOINER, escape_markdown, find_invisible, reveal_invisible, unescape_markdown
from tracker.reference import Unit
from tracker.service import Filters
from tracker.validation import validate_text, validate_unit

# Each a construct Streamlit's Markdown renders (st.markdown, alerts, captions, labels).
CONSTRUCTS = {
    "image": "![x](http://127.0.0.1:9/p.png)",
    "link": "[bấm vào đây](http://evil.example)",
    "autolink": "<http://evil.example>",
    "bare www link": "xem www.evil.example nhé",
    "bare http link": "xem http://evil.example nhé",
    "e-mail": "gửi a.b@evil.example",
    "setext heading": "Tiêu đề\n===",
    "setext heading 2": "Tiêu đề\n---",
    "ATX heading": "# Tiêu đề",
    "maths": "$x^2$ và $$y$$",
    "colour": ":red[đỏ] :blue-background[xanh]",
    "material icon": ":material/home: nhà",
    "emoji shortcode": "vui :smile: :+1:",
    "HTML": "<b>đậm</b> <img src=x onerror=alert(1)>",
    "list": "- một\n* hai\n+ ba\n1. bốn\n2) năm",
    "quote": "> trích dẫn",
    "table": "| a | b |\n|---|---|\n| 1 | 2 |",
    "code fence": "```\nmã\n```\n~~~\nmã\n~~~",
    "inline code": "`mã`",
    "emphasis": "*nghiêng* **đậm** _gạch_ ~~xóa~~",
    "indented code": "    bốn dấu cách",
    "entity": "&amp; &#60;b&#62;",
    "hard break": "dòng\\\ntiếp",
    "small": ":small[nhỏ]",
}

# Streamlit 1.67's frontend (StreamlitMarkdown): the emoji plugin loads when the source matches
# this, and remark-emoji / the GFM literal-autolink transform then match these on text nodes,
# where backslash escapes are already gone.
EMOJI_TRIGGER = re.compile(r":(?!material\/|streamlit:)[\w+-][\w_+-]*:")
TEXT_NODE_PATTERNS = [
    re.compile(r":\+1:|:-1:|:[\w-]+:"),  # remark-emoji
    re.compile(r"(https?:\/\/|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.IGNORECASE),  # gfm autolink literal
    re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)"),  # gfm e-mail literal
    re.compile(r":material_(\w+):"),  # Streamlit's icons, after it rewrites ":material/"
]


def text_nodes(source: str) -> str:
    """What a CommonMark parser leaves in text nodes: backslash escapes resolved."""
    return re.sub(r"\\([" + re.escape(string.punctuation) + "])", r"\1", source)


@pytest.mark.parametrize("text", CONSTRUCTS.values(), ids=CONSTRUCTS.keys())
def test_every_markdown_character_of_user_text_is_escaped(text):
    source = escape_markdown(text)
    unescaped = re.sub(r"\\[" + re.escape(string.punctuation) + "]", "", source.replace("&#32;", ""))
    # No ASCII punctuation is left bare, so no block or inline construct can start.
    assert not set(unescaped) & set(string.punctuation), source
    assert not re.search(r"(?m)^ {4}", source), "four leading spaces would be a code block"


@pytest.mark.parametrize("text", CONSTRUCTS.values(), ids=CONSTRUCTS.keys())
def test_text_node_plugins_find_nothing_to_replace(text):
    source = escape_markdown(text)
    assert not EMOJI_TRIGGER.search(source.replace(":material/", ":material_"))
    for pattern in TEXT_NODE_PATTERNS:
        assert not pattern.search(text_nodes(source)), (pattern.pattern, source)


@pytest.mark.parametrize("text", CONSTRUCTS.values(), ids=CONSTRUCTS.keys())
def test_the_escaped_text_reads_as_typed(text):
    assert unescape_markdown(escape_markdown(text)) == text
    # What a reader sees: escapes resolved, the invisible joiner aside, line breaks kept.
    seen = text_nodes(escape_markdown(text)).replace(WORD_JOINER, "").replace("&#32;", " ").replace("  \n", "\n")
    assert seen == text


def test_the_patterns_here_would_notice_unescaped_text():
    assert EMOJI_TRIGGER.search(":smile:")
    assert all(
        p.search(t)
        for p, t in zip(TEXT_NODE_PATTERNS, (":smile:", "www.x.vn", "a@b.vn", ":material_home:"), strict=True)
    )
    # The old rule (issue 8): escaping alone left bare links and shortcodes for the text-node plugins.
    assert TEXT_NODE_PATTERNS[1].search(text_nodes(r"www\.evil\.example"))


def test_ordinary_vietnamese_is_unchanged_apart_from_escapes():
    text = "Đề nghị sửa Nghị định 30/2020/NĐ-CP (về công tác văn thư) trước 31/12."
    assert text_nodes(escape_markdown(text)) == text


BIDI = [
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


@pytest.mark.parametrize("char", BIDI + ZERO_WIDTH, ids=lambda c: f"U+{ord(c):04X}")
def test_stored_invisible_characters_show_as_visible_markers(char):
    stored = f"Hạn trả lời{char} 31/12/2026"
    shown = reveal_invisible(stored)
    assert shown == f"Hạn trả lời[U+{ord(char):04X}] 31/12/2026"
    assert find_invisible(shown) is None
    assert text_nodes(escape_markdown(stored)) == shown and char not in escape_markdown(stored)


SOURCES_LABEL = t("field.sources", "vi")


@pytest.mark.parametrize("char", BIDI + ZERO_WIDTH, ids=lambda c: f"U+{ord(c):04X}")
def test_typed_invisible_characters_are_refused_with_the_character_named(char):
    with pytest.raises(InvalidInput) as refused:
        validate_text(f"Cử tri tỉnh{char} Nghệ An", "sources", 200, multiline=False)
    message = refused.value.message("vi")
    assert message.startswith(SOURCES_LABEL) and f"U+{ord(char):04X}" in message, message
    assert f"U+{ord(char):04X}" in refused.value.message("en")


def test_vietnamese_with_full_diacritics_is_accepted():
    text = "Nguyễn Thị Hường — Đoàn ĐBQH tỉnh Thừa Thiên Huế"
    assert validate_text(text, "deputy", 200, multiline=False) == text


def test_an_item_with_a_right_to_left_override_is_not_saved(tracker):
    with pytest.raises(InvalidInputs) as refused:
        tracker.create_item(LIAISON, draft(tracker, summary="Đề nghị \u202egnôl nêt\u202c tăng lương"))
    assert "U+202E" in refused.value.message("vi")
    assert tracker.search(Filters(), date(2100, 1, 1)).total == 0


def test_a_reply_number_with_a_zero_width_space_is_refused(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker))
    with pytest.raises(InvalidInputs) as refused:
        tracker.record_reply(LIAISON, item_id, 1, reply(date(2025, 8, 20), response_no="12\u200b34/BNV-TLBHXH"))
    assert "U+200B" in refused.value.message("vi")
    assert tracker.get_item(item_id).reply is None


def test_a_unit_name_with_a_bidi_isolate_is_refused():
    with pytest.raises(InvalidInput) as refused:
        validate_unit(Unit("VPB", "Văn phòng\u2067 Bộ", "Ministry Office", None, None, 1))
    assert "U+2067" in refused.value.message("vi")
