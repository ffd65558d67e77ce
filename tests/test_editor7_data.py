"""Editor-7 data and curation entries (E7-4/-5/-13/-15/-17/-18/-21/-22, the headline-only Shenzhen figure and the
codebook's Chinese definitions), each tested by kind: synthetic rows for the code behind a rule, and a machine check
over the real raw and clean tables."""
from __future__ import annotations

import csv
import itertools
import re
from pathlib import Path

import pandas as pd

from tests.test_semantics import _row

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT / "data" / "clean"


def _clean() -> pd.DataFrame:
    return pd.read_csv(CLEAN / "figures.csv", dtype=str, keep_default_na=False)


def _checks() -> pd.DataFrame:
    return pd.read_csv(CLEAN / "checks.csv", dtype=str, keep_default_na=False)


def _numeric(frame: pd.DataFrame) -> pd.DataFrame:
    for col in ("value", "value_low", "value_high"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce")
    return frame


def _station(fid: str, value: float, subset: str = "", basis: str = "stated", date: str = "2022-06-30") -> dict:
    return _row(fid, value, date, basis, indicator="township_stations", family="township_stations",
                unit="stations", unit_as_written="个", value_as_written=f"{value:g}个", subset=subset,
                region_code="532500", source_id=fid[:4])


# ---- E7-17: parts that together make the whole are a dated whole for the latest rule ------------------------------
def test_an_undated_whole_is_never_the_latest_beside_a_dated_whole_in_parts():
    from swtoolkit.models.ratios import dated_parts_of_whole, latest_levels
    from swtoolkit.reports.content import latest_of_each

    whole = _station("S901-000001", 135, basis="undated", date="2022-07-31")
    towns = _station("S902-000001", 131, "乡镇 only")
    streets = _station("S902-000002", 10, "街道 only")
    frame = pd.DataFrame([whole, towns, streets])
    assert [r["figure_id"] for r in dated_parts_of_whole(frame, "township_stations", "532500")] == [
        "S902-000001", "S902-000002"]
    assert "532500" not in latest_levels(frame, "township_stations").index  # no whole-region level: the parts
    assert set(latest_of_each(frame)["figure_id"]) == {"S902-000001", "S902-000002"}
    # one part alone is not the whole: the undated whole stays the (undated) latest
    alone = pd.DataFrame([whole, towns])
    assert dated_parts_of_whole(alone, "township_stations", "532500") == []
    assert latest_levels(alone, "township_stations").loc["532500", "value"] == 135
    # parts of another kind (a named project) never make the whole
    other = pd.DataFrame([whole, {**towns, "subset": "one project only"}, streets])
    assert latest_levels(other, "township_stations").loc["532500", "value"] == 135
    # a dated whole is unaffected
    dated = pd.DataFrame([{**whole, "date_basis": "stated", "ref_date_low": "2022-07-31"}, towns, streets])
    assert latest_levels(dated, "township_stations").loc["532500", "value"] == 135


def test_parts_against_a_whole_are_worded_as_parts_never_as_one_figure_stated_twice():
    from swtoolkit.cleaning.checks import VERDICTS, recorded_conflicts
    from swtoolkit.reports import phrasing

    whole = _station("S901-000001", 135, basis="undated", date="2022-07-31")
    parts = [_station("S902-000001", 131, "乡镇 only"), _station("S902-000002", 10, "街道 only")]
    zh, en = phrasing.conflict_clause(parts, [whole])
    # editor 9 N-1: the relation said plainly, the total first ("smaller than the parts taken together"), never
    # "the parts' sum" beside "not added"
    assert "日期未注明的合计" in zh and "少于分项" in zh and "合起来的数目" in zh and "不能视为最新" in zh
    assert "不同记载" not in zh and "不相加" not in zh
    assert "is smaller than the parts" in en and "taken together" in en
    # two statements of one figure keep the disagreement words
    zh2, _ = phrasing.conflict_clause([_station("S903-000001", 135)], [_station("S904-000001", 141)])
    assert "来源不一致" in zh2
    assert "parts_exceed_whole" in VERDICTS
    checks = pd.DataFrame([{"check": "conflict", "figure_ids": "A B C", "verdict": "parts_exceed_whole"},
                           {"check": "conflict", "figure_ids": "D E", "verdict": "not_one_fact"}])
    assert recorded_conflicts(checks, "disagree") == [frozenset("ABC")]  # a disagreement for every sentence
    assert recorded_conflicts(checks, "parts_exceed_whole") == [frozenset("ABC")]
    said = phrasing.parts_sentence("甲州", "Jia", parts, whole=True)
    assert "合起来即为全部" in said[0] and "together make the whole" in said[1] and "141" not in said[0]


def test_real_conflicts_of_parts_against_a_whole_carry_the_parts_verdict():
    """Every recorded conflict whose figures are one whole and named parts of one indicator is recorded as
    parts_exceed_whole, and Honghe's undated 135 is not the latest of its township stations anywhere."""
    from swtoolkit.models.ratios import latest_levels

    clean = _numeric(_clean()).set_index("figure_id")
    checks = _checks()
    conflicts = checks[checks["check"].eq("conflict")]
    found = 0
    for ids, verdict in zip(conflicts["figure_ids"], conflicts["verdict"], strict=True):
        members = [m for m in ids.split() if m in clean.index]
        rows = clean.loc[members]
        if rows["indicator"].nunique() == 1 and rows["subset"].eq("").sum() == 1 and rows["subset"].ne("").any():
            assert verdict == "parts_exceed_whole", ids
            found += 1
    assert found >= 1
    table = latest_levels(_numeric(_clean()), "township_stations", ["532500"])
    assert "532500" not in table.index


# ---- E7-4: a cell citing figure ids cites ids its report lists -------------------------------------------------------
def test_conflict_note_cites_the_other_ids_the_report_then_lists():
    from swtoolkit.reports import phrasing

    groups = [frozenset({"S901-000001", "S902-000001", "S902-000002"})]
    assert phrasing.conflict_others("S901-000001", groups) == ["S902-000001", "S902-000002"]
    assert phrasing.conflict_others("S902-000001;S902-000002", groups) == ["S901-000001"]
    assert phrasing.conflict_others("S999-000001", groups) == []


# ---- E7-13: same-time national figures of one indicator that differ several-fold have a record ----------------------
def test_real_national_talent_counts_several_fold_apart_are_a_recorded_conflict():
    clean = _numeric(_clean())
    checks = _checks()
    groups = [set(ids.split()) for ids in checks.loc[checks["check"].eq("conflict"), "figure_ids"]]
    links = dict(zip(clean["figure_id"], clean["same_fact_as"], strict=True))
    national = clean[clean["region_code"].eq("000000") & clean["kind"].isin(["actual", "cumulative"])
                     & clean["subset"].eq("") & clean["value"].notna()]
    for _, rows in national.groupby("indicator"):
        for a, b in itertools.combinations(rows.to_dict("records"), 2):
            years = abs(int(a["ref_date"][:4]) - int(b["ref_date"][:4]))
            ratio = max(a["value"], b["value"]) / max(min(a["value"], b["value"]), 1e-9)
            if years > 2 or ratio < 3 or a["scope"] != b["scope"] and "plan_review_table" not in (a["scope"],
                                                                                                   b["scope"]):
                continue
            ids = {a["figure_id"], b["figure_id"], links.get(a["figure_id"]), links.get(b["figure_id"])}
            assert any(len(ids & g) >= 2 for g in groups), (a["figure_id"], b["figure_id"])


# ---- E7-15: figures a page says were released at a dated meeting carry that date ------------------------------------
def test_real_counts_released_at_the_end_2018_meeting_are_dated_end_2018_and_are_the_latest():
    from swtoolkit.reports.content import latest_of_each

    clean = _clean()
    # WN043-04 (7500多家 organisations) is undated since stop 28: its range holds the ministry's end-2017 count
    rows = clean[clean["figure_id"].str.startswith("WN043-") & clean["figure_id"].ne("WN043-04")]
    assert set(rows["ref_date"]) == {"2018-12-31"} and set(rows["date_basis"]) == {"stated"}
    assert clean.loc[clean["figure_id"].eq("WN043-04"), "date_basis"].eq("undated").all()
    national = _numeric(clean[clean["region_code"].eq("000000")])
    latest = set(latest_of_each(national)["figure_id"])
    assert {"WN043-02", "WN043-03"} <= latest
    raw = pd.read_csv(ROOT / "data/raw/web/national_figures.csv", dtype=str, keep_default_na=False)
    released = raw[raw["notes"].str.contains(r"released at|made public at", case=False, regex=True)
                   & raw["figure_id"].ne("WN043-04")]  # its note says why the meeting does not date it
    assert (released["date_as_written"] != "").all(), list(released.loc[released["date_as_written"].eq(""),
                                                                        "figure_id"])


# ---- E7-18: social-work talent as a whole is its own indicator -------------------------------------------------------
def test_wider_talent_is_its_own_indicator_with_both_labels_and_never_one_definition_with_professional_talent():
    from swtoolkit.codebook import codebook, label, scopes
    from swtoolkit.models.comparability import same_definition

    book = codebook()
    assert book.loc["sw_talent_broad", "family"] != book.loc["sw_talent_total", "family"]
    assert "社会工作人才" in label("sw_talent_broad", "zh") and "专业" not in label("sw_talent_broad", "zh")
    assert "wider" in label("sw_talent_broad", "en")
    assert "sw_talent_all" not in scopes().index  # one registry: the concept is the indicator, not a scope too
    pro = _row("S900-000001", 44080, indicator="sw_talent_total", family="talent_total")
    wide = _row("S900-000002", 6875, indicator="sw_talent_broad", family="talent_broad")
    assert not same_definition(pro, wide).allowed


def test_real_rows_of_the_wider_talent_are_its_indicator_with_their_targets():
    clean = _clean()
    wide = clean[clean["indicator"].eq("sw_talent_broad")]
    assert {"S002-001273", "S003-030516", "WN034-01", "WN034-02"} <= set(wide["figure_id"])
    assert not clean.loc[clean["indicator"].eq("sw_talent_total"), "notes"].str.contains(
        "without the word professional").any()


# ---- E7-21: a stock is dated at a point, never by a span -------------------------------------------------------------
def test_a_stock_with_a_since_start_phrase_is_dated_at_the_document_never_a_span():
    from swtoolkit.reports.phrasing import figure_date

    stock = {**_station("S905-000001", 82, basis="document", date="2022-07-31"), "date_as_written": "2021年以来",
             "ref_date_low": "2022-07-01", "ref_date_precision": "period", "date_estimated": True}
    words = figure_date(stock)
    assert words.startswith("截至文件日期") and "以来" not in words
    assert "since" not in figure_date(stock, "en")
    running = {**stock, "kind": "cumulative", "indicator": "funding_total", "unit": "yuan", "unit_as_written": "元"}
    assert figure_date(running).startswith("2021年以来")
    added = {**stock, "kind": "increment"}
    assert figure_date(added).startswith("2021年以来")
    # a table cell reads the latest level's own row (ratios.latest_levels): it knows what it counts
    from swtoolkit.models.ratios import latest_levels

    cell = latest_levels(pd.DataFrame([stock]), "township_stations").loc["532500"].to_dict()
    assert figure_date(cell).startswith("截至文件日期")


def test_real_stock_levels_carry_no_span_date():
    from swtoolkit.codebook import codebook
    from swtoolkit.reports.phrasing import figure_date

    book = codebook()
    clean = _clean()
    stocks = clean[clean["kind"].eq("actual") & clean["indicator"].map(
        lambda k: k in book.index and book.loc[k, "measure"] == "stock")]
    for r in stocks.to_dict("records"):
        words = figure_date(r)
        assert not re.search(r"以来|年来", words), (r["figure_id"], words)


# ---- E7-22: the as-written column keeps the words that make a figure approximate or a bound --------------------------
def test_as_written_keeps_a_word_standing_apart_from_the_figure():
    from swtoolkit.labels import as_written

    assert as_written({"value_as_written": "全覆盖", "qualifier_as_written": "基本"}) == "基本…全覆盖"
    assert as_written({"value_as_written": "3 名", "qualifier_as_written": "至少"}) == "至少…3 名"
    assert as_written({"value_as_written": "全覆盖", "qualifier_as_written": "力争"}) == "全覆盖"  # a hedge note
    assert as_written({"value_as_written": "全覆盖", "qualifier_as_written": ""}) == "全覆盖"
    header = {"value_as_written": "4.4", "qualifier_as_written": "",
              "notes": "header_unit=万人; (unit from the table header) 2010 column."}
    assert as_written(header) == "4.4（单位见表头：万人）"  # E7-13: the unit the number is read with is shown


def test_real_approximate_full_coverage_shows_its_word_wherever_written():
    from swtoolkit.labels import as_written

    clean = _clean()
    hedged = clean[clean["qualifier"].eq("approx") & clean["value_as_written"].eq("全覆盖")]
    assert not hedged.empty
    for r in hedged.to_dict("records"):
        assert "基本" in as_written(r), r["figure_id"]
    exact = clean[clean["value_as_written"].eq("全覆盖") & clean["qualifier"].eq("exact")]
    assert all(as_written(r) == "全覆盖" for r in exact.to_dict("records"))


# ---- Shenzhen 900: a figure known only from a headline says so where it is used --------------------------------------
def test_a_headline_only_note_reaches_checks_and_the_words():
    from swtoolkit.cleaning.checks import run_checks, statement_noted
    from swtoolkit.reports import phrasing

    fig = _row("S906-000030", 900, indicator="sw_practitioners", family="practitioners", region_code="440300")
    notes = pd.DataFrame([{"check": "headline_only", "figure_ids": "S906-000030", "verdict": "",
                           "explanation": "teaser headline"},
                          {"check": "headline_only", "figure_ids": "S999-000001", "verdict": "",
                           "explanation": "stale"}])
    table = run_checks(pd.DataFrame([fig]), notes)
    noted = table[table["check"].eq("headline_only")]
    assert list(noted["figure_ids"]) == ["S906-000030"] and list(noted["status"]) == ["note"]
    assert statement_noted(table) == {"S906-000030"}
    zh = phrasing.headline_only_note("S906-000030", {"S906-000030"})
    assert "只见于标题" in zh and "headline" in phrasing.headline_only_note("S906-000030", {"S906-000030"}, "en")
    assert phrasing.headline_only_note("S906-000031", {"S906-000030"}) == ""


def test_real_figures_read_from_a_headline_only_are_noted():
    seed = pd.read_csv(ROOT / "data/raw/figures.csv", dtype=str, keep_default_na=False)
    web = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False)
                     for p in sorted((ROOT / "data/raw/web").glob("*_figures.csv"))], ignore_index=True)
    from swtoolkit.cleaning.checks import statement_noted

    noted = statement_noted(_checks())
    headline = set(seed.loc[seed["notes"].str.contains("headline only|teaser headline", case=False), "figure_id"])
    headline |= set(web.loc[web["locator"].str.match(r"headline,") & ~web["locator"].str.contains("paragraph|lead"),
                            "figure_id"])
    kept = set(_clean()["figure_id"])
    assert "S002-000030" in noted
    assert headline & kept <= noted, sorted((headline & kept) - noted)


