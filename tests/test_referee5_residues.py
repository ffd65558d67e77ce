"""Referee-5 residues (issue 11), each tested by its kind on small synthetic rows, plus machine checks over the real
data where the kind lives in the curation:

- R4-28: a stated growth rate that the two levels around it contradict is a recorded conflict, and a conflict
  carries the curator's verdict (sources disagree / not one fact);
- conflicts named in sentences: a sentence stating one side of a disagreement says so, in both languages;
- R5-3: parts that add up to a total restate it, so they never move the data-as-of past the total's first date;
- NF15: a per-year flow counted over more than a year must say what it is (several years together, each year);
- R4-21: a flow is never shown 截至 a point (its start is said to be unstated);
- R4-23: a count over a course the sentence dates by its year is dated by that year, never by the start day;
- inequality and convergence measures refuse sets too thin to carry them.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit.cleaning import checks as ck
from swtoolkit.models import comparability as cmp
from swtoolkit.reports import phrasing
from tests.test_semantics import _row

ROOT = Path(__file__).resolve().parents[1]
NAN = float("nan")


def _clean_row(fid: str, indicator: str, value: float, date: str, written: str, **kw) -> dict:
    """A clean row with the columns the checks read (whole region, stated date)."""
    fields = {"indicator": indicator, "value_as_written": written, "region_code": "000000", "value_low": NAN,
              "value_high": NAN, "period_start": "", **kw}
    return _row(fid, value, date, **fields)


# -- R4-28: a stated rate against its levels; verdicts -----------------------------------------------------------
def _growth_frame(before: float) -> pd.DataFrame:
    return pd.DataFrame([
        _clean_row("W901-05", "certified_growth", 28.8, "2015-12-31", "28.8%", unit="percent", kind="actual",
                   period_start="2015-01-01"),
        _clean_row("W901-01", "certified_social_workers", 206000, "2015-12-31", "206000人"),
        _clean_row("W908-01", "certified_social_workers", before, "2014-12-31", f"{before:g}人"),
    ])


def test_a_stated_growth_rate_the_levels_contradict_is_a_conflict():
    """28.8% growth to 206,000 puts the year before near 160,000: a level of 152,985 contradicts it (a conflict),
    one of 160,000 agrees (a pass). The same check reads every stated rate (GROWTH_OF), certified_growth included."""
    assert ck.GROWTH_OF["certified_growth"] == "certified_social_workers"
    found = ck.check_stated_growth(_growth_frame(152985))
    assert [(c["check"], c["status"]) for c in found] == [("conflict", "fail")]
    assert found[0]["figure_ids"].split() == ["W901-05", "W901-01", "W908-01"]
    agreed = ck.check_stated_growth(_growth_frame(160000))
    assert [(c["check"], c["status"]) for c in agreed] == [("stated_growth", "pass")]


def test_a_conflict_keeps_the_verdict_the_curator_gave_it():
    """check_notes.csv's verdict travels to checks.csv; only disagreements are read as sources that disagree."""
    notes = pd.DataFrame([{"check": "conflict", "figure_ids": "W908-01 W901-01 W901-05", "verdict": "disagree",
                           "explanation": "the rate and the levels cannot all hold"}])
    table = ck.run_checks(_growth_frame(152985), notes)
    row = table[table["check"].eq("conflict")].iloc[0]
    assert row["status"] == "explained" and row["verdict"] == "disagree"
    assert ck.recorded_conflicts(table, "disagree") == [frozenset({"W901-05", "W901-01", "W908-01"})]
    other = notes.assign(verdict="not_one_fact")
    assert ck.recorded_conflicts(ck.run_checks(_growth_frame(152985), other), "disagree") == []
    assert len(ck.recorded_conflicts(ck.run_checks(_growth_frame(152985), other))) == 1
    bare = ck.run_checks(_growth_frame(152985))  # no notes: no verdict, a failure left to explain
    assert list(bare.columns) == ck.CHECK_COLUMNS and set(bare["verdict"]) == {""}


def test_real_conflicts_carry_a_verdict_and_the_end_2014_disagreement_is_recorded():
    """Machine check: every explained conflict in data/clean/checks.csv says what it is; the secondary end-2014
    152,985 (WN008-01) against the bulletin's 28.8% to 20.6万 is a recorded disagreement (referee 4, R4-28)."""
    table = pd.read_csv(ROOT / "data" / "clean" / "checks.csv", dtype=str, keep_default_na=False)
    conflicts = table[table["check"].eq("conflict")]
    assert not conflicts.empty and set(conflicts["verdict"]) <= set(ck.VERDICTS)
    assert frozenset({"WN001-05", "WN001-01", "WN008-01"}) in ck.recorded_conflicts(table, "disagree")
    assert set(table["status"]) <= {"pass", "note", "explained", "refused"}


