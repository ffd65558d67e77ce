"""An outside check of issue 11 (session 2026-12-01, helper `breaker`): new instances of the listed kinds, built from
small synthetic rows, that gave a false sentence or a number the data do not carry. Each test fails if its kind
came back: a league table that divides a running total or names one region highest of a tie or of overlapping
intervals; a gap, required rate or growth rate from an approximate (约) figure stated as exact; `--regions` of
audit not reading the report names build reads."""

from __future__ import annotations

import itertools
import math

import pandas as pd
import pytest

from swtoolkit import regions
from swtoolkit.cleaning.columns import CLEAN_COLUMNS
from swtoolkit.models.ratios import ratio_table
from swtoolkit.reports import phrasing
from swtoolkit.reports.content import RegionReport

PREFECTURES = ["530100", "530300", "530400", "530500", "530600"]
_LOCATORS = itertools.count(1000, 1000)  # each row its own passage: none is "stated together" with another


def row(fid: str, region: str, indicator: str, value: float, date: str = "2022-06-30", **extra) -> dict:
    """One clean row with every column: an exact figure dated at a month's end, whole region."""
    base = {c: "" for c in CLEAN_COLUMNS}
    name = regions.get(region)
    unit = "stations" if indicator == "township_stations" else "persons"
    base.update({"figure_id": fid, "source_id": "S003", "locator": str(next(_LOCATORS)),
                 "region_code": region, "region_name": name.name_zh, "region_name_en": name.name_en,
                 "region_level": name.level, "province_code": region[:2] + "0000", "indicator": indicator,
                 "family": indicator, "value": value, "value_low": value, "value_high": value, "qualifier": "exact",
                 "unit": unit, "unit_as_written": "个" if unit == "stations" else "人", "ref_date": date,
                 "ref_date_precision": "month", "date_basis": "stated", "date_estimated": False, "kind": "actual",
                 "value_as_written": f"{value:g}{'个' if unit == 'stations' else '人'}",
                 "date_as_written": f"截至{date[:4]}年{int(date[5:7])}月底"})
    base.update(extra)
    return base


def league(pairs: list[tuple], kinds: dict[int, str] | None = None) -> pd.DataFrame:
    """Staff and stations of prefecture i: (staff, stations[, stations_low, stations_high, qualifier])."""
    rows = []
    for i, p in enumerate(pairs):
        code = PREFECTURES[i]
        rows.append(row(f"S9-A{i}", code, "station_staff", p[0], kind=(kinds or {}).get(i, "actual")))
        stations = row(f"S9-B{i}", code, "township_stations", p[1])
        if len(p) > 2:
            stations.update(value_low=p[2], value_high=p[3], qualifier=p[4])
        rows.append(stations)
    return pd.DataFrame(rows, columns=CLEAN_COLUMNS)


def ranking(clean: pd.DataFrame) -> str:
    return " ".join(RegionReport(regions.get("530000"), clean, results=None, draw_charts=False).ranking_sentences())


# ---- a running total is no stock: never divided, never ranked beside stocks ---------------------------------------
def test_a_cumulative_numerator_is_never_ranked_per_station():
    clean = league([(100, 20), (300, 30), (90, 30), (40, 20)], kinds={1: "cumulative"})
    table = ratio_table(clean, "station_staff", "township_stations", PREFECTURES)
    assert "530300" not in set(table["region_code"])  # 300 ever deployed over 30 stations is not "10 per station"
    refused = table.attrs["refused"]
    assert refused.loc[refused["region_code"] == "530300", "code"].tolist() == ["running_total"]
    said = ranking(clean)
    assert "曲靖" not in said and "Qujing" not in said
    zh, en = phrasing.league_refusal_words("running_total", [clean.iloc[2].to_dict()])
    assert "累计" in zh and "running total" in en


def test_a_stock_beside_a_running_total_of_the_same_region_is_the_one_divided():
    clean = league([(100, 20), (90, 30), (40, 20)])
    later_total = row("S9-A9", "530100", "station_staff", 400, "2022-07-31", kind="cumulative")
    clean = pd.concat([clean, pd.DataFrame([later_total], columns=CLEAN_COLUMNS)], ignore_index=True)
    table = ratio_table(clean, "station_staff", "township_stations", PREFECTURES)
    kunming = table[table["region_code"] == "530100"].iloc[0]
    assert kunming["numerator"] == 100 and "S9-A9" not in kunming["figure_ids"]


