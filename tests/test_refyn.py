"""Yunnan review (helper refyn, issue 11): hedges kept in either script, and the Yunnan rows' curation."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit import labels
from swtoolkit.cleaning.numbers import CURATED_HEDGE_WORDS

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("word, simplified", [("力爭", "力争"), ("力争", "力争"), ("初步統計", "初步统计"),
                                              ("原則上", "原则上"), (" 力爭 ", "力争")])
def test_a_hedge_word_is_read_in_either_script(word, simplified):
    row = {"qualifier_as_written": word, "value_as_written": "7萬人"}
    assert labels.hedge_word(word) == simplified
    assert labels.hedge_note(row) == labels.HEDGES[simplified]  # the aim is said beside the figure
    assert labels.as_written(row) == "7萬人"  # and never printed as if it bounded the figure (力爭…7萬人)


@pytest.mark.parametrize("word", ["", "至少", "基本", "約", None, 3.0])
def test_other_qualifier_words_are_no_hedge(word):
    assert labels.hedge_word(word) == ""
    assert labels.hedge_note({"qualifier_as_written": word}) == ""


def test_a_bounding_word_still_shows_in_the_as_written_column():
    assert labels.as_written({"qualifier_as_written": "至少", "value_as_written": "3 名"}) == "至少…3 名"


def test_the_gap_sentence_calls_a_traditional_script_aim_an_aim():
    from swtoolkit.reports import phrasing

    source = Path(phrasing.__file__).read_text(encoding="utf-8")
    assert '_s(target, "qualifier_as_written") == "力争"' not in source  # a bare comparison misses 力爭


def _clean() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / "clean" / "figures.csv", dtype=str, keep_default_na=False)


def test_yunnan_2016_aims_carry_their_hedge():
    """The 2016 provincial meeting's three aims for 2020 stand under one 力爭 (WP034): each row keeps it, so every
    table shows them as aims and none is read as a binding target."""
    clean = _clean().set_index("figure_id")
    for fid in ("WP034-03", "WP034-04", "WP034-05"):
        assert clean.loc[fid, "kind"] == "target"
        assert labels.hedge_note(clean.loc[fid].to_dict()) == labels.HEDGES["力争"], fid


def test_every_seed_target_under_a_hedge_word_in_its_own_sentence_carries_it_or_says_why(seeds):
    """A seed figure whose sentence puts 力争/初步统计/原则上 before it keeps the word (qualifier_as_written), or its
    subset or notes name the word. Runs over the real seeds."""
    sources = {r["source_id"]: r["file"] for r in csv.DictReader(open(ROOT / "data" / "raw" / "sources.csv",
                                                                      encoding="utf-8"))}
    texts = {k: (seeds / v).read_text(encoding="utf-8").replace("\n", "") for k, v in sources.items()
             if (seeds / v).exists()}
    missing = []
    for row in csv.DictReader(open(ROOT / "data" / "raw" / "figures.csv", encoding="utf-8")):
        text = texts.get(row["source_id"])
        if text is None:
            continue
        at = int(row["locator"])
        start = max(text.rfind(stop, 0, at) for stop in "。；！？") + 1
        for word in labels.HEDGES:
            if word in CURATED_HEDGE_WORDS:  # 争取 also means securing money (争取资金): curated by hand, not searched
                continue
            if word in text[start:at] and labels.hedge_word(row["qualifier_as_written"]) != word \
                    and word not in row["subset"] + row["notes"]:
                missing.append((row["figure_id"], word))
    assert not missing, missing


@pytest.mark.parametrize("unit, one, two", [
    ("units", " unit", " units"), ("stations", " station", " stations"),
    ("persons per community", " person per community", " persons per community"),
    ("square metres", " square metre", " square metres"), ("person-times", " person-time", " person-times"),
    ("yuan", " yuan", " yuan"), ("percent", "", "")])
def test_one_of_anything_is_singular_in_english(unit, one, two):
    """Puer's 1 county (1个县) was printed '(1 units)': every unit, not only persons, is singular for one."""
    from swtoolkit.reports.phrasing import figure_value, unit_en

    assert unit_en(unit, 1) == one and unit_en(unit, 2) == two
    row = {"value": 1.0, "value_low": 1.0, "value_high": 1.0, "qualifier": "exact", "unit": "units",
           "unit_as_written": "个县"}
    assert not figure_value(row, "en").endswith("units")


