"""Issue 11: the kinds of claim the data cannot carry, each refused or phrased honestly (small synthetic rows)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from swtoolkit.cleaning.numbers import parse_value, rounding_interval
from swtoolkit.models import comparability as cmp
from swtoolkit.models.fit import fit_all
from swtoolkit.models.ratios import latest_levels, ratio_table
from swtoolkit.reports import phrasing


@pytest.mark.parametrize(("written", "kind", "expected"), [
    ("10余人", "actual", (10, 20, "more_than")),
    ("1600多人", "actual", (1600, 1700, "more_than")),
    ("5.5万余人", "actual", (55000, 56000, "more_than")),
    ("120余万人", "actual", (1_200_000, 1_300_000, "more_than")),
    ("4.4万人", "actual", (43500, 44500, "rounded")),
    ("三万人", "cumulative", (25000, 35000, "rounded")),
    ("超过 2万人", "actual", (20000, None, "more_than")),
    # R6b-19: a last digit in the units place has no next rounding unit: a lower bound only, open above
    ("175余次", "cumulative", (175, None, "more_than")),
    ("12多人", "actual", (12, None, "more_than")),
    ("3.5余万元", "actual", (35000, 36000, "more_than")),
    ("六万人", "target", (60000, 60000, "exact")),
    ("3393人", "actual", (3393, 3393, "exact")),
])
def test_rounded_qualifiers_are_intervals_at_their_unit(written, kind, expected):
    p = parse_value(written)
    low, high, qual = rounding_interval(written, p.value, p.low, p.high, p.qualifier, kind)
    assert (low, None if high is None or (isinstance(high, float) and math.isnan(high)) else high, qual) == expected


def _row(fid, value, date="2022-06-30", basis="stated", **kw):
    base = {"figure_id": fid, "source_id": fid[:4], "region_code": "530100", "region_name": "昆明市",
            "region_name_en": "Kunming", "region_level": "prefecture", "province_code": "530000", "place": "",
            "subset": "", "scope": "", "indicator": "certified_social_workers", "family": "certified",
            "value": float(value), "value_low": float(value), "value_high": float(value), "qualifier": "exact",
            "unit": "persons", "unit_as_written": "人", "ref_date": date, "ref_date_precision": "month",
            "date_basis": basis, "ref_date_low": "" if basis in ("undated", "before") else date,
            "ref_date_high": date, "date_estimated": basis in ("undated", "document"), "kind": "actual",
            "target_year": "", "target_type": "", "norm_status": "", "same_fact_as": "",
            "value_as_written": f"{value}人", "date_as_written": "", "region_as_written": "昆明", "notes": ""}
    base.update(kw)
    return base


def test_undated_figure_never_displaces_a_dated_one():
    dated = _row("S900-000001", 143, "2022-06-30")
    undated = _row("S900-000002", 135, "2022-07-31", basis="undated")
    assert cmp.latest([dated, undated])["figure_id"] == "S900-000001"
    assert cmp.latest([undated])["figure_id"] == "S900-000002"
    frame = pd.DataFrame([dated, undated])
    assert latest_levels(frame, "certified_social_workers").loc["530100", "value"] == 143


def test_undated_and_bound_dates_are_not_series_points():
    rows = [_row("S900-000001", 3, "2020-12-31", basis="before", date_as_written="2021年以前"),
            _row("S900-000002", 7, "2022-07-31", basis="document")]
    kept, notes = cmp.series_points(rows)
    assert [r["figure_id"] for r in kept] == ["S900-000002"] and "bound" in notes[0]
    results = fit_all(pd.DataFrame(rows))
    assert not results[results["model"].isin(["cagr", "projection"]) & results["allowed"]].shape[0]


def test_one_fact_stated_twice_is_one_point():
    a = _row("S900-000001", 44000, "2021-12-31", value_low=43500.0, value_high=44500.0, qualifier="rounded")
    b = _row("S900-000002", 44080, "2022-06-30", basis="undated", same_fact_as="S900-000001")
    kept, notes = cmp.series_points([a, b])
    # one point, dated by the dated statement, valued by the narrower one, citing both
    assert [r["figure_id"] for r in kept] == ["S900-000001;S900-000002"]
    assert kept[0]["value"] == 44080 and kept[0]["ref_date"] == "2021-12-31"
    assert any("restates" in n for n in notes)
    wide = _row("S900-000003", 44000, "2022-06-30", basis="undated", same_fact_as="S900-000001",
                value_low=40000.0, value_high=48000.0, qualifier="rounded")
    assert [r["figure_id"] for r in cmp.series_points([a, wide])[0]] == ["S900-000001"]


def test_scopes_stock_flow_and_proposals_are_refused():
    private = _row("S900-000001", 264, indicator="sw_organisations", scope="private")
    target = _row("S900-000002", 400, "2025-12-31", basis="plan", kind="target", target_year="2025",
                  target_type="level", indicator="sw_organisations", scope="orgs_and_sector_bodies")
    assert not cmp.gap_gate(private, target).allowed
    stock = _row("S900-000003", 75, indicator="leading_talents_provincial")
    flow = _row("S900-000004", 150, "2025-12-31", basis="plan", kind="target", target_year="2025",
                target_type="cumulative_flow", indicator="leading_talents_provincial")
    decision = cmp.gap_gate(stock, flow)
    assert not decision.allowed and "cumulative flow" in decision.rule
    proposal = _row("S900-000005", 1, kind="norm", norm_status="proposal", indicator="norm_staff_per_station")
    assert not cmp.norm_gate(proposal).allowed
    results = fit_all(pd.DataFrame([stock, flow]))
    assert not results[(results["model"] == "gap") & results["allowed"]].shape[0]


def test_ratios_need_close_dates_and_one_scope():
    staff = [_row(f"S900-00000{i}", v, d, region_code=c, indicator="station_staff", scope=sc)
             for i, (v, d, c, sc) in enumerate([(100, "2022-06-30", "530100", ""), (200, "2022-06-30", "530300", ""),
                                                (300, "2022-06-30", "530400", "resident"),
                                                (400, "2022-06-30", "530500", "")], start=1)]
    stations = [_row(f"S900-00001{i}", v, d, region_code=c, indicator="township_stations")
                for i, (v, d, c) in enumerate([(10, "2022-06-30", "530100"), (10, "2021-05-31", "530300"),
                                               (10, "2022-06-30", "530400"), (10, "2022-06-30", "530500")], start=1)]
    table = ratio_table(pd.DataFrame(staff + stations), "station_staff", "township_stations",
                        ["530100", "530300", "530400", "530500"])
    assert sorted(table["region_code"]) == ["530100", "530500"]
    refused = table.attrs["refused"].set_index("region_code")["reason"]
    assert "six months" in refused["530300"] and "resident" in refused["530400"]


def test_sentences_keep_bounds_and_date_precision():
    target = _row("S900-000002", 100000, "2025-12-31", basis="plan", kind="target", target_year="2025",
                  qualifier="more_than", value_high=float("nan"), value_as_written="超10万人")
    assert phrasing.figure_value(target) == "超过10万人"
    assert phrasing.figure_value(target, "en") == "more than 100,000 persons"
    doc = _row("S900-000003", 8408, "2022-07-31", basis="document")
    assert "7月" in phrasing.figure_date(doc) and "约" in phrasing.figure_date(doc)
    assert "31" not in phrasing.figure_date(doc) and "31" not in phrasing.figure_date(doc, "en")
    undated = _row("S900-000004", 135, "2022-07-31", basis="undated")
    assert phrasing.figure_date(undated).startswith("未注明日期")
    level = _row("S900-000005", 79300, "2021-12-31", qualifier="rounded", value_low=79250.0, value_high=79350.0)
    gap = {"model": "gap", "statistic": "gap to target", "estimate": 20700.0, "band_low": 20650.0,
           "band_high": 20750.0, "unit": "persons", "indicator": "certified_social_workers",
           "region_name": "江苏省", "region_code": "320000", "figure_ids": "S900-000005;S900-000002"}
    zh, en = phrasing.result_sentence(gap, {"S900-000005": level, "S900-000002": target})
    assert "至少差20650人" in zh and "at least 20,650 persons short" in en


def test_projected_counts_are_whole_and_no_fraction_printed():
    assert phrasing.number_zh(15.7, "organisations") == "16"
    assert phrasing.number_en(15.7, "organisations") == "16"


def test_saturated_sets_and_raw_counts_are_refused():
    assert not cmp.variation_gate([100.0, 100.0, 100.0, 100.0], "gini").allowed
    decision, _ = cmp.sigma_gate({2021: {"a", "b", "c"}, 2022: {"a", "b", "c"}}, is_rate=False)
    assert not decision.allowed
    decision, common = cmp.sigma_gate({2021: {"a", "b", "c", "d"}, 2022: {"a", "b", "e", "f"}}, is_rate=True)
    assert not decision.allowed and common == {"a", "b"}


def test_no_t_interval_from_one_degree_of_freedom():
    rows = [_row(f"S900-00000{i}", v, d) for i, (v, d) in
            enumerate([(100, "2018-12-31"), (150, "2019-12-31"), (230, "2020-12-31")], start=1)]
    results = fit_all(pd.DataFrame(rows))
    loglinear = results[results["model"] == "loglinear"]
    assert not loglinear["allowed"].any()


def test_every_qualifier_has_a_chart_marker_and_a_label():
    from swtoolkit import charts
    from swtoolkit.cleaning.schema import QUALIFIERS
    from swtoolkit.models.ratios import BOUND_SYMBOL

    assert set(QUALIFIERS) <= set(charts.QUALIFIER_MARKERS) and set(QUALIFIERS) <= set(charts.QUALIFIER_LABELS)
    assert set(QUALIFIERS) <= set(BOUND_SYMBOL)


def test_an_undated_total_is_shown_with_its_dated_parts_never_their_sum():
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    total = _row("S900-000010", 135, "2022-07-31", basis="undated", indicator="township_stations",
                 unit="stations", value_as_written="135个")
    towns = _row("S900-000011", 131, "2022-06-30", indicator="township_stations", unit="stations",
                 subset="乡镇 only", value_as_written="131个")
    streets = _row("S900-000012", 10, "2022-06-30", indicator="township_stations", unit="stations",
                   subset="街道 only", value_as_written="10个")
    older = _row("S900-000013", 90, "2021-12-31", indicator="township_stations", unit="stations",
                 subset="乡镇 only", value_as_written="90个")
    report = RegionReport(regions.resolve("530100"), pd.DataFrame([total, towns, streets, older]),
                          results=pd.DataFrame(columns=["region_code", "allowed", "model"]))
    found = report.level_sentences()
    # the dated parts make the whole (乡镇 + 街道): they are the dated level (editor 7, E7-17); the undated total,
    # smaller than the parts together, is refused as latest and is no finding of its own: the parts' sentence
    # says the relation once (editor 9, N-1), with no "not added" beside it
    assert "乡镇131个" in found[0] and "街道10个" in found[0] and "不相加" not in found[0]
    assert "135个" in found[0] and "少于上述分项合起来的数目" in found[0]
    assert not any("原文未注明日期" in s for s in found) and len(found) == 1
    assert "90个" not in found[0] and "141" not in " ".join(found)  # the older part and no invented sum
    dated_total = _row("S900-000014", 143, "2022-06-30", indicator="township_stations", unit="stations")
    report = RegionReport(regions.resolve("530100"), pd.DataFrame([total, towns, dated_total]),
                          results=pd.DataFrame(columns=["region_code", "allowed", "model"]))
    assert [s for s in report.level_sentences() if "分项" in s] == []  # a dated total needs no parts
