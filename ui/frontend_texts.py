"""Vietnamese for the few English strings Streamlit 1.67's frontend offers no parameter for.

Placeholders and labels have parameters and pages set them from the catalog. These do not: the
file uploader's "Drag and drop file here", "Upload" button and "50MB per file" (st.file_uploader
takes no text), the help icon's aria-label "Help for <label>", a search's "No results", a multiselect's "Select all", "Skip to main content", the
screen-reader announcement "N options available." and the password eye's "Show password". A small
script rewrites exactly those strings (from the catalog) wherever React draws them, and again
after each redraw; anything it does not know is left alone, so a Streamlit upgrade that renames
a string shows the English again (tests/browser/test_vietnamese_everywhere.py then fails) rather
than breaking the page. English pages get no script.
"""

from __future__ import annotations

import json

import streamlit as st

from ui import context as ctx

_SCRIPT = """<script>
(() => {
  window.__trackerTexts = %s;
  if (window.__trackerTextsWatching) { return; }
  window.__trackerTextsWatching = true;
  const WORDS = {"No results": "no_results", "Select all": "select_all", "Skip to main content": "skip_to_main"};
  const text = (node) => {
    const t = window.__trackerTexts, v = node.nodeValue, s = v.trim();
    let m;
    if (/^Drag and drop .* here$/.test(s)) { node.nodeValue = t.drop_here; }
    else if (s === "Upload" || s === "Browse files") { node.nodeValue = t.browse; }
    else if ((m = s.match(/^(\\S+) per file$/))) { node.nodeValue = t.per_file.replace("{size}", m[1]); }
    else if (WORDS[s]) { node.nodeValue = t[WORDS[s]]; }
    else if ((m = s.match(/^(\\d+) options? available\\.$/))) {
      node.nodeValue = t.options_available.replace("{count}", m[1]);
    }
  };
  const LABELS = {"Help": "help", "Clear all": "clear_all", "Show password": "show_password",
                  "Hide password": "hide_password"};
  const label = (el) => {
    const t = window.__trackerTexts, v = el.getAttribute("aria-label");
    if (v.startsWith("Help for ")) { el.setAttribute("aria-label", t.help_for.replace("{label}", v.slice(9))); }
    else if (LABELS[v]) { el.setAttribute("aria-label", t[LABELS[v]]); }
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

_KEYS = (
    "browse",
    "clear_all",
    "drop_here",
    "help",
    "help_for",
    "hide_password",
    "no_results",
    "options_available",
    "per_file",
    "select_all",
    "show_password",
    "skip_to_main",
)


def script(lang: str) -> str:
    """The page script for ``lang``: the Vietnamese strings, or null (English needs none)."""
    texts = None if lang == "en" else {key: ctx.tr(f"frontend.{key}") for key in _KEYS}
    # json.dumps escapes quotes; "</" cannot end the script early because no catalog text holds it.
    return _SCRIPT % json.dumps(texts, ensure_ascii=False).replace("</", "<\\/")


def localise_frontend() -> None:
    """Once per script run (the sidebar holds it, so it takes no room on the page)."""
    st.html(script(ctx.lang()), unsafe_allow_javascript=True)