# -- conflicts named in sentences -------------------------------------------------------------------------------
def test_a_sentence_stating_one_side_of_a_disagreement_says_so():
    """The clause names the sentence's figure and the other statements with their values, in both languages;
    a sentence with no figure of the conflict is unchanged."""
    mine = _row("W908-01", 152985, "2014-12-31", value_as_written="152985人", region_code="000000")
    other = _row("W901-01", 206000, "2015-12-31", value_as_written="20.6万人", region_code="000000")
    said = ("截至2014年底，全国持证社会工作者为152985人。", "China: certified social workers 152,985 persons.")
    zh, en = phrasing.with_conflict_caveat(said, [mine], [other])
    # a reader's sentence names the other statement by value, never by id (fresh editor, item 3)
    assert "W908-01" not in zh and "W901-01" not in zh and "另一处记载（20.6万人）" in zh and "来源不一致" in zh
    assert "152985人" in zh and zh.endswith("。")
    assert "W908-01" not in en and "another statement (206,000 persons)" in en and "the sources disagree" in en
    assert "152,985" in en
    assert en.endswith(".")
    assert phrasing.with_conflict_caveat(said, [], [other]) == said
    both = phrasing.with_conflict_caveat(said, [mine, other], [])  # every side in the sentence: named against
    assert "来源不一致" in both[0] and "20.6万人" in both[0] and "W901-01" not in both[0]


def test_key_findings_name_the_disagreement_of_the_figure_they_state():
    """A report's level sentence stating a figure of a recorded disagreement carries the clause; a conflict
    found not to be one fact (two plans, a before and an after) adds nothing."""
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    row = _row("S900-000001", 135, "2022-06-30", indicator="township_stations", unit="stations",
               unit_as_written="个", value_as_written="135个", region_code="530100")
    other = _row("S901-000001", 143, "2022-06-30", indicator="township_stations", unit="stations",
                 unit_as_written="个", value_as_written="143个", region_code="530100", source_id="S901",
                 place="somewhere")  # shown elsewhere, not the region's latest level
    clean = pd.DataFrame([row, other])

    def conflicts(verdict: str) -> pd.DataFrame:
        return pd.DataFrame([{"check": "conflict", "status": "explained", "region_code": "530100",
                              "indicator": "township_stations", "ref_date": "2022-06-30",
                              "figure_ids": "S900-000001 S901-000001", "detail": "x", "explanation": "y",
                              "verdict": verdict}])

    report = RegionReport(regions.get("530100"), clean, conflicts=conflicts("disagree"))
    said = [s for s in report.level_sentences() if "135" in s]
    assert said and "143个" in said[0] and "来源不一致" in said[0] and "the sources disagree" in said[0]
    assert "S901-000001" not in said[0]  # by value in the sentence; by id in the audit (fresh editor, item 3)
    claim = [c for c in report.claims if c.block == "findings"][0]
    assert "recorded disagreement" in claim.gates and "S901-000001" in claim.figure_ids.split(";")
    quiet = RegionReport(regions.get("530100"), clean, conflicts=conflicts("not_one_fact"))
    assert all("来源不一致" not in s for s in quiet.level_sentences())


def test_a_two_point_rate_names_only_the_disagreements_of_its_two_ends():
    """A CAGR sentence states its first and last level, so a disagreement about a middle point is not its own."""
    figures = {i: _row(i, v, d, region_code="000000", value_as_written=f"{v}人")
               for i, v, d in (("W1-01", 80000, "2012-12-31"), ("W2-01", 152985, "2014-12-31"),
                               ("W3-01", 1516000, "2024-12-31"))}
    result = {"model": "cagr", "figure_ids": "W1-01;W2-01;W3-01"}
    assert phrasing.stated_ids(result, figures) == ["W1-01", "W3-01"]
    assert phrasing.stated_ids({**result, "model": "loglinear"}, figures) == ["W1-01", "W2-01", "W3-01"]


# -- R5-3: parts restating a total ------------------------------------------------------------------------------
def _bj(fid: str, indicator: str, value: float, date: str, **kw) -> dict:
    return _row(fid, value, date, indicator=indicator, region_code="110000", basis="document",
                value_as_written=f"{value:g}人", **kw)


