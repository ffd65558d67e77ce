"""Editor 11 (E11-1, E11-2, E11-3, R10a-1/-2 residues): a refused-figure clause appears only where the refused
figure could matter (title page: not older than the basis; a deadline line: near the deadline), is short, never
says "see Limitations" inside the limitations, quotes a dated number before words or an undated row, glosses a
quote in another language, and the methods say what read and refused mean. Small synthetic rows."""

from __future__ import annotations

import datetime as dt

from swtoolkit.reports import phrasing
from swtoolkit.reports.content import methods_items


def refused(fid: str, figure: str, date: str = "", indicator: str = "certified_social_workers",
            doc_date: str = "", language: str = "") -> dict:
    """One cleaning.checks.refusals row, with its source's date (reports.inputs.with_document_dates)."""
    return {"figure_id": fid, "indicator": indicator, "column": "value_as_written", "reason": "foreign_language",
            "value": figure, "language": language, "figure": figure, "kind": "actual", "date": date,
            "doc_date": doc_date}


def basis(date: str) -> dict:
    """A title page's basis figure (the fields as_of_words reads)."""
    return {"figure_id": "S9-01", "indicator": "certified_social_workers", "value": 99800.0, "value_low": 99800.0,
            "value_high": 99800.0, "qualifier": "exact", "unit": "persons", "unit_as_written": "人",
            "value_as_written": "99800人", "ref_date": date, "ref_date_precision": "month", "date_basis": "stated",
            "date_estimated": False, "kind": "actual", "date_as_written": f"{date[:4]}年{int(date[5:7])}月底",
            "source_id": "S009", "subset": "", "scope": ""}


# ---- when a refused figure speaks of ----------------------------------------------------------------------------
def test_refused_when_reads_a_year_a_plan_period_a_span_ago_or_the_document_date():
    assert phrasing.refused_when(refused("W-1", "over 20,000", "By the end of 2017")) == "2017-12-31"
    assert phrasing.refused_when(refused("W-2", "1.573 million", "By the end of the 13th Five-Year Plan period",
                                         doc_date="2022-02-09")) == "2020-12-31"
    assert phrasing.refused_when(refused("W-3", "63家", "5年前", "sw_organisations", "2022-08-16")) == "2017-12-31"
    assert phrasing.refused_when(refused("W-4", "56 percent", "current", doc_date="2022-07-20")) == "2022-07-20"
    assert phrasing.refused_when(refused("W-5", "1.24 million")) == ""  # nothing known: never filtered out
    # a page dated to its month or year only: its last day (the build once stopped on '2018-02')
    assert phrasing.refused_when(refused("W-13", "9 million", "current", doc_date="2018-02")) == "2018-02-28"
    assert phrasing.refused_when(refused("W-14", "9 million", "", doc_date="2019")) == "2019-12-31"


# ---- E11-1: the title page names only refused figures that could be as new as its basis ------------------------
def test_title_page_leaves_out_refused_figures_older_than_its_basis():
    old = [refused("W-1", "over 20,000", "By the end of 2017"),
           refused("W-3", "63家", "5年前", "sw_organisations", "2022-08-16")]
    said = phrasing.as_of_words(basis("2023-06-30"), None, old)
    assert "拒收" not in said and "读入的" not in said and "not read" not in said and " read" not in said
    newer = old + [refused("W-6", "over 110,000", "By the end of 2024")]
    said = phrasing.as_of_words(basis("2023-06-30"), None, newer)
    assert "另有1条" in said and "over 110,000" in said and "over 20,000" not in said
    assert "此为读入的" in said


def test_title_page_clause_is_short_however_many_indicators_were_refused():
    many = [refused(f"W-{i}", f"{i},000", "By the end of 2024", k) for i, k in enumerate(
        ["certified_social_workers", "certified_social_workers", "sw_talent_total", "township_stations",
         "township_station_staff", "sw_organisations"], start=1)]
    said = phrasing.as_of_words(None, None, many)
    assert "另有6条" in said and "其他指标3条" in said and "other indicators 3" in said
    # one quote of each of two indicators, the rest counted
    assert "“1,000”" in said and "“3,000”" in said
    assert not any(f"“{i},000”" in said for i in (2, 4, 5, 6))


