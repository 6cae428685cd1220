"""Streamlit side of the plain-text rule (``tracker.plain_text``): every page shows user text
through these, and tests/architecture/test_plain_text_rule.py fails when one does not.

- ``text``/``field``: body text with ``st.text``, which never parses Markdown or HTML.
- ``md``/``tr_md``: for the places Streamlit only offers Markdown (alerts, captions, labels).
- ``frame``: tables, always ``st.dataframe`` (a canvas grid: plain text); ``st.table`` renders
  every cell as Markdown and is never used.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.plain_text import escape_markdown, find_invisible, reveal_invisible
from ui import context as ctx

md = escape_markdown


def text(value: str | None) -> None:
    st.text(reveal_invisible(value) or "—")


def field(label: str, value: str | None) -> None:
    """A catalog label over a value the user typed: the label may be Markdown, the value never."""
    st.caption(label)
    text(value)


def tr_md(key: str, /, **params: object) -> str:
    """A catalog message whose parameters (names, numbers, paths people typed) stay plain text."""
    return ctx.tr(key, **{name: escape_markdown(str(value)) for name, value in params.items()})


def frame(data: pd.DataFrame | list[dict] | dict) -> pd.DataFrame:
    """Table cells with any stored bidi/zero-width character made visible (the grid draws text as
    is, so a U+202E would reorder a summary for whoever reads the table)."""
    df = data if isinstance(data, pd.DataFrame) else pd.DataFrame(data)
    # Such characters are refused on input, so a table almost never holds one: one search over all
    # its text decides, and only a column that holds one is rewritten (a search per column, each
    # column taken out as a Series, was most of this function's time on every list, issue 15).
    # pandas 3 copies on write, so the shallow copy shares the untouched columns safely.
    out = df.copy(deep=False)
    if not _holds_invisible(df.to_numpy(dtype=object).ravel().tolist()):
        return out
    for i in range(df.shape[1]):
        column = df.iloc[:, i]
        if _is_text(column) and _holds_invisible(column.tolist()):
            out.isetitem(i, column.map(_reveal))
    return out


def _is_text(column: pd.Series) -> bool:
    # pandas 3 stores text as StringDtype, older data as object: both hold what people typed.
    return column.dtype == object or pd.api.types.is_string_dtype(column.dtype)


def _holds_invisible(values: list[object]) -> bool:
    return find_invisible("\n".join(v for v in values if isinstance(v, str))) is not None


def _reveal(value: object) -> object:
    return reveal_invisible(value) if isinstance(value, str) else value