def test_parts_that_add_up_to_an_earlier_total_keep_its_date():
    """9,357 + 2,366 (April 2013) are the 11,723 first given for October 2012: the data-as-of is October 2012,
    whether the later page also states the total (linked to the first) or only the parts."""
    indicators = ["certified_social_workers", "certified_assistant", "certified_intermediate"]
    first = _bj("W25-03", "certified_social_workers", 11723, "2012-10-31", source_id="W25")
    total = _bj("W24-02", "certified_social_workers", 11723, "2013-04-16", source_id="W24", same_fact_as="W25-03")
    parts = [_bj("W24-03", "certified_assistant", 9357, "2013-04-16", source_id="W24"),
             _bj("W24-04", "certified_intermediate", 2366, "2013-04-16", source_id="W24")]
    assert cmp.restated_parts([first, total, *parts]) == {"W24-03": "W24-02", "W24-04": "W24-02"}
    assert cmp.as_of_figure([first, total, *parts], indicators)["ref_date"] == "2012-10-31"
    assert cmp.as_of_figure([first, *parts], indicators)["ref_date"] == "2012-10-31"  # parts alone restate it
    grown = [_bj("W24-03", "certified_assistant", 9500, "2013-04-16", source_id="W24"), parts[1]]
    assert cmp.restated_parts([first, *grown]) == {}  # a new sum is a new fact and dates the data
    assert cmp.as_of_figure([first, *grown], indicators)["ref_date"] == "2013-04-16"
    wrong = [_bj("W24-02", "certified_social_workers", 20000, "2013-04-16", source_id="W24"), *parts]
    assert cmp.restated_parts(wrong) == {}  # parts that miss their own total do not restate it


# -- NF15: a per-year definition over a longer period -----------------------------------------------------------
def test_a_per_year_flow_over_more_than_a_year_must_say_what_it_is():
    """去年以来 to the document (2021-01-01 to 2022-07-31) under 'registrants in one year' is a failure unless its
    scope says several sittings together or each year's count."""
    assert "exam_registrants" in ck.yearly_flows() and "certified_social_workers" not in ck.yearly_flows()
    base = _clean_row("S900-001169", "exam_registrants", 20000, "2022-07-31", "超过2万", period_start="2021-01-01")
    assert [c["check"] for c in ck.check_period_vs_definition(pd.DataFrame([base]))] == ["period_vs_definition"]
    for scope in ck.MULTI_YEAR_SCOPES:
        assert ck.check_period_vs_definition(pd.DataFrame([{**base, "scope": scope}])) == []
    one_year = {**base, "period_start": "2022-01-01"}
    assert ck.check_period_vs_definition(pd.DataFrame([one_year])) == []


def test_real_data_meets_its_per_year_definitions():
    """Machine check: no clean row of a per-year flow spans more than a year without saying so (Yunnan's 超过2万
    since last year is each year's count: scope each_year)."""
    clean = pd.read_csv(ROOT / "data" / "clean" / "figures.csv", dtype=str, keep_default_na=False)
    assert ck.check_period_vs_definition(clean) == []
    assert clean.loc[clean["figure_id"].eq("S003-001169"), "scope"].tolist() == ["each_year"]


# -- R4-21: a flow is never 截至 ---------------------------------------------------------------------------------
def test_a_flow_with_only_an_end_date_says_its_start_is_not_stated():
    """369 projects run 截至2022年6月底: a flow up to that date, never an as-of point; a stock keeps 截至."""
    flow = _row("S900-017644", 369, "2022-06-30", indicator="sw_projects", unit="projects",
                date_as_written="截至2022年6月底", ref_date_precision="month")
    zh, en = phrasing.figure_date(flow), phrasing.figure_date(flow, "en")
    assert not zh.startswith("截至") and "2022年6月底" in zh and "起始未注明" in zh
    assert en.startswith("up to") and "start not stated" in en
    stock = {**flow, "indicator": "certified_social_workers"}
    assert phrasing.figure_date(stock).startswith("截至")
    so_far = {**flow, "date_basis": "document", "date_as_written": "截至目前", "date_estimated": True,
              "ref_date_low": "2022-07-01", "ref_date": "2022-07-31", "ref_date_high": "2022-07-31"}
    assert "截至" not in phrasing.figure_date(so_far) and "起始未注明" in phrasing.figure_date(so_far)


