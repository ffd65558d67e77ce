"""Data as of, secondary sources and cross-region picks (referee-3 N10, DA1, DT2, NF4, NF5, CP3).

Small synthetic rows; each test fails if its kind of fault came back:
- the title page's "data as of" rests on a dated stock figure, says which and flags a secondary source, and is never
  set by a flow (an increment, exam registrants, a reward) or by a later restatement of a fact already dated;
- a figure known only from a secondary site is flagged in every block that uses it (sentences, tables, notes);
- a later stated share (全覆盖) of a rate indicator is not displaced by an earlier percentage in a comparison.
"""

from __future__ import annotations

import pandas as pd
import pytest

from swtoolkit import provenance, regions
from swtoolkit.models import comparability as cmp
from swtoolkit.reports import phrasing
from swtoolkit.reports.content import SOURCE_COLUMN, RegionReport, latest_of_each
from tests.test_semantics import _row

NO_RESULTS = pd.DataFrame(columns=["region_code", "allowed", "model"])
FLAG = "据二手网页"


@pytest.fixture
def secondary(monkeypatch):
    """Sources WX01 (an exam-prep site), WX02 (a forum mirror: secondary), WX03 (official); seed ids unknown."""
    table = pd.DataFrame({"publisher": ["ke.example.cn (exam-prep site)", "mirror.example (forum repost)",
                                        "民政部", "某省民政厅"],
                          "pub_date": ["2025", "2023-06-12", "2024-03-01", "2022-07-31"], "pub_date_note": [""] * 4,
                          "release_type": ["secondary", "secondary", "official", ""], "title": ["t1", "t2", "t3", "s"],
                          "url": ["https://a.example", "https://b.example", "https://c.example", ""],
                          "accessed": ["2026-11-30"] * 3 + [""]},
                         index=pd.Index(["WX01", "WX02", "WX03", "S900"], name="source_id"))
    monkeypatch.setattr(provenance, "sources", lambda raw=None: table)
    monkeypatch.setattr(provenance, "release_types", lambda: dict(table["release_type"]))
    return table


def _report(rows, code="500000"):
    region = regions.resolve(code)
    frame = pd.DataFrame([{**r, "region_code": r.get("region_code", code)} for r in rows])
    return RegionReport(region, frame, results=NO_RESULTS)


def _cq(fid, value, date, **kw):
    base = {"region_code": "500000", "region_name": "重庆市", "source_id": fid.rsplit("-", 1)[0]}
    return _row(fid, value, date, **{**base, **kw})


# ---- 1. data as of ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("indicator,kind", [("certified_social_workers", "increment"),
                                            ("exam_registrants", "actual"), ("certificate_reward", "actual"),
                                            ("exam_passes", "actual"), ("volunteer_hours", "cumulative")])
def test_a_flow_or_context_figure_never_sets_the_data_as_of(indicator, kind):
    stock = _cq("S900-000001", 5000, "2021-12-31", date_as_written="2021年底")
    flow = _cq("S900-000002", 10, "2024-05-31", indicator=indicator, kind=kind)
    report = _report([stock, flow])
    as_of = report.as_of.split("；此为")[0]  # the date and what it rests on (later flows are only named after it)
    assert "2021" in as_of and "2024" not in as_of
    assert "持证社会工作者" in as_of  # it says what it rests on


def test_a_region_with_only_flows_is_told_so_never_given_a_date():
    report = _report([_cq("S900-000002", 69314, "2021-12-31", indicator="exam_registrants"),
                      _cq("S900-000003", 3000, "2024-05-31", indicator="certificate_reward", unit="yuan per person"),
                      _cq("S900-000004", 10, "2021-12-01", kind="increment"),
                      _cq("S900-000005", 6174, "2024-05-31", basis="undated", indicator="exam_passes_cumulative")])
    assert report.as_of.startswith("资料中没有任何注明日期的社工人才、社工站或机构总量数字")
    assert "20" not in report.as_of


def test_a_restatement_at_a_later_document_date_keeps_the_first_dated_statement():
    first = _cq("S900-000001", 1516000, "2024-12-31", date_as_written="2024年", value_as_written="151.6万")
    again = _cq("S900-000002", 1516000, "2025-12-31", basis="document", date_as_written="截至目前",
                ref_date_low="2025-01-01", value_as_written="151.6万人")
    first["same_fact_as"] = "S900-000002"  # the curators' link, in either direction
    for rows in ([first, again], [again, first]):
        report = _report(rows)
        as_of = report.as_of.split("；此为")[0]  # later flows are only named after the date and its basis
        assert "2024" in as_of and "2025" not in as_of
    shown = latest_of_each(pd.DataFrame([first, again]))
    assert list(shown["figure_id"]) == ["S900-000001"]  # Key figures: once, at end-2024