# ---- highest and lowest only where no other region may equal or pass it -------------------------------------------
def test_a_tie_is_never_told_as_one_region_highest():
    clean = league([(100, 20), (90, 30), (50, 10), (40, 20)])  # Kunming and Yuxi both 5.00
    table = ratio_table(clean, "station_staff", "township_stations", PREFECTURES)
    assert table.set_index("region_code").loc[["530100", "530400"], "rank"].tolist() == ["1–2", "1–2"]
    said = ranking(clean)
    assert "昆明最高" not in said and "玉溪最高" not in said and "highest Kunming" not in said
    assert "都可能最高" in said and "may be any of" in said


def test_overlapping_intervals_are_never_told_as_one_region_lowest():
    # Yuxi's 50 staff over 20余 stations is 1.67 to 2.50 per station: it may be below Baoshan's 2.00
    clean = league([(100, 20), (90, 30), (50, 20, 20, 30, "more_than"), (40, 20)])
    table = ratio_table(clean, "station_staff", "township_stations", PREFECTURES)
    by = table.set_index("region_code")
    assert by.loc["530400", "rank"] == "3–4" and by.loc["530500", "rank"] == "3–4"
    said = ranking(clean)
    assert "保山最低" not in said and "lowest Baoshan" not in said and "都可能最低" in said
    assert "昆明最高" in said  # a place no other region can take is still named


def test_an_approximate_ratio_is_never_ranked_as_a_point():
    # 约100 staff over 20 stations is about 5: it may be below 98/20 = 4.90, so no place is known for it
    clean = league([(100, 20), (98, 20), (60, 20), (40, 20)])
    clean.loc[0, ["qualifier", "value_low", "value_high", "value_as_written"]] = ["approx", math.nan, math.nan,
                                                                                  "约100人"]
    table = ratio_table(clean, "station_staff", "township_stations", PREFECTURES)
    assert "530100" not in set(table["region_code"])
    refused = table.attrs["refused"]
    assert refused.loc[refused["region_code"] == "530100", "code"].tolist() == ["approx"]
    said = ranking(clean)
    assert "昆明最高" not in said and "highest Kunming" not in said
    assert "因数字界限不可比未排名" in said and "bounds of the figures not comparable" in said
    assert "日期或口径" not in said  # the reason given is the one that applies
    zh, en = phrasing.league_refusal_words("approx", [clean.iloc[0].to_dict()])
    assert "约数" in zh and "approximate" in en


def test_ranks_are_plain_where_intervals_are_apart():
    clean = league([(100, 20), (90, 30), (40, 20)])
    table = ratio_table(clean, "station_staff", "township_stations", PREFECTURES)
    assert table["rank"].tolist() == ["1", "2", "3"]


# ---- an approximate (约) figure makes every number computed from it approximate ----------------------------------
def _gap_words(level: dict, target: dict, band: tuple[float, float], estimate: float) -> tuple[str, str]:
    result = {"model": "gap", "statistic": "gap to target", "indicator": "certified_social_workers",
              "region_name": "江苏省", "region_code": "320000", "unit": "persons", "estimate": estimate,
              "band_low": band[0], "band_high": band[1], "figure_ids": f"{level['figure_id']};{target['figure_id']}"}
    figures = {level["figure_id"]: level, target["figure_id"]: target}
    return phrasing.result_sentence(result, figures), phrasing.result_cells(result, figures)


