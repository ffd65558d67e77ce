"""Editor-9 data semantics (R8b-1, R8b-12, R8b-23, R8b-26), each fixed by kind and tested two ways: the rule on
small synthetic rows, and a machine check over the real raw and clean tables (and the seeds at the locators) that
fails if an instance of the kind comes back.

- A change in a level or a rate (a wage rise, registrants more than the year before) is its own measure
  (codebook ``difference``), never 期间量 / 新增量.
- The designating level of a pilot or demonstration station that the source states is the row's subset.
- A proposal on how to fund posts is not a staffing norm; a norm's status agrees with its clause.
- An undated statement that may or may not restate other figures of its region says so where it is shown.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit import labels
from swtoolkit.codebook import MEASURES, codebook, subsets
from tests.test_semantics import _row

ROOT = Path(__file__).resolve().parents[1]
RAW_FILES = [ROOT / "data" / "raw" / "figures.csv", *sorted((ROOT / "data" / "raw" / "web").glob("*_figures.csv"))]
CLEAN = ROOT / "data" / "clean"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return pd.concat([pd.read_csv(f, dtype=str, keep_default_na=False) for f in RAW_FILES], ignore_index=True)


@pytest.fixture(scope="module")
def seed_raw() -> pd.DataFrame:
    return pd.read_csv(RAW_FILES[0], dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def clean() -> pd.DataFrame:
    return pd.read_csv(CLEAN / "figures.csv", dtype={"scope": str, "subset": str, "place": str, "notes": str},
                       keep_default_na=False, na_values={"value": [""], "value_low": [""], "value_high": [""]})


@pytest.fixture(scope="module")
def checks() -> pd.DataFrame:
    return pd.read_csv(CLEAN / "checks.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def joined() -> dict[str, str]:
    """The seeds' line-joined texts by source id (the locators' coordinates)."""
    if not SEEDS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed folder {SEEDS} is missing")
        pytest.skip("seed folder not available")
    sources = pd.read_csv(ROOT / "data" / "raw" / "sources.csv", dtype=str, keep_default_na=False)
    return {r.source_id: (SEEDS / r.file).read_text(encoding="utf-8").replace("\n", "")
            for r in sources.itertuples() if (SEEDS / r.file).is_file()}


# ---- R8b-1: a change in a level or a rate is neither a stock nor a flow ------------------------------------------

def test_every_codebook_measure_has_words_and_difference_is_one():
    assert "difference" in MEASURES
    book = codebook()
    assert set(book["measure"]) <= set(MEASURES)
    assert set(MEASURES) <= set(labels.MEASURE_KINDS)


def test_a_rise_in_a_wage_is_a_change_in_a_rate_not_a_flow():
    rise = _row("S900-000001", 400, basis="undated", indicator="monthly_pay_rise", kind="increment",
                unit="yuan per month", ref_date_precision="month")
    words = labels.kind_label(rise)
    assert words == labels.MEASURE_KINDS["difference"]
    assert "期间量" not in words and "新增量" not in words and "flow" not in words
    assert re.search(r"[\u4e00-\u9fff]", words) and re.search(r"[A-Za-z]", words)  # both languages


def test_a_stated_year_names_the_base_year_of_the_change():
    more = _row("W900-01", 64000, "2024-12-31", indicator="exam_registrants_increase", kind="increment",
                period_start="2024-01-01", ref_date_precision="year")
    assert labels.kind_label(more) == "比2023年增减 change on 2023"
    flow = _row("W900-02", 50000, "2024-12-31", indicator="exam_registrants", kind="actual",
                period_start="2024-01-01")
    assert labels.kind_label(flow) == labels.MEASURE_KINDS["flow"]  # registrants themselves stay a flow


def test_no_growth_model_runs_on_a_change_in_a_level_and_the_words_say_what_it_is():
    from swtoolkit.models.gatekeeper import decide
    from swtoolkit.models.series import from_frame
    from swtoolkit.reports import phrasing

    rows = pd.DataFrame([_row("S900-000001", 300, "2020-12-31", indicator="monthly_pay_rise", unit="yuan per month"),
                         _row("S900-000002", 400, "2022-12-31", indicator="monthly_pay_rise", unit="yuan per month")])
    series = from_frame(rows)
    decision = decide(series, "cagr")
    assert not decision.allowed and "a stated change in a level" in decision.rule
    zh, en = phrasing.model_refusal_words(decision.rule, ["monthly_pay_rise"], {})
    assert "增减额" in zh and "change in a level" in en and "期间量" not in zh


CHANGE_WORDS = re.compile(r"\b(?:pay rise|increase (?:of|in) \d{4} registrants|increase in registrants|"
                          r"difference of two)\b", re.I)


def test_real_changes_in_a_level_are_under_a_difference_indicator(raw, clean):
    book = codebook()
    rows = raw[raw["notes"].str.contains(CHANGE_WORDS)]
    assert {"S002-001437", "WP027-02", "WN036-02"} <= set(rows["figure_id"])
    wrong = rows[~rows["indicator"].map(lambda k: book.loc[k, "measure"] == "difference")]
    assert wrong.empty, list(wrong["figure_id"])
    # every indicator named as a rise or an amount more than the year before is a difference (percent growth rates
    # are measure change)
    named = book[book["name_zh"].str.contains("增加额|比上年增加")
                 | book["name_en"].str.contains(r"\brise\b", case=False)]
    assert set(named["measure"]) == {"difference"}, named["measure"].to_dict()
    for r in clean[clean["indicator"].isin(named.index)].to_dict("records"):
        words = labels.kind_label(r)
        assert "期间量" not in words and "新增量" not in words, (r["figure_id"], words)


# ---- R8b-12: a designating level the source states is the subset -------------------------------------------------

LEVELS = {"省级": "省级", "州级": "州（市）级", "市级": "州（市）级", "州（市）级": "州（市）级", "县级": "县级"}
LEVEL = re.compile(r"州（市）级|省级|州级|市级|县级")
PILOTS = ("pilot_stations", "pilot_sites")


def designating_level(text: str, locator: int, written: str) -> str:
    """The designating level the source gives a pilot or demonstration count: the first level word after the
    figure, before the next figure or full stop (…3个…省级示范社工站), else in the words before it back to the
    previous comma or full stop (实施省级…示范站项目 4个); '' when the clause names none."""
    after = re.split(r"[。\d]", text[locator + len(written):], maxsplit=1)[0]
    found = LEVEL.search(after)
    if found is None:
        before = re.split(r"[，。；\d]", text[:locator].rstrip()[::-1], maxsplit=1)[0][::-1]
        found = LEVEL.search(before)
    return LEVELS[found.group(0)] if found else ""


@pytest.mark.parametrize(("text", "level"), [
    ("2021年以来，打造了 3个特色鲜明、经验可推广的省级示范社工站。", "省级"),
    ("建设2个省级示范点、11个市级示范点，引领。", "省级"),
    ("先后在甲镇实施省级乡镇社工站示范站项目 4个，在为群众", "省级"),
    ("共实施了 2 个省级试点项目，1 个易地搬迁社工站试点项目，5个州级试点项目", "省级"),
    ("选出配合度高的 10个乡镇（街道）社工站开展试点工作，给予", ""),
])
def test_the_designating_level_is_read_from_the_figures_clause(text, level):
    written = re.search(r"\d+ ?个", text).group(0)
    assert designating_level(text, text.index(written), written) == level


def test_real_pilot_rows_name_the_level_their_source_states(seed_raw, joined):
    rows = seed_raw[seed_raw["indicator"].isin(PILOTS)]
    assert len(rows) >= 10
    named = subsets()["name_zh"]
    checked = 0
    for r in rows.itertuples():
        text = joined[r.source_id]
        level = designating_level(text, int(r.locator), r.value_as_written)
        if not level:
            continue
        checked += 1
        assert r.subset, f"{r.figure_id}: the source says {level}, the row names no part"
        assert level in named[r.subset] or level[0] in named[r.subset][:2], (r.figure_id, r.subset, level)
    assert checked >= 6
    lijiang = seed_raw.set_index("figure_id").loc["S003-045181"]
    zhaotong = seed_raw.set_index("figure_id").loc["S003-019971"]
    assert lijiang["subset"] == zhaotong["subset"] == "provincial demonstration stations"


def test_real_web_pilot_rows_whose_notes_give_a_level_carry_it(raw):
    web = raw[raw["figure_id"].str.startswith("W") & raw["indicator"].isin(PILOTS)]
    said = web[web["notes"].str.contains(r"\bprovincial\b", case=False)]
    assert "WP011-01" in set(said["figure_id"])
    assert said["subset"].str.contains("provincial").all(), list(said.loc[~said["subset"].str.contains("provincial"),
                                                                          "figure_id"])


def test_one_registry_entry_per_designated_level():
    # one words for one part: no 'sites' twin of the 'stations' entries
    names = set(subsets().index)
    assert not {"provincial demonstration sites", "prefecture demonstration sites"} & names


# ---- R8b-23: a funding proposal is not a staffing norm; a norm's status agrees with its clause ---------------------

def test_a_funded_post_is_no_staffing_norm_and_gives_no_gap():
    from swtoolkit.models.fit import fit_all
    from swtoolkit.models.gaps import NORM_RULES, STAFFING_NORM_UNITS

    book = codebook()
    assert "funded_posts_per_station" not in NORM_RULES
    assert not str(book.loc["funded_posts_per_station", "unit"]).startswith(STAFFING_NORM_UNITS)
    rows = [_row("S900-000001", 1, indicator="funded_posts_per_station", family="funded_posts_per_station",
                 kind="norm", norm_status="adopted", unit="posts per station", region_code="533100",
                 region_name="德宏傣族景颇族自治州"),
            _row("S900-000002", 50, indicator="township_stations", family="township_stations", unit="stations",
                 region_code="533100", region_name="德宏傣族景颇族自治州"),
            _row("S900-000003", 30, indicator="station_staff", family="station_staff", region_code="533100",
                 region_name="德宏傣族景颇族自治州")]
    results = fit_all(pd.DataFrame(rows))
    assert results[results["model"].eq("staffing_gap")].empty  # even adopted, paying for posts sets no need


FUNDING_WORDS = re.compile(r"\b(?:pay for|paid for|buying posts|buy posts|fund(?:ing|s)? (?:one|a|the) post)", re.I)


def test_real_norms_about_paying_for_posts_are_not_staffing_norms(raw):
    from swtoolkit.models.gaps import NORM_RULES

    norms = raw[raw["kind"].eq("norm")]
    paying = norms[norms["notes"].str.contains(FUNDING_WORDS)]
    assert "S003-044782" in set(paying["figure_id"])
    wrong = paying[paying["indicator"].isin(NORM_RULES)]
    assert wrong.empty, list(wrong["figure_id"])
    dehong = raw.set_index("figure_id").loc["S003-044782"]
    assert (dehong["indicator"], dehong["norm_status"]) == ("funded_posts_per_station", "proposal")


RULE_WORDS = re.compile(r"标准|要求|规定|明确|原则上|必须|须|意见|文件|办法")
DONE_WORDS = re.compile(r"给予|安排|配备了|入驻|打造|选择|实施|提取")


def norm_clause(text: str, locator: int) -> str:
    """A norm's sentence: the words from the previous full stop to the next one (the rule word may follow the
    figure: 每个社工站不少于2万元的标准)."""
    return text[:locator].rsplit("。", 1)[-1] + text[locator:].split("。", 1)[0]


def test_a_norm_clause_is_read_for_what_it_says():
    given = "经费困难。对获得证书人员给予600元的一次性奖励。下一步"
    assert norm_clause(given, given.index("600")) == "对获得证书人员给予600元的一次性奖励"
    assert DONE_WORDS.search(norm_clause(given, given.index("600")))
    assert not RULE_WORDS.search(norm_clause(given, given.index("600")))
    ruled = "按照每个社工站不少于2万元的标准，提供资金。"
    assert RULE_WORDS.search(norm_clause(ruled, ruled.index("不少于")))


def test_real_norm_statuses_agree_with_their_clauses(seed_raw, joined):
    """A norm the source says was given or done (给予, 安排, 入驻 …) with no word of a rule (标准, 要求, 规定 …) in
    its sentence is never an adopted rule; a figure in a paper's proposals (建议 just before it) is a proposal."""
    norms = seed_raw[seed_raw["kind"].eq("norm")]
    assert len(norms) >= 25
    done_not_rule, proposals = [], []
    for r in norms.itertuples():
        text = joined[r.source_id]
        clause = norm_clause(text, int(r.locator))
        if DONE_WORDS.search(clause) and not RULE_WORDS.search(clause) and r.norm_status == "adopted":
            done_not_rule.append(r.figure_id)
        if "建议" in text[max(0, int(r.locator) - 80):int(r.locator)] and r.norm_status != "proposal":
            proposals.append(r.figure_id)
    assert not done_not_rule, done_not_rule
    assert not proposals, proposals
    statuses = seed_raw.set_index("figure_id")["norm_status"]
    assert statuses["S003-029979"] == statuses["S003-029986"] == statuses["S003-017078"] == "practice"


