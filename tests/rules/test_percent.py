"""The one rounding rule (issue 9, tracker/percent.py): never 100 % before all are done, never 0 %
once one is, "100 %" without decimals, halves up, 1 or 2 decimals, comma in Vietnamese."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.percent import percent, percent_number, percent_text


@pytest.mark.parametrize(
    ("part", "whole", "one", "two"),
    [
        (2199, 2200, "99,9 %", "99,95 %"),
        (1, 2200, "0,1 %", "0,05 %"),
        (1, 1, "100 %", "100 %"),
        (129, 129, "100 %", "100 %"),
        (0, 5, "0 %", "0 %"),
        (1474, 1993, "74,0 %", "73,96 %"),  # domain.md: 1,474 of 1,993 explained
        (137, 149, "91,9 %", "91,95 %"),  # seed 000: 137 of 149 tasks
        (1433, 1472, "97,4 %", "97,35 %"),  # 15th NA, 9th session
        (1, 2, "50,0 %", "50,00 %"),
        (2, 3, "66,7 %", "66,67 %"),
    ],
)
def test_the_rule_in_vietnamese_with_one_and_two_decimals(part, whole, one, two):
    assert percent_text(part, whole, "vi", 1) == one
    assert percent_text(part, whole, "vi", 2) == two


def test_english_writes_a_decimal_point():
    assert percent_text(2199, 2200, "en", 1) == "99.9 %"
    assert percent_text(2199, 2200, "en", 2) == "99.95 %"
    assert percent_text(1, 1, "en", 2) == "100 %"
    assert percent_text(0, 5, "en") == "0 %"


def test_halves_round_up_on_exact_fractions_not_binary_floats():
    # round(6.25, 1) == 6.2 and round(0.35 * 100) style float noise would round unevenly.
    assert percent_text(1, 16, "vi") == "6,3 %"  # 6.25
    assert percent_text(15, 16, "vi") == "93,8 %"  # 93.75
    assert percent_text(7, 20, "vi", 1) == "35,0 %"
    assert percent_text(1, 8, "vi", 2) == "12,50 %"
    assert percent_text(1, 800, "vi", 2) == "0,13 %"  # 0.125


def test_nothing_to_divide_is_a_dash_and_a_null_number():
    assert percent_text(0, 0, "vi") == "—"
    assert percent(0, 0) is None and percent_number(3, 0) is None
    assert percent_number(2199, 2200) == 99.9 and percent_number(2199, 2200, 2) == 99.95
    assert percent_number(129, 129) == 100.0


def test_a_decimals_value_outside_the_setting_falls_back_to_one():
    assert percent_text(2199, 2200, "vi", 7) == "99,9 %"


@given(
    whole=st.integers(min_value=1, max_value=100_000),
    share=st.fractions(min_value=0, max_value=1),
    decimals=st.sampled_from([1, 2]),
    lang=st.sampled_from(["vi", "en"]),
)
def test_the_rule_holds_for_any_fraction(whole, share, decimals, lang):
    part = min(whole, int(share * whole))
    text = percent_text(part, whole, lang, decimals)
    value = percent(part, whole, decimals)
    exact = Fraction(100 * part, whole)
    step = Fraction(1, 10**decimals)
    assert text.endswith(" %")
    number = text[:-2]
    if part == whole:
        assert text == "100 %"
    elif part == 0:
        assert text == "0 %"
    else:
        assert text not in ("100 %", "0 %")
        assert 0 < value < 100
        sep, other = (",", ".") if lang == "vi" else (".", ",")
        whole_digits, decimals_text = number.split(sep)
        assert other not in number and len(decimals_text) == decimals
        assert Decimal(f"{whole_digits}.{decimals_text}") == value
        # Within half a step of the exact share, except where the rule clamps away from 0 or 100.
        if step < Fraction(value) < 100 - step:
            assert abs(Fraction(value) - exact) <= step / 2
        # Halves up: exactly half a step above a multiple rounds up.
        if (exact / step) % 1 == Fraction(1, 2):
            assert Fraction(value) == exact + step / 2 or Fraction(value) == 100 - step