@pytest.mark.parametrize("target_written,qual,band,word_zh,word_en", [
    ("10万人", "exact", (20000.0, 20000.0), "差约2万人", "about 20,000 persons short"),
    ("超10万人", "more_than", (20000.0, math.inf), "至少差约2万人", "at least about 20,000 persons short"),
])
def test_a_gap_from_an_approximate_level_is_approximate(target_written, qual, band, word_zh, word_en):
    level = row("S9-01", "320000", "certified_social_workers", 80000, "2021-12-31", qualifier="approx",
                value_low=math.nan, value_high=math.nan, value_as_written="约8万人", ref_date_precision="year",
                date_as_written="截至2021年底")
    target = row("S9-02", "320000", "certified_social_workers", 100000, "2025-12-31", kind="target",
                 target_type="level", target_year="2025", qualifier=qual, value_low=100000.0,
                 value_high=math.nan if qual != "exact" else 100000.0, value_as_written=target_written,
                 date_basis="plan", date_as_written="到2025年")
    (zh, en), (_, cell, _) = _gap_words(level, target, band, 20000.0)
    assert word_zh in zh and word_en in en
    assert "差2万人" not in zh and " 20,000 persons short" not in en.replace("about 20,000", "")
    assert "≈" in cell


def test_an_exact_level_keeps_an_exact_gap():
    level = row("S9-01", "320000", "certified_social_workers", 80000, "2021-12-31")
    target = row("S9-02", "320000", "certified_social_workers", 100000, "2025-12-31", kind="target",
                 target_type="level", target_year="2025", date_basis="plan")
    (zh, en), (_, cell, _) = _gap_words(level, target, (20000.0, 20000.0), 20000.0)
    assert "差2万人" in zh and "约" not in zh.split("，")[-1] and "≈" not in cell


def test_a_growth_range_with_an_approximate_end_is_not_stated_as_its_bound():
    first = row("S9-01", "320000", "certified_social_workers", 60000, "2019-12-31", qualifier="rounded",
                value_low=55000.0, value_high=65000.0, value_as_written="6万人")
    last = row("S9-02", "320000", "certified_social_workers", 80000, "2021-12-31", qualifier="approx",
               value_low=math.nan, value_high=math.nan, value_as_written="约8万人")
    result = {"model": "cagr", "statistic": "annual growth", "indicator": "certified_social_workers",
              "region_name": "江苏省", "region_code": "320000", "unit": "persons", "estimate": 0.1546,
              "band_low": 0.1093, "band_high": 0.2059, "figure_ids": "S9-01;S9-02"}
    figures = {"S9-01": first, "S9-02": last}
    zh, en = phrasing.result_sentence(result, figures)
    assert "年均增长约15.5%" in zh and "about 15.5%" in en
    assert "，在10.9%—20.6%之间" not in zh and "误差未计入" in zh and "not included" in en
    assert phrasing.result_cells(result, figures)[1].startswith("≈")


# ---- the CLI reads --regions one way for build and audit ----------------------------------------------------------
def test_report_codes_read_comparison_and_comma_lists():
    from swtoolkit.errors import ParameterError
    from swtoolkit.reports.batch import report_codes
    from swtoolkit.reports.runner import COMPARISON_STEM

    clean = pd.DataFrame([row("S9-01", "530100", "station_staff", 10), row("S9-02", "530000", "station_staff", 9)],
                         columns=CLEAN_COLUMNS)
    assert report_codes(["comparison"], clean) == [COMPARISON_STEM]
    assert report_codes(["530100,Comparison", "530100"], clean) == ["530100", COMPARISON_STEM]
    with pytest.raises(ParameterError, match="nosuch"):
        report_codes(["nosuch"], clean)
    with pytest.raises(ParameterError, match="names no report"):
        report_codes([","], clean)


def test_audit_cli_accepts_comparison_and_fails_in_one_line(monkeypatch, capsys, tmp_path):
    from swtoolkit import cli
    from swtoolkit.reports import audit as audit_module
    from swtoolkit.reports import batch

    asked = []
    monkeypatch.setattr(audit_module, "audit", lambda out, codes: asked.append(codes) or pd.DataFrame(
        {"kind": ["sentence"], "report": ["comparison"]}))
    monkeypatch.setattr(batch, "refresh_index", lambda out: None)
    assert cli.main(["audit", "--regions", "comparison", "--out", str(tmp_path)]) == 0
    assert asked == [["comparison"]]
    assert cli.main(["audit", "--regions", "nosuch", "--out", str(tmp_path)]) != 0
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "nosuch" in err


