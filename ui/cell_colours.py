"""A table's cells coloured for ``st.dataframe`` without pandas' per-cell rendering (issue 15).

Streamlit draws a pandas ``Styler`` by asking it for its translation (``_compute`` then
``_translate``: the css of each coloured cell and a display text for every cell) and writing every
display text back into a copy of the frame, a column at a time. For the register's 50 rows that was
35 ms of a click's CPU (a third of the script's run under load); the plain frame costs 1 ms.

Our cells are already the text a reader sees, so the translation is known without asking pandas to
render each cell: the css groups pandas would build from the colours, and a display text only where
the value is not already a string (pandas' own formatter makes it, as it would). The Styler stays a
real ``Styler`` (Streamlit recognises it by its exact type), its two translation steps answered from
what is built here. tests/pages/test_cell_colours.py compares what Streamlit marshals from it with
what it marshals from the real Styler, byte for byte, on the register's and progress page's tables:
a pandas or Streamlit upgrade that changes either side fails that test.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler
from pandas.io.formats.style_render import maybe_convert_css_to_tuples


def coloured(frame: pd.DataFrame, css: Mapping[str, Sequence[str]]) -> Styler:
    """``frame`` with each named column's cells given that row's css ("" leaves it plain), as
    ``frame.style.apply(..., subset=css)`` would colour it."""
    styler = frame.style
    positions = {frame.columns.get_loc(name): cells for name, cells in css.items()}
    columns = sorted(positions)
    groups: dict[tuple[tuple[str, str], ...], list[str]] = {}
    parsed: dict[str, tuple[tuple[str, str], ...]] = {}
    # Rows outer, columns inner, groups in order of first use: pandas' own order of the css rules.
    for row in range(len(frame)):
        for column in columns:
            text = positions[column][row]
            if not text:
                continue
            props = parsed.get(text)
            if props is None:
                props = parsed[text] = tuple(maybe_convert_css_to_tuples(text))
            if props:
                groups.setdefault(props, []).append(f"row{row}_col{column}")
    body = [
        [
            {"id": f"row{row}_col{column}", "display_value": styler._display_funcs[(row, column)](value)}
            for row, column, value in _not_as_text(frame)
        ]
    ]
    translation: dict[str, Any] = {
        "cellstyle": [{"props": list(props), "selectors": selectors} for props, selectors in groups.items()],
        "body": body,
    }
    # Instance attributes shadow the class's methods for this one Styler only.
    styler._compute = lambda: styler  # type: ignore[method-assign]
    styler._translate = lambda *args, **kwargs: translation  # type: ignore[method-assign]
    return styler


def _not_as_text(frame: pd.DataFrame) -> list[tuple[int, int, Any]]:
    """The cells whose ``str`` copy (Streamlit's starting point) is not already pandas' display text:
    a missing value (pandas shows "nan"), a float (shown to six places), anything not a string.
    An integer or a truth value reads the same either way."""
    cells: list[tuple[int, int, Any]] = []
    missing = frame.isna().to_numpy()
    for column, dtype in enumerate(frame.dtypes):
        if pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
            continue
        if isinstance(dtype, pd.StringDtype):
            cells += [(int(row), column, frame.iat[row, column]) for row in missing[:, column].nonzero()[0]]
            continue
        values = frame.iloc[:, column].tolist()
        cells += [(row, column, value) for row, value in enumerate(values) if not isinstance(value, str)]
    return cells
