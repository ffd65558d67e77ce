"""Referee-8 definition, scope and status faults (R8b-1/-3/-6/-7/-10/-11/-14/-15/-17/-18/-20/-23/-26/-30, R8a-10,
R8a-19, R8a-22), each tested by kind: the rule on small synthetic rows, and a check over the real raw and clean
tables that fails if an instance of the kind comes back."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit import labels
from swtoolkit.cleaning import checks
from swtoolkit.cleaning.numbers import parse_value
from swtoolkit.cleaning.rounding import near_width, rounding_interval, rounding_of
from swtoolkit.codebook import codebook, scopes, subset_label, subsets, units
from swtoolkit.errors import UnknownIndicatorError
from swtoolkit.models.comparability import same_definition
from swtoolkit.reports import content, phrasing
from tests.test_semantics import _row

ROOT = Path(__file__).resolve().parents[1]
RAW_FILES = [ROOT / "data" / "raw" / "figures.csv", *sorted((ROOT / "data" / "raw" / "web").glob("*_figures.csv"))]
CLEAN = ROOT / "data" / "clean" / "figures.csv"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    frames = [pd.read_csv(f, dtype=str, keep_default_na=False) for f in RAW_FILES]
    return pd.concat(frames, ignore_index=True).fillna("")


@pytest.fixture(scope="module")
def clean() -> pd.DataFrame:
    return pd.read_csv(CLEAN, dtype={"scope": str, "subset": str, "place": str, "notes": str},
                       keep_default_na=False, na_values={"value": [""], "value_low": [""], "value_high": [""]})


def _read(written: str, kind: str = "actual") -> tuple:
    parsed = parse_value(written)
    return rounding_interval(written, parsed.value, parsed.low, parsed.high, parsed.qualifier, kind)


# ---- R8b-1/R8b-15: one rule for 近/将近/接近, an interval just below the figure ---------------------------------

@pytest.mark.parametrize(("written", "low", "high"), [
    ("将近400 元", 300, 400), ("近 2000人", 1000, 2000), ("接近500", 400, 500), ("近60万", 500_000, 600_000),
    ("近1.2万个", 11_000, 12_000), ("近82.9万", 828_000, 829_000), ("近两千人", 1000, 2000),
    ("近万人", 9000, 10_000), ("近1000人", 900, 1000), ("近千人", 900, 1000),
])
def test_near_words_give_an_interval_just_below_the_figure(written, low, high):
    got_low, got_high, qualifier = _read(written)
    assert (got_low, got_high, qualifier) == (low, high, "at_most")


@pytest.mark.parametrize("written", ["近5人", "近2.5%", "将近9名"])
def test_near_a_units_digit_is_an_upper_bound_only(written):
    low, high, qualifier = _read(written)
    assert low is None and high == parse_value(written).value and qualifier == "at_most"


def test_near_and_more_together_stay_about_and_other_upper_bounds_stay_open():
    assert _read("近万余人")[:2] == (None, None)
    assert _read("不到400人")[:2] == (None, 400)  # 不到 is no near word: no lower end
    assert _read("不超过400人")[:2] == (None, 400)


def test_near_width_is_the_rounding_unit_of_the_last_digit():
    assert near_width(400, rounding_of("将近400")) == 100
    assert near_width(10_000, rounding_of("一万")) == 1000
    assert near_width(5, rounding_of("近5")) == 0


def test_a_near_figure_is_shown_as_its_interval_and_the_methods_say_the_rule():
    low, high, qualifier = _read("将近400 元")
    assert content.format_value(400, qualifier, "yuan per month", low, high, "元") == "300–400 元/月"
    text = next(i for i in content.methods_items(dt.date(2026, 11, 30)) if i.startswith("“近、将近"))
    assert "将近400→300至400" in text and "将近400 → 300 to 400" in text
    assert "近万→9000至1万" in text  # the Chinese half in Chinese style (fresh editor, item 7)


def test_real_near_figures_carry_the_interval_below_them(clean):
    near = clean[clean["value_as_written"].str.match(r"^\s*(将近|接近|近)") & clean["qualifier"].eq("at_most")]
    assert len(near) >= 8
    for r in near.itertuples():
        low, high, _ = _read(r.value_as_written, r.kind)
        assert r.value_high == high, r.figure_id
        assert (pd.isna(r.value_low) and low is None) or r.value_low == low, r.figure_id
    tangshan = clean.set_index("figure_id").loc["S002-001437"]
    assert (tangshan["value_low"], tangshan["value_high"]) == (300, 400)


# ---- R8b-1: one quoted person's figure is that person's -------------------------------------------------------

QUOTED = re.compile(r"\b(?:quoted|says of (?:his|her) own|one person's)\b", re.I)


def test_real_quoted_individual_figures_are_parts(raw):
    rows = raw[raw["notes"].str.contains(QUOTED)]
    assert "S002-001437" in set(rows["figure_id"])
    bare = rows[rows["subset"].eq("")]
    assert bare.empty, list(bare["figure_id"])


# ---- R8b-3: certified holders among working practitioners are a scope, and only they are a part of them ---------

def _pair(part_value: float, whole_value: float, part_scope: str) -> pd.DataFrame:
    part = _row("S900-000001", part_value, scope=part_scope)
    whole = _row("S900-000002", whole_value, indicator="sw_practitioners", family="practitioners")
    return pd.DataFrame([part, whole])


def test_only_holders_working_in_social_work_are_checked_against_the_workforce():
    working = [c for c in checks.check_plausible(_pair(4000, 3000, "in_social_work"))
               if c["check"] == "subset_not_above_whole"]
    assert [c["status"] for c in working] == ["fail"]
    plain = [c for c in checks.check_plausible(_pair(4000, 3000, "")) if c["check"] == "subset_not_above_whole"]
    assert plain == []  # a running total of holders (leavers included) is no part of today's workforce


def test_holders_working_in_social_work_are_never_compared_with_the_running_total():
    working = _row("S900-000001", 3393, scope="in_social_work")
    assert not same_definition(working, _row("S900-000002", 8408)).allowed
    assert phrasing.scope_note(working) == "（口径：从事社会工作的持证人员）"


def test_real_certified_counts_written_as_part_of_the_workforce_carry_the_scope(raw, clean):
    kunming = raw.set_index("figure_id").loc[["S003-017573", "S003-017582", "S003-017591"]]
    assert set(kunming["scope"]) == {"in_social_work"}
    pairs = clean[clean["indicator"].eq("certified_social_workers") & clean["scope"].eq("")]
    checked = pd.read_csv(ROOT / "data" / "clean" / "checks.csv", dtype=str, keep_default_na=False)
    checked = checked[checked["check"].eq("subset_not_above_whole")]
    for ids in checked["figure_ids"]:
        assert not set(ids.split()) & set(pairs["figure_id"]), ids


# ---- R8b-20: one registry per concept; definitions that agree with the gates -----------------------------------

def test_one_codebook_row_per_concept():
    book = codebook()
    assert not book["name_zh"].duplicated().any(), list(book.loc[book["name_zh"].duplicated(), "name_zh"])
    assert not book["name_en"].str.lower().duplicated().any()


def test_a_scope_is_never_the_plain_definition_again():
    """A scope that is "the same quantity as the plain count" is no scope: the gate would refuse to compare two
    statements of one quantity."""
    restating = scopes()[scopes()["definition"].str.contains(r"same quantity as the plain", case=False)]
    assert restating.empty, list(restating.index)


def test_certified_definitions_do_not_contradict_each_other():
    book = codebook()
    assert "left social work" in book.loc["certified_social_workers", "definition"]  # the running total
    for key in book.index:
        assert "current certificate holders" not in book.loc[key, "definition"], key  # a count no one keeps
    assert "in_social_work" in scopes().index
    assert book.loc["exam_passes_cumulative", "family"] != book.loc["certified_social_workers", "family"]


# ---- R8a-19: an indicator's label never contradicts its scope -------------------------------------------------

LEVEL_WORDS = ("国家级", "全国", "省级", "州（市）级", "市级", "县级")


def _levels_in(name: str) -> set[str]:
    return {w for w in LEVEL_WORDS if w in name}


def label_contradictions(rows: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(figure_id, indicator name, scope name) where the scope names a level of recognition or government that the
    indicator's name does not (a 省级 indicator scoped 国家级和省级合计)."""
    book, table = codebook(), scopes()
    out = []
    for r in rows.itertuples():
        if not r.scope or r.indicator not in book.index or r.scope not in table.index:
            continue
        named, scoped = _levels_in(book.loc[r.indicator, "name_zh"]), _levels_in(table.loc[r.scope, "name_zh"])
        if named and scoped - named:
            out.append((r.figure_id, book.loc[r.indicator, "name_zh"], table.loc[r.scope, "name_zh"]))
    return out


