"""Referee-6a data entries (R6a-1/-2/-3/-5/-8/-9/-10/-13/-14/-16/-17/-18/-21/-22, R5-6a), each tested by kind:
synthetic rows for the code behind a rule, and a machine check over the real raw and clean tables for the data."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from tests.test_semantics import _row

ROOT = Path(__file__).resolve().parents[1]
NAN = float("nan")


def _stmt(fid: str, value: float, low: float, high: float, ref: str, ref_low: str, ref_high: str, **kw) -> dict:
    base = {"figure_id": fid, "source_id": fid.split("-")[0], "region_code": "330000", "place": "", "subset": "",
            "scope": "", "indicator": "exam_registrants", "kind": "actual", "target_year": "",
            "value": value, "value_low": low, "value_high": high, "qualifier": "rounded", "unit": "persons",
            "ref_date": ref, "ref_date_low": ref_low, "ref_date_high": ref_high, "value_as_written": f"{value}"}
    base.update(kw)
    return base


# ---- R6a-5: a statement dated only to a span (a page known to its year) against one dated inside the span -------
def test_a_span_dated_statement_conflicts_with_one_dated_inside_the_span():
    from swtoolkit.cleaning.checks import check_duplicates_and_conflicts

    year_page = _stmt("W900-01", 86000.0, 85500.0, 86500.0, "2018-12-31", "2018-01-01", "2018-12-31")
    june = _stmt("W901-01", 84000.0, 83500.0, 84500.0, "2018-06-11", "2018-06-11", "2018-06-11")
    found = check_duplicates_and_conflicts(pd.DataFrame([year_page, june]))
    assert [c["check"] for c in found] == ["conflict"]
    assert set(found[0]["figure_ids"].split()) == {"W900-01", "W901-01"}
    # values that meet are not a conflict; an undated statement (open before its page) is never paired this way
    meets = _stmt("W902-01", 84200.0, 84150.0, 84250.0, "2018-06-11", "2018-06-11", "2018-06-11")
    assert not check_duplicates_and_conflicts(pd.DataFrame([{**year_page, "value_low": 84000.0}, meets]))
    undated = {**year_page, "ref_date_low": ""}
    assert not check_duplicates_and_conflicts(pd.DataFrame([undated, june]))


# ---- R6a-10: conflicts a check cannot pair (different indicators or parts) are carried from the curator's notes --
def test_a_curated_conflict_between_indicators_reaches_checks_csv_and_a_stale_note_adds_nothing():
    from swtoolkit.cleaning.checks import curated_conflicts, run_checks

    speech = _stmt("S900-000001", 135.0, 135.0, 135.0, "2022-07-31", "", "2022-07-31", indicator="township_stations",
                   region_code="532500", value_as_written="135个")
    report = _stmt("S900-000002", 143.0, 143.0, 143.0, "2022-06-30", "2022-06-30", "2022-06-30",
                   indicator="sw_stations_all", region_code="532500", value_as_written="143个")
    clean = pd.DataFrame([speech, report])
    notes = pd.DataFrame([{"check": "conflict", "figure_ids": "S900-000001 S900-000002", "explanation": "differ"},
                          {"check": "conflict", "figure_ids": "S900-000001 S999-000009", "explanation": "stale"}])
    rows = curated_conflicts(clean, notes, [])
    assert len(rows) == 1 and rows[0]["check"] == "conflict" and rows[0]["region_code"] == "532500"
    table = run_checks(clean, notes)
    conflict = table[table["check"].eq("conflict")]
    assert list(conflict["status"]) == ["explained"] and list(conflict["explanation"]) == ["differ"]
    # a pair a check already reports is not added twice
    assert curated_conflicts(clean, notes, [{"figure_ids": "S900-000002 S900-000001"}]) == []


# ---- R6a-2 / R6a-1 / E7-18: a target of the wider talent indicator is never set against a professional stock -----
def test_the_gap_gate_refuses_a_wider_talent_target_against_a_professional_stock_with_a_reason():
    from swtoolkit.models.comparability import gap_gate

    stock = _row("S900-000491", 44080, "2021-12-31", indicator="sw_talent_total", family="talent_total")
    target = _row("S900-001273", 60000, "2025-12-31", basis="plan", indicator="sw_talent_broad",
                  family="talent_broad", kind="target", target_type="level", target_year="2025")
    decision = gap_gate(stock, target)
    assert not decision.allowed
    assert "definitions differ" in decision.rule and "talent_broad" in decision.rule
    assert gap_gate(stock, {**target, "indicator": "sw_talent_total", "family": "talent_total"}).allowed


# ---- R6a-8: a running total is not a stock -----------------------------------------------------------------------
def test_a_running_total_and_a_stock_are_not_one_definition():
    from swtoolkit.models.comparability import same_definition

    stock = _row("S900-000001", 37000, indicator="sw_talent_total", family="talent_total")
    running = _row("S900-000002", 44000, indicator="sw_talent_total", family="talent_total", kind="cumulative")
    decision = same_definition(stock, running)
    assert not decision.allowed and "running total" in decision.rule
    assert same_definition(stock, {**running, "kind": "actual"}).allowed


def test_a_cross_region_cell_names_a_running_total_and_a_recorded_conflict():
    from swtoolkit.reports import phrasing

    running = _row("S900-000002", 44000, indicator="sw_talent_total", family="talent_total", kind="cumulative")
    assert phrasing.cumulative_note(running) == "（累计数）"
    assert phrasing.cumulative_note({**running, "kind": "actual"}) == ""
    conflicts = [frozenset({"S900-000002", "S900-000009"})]
    assert "S900-000009" in phrasing.conflict_note("S900-000002", conflicts)
    assert phrasing.conflict_note("S900-000003", conflicts) == ""


# ---- R5-6a: the end of a stated change (过去两年) is the document's level ------------------------------------------
def test_the_past_n_years_dates_a_level_at_the_document():
    from swtoolkit.cleaning.dates import parse_date

    doc = dt.date(2022, 12, 30)
    for written in ("过去两年", "近3年", "过去一年间"):
        parsed = parse_date(written, doc)
        assert parsed.ref_date == doc and parsed.precision == "period" and parsed.start is None


# ---- R6a-22 / R6a-9: a rule or running total since a start keeps the start, never 截至 -----------------------------
def test_a_rule_in_force_since_a_start_is_not_dated_as_of():
    from swtoolkit.reports.phrasing import figure_date

    rule = _row("W900-02", 3000, "2024-05-31", basis="document", indicator="certificate_reward",
                family="certificate_reward", unit="yuan per person", date_as_written="“十四五”以来",
                ref_date_low="2024-05-01")
    words = figure_date(rule)
    assert "截至" not in words and words.startswith("“十四五”以来") and "2024年5月" in words
    assert figure_date(rule, "en").startswith("since the start of the 14th five-year plan")
    stock = {**rule, "date_as_written": "截至目前"}
    assert figure_date(stock).startswith("截至")


# ---- R6a-17 / R6a-18: a chart names the right disagreement ------------------------------------------------------
def _stub(conflicts: list[dict], ids: list[str]):
    return SimpleNamespace(conflicts=pd.DataFrame(conflicts), clean=pd.DataFrame({"figure_id": ids}))


def test_a_chart_note_names_a_stated_rate_not_two_years_as_the_disagreement():
    from swtoolkit.reports.content import RegionReport

    stub = _stub([{"check": "conflict", "indicator": "exam_registrants_growth",
                   "figure_ids": "W900-02 W900-01 W901-05"}], ["W900-01", "W900-02", "W901-05"])
    (said, ids), = RegionReport._conflict_notes(stub, {"W900-01", "W901-05"})
    assert said.startswith("W900-02所述增速") and "相近日期" not in said


def test_a_chart_drawing_one_side_of_a_conflict_says_its_value_is_not_settled():
    from swtoolkit.reports.content import RegionReport

    stub = _stub([{"check": "conflict", "indicator": "township_stations",
                   "figure_ids": "W900-02 W901-02 W902-01"}], ["W900-02", "W901-02", "W902-01"])
    (said, ids), = RegionReport._conflict_notes(stub, {"W900-02"})
    assert "并非定论" in said and "W902-01" in said
    assert RegionReport._conflict_notes(stub, set()) == []


# ---- R6a-16: one figure's date reads alike in the fit sentence and the table ------------------------------------
def test_a_fit_span_uses_the_figures_own_date_words():
    from swtoolkit.reports import phrasing
    from swtoolkit.reports.phrasing import fit_date, result_date

    bare = _row("W900-20", 1516000, "2024-12-31", precision="year", date_as_written="2024年",
                ref_date_precision="year")
    result = {"figure_ids": "W900-20;W900-08"}
    # a stock stated for a year is at the year's end, in the fit sentence as in the table (referee 8 R8b-16)
    assert fit_date("2024-12-31", result, {"W900-20": bare}) == phrasing.figure_point(bare) == "2024年底"
    flow = {**bare, "kind": "increment", "indicator": "exam_passes", "period_start": "2024-01-01"}
    assert fit_date("2024-12-31", result, {"W900-20": flow}) == "2024年"
    assert fit_date("2024-12-31", result, {}) == result_date("2024-12-31") == "2024年底"


# ---- R6a-14: a restated target is one star --------------------------------------------------------------------
def test_a_restated_target_merges_into_one():
    from swtoolkit.models.comparability import merge_facts

    plan = _row("S900-001421", 100000, "2025-12-31", basis="plan", kind="target", target_type="level",
                target_year="2025", qualifier="more_than")
    repost = {**plan, "figure_id": "W900-02", "source_id": "W900", "same_fact_as": "S900-001421"}
    assert len(merge_facts([plan, repost])) == 1


# ---- machine checks over the real tables ------------------------------------------------------------------------
def _raw() -> pd.DataFrame:
    seed = pd.read_csv(ROOT / "data/raw/figures.csv", dtype=str, keep_default_na=False)
    web = [pd.read_csv(p, dtype=str, keep_default_na=False)
           for p in sorted((ROOT / "data/raw/web").glob("*_figures.csv"))]
    return pd.concat([seed, *web], ignore_index=True)


def test_real_seed_talent_counts_written_without_professional_carry_the_wider_indicator(joined_texts):
    """R6a-1/-2, E7-18: a seed talent figure whose own clause calls it 社会工作人才 (no 专业) is the wider indicator
    sw_talent_broad; one written as 专业人才 is sw_talent_total."""
    raw = pd.read_csv(ROOT / "data/raw/figures.csv", dtype=str, keep_default_na=False)
    for r in raw[raw["indicator"].isin(["sw_talent_total", "sw_talent_broad"])].itertuples():
        text = joined_texts[r.source_id]
        before = re.split(r"[，。；、]", text[max(0, int(r.locator) - 30):int(r.locator)])[-1]
        if "人才" not in before:
            continue
        wide = "社会工作人才" in before and "专业" not in before
        assert (r.indicator == "sw_talent_broad") == wide, (r.figure_id, before, r.indicator)
        assert not r.scope, (r.figure_id, r.scope)  # the indicator says it; no scope restates it


def test_real_national_outline_targets_and_station_social_worker_counts_are_scoped():
    raw = _raw().set_index("figure_id")
    assert set(raw.loc[["WN034-01", "WN034-02", "S002-001273", "S003-030516"], "indicator"]) == {"sw_talent_broad"}
    station = raw[raw["indicator"].eq("station_staff") & raw["source_id"].str.startswith("W")]
    for fid, r in station.iterrows():  # a web count of social workers at stations is the sw_posted scope
        if "social workers" in r["locator"]:
            assert r["scope"] == "sw_posted", fid
    posts = raw.loc["WP025-04"]
    assert posts["kind"] == "cumulative" and posts["subset"]


def test_real_gap_of_heilongjiang_talent_is_refused():
    from swtoolkit.models.comparability import gap_gate, merge_facts

    clean = pd.read_csv(ROOT / "data/clean/figures.csv", dtype=str, keep_default_na=False).set_index("figure_id")
    stock = merge_facts([clean.loc["S000-002271"].to_dict() | {"figure_id": "S000-002271"},
                         clean.loc["S002-000491"].to_dict() | {"figure_id": "S002-000491"}])[0]
    target = clean.loc["S002-001273"].to_dict() | {"figure_id": "S002-001273"}
    assert not gap_gate(stock, target).allowed


def test_real_conflicts_are_all_explained_and_every_conflict_note_is_used():
    checks = pd.read_csv(ROOT / "data/clean/checks.csv", dtype=str, keep_default_na=False)
    notes = pd.read_csv(ROOT / "data/raw/check_notes.csv", dtype=str, keep_default_na=False)
    conflicts = checks[checks["check"].eq("conflict")]
    assert not conflicts["status"].eq("fail").any(), conflicts[conflicts["status"].eq("fail")]["figure_ids"].tolist()
    key = lambda s: " ".join(sorted(s.split()))  # noqa: E731
    used = set(checks["check"] + "|" + checks["figure_ids"].map(key))
    stale = [f"{r.check} {r.figure_ids}" for r in notes.itertuples() if f"{r.check}|{key(r.figure_ids)}" not in used]
    assert not stale, stale
    ids = {frozenset(s.split()) for s in conflicts["figure_ids"]}
    assert frozenset({"WP054-01", "WP068-01", "WP008-01"}) in ids  # Zhejiang 2018 registrants 8.4万 vs 8.6万
    assert frozenset({"S003-001865", "S003-029281", "S003-029289"}) in ids  # Honghe 135 vs its own 131 + 10
    assert not any({"WN009-03", "WN034-01"} <= g for g in ids)  # two definitions, not one disputed target


def test_real_start_of_national_talent_growth_is_not_the_uncertain_2012_figure():
    """R6a-3: 不到20万 (2012 commentary, may restate an older figure; 30万 elsewhere) is undated, so it is never
    the start of a growth rate."""
    from swtoolkit.models.comparability import is_dated

    clean = pd.read_csv(ROOT / "data/clean/figures.csv", dtype=str, keep_default_na=False).set_index("figure_id")
    assert not is_dated(clean.loc["WN034-03"].to_dict())
    hainan = clean.loc[["WP001-02", "WP001-03"], "date_basis"].tolist()
    assert hainan == ["undated", "document"]  # R5-6a: the before is undated, the after is the page's level


# ---- R5-6a: one page's before (undated) and after (dated) are not a conflict --------------------------------------
def test_one_pages_undated_before_and_dated_after_are_not_a_conflict():
    from swtoolkit.cleaning.checks import check_duplicates_and_conflicts

    before = _stmt("W900-02", 893.0, 893.0, 893.0, "2022-12-30", "", "2022-12-30", date_basis="undated",
                   locator="second paragraph", qualifier="exact")
    after = _stmt("W900-03", 2204.0, 2204.0, 2204.0, "2022-12-30", "2022-12-30", "2022-12-30",
                  date_basis="document", locator="second paragraph", qualifier="exact")
    assert not check_duplicates_and_conflicts(pd.DataFrame([before, after]))
    # two sources at one date still disagree
    other = {**after, "figure_id": "W901-01", "source_id": "W901"}
    assert [c["check"] for c in check_duplicates_and_conflicts(pd.DataFrame([before, other]))] == ["conflict"]
    # in a seed (many documents bundled) only one passage counts as one page
    far = [{**before, "figure_id": "S900-000100", "source_id": "S900", "locator": "100"},
           {**after, "figure_id": "S900-009000", "source_id": "S900", "locator": "9000"}]
    assert [c["check"] for c in check_duplicates_and_conflicts(pd.DataFrame(far))] == ["conflict"]


def test_a_flow_on_a_page_known_to_its_year_is_not_dated_as_of():
    from swtoolkit.reports.phrasing import figure_date

    flow = _row("W900-01", 86000, "2018-12-31", basis="document", indicator="exam_registrants",
                family="exam_flow", date_as_written="日前", ref_date_low="2018-01-01")
    words = figure_date(flow)
    assert "截至" not in words and "2018年，月份未知" in words


def test_targets_of_the_wider_talent_indicator_are_never_listed_as_another_plan_of_professional_talent():
    """R6a-1, E7-18: the outline's 社会工作人才 target is its own indicator (sw_talent_broad): the note on targets of
    different documents never lists it among professional-talent targets, and names it by its own label."""
    from swtoolkit.reports.phrasing import targets_apart_note

    plan = _row("W900-03", 500000, "2015-12-31", basis="plan", kind="target", target_type="level",
                target_year="2015", indicator="sw_talent_total", family="talent_total", source_id="W900")
    outline = {**plan, "figure_id": "W901-01", "source_id": "W901", "value": 2000000.0, "value_low": 2000000.0,
               "value_high": 2000000.0, "indicator": "sw_talent_broad", "family": "talent_broad"}
    assert targets_apart_note([plan, outline]) == ""  # one target each: nothing is listed side by side
    other = {**outline, "figure_id": "W902-01", "source_id": "W902", "value": 3000000.0}
    note = targets_apart_note([plan, outline, other])
    assert "社会工作人才总量的目标" in note and "社会工作专业人才" not in note and "W900" not in note
