"""Referee 10a (R10a-1…4, 8, 9, 11, 14): a figure collected and refused is never described as absent. Every
"no figure" statement (basis line, no-finding statement, missing-indicator lines, target and deadline lines, the
table a sentence points to) is decided from the same rows the refused list uses; refusal reasons are true of the
refused cell; English text writes numbers in English style. Small synthetic rows; the built reports are checked by
scripts/check_report_text.py (tests at the end run it on synthetic pages)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit import regions
from swtoolkit.cleaning.checks import REFUSAL_REASONS, refusal_reason, refusals, refused_explanation
from swtoolkit.cleaning.columns import CLEAN_COLUMNS
from swtoolkit.models.comparability import merge_facts
from swtoolkit.reports import content, phrasing
from swtoolkit.reports.content import (
    REFUSAL_WORDS,
    RegionReport,
    indicator_status,
    refusal_sentence,
    refused_levels,
)
from tests.test_referee8_text import row  # one clean-row builder for the referee tests

CERTIFIED = phrasing.indicator_name("certified_social_workers")
TALENT = phrasing.indicator_name("sw_talent_total")
COVERAGE = phrasing.indicator_name("township_station_coverage")




def check(fid: str, region: str, indicator: str, detail: str, figure: str, kind: str = "actual",
          date: str = "") -> dict:
    """One ``refused`` row of checks.csv as the cleaner writes it (value, kind and date as written)."""
    return {"check": "refused", "status": "refused", "region_code": region, "indicator": indicator, "ref_date": "",
            "figure_ids": fid, "detail": detail, "explanation": refused_explanation(figure, kind, date),
            "verdict": ""}


def english(fid: str, region: str, indicator: str, figure: str, kind: str = "actual",
            date: str = "By the end of 2017") -> dict:
    return check(fid, region, indicator, f"web/x.csv, row 2, column 'value_as_written': cannot read '{figure}' as "
                 f"a figure (value: '{figure}')", figure, kind, date)


def report(clean_rows: list[dict], checks: list[dict], region: str = "610000") -> RegionReport:
    clean = pd.DataFrame(clean_rows, columns=CLEAN_COLUMNS)
    left = refusals(pd.DataFrame(checks), region) if checks else None
    return RegionReport(regions.get(region), clean, results=None, draw_charts=False, refused=left)


def text_of(rep: RegionReport) -> str:
    return re.sub(r"<[^>]+>", " ", "".join(rep.show(k).body for k in rep.section_keys))


# ---- the cleaner keeps what a refused row was ------------------------------------------------------------------------
def test_refused_rows_keep_kind_and_date_as_written():
    left = refusals(pd.DataFrame([english("W1-01", "610000", "certified_social_workers", "over 10,000"),
                                  english("W1-02", "610000", "sw_talent_total", "15,000", "target",
                                          "by the end of 2027")]), "610000")
    assert list(left["kind"]) == ["actual", "target"]
    assert list(left["date"]) == ["By the end of 2017", "by the end of 2027"]
    assert list(left["figure"]) == ["over 10,000", "15,000"]
    # an explanation of an older checks.csv (the value only) still reads, kind and date unknown
    old = dict(english("W1-03", "610000", "sw_talent_total", "2 million"), explanation="value as written: 2 million")
    back = refusals(pd.DataFrame([old]), "610000")
    assert back.loc[0, "figure"] == "2 million" and back.loc[0, "kind"] == ""
    assert list(refused_levels(back)["figure_id"]) == ["W1-03"]  # a kind not known is never assumed a target


# ---- R10a-9, R10a-14: a refusal's reason is true of the refused cell ------------------------------------------
def test_a_word_that_is_no_unit_is_not_called_a_unit_of_another_kind():
    detail = ("web/x.csv, row 3, column 'value_as_written': unit mismatch: '覆盖' is not a unit of indicator "
              "'township_station_coverage', which counts percent (written without a unit word); '覆盖' counts no "
              "unit of the codebook: curate … (value: '100%覆盖')")
    assert refusal_reason(detail) == ("value_as_written", "not_a_unit")
    other = ("web/x.csv, row 3, column 'value_as_written': unit mismatch: '人次' is not a unit of indicator "
             "'service_recipients' (value: '300人次')")
    assert refusal_reason(other) == ("value_as_written", "unit")
    text = refusal_sentence(refusals(pd.DataFrame([check("W2-01", "440000", "township_station_coverage", detail,
                                                         "100%覆盖", "target", "两年时间")]), "440000"))
    assert "单位与指标不符" not in text and "不是单位的词" in text
    assert "“100%覆盖”" in text  # quoted like every other refused figure


def test_a_comparison_in_the_date_column_is_no_uncertain_date_and_an_increment_no_level():
    detail = "web/x.csv, row 161, column 'date_as_written': cannot read the date '比去年' (value: '比去年')"
    assert refusal_reason(detail) == ("date_as_written", "date_comparison")
    other = "web/x.csv, row 5, column 'date_as_written': cannot read the date '5年前' (value: '5年前')"
    assert refusal_reason(other) == ("date_as_written", "date")
    text = refusal_sentence(refusals(pd.DataFrame([check("W3-02", "000000", "exam_registrants", detail, "9萬余人",
                                                         "increment")]), "000000"))
    assert "无法确定" not in text and "比较" in text and "comparison" in text
    registrants = phrasing.indicator_name("exam_registrants")
    assert f"{registrants}（新增量）1条" in text and "(increment) 1" in text
    assert f"{registrants}1条" not in text


def test_every_refusal_reason_is_worded():
    assert set(REFUSAL_REASONS) <= set(REFUSAL_WORDS)
    assert "无法确定" not in REFUSAL_WORDS["date"][0]  # every date the grammar does not read is not uncertain


# ---- one decision: what the data hold of an indicator -------------------------------------------------------------
def test_indicator_status_tells_level_refused_target_and_nothing_apart():
    printed = pd.DataFrame([row("S9-01", "610000", "sw_talent_total", 6e4, kind="target", target_type="level"),
                            row("S9-02", "610000", "township_stations", 100)])
    left = refusals(pd.DataFrame([english("W4-01", "610000", "certified_social_workers", "over 10,000"),
                                  english("W4-02", "610000", "station_staff", "7,000", "target")]), "610000")
    assert indicator_status("township_stations", printed, left)[0] == "level"
    assert indicator_status("certified_social_workers", printed, left) == ("refused", "", "")
    assert indicator_status("sw_talent_total", printed, left)[:2] == ("only", "目标")
    assert indicator_status("station_staff", printed, left) == ("refused", "目标", "a target")
    assert indicator_status("sw_talent_broad", printed, left) == ("none", "", "")


# ---- R10a-4: the no-finding statement --------------------------------------------------------------------------------
def test_no_finding_statement_never_calls_a_refused_figure_absent():
    rep = report([row("S9-11", "610000", "sw_talent_total", 6e4, "2025-12-31", kind="target", target_type="level",
                      value_as_written="6万人", date_as_written="到2025年")],
                 [english("W5-01", "610000", "certified_social_workers", "over 10,000")])
    said = re.sub(r"<[^>]+>", " ", rep.key_findings().body)
    absent = re.search(r"资料中没有[^：；。]*?全境的([^；。]*?)数字", said)
    assert absent is not None
    assert CERTIFIED not in absent.group(1).split("、") and TALENT not in absent.group(1).split("、")
    assert f"{CERTIFIED}收集到的全境数字在数据清理中被拒收" in said and "set aside in data cleaning" in said
    assert f"{TALENT}只有目标" in said and "only a target" in said
    en = said.split("No key finding")[1]
    listed = en.split("the sources give no region-wide figure for")[1].split(";")[0].lower()
    assert phrasing.indicator_name("certified_social_workers", "en").lower() not in listed
    assert phrasing.indicator_name("sw_talent_total", "en").lower() not in listed


def test_no_finding_statement_names_the_appendix_when_the_table_holds_the_latest_only():
    rep = report([row("S9-21", "610000", "exam_registrants", 500, "2020-12-31", kind="increment"),
                  row("S9-22", "610000", "exam_registrants", 600, "2021-12-31", kind="increment"),
                  row("S9-23", "610000", "exam_registrants", 700, "2022-12-31", kind="increment"),
                  row("S9-24", "610000", "service_recipients", 700, "2022-12-31", kind="cumulative"),
                  row("S9-25", "610000", "sw_organisations", 70, "2022-12-31", kind="target"),
                  row("S9-26", "610000", "sw_organisations", 80, "2023-12-31", kind="target")], [])
    if rep.kind == "brief":
        pytest.skip("a brief prints every figure in one table")
    assert rep.figure_tables() == content.FIGURE_TABLES["full_and_appendix"]
    said = re.sub(r"<[^>]+>", " ", rep.key_findings().body)
    assert "列于主要数据表和数据附录" in said and "key-figures table and the data appendix" in said


def test_figure_tables_rule():
    assert content.FIGURE_TABLES["full_and_appendix"][0] == "主要数据表和数据附录"


# ---- R10a-2: limitations -------------------------------------------------------------------------------------
def test_a_refused_region_wide_figure_is_not_only_sub_regions():
    rep = report([row("S9-31", "110000", "township_station_coverage", 40, unit="percent", unit_as_written="%",
                      kind="ratio", value_as_written="40%"),
                  row("S9-32", "000000", "certified_social_workers", 9e5)],
                 [english("W6-01", "000000", "township_station_coverage", "56 percent", date="current")],
                 region="000000")
    text_of(rep)
    limits = re.sub(r"<[^>]+>", " ", rep.limitations().body)
    only_sub = re.search(r"缺少全国全境合计的数据[^：]*：([^。]*)。", limits)
    assert only_sub is None or COVERAGE not in only_sub.group(1), limits
    withheld = r"没有可用的全国全境数据，但收集到的数据在数据清理中被拒收[^：]*：[^。]*"
    assert re.search(withheld + re.escape(COVERAGE), limits)
    assert "下辖地区另有数字" in limits


# ---- R10a-3: the title page's basis line ----------------------------------------------------------------------------
def test_basis_line_with_no_dated_count_read_names_the_refused_ones():
    rep = report([row("S9-41", "610000", "exam_registrants", 500, kind="increment")],
                 [english("W7-01", "610000", "certified_social_workers", "over 10,000")])
    said = rep.as_of
    assert "资料中没有任何注明日期" not in said and "读入的数字中没有任何注明日期" in said
    assert "“over 10,000”（以英文书写；日期“By the end of 2017”）" in said and "见“局限”" in said
    assert "among the figures read" in said
    bare = report([row("S9-42", "610000", "exam_registrants", 500, kind="increment")], []).as_of
    assert bare.startswith("资料中没有任何注明日期")  # nothing refused: the sources hold none, said so


def test_basis_line_latest_dated_is_of_the_figures_read():
    stock = row("S9-51", "440000", "exam_passes_cumulative", 6400, "2011-07-15", kind="cumulative")
    later = row("S9-52", "440000", "service_recipients", 100, "2020-12-31", kind="cumulative")
    refused = [{"figure": "over 60,000", "date": "By the end of 2017", "indicator": "certified_social_workers"}]
    said = phrasing.as_of_words(stock, later, refused)
    assert "此为读入的存量数字中最新者" in said and "“over 60,000”" in said
    assert "the latest stock figure read" in said
    assert "读入的" not in phrasing.as_of_words(stock, later)


# ---- R10a-1: target and deadline lines -------------------------------------------------------------------------------
def test_a_deadline_line_speaks_of_dated_figures_and_names_the_refused_one():
    reason = ("refused: target due 2020-12-31, long before the latest figure (2022-12-31), and no figure within six "
              "months of its deadline: whether it was met on time is not known")
    said = phrasing.model_refusal_words(reason, ["sw_talent_total"], {}, "gap")
    assert "期限前后六个月内没有注明日期的数字" in said[0] and "no dated figure lies within six months" in said[1]
    told = phrasing.with_refused(said, [{"figure": "1.573 million", "date": "By the end of the 13th Five-Year Plan "
                                                                            "period"}])
    assert "以上只就读入的数字而言" in told[0] and "“1.573 million”" in told[0]
    assert "said of the figures read" in told[1] and "1 collected figure was set aside in data cleaning" in told[1]
    assert phrasing.with_refused(said, []) == said
    other = ("某指标的增长率为5%。", "The growth is 5%.")
    assert phrasing.with_refused(other, [{"figure": "x"}]) == other  # no absence claimed: nothing to add


def test_report_limitation_of_a_deadline_names_the_refused_figure():
    reason = ("refused: target due 2020-12-31, long before the latest figure (2022-12-31), and no figure within six "
              "months of its deadline: whether it was met on time is not known")
    rows = [row("S9-61", "610000", "sw_talent_total", 2e4, "2022-12-31"),
            row("S9-62", "610000", "sw_talent_total", 1e4, "2020-12-31", kind="target", target_type="level",
                value_as_written="1万人", date_as_written="到2020年")]
    clean = pd.DataFrame(rows, columns=CLEAN_COLUMNS)
    columns = ["region_code", "region_name", "indicator", "family", "kind", "model", "statistic", "allowed",
               "reason", "n_points", "start_date", "end_date", "estimate", "low", "high", "interval", "band_low",
               "band_high", "unit", "figure_ids", "notes"]
    result = {c: "" for c in columns}
    result.update({"region_code": "610000", "indicator": "sw_talent_total", "family": "sw_talent_total",
                   "kind": "actual", "model": "gap", "statistic": "gap", "allowed": False, "reason": reason,
                   "n_points": 1, "figure_ids": "S9-61;S9-62", "unit": "persons"})
    frame = pd.DataFrame([result], columns=columns)
    frame["allowed"] = frame["allowed"].astype(bool)
    left = refusals(pd.DataFrame([english("W8-01", "610000", "sw_talent_total", "2 million",
                                          date="By the end of 2020")]), "610000")
    rep = RegionReport(regions.get("610000"), clean, results=frame, draw_charts=False, refused=left)
    text_of(rep)
    limits = re.sub(r"<[^>]+>", " ", rep.limitations().body)
    assert "期限前后六个月内没有注明日期的数字" in limits
    assert "以上只就读入的数字而言" in limits and "“2 million”（以英文书写；日期“By the end of 2020”）" in limits
    assert "不与目标比较" in limits and "见“局限”" not in limits  # not compared; no self-reference (E11-2)


# ---- R10a-11: English number style ----------------------------------------------------------------------------------
def test_a_fact_stated_twice_is_named_in_english_style_in_english():
    rounded = row("S9-71", "230000", "sw_talent_total", 44000, "2021-12-31", qualifier="approx", value_low=43500,
                  value_high=44500, value_as_written="4.4万人")
    exact = row("S9-72", "230000", "sw_talent_total", 44080, "2021-12-31", value_as_written="44080人",
                date_basis="document", date_as_written="", same_fact_as="S9-71")
    merged = merge_facts([rounded, exact])
    assert len(merged) == 1
    en = phrasing.figure_value(merged[0], "en")
    zh = phrasing.figure_value(merged[0], "zh")
    assert "4.4万" in zh
    assert "万" not in en and "44,000" in en, en


# ---- the machine check over built reports ---------------------------------------------------------------------------
def _checker():
    path = Path(__file__).resolve().parents[1] / "scripts" / "check_report_text.py"
    spec = importlib.util.spec_from_file_location("check_report_text", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REFUSED_ITEM = ("<li>为本地区收集的数据中有1条在数据清理中被拒收，未用于本报告：以英文书写，写法无法读取1条"
                f"（{CERTIFIED}1条；"
                "原文：“over 10,000”（日期“By the end of 2017”））。</li>")


@pytest.mark.parametrize(("body", "kind"), [
    (f"<ul><li>本报告不陈述陕西省的主要发现：资料中没有陕西省全境的{CERTIFIED}、{TALENT}数字；也没有可计算的模型。</li>"
     f"{REFUSED_ITEM}</ul>", "absent"),
    (f"<ul><li>缺少以下指标的数据：{CERTIFIED}。</li>{REFUSED_ITEM}</ul>", "absent"),
    (f"<p class='subtitle'>资料中没有任何注明日期的社工人才、社工站或机构总量数字</p><ul>{REFUSED_ITEM}</ul>",
     "absent"),
    (f"<ul><li>{TALENT}的目标期限为2015年底，远早于最新数字（2022年底），期限前后六个月内没有数字。</li></ul>",
     "absent"),
    ("<figure><figcaption>表1 陕西省主要数据 Key figures（各指标最新数据 latest figure of each indicator）</figcaption>"
     "<table><tr><th>指标 Indicator</th></tr></table></figure>"
     "<ul><li>本报告不陈述…；各数字连同日期和口径列于主要数据表。</li></ul>", "tables"),
    ("<ul><li>黑龙江省社会工作专业人才总量为44080人。 Heilongjiang: social-work professional talent 44,080 persons "
     "(also given as 4.4万人, the statement that carries the date).</li></ul>", "english"),
    ("<p>未绘出：WP062-02 3万人（截至2018年底）。 Not drawn: WP062-02 3万人 (截至2018年底).</p>", "english"),
])
def test_the_text_check_flags_each_kind(tmp_path, body, kind):
    page = tmp_path / "610000.html"
    page.write_text(f"<html><body><h1>陕西省</h1>{body}</body></html>", encoding="utf-8")
    found = _checker().problems(page)
    assert any(f": {kind}: " in p for p in found), found


@pytest.mark.parametrize("body", [
    f"<ul><li>本报告不陈述陕西省的主要发现：{CERTIFIED}收集到的全境数字在数据清理中被拒收，未用于本报告；资料中没有陕西省全境的{TALENT}"
    f"数字。</li>{REFUSED_ITEM}</ul>",
    "<ul><li>原文：“over 10,000” as written: “9萬余人” (date “比去年”)</li></ul>",
    "<p>未绘出：WP062-02 3万人（截至2018年底）。 Not drawn: WP062-02 about 30,000 persons (at end-2018).</p>",
])
def test_the_text_check_passes_honest_text(tmp_path, body):
    page = tmp_path / "610000.html"
    page.write_text(f"<html><body><h1>陕西省</h1>{body}</body></html>", encoding="utf-8")
    found = [p for p in _checker().problems(page) if any(f": {k}: " in p for k in ("absent", "tables", "english"))]
    assert not found, found


def test_the_latest_level_of_a_fact_stated_twice_keeps_the_other_reading():
    """The level sentences read latest_levels' frame: the other statement's reading survives it (R10a-11)."""
    from swtoolkit.models.ratios import latest_levels

    rounded = row("S9-81", "230000", "sw_talent_total", 44000, "2021-12-31", qualifier="approx", value_low=43500,
                  value_high=44500, value_as_written="4.4万人")
    exact = row("S9-82", "230000", "sw_talent_total", 44080, "2021-12-31", value_as_written="44080人",
                date_basis="document", date_as_written="", same_fact_as="S9-81")
    clean = pd.DataFrame([rounded, exact], columns=CLEAN_COLUMNS)
    level = latest_levels(clean, "sw_talent_total", ["230000"]).iloc[0].to_dict()
    en = phrasing.figure_value(level, "en")
    assert "万" not in en and "44,000" in en, en


@pytest.mark.parametrize(("what", "why"), [("density", "no_count"), ("growth", "no_point")])
def test_a_national_comparison_refused_for_no_dated_count_names_the_refused_count(what, why):
    """'The region has no dated count of certified social workers' is said of the figures read (R10a-3's kind)."""
    from types import SimpleNamespace

    comparison = SimpleNamespace(what=what, allowed=False, province={"refused": why, "dates": []}, national={},
                                 reason="refused", figure_ids=[])
    said = phrasing.national_context_sentence(comparison, "陕西省", "Shaanxi")
    told = phrasing.with_refused(said, [{"figure": "over 10,000", "date": "By the end of 2017",
                                         "indicator": "certified_social_workers"}])
    assert told != said and "以上只就读入的数字而言" in told[0] and "“over 10,000”" in told[0]
    assert "said of the figures read" in told[1]
