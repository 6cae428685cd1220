"""The index's compact form (tracker/similarity/encoding.py) and its supplement for items saved
after the build (issue 14): what is found, what never is, with real recommendations."""

from __future__ import annotations

import numpy as np

from tracker.similarity import encoding
from tracker.similarity.encoding import Vocabulary, pair_slot, pair_slots
from tracker.similarity.index import SimilarityIndex

PHU_CAP = "Cử tri tỉnh Hà Tĩnh đề nghị tăng phụ cấp cho người hoạt động không chuyên trách ở thôn."
TRU_SO = "Cử tri tỉnh Hà Tĩnh đề nghị hướng dẫn xử lý trụ sở dôi dư sau sắp xếp đơn vị hành chính."
GIAO_VIEN = "Đề nghị tăng phụ cấp thâm niên cho giáo viên mầm non."
AGAIN = "nguoi hoat dong khong chuyen trach o thon: de nghi tang phu cap vi qua thap"
KHEN = "Cử tri tỉnh Nghệ An kiến nghị sớm xét tặng danh hiệu Bà mẹ Việt Nam anh hùng cho các hồ sơ tồn đọng."
KHEN_AGAIN = "De nghi som xet tang danh hieu Ba me Viet Nam anh hung, con nhieu ho so ton dong"


def _ids(found) -> list[int]:
    return [m.item_id for m in found]


def test_an_item_added_after_the_build_is_found_and_a_removed_one_never():
    index = SimilarityIndex([(1, PHU_CAP), (2, TRU_SO), (3, GIAO_VIEN)])
    assert _ids(index.similar(KHEN_AGAIN)) == []
    index.add(9, KHEN)
    assert index.fresh == 1 and len(index) == 4
    assert _ids(index.similar(KHEN_AGAIN)) == [9]
    assert _ids(index.similar(KHEN_AGAIN, exclude={9})) == []
    # Re-indexed under a corrected text: found under the new one only.
    index.add(9, PHU_CAP.replace("Hà Tĩnh", "Nghệ An"))
    assert _ids(index.similar(KHEN_AGAIN)) == [] and set(_ids(index.similar(AGAIN))) == {1, 9}
    index.remove(9)
    index.remove(1)  # a built item: marked, never suggested again
    assert _ids(index.similar(AGAIN)) == [] and len(index) == 2
    assert _ids(index.similar(TRU_SO)) == [2]


def test_a_built_item_and_its_fresh_copy_score_alike():
    built = SimilarityIndex([(1, PHU_CAP), (2, TRU_SO), (3, GIAO_VIEN), (4, KHEN)])
    fresh = SimilarityIndex([(2, TRU_SO), (3, GIAO_VIEN), (4, KHEN)])
    fresh.add(1, PHU_CAP)
    (one,) = [m for m in built.similar(AGAIN, threshold=0) if m.item_id == 1]
    (other,) = [m for m in fresh.similar(AGAIN, threshold=0) if m.item_id == 1]
    assert abs(one.score - other.score) <= 3  # the weights differ by the one text alone


def test_the_pair_table_slot_is_the_same_in_python_and_numpy():
    first, second = [1, 2, 65_535, 40_000], [2, 1, 65_535, 7]
    slots = pair_slots(np.asarray(first, dtype=np.uint64), np.asarray(second, dtype=np.uint64))
    assert slots.tolist() == [pair_slot(a, b) for a, b in zip(first, second, strict=True)]
    assert all(encoding.PAIR_BASE <= s < encoding.FEATURES for s in slots.tolist())
    assert pair_slot(1, 2) != pair_slot(2, 1)  # "tăng lương" is not "lương tăng"


def test_a_word_past_the_vocabulary_bound_keeps_its_place_and_carries_no_feature(monkeypatch):
    monkeypatch.setattr(encoding, "WORD_LIMIT", 3)
    vocab = Vocabulary()
    ids = vocab.grow("tang phu cap thon")
    assert ids == [1, 2, 3, 0]
    assert vocab.text(ids) == "tang phu cap "
    assert vocab.grow("cap tang") == [3, 1]


def test_a_built_item_saved_with_its_text_unchanged_stays_out_of_the_supplement():
    index = SimilarityIndex([(4, KHEN), (1, PHU_CAP)])  # not in id order: still found
    index.add(1, PHU_CAP)  # assigned or answered: the same text
    assert index.fresh == 0 and _ids(index.similar(AGAIN)) == [1]
    index.remove(4)
    index.add(4, KHEN)  # restored after being archived: back, from the supplement
    assert index.fresh == 1 and _ids(index.similar(KHEN_AGAIN)) == [4]
