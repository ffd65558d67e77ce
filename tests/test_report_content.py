"""What the reports say, read from the claims ledger (issue 11): findings, tables and charts present, and the
kinds of claim the data cannot carry absent or refused with a reason. Built in-process, no kernel, no charts drawn."""

from __future__ import annotations

import pytest

from swtoolkit.codebook import DENOMINATORS
from swtoolkit.models import fit_all
from swtoolkit.reports.audit import comparison_claims, region_claims
from swtoolkit.reports.inputs import load_clean


@pytest.fixture(scope="module")
def tables():
    clean = load_clean()
    return clean, fit_all(clean)


def claims(tables, code):
    return region_claims(code, *tables)


def texts(found, block=None, kind=None):
    return [c.text for c in found if (block is None or c.block == block) and (kind is None or c.kind == kind)]


def test_bounds_stay_in_the_findings(tables):
    found = texts(claims(tables, "320000"))
    assert any("超过10万人" in t and "至少差" in t and "more than 100,000" in t for t in found), found
    assert not any("尚差超过" in t for t in found)
    assert not any("目标10万人" in t for t in found)


def test_no_sentence_is_said_twice_in_one_block(tables):
    for code in ("000000", "320000", "530000"):
        found = [(c.block, c.text) for c in claims(tables, code)
                 if c.kind in ("sentence", "table_row") and c.block in ("findings", "growth", "national")]
        assert len(found) == len(set(found)), code


def test_stock_against_a_training_target_is_refused(tables):
    """Jiangsu's 75 titled leading talents (a stock) are never set against the goal to train 150 (a flow over the
    plan): the goal is filed as a training goal of its own (referee-3 K5), so no claim rests on both."""
    found = claims(tables, "320000")
    assert not any("leading" in t.lower() and "%" in t for t in texts(found, "findings", "sentence"))
    both = [c for c in found if c.kind != "refusal" and c.block != "figures"
            and {"S000-000856", "S000-001449"} <= set(c.figure_ids.split(";"))]
    assert not both
    rows = [c for c in found if c.block == "figures" and c.kind == "table_row"
            and "S000-001449" in c.figure_ids.split(";")]
    named = "培养社会工作领军人才 social-work leading talents to be trained "  # the indicator by its labels
    assert rows and all(c.text.startswith(named) for c in rows)


def test_different_scopes_are_not_a_gap(tables):
    found = claims(tables, "230000")
    assert not any("400" in t and "尚差" in t for t in texts(found, "findings", "sentence"))
    assert any("scopes differ" in c.gates for c in found if c.kind == "refusal")


def test_one_fact_stated_twice_gives_no_growth_rate(tables):
    found = texts(claims(tables, "230000"), "findings", "sentence")
    # 4.4万人 (end-2021) and 44080人 (undated, same fact) are one point: no rate runs from one to the other (a rate
    # from another, earlier figure to that fact is allowed: the web sources give Heilongjiang's end-2018 total)
    growth = [t for t in found if "年均增长" in t and "复合增长率" in t]
    assert not any("4.4万人增至" in t or "44080人增至" in t or "4.4万人）增至" in t for t in growth), growth
    assert all("2018年底" in t or "2021年4月" in t for t in growth), growth
    assert not any("规划期已过" in t for t in found)


def test_a_proposal_gives_no_staffing_gap(tables):
    """Dehong's paper asks the province to buy one full-time post per station: a proposal on paying for posts, not
    a staffing norm (editor 9 on R8b-23), so no staffing-gap claim rests on it, refused or not; the key-figures row
    names it for what it is."""
    found = claims(tables, "533100")
    assert not any("配备标准" in t for t in texts(found, "findings", "sentence"))
    assert not [c for c in found if "S003-044782" in c.figure_ids.split(";") and c.kind != "table_row"
                and c.block not in ("figures", "appendix")]
    rows = [c for c in found if c.block == "figures" and c.kind == "table_row"
            and "S003-044782" in c.figure_ids.split(";")]
    assert rows and all(c.text.startswith("每站出资购买的岗位数") for c in rows)


def test_undated_figure_never_the_latest_nor_a_series_point(tables):
    found = claims(tables, "532500")
    charts = [c for c in found if c.kind == "chart"]
    assert not any("S003-001865" in c.figure_ids for c in charts)  # the speech's undated 135 stations
    for text in texts(found, "findings", "sentence"):
        assert "2022-07-31" not in text and "7月31日" not in text


def test_league_tables_rank_one_definition_and_list_the_rest(tables):
    found = claims(tables, "530000")
    ranked = [c for c in found if c.block == "subregions" and "rank" in c.text]
    refused = [c for c in found if c.block == "subregions" and c.kind == "refusal"]
    assert refused and all(c.gates for c in refused)
    assert not any("Funding per station" in c.text or "Certified social workers per station" in c.text
                   for c in ranked + refused)


def test_every_report_block_leaves_claims_and_the_comparison_report_too(tables):
    found = claims(tables, "530000")
    assert {"findings", "figures", "subregions", "growth", "limits", "appendix"} <= {c.block for c in found} or \
        {"findings", "figures", "subregions", "limits", "appendix"} <= {c.block for c in found}
    assert texts(found, "findings", "sentence")
    comparison = comparison_claims(*tables)
    assert {c.report for c in comparison} == {"comparison"}
    assert texts(comparison, "findings", "sentence")


def test_a_level_and_its_level_target_are_shown_together(tables):
    found = claims(tables, "320000")
    shown = [c for c in found if c.kind in ("chart", "cards")]
    assert any("S000-000812" in c.figure_ids and "S000-001421" in c.figure_ids for c in shown)


def test_rounded_and_bounded_figures_are_drawn_or_carded_with_their_data(tables):
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    report = RegionReport(regions.get("320000"), tables[0], results=tables[1])
    body = report.series_charts().body  # 约7.93万 (rounded) and 超10万 (a bound)
    assert "<img" in body or "class=\"cards\"" in body
    assert "数据 Data (CSV)" in body


def test_the_national_report_and_every_province_with_data_are_built(tables):
    from swtoolkit.reports.batch import report_regions

    clean = tables[0]
    built = report_regions(clean)
    assert "000000" in built
    workforce = clean[clean["region_level"].eq("province") & clean["place"].eq("")
                      & ~clean["indicator"].isin(DENOMINATORS)]
    assert set(workforce["region_code"]) <= set(built)
    provinces = set(clean.loc[clean["region_level"].eq("province"), "region_code"])
    only_population = provinces - set(workforce["region_code"])
    assert not only_population & set(built)  # a census denominator alone makes no report


def test_national_context_compares_only_through_the_gate(tables):
    jiangsu = [c for c in claims(tables, "320000") if c.block == "national"]
    said = [c.text for c in jiangsu if c.kind == "sentence"]
    # the end-2021 count is 14 months from the census (1 Nov 2020): beyond the six months the methods state
    assert not any("每万名常住人口" in t and "2021年底" in t for t in said), said
    assert any(c.kind == "refusal" and "per 10,000" in c.text for c in jiangsu)
    yunnan = [c for c in claims(tables, "530000") if c.block == "national"]
    assert any(c.kind == "refusal" and "per 10,000" in c.text for c in yunnan)  # census and count too far apart
    assert any("six months" in c.gates for c in yunnan)  # its 2022 count is too far from the 2020 census
