"""Claims that say no more than the data (issue 11, referee pass): open ends stay open, scenarios come from the data,
floor targets keep their side in the words. Small synthetic rows; each test fails if its kind of fault came back."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from swtoolkit.errors import ModelRefusedError
from swtoolkit.models.gaps import attainment_year, gap_to_target, required_vs_historical
from swtoolkit.models.gatekeeper import decide
from swtoolkit.models.growth import fit_cagr, fit_projection
from swtoolkit.models.series import BandSettings, from_frame, interval_of
from swtoolkit.reports import phrasing


def frame(points: list[tuple]) -> pd.DataFrame:
    """(date, value, qualifier[, low, high]) → a one-indicator frame of certified social workers."""
    rows = []
    for i, p in enumerate(points):
        date, value, qual = p[:3]
        low = p[3] if len(p) > 3 else (value if qual == "exact" else math.nan)
        high = p[4] if len(p) > 4 else (value if qual == "exact" else math.nan)
        rows.append({"figure_id": f"T-{i:06d}", "indicator": "certified_social_workers", "ref_date": date,
                     "value": value, "value_low": low, "value_high": high, "qualifier": qual, "kind": "actual",
                     "unit": "persons"})
    return pd.DataFrame(rows)


def clean_rows(points: list[tuple], target: tuple | None = None) -> dict[str, dict]:
    """Clean rows by id for the phrasing layer (the same figures as :func:`frame`, plus an optional target)."""
    out = {}
    for r in frame(points).to_dict("records"):
        r.update({"region_name": "某省", "region_code": "990000", "date_basis": "stated",
                  "ref_date_precision": "day"})
        out[r["figure_id"]] = r
    if target is not None:
        value, qual, year = target
        out["T-TARGET"] = {"figure_id": "T-TARGET", "indicator": "certified_social_workers", "value": value,
                           "value_low": value, "value_high": math.nan if qual != "exact" else value,
                           "qualifier": qual, "kind": "target", "unit": "persons", "target_year": str(year),
                           "ref_date": f"{year}-12-31", "date_basis": "plan", "region_name": "某省"}
    return out


def row_of(result, ids: list[str]) -> dict:
    rec = result.to_records()[0]
    rec["figure_ids"] = ";".join(ids)
    rec["region_name"] = "某省"
    return rec


# ---- 1. open ends ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("qual,side", [("more_than", "high"), ("at_least", "high"), ("less_than", "low"),
                                       ("at_most", "low")])
def test_an_open_end_is_never_given_a_number(qual, side):
    lo, hi, note = interval_of({"value": 2000, "qualifier": qual, "figure_id": "X"}, BandSettings(), "persons")
    assert (hi if side == "high" else lo) in (math.inf, -math.inf)
    assert (lo if side == "high" else hi) == 2000
    assert "%" not in note


def test_rounding_qualifiers_stay_two_sided():
    lo, hi, _ = interval_of({"value": 1600, "value_low": 1600, "value_high": 1700, "qualifier": "more_than"},
                            BandSettings(), "persons")
    assert (lo, hi) == (1600, 1700)


def test_growth_to_a_more_than_figure_is_at_least_its_bound():
    s = from_frame(frame([("2018-12-31", 30149, "exact"), ("2025-02-28", 100000, "more_than")]))
    res = fit_cagr(s)
    assert math.isnan(res.estimate)  # no central value from an invented end
    row = res.to_records()[0]
    assert row["band_high"] == math.inf and row["band_low"] == pytest.approx(
        (100000 / 30149) ** (1 / ((pd.Timestamp("2025-02-28") - pd.Timestamp("2018-12-31")).days / 365.25)) - 1)
    zh, en = phrasing.result_sentence(row_of(res, ["T-000000", "T-000001"]),
                                      clean_rows([("2018-12-31", 30149, "exact"),
                                                  ("2025-02-28", 100000, "more_than")]))
    assert "年均增长至少" in zh and "at least" in en
    assert "—" not in zh.split("年均")[1]  # no two-sided range


def test_a_fall_to_a_less_than_figure_is_at_least_that_fall():
    pts = [("2008-12-31", 5731, "exact"), ("2012-07-09", 2000, "less_than")]
    res = fit_cagr(from_frame(frame(pts)))
    row = res.to_records()[0]
    assert math.isnan(row["estimate"]) and row["band_low"] == -math.inf and row["band_high"] < 0
    zh, en = phrasing.result_sentence(row_of(res, ["T-000000", "T-000001"]), clean_rows(pts))
    assert "年均下降至少" in zh and "a fall of at least" in en


def test_open_ends_on_opposite_sides_refuse_growth():
    s = from_frame(frame([("2018-12-31", 3000, "more_than"), ("2022-12-31", 9000, "more_than")]))
    assert not decide(s, "cagr").allowed and "no bound" in decide(s, "cagr").rule


def test_fits_needing_central_values_refuse_open_points():
    s = from_frame(frame([("2016-12-31", 1000, "exact"), ("2018-12-31", 1500, "more_than"),
                          ("2020-12-31", 2500, "exact"), ("2022-12-31", 4000, "exact")]))
    for model in ("loglinear", "fieller"):
        d = decide(s, model)
        assert not d.allowed and "open end" in d.rule


def test_a_one_sided_projection_says_its_side():
    pts = [("2018-12-31", 30149, "exact"), ("2022-12-31", 100000, "more_than")]
    res = fit_projection(from_frame(frame(pts)))
    assert math.isnan(res.estimate) and res.high == math.inf and res.low > 100000
    zh, en = phrasing.result_sentence(row_of(res, ["T-000000", "T-000001"]), clean_rows(pts))
    assert "至少为" in zh and "at least" in en


# ---- 5. scenarios from the data, never beyond the span ---------------------------------------------------------------
def test_two_exact_figures_give_no_invented_scenario_range():
    pts = [("2018-12-31", 1000, "exact"), ("2020-12-31", 4000, "exact")]  # a fast series: 100% a year
    res = fit_projection(from_frame(frame(pts)))
    assert math.isnan(res.low) and math.isnan(res.high) and "±" not in res.interval
    zh, en = phrasing.result_sentence(row_of(res, ["T-000000", "T-000001"]), clean_rows(pts))
    assert "5个百分点" not in zh and "5 points" not in en and "不设区间" in zh and "不确定性" in zh


def test_scenario_range_of_rounded_figures_is_their_cagr_band():
    pts = [("2018-12-31", 44000, "rounded", 43500, 44500), ("2021-12-31", 66000, "rounded", 65500, 66500)]
    s = from_frame(frame(pts))
    res = fit_projection(s)
    g_slow = (65500 / 44500) ** (1 / 3.0) - 1
    assert res.low == pytest.approx(s.mid[-1] * (1 + g_slow) ** 3.0, rel=2e-3)
    assert "CAGR band" in res.interval
    zh, _ = phrasing.result_sentence(row_of(res, ["T-000000", "T-000001"]), clean_rows(pts))
    assert "最慢与最快增速" in zh


def test_scenario_range_of_a_trend_is_its_confidence_interval():
    # about 25% a year in every segment (editor 9, N-2: 100, 130, 160, 220, 260, 340 grows 18%–38% by segment, and
    # no scenario runs at one rate the segments contradict, on the trend path as on the two-point one)
    pts = [(f"{y}-12-31", v, "exact") for y, v in zip(range(2016, 2022), [100, 125, 157, 196, 245, 307],
                                                         strict=True)]
    res = fit_projection(from_frame(frame(pts)))
    assert "log-linear" in res.interval and res.low < res.estimate < res.high and "trend" in " ".join(res.notes)
    jumpy = [(f"{y}-12-31", v, "exact") for y, v in zip(range(2016, 2022), [100, 130, 160, 220, 260, 340],
                                                           strict=True)]
    with pytest.raises(ModelRefusedError, match="constant growth"):
        fit_projection(from_frame(frame(jumpy)))


def test_no_projection_beyond_the_data_span():
    s = from_frame(frame([("2018-12-31", 1000, "exact"), ("2020-12-31", 1500, "exact")]))
    with pytest.raises(ModelRefusedError, match="span"):
        fit_projection(s, horizon="2026-12-31")


def test_attainment_scenarios_come_from_the_data():
    exact = from_frame(frame([("2018-12-31", 1000, "exact"), ("2020-12-31", 2000, "exact")]))
    res = attainment_year(exact, 8000)
    assert math.isnan(res.low) and math.isnan(res.high) and "±" not in res.interval
    rounded = from_frame(frame([("2018-12-31", 1000, "rounded", 950, 1050),
                                ("2020-12-31", 2000, "rounded", 1950, 2050)]))
    res = attainment_year(rounded, 8000)
    assert res.low < res.estimate < res.high and "CAGR band" in res.interval


# ---- 6. floor targets ------------------------------------------------------------------------------------------------
def test_gap_to_a_floor_target_is_at_least():
    res = gap_to_target(79300, "2021-12-31", 100000, 2025, target_side="at_least")
    rec = res.to_records()[0]
    assert math.isnan(rec["estimate"]) and rec["band_low"] == pytest.approx(20700) and rec["band_high"] == math.inf
    figs = clean_rows([("2021-12-31", 79300, "exact")], (100000, "more_than", 2025))
    zh, en = phrasing.result_sentence(row_of(res, ["T-000000", "T-TARGET"]), figs)
    assert "至少差2.07万" in zh and "尚差" not in zh and "at least 20,700" in en and "short" in en


def test_gap_from_a_more_than_level_is_at_most():
    res = gap_to_target(60000, "2021-12-31", 100000, 2025, band=(60000, math.inf))
    rec = res.to_records()[0]
    assert math.isnan(rec["estimate"]) and rec["band_low"] == -math.inf and rec["band_high"] == pytest.approx(40000)


def test_required_growth_to_a_floor_target_is_at_least():
    s = from_frame(frame([("2019-12-31", 50000, "exact"), ("2021-12-31", 79300, "exact")]))
    res = required_vs_historical(s, 100000, 2025, target_side="at_least")
    rec = res.to_records()[0]
    assert math.isnan(rec["estimate"]) and rec["band_high"] == math.inf
    figs = clean_rows([("2019-12-31", 50000, "exact"), ("2021-12-31", 79300, "exact")], (100000, "more_than", 2025))
    zh, _ = phrasing.result_sentence(row_of(res, ["T-000000", "T-000001", "T-TARGET"]), figs)
    assert "至少" in zh


def test_attainment_of_a_floor_target_is_the_year_the_floor_is_reached():
    s = from_frame(frame([("2019-12-31", 50000, "exact"), ("2021-12-31", 79300, "exact")]))
    res = attainment_year(s, 100000)
    figs = clean_rows([("2019-12-31", 50000, "exact"), ("2021-12-31", 79300, "exact")], (100000, "more_than", 2025))
    zh, en = phrasing.result_sentence(row_of(res, ["T-000000", "T-000001", "T-TARGET"]), figs)
    assert "下限" in zh and "并非目标完成" in zh and "not the year the target is met" in en


# ---- 8. plan ends are points -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("written,year,plan", [("截至“十二五”末", 2015, "十二五"), ("十一五末", 2010, "十一五"),
                                               ("“十三五”期末", 2020, "十三五"), ("截至十四五时期末", 2025, "十四五")])
def test_a_plan_end_is_said_as_a_point(written, year, plan):
    from swtoolkit.cleaning.dates import parse_date

    parsed = parse_date(written, pd.Timestamp("2022-07-31").date())
    assert parsed.ref_date.isoformat() == f"{year}-12-31" and parsed.precision == "year"
    row = {"ref_date": f"{year}-12-31", "ref_date_precision": "year", "date_basis": "stated",
           "date_as_written": written}
    said = phrasing.figure_date(row)
    assert said == f"截至{year}年底（“{plan}”末）" and "时期" not in said
    assert phrasing.figure_point(row).startswith(f"{year}年底")
    assert f"end-{year}" in phrasing.figure_date(row, "en") and "over the" not in phrasing.figure_date(row, "en")


def test_a_plan_period_is_still_a_period():
    row = {"ref_date": "2020-12-31", "ref_date_precision": "period", "date_basis": "stated",
           "date_as_written": "“十三五”时期"}
    assert "时期" in phrasing.figure_date(row)


# ---- 9. data as of: subject indicators only --------------------------------------------------------------------------
def test_data_as_of_comes_only_from_subject_indicators():
    from swtoolkit import regions
    from swtoolkit.codebook import DENOMINATORS, SUBJECT_INDICATORS, codebook
    from swtoolkit.reports.content import RegionReport

    assert "exam_registrants" not in SUBJECT_INDICATORS and "population" in DENOMINATORS
    assert set(codebook()["role"]) <= {"subject", "denominator", "context"}

    def row(fid, indicator, date):
        return {"figure_id": fid, "region_code": "500000", "region_name": "重庆市", "indicator": indicator,
                "value": 100.0, "value_low": 100.0, "value_high": 100.0, "qualifier": "exact", "unit": "persons",
                "ref_date": date, "ref_date_precision": "year", "date_basis": "stated", "kind": "actual",
                "place": "", "date_as_written": f"{date[:4]}年底"}

    clean = pd.DataFrame([row("A-1", "certified_social_workers", "2022-12-31"),
                          row("A-2", "exam_registrants", "2025-12-31"), row("A-3", "population", "2024-12-31")])
    report = RegionReport(regions.resolve("500000"), clean,
                          results=pd.DataFrame(columns=["region_code", "allowed", "model"]))
    date, _, rest = report.as_of.partition("（依据")
    assert "2022" in date and "2025" not in date and "2024" not in date
    # a later context figure never sets the date; the cover only says that other figures run later (R6b-21), and a
    # denominator (population) is not one of them
    assert "2024" not in report.as_of and ("2025" not in rest or "最晚：2025年底" in rest)


# ---- 2. regions ranked against each other lie close in time ----------------------------------------------------------
def _ratio_rows(code, name, staff, stations, date_num, date_den=None):
    from tests.test_semantics import _row

    date_den = date_den or date_num
    return [_row(f"S{code[:3]}-{code[3:]}1", staff, date_num, region_code=code, region_name=name,
                 indicator="station_staff", source_id=f"S{code[:3]}", locator=1),
            _row(f"S{code[:3]}-{code[3:]}2", stations, date_den, region_code=code, region_name=name,
                 indicator="township_stations", unit="stations", unit_as_written="个", source_id=f"S{code[:3]}",
                 locator=5000)]


def test_a_league_table_never_ranks_regions_dated_far_apart():
    from swtoolkit.models.ratios import ratio_table

    rows = (_ratio_rows("350000", "福建省", 900, 300, "2021-06-30")
            + _ratio_rows("520000", "贵州省", 1200, 400, "2022-12-31")
            + _ratio_rows("530000", "云南省", 1500, 500, "2022-10-31")
            + _ratio_rows("450000", "广西", 800, 400, "2022-11-30"))
    ranked = ratio_table(pd.DataFrame(rows), "station_staff", "township_stations",
                         ["350000", "520000", "530000", "450000"])
    assert set(ranked["region_code"]) == {"520000", "530000", "450000"}
    refused = ranked.attrs["refused"].set_index("region_code")
    assert "350000" in refused.index and "more than six months from the compared regions' dates" in \
        refused.loc["350000", "reason"]


def test_common_window_keeps_the_largest_close_set_and_says_why_not():
    from swtoolkit.models.comparability import common_window

    kept, far = common_window({"a": ["2021-06-30"], "b": ["2022-12-31"], "c": ["2022-09-30", "2022-12-31"],
                               "d": ["2020-01-31", "2022-12-31"]})
    assert kept == {"b", "c"} and set(far) == {"a", "d"} and "2021-06-30" in far["a"]


# ---- 3. a clause joining figures says each one's date when they differ -----------------------------------------------
def test_joined_figures_carry_their_own_dates_when_they_differ():
    from tests.test_semantics import _row

    staff = _row("S900-000021", 349, "2022-07-31", basis="undated", value_as_written="349名")
    stations = _row("S900-000022", 82, "2022-07-31", basis="document", unit="stations", value_as_written="82个")
    said = phrasing.joined_figures([staff, stations])
    assert said.count("（") >= 2 and "未注明日期" in said and "截至文件日期" in said
    same = phrasing.joined_figures([_row("S900-000023", 317, "2022-06-30"),
                                    _row("S900-000024", 66, "2022-06-30", unit="stations")])
    assert same.count("2022年6月底") == 1


# ---- 4. a headline from a secondary site says so; an official statement of one date is preferred ---------------------
def test_a_secondary_figure_is_named_as_such_and_official_preferred(monkeypatch):
    from swtoolkit import provenance
    from swtoolkit.models import comparability as cmp
    from tests.test_semantics import _row

    monkeypatch.setattr(provenance, "release_types", lambda: {"WX01": "secondary", "WX02": "official"})
    prep = _row("WX01-01", 1516000, "2024-12-31", source_id="WX01", value_as_written="151.6万")
    zh, en = phrasing.level_sentence("全国", "China", prep)
    assert "据二手网页转述" in zh and "secondary web page" in en
    official = _row("WX02-01", 1516000, "2024-12-31", source_id="WX02", value_as_written="151.6万人")
    zh, en = phrasing.level_sentence("全国", "China", official)
    assert "转述" not in zh and "secondary" not in en
    assert cmp.latest([prep, official])["figure_id"] == "WX02-01"
    assert cmp.latest([official, prep])["figure_id"] == "WX02-01"


# ---- 7. targets of different plans are kept apart --------------------------------------------------------------------
def test_targets_of_different_documents_are_said_to_be_apart():
    from tests.test_semantics import _row

    plan_a = _row("WA01-03", 500000, "2015-12-31", basis="plan", kind="target", target_year="2015",
                  source_id="WA01", indicator="sw_talent_total", value_as_written="50万人")
    plan_b = _row("WB02-01", 2000000, "2015-12-31", basis="plan", kind="target", target_year="2015",
                  source_id="WB02", indicator="sw_talent_total", value_as_written="200万人")
    note = phrasing.targets_apart_note([plan_a, plan_b])
    assert "不同的规划或文件" in note and "WA01" in note and "WB02" in note and "not compared" in note
    assert phrasing.targets_apart_note([plan_a]) == ""
    level = _row("WC03-01", 1600000, "2022-12-31", indicator="sw_talent_total", source_id="WC03",
                 qualifier="more_than", value_high=float("nan"), value_as_written="超过160万人")
    gap = {"model": "gap", "statistic": "gap to target", "estimate": -1100000.0, "band_low": -1100000.0,
           "band_high": -1100000.0, "unit": "persons", "indicator": "sw_talent_total", "region_name": "全国",
           "region_code": "000000", "figure_ids": "WC03-01;WA01-03"}
    zh, en = phrasing.result_sentence(gap, {"WC03-01": level, "WA01-03": plan_a})
    assert "目标出自来源WA01" in zh and "target from source WA01" in en


def test_exact_ends_give_no_scenario_range_even_with_a_rounded_middle():
    # a middle point on the path of constant growth (12,922 → 65,091 at 30.3% a year passes ≈47,500 in Nov 2023)
    pts = [("2018-12-31", 12922, "exact"), ("2023-11-30", 47000, "more_than", 47000, 48000),
           ("2025-02-08", 65091, "exact")]
    res = fit_projection(from_frame(frame(pts)))
    assert math.isnan(res.low) and math.isnan(res.high)
    # Hubei's real middle point (5.2万余) says the recent pace is 19–21%, not 30%: no projection at all (R8a-7)
    pts[1] = ("2023-11-30", 52000, "more_than", 52000, 53000)
    with pytest.raises(ModelRefusedError, match="disagree with constant growth"):
        fit_projection(from_frame(frame(pts)))


def test_open_figures_make_no_density_national_growth_or_rank():
    from swtoolkit.models.comparability import open_ended
    from swtoolkit.models.ratios import ratio_table
    from tests.test_semantics import _row

    open_row = _row("S900-000031", 2000, "2012-07-09", qualifier="less_than", value_low=float("nan"))
    rounded = _row("S900-000032", 1600, "2012-07-09", qualifier="more_than", value_high=1700.0)
    assert open_ended(open_row) and not open_ended(rounded)
    rows = (_ratio_rows("520000", "贵州省", 1200, 400, "2022-12-31") + _ratio_rows("530000", "云南省", 1500, 500,
                                                                                "2022-10-31"))
    rows[0].update(qualifier="more_than", value_high=float("nan"))
    ranked = ratio_table(pd.DataFrame(rows), "station_staff", "township_stations", ["520000", "530000"])
    assert list(ranked["region_code"]) == ["530000"]
    assert "one-sided" in ranked.attrs["refused"].iloc[0]["reason"]


def test_scenario_range_of_nearly_equal_rounded_ends_is_still_computed():
    pts = [("2020-12-31", 99365519, "exact"), ("2023-12-31", 98150000, "rounded", 98145000, 98155000)]
    res = fit_projection(from_frame(frame(pts)))
    assert res.low <= res.estimate <= res.high


def test_no_attainment_year_or_forecast_beyond_the_data_span():
    from swtoolkit.models import fit_all
    from swtoolkit.models.ets import fit_ets

    rows = [{"figure_id": f"K-{i}", "source_id": "K", "region_code": "530100", "region_name": "昆明市",
             "region_level": "prefecture", "province_code": "530000", "indicator": "certified_social_workers",
             "value": v, "value_low": v, "value_high": v, "qualifier": "exact", "unit": "persons",
             "ref_date": d, "ref_date_precision": "day", "kind": "actual", "target_year": None}
            for i, (d, v) in enumerate([("2019-12-31", 1000), ("2021-12-31", 1300)])]
    rows.append({**rows[0], "figure_id": "K-9", "value": 90000, "value_low": 90000, "value_high": 90000,
                 "kind": "target", "target_year": 2035, "target_type": "level", "ref_date": "2022-01-31"})
    out = fit_all(pd.DataFrame(rows))
    att = out[out["model"] == "attainment"].iloc[0]
    assert not att["allowed"] and "further ahead than the data span" in att["reason"]
    annual = frame([(f"{y}-12-31", 100 * 1.1 ** i, "exact") for i, y in enumerate(range(2010, 2021))])
    with pytest.raises(ModelRefusedError, match="span"):
        fit_ets(from_frame(annual), horizon=12)


def test_parts_dated_differently_each_say_their_date():
    from tests.test_semantics import _row

    towns = _row("S900-000041", 131, "2022-06-30", indicator="township_stations", unit="stations",
                 subset="乡镇 only", value_as_written="131个")
    streets = _row("S900-000042", 10, "2022-06-30", basis="document", indicator="township_stations",
                   unit="stations", subset="街道 only", value_as_written="10个")
    zh, en = phrasing.parts_sentence("昆明市", "Kunming", [towns, streets])
    assert "131个（截至2022年6月底）" in zh and "截至文件日期" in zh
    zh, _ = phrasing.parts_sentence("昆明市", "Kunming", [towns, {**streets, "date_basis": "stated"}])
    assert zh.startswith("截至2022年6月底，")


def test_no_attainment_year_before_the_latest_figure_that_is_still_below_target():
    from swtoolkit.models import fit_all

    base = {"source_id": "J", "region_code": "320000", "region_name": "江苏省", "region_level": "province",
            "province_code": "320000", "indicator": "certified_social_workers", "qualifier": "exact",
            "unit": "persons", "ref_date_precision": "day", "kind": "actual", "target_year": None}
    def attainment(pts, target):
        rows = [{**base, "figure_id": f"J-{i}", "value": v, "value_low": v, "value_high": v, "ref_date": d}
                for i, (d, v) in enumerate(pts)]
        rows.append({**base, "figure_id": "J-9", "value": target, "value_low": target, "value_high": target,
                     "kind": "target", "target_year": 2025, "target_type": "level", "ref_date": "2022-01-31"})
        return fit_all(pd.DataFrame(rows)).query("model == 'attainment'").iloc[0]

    # segments of 22.5%, 22.5% and 18.3% a year agree with one rate; the last figure lies below the trend
    att = attainment([("2015-12-31", 20000), ("2017-12-31", 30000), ("2019-12-31", 45000), ("2021-12-31", 63000)],
                     63500)
    assert not att["allowed"] and "before the latest figure" in att["reason"]
    # the earlier example (37%, then 18%, then 1% a year): since editor 9 (N-2) no attainment year is read off a
    # pace the dated segments contradict, before any year is computed
    att = attainment([("2015-07-31", 20000), ("2018-12-31", 60000), ("2021-12-31", 98000), ("2023-06-30", 99800)],
                     100000)
    assert not att["allowed"] and "disagree with constant growth" in att["reason"]