def test_the_data_as_of_names_a_secondary_or_exam_prep_source(secondary):
    prep = _cq("WX01-01", 1516000, "2024-12-31", date_as_written="2024年")
    report = _report([prep])
    assert FLAG in report.as_of and "考试培训" in report.as_of and "exam-prep" in report.as_of
    mirror = _cq("WX02-01", 1275, "2023-06-12", basis="document", indicator="township_stations", unit="stations")
    assert "考试培训" not in _report([mirror]).as_of and FLAG in _report([mirror]).as_of
    official = _cq("WX03-01", 1516000, "2024-12-31", date_as_written="2024年")
    said = _report([prep, official]).as_of  # one date: the official statement
    assert FLAG not in said and "secondary" not in said


def test_the_title_page_prints_the_data_as_of_line():
    report = _report([_cq("S900-000001", 5000, "2021-12-31", date_as_written="2021年底")] +
                     [_cq(f"S900-00001{i}", i, "2021-12-31", indicator="township_stations", unit="stations")
                      for i in range(5)])
    assert report.as_of.split(" ")[0] in report.title_page().body


# ---- 2. secondary figures flagged in every block ---------------------------------------------------------------------
def test_key_figures_and_appendix_flag_secondary_rows(secondary):
    rows = [_cq("WX01-01", 929000, "2022-12-31", date_as_written="2022年"),
            _cq("WX03-01", 55, "2022-12-31", indicator="township_stations", unit="stations")]
    report = _report(rows)
    html = report.key_figures().body
    assert SOURCE_COLUMN.split(" ")[0] in html and FLAG in html
    appendix = report.data_appendix().body  # a brief: its list of documents, each secondary one flagged
    assert "二手网页" in appendix
    official_only = _report(rows[1:]).key_figures().body
    assert SOURCE_COLUMN.split(" ")[0] not in official_only


def test_source_notes_flag_a_secondary_document(secondary):
    clean = pd.DataFrame([_cq("WX01-01", 929000, "2022-12-31"), _cq("WX03-01", 55, "2022-12-31")])
    note = provenance.source_note(["WX01-01", "WX03-01"], clean)
    assert note.count("二手网页") == 1 and "[WX01; 二手网页" in note


def test_national_context_sentences_flag_secondary_ends(secondary):
    from swtoolkit.models.national import Comparison

    figures = {r["figure_id"]: r for r in [
        _cq("S900-000001", 206000, "2015-12-31", region_code="000000", date_as_written="2015年底"),
        _cq("WX01-18", 929000, "2022-12-31", region_code="000000", date_as_written="2022年",
            value_as_written="92.9万"),
        _cq("S900-000003", 30000, "2016-12-31"), _cq("WX02-01", 99850, "2022-12-31", value_as_written="99850人")]}
    growth = Comparison("growth", True, "allowed",
                        {"value": 0.2, "start": "2016-12-31", "end": "2022-12-31",
                         "figure_ids": ["S900-000003", "WX02-01"]},
                        {"value": 0.24, "start": "2015-12-31", "end": "2022-12-31",
                         "figure_ids": ["S900-000001", "WX01-18"]})
    zh, en = phrasing.national_context_sentence(growth, "某省", "A province", figures)
    assert "92.9万" in zh and "考试培训" in zh and "99850" in zh and FLAG in zh and "exam-prep" in en
    density = Comparison("density", True, "allowed",
                         {"value": 6.0, "low": 6.0, "high": 6.0, "end": "2022-12-31",
                          "population_date": "2022-12-31", "figure_ids": ["S900-000003", "S900-000001"]},
                         {"value": 6.58, "low": 6.58, "high": 6.58, "end": "2022-12-31",
                          "population_date": "2022-12-31", "figure_ids": ["WX01-18", "S900-000001"]})
    zh, en = phrasing.national_context_sentence(density, "某省", "A province", figures)
    assert FLAG in zh and "secondary" in en
    # a fact also stated by an official release is not flagged
    also = phrasing.fact_row("WX01-18;WX03-01", {**figures, "WX03-01": _cq("WX03-01", 929000, "2022-12-31")})
    assert phrasing.source_flag(also) == ""


def test_the_national_density_table_flags_a_secondary_numerator(secondary):
    rows = [_cq("WX01-18", 929000, "2022-12-31", region_code="000000", region_name="全国", region_level="country"),
            _cq("S900-000002", 1411750000, "2022-12-31", region_code="000000", region_name="全国",
                region_level="country", indicator="population")]
    report = _report(rows, code="000000")
    html = report._national_densities().body
    assert "6.58" in html and FLAG in html and "考试培训" in html