# ---- E11-3: a dated number is quoted before words or an undated row ---------------------------------------------
def test_a_dated_number_is_quoted_before_a_non_number_dated_now():
    rows = [refused("W-7", "还没有一个", "目前", doc_date="2008-06-01"),
            refused("W-8", "over 10,000", "By the end of 2017")]
    said = phrasing.refused_clause(rows, limit=1)
    assert "“over 10,000”" in said and "还没有一个" not in said and "另1条" in said
    assert [r["figure_id"] for r in phrasing.refused_order(rows)] == ["W-8", "W-7"]


# ---- E11-2, R10a-1: a deadline line names only refused figures near the deadline, and compares none -------------
GAP_ZH = ("社会工作专业人才总量的目标期限为{due}，远早于最新数字（2022年底），期限前后六个月内没有注明日期的数字，"
          "无法判断是否按期完成；目标与其后的数字按原文列出。")
GAP_EN = "no dated figure lies within six months of its deadline, so whether it was met on time is not known."
TALENT = [refused("WN022-01", "1.573 million", "By the end of the 13th Five-Year Plan period", "sw_talent_total",
                  "2022-02-09"),
          refused("WN023-02", "1.24 million", "", "sw_talent_total", "2020-02-04")]


def test_a_deadline_line_leaves_out_refused_figures_far_from_the_deadline():
    said = (GAP_ZH.format(due="2015年底"), GAP_EN)
    assert phrasing.with_refused(said, TALENT, due="2015-12-31", see=False) == said


def test_a_refused_figure_at_the_deadline_is_quoted_glossed_and_not_compared():
    zh, en = phrasing.with_refused((GAP_ZH.format(due="2020年底"), GAP_EN), TALENT, due="2020-12-31", see=False)
    assert "“1.573 million”（以英文书写；日期“By the end of the 13th Five-Year Plan period”）" in zh
    assert "1.24 million" not in zh  # undated, on a page of early 2020: it may lie long before the deadline
    assert "不与目标比较" in zh and "not set against the target" in en
    assert "见“局限”" not in zh and "see Limitations" not in en  # said inside the limitations themselves
    assert "另有1条" in zh


def test_refused_near_takes_the_deadline_rules_window():
    due = "2020-12-31"
    inside = refused("W-9", "2 million", "By the end of 2021")  # any day of 2021 may be within six months
    outside = refused("W-10", "2 million", "By the end of 2022")
    page = refused("W-11", "2 million", "current", doc_date="2021-05-01")
    late_page = refused("W-12", "2 million", "current", doc_date="2022-05-01")
    assert [r["figure_id"] for r in phrasing.refused_near([inside, outside, page, late_page], due)] == \
        ["W-9", "W-11"]
    assert phrasing.reason_due("refused: target due 2020-12-31, long before the latest figure (2022-12-31)") == due


def test_a_quote_in_chinese_is_glossed_in_english():
    en = phrasing.refused_quotes([refused("W-3", "63家", "5年前", "sw_organisations")], "en")
    assert "Chinese as written" in en


# ---- E11-1: the methods say what read and refused mean -----------------------------------------------------------
def test_methods_explain_read_and_refused_in_both_languages():
    text = " ".join(methods_items(dt.date(2026, 12, 1)))
    assert "“读入”" in text and "“拒收”" in text
    assert "“read” (读入)" in text and "“refused” (拒收)" in text


def test_a_gap_cell_past_its_deadline_names_no_refused_figure_far_from_it():
    zh = ("目标期限（2025年底）在本版（2026年11月）之前已过，"
          "而资料中没有注明日期在期限时或之后的数字，目标是否完成无从得知。")
    said = (zh, "no figure is dated at or after it: whether the target was met is not known.")
    old = [refused("W-1", "over 20,000", "By the end of 2017")]
    assert phrasing.with_refused(said, old, due="2025-12-31") == said
    assert phrasing.with_refused(said, old, due="nan") != said  # no deadline known: the clause stays