# ---- R8b-26: an undated statement that may restate others says its relation is not stated --------------------------

def _funding(fid: str, value: float, **kw) -> dict:
    return _row(fid, value, indicator="funding_total", family="funding_total", unit="yuan", unit_as_written="元",
                region_code="530600", region_name="昭通市", region_name_en="Zhaotong", **kw)


def test_a_relation_unclear_note_reaches_checks_and_the_words():
    from swtoolkit.cleaning.checks import run_checks, statement_groups
    from swtoolkit.reports import phrasing

    speech = _funding("S900-000001", 9e7, basis="undated", value_low=9e7, value_high=1e8, qualifier="more_than",
                      value_as_written="9000余万元")
    spent = _funding("S900-000002", 7715e4, date="2021-12-31", value_as_written="7715万元")
    plan = _funding("S900-000003", 9877e4, date="2022-12-31", basis="plan", kind="target", value_as_written="9877万元")
    notes = pd.DataFrame([{"check": "relation_unclear", "figure_ids": "S900-000001 S900-000002 S900-000003",
                           "verdict": "", "explanation": "not stated"}])
    table = run_checks(pd.DataFrame([speech, spent, plan]), notes)
    groups = statement_groups(table)
    assert groups == [["S900-000001", "S900-000002", "S900-000003"]]
    assert list(table.loc[table["check"].eq("relation_unclear"), "status"]) == ["note"]
    figures = {r["figure_id"]: r for r in (speech, spent, plan)}
    zh = phrasing.relation_unclear_note("S900-000001", groups, figures)
    en = phrasing.relation_unclear_note("S900-000001", groups, figures, "en")
    assert "原文未说明" in zh and "S900-000002" in zh and "S900-000003" in zh and "不相互比较" in zh
    # the speech's figure cannot equal the 2021 outlay and is of another kind than the plan: neither is called a
    # possible restatement (editor 11 E11-6; tests/test_editor11_data.py)
    assert "不是其另一种说法" in zh and " and S900-000003" in en and "does not restate them" in en
    assert "does not say how it relates" in en and "S900-000003" in en
    assert phrasing.relation_unclear_note("S900-000002", groups, figures) == ""  # only the undated one says it
    assert phrasing.relation_unclear_note("S900-000001", groups, figures, short=True).startswith("；与S900-000002")


