"""Referee 11 R11-2/R11-3/R11-4/R11-9 and editor 11 E11-9/E11-10, each tested by kind on small synthetic rows.

R11-2/R11-3: a refusal's fallback is worded only when the report does it (a trend's t-interval, growth rates per
region, densities listed); otherwise the decision names none, in the limitations and in the audit alike.
R11-4: a sub-region's figure left out of the sub-region comparison is given its own reason (part of the region, one
place within it, or an indicator the comparison does not list).
R11-9: a scope reason names only a scope the comparable regions do not share.
E11-9: a middle point bounded on one side makes constancy untestable: no projection, and the rate says so.
E11-10: a region's rate in the national context carries its segment caveat.
"""
from __future__ import annotations

import math

import pandas as pd

from tests.test_semantics import _row

HUBEI = {"region_code": "420000", "region_name": "湖北省", "region_name_en": "Hubei", "region_level": "province",
         "province_code": "420000", "region_as_written": "湖北", "indicator": "sw_talent_total"}


# ---- R11-2 / R11-3: decisions say what was done ----------------------------------------------------------------

def test_a_fallback_the_report_does_not_do_is_not_named():
    from swtoolkit.reports.content import as_applied
    from swtoolkit.reports.phrasing import model_refusal_words

    hac = "refused: HAC standard errors need ≥ 15 regular points; fallback: classical OLS t(n−2) intervals"
    none = {"rate": set(), "trend": set(), "density": set()}
    said = as_applied(hac, ["township_stations"], none)
    assert "fallback" not in said
    zh, en = model_refusal_words(said, ["township_stations"])
    assert "普通最小二乘" not in zh and "least-squares" not in en and "未计算" in zh
    # kept where the trend of that indicator is printed
    assert as_applied(hac, ["township_stations"], {**none, "trend": {"township_stations"}}) == hac
    mixed = "refused: MixedLM needs ≥ 15 regions of which ≥ 5 have ≥ 3 points; fallback: unpooled CAGRs per region"
    assert "各地区分别计算增长率" not in model_refusal_words(as_applied(mixed, ["volunteers"], none), ["volunteers"])[0]
    assert as_applied(mixed, ["volunteers"], {**none, "rate": {"volunteers"}}) == mixed
    gini = ("refused: population-weighted gini needs ≥ 10 provinces with a density in one year; "
            "fallback: densities listed")
    zh, en = model_refusal_words(as_applied(gini, [], none), [])
    assert "密度分别列出" not in zh and "density is listed" not in en
    assert as_applied(gini, [], {**none, "density": {"*"}}) == gini
    # the one-sided-rate promise keeps its own applied fallback
    one = "refused: something; fallback: one-sided CAGR between the first and last points"
    assert as_applied(one, ["x"], none).endswith("fallback: level as written")


def test_the_check_flags_a_fallback_the_report_beside_the_audit_does_not_do(tmp_path):
    import csv
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "check_report_text", Path(__file__).parents[1] / "scripts" / "check_report_text.py")
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)
    (tmp_path / "530700_lijiang.html").write_text("<html><body><p>没有趋势。</p></body></html>", encoding="utf-8")
    (tmp_path / "320000_jiangsu.html").write_text("<p>年均增长21.5%（趋势的95%置信区间10.5%—33.5%）</p>",
                                                  encoding="utf-8")
    with (tmp_path / "audit.csv").open("w", encoding="utf-8", newline="") as handle:
        w = csv.DictWriter(handle, ["report", "block", "kind", "text", "gates_zh"])
        w.writeheader()
        for code in ("530700", "320000"):
            said = "HAC稳健标准误…数据不足，未计算；改用普通最小二乘的t区间。"
            w.writerow({"report": code, "block": "limits", "kind": "refusal", "text": said, "gates_zh": said})
    found = check.audit_problems(tmp_path / "audit.csv")
    assert len(found) == 1 and "530700" in found[0]


# ---- R11-4: the reason a sub-region's figure is not compared ---------------------------------------------------

LIJIANG_CHILD = {"region_code": "530702", "region_name": "古城区", "region_name_en": "Gucheng",
                 "region_level": "county", "province_code": "530000", "region_as_written": "古城区"}


def test_a_part_or_place_figure_is_not_said_to_be_of_an_unlisted_indicator():
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    rows = [_row("S003-990001", 5, indicator="township_stations", subset="street stations only", **LIJIANG_CHILD),
            _row("S003-990002", 1, indicator="township_stations", place="西山乡社工站", **LIJIANG_CHILD),
            _row("S003-990003", 2e5, indicator="funding_total", unit="yuan", **LIJIANG_CHILD)]
    report = RegionReport(regions.get("530700"), pd.DataFrame(rows), draw_charts=False)
    line = report._subregions_unshown()
    assert "1条其指标不在" in line and "1条只涵盖该地区的一部分" in line and "1条只涉及区内的某一地点" in line
    assert "1 covers only part" in line and "1 is about one place" in line
    only_part = RegionReport(regions.get("530700"), pd.DataFrame(rows[:1]), draw_charts=False)._subregions_unshown()
    assert "其指标不在" not in only_part and "not list" not in only_part


