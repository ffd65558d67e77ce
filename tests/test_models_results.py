"""Result objects (numbers and reasons, no prose), warnings capture, registries, time base and gap helpers."""

from __future__ import annotations

import datetime as dt
import math
import warnings

import pandas as pd
import pytest

import swtoolkit.models as models
from swtoolkit.errors import DateParseError, ModelRefusedError, UnknownIndicatorError
from swtoolkit.models import (
    Context,
    NormInput,
    Summary,
    UnknownModelError,
    fit_cagr,
    fit_loglinear,
    fit_projection,
    gap_to_target,
    get_growth_model,
    implied_denominator,
    required_vs_historical,
    staffing_gap,
    to_date,
    year_fraction,
    years_behind,
)
from swtoolkit.models.series import indicator_info
from swtoolkit.models.timebase import is_regular_annual

JILIN = Context("220000", "吉林省", "certified_social_workers", "certified", "持证社会工作者",
                "Certified social workers", "persons", "actual")


def kunming() -> pd.DataFrame:
    return pd.DataFrame({"ref_date": ["2018-12-31", "2019-12-31", "2020-12-31", "2021-12-31"],
                         "value": [1700, 2100, 2700, 3393], "indicator": "certified_social_workers", "kind": "actual",
                         "region_code": "530100", "region_name": "昆明市", "figure_id": ["Z", "A", "B", "C"]})


def test_public_number_functions_return_plain_floats():
    for value in (models.cagr(1, "2020-01-01", 2, "2021-01-01"), models.required_growth(1, dt.date(2020, 1, 1), 2,
                  "2022-01-01"), models.gini([1, 2]), models.theil([1, 2])):
        assert type(value) is float


def test_year_fraction_and_dates():
    assert year_fraction("2020-12-31", "2025-12-31") == pytest.approx(1826 / 365.25)
    assert to_date(2025) == dt.date(2025, 12, 31)
    assert to_date("2022-06") == dt.date(2022, 6, 30)
    assert is_regular_annual(["2019-12-31", "2020-12-31", "2021-12-31"])
    with pytest.raises(DateParseError):
        to_date("截至2021年底")


def test_cagr_result_numbers_and_summary():
    res = fit_cagr(kunming())
    assert res.method and res.n == 4 and res.unit == "fraction per year"
    assert res.estimate == pytest.approx(models.cagr(1700, "2018-12-31", 3393, "2021-12-31"))
    assert not hasattr(res, "statement_zh")  # models return numbers and reasons; the reports write sentences
    summary = res.summary()
    assert isinstance(summary, Summary)
    assert "昆明市" in summary.as_text() and "<table>" in summary.as_html()
    frame = res.to_frame()
    assert len(frame) == 1 and frame.loc[0, "figure_ids"] == "Z;A;B;C" and frame.loc[0, "allowed"]


def test_loglinear_keeps_trend_and_observation_intervals_apart():
    res = fit_loglinear(kunming())
    frame = res.summary_frame(alpha=0.05, at=["2022-12-31"])
    assert list(frame.columns) == ["date", "t", "mean", "mean_se", "mean_ci_lower", "mean_ci_upper", "obs_ci_lower",
                                   "obs_ci_upper"]
    row = frame.iloc[0]
    assert row.obs_ci_lower < row.mean_ci_lower < row["mean"] < row.mean_ci_upper < row.obs_ci_upper
    assert res.conf_int() == (res.low, res.high) and "confidence interval, t(2)" in res.interval


def test_required_vs_historical_with_slope_test():
    frame = kunming()
    trend = fit_loglinear(frame)
    res = required_vs_historical(frame, 10000, 2025, trend)
    comparison = res.tables["comparison"].set_index("comparison")
    assert comparison.loc["required", "growth"] == pytest.approx(models.required_growth(3393, "2021-12-31", 10000,
                                                                                        "2025-12-31"))
    p = comparison.loc["trend (log-linear)", "pvalue"]
    assert 0 < p < 1 and any("one-sided t test" in n for n in res.notes)
    with pytest.raises(ModelRefusedError, match="not after"):
        required_vs_historical(frame, 10000, 2020)


