"""Figures as written → value and honest interval: a table of tricky forms and property tests."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swtoolkit.cleaning.numbers import apply_separate_qualifier, parse_value
from swtoolkit.errors import ValueParseError

# written, value, low, high, qualifier, percent
TRICKY = [
    ("19442人", 19442, 19442, 19442, "exact", False),
    ("149.2 万人", 1492000, 1492000, 1492000, "exact", False),
    ("1100多万元", 11000000, 11000000, None, "more_than", False),
    ("1.2万余个", 12000, 12000, None, "more_than", False),
    ("20余人", 20, 20, None, "more_than", False),
    ("30多个", 30, 30, None, "more_than", False),
    ("超过 2万人", 20000, 20000, None, "more_than", False),
    ("超 10 万人", 100000, 100000, None, "more_than", False),
    ("2 万人以上", 20000, 20000, None, "at_least", False),
    ("不少于 2 万元", 20000, 20000, None, "at_least", False),
    ("≥2 个", 2, 2, None, "at_least", False),
    ("近3000人", 3000, None, 3000, "at_most", False),
    ("约 500人", 500, None, None, "approx", False),
    ("近万余人", 10000, None, None, "approx", False),
    ("63.7%", 63.7, 63.7, 63.7, "exact", True),
    ("5%以内", 5, None, 5, "at_most", True),
    ("超九成", 90, 90, None, "more_than", True),
    ("全覆盖", 100, 100, 100, "exact", True),
    ("两名", 2, 2, 2, "exact", False),
    ("三个", 3, 3, 3, "exact", False),
    ("七所", 7, 7, 7, "exact", False),
    ("1.38亿小时", 138000000, 138000000, 138000000, "exact", False),
    ("0.3万元", 3000, 3000, 3000, "exact", False),
    ("10855 人", 10855, 10855, 10855, "exact", False),
]


@pytest.mark.parametrize(("written", "value", "low", "high", "qualifier", "percent"), TRICKY)
def test_tricky_forms(written, value, low, high, qualifier, percent):
    parsed = parse_value(written)
    assert parsed.value == pytest.approx(value)
    assert parsed.low == (None if low is None else pytest.approx(low))
    assert parsed.high == (None if high is None else pytest.approx(high))
    assert parsed.qualifier == qualifier
    assert parsed.is_percent is percent


@pytest.mark.parametrize(("written", "low", "high", "unit"), [
    ("600—1000元", 600, 1000, "元"),
    ("1-2名", 1, 2, "名"),
    ("2.5-3万元", 25000, 30000, "元"),
    ("200 至 600元", 200, 600, "元"),
])
def test_ranges_have_no_single_value(written, low, high, unit):
    parsed = parse_value(written)
    assert (parsed.value, parsed.low, parsed.high, parsed.qualifier) == (None, low, high, "range")
    assert parsed.unit_as_written == unit


@pytest.mark.parametrize("written", ["十四五", "“十三五”", "首家", "所有村（社区）", "两市三县", "万人", "", "abc"])
def test_not_figures_are_refused(written):
    with pytest.raises(ValueParseError):
        parse_value(written)


def test_separate_qualifier_turns_exact_into_bound():
    parsed = apply_separate_qualifier(parse_value("3 名"), "至少")
    assert (parsed.low, parsed.high, parsed.qualifier) == (3, None, "at_least")
    with pytest.raises(ValueParseError):
        apply_separate_qualifier(parse_value("3余名"), "至少")


@given(st.integers(min_value=0, max_value=10**9))
def test_integers_round_trip(n):
    assert parse_value(f"{n}人").value == n


@given(st.integers(min_value=1, max_value=99999), st.sampled_from(["万", "亿"]))
def test_magnitudes_multiply_out(n, magnitude):
    tenths = n / 10
    factor = 10**4 if magnitude == "万" else 10**8
    parsed = parse_value(f"{tenths:g}{magnitude}元")
    assert math.isclose(parsed.value, tenths * factor, rel_tol=1e-12)


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(["余", "多"]))
def test_more_than_never_invents_an_upper_bound(n, word):
    parsed = parse_value(f"{n}{word}人")
    assert parsed.low == n and parsed.high is None and parsed.qualifier == "more_than"


@given(st.integers(min_value=1, max_value=99999))
def test_chinese_numerals_agree_with_arabic(n):
    import cn2an

    assert parse_value(cn2an.an2cn(n) + "个").value == n