def test_label_contradiction_is_found_on_synthetic_rows():
    rows = pd.DataFrame([{"figure_id": "W1-01", "indicator": "leading_talents_provincial", "scope": "x"}])
    assert label_contradictions(rows) == []  # an unknown scope is the clean step's error, not this check's
    book = codebook()
    fake = pd.DataFrame([{"figure_id": "W1-02", "indicator": "leading_talents_provincial", "scope": "level_unstated"}])
    assert book.loc["leading_talents_provincial", "name_zh"].startswith("省级")
    assert label_contradictions(fake) == []  # 未注明级别 names no level


def test_real_indicator_labels_never_contradict_their_scopes(raw):
    assert label_contradictions(raw) == []
    jiangsu = raw.set_index("figure_id").loc["WP053-04"]
    assert jiangsu["indicator"] == "leading_talents_national_provincial" and not jiangsu["scope"]


def test_real_scopes_never_deny_their_indicator():
    """A scope's definition may narrow its indicator, never deny it ("funding for stations (scope: not station
    money)", "organisations operating stations (scope: whether or not they operate one)")."""
    denials = {"funding_total": re.compile(r"not (station|money for building)", re.I),
               "station_operators": re.compile(r"whether or not", re.I),
               "county_hubs": re.compile(r"not (at )?county", re.I)}
    for key, row in scopes().iterrows():
        for indicator in str(row["indicators"]).split(";"):
            if indicator in denials:
                assert not denials[indicator].search(row["definition"]), (key, indicator)


