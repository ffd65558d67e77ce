"""Referee ref-a (issue 11, second reading of China, the comparison and thirteen provinces): two kinds, each tested on
small synthetic rows and over the real tables.

1. A talent count or target a web page writes as social-work talent *without* 专业 (社会工作人才, 社工人才队伍)
   was coded as the professional-talent total and so drawn, ranked and fitted beside professional figures
   (Shandong 11.16万, Heilongjiang 38553, Shanxi's 2020 target). The curator records the wording read on the
   page in the row's notes; the cleaner stops on a row whose indicator contradicts it
   (cleaning.web.talent_wording_problem).
2. The title page's data-as-of line rests on a figure (and names refused ones) but was no claim of the audit: every
   report now records it as a claim of block ``title`` with the figures it rests on (RegionReport.title_claim).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from swtoolkit import regions
from swtoolkit.cleaning.columns import CLEAN_COLUMNS
from swtoolkit.cleaning.web import talent_wording_problem

ROOT = Path(__file__).resolve().parents[1]


# ---- 1. talent wording ------------------------------------------------------------------------------------------
def test_a_recorded_talent_wording_decides_the_indicator():
    wide = "talent wording as written: 社会工作人才队伍 (no 专业): read on the page."
    professional = "As of March 2023; talent wording as written: 社会工作专业人才总量."
    assert "sw_talent_broad" in talent_wording_problem("sw_talent_total", wide)
    assert "sw_talent_total" in talent_wording_problem("sw_talent_broad", professional)
    assert talent_wording_problem("sw_talent_broad", wide) is None
    assert talent_wording_problem("sw_talent_total", professional) is None
    assert talent_wording_problem("sw_talent_total", "talent wording as written: 专业社工人才.") is None
    assert talent_wording_problem("sw_talent_total", "As of March 2023") is None  # nothing recorded: not judged
    assert "volunteers" in talent_wording_problem("volunteers", wide)  # a record on another indicator is a slip


def test_the_web_reader_stops_on_a_row_whose_indicator_contradicts_its_recorded_wording():
    from swtoolkit.cleaning.web import WEB_FIGURE_COLUMNS, _figure_problems

    row = {c: "" for c in WEB_FIGURE_COLUMNS}
    row.update({"figure_id": "WP901-01", "source_id": "WP901", "locator": "second paragraph, talent team",
                "region_as_written": "某省", "value_as_written": "11.16万人", "date_as_written": "截至目前",
                "indicator": "sw_talent_total", "kind": "actual",
                "notes": "talent wording as written: 社会工作人才队伍 (no 专业)."})
    bad = _figure_problems(pd.DataFrame([row]), "provincial_figures.csv", {"WP901"}, set())
    assert [e.column for e in bad] == ["indicator"]
    good = _figure_problems(pd.DataFrame([{**row, "indicator": "sw_talent_broad"}]), "provincial_figures.csv",
                            {"WP901"}, set())
    assert good == []


def _web() -> pd.DataFrame:
    return pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False)
                      for p in sorted((ROOT / "data/raw/web").glob("*_figures.csv"))], ignore_index=True)


def test_real_web_talent_rows_agree_with_the_wording_read_on_their_pages():
    web = _web()
    wrong = [(r.figure_id, why) for r in web.itertuples()
             if (why := talent_wording_problem(r.indicator, r.notes))]
    assert wrong == []
    recorded = web[web["notes"].str.contains("talent wording as written:")].set_index("figure_id")
    assert len(recorded) >= 16  # the pages read on this review record what they say
    assert set(recorded.loc[["WP010-01", "WP046-05", "WP047-02"], "indicator"]) == {"sw_talent_broad"}


def test_real_clean_professional_talent_series_hold_no_count_written_without_professional():
    clean = pd.read_csv(ROOT / "data/clean/figures.csv", dtype=str, keep_default_na=False).set_index("figure_id")
    assert set(clean.loc[["WP010-01", "WP046-05", "WP047-02"], "indicator"]) == {"sw_talent_broad"}
    assert clean.loc["WN006-05", "kind"] == "cumulative"  # 累计服务对象: a running total, not a flow in 2021


# ---- 2. the title page's claim in the audit -----------------------------------------------------------------------
def _row(fid: str, indicator: str, value: float, date: str, **extra) -> dict:
    row = {c: "" for c in CLEAN_COLUMNS}
    row.update({"figure_id": fid, "source_id": "S002", "region_code": "610000",
                "region_name": "陕西省", "region_name_en": "Shaanxi", "region_level": "province",
                "province_code": "610000", "indicator": indicator, "family": indicator, "value": value,
                "value_low": value, "value_high": value, "qualifier": "exact", "unit": "persons",
                "unit_as_written": "人", "ref_date": date, "ref_date_precision": "year", "date_basis": "stated",
                "date_estimated": False, "kind": "actual", "value_as_written": f"{int(value)}人",
                "date_as_written": f"截至{date[:4]}年底"})
    row.update(extra)
    return row


def _refused(fid: str, figure: str, date: str) -> dict:
    return {"figure_id": fid, "indicator": "certified_social_workers", "column": "value_as_written",
            "reason": "foreign_language", "value": figure, "language": "", "figure": figure, "kind": "actual",
            "date": date, "doc_date": ""}


def test_every_report_records_its_data_as_of_line_with_the_figures_it_rests_on():
    from swtoolkit.reports.content import RegionReport

    clean = pd.DataFrame([_row("S9-01", "certified_social_workers", 5000.0, "2020-12-31"),
                          _row("S9-02", "sw_talent_total", 20000.0, "2021-12-31")], columns=CLEAN_COLUMNS)
    left = pd.DataFrame([_refused("WP9-01", "over 30,000", "By the end of 2022")])
    report = RegionReport(regions.get("610000"), clean, results=None, draw_charts=False, refused=left)
    for key in report.section_keys:
        report.show(key)
    title = [c for c in report.claims if c.block == "title"]
    assert len(title) == 1  # once, however often the sections are shown
    assert report.as_of in title[0].text
    ids = title[0].figure_ids.split(";")
    assert ids[0] == "S9-02" and "WP9-01" in ids  # the basis, then the refused figure the line names
    assert "names refused figures" in title[0].gates


def test_a_report_with_no_dated_stock_still_lists_its_cover_line():
    from swtoolkit.reports.content import RegionReport

    clean = pd.DataFrame([_row("S9-03", "sw_talent_total", 30000.0, "2025-12-31", kind="target",
                               target_type="level", target_year="2025")], columns=CLEAN_COLUMNS)
    report = RegionReport(regions.get("610000"), clean, results=None, draw_charts=False)
    for key in report.section_keys:
        report.show(key)
    title = [c for c in report.claims if c.block == "title"]
    assert len(title) == 1 and title[0].figure_ids == "" and "no dated stock" in title[0].gates


def test_the_title_gates_have_words_in_both_languages():
    from swtoolkit.reports import content, phrasing

    for gate in (content.DATA_AS_OF_GATE, content.DATA_AS_OF_NONE, content.DATA_AS_OF_REFUSED):
        zh, en = phrasing.decision_words(gate)
        assert zh.startswith("数据截至") and en.startswith("data as of")


# ---- 3. a one-bound figure's examples name its own side ---------------------------------------------------------
def test_an_open_end_refusal_gives_examples_of_the_side_the_figures_bound():
    from swtoolkit.reports.phrasing import model_refusal_words

    reason = ("refused: a figure with an open end (WP9-01: only one bound is known) has no central value; a fit "
              "through it would invent one; fallback: level as written")
    upper = {"WP9-01": {"figure_id": "WP9-01", "qualifier": "less_than", "value_as_written": "不到1000人",
                        "value": 1000.0, "value_high": 1000.0, "unit": "persons"}}
    zh, en = model_refusal_words(reason, ["certified_social_workers"], upper)
    assert "不到" in zh.split("没有中心值")[0].split("界限")[1] and "以上" not in zh, zh
    assert "“less than”" in en and "“more than”" not in en, en
    lower = {"WP9-01": {**upper["WP9-01"], "qualifier": "more_than", "value_as_written": "超过30万人"}}
    zh, en = model_refusal_words(reason, ["sw_practitioners"], lower)
    assert "“超过”“以上”" in zh and "“more than”" in en and "less than" not in en
    zh, en = model_refusal_words(reason, ["sw_practitioners"], {})  # qualifiers not known: both sides named
    assert "“超过”“不到”" in zh and "“more than” or “less than”" in en


# ---- 4. a stated rate recorded as a conflict says so where it is drawn -----------------------------------------
def test_a_drawn_stated_rate_in_conflict_with_the_levels_carries_the_note():
    from types import SimpleNamespace

    from swtoolkit.reports.content import RegionReport

    conflicts = pd.DataFrame([{"check": "conflict", "region_code": "000000", "indicator": "certified_growth",
                               "figure_ids": "W907-02 W927-14 W927-13", "verdict": "explained", "opposed": ""}])
    stub = SimpleNamespace(conflicts=conflicts, clean=pd.DataFrame({"figure_id": ["W907-02", "W927-14"]}),
                           _drawn_as=lambda f, p: ("", ""))
    rate_chart = RegionReport._conflict_notes(stub, {"W907-02", "W901-05"})  # the growth-rate chart
    assert len(rate_chart) == 1
    said, ids = rate_chart[0]
    assert said.startswith("W907-02所述增速") and "并非定论" in said and "not settled" in said
    assert ids == ["W907-02", "W927-14", "W927-13"]
    level_chart = RegionReport._conflict_notes(stub, {"W927-14", "W927-13"})  # the level chart: note as before
    assert len(level_chart) == 1 and "图中各点照录" in level_chart[0][0]