# ---- codebook: every definition in Chinese and English, shown together ----------------------------------------------
def test_every_indicator_has_a_chinese_definition_and_the_table_shows_both():
    from swtoolkit.codebook import codebook
    from swtoolkit.reports.content import definitions_table

    book = codebook()
    assert book["definition_zh"].map(lambda t: bool(re.search(r"[\u4e00-\u9fff]", t))).all()
    assert book["definition"].map(lambda t: bool(re.search(r"[A-Za-z]{3}", t))).all()
    html = definitions_table({"township_stations", "home_visits"}, set(), "t").body
    assert book.loc["township_stations", "definition_zh"] in html and "township or street level" in html
    assert "“走访（探访）户数”" in html and "home_visit_households" not in html  # keys named by their labels
    with (CLEAN / "codebook.csv").open(encoding="utf-8") as fh:
        assert "definition_zh" in next(csv.reader(fh))


def test_a_sub_region_cell_shows_a_dated_whole_in_parts_and_the_report_lists_the_ids_it_cites():
    """E7-4/E7-17: the province's sub-region table shows a prefecture's dated parts (never an undated whole, never
    their sum) and every figure id a cell cites is listed in the report's appendix."""
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    whole = _station("S003-900001", 135, basis="undated", date="2022-07-31")
    parts = [_station("S003-900002", 131, "乡镇 only"), _station("S003-900003", 10, "街道 only")]
    frame = pd.DataFrame([whole, *parts]).assign(region_name="红河哈尼族彝族自治州", province_code="530000",
                                                 region_level="prefecture")
    conflicts = pd.DataFrame([{"check": "conflict", "status": "explained", "region_code": "532500",
                               "indicator": "township_stations", "ref_date": "2022-07-31",
                               "figure_ids": "S003-900001 S003-900002 S003-900003", "detail": "",
                               "explanation": "parts vs whole", "verdict": "parts_exceed_whole"}])
    report = RegionReport(regions.resolve("530000"), frame, draw_charts=False, conflicts=conflicts,
                          results=pd.DataFrame(columns=["region_code", "allowed", "model"]))
    body = report.subregion_table(indicators=["township_stations"], ratios=[]).body
    assert "乡镇131" in body and "街道10" in body and "141" not in body
    assert "S003-900001" in body and "S003-900001" in report.used  # cited, so listed in the appendix
    assert "不是最新" in body
