"""Figures as written → value and honest interval: a table of tricky forms and property tests."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from swtoolkit.cleaning.numbers import (
    PREFIX_QUALIFIERS,
    SUFFIX_QUALIFIERS,
    ParsedValue,
    _fast_parse,
    apply_separate_qualifier,
    parse_value,
    parse_values,
)
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
    ("10万+人", 100000, 100000, None, "at_least", False),  # web style: the figure or more, then its unit
    ("5人*", 5, 5, 5, "exact", False),  # a footnote marker closing the figure after its unit
    ("3393人[1]", 3393, 3393, 3393, "exact", False),
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


# ---- parse_values: many strings at once, with a column-wise fast path for the common Arabic forms ------------------
def _same_as_parse_value(texts: list[str]) -> None:
    """parse_values gives, for every string, exactly what parse_value gives (or the error it raises)."""
    table = parse_values(pd.Series(texts, dtype="str"))
    assert list(table.index) == list(range(len(texts)))
    for text, row in zip(texts, table.itertuples(), strict=True):
        try:
            expected = parse_value(text)
        except Exception as exc:  # noqa: BLE001 - the same exception must come back in the error column
            assert type(row.error) is type(exc) and str(row.error) == str(exc), text
            continue
        assert row.error is None, (text, row.error)
        bounds = [None if pd.isna(v) else v for v in (row.value, row.low, row.high)]
        got = ParsedValue(*bounds, row.qualifier, row.unit_as_written, bool(row.is_percent))
        assert got == expected, text
        assert all(type(g) is type(e) for g, e in zip(bounds, (expected.value, expected.low, expected.high),
                                                      strict=True)), text


DIGITS = "0123456789"
SPACES = ["", "", "", " ", "  ", ",", "\u3000", "\t"]
UNITS = ["", "人", "名", "个", "元", "人次", "平方米", "小时", "户", "家", "%", "％", "成", "人/站", "个村（社区）",
         "至", "到人", "十个", "两名", "余人", "多个", "万元", "a", ".", "人1"]


@st.composite
def written_figures(draw) -> str:
    """Strings shaped like figures as written: [prefix] digits [.digits] [余|多] [万|亿|千] [余|多] unit [suffix],
    with spaces, commas and odd pieces in between, so both the fast form and its near misses come up."""
    pieces = [
        draw(st.sampled_from(["", "", "", *PREFIX_QUALIFIERS])),
        draw(st.text(DIGITS, min_size=1, max_size=11)),
        draw(st.one_of(st.just(""), st.text(DIGITS, max_size=8).map(lambda d: "." + d))),
        draw(st.sampled_from(["", "", "余", "多"])),
        draw(st.sampled_from(["", "", "万", "亿", "千"])),
        draw(st.sampled_from(["", "", "", "余", "多"])),
        draw(st.sampled_from(UNITS)),
        draw(st.sampled_from(["", "", "", *SUFFIX_QUALIFIERS])),
    ]
    return "".join(piece + draw(st.sampled_from(SPACES)) for piece in pieces)


FIGURE_CHARS = DIGITS + ".,% 万亿千余多超过近约不少于低以上下内左右人个名元次至到成两十—-~①²，+"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(written_figures(), st.text(FIGURE_CHARS, min_size=1, max_size=12)),
                min_size=1, max_size=40, unique=True))
def test_parse_values_agrees_with_parse_value(texts):
    _same_as_parse_value(texts)


def test_parse_values_on_the_tricky_forms_and_refusals():
    texts = [row[0] for row in TRICKY] + ["600—1000元", "1-2名", "2.5-3万元", "200 至 600元", "十四五", "“十三五”",
                                          "首家", "两市三县", "万人", "", "abc", "超过20余人以上", "1,234人"]
    _same_as_parse_value(texts)


def test_fast_path_takes_the_common_arabic_forms():
    common = ["19442人", "149.2 万人", "1100多万元", "1.2万余个", "20余人", "超过 2万人", "2 万人以上", "不少于 2 万元",
              "近3000人", "约 500人", "63.7%", "5%以内", "1.38亿小时", "0.3万元", "10855 人", "1,234人", "3千元"]
    assert len(_fast_parse(pd.Series(common, dtype="str"))) == len(common)
    _same_as_parse_value(common)


def test_fast_path_character_assumptions():
    """The fast path takes ASCII digits . , % space and CJK U+4E00-U+9FFF only because NFKC leaves them alone and
    the space is the only one \\s matches: then _normalise is just dropping spaces and commas."""
    import re
    import unicodedata

    chars = [chr(c) for c in range(0x4E00, 0xA000)] + list("0123456789.,% ")
    assert all(unicodedata.normalize("NFKC", ch) == ch for ch in chars)
    assert [ch for ch in chars if re.fullmatch(r"\s", ch)] == [" "]


# ---- malformed figures: refused, never read as another number ----------------------------------------------------
MALFORMED = [
    "12 34人", "1 000人", "7. 93万人",  # a space inside the digits
    "7²人", "①3393人", "3393①人", "½人", "Ⅻ人", "٣٣人",  # numeral signs that are not digits (NFKC makes some digits)
    "0" * 400 + "人", "1" + "0" * 400 + "人", "1" + "0" * 20 + "人", "一" * 300 + "人",  # too long, too many digits
    "1e25人", "1E25人", "１ｅ２５人", "100000亿元", "2000万亿元",  # exponents; at or above MAX_VALUE
    "0012人", "01-2万",  # leading zeros
    "1,2人", "1234,567人", "1.5,000人", "3，393人", ",5人",  # commas that are not thousands separators
    "10+万人", "5*人", "2至3+", "超过10万+",  # signs before the unit; a closing + beside a qualifier word
]


@pytest.mark.parametrize("written", MALFORMED)
def test_malformed_figures_are_refused(written):
    with pytest.raises(ValueParseError):
        parse_value(written)


def test_malformed_figures_are_refused_by_the_fast_path_too():
    fine = ["1,234人", "12,345,678元", "7.93 万人", "0.5万元", "0", "99999亿元", "４８６４平方 米", "超过 2万人"]
    table = parse_values(pd.Series(MALFORMED + fine, dtype="str"))
    assert table["error"].iloc[:len(MALFORMED)].map(lambda e: isinstance(e, ValueParseError)).all()
    assert table["error"].iloc[len(MALFORMED):].isna().all()
    _same_as_parse_value(MALFORMED + fine)


def test_the_largest_figure_allowed():
    from swtoolkit.cleaning.numbers import MAX_VALUE

    assert parse_value("99999亿元").value == 9_999_900_000_000 < MAX_VALUE
    with pytest.raises(ValueParseError, match="too large"):
        parse_value("100000亿元")
