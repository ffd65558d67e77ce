"""League tables compare like with like and list every region they leave out (referee-4 R4-24, R4-26)."""

from __future__ import annotations

import re

import pandas as pd

from swtoolkit.codebook import codebook, scopes
from swtoolkit.models.ratios import ratio_table
from tests.test_semantics import _row


def _pair(code: str, staff: float, stations: float, scope: str = "", subset: str = "") -> list[dict]:
    return [_row(f"S9{code[2:4]}-000001", staff, region_code=code, indicator="station_staff", family="station_staff",
                 scope=scope, subset=subset),
            _row(f"S9{code[2:4]}-000002", stations, region_code=code, indicator="township_stations",
                 family="township_stations", unit="stations", unit_as_written="个", subset=subset)]


def test_social_workers_posted_are_a_scope_apart_from_all_station_staff():
    assert "station_staff" in scopes().loc["sw_posted", "indicators"]
    plain = codebook().loc["station_staff", "definition"]
    assert "驻站社工 /" not in plain and "sw_posted" in plain  # the plain definition no longer merges the two
    rows = _pair("530700", 317, 66) + _pair("530900", 349, 82, scope="sw_posted") + _pair("533100", 372, 56)
    table = ratio_table(pd.DataFrame(rows), "station_staff", "township_stations", ["530700", "530900", "533100"])
    assert sorted(table["region_code"]) == ["530700", "533100"]  # all staff against all staff
    refused = table.attrs["refused"].set_index("region_code")["reason"]
    assert "social workers posted" in refused["530900"].lower()


def test_every_region_with_both_figures_is_ranked_or_listed():
    rows = (_pair("530100", 300, 100) + _pair("530300", 200, 100)
            + _pair("530400", 977, 75, subset="station and village-room staff together"))
    rows.append(_row("S905-000001", 1581, region_code="530500", indicator="station_staff", family="station_staff"))
    table = ratio_table(pd.DataFrame(rows), "station_staff", "township_stations",
                        ["530100", "530300", "530400", "530500"])
    listed = set(table["region_code"]) | set(table.attrs["refused"]["region_code"])
    assert "530400" in listed and "named part" in table.attrs["refused"].set_index("region_code").loc[
        "530400", "reason"]
    assert "530500" not in listed  # no station count at all: nothing to divide, not an exclusion


def test_a_lone_comparable_region_is_listed_as_not_ranked_and_the_comparison_has_its_own_limits():
    from swtoolkit import regions
    from swtoolkit.reports.comparison import ComparisonReport
    from swtoolkit.reports.content import RegionReport

    rows = [_row("S003-900001", 1581, region_code="530500", region_name="保山市", indicator="station_staff",
                 family="station_staff"),
            _row("S003-900002", 101, region_code="530500", region_name="保山市",
                 indicator="station_staff_certified", family="station_staff_certified"),
            _row("S003-900003", 317, region_code="530700", region_name="丽江市", indicator="station_staff",
                 family="station_staff")]
    clean = pd.DataFrame(rows)
    report = RegionReport(regions.get("530000"), clean, draw_charts=False)
    html = report.subregion_table().body
    assert "保山：只有这一个地区有可比的数字" in html and "Baoshan: it is the only sub-region with comparable" in html
    # the lone value says what it measures, never a bare number (editor 12 N3: 丽江（4.80）)
    assert "只有这一个地区有可比的数字（6.39%）" in html and "comparable figures (6.39%)" in html
    bare = re.findall(r"只有这一个地区有可比的数字（[\d.]+）|comparable figures \([\d.]+\)", html)
    assert not bare, bare
    # a ratio that is not a share carries its label: a synthetic lone staff-per-station region
    lone = RegionReport(regions.get("530000"), pd.DataFrame([
        _row("S003-900004", 48, region_code="530700", region_name="丽江市", indicator="station_staff",
             family="station_staff"),
        _row("S003-900005", 10, region_code="530700", region_name="丽江市", indicator="township_stations",
             family="township_stations", unit="stations")]), draw_charts=False).subregion_table().body
    assert "只有这一个地区有可比的数字（每站工作人员4.80）" in lone and "(staff per station 4.80)" in lone, lone
    limits = report.limitations().body
    assert "No region-wide total for Yunnan" in limits and "No figure for: station staff" not in limits
    comparison = ComparisonReport.from_tables(clean, pd.DataFrame(), draw_charts=False)
    own = comparison.limitations().body
    assert "Baoshan" in own and "No figure for" not in own  # the comparison's refusals, not Yunnan's block


def test_the_comparison_dates_range_rests_on_dated_figures_and_says_national_sources_truly():
    """R5-5: an undated figure's document date is not the end of the provinces' 'latest' dates; R5-2: the national
    context is not said to rest on ministry bulletins."""
    from swtoolkit.reports.comparison import ComparisonReport

    rows = [_row("S901-000001", 23000, "2022-09-30", region_code="340000", region_name="安徽省",
                 region_level="province", province_code="340000"),
            _row("S902-000001", 130000, "2026-03-31", basis="undated", region_code="510000", region_name="四川省",
                 region_level="province", province_code="510000")]
    comparison = ComparisonReport.from_tables(pd.DataFrame(rows), pd.DataFrame(), draw_charts=False)
    own = comparison.limitations().body
    assert "2026" not in own and "1 further figure states no date" in own and "另有1个数字原文未注明日期" in own
    assert "ministry bulletins, press conferences" not in own and "not necessarily the ministry" in own


def test_the_provinces_table_keeps_the_date_basis_notes_of_the_province_reports():
    """R5-9: an inferred year and a date borrowed from another statement are said in the comparison's cells too."""
    from swtoolkit.reports.comparison import ComparisonReport

    rows = [_row("S003-900011", 562, "2022-09-30", region_code="340000", region_name="安徽省",
                 region_level="province", province_code="340000", date_as_written="9月底",
                 date_flag="year taken from the document"),
            _row("S003-900012", 44080, "2021-12-31", basis="undated", region_code="230000", region_name="黑龙江省",
                 region_level="province", province_code="230000", value_as_written="44080人",
                 same_fact_as="S003-900013"),
            _row("S003-900013", 44000, "2021-12-31", region_code="230000", region_name="黑龙江省",
                 region_level="province", province_code="230000", value_as_written="4.4万人", qualifier="approx",
                 value_low=43500.0, value_high=44500.0, ref_date_precision="year", date_as_written="2021年")]
    comparison = ComparisonReport.from_tables(pd.DataFrame(rows), pd.DataFrame(), draw_charts=False)
    html = comparison.provinces().body
    assert "年份据文件日期推定" in html
    assert "日期据该处" in html
