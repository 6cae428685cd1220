"""The comparison key: Vietnamese as typed, the shared openings gone."""

from __future__ import annotations

import itertools

from tracker.similarity.index import DEFAULT_THRESHOLD, SimilarityIndex
from tracker.similarity.normalize import comparison_key, features


def test_diacritics_case_punctuation_and_d_fold_away():
    assert comparison_key("Đề nghị: TĂNG lương cơ sở!") == comparison_key("de nghi tang luong co so")
    assert comparison_key("Điều chỉnh, bổ sung") == "dieu chinh bo sung"


def test_the_opening_who_and_verb_is_stripped():
    assert comparison_key("Cử tri tỉnh Nghệ An và thành phố Hà Nội kiến nghị sớm tăng lương cơ sở.") == (
        "tang luong co so"
    )
    assert comparison_key("Cu tri TP. Ho Chi Minh phan anh: che do huu tri") == "che do huu tri"
    assert comparison_key("Đề nghị Chính phủ xem xét tăng phụ cấp") == "tang phu cap"


def test_a_text_that_is_only_an_opening_keeps_its_words():
    assert comparison_key("Đề nghị") == "de nghi"


def test_a_long_sentence_is_not_eaten_by_the_opening():
    text = "Cử tri " + " ".join(["rất"] * 20) + " kiến nghị tăng lương"
    assert "tang luong" in comparison_key(text)


def test_features_are_syllables_and_pairs_without_function_words():
    assert features("tang luong cho can bo") == ["tang", "luong", "can", "bo", "tang_luong", "luong_can", "can_bo"]


def test_the_same_opening_does_not_make_two_points_alike():
    a = "Cử tri tỉnh Thanh Hóa kiến nghị Bộ Nội vụ sớm điều chỉnh mức lương cơ sở."
    b = "Cử tri tỉnh Thanh Hóa kiến nghị Bộ Nội vụ sớm xét tặng danh hiệu Bà mẹ Việt Nam anh hùng."
    index = SimilarityIndex([(1, a), (2, b)])
    assert index.pair_score(a, b) < DEFAULT_THRESHOLD


def test_a_re_raising_without_diacritics_and_reordered_is_found_best_first():
    earlier = [
        (1, "Cử tri tỉnh Hà Tĩnh đề nghị tăng phụ cấp cho người hoạt động không chuyên trách ở thôn."),
        (2, "Cử tri tỉnh Hà Tĩnh đề nghị hướng dẫn xử lý trụ sở dôi dư sau sắp xếp."),
        (3, "Đề nghị tăng phụ cấp thâm niên cho giáo viên."),
    ]
    index = SimilarityIndex(earlier)
    found = index.similar("nguoi hoat dong khong chuyen trach o thon: de nghi tang phu cap")
    assert [m.item_id for m in found][:1] == [1]
    assert all(a.score >= b.score for a, b in itertools.pairwise(found))
    assert index.similar("nguoi hoat dong khong chuyen trach o thon", exclude={1})[:1] != [1]
