"""Referee 10b (R10b-1 to -9, -11): refusal reasons that are true, scopes as written, charts that never rank what
the page does not compare, dates that keep their estimate, kinds as the words give them, Chinese definitions.

Small synthetic rows first (each test fails if its kind of fault came back), then machine checks over the real
tables where the fault was found.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit import regions
from swtoolkit.codebook import codebook, scopes
from swtoolkit.models.national import national_context
from swtoolkit.models.ratios import latest_levels, ratio_table
from swtoolkit.reports import phrasing
from swtoolkit.reports.content import RegionReport, chart_span, comparable_set, definitions_table
from tests.test_semantics import _row

ROOT = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u4e00-\u9fff]")


def _clean() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / "clean" / "figures.csv", dtype=str, keep_default_na=False)


def _numeric(frame: pd.DataFrame) -> pd.DataFrame:
    for column in ("value", "value_low", "value_high"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


# ---- R10b-1: a count of another definition is not "no count" -------------------------------------------------

@pytest.mark.parametrize("population,zh_word,en_word", [
    ([], "没有常住人口数字", "nor is there a resident population figure"),
    ([_row("S900-000002", 8_460_000, indicator="population", unit="persons")], None, None),
])
def test_a_density_refusal_names_the_other_definition_and_the_true_population_state(population, zh_word, en_word):
    count = _row("S900-000001", 3393, scope="in_social_work")
    other = _row("S900-000009", 12, indicator="sw_talent_honours", unit="persons")
    density, _ = national_context(pd.DataFrame([count, *population, other]), "530100")
    assert not density.allowed and density.province["refused"] == "scope_count"
    zh, en = phrasing.national_context_sentence(density, "昆明市", "Kunming")
    assert "没有有日期的全境持证社会工作者人数" not in zh and "no dated region-wide count" not in en
    assert "从事社会工作的持证人员" in zh and "口径不同" in zh and "holders working in social work" in en
    if zh_word:
        assert zh_word in zh and en_word in en
    else:
        assert "人口" not in zh.split("：", 1)[1] and "population" not in en.split("figure:", 1)[1]
    # the audit says the same reason in both languages (phrasing.DECISIONS), never the untrue "no count"
    words = phrasing.gate_words(density.reason)
    assert "另一口径" in words[0] and "no dated count" not in words[1] and "另一项审核规则" not in words[0]
    assert not re.search(r"[A-Za-z]{4,}", words[0])
    if zh_word:
        assert "没有常住人口数字" in words[0]


def test_no_count_at_all_is_still_said_as_no_count():
    other = _row("S900-000009", 12, indicator="sw_talent_honours", unit="persons")
    density, _ = national_context(pd.DataFrame([other]), "530100")
    assert density.province["refused"] == "no_count"


# ---- R10b-2: Yuxi's staff of stations and village rooms: a wider scope, not a part ---------------------------

def test_staff_of_stations_and_rooms_is_refused_for_its_scope_not_as_a_part():
    def pair(code, staff, stations, scope=""):
        return [_row(f"S9{code[2:4]}-000001", staff, region_code=code, indicator="station_staff",
                     family="station_staff", scope=scope),
                _row(f"S9{code[2:4]}-000002", stations, region_code=code, indicator="township_stations",
                     family="township_stations", unit="stations", unit_as_written="个")]
    rows = pair("530100", 300, 100) + pair("530300", 200, 100) + pair("530400", 977, 75, "incl_village_rooms")
    table = ratio_table(pd.DataFrame(rows), "station_staff", "township_stations", ["530100", "530300", "530400"])
    refused = table.attrs["refused"].set_index("region_code")
    assert refused.loc["530400", "code"] == "places"  # its own reason: staff of rooms too over stations (breaker 3)
    figures = [r for r in rows if r["region_code"] == "530400"]
    zh, en = phrasing.league_refusal_words("places", figures)
    assert "含村（社区）社工室" in zh and "只有地区中某一部分" not in zh and "named part" not in en


def test_yuxi_staff_figures_are_whole_city_figures_of_stations_and_rooms():
    clean = _numeric(_clean())
    rows = clean.set_index("figure_id")
    for fid in ("S003-027281", "S003-027293"):
        assert rows.loc[fid, "subset"] == "" and rows.loc[fid, "scope"] == "incl_village_rooms"
    assert "station_staff" in scopes().loc["incl_village_rooms", "indicators"]
    # the comparison's table of prefectures shows them (with their scope), no longer an empty cell
    assert "530400" in latest_levels(clean, "station_staff", ["530400"]).index
    # no staff figure is labelled with village assistants unless its source says so
    for r in clean[clean["scope"] == "incl_village_assistants"].to_dict("records"):
        assert r["figure_id"] not in ("S003-027281", "S003-027293")


# ---- R10b-11 and R10b-3: level charts in region-code order, every left-out region named ----------------------

def test_comparable_levels_are_in_region_code_order_never_by_value():
    rows = [_row("S900-000001", 50.0, region_code="520000", indicator="township_station_coverage", unit="percent"),
            _row("S900-000002", 100.0, region_code="370000", indicator="township_station_coverage", unit="percent"),
            _row("S900-000003", 86.6, region_code="210000", indicator="township_station_coverage", unit="percent")]
    assert [r["region_code"] for r in comparable_set(rows)] == ["210000", "370000", "520000"]


def _stations(code, value, fid, **kw):
    return _row(fid, value, region_code=code, indicator="township_stations", family="township_stations",
                unit="stations", unit_as_written="个", **kw)


def test_a_region_given_in_parts_is_named_under_the_chart_and_shares_say_they_are_not_ranked():
    rows = [_stations("530100", 140, "S003-900001"), _stations("530300", 137, "S003-900002"),
            _stations("530400", 75, "S003-900003"),
            _stations("532500", 131, "S003-900004", subset="乡镇 only"),
            _stations("532500", 10, "S003-900005", subset="街道 only")]
    report = RegionReport(regions.get("530000"), pd.DataFrame(rows), draw_charts=True)
    html = report.subregion_table().body
    assert "Not drawn (given only in parts" in html
    note = html[html.index("given only in parts"):]
    assert "红河" in note and "S003-900004" in note and "S003-900005" in note


def test_a_share_chart_says_it_is_ordered_by_region_code():
    rows = [_row(f"S003-90000{i}", v, region_code=c, indicator="township_station_coverage", unit="percent",
                 unit_as_written="%", family="township_station_coverage")
            for i, (c, v) in enumerate((("530100", 50.0), ("530300", 100.0), ("530400", 86.6)), start=1)]
    report = RegionReport(regions.get("530000"), pd.DataFrame(rows), draw_charts=True)
    html = report.subregion_table(indicators=["township_station_coverage"], ratios=[]).body
    assert "按地区代码排列，不按数值排序" in html and "neither compared nor ranked" in html


# ---- R10b-4: chart titles and chart data keep an estimated date's flag -----------------------------------------

def test_a_chart_span_marks_an_estimated_end_and_keeps_a_year_a_year():
    exact = _row("S900-000001", 1, "2022-06-30")
    estimated = _row("S900-000002", 1, "2022-07-31", basis="document", date_estimated=True)
    # each language in its own style (editor 12)
    assert chart_span([exact, estimated]) == "2022年6月至约7月"  # no bracket in a caption's bracket (editor2)
    assert chart_span([exact, estimated], "en") == "June to about July 2022"
    assert chart_span([estimated]) == "约2022年7月"
    year = _row("S900-000003", 1, "2021-12-31", ref_date_precision="year", date_as_written="2021年",
                ref_date_low="2021-01-01")
    assert chart_span([year, {**year, "figure_id": "S900-000004"}]) == "2021年"
    assert chart_span([year, {**year, "figure_id": "S900-000004"}], "en") == "2021"


def test_chart_data_carry_the_estimate_flag():
    rows = [_stations("530100", 140, "S901-000001", basis="document", date_estimated=True),
            _stations("530300", 137, "S903-000001"), _stations("530400", 75, "S904-000001")]
    report = RegionReport(regions.get("530000"), pd.DataFrame(rows), draw_charts=False)
    frame = report._chart_rows(rows)
    assert list(frame["date_estimated"]) == [True, False, False]
    assert frame.columns.get_loc("date_estimated") == frame.columns.get_loc("date_precision") + 1


# ---- R10b-5: a relative year in a document of estimated date is an estimate, in every kind --------------------

def test_a_plan_for_this_year_in_a_document_of_estimated_date_says_so():
    from swtoolkit.cleaning.rows import date_interval

    estimated = pd.Series({"pub_date_note": "estimate from the meeting", "pub_date_precision": "month"})
    import datetime as dt

    basis, *_, flag = date_interval("今年", ("2022-12-31", "year", ""), dt.date(2022, 7, 31), estimated, "target")
    assert basis == "plan" and flag is True
    basis, *_, flag = date_interval("到2025年", ("2025-12-31", "year", ""), dt.date(2022, 7, 31), estimated,
                                    "target")
    assert flag is False  # a written year does not rest on the document's date
    plan = _row("S900-000001", 9877, "2022-12-31", basis="plan", kind="target", indicator="funding_total",
                target_type="annual_flow", date_as_written="今年", ref_date_precision="year", date_estimated=True)
    assert phrasing.figure_date(plan) == "2022年全年计划（年份据文件日期推定，文件日期为估计）"
    known = {**plan, "date_estimated": False}
    assert phrasing.figure_date(known) == "2022年全年计划（年份据文件日期推定）"


def test_every_relative_year_of_an_estimated_document_is_marked_in_the_real_table():
    sources = {r["source_id"]: r for r in csv.DictReader(open(ROOT / "data/raw/sources.csv", encoding="utf-8"))}
    clean = _clean()
    rel = clean[clean["date_as_written"].str.contains("今年|去年|本年|前年")]
    wrong = [r["figure_id"] for r in rel.to_dict("records")
             if str(sources.get(r["source_id"], {}).get("pub_date_note", "")).startswith("estimate")
             and r["date_estimated"] != "True"]
    assert wrong == []
    zhaotong = clean.set_index("figure_id").loc["S003-020106"].to_dict()
    assert "估计" in phrasing.figure_date(zhaotong)


# ---- R10b-6: one clause, one kind ------------------------------------------------------------------------------

def _clause_rows(kinds, text):
    rows = []
    for i, (value, kind) in enumerate(zip(("345.5万", "254万", "208万"), kinds, strict=True)):
        at = text.index(value)
        rows.append(_row(f"S900-00000{i}", 1, kind=kind, indicator="funding_lottery", locator=str(at),
                         value_as_written=value, source_id="S900"))
    return pd.DataFrame(rows)


def test_figures_listed_in_one_clause_under_one_verb_must_share_a_kind():
    from swtoolkit.cleaning.checks import check_clause_kinds

    text = "各地强化保障，红河统筹州级福彩公益金345.5万、昭通254万，文山208万保障社工站建设；另有其他。"
    mixed = check_clause_kinds(_clause_rows(["cumulative", "increment", "increment"], text), {"S900": text})
    assert len(mixed) == 1 and mixed[0]["check"] == "clause_kind" and mixed[0]["status"] == "fail"
    assert check_clause_kinds(_clause_rows(["increment"] * 3, text), {"S900": text}) == []
    apart = "红河345.5万。昭通254万；文山208万。"
    assert check_clause_kinds(_clause_rows(["cumulative", "increment", "increment"], apart), {"S900": apart}) == []


def test_the_real_table_has_one_kind_per_clause_and_no_honghe_conflict_resting_on_it():
    checks = pd.read_csv(ROOT / "data/clean/checks.csv", dtype=str, keep_default_na=False)
    assert not (checks["check"] == "clause_kind").any()
    assert not checks["figure_ids"].str.contains("S003-001607").any()
    rows = _clean().set_index("figure_id")
    assert {rows.loc[f, "kind"] for f in ("S003-001607", "S003-001617", "S003-001625")} == {"increment"}
    assert {rows.loc[f, "kind"] for f in ("S003-001654", "S003-001663", "S003-001672")} == {"cumulative"}


# ---- R10b-7 and R10b-8: indicators and kinds as written ---------------------------------------------------------

def test_business_guidance_is_not_supervision():
    assert "guidance_sessions" in codebook().index
    rows = _clean().set_index("figure_id")
    assert rows.loc["S003-050375", "indicator"] == "guidance_sessions"


def _source_texts() -> dict[str, str | None]:
    """Each seed's text by source id, as the cleaner reads it (cleaning.texts.source_texts)."""
    from swtoolkit.cleaning.tables import read_text_table
    from swtoolkit.cleaning.texts import source_texts

    sources = read_text_table(ROOT / "data/raw/sources.csv")
    return source_texts(sources.set_index("source_id") if "source_id" in sources.columns else sources)