# ---- a staffing-norm gap from rounded figures is the range they allow, never the midpoints' difference ------------
def _staffing(denominator: dict, supply: dict):
    from swtoolkit.models.fit import fit_all

    norm = row("S9-N1", "220000", "norm_certified_per_community", 3, "2021-12-31", kind="norm",
               norm_status="adopted", unit="persons per community", value_as_written="3名", date_basis="document")
    clean = pd.DataFrame([norm, denominator, supply], columns=CLEAN_COLUMNS)
    res = fit_all(clean)
    gap = res[(res["model"] == "staffing_gap") & res["allowed"]].iloc[0].to_dict()
    figures = {r["figure_id"]: r for r in clean.to_dict("records")}
    return gap, phrasing.result_sentence(gap, figures), phrasing.result_cells(gap, figures)


def test_a_staffing_gap_from_rounded_figures_gives_their_range():
    communities = row("S9-D1", "220000", "communities", 1600, "2021-12-31", qualifier="more_than", value_low=1600.0,
                      value_high=1700.0, unit="units", value_as_written="1600多个")
    supply = row("S9-S1", "220000", "certified_social_workers", 4000, "2021-12-31", qualifier="more_than",
                 value_low=4000.0, value_high=5000.0, value_as_written="4000余人")
    gap, (zh, en), (_, cell, _) = _staffing(communities, supply)
    assert (gap["band_low"], gap["band_high"]) == (0.0, 1100.0)  # 4,800–5,100 needed, 4,000–5,000 there
    assert "450" not in zh and "450" not in en and "450" not in cell  # the midpoints' difference, as if exact
    assert "至多为1100人" in zh and "也可能已无缺口" in zh and "there may be none" in en and cell == "≤1,100"


def test_a_staffing_gap_from_an_approximate_supply_is_approximate():
    communities = row("S9-D1", "220000", "communities", 1600, "2021-12-31", unit="units", value_as_written="1600个")
    supply = row("S9-S1", "220000", "certified_social_workers", 4000, "2021-12-31", qualifier="approx",
                 value_low=math.nan, value_high=math.nan, value_as_written="约4000人")
    _, (zh, en), (_, cell, _) = _staffing(communities, supply)
    assert "缺口约为800人" in zh and "about 800" in en and cell == "≈800"


# ---- inequality and σ across regions: never over a saturated set, never dated to a year's end not stated --------
def _coverage_panel(latest: list[float], earlier: list[float]) -> pd.DataFrame:
    """Township-station coverage of six Yunnan prefectures at end-June 2022 and end-June 2021 (no province row)."""
    codes = [*PREFECTURES, "530700"]
    rows = []
    for i, (a, b) in enumerate(zip(latest, earlier, strict=True)):
        for fid, value, date in ((f"S9-C{i}", a, "2022-06-30"), (f"S9-D{i}", b, "2021-06-30")):
            rows.append(row(fid, codes[i], "township_station_coverage", value, date, unit="percent",
                            unit_as_written="%", value_as_written=f"{value:g}%"))
    return pd.DataFrame(rows, columns=CLEAN_COLUMNS)


def test_a_measure_over_a_mostly_saturated_set_is_refused_with_its_reason():
    from swtoolkit.models.comparability import variation_gate
    from swtoolkit.models.fit import fit_all

    assert not variation_gate([100, 100, 100, 100, 95, 100], "theil", ceiling=100.0).allowed
    assert variation_gate([90, 80, 70, 60, 95, 100], "theil", ceiling=100.0).allowed
    assert variation_gate([100, 100, 100, 100, 95, 100], "theil").allowed  # counts have no ceiling
    res = fit_all(_coverage_panel([100, 100, 100, 100, 95, 100], [90, 80, 70, 60, 50, 85]))
    cross = res[res["model"].isin(["gini", "theil", "sigma"])]
    assert len(cross) and not cross["allowed"].any()  # no "Theil 0.000", no σ "convergence" into the ceiling
    reason = cross["reason"].iloc[0]
    zh, en = phrasing.model_refusal_words(reason, ["township_station_coverage"], {}, "gini")
    assert "已达上限" in zh and "ceiling" in en and "saturation" not in zh