def test_real_level_words_in_names_hold_for_the_figures(clean):
    """An indicator named 县级 never counts more units than the region has counties (Diqing's 4 hubs, 3 counties)."""
    book = codebook()
    county_named = [k for k in book.index
                    if "县级" in book.loc[k, "name_zh"] and book.loc[k, "unit"] not in ("yuan", "percent")]
    whole = clean[clean["place"].eq("") & clean["subset"].eq("") & clean["value"].notna()]
    counties = whole[whole["indicator"].eq("counties")].groupby("region_code")["value"].max()
    hubs = whole[whole["indicator"].isin(county_named)]
    over = [r.figure_id for r in hubs.itertuples() if r.region_code in counties and r.value > counties[r.region_code]]
    assert not over, over


# ---- R8b-6/-7/-10/-11/-14/-30: a figure sits under the indicator and scope that name what the source counts ----

def test_real_part_of_a_campaign_is_not_everyone_ever_certified(raw):
    yuxi = raw.set_index("figure_id").loc["S003-027916"]
    assert yuxi["subset"] and "start not stated" in yuxi["subset"]


def test_real_monitoring_additions_are_not_screening(raw):
    monitored = raw[raw["notes"].str.contains("dynamic monitoring", case=False)]
    assert not monitored.empty
    assert set(monitored["indicator"]) <= {"assistance_enrolment_changes", "assistance_enrolment_changes_persons"}
    assert set(monitored["scope"]) == {"monitoring_additions"}


