"""Each gatekeeper threshold, tested on both sides, and the refusals direct calls raise."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from swtoolkit.errors import ModelRefusedError
from swtoolkit.models import (
    beta_convergence,
    decide,
    decide_all,
    decide_beta,
    decide_mixed,
    fit_cagr,
    fit_ets,
    fit_logistic,
    fit_loglinear,
    fit_mixed,
    from_frame,
)


def annual(n: int, start: int = 2000, growth: float = 0.1, noise: float = 0.02, seed: int = 0) -> pd.DataFrame:
    """n year-end points of a noisy exponential series."""
    rng = np.random.default_rng(seed)
    values = 1000 * (1 + growth) ** np.arange(n) * np.exp(rng.normal(0, noise, n))
    return pd.DataFrame({"ref_date": [f"{start + i}-12-31" for i in range(n)], "value": values})


def irregular(n: int) -> pd.DataFrame:
    frame = annual(n)
    frame.loc[n // 2, "ref_date"] = f"{2000 + n // 2}-06-30"
    return frame


def coverage(values: list[float], start: int = 2015) -> pd.DataFrame:
    return pd.DataFrame({"ref_date": [f"{start + i}-12-31" for i in range(len(values))], "value": values,
                         "indicator": "township_station_coverage", "kind": "actual"})


def logistic_values(n: int, t0: float, k: float = 100.0, r: float = 1.0) -> list[float]:
    return [k / (1 + math.exp(-r * (i - t0))) for i in range(n)]


def test_one_vs_two_points():
    one, two = from_frame(annual(1)), from_frame(annual(2))
    assert decide(one, "level").allowed
    assert not decide(one, "cagr").allowed and decide(one, "cagr").fallback == "level only"
    assert decide(two, "cagr").allowed and decide(two, "projection").allowed
    with pytest.raises(ModelRefusedError, match="CAGR needs ≥ 2"):
        fit_cagr(annual(1))
    assert fit_cagr(annual(2)).n == 2


def test_two_three_and_four_points():
    two, three, four = from_frame(annual(2)), from_frame(annual(3)), from_frame(annual(4))
    d2 = decide(two, "loglinear")
    assert not d2.allowed and d2.fallback == "CAGR between the first and last points" and d2.n_points == 2
    assert not decide(two, "fieller").allowed
    # issue 11: no t interval from one degree of freedom, so three points are refused too
    d3 = decide(three, "loglinear")
    assert not d3.allowed and "≥ 2 degrees of freedom" in d3.rule and not decide(three, "fieller").allowed
    assert decide(four, "loglinear").allowed and decide(four, "fieller").allowed
    with pytest.raises(ModelRefusedError, match="points available: 3"):
        fit_loglinear(annual(3))
    res = fit_loglinear(annual(4))
    assert "t(2)" in res.interval


def test_span_under_one_year_is_not_annualised():
    short = pd.DataFrame({"ref_date": ["2022-06-30", "2022-07-31"], "value": [143, 135]})
    year = pd.DataFrame({"ref_date": ["2021-06-30", "2022-06-30"], "value": [143, 150]})
    assert not decide(from_frame(short), "cagr").allowed
    assert decide(from_frame(year), "cagr").allowed
    with pytest.raises(ModelRefusedError, match="span"):
        fit_cagr(short)


def test_five_vs_six_points_spanning_inflection():
    five = coverage([v * 0.9 for v in logistic_values(5, 2.0)])
    six = coverage([v * 0.9 for v in logistic_values(6, 2.5)])
    assert not decide(from_frame(five), "logistic_free").allowed
    d6 = decide(from_frame(six), "logistic_free")
    assert d6.allowed, d6.reason
    res = fit_logistic(six, ceiling=None)
    assert res.estimate == pytest.approx(90.0, rel=1e-3)
    with pytest.raises(ModelRefusedError, match="6 points"):
        fit_logistic(five, ceiling=None)


def test_six_points_without_inflection_refused():
    early = coverage(logistic_values(6, 8.0))  # all on the convex, accelerating part
    d = decide(from_frame(early), "logistic_free")
    assert not d.allowed and "inflection" in d.rule
    assert d.fallback == "logistic with K = 100% or log-linear OLS"


def test_nine_vs_ten_regular_annual_for_ets():
    d9, d10 = decide(from_frame(annual(9)), "ets"), decide(from_frame(annual(10)), "ets")
    assert not d9.allowed and d9.fallback == "log-linear OLS"
    assert d10.allowed
    assert not decide(from_frame(irregular(10)), "ets").allowed
    with pytest.raises(ModelRefusedError):
        fit_ets(annual(9))
    res = fit_ets(annual(10), horizon=2)
    assert res.interval.endswith("prediction interval") and res.low < res.estimate < res.high


def test_fourteen_vs_fifteen_for_hac():
    assert not decide(from_frame(annual(14)), "hac").allowed
    assert decide(from_frame(annual(15)), "hac").allowed
    assert not decide(from_frame(irregular(15)), "hac").allowed
    assert "classical" in fit_loglinear(annual(14)).method
    assert "HAC" in fit_loglinear(annual(15)).method


def panel(n_regions: int, points: list[int], seed: int = 1) -> pd.DataFrame:
    """A panel whose regions grow at random rates, region i having points[i] year-end points."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_regions):
        level, g = rng.uniform(500, 5000), rng.normal(0.12, 0.04)
        for k in range(points[i]):
            value = level * math.exp(g * k + rng.normal(0, 0.03))
            rows.append({"region_code": f"R{i:02d}", "ref_date": f"{2015 + k}-12-31", "value": value})
    return pd.DataFrame(rows)


