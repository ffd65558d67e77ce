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
    assert "下辖地区中只有西山有数据（1条）" in limits and "数据附录" in limits and "Only Xishan" in limits
    assert "没有下辖地区的数据" not in limits


def test_the_national_appendix_says_it_lists_only_what_it_used():
    row = _row("S003-900001", 929000, "2022-12-31", region_code="000000", region_name="全国", region_name_en="China",
               region_level="country", province_code="")
    report = _report([row], code="000000")
    report._kind = "full"  # one figure makes a brief, whose figures table lists its own figures: read the full form
    body = report.data_appendix().body
    assert "本报告所用数据 Every figure this report uses" in body and "data/clean/figures.csv" in body
    assert "区内地点数据" not in body