def test_league_tables_ranking_sentences_and_subregion_cells_flag_secondary_figures(secondary):
    def pref(code, name, staff, stations, src="S900"):
        return [_row(f"{src}-{code}1", staff, "2022-06-30", region_code=code, region_name=name,
                     indicator="station_staff", source_id=src, locator=1),
                _row(f"S900-{code}2", stations, "2022-06-30", region_code=code, region_name=name,
                     indicator="township_stations", unit="stations", unit_as_written="个", source_id="S900",
                     locator=50)]
    rows = (pref("530100", "昆明市", 900, 300, src="WX02") + pref("530300", "曲靖市", 400, 200)
            + pref("530400", "玉溪市", 300, 100) + [_row("S900-000009", 5, "2022-06-30", region_code="530000",
                                                       region_name="云南省")])
    report = RegionReport(regions.resolve("530000"), pd.DataFrame(rows), results=NO_RESULTS, draw_charts=False)
    sentences = report.ranking_sentences()
    assert sentences and FLAG in sentences[0]  # Kunming's numerator comes from a secondary page
    html = report.subregion_table().body
    assert FLAG in html and SOURCE_COLUMN.split(" ")[0] in html


def test_parts_sentence_and_targets_note_flag_secondary_figures(secondary):
    parts = [_cq("WX02-01", 120, "2022-06-30", subset="乡镇 only"), _cq("S900-000002", 30, "2022-06-30",
                                                                         subset="街道 only")]
    zh, en = phrasing.with_source_caveat(phrasing.parts_sentence("重庆市", "Chongqing", parts), parts)
    assert FLAG in zh and "secondary" in en
    targets = [_cq("WX02-05", 100000, "2025-12-31", basis="plan", kind="target", target_year="2025"),
               _cq("S900-000007", 80000, "2025-12-31", basis="plan", kind="target", target_year="2025")]
    assert FLAG in phrasing.targets_apart_note(targets)


def test_a_trend_that_prints_no_input_says_how_many_are_secondary(secondary):
    rows = {r["figure_id"]: r for r in [_cq("WX01-1", 100, "2019-12-31"), _cq("WX01-2", 120, "2020-12-31"),
                                        _cq("S900-000003", 150, "2021-12-31")]}
    zh, en = phrasing.with_source_caveat(("某句。", "A sentence."), [])
    assert zh == "某句。"
    clause_zh, clause_en = phrasing.secondary_inputs_clause(list(rows.values()))
    assert "有2个仅见于二手网页" in clause_zh and "2 of the figures" in clause_en


# ---- 3. a later stated share is not displaced in a comparison --------------------------------------------------------
def test_a_later_full_coverage_statement_is_the_regions_comparison_figure():
    from swtoolkit.models.ratios import latest_levels

    earlier = _row("WX02-02", 95.29, "2022-09-30", region_code="370000", indicator="township_station_coverage",
                   unit="percent", unit_as_written="%", value_as_written="95.29%")
    later = _row("WX03-07", 100, "2023-03-22", basis="document", region_code="370000", kind="ratio",
                 indicator="township_station_coverage", unit="percent", unit_as_written="", value_as_written="全覆盖")
    picked = latest_levels(pd.DataFrame([earlier, later]), "township_station_coverage", ["370000"])
    assert picked.loc["370000", "figure_id"] == "WX03-07"
    # a stock indicator's kinds are unchanged: a 'ratio' row is no count
    stations = _row("S900-000001", 10, "2023-03-22", kind="ratio", indicator="township_stations", unit="stations")
    assert latest_levels(pd.DataFrame([stations]), "township_stations").empty


def test_as_of_figure_prefers_a_count_to_a_share_on_one_date():
    share = _row("S900-000001", 100, "2023-03-22", kind="ratio", indicator="township_station_coverage",
                 unit="percent")
    count = _row("S900-000002", 1825, "2023-03-22", indicator="township_stations", unit="stations")
    picked = cmp.as_of_figure([share, count], ["township_stations", "township_station_coverage"])
    assert picked["figure_id"] == "S900-000002"


def test_value_cards_and_audit_rows_flag_secondary_figures(secondary):
    rows = [_cq("WX01-01", 669000, "2020-12-31", date_as_written="2020年"),
            _cq("WX01-02", 929000, "2022-12-31", date_as_written="2022年")]
    report = _report(rows)
    assert FLAG in report.series_charts().body  # two points: value cards, each flagged
    report.key_figures()
    flagged = [c for c in report.claims if c.block == "figures"]
    assert flagged and all(FLAG in c.text for c in flagged)