def test_a_key_figures_table_showing_the_undated_statement_says_its_relation_is_not_stated():
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    speech = _funding("S003-900001", 9e7, basis="undated", value_low=9e7, value_high=1e8, qualifier="more_than",
                      value_as_written="9000余万元", date="2022-07-31")
    spent = _funding("S003-900002", 7715e4, date="2021-12-31", value_as_written="7715万元", kind="increment",
                     scope="incl_staff_pay")
    frame = pd.DataFrame([speech, spent]).assign(province_code="530000")
    checks = pd.DataFrame([{"check": "relation_unclear", "status": "note", "region_code": "530600",
                            "indicator": "funding_total", "ref_date": "2022-07-31",
                            "figure_ids": "S003-900001 S003-900002", "detail": "", "explanation": "",
                            "verdict": ""}])
    report = RegionReport(regions.resolve("530600"), frame, draw_charts=False, conflicts=checks,
                          results=pd.DataFrame(columns=["region_code", "allowed", "model"]))
    body = re.sub(r"<[^>]+>|\s", "", report.key_figures().body)
    assert "原文未说明它与S003-900002" in body and "doesnotsayhowitrelatestoS003-900002" in body
    appendix = re.sub(r"<[^>]+>|\s", "", report.data_appendix().body)  # a brief lists its own figures in its one
    # table, not in the appendix
    assert "与S003-900002的关系原文未说明" in (body if report.kind == "brief" else appendix)


