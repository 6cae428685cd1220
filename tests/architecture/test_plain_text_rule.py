"""Architecture check for the plain-text rule (issue 8.2): no page or ui module renders text a user
typed as Markdown. It reads the code (ast), so a new page that forgets the rule fails here, before
anyone sees an image link fetched.

- ``st.table`` is never called: it renders every cell as Markdown.
- Calls that render Markdown (st.markdown, st.caption, alerts, st.toast, st.write, titles,
  expander and tab labels) take catalog text, dates, or text passed through the rule
  (``plain``/``md``/``tr_md``/``escape_markdown``). A catalog message whose parameters quote
  people (``name=``, ``names=``, ``value=``, ``path=``...) must be built with ``tr_md``.
- ``st.text`` only through ``ui.plain_text.text`` (which makes stored bidi characters visible).
- ``st.dataframe`` gets a frame built by ``ui.plain_text.frame`` (or ``items_frame``, which uses it).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECKED = sorted([*(ROOT / "app_pages").glob("*.py"), *(ROOT / "ui").glob("*.py"), ROOT / "streamlit_app.py"])

MARKDOWN_CALLS = {
    "markdown",
    "caption",
    "success",
    "error",
    "warning",
    "info",
    "toast",
    "write",
    "title",
    "header",
    "subheader",
    "expander",
    "tabs",
    "popover",
    "badge",
    # Widget labels are Markdown too (a subset: links, emphasis, maths, colours, icons).
    "button",
    "download_button",
    "form_submit_button",
    "page_link",
    "checkbox",
    "toggle",
    "text_input",
    "text_area",
    "selectbox",
    "multiselect",
    "radio",
    "date_input",
    "number_input",
    "file_uploader",
    "segmented_control",
    "metric",
}
# Functions whose result is safe inside Markdown: the rule itself, catalog text, formatted values.
SAFE_CALLS = {
    "plain",
    "md",
    "tr_md",
    "escape_markdown",
    "tr",
    "fmt",
    "kind_label",
    "status_label",
    "result_label",
    "phase_label",
    "percent_text",
    "strftime",
}
# Catalog parameters that carry what someone typed (names, numbers they entered, file paths).
USER_PARAMS = {"name", "names", "value", "path", "email", "columns", "note", "reason", "unit", "text", "summary"}
# highlight/styled_items colour a frame built by the two above (cells unchanged, so still plain text).
FRAME_CALLS = {"frame", "items_frame", "highlight", "styled_items"}
# Reviewed exceptions: (file, variable) with why it is safe.
ALLOWED_NAMES = {
    ("ui/item_panel.py", "message"),  # flash(): catalog text with numbers only (see its docstring)
    ("ui/plain_text.py", "label"),  # field(label, value): callers' labels are checked below
}
NOT_STREAMLIT = {"pt", "ctx", "plain_text", "re", "json", "os"}


def _call_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    return None


def _receiver(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Attribute):
        base = func.value
        while isinstance(base, ast.Attribute | ast.Subscript | ast.Call):
            base = base.func if isinstance(base, ast.Call) else base.value
        return base.id if isinstance(base, ast.Name) else None
    return None


class Checker:
    def __init__(self, path: Path, tree: ast.Module):
        self.rel = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name
        self.problems: list[str] = []
        self.assigned: dict[str, list[ast.AST]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.assigned.setdefault(target.id, []).append(node.value)

    def safe(self, node: ast.AST | None) -> bool:
        if node is None:
            return True
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.JoinedStr):
            return all(self.safe(v.value) for v in node.values if isinstance(v, ast.FormattedValue))
        if isinstance(node, ast.BinOp):
            return self.safe(node.left) and self.safe(node.right)
        if isinstance(node, ast.IfExp):
            return self.safe(node.body) and self.safe(node.orelse)
        if isinstance(node, ast.List | ast.Tuple):
            return all(self.safe(e) for e in node.elts)
        if isinstance(node, ast.Name):
            return (self.rel, node.id) in ALLOWED_NAMES
        name = _call_name(node)
        if name in SAFE_CALLS:
            if name == "tr":
                for keyword in node.keywords:  # type: ignore[union-attr]
                    if keyword.arg in USER_PARAMS and not self.safe(keyword.value):
                        self.problems.append(
                            f"{self.rel}:{node.lineno}: ctx.tr(..., {keyword.arg}=...) quotes user text: use tr_md"
                        )
                        return False
            return True
        return False

    def is_frame(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Subscript):
            return self.is_frame(node.value)
        if _call_name(node) in FRAME_CALLS:
            return True
        if isinstance(node, ast.Name):
            values = self.assigned.get(node.id, [])
            return bool(values) and all(self.is_frame(v) for v in values)
        return False

    def visit(self, call: ast.Call) -> None:
        name = _call_name(call)
        receiver = _receiver(call)
        where = f"{self.rel}:{call.lineno}"
        first = (
            call.args[0]
            if call.args
            else next((k.value for k in call.keywords if k.arg in ("body", "label", "tabs")), None)
        )
        if name == "page_link":  # its first argument is the page; the label is a keyword
            first = next((k.value for k in call.keywords if k.arg == "label"), None)
        if name == "field" and not self.safe(first):  # pt.field(label, value): the label is Markdown
            self.problems.append(f"{where}: field() label is shown as Markdown: catalog text only")
        if receiver in NOT_STREAMLIT or name is None:
            return
        if name == "table":
            self.problems.append(f"{where}: st.table renders cells as Markdown: use st.dataframe(pt.frame(...))")
        elif name in MARKDOWN_CALLS and not self.safe(first):
            self.problems.append(
                f"{where}: {name}() may render user text as Markdown: pass it through pt.md / pt.tr_md"
            )
        elif name == "text" and not self.rel.endswith("ui/plain_text.py"):
            self.problems.append(f"{where}: st.text directly: use pt.text (shows stored bidi characters)")
        elif name == "dataframe" and not (first is not None and self.is_frame(first)):
            self.problems.append(f"{where}: st.dataframe of a frame not built by pt.frame")


def problems_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    checker = Checker(path, tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            checker.visit(node)
    return checker.problems


def test_every_page_and_ui_module_is_checked():
    names = {str(p.relative_to(ROOT)) for p in CHECKED}
    assert {"app_pages/progress.py", "ui/item_panel.py", "streamlit_app.py", "ui/plain_text.py"} <= names


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_user_text_never_reaches_a_markdown_renderer(path):
    assert problems_in(path) == []


def test_the_check_notices_each_way_user_text_could_be_rendered(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import streamlit as st\n"
        "st.table(rows)\n"
        "st.markdown(item.summary)\n"
        "left.caption(f'{ctx.tr(\"field.reason\")}: {item.reason}')\n"
        "st.error(ctx.tr('import.unknown_units', names=', '.join(units)))\n"
        "st.text(item.summary)\n"
        "st.dataframe(pd.DataFrame(rows))\n"
        "with st.expander(unit.name_vi):\n    pass\n"
        "st.toast(message)\n"
        "pt.field(item.topic, item.summary)\n",
        encoding="utf-8",
    )
    found = problems_in(probe)
    assert {int(p.split(":")[1]) for p in found} == {2, 3, 4, 5, 6, 7, 8, 10, 11}, found
    assert "st.table" in found[0] and "tr_md" in " ".join(found)


def test_the_check_accepts_the_rule(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import streamlit as st\n"
        "st.markdown(pt.md(item.summary))\n"
        "st.caption(f'{ctx.tr(\"field.reason\")}: {plain(item.reason)}')\n"
        "st.error(pt.tr_md('import.unknown_units', names=', '.join(units)))\n"
        "st.info(ctx.tr('progress.report_due', date=ctx.fmt(day)))\n"
        "pt.text(item.summary)\n"
        "table = pt.frame(rows)\n"
        "st.dataframe(table[['a']])\n",
        encoding="utf-8",
    )
    assert problems_in(probe) == []