def test_real_target_populations_name_their_group(raw):
    rows = raw[raw["indicator"].eq("target_population")]
    assert not rows.empty and rows["scope"].ne("").all(), list(rows.loc[rows["scope"].eq(""), "figure_id"])


def test_an_award_is_counted_as_received_not_held():
    award = _row("S900-000001", 1, indicator="sw_talent_honours", family="sw_talent_honours", kind="cumulative",
                 subset="national rural-revitalisation youth award")
    assert labels.kind_label(award) == labels.MEASURE_KINDS["cumulative"]


def test_real_awards_are_never_levels(raw):
    awards = raw[raw["indicator"].eq("sw_talent_honours") & raw["subset"].str.contains(r"award|prize", case=False)]
    assert len(awards) >= 2 and awards["kind"].eq("cumulative").all(), list(awards["figure_id"])


def test_real_project_money_is_not_station_funding(raw):
    station = raw[raw["indicator"].eq("funding_total")]
    said = station[station["notes"].str.contains(r"project funding|project money|child-protection", case=False)]
    assert said.empty, list(said["figure_id"])
    assert raw.set_index("figure_id").loc["S003-033271", "indicator"] == "funding_sw_projects"


def test_real_capable_organisations_are_not_operators(raw):
    capable = raw[raw["scope"].eq("capable_operators")]
    assert not capable.empty and capable["indicator"].eq("sw_organisations").all()


# ---- R8a-10: what is not fully understood is flagged where used -----------------------------------------------

UNCLEAR = re.compile(r"unclear|garbled|ambiguous|not understood", re.I)


def test_an_unclear_figure_is_shown_so_and_never_compared():
    unclear = _row("W1-01", 12000, indicator="sw_practitioners", family="practitioners", scope="unclear_scope")
    plain = _row("W2-01", 19442, indicator="sw_practitioners", family="practitioners")
    assert not same_definition(unclear, plain).allowed
    assert phrasing.scope_note(unclear) == "（口径：所指范围原文不明）"


def test_real_rows_whose_notes_doubt_their_meaning_are_flagged_or_refused(raw, clean):
    doubted = raw[raw["notes"].str.contains(UNCLEAR)]
    kept = set(clean["figure_id"])
    bad = [f for f, s in zip(doubted["figure_id"], doubted["scope"], strict=True)
           if f in kept and s != "unclear_scope"]
    assert not bad, bad


# ---- R8a-22: every subset has Chinese words, printed in the Chinese text --------------------------------------

def test_subset_words_come_from_the_registry_in_both_languages():
    row = _row("W1-01", 15, subset="stations of the 2017 scheme in 29 counties only")
    assert phrasing.subset_note(row) == (" ［仅2017年方案所涉29个县的社工站 stations of the 2017 scheme in 29 "
                                         "counties only］")
    assert phrasing.subset_note(_row("W1-02", 15)) == ""
    with pytest.raises(UnknownIndicatorError):
        subset_label("a part nobody translated")


def test_real_subsets_all_have_chinese_words(raw):
    used = set(raw["subset"]) - {""}
    missing = used - set(subsets().index)
    assert not missing, sorted(missing)
    for part in used:
        assert CJK.search(subset_label(part)), part


def test_clean_refuses_a_subset_without_chinese_words(tmp_path):
    from swtoolkit.cleaning.rows import _semantic_problems

    class Problems:
        def __init__(self):
            self.found = []

        def add(self, mask, make):
            self.found += [make(i) for i, bad in enumerate(mask) if bad]

    column = {c: pd.Series([v]) for c, v in
              {"kind": "actual", "target_type": "", "norm_status": "", "scope": "", "subset": "untranslated part",
               "target_year": "", "indicator": "township_stations", "figure_id": "W1-01", "same_fact_as": ""}.items()}
    problems = Problems()
    _semantic_problems(column, problems, pd.Series([True]).to_numpy())
    assert any("subsets.csv" in str(p) for p in problems.found)