def test_real_flows_are_never_shown_as_of_a_point():
    """Machine check over the clean table: no flow's date words begin with 截至 / 'at' / 'as of'."""
    clean = pd.read_csv(ROOT / "data" / "clean" / "figures.csv", dtype=str, keep_default_na=False)
    bad = [(r["figure_id"], phrasing.figure_date(r)) for r in clean.to_dict("records")
           if phrasing.is_flow(r) and (phrasing.figure_date(r).startswith("截至")
                                       or phrasing.figure_date(r, "en").startswith(("at ", "as of ")))]
    assert not bad, bad


# -- R4-23: the year a sentence gives an event dates its count ---------------------------------------------------
def test_a_count_over_a_course_of_a_named_year_is_dated_by_that_year():
    """The 2022 course (400余 people, started 4月7日) is dated 2022 at year precision, up to the document; the
    start day is never printed."""
    clean = pd.read_csv(ROOT / "data" / "clean" / "figures.csv", dtype=str, keep_default_na=False)
    for fid in ("S003-043284", "S003-042997"):
        row = clean[clean["figure_id"].eq(fid)].iloc[0].to_dict()
        zh, en = phrasing.figure_date(row), phrasing.figure_date(row, "en")
        assert zh.startswith("2022年") and "未注明日期" not in zh and "4月7日" not in zh, zh
        assert en.startswith("in 2022"), en
    synthetic = _row("S900-000001", 400, "2022-07-31", basis="document", indicator="training_persons",
                     kind="increment", date_as_written="2022年", ref_date_low="2022-07-01")
    assert phrasing.figure_date(synthetic).startswith("2022年")
    assert phrasing.figure_date(synthetic, "en").startswith("in 2022")


# -- inequality over thin sets ------------------------------------------------------------------------------------
@pytest.mark.parametrize("n", [2, 3, 4])
def test_inequality_and_convergence_refuse_thin_sets_with_the_reason(n):
    values = [float(10 * (i + 1)) for i in range(n)]
    for model in ("gini", "theil"):
        d = cmp.variation_gate(values, model)
        assert not d.allowed and f"≥ {cmp.MIN_REGIONS_INEQUALITY}" in d.reason and "ceiling" in d.reason
    regions_ = {f"r{i}" for i in range(n)}
    d, _ = cmp.sigma_gate({2021: regions_, 2022: regions_}, is_rate=True)
    assert not d.allowed and "ceiling" in d.reason


def test_inequality_is_allowed_from_the_threshold_on():
    n = cmp.MIN_REGIONS_INEQUALITY
    assert cmp.variation_gate([float(i + 1) for i in range(n)], "gini").allowed
    regions_ = {f"r{i}" for i in range(n)}
    assert cmp.sigma_gate({2021: regions_, 2022: regions_}, is_rate=True)[0].allowed
    # the ceiling the reason names: the Gini of n regions cannot exceed (n - 1)/n
    from swtoolkit.models.inequality import gini

    assert math.isclose(gini([0.0, 0.0, 1.0]), 2 / 3)


# -- source figures are never rounded in sentences -----------------------------------------------------------------
def test_a_source_figure_keeps_every_digit_in_a_sentence():
    """152,985 is written in full in Chinese (152,985人), never 15.3万 nor 15.2985万 (R10a-12); round figures keep
    their short form."""
    for value, said in ((152985, "152,985人"), (206000, "20.6万人"), (44080, "44080人"), (1516000, "151.6万人")):
        assert phrasing.figure_value({"value": value, "unit": "persons", "qualifier": "exact"}) == said


# -- the key-figures note follows the verdict -------------------------------------------------------------------------
def test_the_key_figures_note_says_disagree_only_for_a_disagreement():
    """Two targets of two plans recorded by the check as one fact with two values, and found on review not to be
    one fact, are listed apart, never called sources that disagree (000000's 145万 vs 300万)."""
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    rows = [_row(fid, v, "2020-12-31", indicator="sw_talent_total", kind="target", target_year="2020",
                 target_type="level", region_code="000000", value_as_written=f"{v}人", source_id=fid[:4])
            for fid, v in (("W909-04", 1450000), ("W934-02", 3000000))]

    def note(verdict: str) -> str:
        conflicts = pd.DataFrame([{"check": "conflict", "status": "explained", "region_code": "000000",
                                   "indicator": "sw_talent_total", "ref_date": "2020-12-31",
                                   "figure_ids": "W909-04 W934-02", "detail": "x", "explanation": "y",
                                   "verdict": verdict}])
        report = RegionReport(regions.get("000000"), pd.DataFrame(rows), conflicts=conflicts)
        return report._latest_notes(pd.DataFrame(rows), {"W909-04", "W934-02"}, "")

    assert "不是同一事实" in note("not_one_fact") and "来源不一致" not in note("not_one_fact")
    assert "来源不一致" in note("disagree") and "the sources disagree" in note("disagree")


