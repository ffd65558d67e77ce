"""Referee ref-b (issue 11 review of the central and western provinces), each kind tested on small synthetic rows.

B-1: a refusal names a fallback model ("the log-linear trend is used instead", "a logistic curve with a ceiling of
     100% or the log-linear trend is used instead", "only the compound growth rate … is given") only where the report
     prints that model's result for every series the line speaks of (Henan, Hunan, Hubei, Chongqing, Guizhou: "ETS
     not computed; the log-linear trend is used instead" beside "log-linear trend not computed" for the same series).
B-2: a one-sided segment rate is a bound: rounded away from the claim ("至少21.9%" for 21.97%, never "至少22.0%"),
     and an unknown segment rate never reads "not known a year" (Hubei's talent series).
"""
from __future__ import annotations

import pandas as pd

from tests.test_semantics import _row

NONE = {"rate": set(), "trend": set(), "loglinear": set(), "logistic": set(), "density": set()}


# ---- B-1: a fallback model is named only where it is printed -----------------------------------------------------

def test_a_fallback_model_that_is_not_printed_is_not_named():
    from swtoolkit.reports.content import as_applied
    from swtoolkit.reports.phrasing import model_refusal_words

    ets = "refused: ETS (Holt) needs ≥ 10 regular annual points; fallback: log-linear OLS"
    free = "refused: logistic with free ceiling needs ≥ 6 points spanning the inflection; fallback: logistic with " \
           "K = 100% or log-linear OLS"
    loglin = ("refused: log-linear OLS with t(n−2) intervals (n−2 ≥ 2 degrees of freedom) needs ≥ 4 points of one "
              "definition; fallback: CAGR between the first and last points")
    for reason, model in ((ets, "ets"), (free, "logistic_free"), (loglin, "loglinear")):
        said = as_applied(reason, ["exam_sitters"], NONE)
        assert "fallback" not in said, said
        zh, en = model_refusal_words(said, ["exam_sitters"], {}, model)
        assert "改用" not in zh and "改为" not in zh and "instead" not in en and "is given" not in en, (zh, en)
        assert "未计算" in zh and "not computed" in en
    # kept where the model is printed for the series
    assert as_applied(ets, ["x"], {**NONE, "loglinear": {"x"}}) == ets
    assert as_applied(free, ["x"], {**NONE, "trend": {"x"}}) == free
    assert as_applied(loglin, ["x"], {**NONE, "rate": {"x"}}) == loglin
    # a log-linear fallback is not kept by a logistic result
    assert "fallback" not in as_applied(ets, ["x"], {**NONE, "trend": {"x"}, "logistic": {"x"}})
    # one line about two series, the model printed for one of them only: no fallback is named
    assert as_applied(ets, ["x", "y"], {**NONE, "loglinear": {"x"}}) == ets.split("; fallback:")[0]
    assert as_applied(ets, ["x", "y"], {**NONE, "loglinear": {"x", "y"}}) == ets


def two_point_limits() -> tuple:
    """A Kunming report and its limitation claims, built from two dated figures 2019 and 2021 (a rate, no trend)."""
    from swtoolkit import regions
    from swtoolkit.models import fit_all
    from swtoolkit.reports.content import RegionReport

    rows = [_row("S900-000101", 3000, "2019-12-31", date_as_written="2019年底"),
            _row("S900-000102", 5000, "2021-12-31", date_as_written="2021年底")]
    clean = pd.DataFrame(rows)
    report = RegionReport(regions.get("530100"), clean, results=fit_all(clean), draw_charts=False)
    report.limitations()
    return report, [c for c in report.claims if c.block == "limits"]


def test_a_report_with_two_points_names_no_trend_used_instead():
    """Two dated figures: a rate is printed, no trend; the limitations and the audit never say a trend is used."""
    report, limits = two_point_limits()
    assert limits, "the refused models are listed"
    for claim in limits:
        assert "改用对数线性趋势" not in claim.text and "log-linear trend is used instead" not in claim.text
        assert "或对数线性趋势" not in claim.text and "fallback: log-linear OLS" not in str(claim.gates)
    assert report.printed_rates() == {"certified_social_workers"}
    assert not report.printed()["loglinear"]


# ---- B-2: a one-sided segment rate is a bound ----------------------------------------------------------------------