def test_cross_region_measures_keep_their_figures_dates_and_name_the_province():
    from swtoolkit.models.fit import fit_all

    res = fit_all(_coverage_panel([90, 80, 70, 60, 95, 100], [80, 70, 60, 50, 50, 85]))
    said = [phrasing.result_sentence(r, {}) for r in res[res["model"].isin(["gini", "sigma"]) & res["allowed"]]
            .to_dict("records")]
    assert said and all(s is not None for s in said)
    text = " ".join(zh + en for zh, en in said)
    assert "年底" not in text and "end-20" not in text  # end-June figures, never "end of year"
    assert "2022年6月" in text and "June 2021" in text
    assert "530000" not in text and "云南省各州（市）" in text


def test_population_weighted_measures_keep_their_densities_dates():
    from swtoolkit.models.density import density_rows

    codes = ["110000", "120000", "130000", "140000", "150000", "210000", "220000", "230000", "310000", "320000",
             "330000", "340000"]
    rows = []
    for i, code in enumerate(codes):
        for fid, indicator, value in ((f"W9-P{i}", "population", 10_000_000 + 10_000 * i),
                                      (f"W9-C{i}", "certified_social_workers", 5_000 + 900 * i)):
            rows.append({"figure_id": fid, "source_id": "W9", "region_code": code, "region_name": code,
                         "region_level": "province", "province_code": code, "indicator": indicator,
                         "kind": "actual", "value": value, "value_low": value, "value_high": value,
                         "qualifier": "exact", "ref_date": "2022-06-30", "ref_date_precision": "month",
                         "date_basis": "stated", "ref_date_low": "2022-06-30", "ref_date_high": "2022-06-30",
                         "same_fact_as": "", "place": "", "subset": "", "scope": "", "value_as_written": str(value),
                         "unit": "persons", "locator": "words of context"})
    out = pd.DataFrame(density_rows(pd.DataFrame(rows)))
    allowed = out[out["model"].isin(["gini", "theil", "theil_groups"]) & out["allowed"]]
    assert len(allowed) and set(allowed["end_date"]) == {"2022-06-30"}  # never "2022-12-31"


# ---- an approximate count is still a count: its density is kept, and said to be approximate -----------------------
def test_an_approximate_count_keeps_its_density_and_says_about():
    from swtoolkit.models.density import density_points
    from swtoolkit.models.national import national_context

    def fig(fid, code, indicator, value, date, qualifier="exact"):
        exact = qualifier == "exact"
        return {"figure_id": fid, "source_id": fid.split("-")[0], "region_code": code,
                "region_name": "江苏省" if code == "320000" else "中华人民共和国",
                "region_level": "province" if code == "320000" else "country",
                "province_code": code if code == "320000" else "", "indicator": indicator, "kind": "actual",
                "value": value, "value_low": value if exact else math.nan,
                "value_high": value if exact else math.nan, "qualifier": qualifier, "ref_date": date,
                "ref_date_precision": "month", "date_basis": "stated", "ref_date_low": date, "ref_date_high": date,
                "same_fact_as": "", "place": "", "subset": "", "scope": "", "value_as_written": str(value),
                "unit": "persons", "locator": "words of context"}

    clean = pd.DataFrame([fig("W9-01", "000000", "population", 1_400_000_000, "2020-12-31"),
                          fig("W9-02", "320000", "population", 84_000_000, "2020-12-31"),
                          fig("W9-03", "320000", "certified_social_workers", 79_300, "2021-03-31", "approx"),
                          fig("W9-04", "000000", "certified_social_workers", 660_000, "2020-12-31")])
    points, _ = density_points(clean)
    assert "320000" in set(points["region_code"])  # once dropped: NaN bounds fell out of a groupby
    density, _ = national_context(clean, "320000")
    assert density.allowed
    zh, en = phrasing.national_context_sentence(density, "江苏省", "Jiangsu",
                                                {r["figure_id"]: r for r in clean.to_dict("records")})
    assert "江苏省约为9.44人" in zh and "Jiangsu about 9.44" in en and "全国为4.71人" in zh