# -- cross-region tables keep the date-basis notes of the region reports (R5-9 kind) --------------------------------
def test_latest_cells_keep_borrowed_and_inferred_date_notes():
    """The latest-figures cell of a cross-region table reads the same date words as the region's own report: an
    undated value dated by its restatement says so, and an inferred year says so."""
    from swtoolkit.models.ratios import latest_levels

    dated = _row("S902-000010", 44000, "2021-12-31", indicator="sw_talent_total", region_code="230000",
                 value_as_written="4.4万人", value_low=43500.0, value_high=44500.0, qualifier="rounded",
                 ref_date_precision="year", date_as_written="2021年")
    undated = _row("S902-000491", 44080, "2022-06-30", basis="undated", indicator="sw_talent_total",
                   region_code="230000", value_as_written="44080 人", same_fact_as="S902-000010")
    inferred = _row("W959-01", 81, "2022-09-30", indicator="township_station_coverage", unit="percent",
                    region_code="340000", value_as_written="81%", date_as_written="截至9月底",
                    date_flag="year taken from the document")
    talent = latest_levels(pd.DataFrame([dated, undated]), "sw_talent_total").loc["230000"].to_dict()
    assert "日期据该处" in phrasing.also_note(talent) and "carries the date" in phrasing.also_note(talent, "en")
    cover = latest_levels(pd.DataFrame([inferred]), "township_station_coverage").loc["340000"].to_dict()
    assert "年份据文件日期推定" in phrasing.figure_date(cover)


def test_a_stated_rate_is_checked_against_year_end_levels_beside_restatements():
    """A year holding a restatement dated by its page (end-2017's count on a February-2018 page) and several pages
    repeating the year-end level still has one level: the year-end statements. 43.9% for 2018 against 32.7万 →
    43.9万 (about 34%) is a conflict, not skipped."""
    rows = [
        _clean_row("W907-02", "certified_growth", 43.9, "2018-12-31", "43.9%", unit="percent",
                   period_start="2018-01-01"),
        _clean_row("W911-05", "certified_social_workers", 326574, "2018-02-28", "326,574"),
        _clean_row("W927-13", "certified_social_workers", 327000, "2017-12-31", "32.7万", same_fact_as="W911-05"),
        _clean_row("W927-14", "certified_social_workers", 439000, "2018-12-31", "43.9万", same_fact_as="W926-02"),
        _clean_row("W940-05", "certified_social_workers", 439000, "2018-12-31", "43.9万", same_fact_as="W927-14"),
        _clean_row("W926-02", "certified_social_workers", 439000, "2019-07-31", "43.9万人", date_basis="document"),
    ]
    found = ck.check_stated_growth(pd.DataFrame(rows))
    assert [(c["check"], c["status"]) for c in found] == [("conflict", "fail")]
    assert found[0]["figure_ids"].split() == ["W907-02", "W927-14", "W927-13"]  # the year-end levels


def test_a_key_figures_table_showing_one_side_of_a_disagreement_says_so():
    """The latest-figures table shows the 2018 growth rate alone (its levels are earlier rows): the note names the
    statements it cannot hold together with."""
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    rate = _row("W907-02", 43.9, "2018-12-31", indicator="certified_growth", unit="percent", region_code="000000",
                value_as_written="43.9%", kind="actual")
    level = _row("W927-14", 439000, "2018-12-31", region_code="000000", value_as_written="43.9万")
    conflicts = pd.DataFrame([{"check": "conflict", "status": "explained", "region_code": "000000",
                               "indicator": "certified_growth", "ref_date": "2018-12-31",
                               "figure_ids": "W907-02 W927-14", "detail": "x", "explanation": "y",
                               "verdict": "disagree"}])
    newer = _row("W928-01", 531000, "2019-12-31", region_code="000000", value_as_written="53.1万")
    every = pd.DataFrame([rate, level, newer])
    report = RegionReport(regions.get("000000"), every, conflicts=conflicts)
    note = report._latest_notes(every, {"W907-02", "W928-01"}, "")
    assert "W907-02" in note and "W927-14" in note and "来源不一致" in note and "the sources disagree" in note
    assert note.count("来源不一致") == 1
    assert report._latest_notes(every, {"W928-01"}, "") == ""  # no side of the disagreement shown
