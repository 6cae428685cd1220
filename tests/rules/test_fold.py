"""fold (tracker/text.py) maps character by character through a memoised table; it must equal
the whole-text definition: NFD, combining marks (Mn) dropped, lower case, spaces collapsed."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.text import fold

_SPACES = re.compile(r"\s+")


def whole_text_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(str.maketrans({"đ": "d", "Đ": "d"})))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def test_vietnamese_folds_to_plain_letters():
    assert fold("Lương  Cơ sở") == "luong co so"
    assert fold("ĐỀ NGHỊ Bộ Nội vụ") == "de nghi bo noi vu"
    assert fold("Nghệ An\tHà Tĩnh") == "nghe an ha tinh"
    assert fold("") == "" and fold(None) == ""


VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + " \t\n.,;/-0123456789")))
def test_fold_equals_the_whole_text_definition_on_vietnamese(text):
    assert fold(text) == whole_text_fold(text)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_fold_equals_the_whole_text_definition_on_any_text(text):
    # Decomposed input too: a base letter followed by its marks, typed on another keyboard.
    assert fold(text) == whole_text_fold(text)
    nfd = unicodedata.normalize("NFD", text)
    assert fold(nfd) == whole_text_fold(nfd)
