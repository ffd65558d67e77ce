"""What a report chooses to show (referees 8a/8b, issue 11), each tested by kind on small synthetic rows: the data
appendix lists every figure of the region's data slice (R8b-19); a growth rate or projection never ignores a dated
middle point that contradicts constant growth (R8a-7); key findings are never older than the title page's basis
(R8a-6); finding sentences nest brackets at most two deep (R8b-13); growth sentences read "由…的X增至…的Y" (R8a-18)."""
from __future__ import annotations

import pandas as pd

from tests.test_semantics import _row


def _report(rows, code="530100", results=None):
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    report = RegionReport(regions.get(code), pd.DataFrame(rows), results=results, draw_charts=False)
    for key in report.section_keys:
        report.show(key)
    return report


def _ids(report, block):
    return {i for c in report.claims if c.block == block for i in c.figure_ids.split(";") if i}


# ---- R8b-19: the appendix lists every figure of the region's data slice ------------------------------------------

def _kunming_rows():
    own = [_row("S003-900001", 3393, "2022-06-30"),
           _row("S003-900002", 140, "2022-06-30", indicator="township_stations", family="stations", unit="stations",
                unit_as_written="个", value_as_written="140个")]
    county = _row("S003-900010", 6000000, "2022-12-31", region_code="530112", region_name="西山区",
                  region_name_en="Xishan", region_level="county", indicator="funding_stations", family="funding",
                  unit="yuan", unit_as_written="元", value_as_written="600万元", kind="increment")
    town = _row("S003-900011", 2, "2022-06-30", region_code="530111", region_name="官渡区", region_name_en="Guandu",
                region_level="county", place="关锁中心学校社会工作服务站", indicator="station_staff",
                family="station_staff", value_as_written="2名")
    outside = _row("S003-900020", 99, "2022-06-30", region_code="530300", region_name="曲靖市",
                   region_name_en="Qujing", value_as_written="99人")
    return own + [county, town, outside]


def test_the_appendix_lists_every_figure_of_the_regions_data_slice():
    from swtoolkit.reports.downloads import region_rows

    rows = _kunming_rows()
    report = _report(rows)
    listed = _ids(report, "appendix") | (_ids(report, "figures") if report.kind == "brief" else set())
    assert listed >= set(region_rows(pd.DataFrame(rows), "530100")["figure_id"])
    assert "S003-900010" in listed and "S003-900020" not in listed  # the county figure; never another region's
    body = report.data_appendix().body
    assert "本地区全部数据" in body and "every figure about the region, its sub-regions" in body


def test_subregion_figures_no_section_shows_are_named_in_the_limitations():
    rows = [r for r in _kunming_rows() if r["figure_id"] != "S003-900011"]  # only a county's funding below
    report = _report(rows)
    limits = report.limitations().body
    assert not report.subregion_table().body
    assert "下辖地区中只有西山区有数据（1条）" in limits and "数据附录" in limits and "Only Xishan" in limits
    assert "没有下辖地区的数据" not in limits


def test_the_national_appendix_says_it_lists_only_what_it_used():
    row = _row("S003-900001", 929000, "2022-12-31", region_code="000000", region_name="全国", region_name_en="China",
               region_level="country", province_code="")
    report = _report([row], code="000000")
    report._kind = "full"  # one figure makes a brief, whose figures table lists its own figures: read the full form
    body = report.data_appendix().body
    assert "本报告所用数据 Every figure this report uses" in body and "data/figures.csv" in body
    assert "区内地点数据" not in body


# ---- R8a-7: a two-point rate never ignores a dated middle point that contradicts constant growth -----------------

def _hubei_like(middle=(52000, 53000)):
    """12,922 (end-2018) → 5.2万余 (Nov 2023) → 65,091 (Feb 2025): 32.8%–33.3% a year, then 18.8%–20.7%."""
    lo, hi = middle
    return [_row("S003-900001", 12922, "2018-12-31", ref_date_precision="year", date_as_written="2018年底"),
            _row("S003-900002", lo, "2023-11-30", value_low=float(lo), value_high=float(hi), qualifier="more_than",
                 value_as_written="5.2万余人", date_as_written="截至目前"),
            _row("S003-900003", 65091, "2025-02-08", ref_date_precision="day", date_as_written="2025年2月8日")]


def _series(rows):
    from swtoolkit.models.series import BandSettings, series_from_records

    return series_from_records(rows, BandSettings(), "certified_social_workers")