def test_projection_is_a_labelled_scenario():
    res = fit_projection(kunming())
    assert res.low < res.estimate < res.high
    assert "scenario" in res.interval and "not a confidence interval" in res.interval
    assert res.end_date == dt.date(2024, 12, 31)  # horizon = the observed span (3 years), never longer


def test_gap_to_target_numbers():
    res = gap_to_target(10855, "2020-12-31", 20000, 2025, context=JILIN)
    assert res.estimate == 9145 and res.attainment == pytest.approx(10855 / 20000)
    assert "statement_zh" not in res.to_frame().columns
    prog = gap_to_target(15000, "2022-12-31", 20000, 2025, base_value=10000, base_date="2020-12-31", context=JILIN)
    assert prog.log_progress == pytest.approx(math.log(1.5) / math.log(2.0))
    assert prog.elapsed_share == pytest.approx(730 / 1826)
    assert {"gap to target", "attainment y/T", "log-scale progress", "plan elapsed"} == set(
        prog.to_frame()["statistic"])


def test_staffing_gap_sums_norms_and_keeps_each():
    norms = [NormInput("3 per urban community", 3, 500, "2021-12-31"),
             NormInput("1 per township community", 1, 800, "2020-12-31")]
    res = staffing_gap(norms, supply=1500, supply_date="2021-12-31", context=JILIN)
    assert res.estimate == 3 * 500 + 800 - 1500
    assert len(res.tables["norms"]) == 2
    assert any("dates differ" in n for n in res.notes)
    assert staffing_gap(norms, supply=5000).estimate == 0.0
    assert implied_denominator(1435, 63.7) == pytest.approx(2252.7, abs=0.1)


def test_years_behind_interpolates_only_inside_leader_range():
    dates, values = ["2018-12-31", "2020-12-31"], [1000, 4000]
    inside = years_behind(2000, "2022-12-31", dates, values)
    assert inside.estimate == pytest.approx(4 - 1.0, abs=0.01)  # leader had 2,000 at end-2019
    below = years_behind(500, "2022-12-31", dates, values)
    assert math.isnan(below.estimate) and below.low == pytest.approx(4.0, abs=0.01)
    assert below.statistic == "years behind (lower bound)"
    above = years_behind(5000, "2022-12-31", dates, values)
    assert math.isnan(above.estimate) and "not behind" in above.statistic


def test_registry_and_typed_lookup_errors():
    assert get_growth_model("cagr") is fit_cagr
    with pytest.raises(UnknownModelError, match="known"):
        get_growth_model("prophet")
    with pytest.raises(UnknownIndicatorError):
        indicator_info("no_such_indicator")


def test_direct_calls_on_unsupported_data_raise():
    with pytest.raises(ModelRefusedError, match="positive"):
        models.cagr(0, "2020-12-31", 10, "2021-12-31")
    with pytest.raises(ModelRefusedError, match="follow"):
        models.cagr(1, "2021-12-31", 10, "2020-12-31")
    with pytest.raises(ModelRefusedError, match="already reached"):
        models.attainment_year(kunming(), 3000)
    with pytest.raises(ModelRefusedError, match="mean must be positive"):
        models.gini([0, 0, 0])
    with pytest.raises(ModelRefusedError, match="non-negative"):
        models.theil([1, -2])


def test_statsmodels_warnings_become_notes(monkeypatch):
    """A warning raised inside a fit is recorded in notes and never reaches the caller."""
    import statsmodels.api as sm  # fit_loglinear builds the formula's design matrix and calls sm.OLS

    original = sm.OLS

    def noisy_ols(*args, **kwargs):
        warnings.warn("synthetic small-sample warning", UserWarning, stacklevel=2)
        return original(*args, **kwargs)

    monkeypatch.setattr(sm, "OLS", noisy_ols)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = fit_loglinear(kunming())
    assert any("synthetic small-sample warning" in n for n in res.notes)