# ---- R11-9: a scope reason names a difference that exists -----------------------------------------------------

def test_a_scope_shared_with_the_comparable_regions_is_not_named_as_the_difference():
    from swtoolkit.reports.phrasing import league_refusal_words

    rows = [_row("S003-990011", 1200, indicator="station_staff", scope="sw_posted"),
            _row("S003-990012", 400, indicator="township_stations", scope="three_in_place")]
    zh, en = league_refusal_words("scope", rows, ranked=False, shared={"sw_posted", ""})
    assert "驻站" not in zh
    zh_all, _ = league_refusal_words("scope", rows, ranked=False)
    assert zh_all != zh


# ---- E11-9: a one-sided middle point cannot pass the segment check ---------------------------------------------

def _hubei_like():
    """30149 (end-2018) → 超过8万 (Nov 2023) → 超10万 (Feb 2025): the middle point is a lower bound."""
    return [_row("S003-990021", 30149, "2018-12-31", ref_date_precision="year", **HUBEI),
            _row("S003-990022", 80000, "2023-11-30", qualifier="over", value_high=math.inf,
                 value_as_written="超过8万人", **HUBEI),
            _row("S003-990023", 100000, "2025-02-28", qualifier="over", value_high=math.inf,
                 value_as_written="超10万人", **HUBEI)]


def _series(rows):
    from swtoolkit.models.series import BandSettings, series_from_records

    return series_from_records(rows, BandSettings(), "sw_talent_total")


def test_an_untestable_middle_point_refuses_the_projection_and_says_why():
    from swtoolkit.models.gatekeeper import UNTESTED, constancy_untested, constant_growth, decide
    from swtoolkit.reports.phrasing import model_refusal_words

    s = _series(_hubei_like())
    assert constant_growth(s)[0]  # nothing contradicts one rate ...
    assert constancy_untested(s).startswith(UNTESTED)  # ... because nothing can be tested
    d = decide(s, "projection")
    assert not d.allowed and UNTESTED in d.reason
    zh, en = model_refusal_words(f"refused: {d.reason}; fallback: {d.fallback}", ["sw_talent_total"])
    assert "无法判断是否一致" in zh and "不按不变的增速作情景推算" in zh and "cannot be checked" in en
    assert "至少—" not in zh and "不能确定" in zh  # a segment open at both ends has no rate to state


def test_a_one_sided_segment_that_already_differs_is_refused_as_differing():
    from swtoolkit.models.gatekeeper import NOT_CONSTANT, constant_growth, decide

    rows = _hubei_like()
    rows[1] = _row("S003-990022", 90000, "2019-12-31", qualifier="over", value_high=math.inf,
                   value_as_written="超过9万人", **HUBEI)  # ≥ 198% in the first year, then at most ~3% a year
    rows[2] = _row("S003-990023", 100000, "2025-02-28", **HUBEI)
    s = _series(rows)
    assert not constant_growth(s)[0]
    assert NOT_CONSTANT in decide(s, "projection").reason


# ---- E11-10: the national context's rate carries the segment caveat ---------------------------------------------

def test_the_national_context_rate_carries_the_segment_caveat():
    from swtoolkit.reports.phrasing import national_context_sentence

    class C:
        what, allowed, reason = "growth", True, "same definition"
        province = {"value": 0.217, "start": "2015-07-20", "end": "2023-06-12", "figure_ids": [],
                    "constancy": "dated points disagree with constant growth (segment rates more than 5 points a "
                                 "year apart): 2015-07-20 to 2019-04-26: 0.2927 to 0.2933; 2019-04-26 to "
                                 "2021-12-31: 0.1401 to 0.1414"}
        national = {"value": 0.24, "start": "2015-07-20", "end": "2023-06-12", "figure_ids": []}

    zh, en = national_context_sentence(C(), "江苏省", "Jiangsu", {})
    assert "各段年均增速不一致" in zh and "不代表近期增速" in zh and "not the recent pace" in en


# ---- E11-4: a total below its parts: the relation as the data record it ----------------------------------------

def test_a_total_below_its_parts_is_not_said_to_be_of_another_moment():
    from swtoolkit.reports.phrasing import total_below_parts

    total = _row("S003-990031", 135, "2022-07-31", basis="undated", indicator="township_stations",
                 value_as_written="135个", unit="stations", unit_as_written="个")
    zh, en = total_below_parts(total, recorded=True)
    assert "不是同一时点" not in zh and "one moment" not in en
    assert "可能是较早的数字" in zh and "口径不同" in zh and "may be older" in en