def _meet(a, b) -> bool:
    low = max(a.value_low if pd.notna(a.value_low) else a.value, b.value_low if pd.notna(b.value_low) else b.value)
    high = min(a.value_high if pd.notna(a.value_high) else float("inf"),
               b.value_high if pd.notna(b.value_high) else float("inf"))
    return low <= high


def possible_restatements(clean: pd.DataFrame, groups: list[set[str]]) -> list[tuple[str, str]]:
    """Pairs of one region's figures of one indicator from one source, one of them undated, of any kind (a plan
    beside a speech's figure too), whose intervals meet, that are neither linked (same_fact_as) nor in a curated
    group of data/raw/check_notes.csv (a conflict or a relation_unclear note): raw notes alone reach no reader."""
    rows = clean[clean["place"].eq("") & clean["subset"].eq("") & clean["value"].notna()
                 & ~clean["kind"].eq("norm")]
    out = []
    for _, group in rows.groupby(["region_code", "indicator", "source_id"]):
        recs = list(group.itertuples())
        for i, a in enumerate(recs):
            for b in recs[i + 1:]:
                if "undated" not in (a.date_basis, b.date_basis) or not _meet(a, b):
                    continue
                if a.same_fact_as == b.figure_id or b.same_fact_as == a.figure_id or (
                        a.same_fact_as and a.same_fact_as == b.same_fact_as):
                    continue
                if any({a.figure_id, b.figure_id} <= g for g in groups):
                    continue
                out.append((a.figure_id, b.figure_id))
    return out


