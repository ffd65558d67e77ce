"""Reports sized to their data, sections only with content, words for code keys, source order, data links
(issue 15). Built in-process from the clean data, no kernel."""

from __future__ import annotations

import base64
import re

import pandas as pd
import pytest

from swtoolkit import labels, regions
from swtoolkit.models import fit_all
from swtoolkit.reports.blocks import FIGURE_ID
from swtoolkit.reports.content import BRIEF_LEVELS, MIN_FULL_FIGURES, RegionReport, natural_key, report_kind
from swtoolkit.reports.inputs import load_clean


@pytest.fixture(scope="module")
def tables():
    clean = load_clean()
    return clean, fit_all(clean)


def report(tables, code, draw=True):
    return RegionReport(regions.get(code), tables[0], results=tables[1], draw_charts=draw)


def test_natural_order_puts_short_locators_first():
    ids = ["S003-052266", "S003-000668", "S10-000001", "S2-000001"]
    assert sorted(ids, key=natural_key) == ["S2-000001", "S003-000668", "S003-052266", "S10-000001"]


def test_the_appendix_lists_figures_in_source_order(tables):
    r = report(tables, "530000", draw=False)
    for key in r.section_keys:
        r.show(key)
    html = r.show("appendix").body
    figures_table = html.split('<figure class="table')[1]  # after the list of sources
    # each row's own id (its first cell): other cells may cite other ids (a same-fact date note)
    ids = re.findall(r"<tr><td[^>]*>(?:<span[^>]*>)?(S\d{3}-\d{6})", figures_table.split("<tbody>")[1])
    assert ids == sorted(ids, key=natural_key) and "S003-000668" in ids


def test_thin_regions_get_a_brief_and_rich_ones_a_full_report(tables):
    clean = tables[0]
    assert report_kind(clean, "131000") == "brief"  # Langfang: one figure
    assert report_kind(clean, "530000") == "full"
    own = clean[clean["place"].eq("")]["region_code"].value_counts()
    table = regions.region_table().set_index("code")
    for code, n in own.items():
        children = set(table.index[table["parent_code"] == code]) & set(clean["region_code"])
        if n >= MIN_FULL_FIGURES and (table.loc[code, "level"] not in BRIEF_LEVELS or len(children) >= 2):
            assert report_kind(clean, code) == "full"
        if table.loc[code, "level"] in BRIEF_LEVELS and len(children) < 2:
            assert report_kind(clean, code) == "brief", code  # a county with nothing below it to compare


def _synthetic_county(clean, code, n_rows):
    """A county carrying `n_rows` region-wide rows copied from Yunnan's (synthetic: as the scale benchmark)."""
    table = regions.region_table().set_index("code")
    rows = clean[clean["region_code"].eq("530000") & clean["place"].eq("") & clean["subset"].eq("")].head(n_rows)
    rows = rows.assign(region_code=code, region_name=table.loc[code, "name_zh"],
                       region_name_en=table.loc[code, "name_en"], region_level="county",
                       figure_id=[f"SYN001-{i:06d}" for i in range(len(rows))], same_fact_as="")
    return pd.concat([clean, rows], ignore_index=True)


def test_a_county_gets_the_brief_and_a_county_with_sub_regions_to_compare_would_not(tables):
    clean = _synthetic_county(tables[0], "530102", 20)
    assert report_kind(clean, "530102") == "brief"  # twenty figures, but a county: the brief
    assert report_kind(clean, "530100") == "full"  # its prefecture: sub-regions to compare
    assert report_kind(_synthetic_county(tables[0], "530102", 2), "530102") == "brief"


def _claims(report_, kind):
    report_._kind = kind
    for key in report_.section_keys:
        report_.show(key)
    # the statement that no finding is given names the table its layout prints (Table 1 or the brief's table of
    # every figure): the same claim, worded for its layout, so it is compared by what it rests on
    # notes on where a layout lists things (content.LAYOUT_GATES: earlier figures, documents) are the full report's
    from swtoolkit.reports.content import LAYOUT_GATES

    # the methods rules, the indicator definitions and the limits every report shares are laid out by each layout
    # in its own way (audit2, stop 28): they say nothing about the region, so they are not compared here
    shared = ("a rule every report follows", "a limit every report shares", "definition of the indicator from the "
              "codebook", "definition of the scope from the scopes table")
    return {(c.block, c.kind, c.text if c.gates != NO_FINDING else "", c.figure_ids, c.gates) for c in report_.claims
            if not any(g in c.gates for g in LAYOUT_GATES) and c.gates not in shared}


NO_FINDING = "no headline level and no allowed model result"


