"""Talent (helper of issue 11, after referee ref-a): every web talent row records the wording read on its page.

Referee ref-a coded a talent count written without 专业 (社会工作人才) as the wider ``sw_talent_broad`` and made
``clean`` stop on a row whose indicator contradicts its recorded wording, but only 16 of the web talent rows
recorded one. Now every web row of ``sw_talent_total`` or ``sw_talent_broad`` records it (or that its page is not
in the stored corpus), and the rule reads traditional characters (專業) and pages in English or Portuguese:
professional, specialized or specialist makes the professional total; social workers, social work talents or
trabalhadores sociais without such a word are the wider count (docs/curation.md).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from swtoolkit.cleaning.web import TALENT_INDICATORS, talent_wording_problem

ROOT = Path(__file__).resolve().parents[1]


def _web() -> pd.DataFrame:
    return pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False)
                      for p in sorted((ROOT / "data/raw/web").glob("*_figures.csv"))], ignore_index=True)


# ---- synthetic rows -----------------------------------------------------------------------------------------------
def test_traditional_characters_count_as_professional():
    note = "talent wording as written: 社會工作專業人才總量 (page read)."
    assert talent_wording_problem("sw_talent_total", note) is None
    assert "sw_talent_total" in talent_wording_problem("sw_talent_broad", note)
    wide = "talent wording as written: 全國社會工作者總量 (no 專業)."
    assert "sw_talent_broad" in talent_wording_problem("sw_talent_total", wide)


def test_english_and_portuguese_wording_decides_the_indicator():
    for words in ("professional social workers", "social work professionals", "specialized social workers",
                  "Chinese social specialists", "profissionais de serviço social"):
        note = f"talent wording as written: {words} (English)."
        assert talent_wording_problem("sw_talent_total", note) is None, words
        assert "sw_talent_total" in talent_wording_problem("sw_talent_broad", note), words
    for words in ("qualified social workers", "total number of social workers", "social work talents",
                  "trabalhadores sociais", "total social service workforce"):
        note = f"talent wording as written: {words} (no professional word)."
        assert talent_wording_problem("sw_talent_broad", note) is None, words
        assert "sw_talent_broad" in talent_wording_problem("sw_talent_total", note), words


def test_a_page_not_read_keeps_its_talent_indicator_but_not_another():
    note = "As of 2019. talent wording as written: not read (page not in the stored corpus)."
    assert talent_wording_problem("sw_talent_total", note) is None
    assert talent_wording_problem("sw_talent_broad", note) is None
    assert "volunteers" in talent_wording_problem("volunteers", note)


# ---- the real rows ------------------------------------------------------------------------------------------------
def test_every_web_talent_row_records_its_wording_or_that_it_was_not_read():
    web = _web()
    talent = web[web["indicator"].isin(TALENT_INDICATORS)]
    missing = sorted(talent.loc[~talent["notes"].str.contains("talent wording as written:"), "figure_id"])
    assert missing == []
    wrong = [(r.figure_id, why) for r in talent.itertuples() if (why := talent_wording_problem(r.indicator, r.notes))]
    assert wrong == []


def test_the_rows_written_without_professional_are_the_wider_indicator():
    web = _web().set_index("figure_id")
    broad = ["WN005-03", "WN015-02", "WN016-04", "WN017-03", "WP028-05", "WP036-02", "WP042-01"]
    assert set(web.loc[broad, "indicator"]) == {"sw_talent_broad"}
    assert set(web.loc[["WP013-01", "WP028-01", "WP069-01", "WN022-01", "WN016-01"], "indicator"]) == {
        "sw_talent_total"}
    # a link joins one indicator: the recoded rows no longer name a professional-total row as the same fact
    assert web.loc["WN005-03", "same_fact_as"] == "" and web.loc["WN016-04", "same_fact_as"] == ""
    clean = pd.read_csv(ROOT / "data/clean/figures.csv", dtype=str, keep_default_na=False).set_index("figure_id")
    assert set(clean.loc[["WN005-03", "WP028-05", "WP036-02"], "indicator"]) == {"sw_talent_broad"}
    # 社会工作者总量 is neither 社会工作人才 nor professional talent: its own scope keeps it out of gaps to the
    # outline's 社会工作人才 goal (300万 by 2020, WN034-02)
    assert clean.loc["WN005-03", "scope"] == "workers_total" and clean.loc["WN034-02", "scope"] == ""
