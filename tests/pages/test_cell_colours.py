"""The coloured tables reach the browser exactly as a pandas Styler would send them (issue 15).

ui/cell_colours.py answers Streamlit's two questions to a Styler from the colours it already has,
instead of letting pandas render every cell. These tests marshal each coloured table the pages
draw twice, once that way and once through the real ``Styler.apply``, and compare what the browser
would receive: the css rules and the display texts, byte for byte. A pandas or Streamlit release
that changes either side fails here."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData

import ui.tables
from tests.conftest import LIAISON, draft, open_page, reply, start_app
from tracker import clock
from ui.cell_colours import coloured
from ui.context import _open_tracker
from ui.tables import STATUS_COLOURS

TODAY = clock.today()


def _sent(styler) -> tuple[str, bytes]:
    styler.set_uuid("same")
    proto = ArrowData()
    marshall_styler(proto, styler, "same")
    return proto.styler.styles, proto.styler.display_values


def _as_pandas_would(frame: pd.DataFrame, css: dict[str, list[str]]):
    colours = pd.DataFrame(css, index=frame.index)
    return frame.style.apply(lambda data: colours, axis=None, subset=list(css))


def _same_as_pandas(frame: pd.DataFrame, css: dict[str, list[str]]) -> None:
    styles, shown = _sent(coloured(frame, css))
    expected_styles, expected_shown = _sent(_as_pandas_would(frame, css))
    assert styles == expected_styles
    assert shown == expected_shown


@pytest.fixture
def drawn(monkeypatch) -> list[tuple[pd.DataFrame, dict[str, list[str]]]]:
    """Every (frame, css) a page asks to colour while it runs."""
    calls: list[tuple[pd.DataFrame, dict[str, list[str]]]] = []

    def recorded(frame, css):
        calls.append((frame.copy(), {name: list(cells) for name, cells in css.items()}))
        return coloured(frame, css)

    monkeypatch.setattr(ui.tables, "coloured", recorded)
    return calls


@pytest.fixture
def register(db_path: Path) -> None:
    """Overdue, due soon, due later, replied, one without a reference number, and text that
    Markdown or a browser would read as markup."""
    tracker = _open_tracker(str(db_path))
    summaries = {
        -12: "**Đề nghị** sửa đổi <b>phụ cấp</b> | cán bộ cấp xã",
        -1: "Lương hưu # tiêu đề và `mã` [liên kết](http://x) $x$",
        2: "Chế độ thai sản cho lao động nữ",
        30: "Tinh giản biên chế năm 2026",
    }
    ids = []
    for days, summary in summaries.items():
        extra = {"ref_no": None} if days == 2 else {}
        item = draft(
            tracker,
            session="16/1",
            received_on=date(2026, 5, 4),
            summary=summary,
            due_on=TODAY + timedelta(days=days),
            due_override_reason="Theo văn bản đôn đốc",
            **extra,
        )
        ids.append(tracker.create_item(LIAISON, item))
    tracker.record_reply(LIAISON, ids[-1], 1, reply(date(2026, 5, 10)))


@pytest.mark.parametrize("page", ["register", "progress"])
def test_each_coloured_table_a_page_draws_is_sent_as_pandas_would_send_it(db_path, monkeypatch, register, drawn, page):
    open_page(start_app(db_path, monkeypatch), page)
    assert drawn, f"the {page} page drew no coloured table"
    assert any(any(css) for _, cells in drawn for css in cells.values()), "no cell was coloured"
    for frame, css in drawn:
        _same_as_pandas(frame, css)


def test_floats_missing_values_and_mixed_cells_are_shown_as_pandas_shows_them():
    red, green = STATUS_COLOURS["overdue"], STATUS_COLOURS["replied_on_time"]
    frame = pd.DataFrame(
        {
            "Mã": [1, 2, 3],
            "Tỷ lệ": [0.5, float("nan"), 12.25],
            "Số hiệu": ["12/BNV", None, "x"],
            "Ghi chú": pd.Series(["a", 3, None], dtype=object),
            "Đã xong": [True, False, True],
            "Trạng thái": ["Quá hạn", "Đúng hạn", ""],
        }
    )
    _same_as_pandas(frame, {"Trạng thái": [red, green, ""], "Mã": ["", red, red]})


def test_a_table_with_nothing_coloured_sends_no_css():
    frame = pd.DataFrame({"Mã": [1, 2], "Trạng thái": ["Đúng hạn", "Đang xử lý"]})
    styles, _ = _sent(coloured(frame, {"Trạng thái": ["", ""]}))
    assert styles == ""
    _same_as_pandas(frame, {"Trạng thái": ["", ""]})
