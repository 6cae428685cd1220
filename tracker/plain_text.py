"""The one rule for showing what a person typed: as text, never interpreted (issue 8, point 2).

Two halves:

- ``reveal_invisible``: bidi controls and zero-width characters are refused when typed
  (``tracker.validation``), but data stored before that rule, or brought in another way, may still
  hold them. On display each one becomes a visible ``[U+202E]`` marker: stripping would hide that
  the record holds something odd, and leaving it would let U+202E reorder what the reader sees.
- ``escape_markdown``: for the few places Streamlit only offers Markdown (alerts, captions, widget
  labels). Every ASCII punctuation character is backslash-escaped (CommonMark 2.4 allows it for
  all of them), which stops links, images, headings (ATX and setext), lists, quotes, tables, code,
  ``$`` maths, ``:red[…]`` colours and ``:material/…:`` icons. Three of Streamlit's Markdown
  features work on the already-unescaped text, so escapes cannot stop them: emoji shortcodes,
  bare ``www.``/``http://`` links and bare e-mail addresses (remark-emoji and
  mdast-util-gfm-autolink-literal run find-and-replace over text nodes). For those an invisible
  WORD JOINER (U+2060) breaks the pattern; it is only ever added to Markdown output, never stored.

Body text (summaries, notes, replies, history) does not go through Markdown at all: ``ui.plain``
shows it with ``st.text``, exactly as stored apart from the visible markers.
"""

from __future__ import annotations

import re
import string

# Unicode bidi embedding/override/isolate controls and marks (UAX #9) and the zero-width
# characters. U+200C/U+200D join letters in Persian and Indic scripts; Vietnamese never needs them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
INVISIBLE = BIDI_CONTROLS | ZERO_WIDTH
_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")

WORD_JOINER = "\u2060"
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
# After escaping: a colon not followed by a space (shortcodes ``:smile:``, ``http://``,
# ``mailto:``), an at sign (e-mail addresses) and the dot of ``www.`` are where text-node plugins
# look; a joiner breaks each. "Hạn: 20/12" keeps its colon untouched.
_TEXT_NODE_TRIGGERS = re.compile(r"(?<=\\:)(?=\S)|(?=\\@)|(?i:(?<=www)(?=\\\.))")
_LEADING_BLANKS = re.compile(r"^[ \t]+", re.MULTILINE)


def find_invisible(text: str) -> str | None:
    """The first bidi control or zero-width character in ``text``, if any."""
    found = _INVISIBLE.search(text)
    return found.group() if found else None


def codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def reveal_invisible(text: str | None) -> str:
    """``"abc\\u202edef"`` -> ``"abc[U+202E]def"``: the character can no longer act, and shows."""
    return _INVISIBLE.sub(lambda m: f"[{codepoint(m.group())}]", text or "")


def escape_markdown(text: str | None) -> str:
    """Markdown source that Streamlit renders as exactly ``text`` (line breaks kept)."""
    escaped = _PUNCTUATION.sub(r"\\\1", reveal_invisible(text).replace("\r\n", "\n").replace("\r", "\n"))
    escaped = _TEXT_NODE_TRIGGERS.sub(WORD_JOINER, escaped)
    # Four leading spaces would start a code block; a character reference keeps them as spaces.
    escaped = _LEADING_BLANKS.sub(lambda m: m.group().replace(" ", "&#32;").replace("\t", "&#9;"), escaped)
    return escaped.replace("\n", "  \n")


def unescape_markdown(source: str) -> str:
    """What ``escape_markdown`` was given (after ``reveal_invisible``): for tests and checks."""
    text = source.replace("  \n", "\n").replace(WORD_JOINER, "").replace("&#32;", " ").replace("&#9;", "\t")
    return re.sub(r"\\(.)", r"\1", text)