def test_a_finding_names_a_refused_figure_that_may_be_newer():
    import pandas as pd

    from swtoolkit import regions
    from swtoolkit.cleaning.columns import CLEAN_COLUMNS
    from swtoolkit.reports.content import RegionReport

    base = {c: "" for c in CLEAN_COLUMNS}
    base.update({"figure_id": "S9-91", "source_id": "S009", "region_code": "000000", "region_name": "全国",
                 "region_name_en": "China", "region_level": "country", "indicator": "township_stations",
                 "family": "township_stations", "value": 17000.0, "value_low": 17000.0, "value_high": 18000.0,
                 "qualifier": "more_than", "unit": "stations", "unit_as_written": "个", "ref_date": "2021-12-31",
                 "ref_date_precision": "year", "date_basis": "stated", "date_estimated": False, "kind": "actual",
                 "value_as_written": "1.7万余个", "date_as_written": "2021年底"})
    clean = pd.DataFrame([base], columns=CLEAN_COLUMNS)
    left = pd.DataFrame([refused("WN020-01", "over 21,000", "As of June 30", "township_stations", "2022-07-20"),
                         refused("WN0XX-01", "9,000", "By the end of 2019", "township_stations")])
    rep = RegionReport(regions.get("000000"), clean, results=None, draw_charts=False, refused=left)
    text = " ".join(rep.level_sentences())
    assert "“over 21,000”" in text and "9,000" not in text and "另有1条" in text


def test_the_text_check_asks_for_the_clause_only_near_the_deadline(tmp_path):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "check_report_text.py"
    spec = importlib.util.spec_from_file_location("check_report_text_e11", path)
    checker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(checker)
    checks = tmp_path / "checks.csv"
    checks.write_text(
        "check,status,region_code,indicator,ref_date,figure_ids,detail,explanation,verdict\n"
        "refused,refused,610000,sw_talent_total,,W-1,x,value as written: 2 million; kind: actual; "
        "date as written: By the end of 2020,\n", encoding="utf-8")
    checker.CHECKS = checks
    checker.refused_years.cache_clear()
    talent = phrasing.indicator_name("sw_talent_total")
    item = ("<li>为本地区收集的数据中有1条在数据清理中被拒收，未用于本报告：以英文书写，写法无法读取1条"
            f"（{talent}1条；原文：“2 million”（日期“By the end of 2020”））。</li>")

    def found(due: int) -> list[str]:
        page = tmp_path / "p.html"
        page.write_text(f"<html><body><h1>陕西省 (610000)</h1><ul><li>{talent}的目标期限为{due}年底，远早于最新数字"
                        f"（2022年底），期限前后六个月内没有注明日期的数字。</li>{item}</ul></body></html>",
                        encoding="utf-8")
        return [p for p in checker.problems(page) if ": absent: " in p]

    assert found(2020)  # the refused end-2020 figure bears on it: the line must name it
    assert not found(2015)  # an end-2020 figure cannot tell whether an end-2015 target was met


def test_of_the_figures_read_only_where_a_refused_figure_could_make_a_second_point():
    import pandas as pd

    from swtoolkit import regions
    from swtoolkit.cleaning.columns import CLEAN_COLUMNS
    from swtoolkit.reports.content import RegionReport

    def clean_row(fid: str, indicator: str) -> dict:
        base = {c: "" for c in CLEAN_COLUMNS}
        base.update({"figure_id": fid, "region_code": "610000", "indicator": indicator, "family": indicator,
                     "value": 100.0, "value_low": 100.0, "value_high": 100.0, "qualifier": "exact",
                     "unit": "persons", "ref_date": "2021-12-31", "ref_date_precision": "year",
                     "date_basis": "stated", "date_estimated": False, "kind": "actual"})
        return base

    left = pd.DataFrame([refused("WP051-10", "over 10,000", "By the end of 2017")])
    lone = RegionReport(regions.get("610000"), pd.DataFrame([clean_row("S9-1", "sw_talent_total")],
                                                             columns=CLEAN_COLUMNS),
                        results=None, draw_charts=False, refused=left)
    assert not lone._refused_could_pair(left)  # one refused point beside none read: one point either way
    pair = RegionReport(regions.get("610000"), pd.DataFrame([clean_row("S9-2", "certified_social_workers")],
                                                             columns=CLEAN_COLUMNS),
                        results=None, draw_charts=False, refused=left)
    assert pair._refused_could_pair(left)  # read, it would have been a second dated point
