"""Vietnamese for the English strings Streamlit 1.67's frontend offers no parameter for.

Placeholders and labels have parameters and pages set them from the catalog. These do not: the
file uploader's "Drag and drop file here", "Upload" button and "50MB per file" (st.file_uploader
takes no text), a search's "No results", a multiselect's "Select all", the "Skip to main content"
link, and the aria-labels a screen reader announces ("Help for <label>", "N options available.",
"Show password", a date's "day, <label>", the table toolbar's "Search", "Fullscreen", ...). A small
script rewrites exactly those strings (from the catalog) wherever React draws them, synchronously
on each DOM change, before the browser paints. Anything it does not know is left alone, so a
Streamlit upgrade that renames a string shows the English again (tests/browser/
test_vietnamese_everywhere.py then fails) rather than breaking the page. English pages get none.
"""

from __future__ import annotations

import json

import streamlit as st

from ui import context as ctx

# Streamlit's exact English (read from its 1.67 frontend bundle) -> our catalog key.
_TEXTS = {
    "Upload": "browse",
    "Browse files": "browse",
    "No results": "no_results",
    "Select all": "select_all",
    "Skip to main content": "skip_to_main",
}
_LABELS = {
    "App pages": "app_pages",
    "Choose date": "choose_date",
    "Clear all": "clear_all",
    "Collapse sidebar": "collapse_sidebar",
    "Decrement": "decrement",
    "Download as CSV": "download_csv",
    "Fullscreen": "fullscreen",
    "Help": "help",
    "Hide password": "hide_password",
    "Increment": "increment",
    "Link to heading": "link_to_heading",
    "Open": "open",
    "Search": "search",
    "Show password": "show_password",
    "Show/hide columns": "show_hide_columns",
    "Sidebar": "sidebar",
}
# Parts of a date input, announced as "<part>, <label>".
_DATE_PARTS = {"day": "day", "month": "month", "year": "year"}

_SCRIPT = """<script>
(() => {
  window.__trackerTexts = %s;
  if (window.__trackerTextsWatching) { return; }
  window.__trackerTextsWatching = true;
  const text = (node) => {
    const t = window.__trackerTexts, s = node.nodeValue.trim();
    let m;
    if (t.texts[s]) { node.nodeValue = t.texts[s]; }
    else if (/^Drag and drop .* here$/.test(s)) { node.nodeValue = t.drop_here; }
    else if ((m = s.match(/^(\\S+) per file$/))) { node.nodeValue = t.per_file.replace("{size}", m[1]); }
    else if ((m = s.match(/^(\\d+) options? available\\.$/))) {
      node.nodeValue = t.options_available.replace("{count}", m[1]);
    }
  };
  const label = (el) => {
    const t = window.__trackerTexts, v = el.getAttribute("aria-label");
    let m;
    if (t.labels[v]) { el.setAttribute("aria-label", t.labels[v]); }
    else if (v.startsWith("Help for ")) { el.setAttribute("aria-label", t.help_for.replace("{label}", v.slice(9))); }
    else if ((m = v.match(/^(day|month|year), (.*)$/))) { el.setAttribute("aria-label", t.parts[m[1]] + ", " + m[2]); }
  };
  const visit = (node) => {
    if (!window.__trackerTexts) { return; }
    if (node.nodeType === Node.TEXT_NODE) { text(node); return; }
    if (node.nodeType !== Node.ELEMENT_NODE) { return; }
    const walk = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) { text(walk.currentNode); }
    if (node.hasAttribute("aria-label")) { label(node); }
    node.querySelectorAll("[aria-label]").forEach(label);
  };
  // Synchronously, on what changed only: the fix lands before the browser paints or announces.
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "childList") { r.addedNodes.forEach(visit); }
      else { visit(r.target); }
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                             attributeFilter: ["aria-label"]});
  visit(document.body);
})();
</script>"""


def _catalog(table: dict[str, str]) -> dict[str, str]:
    return {english: ctx.tr(f"frontend.{key}") for english, key in table.items()}


def script(lang: str) -> str:
    """The page script for ``lang``: the Vietnamese strings, or null (English needs none)."""
    texts = None
    if lang != "en":
        texts = {
            "texts": _catalog(_TEXTS),
            "labels": _catalog(_LABELS),
            "parts": {part: ctx.tr(f"frontend.{key}") for part, key in _DATE_PARTS.items()},
            **{key: ctx.tr(f"frontend.{key}") for key in ("drop_here", "per_file", "options_available", "help_for")},
        }
    # json.dumps escapes quotes; "</" is escaped so no catalog text can end the script early.
    return _SCRIPT % json.dumps(texts, ensure_ascii=False).replace("</", "<\\/")


def localise_frontend() -> None:
    """Once per script run (the sidebar holds it, so it takes no room on the page)."""
    st.html(script(ctx.lang()), unsafe_allow_javascript=True)