def test_a_not_compared_line_lists_an_aim_as_an_aim():
    """Yunnan's 2016 aim of 1000 private organisations (力爭) was listed as '目标1000家' beside the plain count;
    a line that lists targets names an aim (力争, in either script) as one."""
    from swtoolkit.reports import phrasing
    from tests.test_editor7_limits import figure

    ORGS = "organisations"  # noqa: N806 - the unit of every row
    figs = {"WX001-01": figure("WX001-01", 393, "393家", kind="actual", ref_date="2022-09-06", unit=ORGS),
            "WX001-02": figure("WX001-02", 1000, "1000家", kind="target", ref_date="2020-12-31", unit=ORGS),
            "WX001-03": figure("WX001-03", 2000, "2000家", kind="target", ref_date="2025-12-31", unit=ORGS)}
    figs["WX001-02"]["qualifier_as_written"] = "力爭"
    reasons = [f"refused: definition scopes differ: “a” vs “b” (WX001-01 (393家), {t}); fallback: target listed as "
               "text" for t in ("WX001-02 (1000家)", "WX001-03 (2000家)")]
    zh, en = phrasing.not_compared_words(reasons, ["sw_organisations"], figs)
    assert "力争目标1000家" in zh and "目标2000家" in zh and "力争目标2000家" not in zh
    assert "aim (力争) 1,000" in en and "target 2,000" in en


def same_fact_cycles(links: dict[str, str]) -> list[list[str]]:
    """Every chain of ``same_fact_as`` links (figure id → the statement it restates) that comes back to where it
    started: such rows restate each other and none is the statement the others are read as."""
    cycles = []
    for start in links:
        seen, at = [start], links[start]
        while at in links and at not in seen:
            seen.append(at)
            at = links[at]
        if at == start:
            cycles.append(seen)
    return cycles


def test_a_same_fact_cycle_is_found():
    assert same_fact_cycles({"A": "B", "B": "A", "C": "A"}) == [["A", "B"], ["B", "A"]]
    assert same_fact_cycles({"A": "B", "C": "B"}) == []
    assert same_fact_cycles({"A": "A"}) == [["A"]]


def test_no_same_fact_link_runs_back_to_its_row_in_the_real_data():
    """Dehong's 408 registrants (S003-012003, S003-043164) pointed at each other; one links to the other now."""
    links = {}
    for path in [ROOT / "data" / "raw" / "figures.csv", *sorted((ROOT / "data" / "raw" / "web").glob("*_figures.csv"))]:
        for row in csv.DictReader(open(path, encoding="utf-8")):
            if row.get("same_fact_as"):
                links[row["figure_id"]] = row["same_fact_as"]
    assert not same_fact_cycles(links)
    assert links.get("S003-012003") == "S003-043164" and "S003-043164" not in links


def test_a_refused_run_keeps_the_figures_it_rested_on_for_the_audit():
    """A limitation line built from refused runs (a target due long before the latest figure, a flow given no
    rate) listed no figure id in the audit; the refusals now carry the ids of the runs, each once."""
    from swtoolkit.reports import findings

    results = pd.DataFrame([
        {"region_code": "530000", "indicator": "sw_talent_total", "model": "gap", "allowed": False,
         "reason": "refused: target due 2020-12-31, long before the latest figure (2022-09-06)",
         "figure_ids": "WP034-01;WP035-01;WP034-03"},
        {"region_code": "530000", "indicator": "sw_talent_total", "model": "required_growth", "allowed": False,
         "reason": "refused: target due 2020-12-31, long before the latest figure (2022-09-06)",
         "figure_ids": "WP035-01 WP034-03"},
        {"region_code": "530000", "indicator": "exam_registrants", "model": "cagr", "allowed": False,
         "reason": "refused: a flow", "figure_ids": None}])
    table = findings.refusals(results, "530000").set_index("reason")
    assert table.loc["refused: target due 2020-12-31, long before the latest figure (2022-09-06)",
                     "figure_ids"] == ["WP034-01", "WP035-01", "WP034-03"]
    assert table.loc["refused: a flow", "figure_ids"] == []
    assert list(findings.refusals(results.iloc[:0], "530000").columns)[-1] == "figure_ids"
