"""Cross-region and national comparisons set figures side by side by their WHOLE date intervals (helper refnat).

A figure dated only by its document (a page of about March 2022: its month) or to its year lies somewhere in that
interval; comparing only the interval's last day set a page of about March 2022 beside end-September 2022 as if
they were six months apart (national Table 3 ranked Tianjin against Guizhou so). Built from small synthetic rows.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from tests.test_claims import _ratio_rows

D = dt.date


# ---- comparability.common_window: spans, not last days --------------------------------------------------------------
def test_common_window_sets_regions_side_by_side_only_when_their_whole_intervals_fit():
    from swtoolkit.models.comparability import common_window

    # a page of about March 2022 (1–31 March) against end-September 2022: its last day is 183 days before, its
    # first 213: not within six months
    kept, far = common_window({"tj": [(D(2022, 3, 1), D(2022, 3, 31))], "gz": ["2022-09-30"],
                               "yn": [(D(2022, 9, 30), D(2022, 9, 30))]})
    assert kept == {"gz", "yn"} and "tj" in far and "2022-03-01" in far["tj"]
    # the same page read as its last day alone would have been kept: the old fault
    kept, _ = common_window({"tj": ["2022-03-31"], "gz": ["2022-09-30"]})
    assert kept == {"tj", "gz"}
    # a page dated to its year only spans the year: it fits no six-month window, even on its own
    kept, far = common_window({"year": [(D(2022, 1, 1), D(2022, 12, 31))]})
    assert kept == set() and "2022-01-01" in far["year"]
    # an undated figure (open start: any day before its document) never fits a window
    kept, far = common_window({"undated": [(D.min, D(2022, 6, 30))], "a": ["2022-06-30"], "b": [None, "2022-06-30"]})
    assert kept == {"a"} and {"undated", "b"} <= set(far) and "without a date" in far["undated"]


def test_within_window_by_year_reads_the_rows_whole_intervals():
    from swtoolkit.models.comparability import within_window_by_year

    panel = pd.DataFrame([
        {"region_code": "a", "ref_date": "2022-09-30", "date_low": "2022-09-30", "date_high": "2022-09-30"},
        {"region_code": "b", "ref_date": "2022-09-30", "date_low": "2022-09-30", "date_high": "2022-09-30"},
        {"region_code": "c", "ref_date": "2022-03-31", "date_low": "2022-03-01", "date_high": "2022-03-31"}])
    years = pd.Series([2022] * 3, index=panel.index)
    assert list(within_window_by_year(panel, years)) == [True, True, False]
    assert list(within_window_by_year(panel.drop(columns=["date_low", "date_high"]), years)) == [True] * 3


# ---- league tables (ratios.ratio_table) ------------------------------------------------------------------------------
def test_a_league_table_never_ranks_a_month_dated_page_beside_figures_its_whole_month_is_too_far_from():
    from swtoolkit.models.ratios import ratio_table

    page = _ratio_rows("120000", "天津市", 900, 300, "2022-03-31")
    for r in page:  # dated only by a page of about March 2022
        r.update(date_basis="document", ref_date_low="2022-03-01", ref_date_high="2022-03-31",
                 date_estimated=True)
    rows = (page + _ratio_rows("520000", "贵州省", 1200, 400, "2022-09-30")
            + _ratio_rows("530000", "云南省", 1500, 500, "2022-09-30"))
    ranked = ratio_table(pd.DataFrame(rows), "station_staff", "township_stations", ["120000", "520000", "530000"])
    assert set(ranked["region_code"]) == {"520000", "530000"}
    refused = ranked.attrs["refused"].set_index("region_code")
    assert refused.loc["120000", "code"] == "window"


def test_a_league_table_never_ranks_a_page_dated_to_its_year():
    from swtoolkit.models.ratios import ratio_table

    page = _ratio_rows("120000", "天津市", 900, 300, "2022-12-31")
    for r, at in zip(page, (100, 120), strict=True):  # stated together on one page: numerator and denominator agree
        r.update(date_basis="document", ref_date_low="2022-01-01", ref_date_high="2022-12-31",
                 ref_date_precision="year", locator=at)
    rows = page + _ratio_rows("520000", "贵州省", 1200, 400, "2022-12-31")
    ranked = ratio_table(pd.DataFrame(rows), "station_staff", "township_stations", ["120000", "520000"])
    assert list(ranked["region_code"]) == ["520000"]
    assert ranked.attrs["refused"].set_index("region_code").loc["120000", "code"] == "window"


# ---- densities across provinces (density.density_points and the weighted Gini/Theil) --------------------------------
def _fig(fid, code, indicator, value, date, basis="stated", low=None, high=None, precision="month"):
    return {"figure_id": fid, "source_id": fid.split("-")[0], "region_code": code, "region_name": code,
            "region_level": "country" if code == "000000" else "province", "province_code": code,
            "indicator": indicator, "kind": "actual", "value": float(value), "value_low": float(value),
            "value_high": float(value), "qualifier": "exact", "ref_date": date, "ref_date_precision": precision,
            "date_basis": basis, "ref_date_low": low or date, "ref_date_high": high or date, "same_fact_as": "",
            "place": "", "subset": "", "scope": "", "value_as_written": str(value), "unit": "persons",
            "locator": "words", "period_start": ""}


def test_a_density_point_carries_the_whole_interval_of_its_count_and_population():
    from swtoolkit.models.density import density_points

    clean = pd.DataFrame([_fig("W1-01", "120000", "certified_social_workers", 10000, "2022-03-31", "document",
                               "2022-03-01"),
                          _fig("W1-02", "120000", "population", 13_000_000, "2022-06-30")])
    points, refused = density_points(clean)
    assert refused.empty
    assert (points.loc[0, "date_low"], points.loc[0, "date_high"]) == ("2022-03-01", "2022-06-30")


# ---- fit_cross: series points keep their whole intervals ------------------------------------------------------------
def test_series_points_keep_their_whole_date_intervals_and_cross_region_sigma_reads_them():
    from swtoolkit.models.fit_cross import _sigma_rows
    from swtoolkit.models.results import Context
    from swtoolkit.models.series import from_frame

    row = _fig("W2-01", "120000", "certified_social_workers", 10000, "2022-03-31", "document", "2022-03-01")
    s = from_frame(pd.DataFrame([row]))
    assert s.span(0) == (D(2022, 3, 1), D(2022, 3, 31))
    assert s.subset([True]).span(0) == (D(2022, 3, 1), D(2022, 3, 31))
    # five regions at end-September and a sixth whose page is of about March: the sixth is not compared
    panel = pd.DataFrame(
        [{"region_code": f"r{i}", "ref_date": d, "value": 10.0 + i, "date_low": d, "date_high": d}
         for i in range(5) for d in ("2021-09-30", "2022-09-30")]
        + [{"region_code": "page", "ref_date": "2021-09-30", "value": 30.0, "date_low": "2021-09-30",
            "date_high": "2021-09-30"},
           {"region_code": "page", "ref_date": "2022-03-31", "value": 40.0, "date_low": "2022-03-01",
            "date_high": "2022-03-31"}])
    rows = _sigma_rows(panel, Context("CN", "全国", "x"), "China", ["W"], is_rate=True)
    assert rows and all(r["n_points"] == 5 for r in rows if r["allowed"])


# ---- models.national: a province's growth beside the nation's ------------------------------------------------
def test_national_growth_is_paired_over_whole_date_intervals():
    from swtoolkit.models.national import apart_days, national_context, shared_share

    end_2018 = _fig("N-01", "000000", "x", 1, "2018-12-31")
    page_2019 = _fig("N-02", "000000", "x", 1, "2019-12-31", "document", "2019-01-01", "2019-12-31", "year")
    assert apart_days(end_2018, _fig("P-01", "430000", "x", 1, "2019-03-31")) == 90
    assert apart_days(page_2019, _fig("P-01", "430000", "x", 1, "2019-12-31")) == 364
    # windows whose ends are intervals share the least any choice of days allows
    assert shared_share("2018-12-31", "2020-12-31", "2018-12-31", "2020-12-31") == 1.0
    assert shared_share("2018-12-31", "2020-12-31", ("2018-01-01", "2018-12-31"), "2020-12-31") < 0.7

    # the nation's only figure near the province's end is a page dated to its year: not a partner for end-2021
    clean = pd.DataFrame([
        _fig("P-10", "430000", "certified_social_workers", 10000, "2018-12-31"),
        _fig("P-11", "430000", "certified_social_workers", 20000, "2021-12-31"),
        _fig("N-10", "000000", "certified_social_workers", 439000, "2018-12-31"),
        _fig("N-11", "000000", "certified_social_workers", 737000, "2021-12-31", "document", "2021-01-01",
             "2021-12-31", "year")])
    growth = national_context(clean, "430000")[1]
    assert not growth.allowed and "no national figure within" in growth.reason
    # the same national figure dated to its day is a partner: the refusal above is the interval's doing
    clean.loc[3, ["date_basis", "ref_date_low"]] = ["stated", "2021-12-31"]
    assert national_context(clean, "430000")[1].allowed


# ---- the audit: every limitation line lists the figures it rests on -------------------------------------------------
def test_every_limitation_about_figures_lists_their_ids_in_the_audit():
    from tests.test_ref_b import two_point_limits

    report, limits = two_point_limits()
    refusals = [c for c in limits if c.kind == "refusal" or "refused for too few" in c.gates]
    assert refusals, "the refused models are listed"
    for claim in refusals:  # each refused model run rests on the two figures of the series
        assert set(claim.figure_ids.split(";")) == {"S900-000101", "S900-000102"}, claim


def test_the_line_on_figures_set_aside_in_cleaning_lists_them_in_the_audit():
    from tests.test_referee8_text import row
    from tests.test_referee10a_refused import english, report, text_of

    rep = report([row("S9-32", "000000", "certified_social_workers", 9e5)],
                 [english("W6-01", "000000", "township_station_coverage", "56 percent", date="current")],
                 region="000000")
    text_of(rep)
    lines = [c for c in rep.claims if c.block == "limits" and ("W6-01" in c.gates or "拒收" in c.text)]
    assert lines and all("W6-01" in c.figure_ids.split(";") for c in lines), lines


def test_the_methods_say_six_months_hold_for_every_day_of_a_date_interval():
    from swtoolkit.reports.content import methods_items

    text = " ".join(methods_items(D(2026, 11, 30)))
    assert "整个区间" in text and "every day of each figure's date interval" in text


# ---- a key finding resting on a figure in recorded conflict says so ------------------------------------------------
def test_a_growth_finding_ending_on_a_figure_in_recorded_conflict_says_so():
    import re

    from swtoolkit import regions
    from swtoolkit.models import fit_all
    from swtoolkit.reports.content import RegionReport
    from tests.test_semantics import _row

    nation = dict(region_code="000000", region_name="全国", region_name_en="China", region_level="country",
                  province_code="", ref_date_precision="year", indicator="certified_assistant")
    clean = pd.DataFrame([
        _row("W901-03", 154000, "2015-12-31", value_low=153500, value_high=154500, qualifier="rounded",
             value_as_written="15.4万人", source_id="W901", **nation),
        _row("W943-02", 333000, "2018-12-31", value_low=333000, value_high=334000, qualifier="more_than",
             value_as_written="33.3万余人", source_id="W943", **nation),
        _row("W943-03", 107000, "2018-12-31", value_low=107000, value_high=108000, qualifier="more_than",
             value_as_written="10.7万余人", source_id="W943", **{**nation, "indicator": "certified_intermediate"}),
        _row("W927-14", 439000, "2018-12-31", value_low=438500, value_high=439500, qualifier="rounded",
             value_as_written="43.9万", source_id="W927", **{**nation, "indicator": "certified_social_workers"})])
    conflict = {"check": "conflict", "status": "explained", "region_code": "000000",
                "indicator": "certified_social_workers", "ref_date": "2018-12-31",
                "figure_ids": "W943-02 W943-03 W927-14",
                "detail": "parts certified_assistant+certified_intermediate of W943 come to more than 440000; a total "
                "of another source cannot hold them", "explanation": "x",
                "verdict": "disagree"}
    report = RegionReport(regions.get("000000"), clean, results=fit_all(clean), conflicts=pd.DataFrame([conflict]),
                          draw_charts=False)
    items = [re.sub(r"<[^>]+>", " ", li) for li in re.findall(r"<li>(.*?)</li>", report.key_findings().body, re.S)]
    rated = [t for t in items if "年均增长" in t and "33.3万" in t]
    assert rated  # (here it is a finding; dropping it would also keep the rule)
    for finding in rated:  # the finding that ends on the figure names the recorded conflict, or is not a finding
        assert "冲突" in finding and "conflict" in finding, finding


def test_an_undated_pair_stated_together_is_refused_as_undated_not_as_far_apart():
    from swtoolkit.models.ratios import ratio_table

    page = _ratio_rows("120000", "天津市", 900, 300, "2022-09-30")
    for r, at in zip(page, (100, 120), strict=True):  # stated together, neither dated: any time before the page
        r.update(date_basis="undated", ref_date_low="", locator=at)
    rows = (page + _ratio_rows("520000", "贵州省", 1200, 400, "2022-09-30")
            + _ratio_rows("530000", "云南省", 1500, 500, "2022-09-30"))
    ranked = ratio_table(pd.DataFrame(rows), "station_staff", "township_stations", ["120000", "520000", "530000"])
    assert set(ranked["region_code"]) == {"520000", "530000"}
    assert ranked.attrs["refused"].set_index("region_code").loc["120000", "code"] == "undated"