def test_beta_fourteen_vs_fifteen_regions():
    assert not decide_beta(14).allowed and decide_beta(14).fallback == "unpooled CAGRs per region"
    assert decide_beta(15).allowed
    with pytest.raises(ModelRefusedError, match="15 regions"):
        beta_convergence(panel(14, [2] * 14))
    res = beta_convergence(panel(15, [2] * 15))
    assert res.n == 15 and "HC3" in res.method
    assert any("Galton" in n for n in res.notes)


def test_mixedlm_conditions():
    assert not decide_mixed({f"R{i}": 3 if i < 5 else 2 for i in range(14)}).allowed  # 14 regions
    assert not decide_mixed({f"R{i}": 3 if i < 4 else 2 for i in range(15)}).allowed  # only 4 rich
    assert decide_mixed({f"R{i}": 3 if i < 5 else 2 for i in range(15)}).allowed
    with pytest.raises(ModelRefusedError, match="unpooled CAGRs"):
        fit_mixed(panel(15, [3] * 4 + [2] * 11))
    res = fit_mixed(panel(15, [4] * 5 + [2] * 10))
    assert res.raw.converged and "0 + tc" in res.method
    assert len(res.tables["random"]) == 15


def test_shares_get_logistic_not_exponential():
    s = from_frame(coverage([40.0, 70.0]))
    decisions = decide_all(s)
    assert not decisions["cagr"].allowed and decisions["cagr"].fallback == "logistic coverage model"
    assert decisions["logistic"].allowed


def test_saturation_is_not_a_point():
    frame = coverage([50.0, 75.0, 100.0])
    d = decide(from_frame(frame), "logistic")
    assert d.allowed and d.n_points == 2 and "exact" in d.rule
    res = fit_logistic(frame)
    assert res.estimate == pytest.approx(math.log(3) / (366 / 365.25))  # logit(.75) − logit(.5) over 2016
    assert any("saturation reached" in n for n in res.notes)
    assert not decide(from_frame(coverage([60.0, 100.0])), "logistic").allowed


def test_logistic_glm_needs_four_points():
    with pytest.raises(ModelRefusedError, match="≥ 2 degrees of freedom"):
        fit_logistic(coverage([20.0, 45.0, 70.0]))
    res = fit_logistic(coverage([20.0, 45.0, 70.0, 85.0]))
    assert "GLM Binomial" in res.method and "t(2)" in res.interval
    assert res.low < res.estimate < res.high


def test_definitions_never_mixed():
    frame = annual(3)
    frame["indicator"] = ["certified_social_workers", "certified_social_workers", "exam_passes_cumulative"]
    with pytest.raises(ModelRefusedError, match="definitions are never mixed"):
        from_frame(frame)
    frame["indicator"] = "certified_social_workers"
    frame["kind"] = ["actual", "actual", "cumulative"]
    with pytest.raises(ModelRefusedError, match="stock"):
        from_frame(frame)
    frame["kind"] = ["actual", "actual", "target"]
    with pytest.raises(ModelRefusedError, match="never data points"):
        fit_cagr(frame)


def test_unknown_model_name():
    with pytest.raises(KeyError, match="known"):
        decide(from_frame(annual(2)), "prophet")


def test_a_refusing_gate_is_returned_not_skipped():
    """A refusing Decision is falsy; the gates must still return it (coverage series never get ETS or HAC)."""
    from swtoolkit.models import Context, decide, series_from_values

    dates = [f"{y}-12-31" for y in range(2000, 2016)]
    context = Context(indicator="township_station_coverage", family="township_station_coverage", unit="percent")
    coverage = series_from_values(dates, [5.0 + 5 * i for i in range(16)], context=context)
    coverage.measure = "rate"  # as the codebook says for coverage indicators
    for model in ("ets", "hac"):
        assert not decide(coverage, model).allowed, model
