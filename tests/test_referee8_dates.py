"""Referee 8 (8a, 8b): dates and kinds of figure, fixed by kind.

Each test builds small synthetic rows that would fail if the kind returned: a relative year word (今年) left in a
rendered date (R8a-1); "latest" decided by a year-only page read as 31 December, and that day published in a chart
CSV (R8a-3); a year inferred from an estimated document date said as if the date were known (R8a-14); a stock
dated with a span (R8a-12, R8b-5/-12/-16); a year-to-date tally printed as a running total (R8b-8/-25); a day range
written without its year (R8b-24); the curated kind overridden by the indicator's default (R8a-21); and the methods
text stating one date rule in Chinese and another in English (R8b-21/-27). A few checks run over the real clean table.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from swtoolkit import labels
from swtoolkit.cleaning.dates import parse_date
from swtoolkit.cleaning.rows import date_interval
from swtoolkit.models import comparability as cmp
from swtoolkit.reports import phrasing
from swtoolkit.reports.content import date_at_precision, latest_of_each, methods_items
from tests.test_semantics import _row

CLEAN = Path(__file__).resolve().parents[1] / "data" / "clean" / "figures.csv"


def _registrants(fid: str, value: float, date: str, **kw) -> dict:
    """Exam registrants (a yearly flow) of one province, dated by a page of known date unless ``kw`` says not."""
    base = dict(basis="document", kind="actual", indicator="exam_registrants", ref_date_precision="period",
                date_estimated=False, region_code="330000")
    base.update(kw)
    return _row(fid, value, date, **base)


# ---- R8a-1: relative years are said as years ------------------------------------------------------------------

def test_this_year_is_said_as_the_year_of_the_document():
    row = _registrants("W900-01", 6000, "2022-11-22", date_as_written="今年")
    zh, en = phrasing.figure_date(row), phrasing.figure_date(row, "en")
    assert zh == "2022年（至文件日期2022年11月）", zh
    assert en.startswith("in 2022") and "this year" not in en, en
    page_of_a_year = {**row, "ref_date": "2008-12-31", "ref_date_low": "2008-01-01", "ref_date_high": "2008-12-31"}
    assert phrasing.figure_date(page_of_a_year).startswith("2008年（至文件日期"), phrasing.figure_date(page_of_a_year)


def test_a_relative_year_from_an_estimated_document_date_says_so():
    row = _registrants("W900-01", 408, "2022-07-31", date_as_written="今年", date_estimated=True,
                       ref_date_low="2022-07-01")
    zh = phrasing.figure_date(row)
    assert zh.startswith("2022年") and "估计" in zh and "约2022年7月" in zh and "今年" not in zh, zh
    assert "estimate" in phrasing.figure_date(row, "en")


def test_no_rendered_date_of_the_real_data_keeps_a_relative_year_word():
    clean = pd.read_csv(CLEAN, dtype=str, keep_default_na=False)
    bad = [f"{r['figure_id']} {d}" for r in clean.to_dict("records")
           for d in (phrasing.figure_date(r), phrasing.figure_point(r)) if re.search("今年|去年|本年|前年", d)]
    assert not bad, bad


# ---- R8a-14: a year from an estimated document date is an estimate ----------------------------------------------

def test_a_day_without_its_year_in_a_document_of_estimated_date_is_an_estimate():
    named = _row("S900-000002", 10, "2021-12-01", kind="increment", indicator="leading_talents_provincial",
                 date_as_written="12 月 1 日", date_flag="year taken from the document", ref_date_precision="day",
                 date_estimated=True)
    for words in (phrasing.figure_date(named), phrasing.figure_point(named)):
        assert "年份据文件日期推定" in words and "估计" in words, words
    known = {**named, "date_estimated": False}
    assert "估计" not in phrasing.figure_date(known) and "年份据文件日期推定" in phrasing.figure_date(known)
    assert "estimate" in phrasing.figure_date(named, "en") and "estimate" not in phrasing.figure_date(known, "en")


def test_the_cleaner_marks_a_year_taken_from_an_estimated_document_as_estimated():
    estimated = pd.Series({"pub_date_note": "estimate: from the events reported", "pub_date_precision": "month"})
    known = pd.Series({"pub_date_note": "", "pub_date_precision": "day"})
    ref = ("2021-12-01", "day", "year taken from the document")
    assert date_interval("12 月 1 日", ref, dt.date(2021, 12, 31), estimated, "increment")[3] is True
    assert date_interval("12 月 1 日", ref, dt.date(2021, 12, 31), known, "increment")[3] is False


# ---- R8b-24: a meeting's days without their year ---------------------------------------------------------------

def test_a_day_range_within_one_month_is_read_and_keeps_its_inferred_year():
    parsed = parse_date("8 月 15 日至 16 日", dt.date(2022, 8, 31))
    assert parsed.ref_date == dt.date(2022, 8, 16) and parsed.start == dt.date(2022, 8, 15)
    assert "year taken from the document" in parsed.flag
    assert "year taken from the document" not in parse_date("2022年8月15日至16日", dt.date(2022, 8, 31)).flag


# ---- R8a-3: "latest" and published dates use date intervals -----------------------------------------------------

def _year_page(fid: str = "W900-01", value: float = 86000) -> dict:
    """A figure of a page dated to its year only (2018): it lies anywhere in 2018."""
    return _registrants(fid, value, "2018-12-31", ref_date_low="2018-01-01", ref_date_high="2018-12-31",
                        date_as_written="日前")


def test_a_year_only_page_never_beats_a_dated_statement_of_that_year():
    page, june = _year_page(), _registrants("W901-01", 84000, "2018-06-11", date_as_written="2018年")
    assert not cmp.certainly_later(page, june) and not cmp.certainly_later(june, page)
    assert cmp.latest([page, june])["figure_id"] == "W901-01"  # the narrower date, never the invented 31 Dec
    shown = latest_of_each(pd.DataFrame([page, june]))
    assert set(shown["figure_id"]) == {"W900-01", "W901-01"}  # a tie stays a tie: both shown
    later = _registrants("W902-01", 90000, "2019-03-05", ref_date_low="2019-03-01", ref_date_high="2019-03-31")
    assert cmp.latest([page, june, later])["figure_id"] == "W902-01"
    assert set(latest_of_each(pd.DataFrame([page, june, later]))["figure_id"]) == {"W902-01"}


def test_published_dates_carry_their_precision():
    assert date_at_precision(_year_page()) == ("2018", "year")
    assert date_at_precision(_registrants("W901-01", 84000, "2018-06-11")) == ("2018-06-11", "day")
    month = _registrants("W903-01", 1, "2022-07-31", ref_date_low="2022-07-01")
    assert date_at_precision(month) == ("2022-07", "month")
    undated = _row("W904-01", 1, "2022-07-31", basis="undated")
    assert date_at_precision(undated) == ("/2022-07-31", "before")
    stated_year = _row("W905-01", 1, "2021-12-31", ref_date_precision="year", date_as_written="2021年")
    assert date_at_precision(stated_year) == ("2021", "year")
    flow_year = _row("W906-01", 1, "2021-12-31", kind="increment", period_start="2021-01-01",
                     ref_date_precision="year", date_as_written="2021年")
    assert date_at_precision(flow_year) == ("2021", "year")
    assert date_at_precision(_row("W907-01", 1, "2022-06-30", date_as_written="截至2022年6月底")) == \
        ("2022-06-30", "day")


# ---- R8a-12, R8b-5/-12/-16: a stock is dated at a point ---------------------------------------------------------

def test_a_stock_reached_over_a_plan_period_is_at_the_plans_end():
    stock = _row("S900-000001", 353, "2020-12-31", indicator="sw_organisations", ref_date_precision="period",
                 date_as_written="“十三五”时期")
    assert phrasing.figure_date(stock) == "截至2020年底（“十三五”末）"
    assert phrasing.figure_point(stock) == "2020年底"
    assert "five-year plan" in phrasing.figure_date(stock, "en") and phrasing.figure_date(stock, "en").startswith("at")
    running = {**stock, "kind": "cumulative"}  # a running total over the plan keeps its period
    assert phrasing.figure_date(running).startswith("“十三五”时期")


def test_a_stock_counted_since_a_start_is_at_the_documents_date():
    for indicator in ("station_operators", "pilot_stations", "township_stations"):
        stock = _row("S900-000001", 3, "2022-07-31", basis="document", indicator=indicator,
                     date_as_written="2021年以来", ref_date_low="2022-07-01", ref_date_precision="period")
        zh = phrasing.figure_date(stock)
        assert zh.startswith("截至文件日期") and "以来" not in zh, zh
    running = {**stock, "kind": "cumulative", "indicator": "funding_talent"}  # a running total keeps its start
    assert phrasing.figure_date(running).startswith("2021年以来")


def test_a_stock_stated_for_a_year_is_at_the_years_end_and_a_flow_is_the_year():
    stock = _row("S900-000001", 112, "2021-12-31", indicator="township_stations", ref_date_precision="year",
                 date_as_written="2021年")
    assert phrasing.figure_date(stock) == "截至2021年底" and phrasing.figure_point(stock) == "2021年底"
    assert phrasing.figure_date(stock, "en") == "at end-2021"
    flow = {**stock, "kind": "increment", "period_start": "2021-01-01"}
    assert phrasing.figure_date(flow) == "2021年"


def test_no_real_stock_is_dated_with_a_span():
    clean = pd.read_csv(CLEAN, dtype=str, keep_default_na=False)
    bad = [f"{r['figure_id']} {phrasing.figure_date(r)}" for r in clean.to_dict("records")
           if phrasing.is_stock(r) and r["date_basis"] in ("stated", "document")
           and re.search(r"以来|时期|年来|（至文件日期|^\d{4}年$", phrasing.figure_date(r))]
    assert not bad, bad


# ---- R8b-8/-25: a tally of the document's own year keeps the year ------------------------------------------------

def test_a_year_to_date_tally_keeps_its_year():
    for kind, indicator in (("cumulative", "assistance_screened_households"), ("ratio", "training_satisfaction"),
                            ("cumulative", "township_stations")):
        row = _row("S900-000001", 18838, "2022-07-31", basis="document", kind=kind, indicator=indicator,
                   date_as_written="2022 年", ref_date_low="2022-07-01", ref_date_precision="period")
        zh = phrasing.figure_date(row)
        assert zh.startswith("2022年（至文件日期") and "截至" not in zh, (kind, zh)
        assert phrasing.figure_date(row, "en").startswith("in 2022")


# ---- R8a-21: the curated kind wins over the indicator's default ---------------------------------------------------

def test_a_running_total_of_a_flow_indicator_is_a_running_total():
    pooled = _row("W900-07", 1.6e8, "2021-06-10", basis="document", kind="cumulative", indicator="funding_total",
                  unit="yuan", date_as_written="截至目前")
    assert labels.kind_label(pooled) == labels.KINDS["cumulative"]
    assert not phrasing.is_flow(pooled)
    assert phrasing.figure_date(pooled).startswith("截至文件日期")
    spent = {**pooled, "kind": "actual"}
    assert labels.kind_label(spent) == labels.MEASURE_KINDS["flow"]


def test_real_curated_running_totals_are_not_typed_by_the_indicator():
    clean = pd.read_csv(CLEAN, dtype=str, keep_default_na=False).set_index("figure_id")
    assert clean.loc["WP030-07", "kind"] == "cumulative"
    assert clean.loc["WP048-04", "kind"] == "increment"  # posts developed during 2018 (R8a-11)
    for fid, year in (("WP041-01", "2021"), ("WP027-01", "2024"), ("WP027-02", "2024")):
        assert clean.loc[fid, "date_basis"] != "undated" and phrasing.figure_date(clean.loc[fid].to_dict()) \
            .startswith(f"{year}年"), fid


# ---- R8b-21/-27: one date rule, in both languages -----------------------------------------------------------------

def test_the_methods_state_one_date_rule_in_both_languages():
    items = methods_items(dt.date(2026, 11, 30))
    at = next(n for n, i in enumerate(items) if i.startswith("日期按精度表述"))
    rule = [i.partition("。 ") for i in items[at:at + 2]]  # the rule and its undated half, each zh then en
    zh, en = " ".join(r[0] for r in rule), " ".join(r[2] for r in rule)
    for words_zh, words_en in (("今年", "this/last year"), ("目前", "目前"), ("估计", "estimate"),
                               ("有注明日期的数字时", "while a dated figure exists"), ("存量", "stock"),
                               ("日期区间", "date intervals")):
        assert words_zh in zh and words_en in en, (words_zh, words_en)
    as_of = " ".join(i for i in items if "数据截至" in i)
    assert "期间量（新增数、报考人数）" in as_of and "奖励标准）不决定" in as_of and "a reward)" not in as_of


def test_a_year_only_page_never_sets_a_later_data_as_of_date():
    page = _row("W900-02", 26413, "2018-12-31", basis="document", ref_date_low="2018-01-01",
                ref_date_high="2018-12-31", indicator="certified_social_workers", date_as_written="目前")
    june = _row("W901-05", 26000, "2018-06-30", indicator="certified_social_workers",
                date_as_written="截至2018年6月底")
    assert cmp.as_of_figure([page, june], ["certified_social_workers"])["figure_id"] == "W901-05"
    later = {**june, "figure_id": "W902-05", "ref_date": "2019-03-31", "ref_date_low": "2019-03-31",
             "ref_date_high": "2019-03-31"}
    assert cmp.as_of_figure([page, june, later], ["certified_social_workers"])["figure_id"] == "W902-05"
    from swtoolkit.reports.content import latest_other_dated

    as_of = {**june, "ref_date": "2017-12-31"}  # a page of 2018 may be January 2018: not certainly a quarter later
    assert latest_other_dated([page], as_of) is None
    assert latest_other_dated([page], {**june, "ref_date": "2017-06-30"})["figure_id"] == "W900-02"


def test_real_years_taken_from_an_estimated_document_date_say_estimate():
    root = CLEAN.parents[2]
    sources = pd.read_csv(root / "data" / "raw" / "sources.csv", dtype=str, keep_default_na=False)
    estimated = set(sources.loc[sources["pub_date_note"].str.startswith("estimate"), "source_id"])
    clean = pd.read_csv(CLEAN, dtype=str, keep_default_na=False)
    rows = clean[clean["source_id"].isin(estimated) & clean["date_flag"].str.contains("year taken from the document")]
    assert not rows.empty
    bad = [f"{r['figure_id']} {phrasing.figure_date(r)}" for r in rows.to_dict("records")
           if r["date_estimated"] != "True" or "估计" not in phrasing.figure_date(r)]
    assert not bad, bad


def test_figures_whose_dates_cannot_be_ordered_are_told_apart_from_same_date_ties():
    from swtoolkit.reports.content import tied_latest

    page, june = _year_page(), _registrants("W901-01", 84000, "2018-06-11", date_as_written="2018年")
    frame = pd.DataFrame([page, june])
    assert tied_latest(frame).empty
    assert set(tied_latest(frame, same_date=False)["figure_id"]) == {"W900-01", "W901-01"}
    assert tied_latest(frame, [{"W900-01", "W901-01"}], same_date=False).empty  # a recorded conflict: one fact
    same_day = pd.DataFrame([june, {**june, "figure_id": "W902-01", "value": 1000.0, "subset": ""}])
    assert set(tied_latest(same_day)["figure_id"]) == {"W901-01", "W902-01"}
    assert tied_latest(same_day, same_date=False).empty
