"""Referee 4, R4-14 and R4-30: figures the cleaner leaves out are said in the reports, date phrases whose meaning is
certain are read, and a page's release type follows one rule (small synthetic rows; the real data must pass)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from swtoolkit.cleaning.checks import REFUSAL_REASONS, refusal_reason, refusals
from swtoolkit.cleaning.dates import parse_date
from swtoolkit.cleaning.web import WEB_SOURCE_COLUMNS, release_type_problems, site_of
from swtoolkit.errors import DateParseError

DOC = date(2022, 11, 15)


# -- date phrases whose meaning is certain ------------------------------------------------------------------------
@pytest.mark.parametrize(("written", "expected", "precision"), [
    ("截至9月底", date(2022, 9, 30), "month"),  # the year is the document's: the month's end is before it
    ("9月末", date(2022, 9, 30), "month"),
    ("如今", DOC, "period"),  # "nowadays", like 目前
    ("累計", DOC, "period"),  # a running total with no end named: up to when the document speaks
    ("2010年开始", DOC, "period"),  # since 2010, up to the document
    ("（2011-2020年）", date(2020, 12, 31), "period"),  # brackets are not part of the phrase
])
def test_certain_phrases_are_read(written, expected, precision):
    parsed = parse_date(written, DOC)
    assert (parsed.ref_date, parsed.precision) == (expected, precision)


@pytest.mark.parametrize("written", [
    "截至12月底",  # the month's end of the document's year is after the document: another year is not written
    "2019年度累计",  # a year's running total: its end is not certain
    "2022年度累計",  # even in the document's own year (the same national figures came out at end-2018: R5-1)
    "5年前", "比去年", "年",  # approximate or not a date
])
def test_uncertain_phrases_stay_refused(written):
    with pytest.raises(DateParseError):
        parse_date(written, DOC)


# -- refusals: region, indicator and reason -----------------------------------------------------------------------
def _check(fid, region, indicator, detail):
    return {"check": "refused", "status": "refused", "region_code": region, "indicator": indicator, "ref_date": "",
            "figure_ids": fid, "detail": detail, "explanation": ""}


CHECKS = pd.DataFrame([
    _check("WX001-01", "440000", "certified_social_workers",
           "web/x.csv, row 2, column 'value_as_written': cannot read 'over 60,000' as a figure (value: 'over 60,000')"),
    _check("WX001-02", "440000", "township_station_coverage",
           "web/x.csv, row 3, column 'value_as_written': unit mismatch: '覆盖' is not a unit (value: '100%覆盖')"),
    _check("WX001-03", "440000", "", "web/x.csv, row 4, column 'indicator': not a key of the codebook "
                                     "(value: 'certified_growth')"),
    _check("WX002-01", "420000", "exam_registrants",
           "web/x.csv, row 5, column 'date_as_written': cannot read the date '5年前' (value: '5年前')"),
    {"check": "conflict", "status": "explained", "region_code": "440000", "indicator": "sw_organisations",
     "ref_date": "2020-12-31", "figure_ids": "A B", "detail": "different values", "explanation": "x"},
])


def test_refusal_reasons_come_from_the_column_and_the_written_value():
    # English is read (cleaning.numbers.english_figure): an English value refused is a value the grammar does not
    # read, not a foreign language; Portuguese is (review english)
    assert refusal_reason(CHECKS["detail"][0]) == ("value_as_written", "value")
    assert refusal_reason("web/x.csv, row 2, column 'value_as_written': cannot read '208 mil' as a figure "
                          "(value: '208 mil')") == ("value_as_written", "foreign_language")
    # 覆盖 after 100% is no unit at all, not a unit of another kind (referee 10a R10a-9)
    assert refusal_reason(CHECKS["detail"][1]) == ("value_as_written", "not_a_unit")
    assert refusal_reason("web/x.csv, row 3, column 'value_as_written': unit mismatch: '人次' is not a unit "
                          "(value: '300人次')") == ("value_as_written", "unit")
    assert refusal_reason(CHECKS["detail"][2]) == ("indicator", "indicator_key")
    assert refusal_reason(CHECKS["detail"][3]) == ("date_as_written", "date")
    assert refusal_reason("no column named") == ("", "other")
    assert {refusal_reason(d)[1] for d in CHECKS["detail"]} <= set(REFUSAL_REASONS)


def test_refusals_are_the_regions_own_refused_rows():
    mine = refusals(CHECKS, "440000")
    assert list(mine["figure_id"]) == ["WX001-01", "WX001-02", "WX001-03"]  # not the conflict, not Hubei's
    assert list(refusals(CHECKS, "310000")["figure_id"]) == []
    assert refusals(pd.DataFrame(), "440000").empty


def test_refused_rows_carry_the_region_and_indicator_they_were_collected_for():
    from swtoolkit.cleaning.pipeline import _refused_subject

    assert _refused_subject(pd.Series({"region_as_written": "Guangdong", "indicator": "certified_social_workers"})) \
        == ("440000", "certified_social_workers")
    assert _refused_subject(pd.Series({"region_as_written": "全省（推定青海）", "indicator": "exam_pass_rate"})) \
        == ("", "")  # an inferred region and a proposed key are not guessed


# -- the reports say what was left out ----------------------------------------------------------------------------
def _report(refused):
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    row = {"figure_id": "S900-000001", "source_id": "S900", "region_code": "440000", "region_name": "广东省",
           "region_name_en": "Guangdong", "region_level": "province", "province_code": "440000", "place": "",
           "subset": "", "scope": "", "indicator": "sw_organisations", "family": "organisations", "value": 132.0,
           "value_low": 132.0, "value_high": 132.0, "qualifier": "exact", "unit": "organisations",
           "unit_as_written": "家", "ref_date": "2020-12-31", "ref_date_precision": "year", "date_basis": "stated",
           "ref_date_low": "2020-12-31", "ref_date_high": "2020-12-31", "date_estimated": False, "kind": "actual",
           "target_year": "", "target_type": "", "norm_status": "", "same_fact_as": "",
           "value_as_written": "132家", "date_as_written": "2020年底", "region_as_written": "广东", "notes": ""}
    return RegionReport(regions.get("440000"), pd.DataFrame([row]), refused=refused)


def test_limitations_name_the_figures_the_cleaner_left_out():
    report = _report(refusals(CHECKS, "440000"))
    text = report.limitations().body
    assert "3条在数据清理中被拒收" in text
    assert "3 figures collected for this region were set aside in data cleaning" in text
    # the region's own refused value is English only: its language, and what it says, never a wider "or Portuguese"
    assert "以英文书写" not in text and "葡萄牙" not in text and "Portuguese" not in text and "“over 60,000”" in text
    assert "不是单位的词" in text and "单位与指标不符" not in text and "指标不在本报告使用的指标清单中" in text
    assert "checks.csv" in text
    claim = [c for c in report.claims if c.kind == "refused"]
    assert claim and "WX001-01" in claim[0].gates  # the audit names each refused figure


def test_an_indicator_with_a_refused_figure_is_never_called_simply_missing():
    text = _report(refusals(CHECKS, "440000")).limitations().body
    plain = text.split("缺少以下指标的数据：", 1)[1].split("。", 1)[0] if "缺少以下指标的数据：" in text else ""
    assert "持证社会工作者" not in plain and "社工站覆盖率" not in plain
    assert "收集到的数据在数据清理中被拒收" in text and "持证社会工作者" in text
    without = _report(None).limitations().body  # nothing refused: the plain statement, no refusal line
    assert "持证社会工作者" in without.split("缺少以下指标的数据：", 1)[1] and "清洗步骤拒收" not in without


# -- release types: one rule, checked by the clean step -----------------------------------------------------------
def _source(sid, outlet, url, kind, notes="", title="A page"):
    return dict(zip(WEB_SOURCE_COLUMNS, [sid, outlet, title, "2023-01-01", "day", url, "2026-11-30", kind, notes],
                    strict=True))


@pytest.mark.parametrize(("outlet", "notes"), [
    ("湖南日报 (mirrored on finance.example.com)", ""),
    ("新华社 via example.cn", "Forum repost of a news item"),
    ("example.com (exam-prep site)", ""),
    ("中央电视台 via example.net", "Aggregator of English translations"),
    ("A newspaper via example.org", "Repost on a third-party site"),
])
def test_a_page_described_as_a_copy_must_be_secondary(outlet, notes):
    for kind in ("report", "official"):
        frame = pd.DataFrame([_source("WX001", outlet, "http://www.example.com/a.html", kind, notes)])
        assert [p[0] for p in release_type_problems(frame)] == [0]
    frame = pd.DataFrame([_source("WX001", outlet, "http://www.example.com/a.html", "secondary", notes)])
    assert release_type_problems(frame) == []


def test_every_page_of_a_copy_site_is_secondary_but_a_government_site_may_carry_a_release():
    frame = pd.DataFrame([
        _source("WX001", "Hunan Daily (mirrored on finance.smartx.com)", "http://finance.smartx.com/1", "secondary"),
        _source("WX002", "smartx.com news, reporting a bureau", "http://yc.smartx.com/2", "report"),
        _source("WX003", "A county government site", "http://www.county.gov.cn/3", "official",
                "provincial notice reposted on a county government site"),
        _source("WX004", "People's Daily", "http://paper.people.com.cn/4", "report"),
    ])
    assert [p[0] for p in release_type_problems(frame)] == [1]
    assert site_of("http://finance.smartx.com/1") == site_of("https://yc.smartx.com/x") == "smartx.com"
    assert site_of("http://m.x.com.cn/a") == "x.com.cn"


def test_the_projects_sources_follow_the_release_type_rule():
    from swtoolkit.cleaning.web import read_web
    from swtoolkit.paths import raw_dir

    *_, problems = read_web(raw_dir())
    assert [str(p) for p in problems if p.column == "release_type"] == []


def test_a_report_is_rebuilt_when_its_refused_figures_change(monkeypatch):
    from swtoolkit.reports import batch, inputs

    clean = inputs.load_clean()
    monkeypatch.setattr(inputs, "read_checks", lambda figures=None: CHECKS)
    before = batch.report_keys(["440000", "420000"], ("html",), clean, None)
    monkeypatch.setattr(inputs, "read_checks", lambda figures=None: CHECKS.drop(index=[0]))
    after = batch.report_keys(["440000", "420000"], ("html",), clean, None)
    assert before["440000"] != after["440000"] and before["420000"] == after["420000"]


def test_a_growth_refusal_names_the_indicator_not_a_family_key():
    """R4-14 addendum 3: "… not a rate (exam_flow)" left the reader unable to tell what was refused."""
    from swtoolkit.models import Context, decide, series_from_values

    dates = [f"{y}-12-31" for y in range(2015, 2020)]
    context = Context(indicator="exam_registrants_growth", family="exam_flow", unit="percent",
                      name_en="Growth in exam registrants")
    rate = series_from_values(dates, [20.0, 22.0, 25.0, 27.6, 30.0], context=context)
    rate.measure = "rate"
    reason = decide(rate, "cagr").reason
    assert "Growth in exam registrants" in reason and "exam_flow" not in reason
    assert "exam_flow" not in decide(rate, "logistic").reason
