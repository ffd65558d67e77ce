"""Figures and dates written in English are read by the Chinese grammar, with the same meaning (review 'english').

The clean step refused every figure or date in Latin letters, so located figures were lost and five province reports
led with figures 11-14 years old (fresh editor, item 13). These tests fail if an English figure is refused again,
or read at another scale, with another bound or at another date than its Chinese equivalent.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit.cleaning.checks import refusal_reason
from swtoolkit.cleaning.dates import english_date, parse_date
from swtoolkit.cleaning.numbers import parse_value, written_as_fraction
from swtoolkit.cleaning.pipeline import load, process
from swtoolkit.cleaning.rounding import rounding_interval
from swtoolkit.errors import DateParseError, ValueParseError


def _read(written: str, kind: str = "actual") -> tuple:
    """(value, low, high, qualifier, unit, percent) after the rounding rule, as clean stores a figure."""
    p = parse_value(written)
    low, high, qualifier = rounding_interval(written, p.value, p.low, p.high, p.qualifier, kind)
    return p.value, low, high, qualifier, p.unit_as_written, p.is_percent


# ---- numbers: each English form reads exactly as its Chinese equivalent -----------------------------------------
@pytest.mark.parametrize(("english", "chinese"), [
    ("over 20,000", "超过20000"),            # over → 超过: a lower bound, open above
    ("Over 326,000", "超过326000"),
    ("more than 660,000", "超过660000"),
    ("around 424,500", "约424500"),          # around / about → 约: no bound
    ("about 200,000", "约200000"),
    ("approximately 3,000", "约3000"),
    ("Nearly 1.89 million", "近189万"),      # nearly → 近: just under, with 近's rounding width
    ("almost 400", "近400"),
    ("1.16 million", "116万"),               # rounded to its last written digit, as 116万 is
    ("1.161 million", "116.1万"),
    ("2 million", "200万"),
    ("27.6 percent", "27.6%"),
    ("26 percent", "26%"),
    ("5.11 billion yuan", "51.1亿元"),
    ("over 1.3 billion yuan", "超过13亿元"),
    ("over 1.8 billion元", "超过18亿元"),    # a unit the curator declared (header_unit=元) after the English
    ("over 20,000人", "超过20000人"),
    ("312,089个", "312089个"),
])
def test_an_english_figure_reads_as_its_chinese_equivalent(english, chinese):
    for kind in ("actual", "target"):
        assert _read(english, kind) == _read(chinese, kind), (english, kind)


def test_bounds_and_scales_are_the_written_ones():
    assert _read("over 20,000") == (20000.0, 20000.0, None, "more_than", "", False)
    value, low, high, qualifier, _, _ = _read("Nearly 1.89 million")
    assert (value, low, high, qualifier) == (1_890_000.0, 1_880_000.0, 1_890_000.0, "at_most")
    assert _read("1.161 million")[:4] == (1_161_000.0, 1_160_500.0, 1_161_500.0, "rounded")
    assert _read("5.11 billion yuan")[0] == 5_110_000_000.0
    assert _read("around 424,500")[1:4] == (None, None, "approx")
    assert not written_as_fraction("1.161 million")  # whole persons, not a fraction of one


@pytest.mark.parametrize(("written", "why"), [
    ("208 mil", "Portuguese"),               # Portuguese mil is a thousand, an English abbreviation of a million
    ("mais de 1 milhão", "Portuguese"),
    ("mais de 3 mil", "Portuguese"),
    ("3 thousand", "'thousand'"),           # a word outside the table: never read at a guessed scale
    ("up to 5,000", "'up', 'to'"),
    ("1.50 million", "ends in 0"),          # written to the 10,000; 150万 would read the 100,000
    ("1,2 million", "not in the order"),
    ("over 20,000 or so", "'or', 'so'"),
])
def test_english_not_fully_understood_stays_refused_with_its_reason(written, why):
    with pytest.raises(ValueParseError, match=why):
        parse_value(written)


# ---- dates: each English phrase reads as its Chinese equivalent ---------------------------------------------------
@pytest.mark.parametrize(("english", "chinese", "kind"), [
    ("By the end of 2017", "截至2017年底", "actual"),
    ("by the end of 2027", "到2027年底", "target"),
    ("at the end of 2018", "2018年底", "actual"),
    ("end of 2015", "2015年底", "actual"),
    ("By 2015", "到2015年", "target"),
    ("in 2017", "2017年", "actual"),
    ("At present", "目前", "actual"),
    ("Currently", "目前", "actual"),
    ("current", "目前", "actual"),
    ("As of this year", "截至今年", "actual"),
    ("this year's", "今年", "actual"),
    ("Last year", "去年", "actual"),
    ("As of June 30", "截至6月30日", "actual"),
    ("By the end of the 13th Five-Year Plan period", "十三五末", "actual"),
])
def test_an_english_date_reads_as_its_chinese_equivalent(english, chinese, kind):
    doc = date(2022, 7, 15)
    en, zh = parse_date(english, doc, kind), parse_date(chinese, doc, kind)
    assert (en.ref_date, en.precision, en.start) == (zh.ref_date, zh.precision, zh.start), english
    assert (en.flag == "") == (zh.flag == "")
    if zh.flag:  # the flag keeps the Chinese rule's words (year taken from the document …) and names the English
        assert en.flag.startswith(english) and zh.flag.split(":")[-1].strip() in en.flag


@pytest.mark.parametrize(("written", "kind", "why"), [
    ("By 2015", "actual", "deadline"),       # said of an observed stock: up to 2015, or at its end?
    ("Over the course of the year", "actual", "without its number"),  # as 全年/当年, which are not read
    ("2016", "actual", "cannot read"),       # a bare year, as the Chinese grammar refuses 2016 without 年
    ("year on year", "actual", "comparison"),
    ("compared with 2023", "actual", "comparison"),
    ("até 2020", "target", "Portuguese"),
    ("sometime soon", "actual", "English date table"),
])
def test_english_dates_not_understood_stay_refused(written, kind, why):
    with pytest.raises(DateParseError, match=why):
        parse_date(written, date(2022, 7, 15), kind)


def test_the_chinese_grammar_refuses_what_the_english_table_refuses():
    """The English table reads nothing the Chinese grammar would refuse in Chinese."""
    for chinese in ("全年", "当年", "2016"):
        with pytest.raises(DateParseError):
            parse_date(chinese, date(2022, 7, 15))
    assert english_date("截至2017年底") == "截至2017年底"  # Chinese passes through untouched


def test_refusal_reasons_of_english_cells_are_true():
    """An English cell is no longer refused 'because it is English': a comparison is a comparison, an unread phrase
    a phrase the grammar does not read; Portuguese stays the language the grammar does not read."""
    d = "web/x.csv, row 2, column 'date_as_written': cannot read the date 'year on year': a comparison, not a " \
        "date (as 比去年) (value: 'year on year')"
    assert refusal_reason(d) == ("date_as_written", "date_comparison")
    d = "web/x.csv, row 2, column 'date_as_written': cannot read the date 'Over the course of the year': names " \
        "'the year' without its number (value: 'Over the course of the year')"
    assert refusal_reason(d) == ("date_as_written", "date")
    d = "web/x.csv, row 2, column 'value_as_written': cannot read '208 mil' as a figure: written in Portuguese " \
        "(value: '208 mil')"
    assert refusal_reason(d) == ("value_as_written", "foreign_language")


# ---- whole rows through the clean step --------------------------------------------------------------------------
def _one_row(root: Path, **cells: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    figures, sources, _ = load(root / "data" / "raw")
    pick = figures["indicator"].eq("certified_social_workers") & figures["kind"].eq("actual") \
        & figures["qualifier_as_written"].eq("")
    row = figures.loc[[int(figures.index[pick][0])]].reset_index(drop=True)
    for column, value in cells.items():
        row.loc[0, column] = value
    return row, sources


@pytest.mark.parametrize(("written", "notes", "low", "high", "qualifier"), [
    ("over 20,000", "header_unit=人; (unit given in words beside the figure)", 20000, None, "more_than"),
    ("1.16 million", "", 1_155_000, 1_165_000, "rounded"),
    ("Nearly 1.89 million", "", 1_880_000, 1_890_000, "at_most"),
])
def test_an_english_row_is_cleaned_at_its_scale_and_bound(root, written, notes, low, high, qualifier):
    row, sources = _one_row(root, value_as_written=written, notes=notes, date_as_written="By the end of 2017")
    out = process(row, sources, "figures.csv", texts={}).figures.iloc[0]
    assert out["qualifier"] == qualifier and out["value_low"] == low
    assert (pd.isna(out["value_high"]) if high is None else out["value_high"] == high)
    assert out["ref_date"] == "2017-12-31"


def test_a_plain_english_count_still_needs_its_unit(root):
    """'over 20,000' says no unit: as a bare 20000, the curator declares the unit the page gives beside it."""
    from swtoolkit.errors import RawDataError

    row, sources = _one_row(root, value_as_written="over 20,000", notes="")
    with pytest.raises(RawDataError, match="no unit written"):
        process(row, sources, "figures.csv", texts={})


def test_no_english_figure_of_the_data_is_refused_for_being_english(root):
    """Every refused web cell in Latin letters is Portuguese or refused for what it says (a comparison, a year
    without its number), never for its language."""
    checks = pd.read_csv(root / "data" / "clean" / "checks.csv", dtype=str, keep_default_na=False)
    for detail in checks.loc[checks["check"].eq("refused"), "detail"]:
        _, reason = refusal_reason(detail)
        if reason == "foreign_language":
            assert "Portuguese" in detail, detail
    refused = " ".join(checks.loc[checks["check"].eq("refused"), "figure_ids"])
    for fid in ("WP051-01", "WP051-02", "WP051-12", "WN013-02", "WN012-01", "WN011-01", "WP042-01", "WN020-01"):
        assert fid not in refused, fid


def test_an_undated_figure_left_beside_a_dated_one_is_named_never_called_earlier():
    """Beijing: the dated 11723 of 2012 is the latest the rule may choose; the undated over 20,000 of a 2018 page is
    not known to be earlier, so the key-figures note says 'undated', not only 'earlier or restated'."""
    from swtoolkit import regions
    from swtoolkit.cleaning.columns import CLEAN_COLUMNS
    from swtoolkit.reports.content import RegionReport

    def row(fid: str, value: float, low: float, high: float, qualifier: str, basis: str, ref: str,
            source: str = "WP025") -> dict:
        base = {c: "" for c in CLEAN_COLUMNS}
        base.update({"figure_id": fid, "source_id": source, "region_code": "110000",
                     "indicator": "certified_social_workers", "family": "certified_social_workers",
                     "value": value, "value_low": low, "value_high": high, "qualifier": qualifier,
                     "unit": "persons", "unit_as_written": "人", "value_as_written": str(value), "ref_date": ref,
                     "ref_date_precision": "month", "date_basis": basis, "date_estimated": False, "kind": "actual",
                     "ref_date_high": ref})
        return base

    def other(fid: str, indicator: str, unit: str) -> dict:  # more region-wide figures: a full report, not a brief
        r = row(fid, 50.0, 50.0, 50.0, "exact", "stated", "2012-10-31")
        r.update(indicator=indicator, family=indicator, unit=unit, unit_as_written="个")
        return r

    more = [other("S9004-01", "township_stations", "stations"), other("S9005-01", "sw_organisations", "organisations"),
            other("S9006-01", "sw_posts", "posts"), other("S9007-01", "village_stations", "stations")]
    dated = row("S9001-01", 11723.0, 11723.0, 11723.0, "exact", "stated", "2012-10-31")
    undated = row("S9002-01", 20000.0, 20000.0, float("nan"), "more_than", "undated", "2018-02-28", "WP051")
    report = RegionReport(regions.get("110000"), pd.DataFrame([dated, undated, *more], columns=CLEAN_COLUMNS),
                          results=None, draw_charts=False)
    text = str(report.key_figures())
    assert "未注明日期" in text and "undated" in text
    # the finding names the undated figure of the later document: never the latest, but it may be newer
    finding = " ".join(report.level_sentences())
    assert "另有未注明日期的超过2万人见于较晚的文件（2018年2月），可能更新" in finding
    assert "an undated figure, more than 20,000 persons, appears in a later document (February 2018)" in finding
    assert finding.index("11723") < finding.index("超过2万人")  # the dated level stays the finding's level
    earlier_page = {**undated, "ref_date": "2011-06-30", "ref_date_high": "2011-06-30"}
    quiet = RegionReport(regions.get("110000"), pd.DataFrame([dated, earlier_page, *more], columns=CLEAN_COLUMNS),
                         results=None, draw_charts=False)
    assert "较晚的文件" not in " ".join(quiet.level_sentences())
    older = row("S9003-01", 9000.0, 9000.0, 9000.0, "exact", "stated", "2011-10-31", "WP024")
    only_dated = RegionReport(regions.get("110000"), pd.DataFrame([dated, older, *more], columns=CLEAN_COLUMNS),
                              results=None, draw_charts=False)
    assert "较早或重复表述" in str(only_dated.key_figures())
