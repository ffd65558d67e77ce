"""Expired targets, scenario horizons and projected precision (issue 11, referee-2: N4, N14, N15, Y1, Y2).
Small synthetic rows; each test fails if its kind of fault came back."""

from __future__ import annotations

import datetime as dt

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