def test_a_one_sided_segment_rate_is_rounded_away_from_the_claim():
    from swtoolkit.reports.phrasing import _segment_rates_words

    found = [("2018-12-31", "2023-11-30", "0.21966", "inf"), ("2023-11-30", "2025-02-08", "-inf", "inf"),
             ("2025-02-08", "2025-12-31", "-inf", "0.20731")]
    zh, en = _segment_rates_words(found)
    assert "至少21.9%" in zh and "至少22.0%" not in zh
    assert "至多20.8%" in zh and "至多20.7%" not in zh
    assert "at least 21.9% a year" in en and "at most 20.8% a year" in en
    assert "不能确定" in zh and "rate not known" in en and "not known a year" not in en
    two_sided = _segment_rates_words([("2018-12-31", "2023-11-30", "0.3275", "0.3327")])
    # a two-sided range's ends round outward too (breaker2): 32.75% is inside "32.7%—33.3%", not "32.8%—…"
    assert two_sided == ("2018年底至2023年11月32.7%—33.3%", "end-2018 to November 2023 32.7% to 33.3% a year")


def test_no_segment_sentence_reads_a_year_after_an_unknown_rate():
    """Every wording that lists segments (a growth sentence, a trend, a refusal) takes "a year" from the segment."""
    from swtoolkit.models.gatekeeper import UNTESTED
    from swtoolkit.reports.phrasing import _segments_words, model_refusal_words

    note = f"{UNTESTED}: 2018-12-31 to 2023-11-30: 0.2197 to inf; 2023-11-30 to 2025-02-08: -inf to inf"
    levels = [_row("S900-000201", 30149, "2018-12-31"),
              _row("S900-000202", 80000, "2023-11-30", qualifier="more_than", value_high=float("nan"),
                   value_as_written="超过8万人"),
              _row("S900-000203", 100000, "2025-02-08", qualifier="more_than", value_high=float("nan"))]
    zh, en = _segments_words({"notes": note}, levels)
    assert "至少21.9%" in zh and "at least 21.9% a year" in en
    assert "a year a year" not in en and "not known a year" not in en
    reason = f"refused: a projection at one constant rate cannot be checked: {note}; fallback: the growth of each " \
             "segment, no projection"
    zh, en = model_refusal_words(reason, ["sw_talent_total"], {}, "projection")
    assert "至少21.9%" in zh and "not known a year" not in en and "a year a year" not in en


# ---- B-3: a rule is a norm, never an observed amount -------------------------------------------------------------

def _norm_indicators() -> set[str]:
    from swtoolkit.codebook import codebook

    book = codebook()
    book = book.reset_index() if "key" not in book.columns else book
    return set(book.loc[book["measure"].eq("norm"), "key"])


def norm_rows_coded_as_amounts(frame: pd.DataFrame) -> list[str]:
    """Figure ids of rows of a norm indicator (codebook measure ``norm``: an allowance, a reward, a per-station
    grant, a staffing ratio) coded as an observed amount (kind ``actual``/``cumulative``/``increment``), or coded as
    a norm without saying whether it is adopted, proposed or practice (norm_status)."""
    norms = frame[frame["indicator"].isin(_norm_indicators())]
    wrong_kind = norms[~norms["kind"].isin(["norm", "target", "plan"])]
    no_status = frame[frame["kind"].eq("norm") & frame["norm_status"].fillna("").eq("")]
    return sorted(set(wrong_kind["figure_id"]) | set(no_status["figure_id"]))


def test_a_rule_row_coded_as_an_amount_is_found():
    rows = [_row("S900-000301", 200, indicator="certificate_allowance", kind="actual", unit="yuan"),
            _row("S900-000302", 3, indicator="norm_staff_per_station", kind="norm", norm_status=""),
            _row("S900-000303", 100, indicator="certificate_allowance", kind="norm", norm_status="adopted"),
            _row("S900-000304", 5, indicator="certified_social_workers", kind="actual")]
    assert norm_rows_coded_as_amounts(pd.DataFrame(rows)) == ["S900-000301", "S900-000302"]


def test_every_rule_of_the_bundled_data_is_a_norm_with_its_status():
    """Hubei's and Ningxia's certificate allowances, Ningxia's certificate award and Guangdong's per-station grant
    were coded as observed amounts (kind actual): tables called them 标准 without saying whether they are in force."""
    from swtoolkit.reports.inputs import load_clean

    assert norm_rows_coded_as_amounts(load_clean()) == []


def test_present_tense_web_figures_are_dated_by_their_page():
    """已 (already) dates a web figure at its page's date, as for Lijiang and Beijing: Ningxia's 6174 passes (已有)
    and Gansu's talent (已经突破) are no longer undated."""
    from swtoolkit.reports.inputs import load_clean

    clean = load_clean().set_index("figure_id")
    for fid in ("WP040-01", "WP039-01"):
        assert clean.loc[fid, "date_as_written"] == "已" and clean.loc[fid, "date_basis"] == "document", fid
