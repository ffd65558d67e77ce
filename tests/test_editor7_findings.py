"""Editor-7 findings about key-finding, table and chart-note sentences, each tested by its kind on small synthetic
rows (issue 11):

- E7-11: a rate from a start with no upper end (or an end with no lower end) has an unknown direction unless the
  other bound settles it; one rule (models.results.rate_direction) for sentences, table cells and key findings,
  and such a rate is no key finding;
- E7-14: every sentence printing an interval of a trend carries that trend's caveats (autocorrelation, few
  points), from one source (models.growth.trend_caveats → the result's ``interval`` → phrasing.fit_caveat_words);
- E7-7: national-context lines and derived numbers (densities, ratios) built on one side of a recorded
  disagreement name it, in both languages;
- E7-8: a rate from approximate inputs carries 约 or its range in every sentence (national context included);
- E7-6: a chart note about a conflict follows the curator's verdict and the points actually drawn; one figure has
  one date across chart and appendix.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from swtoolkit import regions
from swtoolkit.errors import ModelRefusedError
from swtoolkit.models.growth import fit_cagr, fit_loglinear, fit_projection, interval_caveats, trend_caveats
from swtoolkit.models.results import rate_direction
from swtoolkit.models.series import from_frame
from swtoolkit.reports import phrasing
from swtoolkit.reports.content import RegionReport
from tests.test_semantics import _row

INF = math.inf
NAN = math.nan


def _org(fid: str, value: float, date: str, qualifier: str = "exact", low: float | None = None,
         high: float | None = None, written: str = "", **kw) -> dict:
    """A national organisations row (as clean writes it): an open end is a missing bound."""
    low = value if low is None else low
    high = value if high is None else high
    kw.setdefault("source_id", "WN003" if value < 15000 else "WN030")  # real documents: the source note cites them
    return _row(fid, value, date, indicator="sw_organisations", family="sw_organisations", unit="organisations",
                unit_as_written="家", region_code="000000", region_name="全国", region_name_en="China",
                region_level="country", province_code="", qualifier=qualifier, value_low=low, value_high=high,
                value_as_written=written or f"{value:g}家", ref_date_precision="year", **kw)


def _cagr_sentence(rows: list[dict]) -> tuple[dict, str, str]:
    result = fit_cagr(from_frame(pd.DataFrame(rows))).to_records()[0]
    zh, en = phrasing.result_sentence(result, {r["figure_id"]: r for r in rows})
    return result, zh, en


# -- E7-11: one direction rule --------------------------------------------------------------------------------------
def test_rate_direction_rule_from_the_models_numbers():
    assert rate_direction(NAN, 0.05, INF) == "rise"  # at least 5%
    assert rate_direction(NAN, -0.05, INF) == "unknown"  # at least −5%: a rise or a fall
    assert rate_direction(NAN, -INF, 0.426) == "unknown"  # at most 42.6%: a rise or a fall
    assert rate_direction(NAN, -INF, -0.1) == "fall"  # at most −10%
    assert rate_direction(0.02, -0.012, 0.055) == "unknown"  # 917 → 900多
    assert rate_direction(0.27, 0.265, 0.278) == "rise"
    assert rate_direction(-0.03, -0.04, -0.02) == "fall"
    assert rate_direction(0.04, NAN, NAN) == "rise"  # exact figures: the estimate's sign
    assert rate_direction(NAN, NAN, NAN) == "unknown"


def test_lower_bound_start_to_exact_end_names_no_direction_and_is_no_key_finding():
    """超过1.3万 → 约1.9万: the start has no upper end, so the change may be a fall (000000's 'at most 42.6%')."""
    rows = [_org("W903-06", 13000, "2021-11-30", "more_than", 13000, NAN, "超过1.3万家"),
            _org("W930-05", 19000, "2022-12-31", "rounded", 18500, 19500, "1.9万家")]
    result, zh, en = _cagr_sentence(rows)
    assert phrasing.side_of(result) == "at_most" and phrasing.rate_direction_of(result) == "unknown"
    assert "增减方向不能确定" in zh and "至多" in zh and "direction is not known" in en
    assert "增长至多" not in zh and "增至" not in zh and "变为" in zh
    assert not phrasing.says_direction(result)
    assert phrasing.result_cells(result, {r["figure_id"]: r for r in rows})[1].startswith("≤")


def test_exact_start_to_an_end_with_no_lower_end_names_no_direction():
    """917 → 不到1000 (an upper bound only): at most some rate, which allows a fall."""
    rows = [_org("W933-04", 917, "2023-03-31"),
            _org("W932-04", 1000, "2024-11-30", "less_than", NAN, 1000, "不到1000家")]
    result, zh, en = _cagr_sentence(rows)
    assert phrasing.rate_direction_of(result) == "unknown" and "增减方向不能确定" in zh
    assert "direction is not known" in en and not phrasing.says_direction(result)


def test_bounds_that_settle_the_direction_name_it():
    """An open end whose other bound settles the direction: 1000 → 超过1500 rose at least …; 超过1000 → 500
    (an upper bound of the rate below zero) fell at least …."""
    rows = [_org("W901-01", 1000, "2020-12-31"),
            _org("W902-01", 1500, "2022-12-31", "more_than", 1500, NAN, "超过1500家")]
    result, zh, en = _cagr_sentence(rows)
    assert phrasing.rate_direction_of(result) == "rise" and "年均增长至少" in zh and "增至" in zh
    assert phrasing.says_direction(result) and "at least" in en
    rows = [_org("W901-01", 1000, "2020-12-31", "more_than", 1000, NAN, "超过1000家"),
            _org("W902-01", 500, "2022-12-31")]
    result, zh, en = _cagr_sentence(rows)
    assert phrasing.rate_direction_of(result) == "fall" and "年均下降至少" in zh and "降至" in zh
    assert "a fall of at least" in en and phrasing.says_direction(result)


def test_an_upper_bound_start_allows_a_fall_when_its_bound_is_below_zero():
    """不到1000 → 800: the rate is at least (800/1000)^… − 1 < 0, so it may be a rise or a fall."""
    rows = [_org("W901-01", 1000, "2020-12-31", "less_than", NAN, 1000, "不到1000家"),
            _org("W902-01", 800, "2022-12-31")]
    result, zh, _ = _cagr_sentence(rows)
    assert phrasing.side_of(result) == "at_least" and phrasing.rate_direction_of(result) == "unknown"
    assert "增减方向不能确定" in zh and "下降至多" not in zh


def test_both_bounded_across_zero_names_no_direction_and_is_no_key_finding():
    rows = [_org("W933-04", 917, "2023-03-31"),
            _org("W932-04", 900, "2024-11-30", "more_than", 900, 1000, "900多家")]
    result, zh, _ = _cagr_sentence(rows)
    assert phrasing.rate_direction_of(result) == "unknown" and "增减方向不能确定" in zh
    assert not phrasing.says_direction(result)


def test_a_report_quotes_no_rate_of_unknown_direction_among_its_key_findings():
    rows = [_org("W903-06", 13000, "2021-11-30", "more_than", 13000, NAN, "超过1.3万家"),
            _org("W930-05", 19000, "2022-12-31", "rounded", 18500, 19500, "1.9万家")]
    result = {**fit_cagr(from_frame(pd.DataFrame(rows))).to_records()[0], "allowed": True}
    report = RegionReport(regions.get("000000"), pd.DataFrame(rows), results=pd.DataFrame([result]),
                          conflicts=pd.DataFrame())
    assert not [s for s in report.model_sentences() if "1.3万" in s]
    table = report.growth_and_gaps().body
    assert "增减方向不能确定" in table  # the growth table keeps it, with the words


# -- E7-14: a trend's caveats travel with every interval built on it -----------------------------------------------
WAVY = [1e4 * math.exp(0.25 * i + 0.15 * math.sin(i / 2.2)) for i in range(12)]
#: The same waves, gentle enough that the yearly segments stay within 5 points of each other (26%–31% a year):
#: autocorrelated residuals (Durbin–Watson 0.40), and still a scenario. WAVY's segments run 20%–37% a year, so since
#: editor 9 (N-2) no scenario runs at its trend (gatekeeper._constancy_gate holds on the trend path too).
GENTLE = [1e4 * math.exp(0.25 * i + 0.04 * math.sin(i / 2.2)) for i in range(12)]


def _series(values: list[float]) -> pd.DataFrame:
    return pd.DataFrame([_row(f"S900-{i:06d}", v, f"{2012 + i}-12-31", region_code="000000", region_name="全国")
                         for i, v in enumerate(values)])


def test_trend_caveats_are_one_list_for_the_trend_and_what_is_built_on_it():
    assert trend_caveats(12, 10, 0.82)[0].startswith("residuals autocorrelated (Durbin–Watson 0.82)")
    assert trend_caveats(4, 2, None) == ["few points: 4 points, t(2) interval wide by design"]
    assert trend_caveats(12, 10, 1.9) == []
    trend = fit_loglinear(from_frame(_series(GENTLE)))
    scenario = fit_projection(from_frame(_series(GENTLE)))
    caveats = interval_caveats(trend.interval)
    assert "Durbin–Watson" in caveats and scenario.interval.endswith(caveats)
    with pytest.raises(ModelRefusedError, match="constant growth"):  # segments of 20%–37%: no scenario at all
        fit_projection(from_frame(_series(WAVY)))


def test_the_scenario_sentence_states_the_caveats_of_its_trend():
    """000000's 475万 at the ends of the trend's interval: the autocorrelation caveat of key finding 1 too."""
    frame = _series(GENTLE)
    figures = {r["figure_id"]: r for r in frame.to_dict("records")}
    trend = fit_loglinear(from_frame(frame)).to_records()[0]
    scenario = fit_projection(from_frame(frame)).to_records()[0]
    for result in (trend, scenario):
        zh, en = phrasing.result_sentence(result, figures)
        assert "Durbin–Watson" in zh and "偏窄" in zh and "too narrow" in en, result["model"]
    four = _series([1e4 * 1.2 ** i for i in range(4)])
    figures = {r["figure_id"]: r for r in four.to_dict("records")}
    for fit in (fit_loglinear, fit_projection):
        zh, en = phrasing.result_sentence(fit(from_frame(four)).to_records()[0], figures)
        assert "只有4个日期点（自由度2）" in zh and "only 4 dated points" in en


# -- E7-7 / E7-8: national context and derived numbers -------------------------------------------------------------
def _conflict(ids: str, verdict: str = "disagree", region: str = "000000") -> dict:
    return {"check": "conflict", "status": "explained", "region_code": region,
            "indicator": "certified_social_workers", "ref_date": "2022-12-31", "figure_ids": ids, "detail": "x",
            "explanation": "y", "verdict": verdict}


def _national_frame() -> pd.DataFrame:
    nation = dict(region_code="000000", region_name="全国", region_name_en="China", region_level="country",
                  province_code="", ref_date_precision="year", source_id="WN027")
    province = dict(region_code="320000", region_name="江苏省", region_name_en="Jiangsu", region_level="province",
                    province_code="320000", ref_date_precision="month", source_id="WP002")
    return pd.DataFrame([
        _row("W901-01", 206000, "2015-12-31", value_low=205500, value_high=206500, qualifier="rounded",
             value_as_written="20.6万", **nation),
        _row("W927-18", 929000, "2022-12-31", value_low=928500, value_high=929500, qualifier="rounded",
             value_as_written="92.9万", **nation),
        _row("W928-01", 930000, "2022-12-31", value_low=NAN, value_high=NAN, qualifier="approx",
             value_as_written="约93万人", **nation),
        _row("P902-02", 21155, "2015-07-31", value_as_written="21155人", **province),
        _row("P953-02", 99800, "2023-06-30", value_low=99750, value_high=99850, qualifier="rounded",
             value_as_written="9.98万人", **province),
    ])


def test_national_context_names_the_disagreement_and_keeps_the_rates_approximate():
    clean = _national_frame()
    conflicts = pd.DataFrame([_conflict("W927-18 W928-01")])
    report = RegionReport(regions.get("320000"), clean, conflicts=conflicts)
    text = report.national_context().body
    assert "来源不一致" in text and "the sources disagree" in text
    # the sentence names the other statement by value (fresh editor, item 3); the audit names it by id
    assert "W928-01" in ";".join(c.figure_ids for c in report.claims if c.block == "national")
    assert "全国从2015年底到2022年年均增长24.0%" not in text  # never bare from approximate inputs
    assert ("年均增长约" in text or "按两数的取整或上下限" in text) and ("about" in text or "rounding" in text)
    gates = [c.gates for c in report.claims if c.block == "national" and c.kind == "sentence"]
    assert gates and "recorded disagreement" in gates[0]
    quiet = RegionReport(regions.get("320000"), clean, conflicts=pd.DataFrame([_conflict("W927-18 W928-01",
                                                                                         "not_one_fact")]))
    assert "来源不一致" not in quiet.national_context().body


def test_approximate_rate_words():
    # the range's ends rounded outward (breaker2): 23.99% to 24.12% is never "24.0%—24.1%"
    assert phrasing.approximate_rate(0.2401, 0.2399, 0.2412, True) == "24.0%（按两数的取整或上下限，在23.9%—24.2%之间）"
    assert phrasing.approximate_rate(0.229, 0.2289, 0.2291, True) == "约22.9%"
    assert phrasing.approximate_rate(0.229, NAN, NAN, True, "en") == "about 22.9%"
    assert phrasing.approximate_rate(0.229, NAN, NAN, False) == "22.9%"


def test_a_two_point_rate_from_rounded_inputs_says_about_when_its_range_rounds_to_one_rate():
    rows = [_org("W901-01", 21155, "2015-07-31"),
            _org("W902-01", 99800, "2023-06-30", "rounded", 99799, 99801, "99800余家")]
    _, zh, en = _cagr_sentence(rows)
    assert "年均增长约" in zh and "about" in en


def test_a_province_report_loads_the_nations_conflicts_it_sets_its_figures_against():
    from swtoolkit.reports.inputs import conflicts_of

    checks = pd.DataFrame([_conflict("W927-18 W928-01"), _conflict("S1-01 S2-01", region="530100"),
                           _conflict("S3-01 S4-01", region="450000")])
    assert set(conflicts_of(checks, "530000")["region_code"]) == {"000000", "530100"}
    assert set(conflicts_of(checks, "000000")["region_code"]) == {"000000", "530100", "450000"}


def test_a_density_row_on_one_side_of_a_disagreement_says_so():
    report = RegionReport(regions.get("000000"), _national_frame(),
                          conflicts=pd.DataFrame([_conflict("W927-18 W928-01")]))
    assert "另有记载不一：W928-01" in report._conflict_cell(["W927-18", "W938-01"])
    assert report._conflict_cell(["W901-01"]) == ""
    notes = report._derived_conflicts([["W927-18", "W938-01"]], "national")
    assert len(notes) == 1 and "W928-01" in notes[0] and "the sources disagree" in notes[0]


# -- E7-6: chart notes follow the verdict; one date per figure -----------------------------------------------------
def _chart_frame() -> pd.DataFrame:
    nation = dict(region_code="000000", region_name="全国", region_name_en="China", region_level="country",
                  province_code="", ref_date_precision="year", source_id="WN027")
    return pd.DataFrame([
        _row("W907-01", 531000, "2019-12-31", value_as_written="53.10万人", date_as_written="2019年", **nation),
        _row("W927-14", 439000, "2018-12-31", value_low=438500, value_high=439500, qualifier="rounded",
             value_as_written="43.9万", date_as_written="2018年", same_fact_as="W926-02", **nation),
        _row("W926-02", 439000, "2019-07-31", basis="undated", value_low=438500, value_high=439500,
             qualifier="rounded", value_as_written="43.9万人", **nation),
        _row("W923-01", 439266, "2020-02-04", basis="undated", value_as_written="439,266",
             same_fact_as="W926-02", **nation),
        _row("W927-15", 531000, "2019-12-31", value_low=530500, value_high=531500, qualifier="rounded",
             value_as_written="53.1万", date_as_written="2019年", same_fact_as="W907-01", **nation),
    ])


@pytest.mark.parametrize("verdict", ["not_one_fact", "disagree"])
def test_the_chart_note_follows_the_verdict_and_the_points_drawn(verdict):
    from swtoolkit.models.comparability import series_points

    clean = _chart_frame()
    report = RegionReport(regions.get("000000"), clean,
                          conflicts=pd.DataFrame([_conflict("W907-01 W927-15 W923-01", verdict)]))
    kept, _ = series_points(clean.to_dict("records"))
    drawn = {i for r in kept for i in r["figure_id"].split(";")}
    assert {"W907-01", "W923-01"} <= drawn
    notes = [said for said, _ in report._conflict_notes(drawn, kept)]
    assert notes
    if verdict == "not_one_fact":
        assert "不是同一事实" in notes[0] and "相近日期" not in notes[0] and "not one fact" in notes[0]
        assert "W923-01绘于2018年" in notes[0] and re.search(r"W923-01 is drawn (in|at end-)2018", notes[0])
    else:
        assert "相近日期" in notes[0]


def test_the_appendix_gives_a_restated_figure_the_date_its_chart_point_has():
    report = RegionReport(regions.get("000000"), _chart_frame(), conflicts=pd.DataFrame())
    row = report.figures["W923-01"]
    note = report._fact_date_note(row)
    assert "W926-02" in note and "W927-14" in note and "2018年" in note
    assert report._fact_date_note(report.figures["W907-01"]) == ""  # its own date is the fact's


def test_national_context_rates_follow_the_direction_and_approximation_rules():
    from swtoolkit.models.national import Comparison

    p = {"value": 0.02, "low": -0.012, "high": 0.055, "approx": True, "start": "2023-03-31", "end": "2024-11-30",
         "shared": 0.9}
    n = {"value": 0.229, "low": 0.2289, "high": 0.2291, "approx": True, "start": "2022-12-31", "end": "2024-12-31",
         "shared": 0.9}
    zh, en = phrasing.national_context_sentence(Comparison("growth", True, "ok", p, n), "广西", "Guangxi", {})
    assert "增减方向不能确定" in zh and "direction is not known" in en and "年均增长2.0%" not in zh
    assert "全国从2022年底到2024年底年均增长约22.9%" in zh and "about 22.9% a year" in en
    exact = {**n, "approx": False, "low": NAN, "high": NAN}
    zh, _ = phrasing.national_context_sentence(Comparison("growth", True, "ok", exact, exact), "广西", "Guangxi", {})
    assert "年均增长22.9%" in zh and "约" not in zh
