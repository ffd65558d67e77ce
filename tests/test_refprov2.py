"""Referee refprov, second reading (issue 11): the web-only province reports against their stored pages."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from swtoolkit.cleaning.dates import parse_date
from swtoolkit.cleaning.rows import date_interval

ESTIMATED = pd.Series({"pub_date_note": "estimate from the address", "pub_date_precision": "month"})
KNOWN = pd.Series({"pub_date_note": "", "pub_date_precision": "day"})


@pytest.mark.parametrize("phrase", ["年底前", "年底", "年末", "今年年底"])
def test_a_target_for_the_documents_own_year_end_is_an_estimate_where_the_document_date_is(phrase):
    """A goal 'by the year's end' takes its year from the page: on a page of estimated date the year is estimated
    too, so the report says 年份据文件日期推定 (Tianjin's coverage goal, WP080-05); a page of known date does not."""
    doc = dt.date(2022, 3, 1)
    parsed = parse_date(phrase, doc)
    ref = (parsed.ref_date.isoformat(), parsed.precision, parsed.flag)
    basis, low, high, estimated = date_interval(phrase, ref, doc, ESTIMATED, "target")
    assert (basis, low, high, estimated) == ("plan", "2022-12-31", "2022-12-31", True)
    assert date_interval(phrase, ref, doc, KNOWN, "target")[3] is False


def test_a_written_target_year_is_not_an_estimate():
    doc = dt.date(2022, 3, 1)
    parsed = parse_date("2023年年底", doc)
    ref = (parsed.ref_date.isoformat(), parsed.precision, parsed.flag)
    assert date_interval("2023年年底", ref, doc, ESTIMATED, "target")[3] is False


def _target(written: str, flag: str, estimated: bool) -> dict:
    return {"figure_id": "WX002-01", "date_basis": "plan", "ref_date": "2022-12-31", "ref_date_low": "2022-12-31",
            "ref_date_high": "2022-12-31", "ref_date_precision": "year", "kind": "target", "target_type": "level",
            "target_year": "2022", "indicator": "township_station_coverage", "date_as_written": written,
            "date_flag": flag, "date_estimated": str(estimated)}


@pytest.mark.parametrize("written,flag", [("年底前", "年底前: end of the document's year"),
                                          ("今年", "今年: the document's year so far")])
def test_a_target_year_taken_from_the_page_is_said_to_be_so(written, flag):
    """A target's year that the page does not write is said to come from the document's date, and to be an
    estimate where that date is one: never a bare 到2022年 as if the page had written the year."""
    from swtoolkit.reports.phrasing import figure_date

    assert figure_date(_target(written, flag, True)) == "到2022年（年份据文件日期推定，文件日期为估计）"
    assert figure_date(_target(written, flag, True), "en") == (
        "by 2022 (year inferred from the document's date, itself an estimate)")
    assert figure_date(_target(written, flag, False)) == "到2022年（年份据文件日期推定）"
    assert figure_date(_target("到2022年", "", True)) == "到2022年"


def test_a_goal_for_part_of_a_region_is_never_measured_against_the_whole():
    """Tianjin's goal covers 11 of its 16 districts (a subset): no gap to it from a city-wide coverage level, and
    no gap from a part to a city-wide goal either."""
    from swtoolkit.models.comparability import gap_gate

    whole = {"figure_id": "WX003-01", "indicator": "township_station_coverage", "kind": "actual", "scope": "",
             "subset": "", "place": "", "value": "60", "ref_date": "2022-03-31", "date_basis": "stated",
             "ref_date_low": "2022-03-31", "ref_date_high": "2022-03-31", "unit_as_written": ""}
    goal = {**_target("年底前", "年底前: end of the document's year", True), "value": "100", "scope": "",
            "place": "", "unit_as_written": "",
            "subset": "Binhai New Area, six city-centre and four surrounding districts only (11 of 16)"}
    decision = gap_gate(whole, goal)
    assert not decision.allowed and "part of the region" in decision.rule
    part = {**whole, "subset": goal["subset"]}
    assert not gap_gate(part, {**goal, "subset": ""}).allowed
    assert gap_gate(whole, {**goal, "subset": ""}).allowed


def test_a_chart_caption_ending_on_a_meetings_span_of_days_names_its_month():
    """A coverage stated at a two-day meeting (8月15日至16日, year from an estimated page) may end a chart of
    provinces: the caption names its month, marked estimated, and the build does not stop on the span (the
    comparison report failed once Shandong's October 2023 coverage moved the chosen set)."""
    from swtoolkit.reports.content import chart_span

    meeting = {"ref_date": "2022-08-16", "ref_date_low": "2022-08-15", "ref_date_high": "2022-08-16",
               "period_start": "", "date_basis": "stated", "ref_date_precision": "day", "date_estimated": "True",
               "date_as_written": "8 月 15 日至 16 日", "kind": "ratio", "indicator": "township_station_coverage",
               "date_flag": "8月15日至16日: period ending 2022-08-16; year taken from the document"}
    later = {**meeting, "ref_date": "2022-09-30", "ref_date_low": "2022-09-30", "ref_date_high": "2022-09-30",
             "date_as_written": "截至9月底", "date_estimated": "False", "date_flag": ""}
    assert chart_span([meeting]) == "约2022年8月"
    assert chart_span([meeting, later]) == "约2022年8月至2022年9月"
    assert chart_span([later, meeting], "en") == "about August 2022 to September 2022"