@pytest.mark.parametrize("code", ["530000", "230000", "131000", "532500"])
def test_the_brief_says_everything_the_full_report_says_about_the_region(tables, code):
    # the same region laid out both ways: every claim (sentence, table row, chart, card set, refusal) of the full
    # report is in the brief, and every figure its data appendix lists is in the brief's tables
    clean, results = tables
    full, brief = report(tables, code, draw=False), report(tables, code, draw=False)
    said_full, said_brief = _claims(full, "full"), _claims(brief, "brief")
    assert said_full <= said_brief, sorted(said_full - said_brief)[:3]
    html = "".join(brief.show(k).body for k in brief.section_keys)
    appendix = {c[2].split()[0] for c in said_full if c[0] == "appendix"}
    assert all(i in html for i in appendix)
    assert brief.toc().body == "" and "方法与统计口径" in brief.show("methods").body
    assert 'href="methods.html"' in html and 'href="methods.pdf"' in html


def test_a_brief_lists_every_own_figure_once_and_leaves_the_shared_chapters_to_the_methods_document(tables):
    clean = _synthetic_county(tables[0], "530102", 20)
    r = RegionReport(regions.get("530102"), clean, results=fit_all(clean), draw_charts=False)
    assert r.kind == "brief"
    figures, appendix = r.show("figures").body, r.show("appendix").body
    for i in (f"SYN001-{k:06d}" for k in range(20)):
        assert figures.count(i) == 1 and i not in appendix.split("资料来源列表")[-1].split("</section>")[-1]
    methods, limits = r.show("methods").body, r.show("limits").body
    assert "指标与统计口径" not in methods and "Nothing is estimated or filled in: what is missing" not in limits


def test_a_brief_says_what_is_missing_and_has_no_empty_section(tables):
    r = report(tables, "131000")
    assert r.kind == "brief" and r.toc().body == ""
    shown = [k for k, _, _ in r.shown_sections()]
    assert "limits" in shown and "subregions" not in shown and "series" not in shown
    assert "No figure for" in r.show("limits").body
    assert "简报" in r.title_page().body


def test_no_section_heading_without_content(tables):
    for code in ("530000", "131000", "532500", "230000"):
        r = report(tables, code, draw=False)
        for key in r.section_keys:
            html = r.show(key).body
            if html:
                assert re.sub(r"<h2[^>]*>.*?</h2>", "", html, flags=re.S).strip(), (code, key)
        listed = re.findall(r'href="#(\w+)"', r.toc().body)
        assert listed == [k for k, _, _ in r.shown_sections()] or r.kind == "brief"


def test_every_code_key_shown_to_readers_has_words(tables):
    clean, results = tables
    for family, values in (("kind", clean["kind"]), ("qualifier", clean["qualifier"]),
                           ("target_type", clean["target_type"]), ("statistic", results["statistic"]),
                           ("model", results["model"])):
        missing = {v for v in values.dropna().unique() if v and labels.label(family, v) == v}
        assert not missing, (family, missing)


def test_tables_show_words_not_code_keys(tables):
    r = report(tables, "530000", draw=False)
    html = "".join(r.show(k).body for k in r.section_keys)
    body = re.sub(r'href="[^"]*"', "", html)
    assert not re.search(r">\s*(actual|increment|cumulative|required_growth|attainment y/T)\s*<", body)


def _csv_links(html):
    found = re.findall(r'href="data:text/csv;charset=utf-8;base64,([^"]+)"', html)
    return [pd.read_csv(pd.io.common.StringIO(base64.b64decode(b).decode("utf-8-sig")), dtype=str) for b in found]


def test_every_chart_or_card_set_downloads_exactly_its_rows(tables):
    for code in ("230000", "000000", "530000"):
        r = report(tables, code)
        html = r.series_charts().body + r.subregion_table().body
        figures = [part for part in html.split("<figure")[1:] if "class=\"table" not in part[:20]]
        said = [c for c in r.claims if c.kind in ("chart", "cards")]
        assert figures and len(figures) == len(said)
        for part, claim in zip(figures, said, strict=True):
            (data,) = _csv_links(part)
            column = "figure_id" if "figure_id" in data else "figure_ids"  # a ratio row names two figures
            in_csv = {i for ids in data[column] for i in re.split(r"[;\s]+", ids) if i}
            assert in_csv == set(claim.figure_ids.split(";")), claim.text
            if column == "figure_id":
                assert {"value_as_written", "ref_date", "date", "source_id"} <= set(data.columns)
            cards = re.findall(r'class="card-id">(.*?)</div>', part)
            if cards:  # a card shows the ids of its figure
                assert {i for c in cards for i in re.findall(FIGURE_ID, c)} == in_csv


def test_a_coverage_share_stated_as_a_ratio_is_not_reported_missing(tables):
    # Hebei states its township station coverage (63.7%) as a share: the limits never say it has no coverage figure
    limits = report(tables, "130000").show("limits").body
    assert "乡镇（街道）社工站覆盖率" not in limits.split("缺少以下指标的数据")[-1].split("。")[0]