def test_segments_that_disagree_with_constant_growth_are_found():
    from swtoolkit.models.gatekeeper import NOT_CONSTANT, constant_growth, decide, segment_rates

    s = _series(_hubei_like())
    segments = segment_rates(s)
    assert len(segments) == 2
    assert 0.32 < segments[0].slowest < segments[0].fastest < 0.34
    assert 0.18 < segments[1].slowest < segments[1].fastest < 0.21
    agree, why = constant_growth(s)
    assert not agree and NOT_CONSTANT in why
    refused = decide(s, "projection")
    assert not refused.allowed and NOT_CONSTANT in refused.reason
    # constant growth through the middle (21% then 21%), and the MODELS.md P3 series (18.1% then 16.6%): agree
    steady = _series([_row("S003-900001", 10000, "2019-12-31"), _row("S003-900002", 14641, "2021-12-31"),
                      _row("S003-900003", 21436, "2023-12-31")])
    p3 = _series([_row("S003-900001", 6000, "2018-07-02"), _row("S003-900002", 7700, "2019-12-31"),
                  _row("S003-900003", 9690, "2021-07-02")])
    for ok in (steady, p3):
        assert constant_growth(ok)[0] and decide(ok, "projection").allowed
    # two points cannot disagree with themselves
    assert constant_growth(_series(_hubei_like()[::2]))[0]


def test_the_rate_says_the_middle_point_and_no_projection_runs_at_it():
    from swtoolkit.models import fit_all
    from swtoolkit.reports import phrasing

    rows = _hubei_like()
    results = fit_all(pd.DataFrame(rows))
    cagr = results[results["model"].eq("cagr")].iloc[0].to_dict()
    assert cagr["allowed"] and "disagree with constant growth" in cagr["notes"]
    projection = results[results["model"].eq("projection")].iloc[0]
    assert not projection["allowed"]
    figures = {r["figure_id"]: r for r in rows}
    zh, en = phrasing.result_sentence(cagr, figures)
    # the segment's range rounded outward (breaker2): its low end 18.75…% is "18.7%", never "18.8%"
    assert "不代表近期增速" in zh and "18.7%—20.7%" in zh and "2023年11月" in zh
    assert "not the recent pace" in en and "18.7% to 20.7%" in en
    assert "S003-900002" in phrasing.stated_ids(cagr, figures)  # the sentence names the middle figure
    words = phrasing.model_refusal_words(projection["reason"], ["certified_social_workers"], figures, "projection")
    assert "匀速增长" in words[0] and "18.7%—20.7%" in words[0] and "constant growth" in words[1]
    from swtoolkit.reports import findings
    assert findings.is_comparability_refusal(projection["reason"])  # stated in words, not counted as "too few"


# ---- R8a-18: growth sentences read 由…的X增至…的Y, never 从截至…的X ------------------------------------------------

def test_growth_sentences_read_from_a_point_to_a_point():
    from swtoolkit.models import fit_all
    from swtoolkit.reports import phrasing

    rows = [_row("S003-900001", 13000, "2019-03-31", basis="document", value_low=12500.0, value_high=13500.0,
                 qualifier="rounded", value_as_written="1.3万人", date_as_written="目前", date_estimated=False),
            _row("S003-900002", 12922 * 2, "2021-12-31", ref_date_precision="year", date_as_written="2021年底")]
    results = fit_all(pd.DataFrame(rows))
    cagr = results[results["model"].eq("cagr")].iloc[0].to_dict()
    zh, en = phrasing.result_sentence(cagr, {r["figure_id"]: r for r in rows})
    assert "由2019年3月（文件日期）的约1.3万人增至2021年底的25844人" in zh, zh
    assert "从截至" not in zh and "增至截至" not in zh
    assert "(March 2019, document date)" in en and "(end-2021)" in en
    assert _depth(zh) <= 2 and _depth(en) <= 2


# ---- R8b-13: findings nest brackets at most two deep; R8a-6: never older than the title page --------------------

def _depth(text: str) -> int:
    deepest = depth = 0
    for ch in text:
        depth += ch in "（(" and 1 or 0
        deepest = max(deepest, depth)
        depth -= ch in "）)" and 1 or 0
    return deepest


def test_brackets_beyond_two_levels_become_a_comma_clause():
    from swtoolkit.reports.phrasing import two_deep

    assert two_deep("为349名（原文（见82个（2021年以来（至文件日期））））。") == \
        "为349名（原文（见82个，2021年以来，至文件日期））。"
    assert two_deep("x (a (b (c))) y") == "x (a (b, c)) y"
    assert two_deep("（一（二））") == "（一（二））"