def test_possible_restatements_are_found_on_synthetic_rows():
    speech = _funding("S900-000001", 9e7, basis="undated", value_low=9e7, value_high=1e8)
    plan = _funding("S900-000002", 9877e4, kind="target")
    frame = pd.DataFrame([speech, plan])
    frame["place"] = ""
    assert possible_restatements(frame, []) == [("S900-000001", "S900-000002")]
    frame.loc[0, "notes"] = "not linked to S900-000002"  # a raw note reaches no reader: still unreconciled
    assert possible_restatements(frame, []) == [("S900-000001", "S900-000002")]
    assert possible_restatements(frame, [{"S900-000001", "S900-000002"}]) == []


def test_real_possible_restatements_are_linked_or_recorded(clean, checks):
    groups = [set(str(ids).split()) for ids in checks.loc[checks["check"].isin(["conflict", "relation_unclear",
                                                                               "duplicate"]), "figure_ids"]]
    assert possible_restatements(clean, groups) == []
    unclear = checks[checks["check"].eq("relation_unclear")]
    assert "S003-001654 S003-020093 S003-020106" in set(unclear["figure_ids"])
    assert set(unclear["status"]) == {"note"}


def test_a_table_showing_a_proposal_says_its_adoption_is_not_stated():
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    proposal = _row("S003-900001", 1, indicator="funded_posts_per_station", family="funded_posts_per_station",
                    kind="norm", norm_status="proposal", unit="posts per station", unit_as_written="名",
                    scope="full_time", region_code="533100", region_name="德宏傣族景颇族自治州",
                    region_name_en="Dehong", basis="undated", date="2022-07-31", value_as_written="1名")
    stations = _row("S003-900002", 50, indicator="township_stations", family="township_stations", unit="stations",
                    unit_as_written="个", region_code="533100", region_name="德宏傣族景颇族自治州",
                    region_name_en="Dehong", value_as_written="50个")
    frame = pd.DataFrame([proposal, stations]).assign(province_code="530000")
    report = RegionReport(regions.resolve("533100"), frame, draw_charts=False, conflicts=pd.DataFrame(),
                          results=pd.DataFrame(columns=["region_code", "allowed", "model"]))
    body = re.sub(r"<[^>]+>|\s", "", report.key_figures().body)
    assert "S003-900001是原文提出的建议，原文未说明是否采纳" in body and "doesnotsaywhetheritwasadopted" in body
    assert "未采纳" not in body.replace("未说明是否采纳", "")
    assert "建议proposal" in body and "每站出资购买的岗位数" in body