# ---- R8b-23: a status is what the source gives --------------------------------------------------------------

def test_a_proposal_claims_nothing_about_its_adoption():
    words = labels.NORM_STATUSES["proposal"]
    assert "建议" in words and "未采纳" not in words and "not adopted" not in words


def test_real_proposals_claim_no_adoption_status(raw):
    proposals = raw[raw["norm_status"].eq("proposal")]
    claims = proposals[proposals["notes"].str.contains(r"not adopted|未采纳|rejected", case=False)]
    assert claims.empty, list(claims["figure_id"])


# ---- R8b-18: a clipped unit word prints as the unit's word ----------------------------------------------------

def test_clipped_unit_words_print_as_the_unit_word():
    assert phrasing.unit_zh("square metres", "平方") == "平方米"
    assert phrasing.unit_zh("square metres", "平米") == "平方米"
    assert phrasing.unit_zh("persons", "名") == "名"  # a full word of the unit is kept as written
    for unit, row in units().iterrows():
        for word in filter(None, str(row["short"]).split(";")):
            assert word in str(row["written"]).split(";") and phrasing.unit_zh(unit, word) == row["zh"]


# ---- R8b-26: statements that may be one fact are linked or their relation is noted ---------------------------

def _meet(a, b) -> bool:
    lo = max(a.value_low if pd.notna(a.value_low) else a.value, b.value_low if pd.notna(b.value_low) else b.value)
    hi = min(a.value_high if pd.notna(a.value_high) else float("inf"),
             b.value_high if pd.notna(b.value_high) else float("inf"))
    return lo <= hi


def unreconciled(clean: pd.DataFrame, indicator: str) -> list[tuple[str, str]]:
    """Pairs of one region's figures of one indicator from one source, neither dated nor linked, whose intervals
    meet (so they may be one fact), where neither row's notes name the other."""
    rows = clean[clean["indicator"].eq(indicator) & clean["place"].eq("") & clean["subset"].eq("")
                 & clean["value"].notna()]
    out = []
    for _, group in rows.groupby(["region_code", "source_id"]):
        recs = list(group.itertuples())
        for i, a in enumerate(recs):
            for b in recs[i + 1:]:
                if a.same_fact_as == b.figure_id or b.same_fact_as == a.figure_id:
                    continue
                if "undated" not in (a.date_basis, b.date_basis) or not _meet(a, b):
                    continue
                if b.figure_id not in a.notes and a.figure_id not in b.notes:
                    out.append((a.figure_id, b.figure_id))
    return out


def test_real_possible_restatements_of_funding_are_linked_or_noted(clean):
    assert unreconciled(clean, "funding_total") == []
    notes = clean.set_index("figure_id").loc["S003-001654", "notes"]
    assert "S003-020093" in notes and "S003-020106" in notes


def test_unreconciled_pairs_are_found_on_synthetic_rows():
    a = _row("S900-000001", 9000e4, basis="undated", indicator="funding_total", value_low=9000e4, value_high=1e8)
    b = _row("S900-000002", 9877e4, indicator="funding_total")
    frame = pd.DataFrame([a, b])
    assert unreconciled(frame, "funding_total") == [("S900-000001", "S900-000002")]
    frame.loc[0, "notes"] = "not linked to S900-000002: the speech gives no period"
    assert unreconciled(frame, "funding_total") == []


def test_a_refused_proposal_is_not_said_to_be_rejected():
    norm = _row("S900-000001", 1, indicator="norm_staff_per_station", family="norm_staff_per_station", kind="norm",
                norm_status="proposal", unit="persons per station")
    from swtoolkit.models.comparability import norm_gate

    decision = norm_gate(norm)
    assert not decision.allowed
    zh, en = phrasing.model_refusal_words(decision.rule, ["norm_staff_per_station"], {"S900-000001": norm})
    assert "建议" in zh and "未说明是否采纳" in zh and "不是已通过" not in zh
    assert "not say whether it was adopted" in en and "not an adopted norm" not in en