def test_supervision_sessions_are_said_as_supervision_in_the_source(seeds):
    texts = _source_texts()
    clean = _clean()
    for r in clean[clean["indicator"] == "supervision_sessions"].to_dict("records"):
        text = texts.get(r["source_id"]) or ""
        if r["locator"].isdigit() and text:
            before = text[max(0, int(r["locator"]) - 30):int(r["locator"])]
            assert "督导" in before, (r["figure_id"], before)


def test_an_organisation_s_plan_is_a_plan_and_two_sites_are_a_part():
    rows = _clean().set_index("figure_id")
    assert rows.loc["S003-016054", "kind"] == "plan" and rows.loc["S003-016054", "target_type"] == ""
    assert rows.loc["S003-016511", "subset"] == "two demonstration sites only"
    clean = _clean()
    # one organisation's own amounts are never a region's target
    assert clean[(clean["scope"] == "one_operator") & (clean["kind"] == "target")].empty


# ---- R10b-9: scope definitions in Chinese first, from one data file ---------------------------------------------

def test_every_scope_has_a_chinese_definition_printed_first():
    book = scopes()
    assert "definition_zh" in book.columns
    missing = [k for k, v in book["definition_zh"].items() if not HAN.search(str(v))]
    assert missing == []
    html = definitions_table(set(), {"in_social_work", "registered"}, "表").body
    zh, en = book.loc["in_social_work", "definition_zh"], book.loc["in_social_work", "definition"]
    assert zh[:12] in html and html.index(zh[:12]) < html.index(en[:20].replace("'", "&#x27;"))


def test_a_village_assistants_scope_rests_on_words_of_the_source(seeds):
    """R10b-2's kind over the real table: the scope 含村（社区）协理员等人员 only where the passage names such staff."""
    texts = _source_texts()
    clean = _clean()
    for r in clean[clean["scope"] == "incl_village_assistants"].to_dict("records"):
        text = texts.get(r["source_id"]) or ""
        if r["locator"].isdigit() and text:
            before = text[max(0, int(r["locator"]) - 250):int(r["locator"])]
            assert re.search("协理员|助理员|儿童主任", before), (r["figure_id"], before[-80:])


def test_a_flow_planned_for_one_year_is_that_year_s_plan():
    plan = _row("S900-000001", 1_000_000, "2022-12-31", basis="plan", kind="plan", indicator="funding_sw_projects",
                date_as_written="2022年", ref_date_precision="year", unit="yuan", unit_as_written="元")
    assert phrasing.figure_date(plan) == "2022年计划" and phrasing.figure_date(plan, "en") == "planned for 2022"
    rows = _clean().set_index("figure_id")
    assert phrasing.figure_date(rows.loc["S003-016054"].to_dict()) == "2022年计划"