def test_an_undated_finding_beside_a_dated_restatement_stays_two_deep():
    stations = _row("S003-900100", 82, "2022-07-31", basis="document", indicator="township_stations",
                    family="stations", unit="stations", unit_as_written="个", value_as_written="82个",
                    date_as_written="2021年以来", period_start="2021-01-01", locator="100")
    again = _row("S003-900500", 82, "2022-07-31", basis="undated", indicator="township_stations", unit="stations",
                 value_as_written="82个", same_fact_as="S003-900100", locator="500")
    staff = _row("S003-900515", 349, "2022-07-31", basis="undated", indicator="station_staff",
                 value_as_written="349名", locator="515", unit_as_written="名")
    report = _report([staff, again, stations])
    found = report._findings()
    assert any("349" in t for t in found) and not any("紧接" in t for t in found)  # provenance: appendix (R8b-13)
    assert all(_depth(t) <= 2 for t in found), found
    assert all(_depth(c.text) <= 2 for c in report.claims if c.block == "findings")


def test_key_findings_say_the_later_figure_the_title_page_rests_on():
    henan = {"region_code": "410000", "region_name": "河南省", "region_name_en": "Henan", "region_level": "province",
             "province_code": "410000"}
    old = _row("S003-900001", 2000, "2012-07-31", basis="document", qualifier="less_than", value_low=float("nan"),
               value_as_written="不到2000人", date_as_written="目前", date_estimated=False, **henan)
    passes = _row("S003-900002", 5731, "2017-06-30", basis="document", indicator="exam_passes_cumulative",
                  family="exam_passes", kind="cumulative", value_as_written="5731人", date_as_written="目前",
                  date_estimated=False, **henan)
    report = _report([old, passes], code="410000")
    found = report._findings()
    assert any("5731" in t for t in found) and any("2000" in t for t in found), found
    assert "5731" in report.as_of
    # a finding as recent as the title page's basis needs no second sentence
    recent = {**old, "ref_date": "2017-05-31", "ref_date_high": "2017-05-31", "ref_date_low": "2017-05-31"}
    assert not any("5731" in t for t in _report([recent, passes], code="410000")._findings())


def test_a_sentence_whose_figures_all_share_one_source_flag_gets_one_note(monkeypatch):
    from swtoolkit import provenance
    from swtoolkit.reports import phrasing

    monkeypatch.setattr(provenance, "release_types", lambda: {"WX01": "secondary", "WX02": "official"})
    one = _row("WX01-01", 30928, "2020-11-02", source_id="WX01", value_as_written="30928人")
    zh, en = phrasing.with_source_caveat(("上海市为30928人。", "Shanghai: 30,928."), [one])
    assert zh == "上海市为30928人（该数字据二手网页转述，非官方发布）。" and "(this figure: restated" in en
    two = _row("WX01-02", 16912, "2017-12-31", source_id="WX01", value_as_written="16912人")
    zh, _ = phrasing.with_source_caveat(("由…增至…。", "…"), [two, one])
    assert "以上数字均据二手网页转述" in zh and "30928人、" not in zh
    official = _row("WX02-01", 100, "2017-12-31", source_id="WX02", value_as_written="100人")
    zh, _ = phrasing.with_source_caveat(("…。", "…"), [official, one])
    assert "30928人：据二手网页转述" in zh  # only some flagged: each named


def test_the_source_note_of_a_rate_counts_the_middle_figure_it_names(monkeypatch):
    from swtoolkit import provenance
    from swtoolkit.models import fit_all
    from swtoolkit.reports import phrasing

    ids = {"S003-900001": "WX01-01", "S003-900002": "WX02-01", "S003-900003": "WX01-02"}
    rows = [{**r, "figure_id": ids[r["figure_id"]], "source_id": ids[r["figure_id"]][:4]} for r in _hubei_like()]
    monkeypatch.setattr(provenance, "release_types", lambda: {"WX01": "secondary", "WX02": "official"})
    results = fit_all(pd.DataFrame(rows))
    cagr = results[results["model"].eq("cagr")].iloc[0].to_dict()
    zh, _ = phrasing.result_sentence(cagr, {r["figure_id"]: r for r in rows})
    assert "以上数字均" not in zh and "12922人、65091人：据二手网页转述" in zh
