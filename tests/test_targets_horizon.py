"""Expired targets, scenario horizons and projected precision (issue 11, referee-2: N4, N14, N15, Y1, Y2).
Small synthetic rows; each test fails if its kind of fault came back."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from swtoolkit.errors import ModelRefusedError
from swtoolkit.models.fit import deadline_point, fit_all
from swtoolkit.models.growth import SCENARIO_MAX_YEARS, fit_projection
from swtoolkit.models.series import from_frame
from swtoolkit.reports import phrasing
from tests.test_claims import frame
from tests.test_semantics import _row


def _target(fid, value, year, **kw):
    return _row(fid, value, f"{year}-12-31", basis="plan", kind="target", target_year=str(year),
                target_type="level", **kw)


def test_a_target_long_past_with_no_figure_near_its_deadline_gets_no_gap():
    rows = [_row("S900-000001", 1000, "2019-12-31"), _row("S900-000002", 3000, "2022-12-31"),
            _target("S900-000003", 2000, 2015)]
    res = fit_all(pd.DataFrame(rows))
    gap = res[(res["model"] == "gap")]
    assert len(gap) and not gap["allowed"].any()
    assert "met on time is not known" in gap["reason"].iloc[0]
    att = res[res["model"] == "attainment"]
    assert not att["allowed"].any()


def test_a_past_target_is_judged_against_the_figure_at_its_deadline_not_a_later_one():
    rows = [_row("S900-000001", 1000, "2015-12-31"), _row("S900-000002", 3000, "2022-12-31"),
            _target("S900-000003", 2000, 2015)]
    res = fit_all(pd.DataFrame(rows))
    gap = res[(res["model"] == "gap") & res["allowed"] & (res["statistic"] == "gap to target")]
    assert len(gap) == 1
    assert gap["estimate"].iloc[0] == pytest.approx(1000)  # 2000 − 1000 at end-2015, not 2000 − 3000 at end-2022
    assert gap["figure_ids"].iloc[0].split(";") == ["S900-000001", "S900-000003"]
    assert "nearest its deadline" in gap["notes"].iloc[0]
    assert not res[(res["model"].isin(["required_growth", "attainment"])) & res["allowed"]].shape[0]


def test_an_open_target_is_judged_against_the_latest_figure():
    s = from_frame(frame([("2019-12-31", 1000, "exact"), ("2022-12-31", 3000, "exact")]))
    assert deadline_point(s, dt.date(2025, 12, 31)) == (1, "")
    assert deadline_point(s, dt.date(2022, 9, 30)) == (1, "")  # due within six months before the latest figure


def test_a_scenario_never_runs_more_than_five_years_ahead():
    s = from_frame(frame([("2010-12-31", 1000, "exact"), ("2016-12-31", 3000, "exact"),
                          ("2022-12-31", 9000, "exact")]))
    res = fit_projection(s)
    assert res.end_date <= dt.date(2022 + SCENARIO_MAX_YEARS, 12, 31)
    with pytest.raises(ModelRefusedError, match="five-year plan"):
        fit_projection(s, horizon="2030-12-31")  # within the 12-year span, past five years


@pytest.mark.parametrize("x,side,want", [(23_520_988, "", 23_500_000), (19_328_753, "at_least", 19_300_000),
                                         (28_622_482, "at_most", 28_700_000), (455.4, "", 455), (0.0, "", 0.0)])
def test_projected_levels_have_three_significant_digits_and_bounds_round_outward(x, side, want):
    assert phrasing.projected(x, side) == pytest.approx(want)


def test_a_reached_target_is_never_shown_as_a_negative_gap():
    result = {"model": "gap", "estimate": -9000.0, "band_low": -9500.0, "band_high": -8500.0,
              "unit": "organisations", "figure_ids": "A;B", "low": float("nan"), "high": float("nan")}
    figures = {"A": _row("A", 19000, "2022-12-31", indicator="sw_organisations", unit="organisations"),
               "B": _target("B", 10000, 2020, indicator="sw_organisations", unit="organisations")}
    family, value, spread = phrasing.result_cells(result, figures)
    assert (family, value, spread) == ("level", "—", "")  # the statement says reached; no negative gap printed


def test_a_gap_between_two_shares_is_in_percentage_points():
    result = {"model": "gap", "estimate": 13.4, "band_low": 13.4, "band_high": 13.4, "unit": "percent",
              "figure_ids": "A;B", "low": float("nan"), "high": float("nan")}
    figures = {"A": _row("A", 86.6, "2023-03-31", indicator="township_station_coverage", unit="percent"),
               "B": _target("B", 100, 2023, indicator="township_station_coverage", unit="percent")}
    assert phrasing._gap_amount(result, figures["B"], "zh") == "13.4个百分点"
    assert phrasing.result_cells(result, figures)[1] == "13.4"


def test_a_rate_whose_rounding_allows_a_rise_or_a_fall_has_no_direction():
    figures = {"A": _row("A", 917, "2019-12-31", indicator="sw_organisations", unit="organisations"),
               "B": _row("B", 950, "2022-12-31", indicator="sw_organisations", unit="organisations",
                         qualifier="more_than", value_low=900, value_high=1000, value_as_written="900多家")}
    result = {"model": "cagr", "estimate": 0.012, "band_low": -0.006, "band_high": 0.029, "unit": "fraction",
              "figure_ids": "A;B", "low": float("nan"), "high": float("nan"), "indicator": "sw_organisations",
              "region_name": "某省"}
    zh, en = phrasing._cagr(result, figures, {})
    assert "增减方向不能确定" in zh and "增至" not in zh and "1.2%" not in zh
    assert phrasing.result_cells(result, figures)[1] == "—"


def test_an_estimated_document_date_keeps_its_about_as_a_bare_point():
    row = _row("A", 8408, "2022-07-31", basis="document", date_estimated=True)
    assert phrasing.figure_point(row) == "约2022年7月（文件日期）"
    assert phrasing.figure_point(row, "en").startswith("about July 2022")
    exact = _row("B", 8408, "2022-07-31", basis="document", date_estimated=False, ref_date_low="2022-07-31")
    assert phrasing.figure_point(exact) == "2022年7月（文件日期）"


def test_a_restated_target_is_one_target():
    rows = [_row("S900-000001", 1000, "2021-12-31"), _row("S900-000002", 1500, "2023-06-30"),
            _target("S900-000003", 3000, 2025), _target("W900-000001", 3000, 2025, same_fact_as="S900-000003")]
    res = fit_all(pd.DataFrame(rows))
    gaps = res[(res["model"] == "gap") & (res["statistic"] == "gap to target")]
    assert len(gaps) == 1 and "W900-000001" not in gaps["figure_ids"].iloc[0]
    assert phrasing.targets_apart_note(rows[2:]) == ""  # not "from different plans"



# ---- read at the edition date (referee-3 NF12, NF8): models.horizon --------------------------------------------------
def _judged(rows, edition):
    from swtoolkit.models.horizon import apply_edition

    frame_ = pd.DataFrame(rows)
    return apply_edition(fit_all(frame_), frame_, edition), {r["figure_id"]: r for r in rows}


def _sentence(judged, figures, model, statistic=None):
    from swtoolkit.reports.findings import quoted_with_companions

    for row, companions in quoted_with_companions(judged, "530100", (model,)):
        if statistic is None or row["statistic"] == statistic:
            return " ".join(phrasing.result_sentence(row, figures, companions))
    return None


def test_a_target_passed_by_the_edition_after_the_latest_figure_is_a_gap_at_the_figure_date_only():
    rows = [_row("S900-000001", 1000, "2019-12-31"), _row("S900-000002", 3000, "2021-12-31"),
            _target("S900-000003", 6000, 2025)]
    judged, figures = _judged(rows, "2026-11-30")
    gap = judged[(judged["model"] == "gap") & (judged["statistic"] == "gap to target")].iloc[0]
    assert gap["allowed"] and gap["estimate"] == pytest.approx(3000)  # the numbers stay: the gap at end-2021
    assert (gap["horizon"], gap["deadline"], gap["figure_date"], gap["edition"]) == (
        "deadline_passed", "2025-12-31", "2021-12-31", "2026-11-30")
    for model in ("required_growth", "attainment"):  # nothing is required of, or reached by, a date already past
        part = judged[judged["model"] == model]
        assert len(part) and not part["allowed"].any()
    assert "edition" in judged.loc[judged["model"] == "required_growth", "reason"].iloc[0]
    said = _sentence(judged, figures, "gap", "gap to target")
    assert "尚差" not in said and "当时差3000人" in said and "无从得知" in said and "not known" in said
    assert "2025年底" in said and "2026年11月" in said and "所需年均" not in said


def test_the_same_target_before_its_deadline_is_still_a_live_gap():
    rows = [_row("S900-000001", 1000, "2019-12-31"), _row("S900-000002", 3000, "2021-12-31"),
            _target("S900-000003", 6000, 2025)]
    judged, figures = _judged(rows, "2022-06-30")
    assert not judged["horizon"].astype(bool).any()
    assert judged.loc[judged["model"] == "required_growth", "allowed"].all()
    said = _sentence(judged, figures, "gap", "gap to target")
    assert "尚差3000人" in said and "无从得知" not in said


def test_a_floor_target_passed_by_the_edition_keeps_its_bound_at_the_figure_date():
    rows = [_row("S900-000001", 80000, "2021-06-30"), _row("S900-000002", 99850, "2023-06-30"),
            _target("S900-000003", 100000, 2025, qualifier="more_than", value_high=math.nan)]
    judged, figures = _judged(rows, "2026-11-30")
    said = _sentence(judged, figures, "gap", "gap to target")
    assert "当时至少差150人" in said and "at least 150 persons short at that date" in said
    assert "无从得知" in said


def test_a_target_due_before_the_latest_figure_is_left_to_deadline_point():
    rows = [_row("S900-000001", 1000, "2015-12-31"), _row("S900-000002", 3000, "2022-12-31"),
            _target("S900-000003", 2000, 2015)]
    judged, _ = _judged(rows, "2026-11-30")
    gap = judged[(judged["model"] == "gap") & judged["allowed"]]
    assert len(gap) and not gap["horizon"].astype(bool).any()  # judged at its deadline, not re-marked


def test_a_projection_ending_before_the_edition_is_refused_and_one_after_it_kept():
    rows = [_row("S900-000001", 1000, "2019-12-31"), _row("S900-000002", 3000, "2021-12-31")]
    judged, _ = _judged(rows, "2026-11-30")  # the scenario may run two years (the span): to end-2023
    proj = judged[judged["model"] == "projection"].iloc[0]
    assert not proj["allowed"] and proj["horizon"] == "ends_before_edition"
    assert "on or before the edition (2026-11-30)" in proj["reason"] and "fallback" in proj["reason"]
    kept, _ = _judged(rows, "2022-06-30")
    assert kept.loc[kept["model"] == "projection", "allowed"].all()


def test_an_attainment_year_before_the_edition_is_refused():
    rows = [_row("S900-000001", 1000, "2019-12-31"), _row("S900-000002", 2000, "2021-12-31"),
            _target("S900-000003", 2500, 2030)]
    fitted = fit_all(pd.DataFrame(rows))
    att = fitted[(fitted["model"] == "attainment") & fitted["allowed"]]
    assert len(att) and att["estimate"].iloc[0] < 2024  # about 2022.6 at 41% a year
    judged, _ = _judged(rows, "2026-11-30")
    att = judged[judged["model"] == "attainment"]
    assert not att["allowed"].any() and "attainment year" in att["reason"].iloc[0]
    assert judged.loc[judged["model"] == "required_growth", "allowed"].all()  # the 2030 deadline is ahead


def test_edition_checks_in_isolation():
    from swtoolkit.models.horizon import projection_at_edition, target_at_edition

    assert target_at_edition(2025, "2021-12-31", "2026-11-30").status == "deadline_passed"
    assert target_at_edition(2025, "2021-12-31", "2025-06-30").status == ""  # still ahead at the edition
    assert target_at_edition(2020, "2021-12-31", "2026-11-30").status == ""  # before the figure: deadline_point
    assert projection_at_edition("2026-11-30", "2026-11-30").status == "ends_before_edition"
    assert projection_at_edition("2026-12-31", "2026-11-30").status == ""


def test_a_rounding_only_range_says_it_is_rounding_not_trend_uncertainty():
    from tests.test_claims import clean_rows, row_of

    pts = [("2018-12-31", 44000, "rounded", 43500, 44500), ("2021-12-31", 66000, "rounded", 65500, 66500)]
    res = fit_projection(from_frame(frame(pts)))
    zh, en = phrasing.result_sentence(row_of(res, ["T-000000", "T-000001"]), clean_rows(pts))
    assert "只反映原文数字的取整或上下限，不反映趋势的不确定性" in zh
    assert "not the uncertainty of the trend" in en


def test_two_exact_figures_with_an_estimated_date_say_so_and_why_no_range():
    from tests.test_claims import clean_rows, row_of

    pts = [("2015-12-31", 2766, "exact"), ("2022-07-31", 8408, "exact")]
    figures = clean_rows(pts)
    figures["T-000001"].update({"date_basis": "document", "date_estimated": True, "ref_date_precision": "month"})
    res = fit_projection(from_frame(frame(pts)))
    zh, en = phrasing.result_sentence(row_of(res, ["T-000000", "T-000001"]), figures)
    assert "两点无法衡量趋势的不确定性" in zh and "日期为估计" in zh and "约2022年7月" in zh
    assert "is estimated" in en and "no measure of the trend's uncertainty" in en


def test_a_report_reads_its_results_at_its_own_edition(tmp_path):
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    rows = [_row("S003-990001", 1000, "2019-12-31"), _row("S003-990002", 3000, "2021-12-31"),
            _target("S003-990003", 6000, 2025)]  # a real source id: the tables' source notes name it
    clean = pd.DataFrame(rows)
    results = fit_all(clean)

    def report(edition):
        toml = tmp_path / f"report-{edition}.toml"
        toml.write_text(f"publisher='P'\nauthors='A'\nedition={edition}\nlicence='L'\ncontact='C'\n",
                        encoding="utf-8")
        return RegionReport(regions.resolve("530100"), clean, results=results, config=str(toml))

    late = report("2026-11-30")
    assert not any("目标" in s for s in late.model_sentences(limit=None))  # history: not a finding
    table_ = late.growth_and_gaps().body
    assert "当时差3000人" in table_ and "尚差" not in table_ and "所需年均增速" not in table_
    assert "期限已过 deadline passed" in table_
    said = late.limitations().body  # the edition check, said in both languages (no rule text, no ISO dates)
    assert "本版报告日期（2026年11月）" in said and "date (November 2026)" in said
    assert "edition (2026-11-30)" not in said
    assert late.results.equals(results)  # the stored results (and the report's digest) stay as fitted
    early = report("2022-06-30")
    assert any("尚差3000人" in s for s in early.model_sentences(limit=None))
    assert "所需年均增速" in early.growth_and_gaps().body


def test_the_audit_names_the_edition_check_behind_a_passed_target(tmp_path):
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    rows = [_row("S003-990001", 1000, "2019-12-31"), _row("S003-990002", 3000, "2021-12-31"),
            _target("S003-990003", 6000, 2025)]
    clean = pd.DataFrame(rows)
    toml = tmp_path / "report.toml"
    toml.write_text("publisher='P'\nauthors='A'\nedition=2026-11-30\nlicence='L'\ncontact='C'\n", encoding="utf-8")
    report = RegionReport(regions.resolve("530100"), clean, results=fit_all(clean), config=str(toml))
    report.growth_and_gaps()
    gates = [c.gates for c in report.claims if "当时差" in c.text]
    assert gates and "deadline_passed (deadline 2025-12-31, figure dated 2021-12-31)" in gates[0]


def test_a_target_reached_before_its_passed_deadline_is_reached_not_unknown():
    rows = [_row("S900-000001", 1000, "2019-12-31"), _row("S900-000002", 3000, "2021-12-31"),
            _target("S900-000003", 2500, 2025)]
    judged, figures = _judged(rows, "2026-11-30")
    said = _sentence(judged, figures, "gap", "gap to target")
    assert "已达到目标" in said and "无从得知" not in said and "not known" not in said


def test_a_gap_between_shares_has_percentage_points_in_the_unit_column():
    """R5-10: the sentence says 个百分点 / percentage points, so the results table's unit column must too."""
    from swtoolkit.reports.phrasing import result_unit_cell

    assert result_unit_cell({"model": "gap", "unit": "percent"}) == "个百分点 percentage points"
    assert "percent" not in result_unit_cell({"model": "gap", "unit": "persons"})
    assert result_unit_cell({"model": "projection", "unit": "persons"}).endswith("persons")
