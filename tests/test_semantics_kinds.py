"""Data-semantics kinds of the second referee report (referee-2: N1, N7, J1, HN2, C1, P1–P4, Q1, K1–K5, N9, R3,
Y3, DN1, N5, N12, M1, R1, D1): each test is built from small synthetic rows and fails if its kind came back."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from swtoolkit import labels
from swtoolkit.cleaning.dates import parse_date
from swtoolkit.cleaning.numbers import apply_separate_qualifier, parse_value
from swtoolkit.cleaning.rounding import rounding_interval
from swtoolkit.cleaning.rows import _reference_date, date_interval
from swtoolkit.cleaning.schema import NORM_STATUSES
from swtoolkit.cleaning.web import WEB_FIGURE_COLUMNS
from swtoolkit.codebook import scopes
from swtoolkit.models.comparability import MAX_APART_DAYS, gap_gate, norm_gate, same_definition
from swtoolkit.models.gatekeeper import decide
from swtoolkit.models.national import national_context
from swtoolkit.models.series import from_frame
from swtoolkit.reports.content import ROUNDING_EXAMPLES, _apart_words, _read_interval


def row(fid: str, indicator: str, value: float, kind: str = "actual", **extra: str) -> dict:
    base = {"figure_id": fid, "source_id": fid.split("-")[0], "locator": "1", "indicator": indicator,
            "kind": kind, "value": value, "value_low": value, "value_high": value, "qualifier": "exact",
            "ref_date": "2022-12-31", "ref_date_precision": "year", "date_basis": "stated",
            "ref_date_low": "2022-12-31", "ref_date_high": "2022-12-31", "scope": "", "subset": "", "place": "",
            "unit_as_written": "", "value_as_written": str(value), "target_type": "", "norm_status": ""}
    return {**base, **extra}


# ---- labels follow status, target type and the codebook's measure (P1-P4, Q1, Y5, K4, K5, N9) -----------------

@pytest.mark.parametrize("status", [s for s in NORM_STATUSES if s != "adopted"])
def test_a_norm_that_is_not_adopted_is_never_labelled_a_standard(status):
    words = labels.kind_label(row("S1-01", "norm_staff_per_station", 1, "norm", norm_status=status))
    assert "标准" not in words and "norm" not in words.split()
    assert words == labels.NORM_STATUSES[status]


def test_an_adopted_rule_is_not_called_a_staffing_norm_whatever_it_sets():
    # a certificate reward or a cap on a share of assistance money is a rule, not a 配备标准
    for indicator in ("certificate_reward", "norm_assistance_fund_share_sw", "norm_staff_per_station"):
        assert "配备标准" not in labels.kind_label(row("S1-01", indicator, 5, "norm", norm_status="adopted"))


def test_levels_are_named_by_what_the_indicator_measures():
    assert labels.kind_label(row("W1-01", "exam_registrants", 900)) == labels.MEASURE_KINDS["flow"]
    assert labels.kind_label(row("W1-02", "funding_total", 9e8)) == labels.MEASURE_KINDS["flow"]
    assert labels.kind_label(row("W1-03", "exam_passes_cumulative", 6400)) == labels.MEASURE_KINDS["cumulative"]
    assert labels.kind_label(row("W1-04", "certified_social_workers", 6400)) == labels.MEASURE_KINDS["stock"]
    assert "现有量" not in labels.kind_label(row("W1-05", "exam_passes", 3538))


def test_a_cumulative_training_target_says_so():
    words = labels.kind_label(row("S1-01", "leading_talents_provincial", 150, "target",
                                  target_type="cumulative_flow"))
    assert "累计" in words and words != labels.KINDS["target"]


def test_growth_is_refused_for_a_flow_in_the_flow_s_own_words():
    frame = pd.DataFrame({"ref_date": ["2019-12-31", "2021-12-31"], "value": [100.0, 200.0],
                          "indicator": "exam_registrants", "kind": "actual"})
    decision = decide(from_frame(frame), "cagr")
    assert not decision.allowed and "flow" in decision.rule and "level indicator" not in decision.rule


# ---- the gate refuses different scopes, cumulative counts against stock targets, non-adopted norms -------------

@pytest.mark.parametrize("indicator,scope", [("sw_organisations", "private"),
                                             ("township_stations", "grassroots_stations"),
                                             ("sw_practitioners", "unclear_scope"),
                                             ("sw_posts", "institutions_and_communities"),
                                             ("certified_social_workers", "in_social_work")])
def test_figures_of_another_scope_are_never_compared_with_the_plain_definition(indicator, scope):
    assert scope in scopes().index and indicator in scopes().loc[scope, "indicators"].split(";")
    narrow, plain = row("W1-01", indicator, 73, scope=scope), row("W2-01", indicator, 400)
    assert not same_definition(narrow, plain).allowed
    target = row("W3-01", indicator, 1000, "target", target_type="level", ref_date="2025-12-31")
    assert not gap_gate(plain, {**target, "scope": scope}).allowed  # a private-organisation target, all orgs
    assert not gap_gate(narrow, target).allowed


def test_a_cumulative_count_is_not_measured_against_a_stock_target():
    cumulative = row("W1-01", "sw_talent_total", 44000, "cumulative")
    target = row("W1-05", "sw_talent_total", 133000, "target", target_type="level", ref_date="2020-12-31")
    decision = gap_gate(cumulative, target)
    assert not decision.allowed and "cumulative" in decision.rule
    assert gap_gate(row("W1-02", "sw_talent_total", 44000), target).allowed  # the stock itself may be


def test_a_part_of_the_region_never_carries_the_region_s_target():
    part = row("S1-01", "township_station_coverage", 100, "target", target_type="level",
               subset="the assisted counties only")
    assert not gap_gate(row("S1-02", "township_station_coverage", 80), part).allowed


def test_a_cited_requirement_gives_no_staffing_gap():
    decision = norm_gate(row("S1-01", "norm_sw_talent_per_community", 1, "norm", norm_status="requirement"))
    assert not decision.allowed and "requirement" in decision.rule


def test_web_figures_carry_the_raw_contract_s_semantic_fields():
    assert {"scope", "subset", "qualifier_as_written", "norm_status", "target_type", "same_fact_as"} \
        <= set(WEB_FIGURE_COLUMNS)


# ---- qualifiers written apart from a figure (Y3, DN1) ----------------------------------------------------------

def test_basically_full_coverage_is_about_100_not_exactly():
    read = apply_separate_qualifier(parse_value("全覆盖"), "基本")
    assert read.qualifier == "approx" and read.value == 100 and read.low is None and read.high is None


def test_an_incomplete_count_is_a_lower_bound():
    read = apply_separate_qualifier(parse_value("3483 人"), "据不完全统计")
    assert read.qualifier == "at_least" and read.low == 3483 and read.high is None


# ---- dates (N5, G1, N13, N12, D1) -------------------------------------------------------------------------------

def test_a_bulletin_s_year_end_is_the_year_just_past_not_the_publication_date():
    feb = dt.date(2023, 2, 28)
    ref, precision, flag = _reference_date(parse_date("年末", feb), feb, "actual", "")
    assert (ref, precision) == ("2022-12-31", "year") and "before" not in flag
    basis = date_interval("年末", (ref, precision, flag), feb, pd.Series({"pub_date_precision": "day"}), "actual")
    assert basis[0] == "stated"
    # a target's year-end stays the document's year
    assert _reference_date(parse_date("年底", feb), feb, "target", "")[0] == "2023-12-31"


def test_a_late_year_year_end_is_not_moved_back_a_year():
    sept = dt.date(2022, 9, 15)
    assert _reference_date(parse_date("年末", sept), sept, "actual", "")[0] == "2022-09-15"


def test_a_census_moment_is_its_day_not_the_year_end():
    assert parse_date("2020年11月1日", dt.date(2021, 5, 11)).ref_date == dt.date(2020, 11, 1)


def test_only_now_dates_a_figure_at_its_document():
    assert parse_date("仅有", dt.date(2022, 7, 31)).flag.endswith("the document's date used")


# ---- methods text says what the code does (M1, N12) -------------------------------------------------------------

def test_the_methods_examples_are_read_by_the_clean_step_s_rounding_rule():
    for written in ROUNDING_EXAMPLES:
        parsed = parse_value(written)
        low, high, _ = rounding_interval(written, parsed.value, parsed.low, parsed.high, parsed.qualifier, "actual")
        assert _read_interval(written) == (written, low, high)
    assert _read_interval("3万")[1:] == (25_000, 35_000)  # a trailing zero: read at its leading digit's unit


def test_the_ratio_window_in_words_is_the_gate_s_constant():
    assert _apart_words(MAX_APART_DAYS) == ("六个月", "six months")
    assert _apart_words(366) == ("366天", "366 days")  # never rounded into a window the gate does not use


# ---- a prefecture's refusal names its level and what it lacks (R1) ---------------------------------------------

def test_a_prefecture_without_population_is_told_so():
    count = {**row("S003-01", "certified_social_workers", 3393, ref_date="2022-06-30"),
             "region_code": "530100", "region_name": "昆明市", "region_level": "prefecture", "province_code": "530000"}
    density, _ = national_context(pd.DataFrame([count]), "530100")
    assert not density.allowed and "population" in density.reason and "prefecture" in density.reason
    assert "province" not in density.reason


# ---- a same-fact link says which statement carries the date (HL1); dates keep their precision (DT2, DT3, R2) ----

def test_an_undated_exact_figure_names_the_statement_that_dates_it():
    from swtoolkit.models.comparability import merge_facts
    from swtoolkit.reports.phrasing import figure_value

    dated = row("S0-01", "sw_talent_total", 44_000, value_low=43_500, value_high=44_500, qualifier="rounded",
                value_as_written="4.4 万人", ref_date="2021-12-31", unit="persons")
    undated = row("S2-01", "sw_talent_total", 44_080, date_basis="undated", ref_date_low="",
                  ref_date="2022-06-30", ref_date_precision="period", value_as_written="44080 人",
                  same_fact_as="S0-01", unit="persons")
    (merged,) = merge_facts([dated, undated])
    assert merged["value"] == 44_080 and merged["ref_date"] == "2021-12-31"
    assert "日期据该处" in figure_value(merged) and "carries the date" in figure_value(merged, "en")


def test_early_in_the_year_and_a_day_without_its_year_are_not_shown_as_known():
    from swtoolkit.reports.phrasing import figure_date

    early = row("S3-01", "funding_total", 2e5, "increment", date_as_written="今年年初", ref_date="2022-01-31",
                ref_date_precision="period")
    assert figure_date(early) == "2022年年初" and "月底" not in figure_date(early)
    day = row("S4-01", "leading_talents_provincial", 10, "increment", date_as_written="12 月 1 日",
              ref_date="2021-12-01", ref_date_precision="day", date_flag="year taken from the document")
    assert "推定" in figure_date(day) and "inferred" in figure_date(day, "en")


def test_a_refusal_never_gives_a_year_only_date_an_invented_day():
    from swtoolkit.models.comparability import close_in_time, date_words

    page_year = row("W8-04", "certified_social_workers", 26_413, date_basis="document", ref_date="2018-12-31",
                    ref_date_low="2018-01-01", ref_date_precision="period")
    assert date_words(page_year) == "2018"
    later = row("W9-01", "population", 6e7, ref_date="2020-12-31")
    reason = close_in_time(page_year, later).rule
    assert "2018-12-31" not in reason and "2018" in reason


def test_a_web_source_with_an_inferred_date_is_an_estimate(tmp_path):
    from swtoolkit.cleaning.web import ESTIMATE_NOTE, WEB_SOURCE_COLUMNS, read_web

    (tmp_path / "web").mkdir()
    source = dict(zip(WEB_SOURCE_COLUMNS, ["WX001", "outlet", "A page about exam passes", "2011-07", "month",
                                           "http://example.org/a", "2026-11-30", "secondary",
                                           "Estimated date: the page shows none"], strict=True))
    pd.DataFrame([source]).to_csv(tmp_path / "web" / "x_sources.csv", index=False)
    figure = {c: "" for c in WEB_FIGURE_COLUMNS} | {
        "figure_id": "WX001-01", "source_id": "WX001", "locator": "opening paragraph, exam passers so far",
        "region_as_written": "广东省", "value_as_written": "6400多人", "date_as_written": "目前",
        "indicator": "exam_passes_cumulative", "kind": "actual"}
    pd.DataFrame([figure]).to_csv(tmp_path / "web" / "x_figures.csv", index=False)
    _, sources, _, problems = read_web(tmp_path)
    assert not problems and sources.loc["WX001", "pub_date_note"] == ESTIMATE_NOTE


def test_a_same_fact_link_joins_statements_of_one_scope_only():
    """73 private organisations restated on another page stay private there: a link to a figure of another scope
    (or the plain definition) is refused, so a restatement cannot carry a narrower count into the plain series."""
    import numpy as np

    from swtoolkit.cleaning.rows import Problems, _semantic_problems

    def column(scope: str) -> dict[str, pd.Series]:
        frame = pd.DataFrame({"figure_id": ["W1-01", "W2-01"], "indicator": ["sw_organisations"] * 2,
                              "kind": ["actual"] * 2, "scope": ["private", scope], "target_type": ["", ""],
                              "norm_status": ["", ""], "target_year": ["", ""], "same_fact_as": ["", "W1-01"]})
        return {c: frame[c].astype(str) for c in frame}

    for scope, refused in (("", True), ("private", False)):
        problems = Problems(2)
        _semantic_problems(column(scope), problems, np.ones(2, dtype=bool))
        found = [str(p) for _, p in problems]
        assert any("same indicator and scope" in f for f in found) == refused, (scope, found)


def test_a_cumulative_count_is_named_as_such_in_a_level_sentence():
    from swtoolkit.reports.phrasing import level_sentence

    zh, en = level_sentence("重庆市", "Chongqing", row("W28-01", "sw_talent_total", 44_000, "cumulative",
                                                      unit="persons"))
    assert "累计" in zh and "cumulative" in en
