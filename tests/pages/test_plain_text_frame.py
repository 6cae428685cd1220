"""ui/plain_text.frame, the table cells' half of the plain-text rule: only a column holding a bidi
or zero-width character is rewritten (the fast path of issue 15), and every such cell shows."""

from __future__ import annotations

import pandas as pd

from ui import plain_text as pt


def test_a_stored_bidi_character_shows_in_its_cell_and_the_other_cells_are_unchanged():
    source = pd.DataFrame(
        {
            "Mã": [1, 2],
            "Nội dung": ["Đề nghị tăng phụ cấp", "Chế độ\u202e thâm niên"],
            "Đơn vị": ["Vụ Tiền lương", None],
        }
    )
    shown = pt.frame(source)

    assert shown["Nội dung"].tolist() == ["Đề nghị tăng phụ cấp", "Chế độ[U+202E] thâm niên"]
    assert shown["Đơn vị"].equals(source["Đơn vị"])
    assert shown["Mã"].tolist() == [1, 2]
    assert source.loc[1, "Nội dung"] == "Chế độ\u202e thâm niên"  # the caller's frame is left alone


def test_rows_and_a_frame_with_two_columns_of_one_name_are_revealed_too():
    assert pt.frame([{"Nội dung": "a\u200bb"}])["Nội dung"].tolist() == ["a[U+200B]b"]
    twice = pd.DataFrame([["x\u2066", "y"]], columns=["Tên", "Tên"])
    assert pt.frame(twice).iloc[0].tolist() == ["x[U+2066]", "y"]
