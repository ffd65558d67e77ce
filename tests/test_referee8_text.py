"""Referee 8 (8a, 8b): generated text that is not true of what the report prints. Each kind from small synthetic
rows: a limitation, a no-finding statement, a note or a cross-reference says only what the report shows; counts
agree in number; a refused row is quoted by its figure with the reason that holds; a date phrase is never pasted
after a template's preposition; the citation reproduces the title."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd
import pytest

from swtoolkit import regions
from swtoolkit.cleaning.checks import REFUSED_FIGURE, refusals
from swtoolkit.cleaning.columns import CLEAN_COLUMNS
from swtoolkit.reports import phrasing
from swtoolkit.reports.content import (
    RegionReport,
    missing_line,
    promised_only,
    refusal_sentence,
    unit_cell,
)

RESULT_COLUMNS = ["region_code", "region_name", "indicator", "family", "kind", "model", "statistic", "allowed",
                  "reason", "n_points", "start_date", "end_date", "estimate", "low", "high", "interval", "band_low",
                  "band_high", "unit", "figure_ids", "notes"]


def row(fid: str, region: str, indicator: str, value: float, date: str = "2022-12-31", **extra) -> dict:
    """One clean row with every column (defaults: an exact stock dated at a year's end, whole region)."""
    base = {c: "" for c in CLEAN_COLUMNS}
    name = regions.get(region)
    base.update({"figure_id": fid, "source_id": "S003", "region_code": region, "region_name": name.name_zh,
                 "region_name_en": name.name_en, "region_level": name.level, "indicator": indicator,
                 "family": indicator, "value": value, "value_low": value, "value_high": value, "qualifier": "exact",
                 "unit": "persons", "unit_as_written": "人", "ref_date": date, "ref_date_precision": "year",
                 "date_basis": "stated", "date_estimated": False, "kind": "actual",
                 "value_as_written": f"{value:g}人", "date_as_written": f"{date[:4]}年底"})
    base.update(extra)
    return base


def result(region: str, indicator: str, model: str, allowed: bool, reason: str, ids: str, **extra) -> dict:
    base = {c: "" for c in RESULT_COLUMNS}
    base.update({"region_code": region, "indicator": indicator, "family": indicator, "kind": "actual",
                 "model": model, "statistic": "rate" if model == "cagr" else "level", "allowed": allowed,
                 "reason": reason, "n_points": 2, "figure_ids": ids, "unit": "persons"})
    base.update(extra)
    return base


def report(clean_rows: list[dict], results: list[dict] | None = None, region: str = "140000") -> RegionReport:
    clean = pd.DataFrame(clean_rows, columns=CLEAN_COLUMNS)
    frame = pd.DataFrame(results or [], columns=RESULT_COLUMNS)
    frame["allowed"] = frame["allowed"].astype(bool)
    return RegionReport(regions.get(region), clean, results=frame, draw_charts=False)


def printed_text(rep: RegionReport) -> str:
    """Every section the report prints, in reading order, as one text (tags dropped)."""
    return re.sub(r"<[^>]+>", " ", "".join(rep.show(k).body for k in rep.section_keys))


# ---- R8a-5: "no figure" for an indicator whose target the table prints ------------------------------------------
def test_an_indicator_with_only_a_target_is_not_said_to_have_no_figure():
    rep = report([row("S900-000001", "140000", "certified_social_workers", 5000),
                  row("S900-000002", "140000", "sw_talent_total", 60000, "2020-12-31", kind="target",
                      target_type="level", value_as_written="6万人", date_as_written="到2020年")])
    printed_text(rep)
    limits = re.sub(r"<[^>]+>", " ", rep.limitations().body)
    talent = phrasing.indicator_name("sw_talent_total")
    no_figure = re.search(r"缺少以下指标的数据：([^。]*)。", limits)
    assert no_figure is None or talent not in no_figure.group(1), limits
    assert f"{talent}（只有目标）" in limits and "(only a target)" in limits
    # every indicator named as having no figure at all has no row in the figures table
    shown = {r["indicator"] for r in rep._printed_figures}
    for name in (no_figure.group(1).split("、") if no_figure else []):
        assert not any(phrasing.indicator_name(k) == name for k in shown), name


def test_missing_line_splits_nothing_from_only_other_kinds():
    printed = pd.DataFrame([row("S900-000003", "220000", "certified_social_workers", 10855, kind="increment")])
    zh_en = missing_line(["certified_social_workers", "township_station_coverage"], printed)
    assert "缺少以下指标的数据：乡镇（街道）社工站覆盖率" in zh_en or "缺少以下指标的数据：" + \
        phrasing.indicator_name("township_station_coverage") in zh_en
    assert phrasing.indicator_name("certified_social_workers") + "（只有" in zh_en
    assert "No figure for: " in zh_en and "(only a" in zh_en


# ---- R8a-8 / R8b-2: the no-finding statement cites only what is printed, in the right number -----------------------
def test_no_finding_statement_cites_the_growth_table_only_when_it_prints_something():
    zh, en = phrasing.no_findings_sentence("某省", "X", ("certified_social_workers",), allowed=1, shown=False)
    assert "增长与差距表" not in zh and "growth-and-gaps" not in en and "result(s)" not in en
    zh, en = phrasing.no_findings_sentence("某省", "X", ("certified_social_workers",), allowed=2, shown=True)
    assert "增长与差距表" in zh and "results concern" in en
    zh, en = phrasing.no_findings_sentence("某省", "X", ("certified_social_workers",), refused=1)
    assert "均" not in zh and "all 1" not in en and "the one calculation (a growth rate or gap) was not made" in en
    zh, en = phrasing.no_findings_sentence("某省", "X", ("certified_social_workers",), refused=1, limited=False)
    assert "局限" not in zh and "Limitations" not in en


def test_a_report_with_only_a_context_result_sends_no_reader_to_a_missing_table():
    """440000 (R8a-8): one allowed model result, about population; the growth table prints none."""
    rep = report([row("S900-000010", "440000", "population", 1.2e8, "2020-12-31"),
                  row("S900-000011", "440000", "population", 1.26e8, "2022-12-31"),
                  row("S900-000012", "440000", "sw_organisations", 300, unit="organisations", kind="target",
                      target_type="level")],
                 [result("440000", "population", "cagr", True, "allowed", "S900-000010;S900-000011",
                         estimate=0.02, start_date="2020-12-31", end_date="2022-12-31")], region="440000")
    text = printed_text(rep)
    assert "列于增长与差距表" not in text and "growth-and-gaps table" not in text
    assert not rep.growth_and_gaps().body


# ---- R8a-16: no limitation about a model of a context figure; R8a-4: no promised rate that is not printed ------------
def test_limitations_say_nothing_of_a_population_scenario():
    reason = "refused: the scenario ends 2025-02-28, on or before the edition (2026-11-30)"
    rep = report([row("S900-000020", "340000", "population", 6.1e7, "2020-12-31"),
                  row("S900-000021", "340000", "certified_social_workers", 22000)],
                 [result("340000", "population", "projection", False, reason, "S900-000020")], region="340000")
    limits = rep.limitations().body
    assert phrasing.indicator_name("population") not in limits and "情景推算" not in limits


def test_a_limitation_never_promises_a_rate_the_report_does_not_print():
    reason = ("refused: a figure with an open end (S900-000031: only one bound is known) has no central value; a "
              "fit through it would invent one; fallback: one-sided CAGR between the first and last points")
    said = promised_only(reason, ["sw_talent_total"], set())
    zh, en = phrasing.model_refusal_words(said, ["sw_talent_total"], {}, "loglinear")
    assert "单侧增长率" not in zh and "one-sided growth rate" not in en
    kept = promised_only(reason, ["sw_talent_total"], {"sw_talent_total"})
    zh, en = phrasing.model_refusal_words(kept, ["sw_talent_total"], {}, "loglinear")
    assert "单侧增长率" in zh
    assert promised_only("refused: scenario ends 2025-02-28, on or before the edition (2026-11-30)",
                         ["certified_social_workers"], set()) is None


def test_report_limitations_hold_no_promise_when_no_rate_is_printed():
    reason = ("refused: a figure with an open end (S900-000031: only one bound is known) has no central value; a "
              "fit through it would invent one; fallback: one-sided CAGR between the first and last points")
    rep = report([row("S900-000030", "340000", "sw_talent_total", 96000, "2022-09-30"),
                  row("S900-000031", "340000", "sw_talent_total", 120000, "2023-03-31", qualifier="more_than")],
                 [result("340000", "sw_talent_total", "loglinear", False, reason, "S900-000030;S900-000031")],
                 region="340000")
    printed_text(rep)
    assert "单侧增长率" not in rep.limitations().body


# ---- R8b-4: a limitation cites the sub-region table only for a column it prints ----------------------------------
def test_sub_region_line_cites_no_column_the_table_lacks():
    rep = report([row("S900-000040", "530000", "certified_social_workers", 30000),
                  row("S900-000041", "530100", "township_station_coverage", 100, unit="percent", kind="ratio"),
                  row("S900-000042", "530300", "township_station_coverage", 100, unit="percent", kind="ratio")],
                 region="530000")
    printed_text(rep)
    limits = rep.limitations().body
    assert "全境合计" in limits and "见下辖地区表" not in limits and "sub-region table" not in limits


# ---- R8b-2: number agreement ---------------------------------------------------------------------------------------
def test_refusal_line_agrees_in_number():
    checks = pd.DataFrame([{"check": "refused", "status": "refused", "region_code": "640000",
                            "indicator": "sw_organisations", "ref_date": "", "figure_ids": "W9-01",
                            "detail": "web/x.csv, row 2, column 'value_as_written': cannot read 'several' as a "
                                      "figure (value: 'several')", "explanation": "", "verdict": ""}])
    text = refusal_sentence(refusals(checks, "640000"))
    assert "1 figure collected for this region was" in text and "(s)" not in text


# ---- R8a-15: the reason that holds, and the figure quoted as the figure ----------------------------------------------
def test_a_refused_date_is_quoted_as_a_date_and_the_figure_as_the_figure():
    def check(fid, date, figure):
        return {"check": "refused", "status": "refused", "region_code": "640000", "indicator": "sw_talent_total",
                "ref_date": "", "figure_ids": fid, "explanation": f"{REFUSED_FIGURE}{figure}", "verdict": "",
                "detail": f"web/x.csv, row 2, column 'date_as_written': cannot read the date '{date}' "
                          f"(value: '{date}')"}

    checks = pd.DataFrame([check("W9-01", "by the end of 2027", "15,000"), check("W9-02", "2025", "1,000")])
    left = refusals(checks, "640000")
    assert list(left["figure"]) == ["15,000", "1,000"]
    text = refusal_sentence(left)
    # English is read now (cleaning.dates.english_date): an English phrase refused is one the grammar does not
    # read, like a Chinese one, never "written in English" (review english)
    assert "“15,000”（日期“by the end of 2027”）" in text and "日期的写法无法读取" in text
    assert "日期以英文书写" not in text
    assert "原文：“by the end of 2027”" not in text
    assert "日期短语无法确定" not in text and "日期不是中文写法" in text and "“1,000”" in text


# ---- R8a-20: no range note without a range; a share's unit cell is filled ----------------------------------------
def test_density_sentence_speaks_of_ranges_only_when_one_is_printed():
    def side(v, lo, hi):
        return {"value": v, "low": lo, "high": hi, "end": "2020-11-01", "population_date": "2020-11-01",
                "figure_ids": []}

    exact = SimpleNamespace(what="density", allowed=True, province=side(12.44, 12.44, 12.44),
                            national=side(4.74, 4.735, 4.742))
    zh, en = phrasing.national_context_sentence(exact, "上海市", "Shanghai")
    assert "区间" not in zh and "ranges" not in en
    ranged = SimpleNamespace(what="density", allowed=True, province=side(3.75, 3.67, 3.84),
                             national=side(4.74, 4.74, 4.74))
    zh, en = phrasing.national_context_sentence(ranged, "安徽省", "Anhui")
    assert "区间" in zh and "ranges" in en


def test_a_share_has_a_chinese_unit_cell():
    cell = unit_cell("percent")
    assert cell.split(" ")[0] and "%" in cell and "百分比" in cell
    assert unit_cell("persons").startswith("人 ")


# ---- R8a-17: an English date phrase never follows a template's preposition -----------------------------------------
@pytest.mark.parametrize("later", [
    {"ref_date": "2025-12-31", "period_start": "2025-01-01", "ref_date_precision": "year", "date_basis": "stated",
     "date_as_written": "2025年", "kind": "increment", "indicator": "exam_registrants"},
    {"ref_date": "2025-06-30", "ref_date_precision": "month", "date_basis": "stated",
     "date_as_written": "截至2025年6月底", "kind": "cumulative", "indicator": "service_recipients"},
    {"ref_date": "2025-05-11", "ref_date_precision": "day", "date_basis": "document", "date_as_written": "目前",
     "kind": "cumulative", "indicator": "service_recipients"},
])
def test_the_cover_pastes_no_date_phrase_after_a_preposition(later):
    stock = {"ref_date": "2022-12-31", "ref_date_precision": "year", "date_basis": "stated",
             "date_as_written": "2022年底", "kind": "actual", "indicator": "certified_social_workers",
             "value": 100.0, "qualifier": "exact", "unit": "persons", "value_as_written": "100人"}
    words = phrasing.as_of_words(stock, later)
    zh, en = words.split(" the latest stock")[0], words
    assert not re.search(r"\b(?:to|from|since|by|until|at|of|on) (?:in|as of|at|up to|by|since)\b", en), en
    assert not re.search(r"[至到于]截至|有至", zh), zh


# ---- R8b-9: a one-year budget is no level to reach ---------------------------------------------------------------
def test_an_annual_spending_plan_is_refused_as_a_flow_not_for_want_of_a_figure():
    from swtoolkit.models import fit_all

    spent = row("S900-000050", "530600", "funding_total", 77150000, unit="yuan", unit_as_written="元",
                kind="increment", period_start="2021-01-01", scope="incl_staff_pay", date_as_written="2021年")
    plan = row("S900-000051", "530600", "funding_total", 98770000, unit="yuan", unit_as_written="元",
               kind="target", target_type="annual_flow", scope="incl_staff_pay", date_as_written="今年")
    results = fit_all(pd.DataFrame([spent, plan], columns=CLEAN_COLUMNS))
    gap = results[results["figure_ids"].astype(str).str.contains("S900-000051")]
    reasons = " ".join(gap["reason"].astype(str))
    assert "not a level to reach" in reasons and "no dated level of this definition" not in reasons
    zh, en = phrasing.model_refusal_words(reasons, ["funding_total"], {}, "gap")
    assert "年度目标" in zh and "没有同一口径" not in zh and "annual target" in en


# ---- R8a-16: one fact, one date -------------------------------------------------------------------------------------
def test_an_undated_restatement_carries_the_date_of_its_fact():
    census = row("S900-000060", "510000", "population", 83674866, "2020-11-01", ref_date_precision="day",
                 date_as_written="2020年11月1日")
    again = row("S900-000061", "510000", "population", 83674866, "2021-05-11", ref_date_precision="period",
                date_basis="undated", date_as_written="", same_fact_as="S900-000060")
    rep = report([census, again], region="510000")
    note = rep._fact_date_note(again)  # main's one rule (merge_facts), which the tables print after the date
    assert "S900-000060" in note and phrasing.figure_date(census) in note
    # the table that lists the restatement prints its fact's date
    assert "为同一数字，按其注明的日期为" + phrasing.figure_date(census) in printed_text(rep)


# ---- R8b-29: the citation reproduces the title -----------------------------------------------------------------
@pytest.mark.parametrize("count", [1, 12])
def test_the_citation_reproduces_the_title(count):
    rows = [row(f"S900-0001{i:02d}", "130200", "certified_social_workers", 100 + i, f"{2010 + i}-12-31")
            for i in range(count)]
    rep = report(rows, region="130200")
    zh, en = rep.titles()
    cite = rep.how_to_cite().body
    title = rep.title_page().body
    assert zh in cite and en.replace("'", "&#39;") in cite and zh in title


def test_a_brief_sends_its_reader_to_the_table_it_prints():
    # a context figure (universities), never the title page's basis: the brief states no finding (editor 12: a
    # subject figure such as 12 organisations would be the finding)
    rep = report([row("S900-000070", "130200", "universities_sw_major", 12, unit="institutions")], region="130200")
    assert rep.kind == "brief"
    text = printed_text(rep)
    assert "不陈述" in text and "主要数据表" not in text and "key-figures table" not in text
    assert "列于全部数据表" in text and "全部数据" in rep.key_figures().body


def test_a_sub_region_left_unranked_cites_no_table_of_its_parent():
    """A sub-region's part-only figures are not in its parent's key-figures table: the reason names none."""
    zh, en = phrasing.league_refusal_words("part_only", [])
    assert "主要数据表" not in zh and "key-figures" not in en and "部分" in zh


def test_the_build_check_flags_each_kind_on_a_synthetic_page(tmp_path):
    """scripts/check_report_text.py (run over a real build) catches each kind on a small page."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "check_report_text", Path(__file__).resolve().parents[1] / "scripts" / "check_report_text.py")
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)
    page = tmp_path / "999999_x.html"
    page.write_text(
        "<h1>某地报告</h1><p class='subtitle'>X: a report</p>"
        "<div class='cite'><p>A (2026). 某地简报 X: brief.</p></div>"
        "<ul><li>1项模型结果只涉及背景数字或已过期限的目标，列于增长与差距表。 all 1 model runs were refused</li>"
        "<li>缺少以下指标的数据：持证社会工作者。</li>"
        "<li>常住人口的情景推算止于2025年2月。</li><li>X: other figures run to in 2025, see the tables</li></ul>"
        "<figure><figcaption>表 1 Table 1 某地主要数据 Key figures</figcaption><table><thead><tr>"
        "<th>指标 Indicator</th><th>类型 Kind</th></tr></thead>"
        "<tbody><tr><td>持证社会工作者 Certified</td><td>目标 target</td></tr></tbody>"
        "</table></figure><p>每万名：甲为1.00人，全国为2.00人（区间来自原文数字的取整或上下限）。</p>",
        encoding="utf-8")
    kinds = {line.split(": ")[1] for line in check.problems(page)}
    assert {"xref", "number", "missing", "promise", "date", "cite", "range"} <= kinds, kinds
