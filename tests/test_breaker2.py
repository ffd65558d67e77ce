"""An outside check of issue 11 (session 2026-12-02, helper `breaker2`): new instances of the listed kinds, built
from small synthetic rows, that gave a number or a sentence stronger than the data. Each test fails if its kind
came back:

- a rate range from rounded or bounded figures ("在16.2%—18.4%之间") rounded half instead of outward, so it leaves
  out rates the figures allow; a range whose end is 约 with no interval stated as a bound when the direction is
  not known;
- a figure dated only by a bound (2021年以前) told in the limitations as having no date at all;
- a density or ratio range ("2.87–3.02") or a ratio bound (">1.60") rounded half instead of away from the claim;
- a number computed from figures (a gap, a projection) worded with the codebook's unit word, not the one its
  figures were written with ("为2000个…目标为3000个…差1000家");
- a target for two groups (社区社会组织和志愿服务组织达到3000个) curated with no scope and measured against a count of
  one of them: refused at clean time; so is a target worded as an amount to train or add (培训志愿者5000人) typed as
  a level for a stock indicator, and a norm filed adopted whose sentence proposes it (课题组建议每站经费不少于10万元);
- a Gini/Theil over the 5 of 16 prefectures with figures called "regions are a census", its table cell "0" for
  0.005 with the unit "index index", its English sentence naming the group in Chinese;
- a level below a floor target (2万余人 against 3万人以上) said to have reached the target's floor;
- progress on a log scale since a rounded plan-start figure (1.5万 → 15034) stated as one number ("0%");
- an undated figure's bare date point ("2022年7月底", its estimated document's month end).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from swtoolkit.cleaning.columns import CLEAN_COLUMNS
from swtoolkit.reports import phrasing
from tests.test_breaker_claims import row


def _cagr(first: dict, last: dict) -> tuple[dict, tuple[str, str], tuple[str, str, str]]:
    from swtoolkit.models.fit import fit_all

    clean = pd.DataFrame([first, last], columns=CLEAN_COLUMNS)
    res = fit_all(clean)
    cagr = res[(res["model"] == "cagr") & res["allowed"]].iloc[0].to_dict()
    figures = {r["figure_id"]: r for r in clean.to_dict("records")}
    return cagr, phrasing.result_sentence(cagr, figures), phrasing.result_cells(cagr, figures)


# ---- a rate range from the figures' bounds holds every rate they allow ---------------------------------------------
def test_a_rate_range_from_rounded_figures_is_rounded_outward():
    # 1.30万 (12,950–13,050) at end-June 2019 to 2.1万 (20,500–21,500) at end-June 2022: 16.24% to 18.41% a year
    first = row("S9-R1", "420000", "certified_social_workers", 13000, "2019-06-30", qualifier="rounded",
                value_low=12950.0, value_high=13050.0, value_as_written="1.30万人")
    last = row("S9-R2", "420000", "certified_social_workers", 21000, "2022-06-30", qualifier="rounded",
               value_low=20500.0, value_high=21500.0, value_as_written="2.1万人")
    cagr, (zh, en), (_, _, spread) = _cagr(first, last)
    assert cagr["band_high"] > 0.1840  # the highest rate the figures allow: "18.4%" would leave it out
    assert "16.2%—18.5%" in zh and "16.2% to 18.5%" in en and spread == "16.2% – 18.5%"
    assert phrasing._rate_range(-0.05896, 0.18521) == ("-5.9%", "18.6%")


def test_a_range_with_an_approximate_end_is_no_bound_when_the_direction_is_unknown():
    # 1.2万人左右 (约, no interval) to 近2万 (10,000–20,000): the range is the second figure's only
    first = row("S9-R3", "420000", "certified_social_workers", 12000, "2019-06-30", qualifier="approx",
                value_low=math.nan, value_high=math.nan, value_as_written="1.2万人左右")
    last = row("S9-R4", "420000", "certified_social_workers", 20000, "2022-06-30", qualifier="at_most",
               value_low=10000.0, value_high=20000.0, value_as_written="近2万人")
    _, (zh, en), _ = _cagr(first, last)
    assert "增减方向不能确定" in zh and "direction is not known" in en
    assert "年均变化约在" in zh and "about" in en
    assert "其误差未计入" in zh and "its own error is not included" in en



# ---- a figure dated only by a bound is said to be so, never "no date" ----------------------------------------------
def test_a_figure_dated_only_by_a_bound_is_never_said_to_have_no_date():
    from swtoolkit.models.fit import fit_all

    bound = row("S9-91", "533100", "sw_organisations", 3, "2020-12-31", date_basis="before", ref_date_low="",
                ref_date_high="2020-12-31", unit="organisations", unit_as_written="家", value_as_written="3家",
                date_as_written="2021年以前")
    clean = pd.DataFrame([bound], columns=CLEAN_COLUMNS)
    res = fit_all(clean)
    series = res[(res["model"] == "series") & (res["indicator"] == "sw_organisations")].iloc[0]
    assert "dated only by a bound" in series["reason"]
    zh, en = phrasing.model_refusal_words(series["reason"], ["sw_organisations"], {"S9-91": bound})
    assert "未注明日期" not in zh and "states no date" not in en
    assert "日期界限" in zh and "dated only by a bound" in en and "3家" in zh
    undated = {**bound, "date_basis": "undated", "date_as_written": ""}
    res = fit_all(pd.DataFrame([undated], columns=CLEAN_COLUMNS))
    reason = res[(res["model"] == "series") & (res["indicator"] == "sw_organisations")].iloc[0]["reason"]
    zh, en = phrasing.model_refusal_words(reason, ["sw_organisations"], {"S9-91": undated})
    assert "未注明日期" in zh and "states no date" in en  # an undated figure keeps its words


# ---- densities and ratios from bounded figures: ranges and bounds rounded away from the claim ---------------------
def test_a_density_range_holds_every_value_its_figures_allow():
    from swtoolkit.models.national import national_context

    def fig(fid, code, indicator, value, lo, hi, qualifier="exact"):
        return {"figure_id": fid, "source_id": fid.split("-")[0], "region_code": code,
                "region_name": "湖南省" if code == "430000" else "中华人民共和国",
                "region_level": "province" if code == "430000" else "country",
                "province_code": code if code == "430000" else "", "indicator": indicator, "kind": "actual",
                "value": value, "value_low": lo, "value_high": hi, "qualifier": qualifier,
                "ref_date": "2021-12-31", "ref_date_precision": "month", "date_basis": "stated",
                "ref_date_low": "2021-12-31", "ref_date_high": "2021-12-31", "same_fact_as": "", "place": "",
                "subset": "", "scope": "", "value_as_written": str(value), "unit": "persons",
                "locator": "words of context"}

    clean = pd.DataFrame([fig("W9-01", "000000", "population", 1_412_000_000, 1_412_000_000, 1_412_000_000),
                          fig("W9-02", "430000", "population", 66_220_000, 66_220_000, 66_220_000),
                          # 近2万 read as 19,000–20,000: 2.8692 to 3.0202 per 10,000
                          fig("W9-03", "430000", "certified_social_workers", 20000, 19000, 20000, "at_most"),
                          fig("W9-04", "000000", "certified_social_workers", 737_000, 737_000, 737_000)])
    density, _ = national_context(clean, "430000")
    zh, en = phrasing.national_context_sentence(density, "湖南省", "Hunan",
                                                {r["figure_id"]: r for r in clean.to_dict("records")})
    assert "湖南省为2.86–3.03人" in zh and "Hunan 2.86–3.03" in en  # never "2.87–3.02"


def test_a_ratio_interval_and_a_ratio_bound_are_rounded_away_from_the_claim():
    from swtoolkit.models.ratios import ratio_words

    assert ratio_words({"ratio_low": 2.8692, "ratio_high": 3.0202, "bound": "≈", "ratio": 3.0}) == "2.86–3.03"
    assert ratio_words({"ratio_low": math.nan, "ratio_high": math.nan, "bound": ">", "ratio": 1.596}) == ">1.59"
    assert ratio_words({"ratio_low": math.nan, "ratio_high": math.nan, "bound": "≤", "ratio": 1.591}) == "≤1.60"
    assert ratio_words({"ratio_low": 1.2, "ratio_high": 1.2, "bound": "", "ratio": 1.2}) == "1.20"


# ---- a computed number keeps the unit word its figures were written with ------------------------------------------
def test_a_gap_and_a_projection_keep_the_unit_word_as_written():
    from swtoolkit.models.fit import fit_all

    def orgs(fid, value, date, **extra):
        return row(fid, "450000", "community_organisations", value, date, unit="organisations",
                   unit_as_written="个", value_as_written=f"{value}个", **extra)

    clean = pd.DataFrame([orgs("S9-71", 2000, "2022-06-30"), orgs("S9-72", 1500, "2020-06-30"),
                          orgs("S9-73", 3000, "2025-12-31", kind="target", target_year="2025", target_type="level",
                               date_basis="plan")], columns=CLEAN_COLUMNS)
    res = fit_all(clean)
    figures = {r["figure_id"]: r for r in clean.to_dict("records")}
    said = {}
    for model in ("gap", "projection"):
        rows = res[(res["model"] == model) & res["allowed"] & res["estimate"].gt(1)]
        assert len(rows), model
        said[model] = phrasing.result_sentence(rows.iloc[0].to_dict(), figures)[0]
        assert "家" not in said[model], said[model]
    assert "差1000个" in said["gap"]
    gap = res[(res["model"] == "gap") & res["allowed"] & res["estimate"].gt(1)].iloc[0].to_dict()
    assert phrasing.result_unit_cell(gap, figures) == "个 organisations"
    assert phrasing.derived_unit_zh("organisations", [{**figures["S9-71"], "unit_as_written": "家"},
                                                      figures["S9-72"]]) == "家"  # words differ: the unit's own


# ---- a target for two groups is never measured against a count of one ---------------------------------------------
def _target_raw(text: str, value: str, indicator: str, scope: str = "") -> pd.DataFrame:
    from tests.test_editor9_dates import RAW_FIELDS

    at = text.index(value)
    return pd.DataFrame([{**dict.fromkeys(RAW_FIELDS, ""), "figure_id": f"S003-{at:06d}", "source_id": "S003",
                          "locator": str(at), "region_as_written": "广西壮族自治区", "value_as_written": value,
                          "date_as_written": "到2025年", "indicator": indicator, "kind": "target",
                          "target_year": "2025", "target_type": "level", "scope": scope}], columns=RAW_FIELDS)


def test_a_target_for_two_groups_needs_its_scope():
    from pathlib import Path

    import pytest

    from swtoolkit.cleaning.pipeline import process
    from swtoolkit.errors import RawDataError

    sources = pd.read_csv(Path(__file__).resolve().parents[1] / "data" / "raw" / "sources.csv", dtype=str,
                          keep_default_na=False).set_index("source_id")
    text = "到2025年，全省社区社会组织和志愿服务组织达到3000个。"
    with pytest.raises(RawDataError) as caught:
        process(_target_raw(text, "3000个", "community_organisations"), sources, "figures.csv", texts={"S003": text})
    assert caught.value.column == "scope" and "two groups" in str(caught.value)
    text = "到2025年，全省社会工作服务机构与行业协会达到400个以上。"
    with pytest.raises(RawDataError):
        process(_target_raw(text, "400个以上", "sw_organisations"), sources, "figures.csv", texts={"S003": text})
    ok = process(_target_raw(text, "400个以上", "sw_organisations", "orgs_and_sector_bodies"), sources,
                 "figures.csv", texts={"S003": text}).figures
    assert ok["scope"].tolist() == ["orgs_and_sector_bodies"]
    for text, value in (("到2025年，每县拥有3A级及以上社会工作服务机构2个。", "2个"),  # 及以上 is a bound
                        ("到2025年，全省持证社工达到3万人，社会工作服务机构达到500个。", "500个")):  # another clause
        indicator = "sw_organisations"
        assert len(process(_target_raw(text, value, indicator), sources, "figures.csv", texts={"S003": text})
                   .figures) == 1


def test_a_target_to_train_or_add_is_never_a_level_of_a_stock():
    from pathlib import Path

    import pytest

    from swtoolkit.cleaning.pipeline import process
    from swtoolkit.errors import RawDataError

    sources = pd.read_csv(Path(__file__).resolve().parents[1] / "data" / "raw" / "sources.csv", dtype=str,
                          keep_default_na=False).set_index("source_id")
    for text, value, indicator in (("到2025年，全省培训志愿者5000人。", "5000人", "volunteers"),
                                   ("到2025年，累计培养督导人才、项目管理人才各300名。", "300名", "supervisors"),
                                   ("到2025年，新增社会工作服务机构200家。", "200家", "sw_organisations")):
        with pytest.raises(RawDataError) as caught:
            process(_target_raw(text, value, indicator), sources, "figures.csv", texts={"S003": text})
        assert caught.value.column == "target_type", text
        raw = _target_raw(text, value, indicator)
        raw["target_type"] = "cumulative_flow"
        assert len(process(raw, sources, "figures.csv", texts={"S003": text}).figures) == 1
    text = "到2025年，全省注册志愿者达到500万人。"  # a level to reach stays a level
    assert len(process(_target_raw(text, "500万人", "volunteers"), sources, "figures.csv", texts={"S003": text})
               .figures) == 1


def test_a_proposed_norm_is_never_filed_as_adopted():
    from pathlib import Path

    import pytest

    from swtoolkit.cleaning.pipeline import process
    from swtoolkit.errors import RawDataError
    from tests.test_editor9_dates import RAW_FIELDS

    sources = pd.read_csv(Path(__file__).resolve().parents[1] / "data" / "raw" / "sources.csv", dtype=str,
                          keep_default_na=False).set_index("source_id")

    def norm(text: str, value: str, status: str) -> pd.DataFrame:
        at = text.index(value)
        return pd.DataFrame([{**dict.fromkeys(RAW_FIELDS, ""), "figure_id": f"S003-{at:06d}", "source_id": "S003",
                              "locator": str(at), "region_as_written": "湖南省", "value_as_written": value,
                              "indicator": "funding_per_station", "kind": "norm", "norm_status": status}],
                            columns=RAW_FIELDS)

    for text, value in (("课题组建议，每个社工站每年经费不少于10万元。", "10万元"),
                        ("下一步拟按每站5万元安排补助。", "5万元")):
        with pytest.raises(RawDataError) as caught:
            process(norm(text, value, "adopted"), sources, "figures.csv", texts={"S003": text})
        assert caught.value.column == "norm_status", text
        assert len(process(norm(text, value, "proposal"), sources, "figures.csv", texts={"S003": text}).figures) == 1
    for text, value in (("省民政厅印发通知，规定每站年度经费5万元。", "5万元"),  # a rule a document sets
                        ("经模拟测算，省里明确每站年度经费5万元。", "5万元")):  # 模拟 is no proposal
        assert len(process(norm(text, value, "adopted"), sources, "figures.csv", texts={"S003": text}).figures) == 1


# ---- a cross-region measure over part of the group describes that part ---------------------------------------------
def test_an_index_over_part_of_a_group_is_no_census_and_keeps_its_decimals():
    import html
    import re

    from swtoolkit import regions
    from swtoolkit.models.fit import fit_all
    from swtoolkit.reports.content import RegionReport

    codes = ["530100", "530300", "530400", "530500", "530600"]
    rows = [row(f"S9-5{i}", c, "township_station_coverage", v, "2022-06-30", unit="percent", unit_as_written="%",
                value_as_written=f"{v}%") for i, (c, v) in enumerate(zip(codes, [80, 90, 85, 70, 95], strict=True))]
    clean = pd.DataFrame(rows, columns=CLEAN_COLUMNS)
    res = fit_all(clean)
    figures = {r["figure_id"]: r for r in clean.to_dict("records")}
    theil = res[(res["model"] == "theil") & res["allowed"]].iloc[0].to_dict()
    zh, en = phrasing.result_sentence(theil, figures)
    assert "普查" not in zh and "census" not in en  # 5 of Yunnan's 16 prefectures
    assert "共16个" in zh and "5 of 16" in en and "prefectures of Yunnan" in en and "云南" not in en
    _, value, _ = phrasing.result_cells(theil, figures)
    assert value == f"{theil['estimate']:.3f}" and value != "0"
    assert phrasing.result_unit_cell(theil, figures) == "无单位 no unit"
    report = RegionReport(regions.get("530000"), clean, results=res, draw_charts=False)
    text = html.unescape(re.sub(r"<[^>]+>", " ", report.growth_and_gaps().body))
    assert "index index" not in text and "地区为普查" not in text and f"{theil['estimate']:.3f}" in text


# ---- a floor target is reached only when the level's lowest value reaches it -------------------------------------
@pytest.mark.parametrize("written,qualifier,low,high,said_zh,said_en", [
    ("2万余人", "more_than", 20000.0, 30000.0, "尚未达到目标所定的下限", "floor is not yet reached"),
    ("近3万人", "at_most", 20000.0, 30000.0, "是否已达到目标所定的下限不能确定", "is not known"),
    ("3万余人", "more_than", 30000.0, 40000.0, "已达到目标所定的下限", "the target's floor is reached"),
])
def test_a_floor_target_is_reached_only_when_the_level_surely_reaches_it(written, qualifier, low, high, said_zh,
                                                                         said_en):
    from swtoolkit.models.fit import fit_all

    level = row("S9-81", "430000", "certified_social_workers", low, "2022-06-30", qualifier=qualifier,
                value_low=low, value_high=high, value_as_written=written)
    target = row("S9-82", "430000", "certified_social_workers", 30000, "2025-12-31", qualifier="at_least",
                 value_low=30000.0, value_high=math.nan, value_as_written="3万人以上", kind="target",
                 target_year="2025", target_type="level", date_basis="plan")
    clean = pd.DataFrame([level, target], columns=CLEAN_COLUMNS)
    res = fit_all(clean)
    gap = res[(res["model"] == "gap") & res["allowed"] & res["unit"].eq("persons")].iloc[0].to_dict()
    zh, en = phrasing.result_sentence(gap, {r["figure_id"]: r for r in clean.to_dict("records")})
    assert said_zh in zh and said_en in en


# ---- progress from a rounded plan-start figure carries that figure's rounding --------------------------------------
def test_progress_from_a_rounded_plan_start_is_a_range():
    from swtoolkit.models.fit import fit_all

    base = row("S9-91", "430000", "certified_social_workers", 15000, "2020-12-31", qualifier="rounded",
               value_low=14500.0, value_high=15500.0, value_as_written="1.5万人")
    later = row("S9-92", "430000", "certified_social_workers", 15034, "2021-12-31")
    target = row("S9-93", "430000", "certified_social_workers", 30000, "2025-12-31", value_as_written="3万人",
                 kind="target", target_year="2025", target_type="level", date_basis="plan")
    clean = pd.DataFrame([base, later, target], columns=CLEAN_COLUMNS)
    res = fit_all(clean)
    gap = res[(res["model"] == "gap") & (res["statistic"] == "gap to target")].iloc[0].to_dict()
    stats = {r["statistic"]: r for r in res[res["model"] == "gap"].to_dict("records")}
    progress = stats["log-scale progress"]
    assert progress["band_low"] < 0 < progress["band_high"]  # the base's rounding allows a fall or a rise
    zh, en = phrasing.result_sentence(gap, {r["figure_id"]: r for r in clean.to_dict("records")}, stats)
    assert "所需增长的-5%—5%" in zh and "-5% to 5%" in en
    assert "所需增长的0%" not in zh


def test_an_undated_figure_has_no_date_point():
    undated = row("S9-95", "532500", "township_stations", 140, "2022-07-31", date_basis="undated", ref_date_low="",
                  date_as_written="", date_estimated=True, ref_date_precision="period")
    for lang in ("zh", "en"):
        point = phrasing.figure_point(undated, lang)
        assert point == phrasing.figure_date(undated, lang)
        assert "7月底" not in point and "end-July" not in point
    bound = {**undated, "date_basis": "before", "ref_date": "2020-12-31", "date_as_written": "2021年以前"}
    assert phrasing.figure_point(bound) == "2021年以前"


def test_a_segment_rate_range_is_rounded_outward():
    zh, en = phrasing._segment_rates_words([("2019-04-30", "2021-12-31", "0.14049", "0.14051")])
    assert zh == "2019年4月至2021年底14.0%—14.1%"  # 14.049% to 14.051%: both ends inside
    zh, en = phrasing._segment_rates_words([("2019-04-30", "2021-12-31", "0.14039", "0.14139")])
    assert zh == "2019年4月至2021年底14.0%—14.2%" and en.endswith("14.0% to 14.2% a year")
