"""Referee refseed (issue 11): Heilongjiang, Jilin, Jiangsu, Hebei and their prefectures, Jinzhong, Shenzhen.

Each kind found has a check over the real raw/clean tables and, where code decides it, synthetic rows."""
from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "data" / "raw" / "web" / "provincial_figures.csv"
CLEAN = ROOT / "data" / "clean" / "figures.csv"


def _rows(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["figure_id"]: r for r in csv.DictReader(fh)}


# -- a date phrase closed by its own sentence does not date the next sentence ---------------------------------------
def test_heilongjiang_posts_organisations_and_bodies_of_the_undated_sentence_are_undated():
    # dbw.cn (WP045): 截至2018年底 dates the exam-pass and talent sentence only; the next sentence (posts 2100,
    # organisations 160, industry bodies 10) has no date phrase. The second copy of the article (WP062-03) already
    # read it undated; the two copies must date the one sentence alike, and none of them is a point of a series.
    raw = _rows(WEB)
    for fid in ("WP045-03", "WP045-04", "WP045-05", "WP062-03"):
        assert raw[fid]["date_as_written"] == "", fid
    clean = _rows(CLEAN)
    for fid in ("WP045-03", "WP045-04", "WP045-05", "WP062-03"):
        assert clean[fid]["date_basis"] == "undated", fid
    # the sentence that carries the phrase keeps it
    assert raw["WP045-01"]["date_as_written"] == raw["WP045-02"]["date_as_written"] == "截至2018年底"


def test_an_undated_start_is_never_the_first_point_of_a_growth_series():
    # synthetic: 160 organisations with no date (a page of March 2019) and 230多 dated April 2021 -> one point only
    from swtoolkit.models.comparability import series_points

    base = {"region_code": "990000", "indicator": "sw_organisations", "kind": "actual", "scope": "", "subset": "",
            "place": "", "unit": "organisations", "same_fact_as": "", "date_flag": "", "date_estimated": "False",
            "period_start": ""}
    undated = {**base, "figure_id": "X-01", "source_id": "WX1", "value": 160.0, "value_low": 160.0,
               "value_high": 160.0, "qualifier": "exact", "value_as_written": "160家", "ref_date": "2019-03-19",
               "ref_date_low": "", "ref_date_high": "2019-03-19", "ref_date_precision": "period",
               "date_basis": "undated", "date_as_written": ""}
    dated = {**base, "figure_id": "X-02", "source_id": "WX2", "value": 230.0, "value_low": 230.0,
             "value_high": 240.0, "qualifier": "more_than", "value_as_written": "230多个", "ref_date": "2021-04-07",
             "ref_date_low": "2021-04-07", "ref_date_high": "2021-04-07", "ref_date_precision": "period",
             "date_basis": "document", "date_as_written": "截至目前"}
    kept, notes = series_points([undated, dated])
    assert [r["figure_id"] for r in kept] == ["X-02"]
    assert any("X-01" in n or "160" in n for n in notes)


# -- an aim written with 争取 is an aim, like 力争 ---------------------------------------------------------------------
def test_zhengqu_is_a_curated_hedge_that_leaves_the_interval_and_is_shown():
    from swtoolkit import labels
    from swtoolkit.cleaning.numbers import HEDGE_WORDS, apply_separate_qualifier, parse_value

    full = parse_value("全覆盖")
    assert apply_separate_qualifier(full, "争取") == full
    assert "争取" in labels.hedge_note({"qualifier_as_written": "争取"})
    # never looked for in a clause: 争取 also means seeking money (积极争取福彩公益金), not an aim
    assert "争取" not in HEDGE_WORDS


def test_jilin_meeting_aims_are_recorded_beside_the_plan_and_keep_their_hedge():
    raw, clean = _rows(WEB), _rows(CLEAN)
    assert raw["WP081-03"]["qualifier_as_written"] == "争取"
    assert clean["WP081-03"]["target_year"] == "2023" and clean["WP081-03"]["kind"] == "target"
    # the meeting's community-points aim (全覆盖) and the plan's 60% are two documents' targets, explained
    notes = (ROOT / "data" / "raw" / "check_notes.csv").read_text(encoding="utf-8")
    assert "S004-000741 WP081-05,not_one_fact" in notes


def test_jinzhong_denominator_and_plan_are_recorded_with_honest_dates():
    clean = _rows(CLEAN)
    assert clean["WP084-05"]["indicator"] == "townships" and clean["WP084-05"]["date_basis"] == "undated"
    assert clean["WP084-06"]["kind"] == "plan"  # stations to build in 2023, not stations built
    assert clean["WP084-07"]["kind"] == "target" and clean["WP084-07"]["target_year"] == "2023"


def test_heilongjiang_april_2021_clause_counts_are_recorded_as_flows_and_running_totals():
    # WP046: cases served 截至目前 (a flow to the page, start not given) and training person-times 累计 (a running
    # total), never the 2021 training flow of the January 2022 meeting (S000-002198)
    clean = _rows(CLEAN)
    assert (clean["WP046-06"]["indicator"], clean["WP046-06"]["kind"]) == ("case_work", "actual")
    assert (clean["WP046-07"]["indicator"], clean["WP046-07"]["kind"]) == ("training_participants", "cumulative")
    assert clean["WP046-07"]["same_fact_as"] == "" and clean["S000-002198"]["kind"] == "increment"


def test_jilin_2015_aims_keep_their_hedge():
    # the 2012 page opens the sentence of the three 2015 figures with 力争: aims, never bare targets
    raw, clean = _rows(WEB), _rows(CLEAN)
    for fid in ("WP052-02", "WP052-03", "WP052-04"):
        assert raw[fid]["qualifier_as_written"] == "力争", fid
        assert clean[fid]["qualifier_as_written"] == "力争", fid
    assert clean["WP052-03"]["qualifier"] == "at_least"  # the figure's own 至少 stays

