"""MixedLM on within-region contrasts gives the fit with one dummy per region (MODELS.md C4), faster."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from statsmodels.regression.mixed_linear_model import MixedLM, MixedLMParams

from swtoolkit.errors import ModelRefusedError
from swtoolkit.models.mixed import fit_mixed, mixedlm_fit, moment_start, random_slope_score, within_contrasts
from swtoolkit.models.timebase import decimal_year


def _panel(n_regions: int, seed: int) -> pd.DataFrame:
    """Unbalanced panel: 2–8 annual points per region, one region with a single point."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_regions):
        level, growth = rng.uniform(4, 8), rng.normal(0.12, 0.05)
        points = 1 if i == 0 else int(rng.integers(2, 9))
        for k in rng.choice(10, size=points, replace=False):
            rows.append({"region_code": f"R{i:02d}", "ref_date": f"{2014 + k}-12-31",
                         "value": math.exp(level + growth * k + rng.normal(0, 0.04))})
    return pd.DataFrame(rows)


def test_within_contrasts_are_orthonormal_and_remove_levels():
    frame = pd.DataFrame({"region_code": ["A", "B", "A", "A", "B", "C"], "v": [1.0, 5.0, 2.0, 4.0, 7.0, 9.0]})
    out = within_contrasts(frame, ["v"])
    assert out["region_code"].tolist() == ["A", "A", "B"]  # n − 1 rows per region, none for the one-row region
    shifted = within_contrasts(frame.assign(v=frame["v"] + frame["region_code"].map({"A": 10, "B": -3, "C": 1})),
                               ["v"])
    np.testing.assert_allclose(shifted["v"], out["v"])  # a region's level drops out
    a = out.loc[out["region_code"] == "A", "v"].to_numpy()
    values = np.array([1.0, 2.0, 4.0])
    assert math.isclose(float(a @ a), float(np.sum((values - values.mean()) ** 2)))  # lengths kept (orthonormal)


def test_fit_mixed_matches_the_dummy_fit():
    panel = _panel(24, seed=11)
    res = fit_mixed(panel)
    df = panel.assign(t=[decimal_year(d) for d in panel["ref_date"]], ly=np.log(panel["value"]))
    df["tc"] = df["t"] - df["t"].mean()
    direct = mixedlm_fit("ly ~ C(region_code) + tc", df, "region_code", re_formula="0 + tc")
    assert direct.converged and res.raw.converged
    np.testing.assert_allclose(res.raw.fe_params["tc"], direct.fe_params["tc"], rtol=1e-6)
    np.testing.assert_allclose(res.raw.bse_fe["tc"], direct.bse_fe["tc"], rtol=1e-3)  # optimiser tolerance
    np.testing.assert_allclose(res.raw.scale, direct.scale, rtol=1e-4)
    np.testing.assert_allclose(np.asarray(res.raw.cov_re), np.asarray(direct.cov_re), rtol=1e-3)
    expected = {k: float(np.ravel(v)[0]) for k, v in direct.random_effects.items()}
    got = dict(zip(res.tables["random"]["region_code"], res.tables["random"]["slope_deviation"], strict=True))
    assert set(got) == set(expected)
    np.testing.assert_allclose([got[k] for k in sorted(got)], [expected[k] for k in sorted(got)], atol=1e-5)
    assert got["R00"] == 0.0 and abs(expected["R00"]) < 1e-10  # one point: no information on its slope
    assert res.estimate == math.expm1(res.raw.fe_params["tc"])


def _common_slope_panel(n_regions: int, seed: int, noise: float = 0.04) -> pd.DataFrame:
    """Every region grows at the same 10% a year; levels differ, noise is i.i.d.: no slope variance to estimate."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame([{"region_code": f"R{i:02d}", "ref_date": f"{2014 + k}-12-31",
                          "value": math.exp(rng.uniform(4, 8) * (k == 0) + 0.1 * k + rng.normal(0, noise))}
                         for i in range(n_regions) for k in range(6)]).assign(
        value=lambda d: d["value"] * np.exp(d["region_code"].str[1:].astype(int) * 0.3))


def _within(panel: pd.DataFrame) -> pd.DataFrame:
    df = panel.assign(tc=[decimal_year(d) for d in panel["ref_date"]], ly=np.log(panel["value"]))
    return within_contrasts(df, ["ly", "tc"])


def _statsmodels_fit(within: pd.DataFrame) -> tuple[MixedLM, object]:
    """statsmodels' own REML fit of the contrasted data (its boundary warnings are expected here)."""
    model = MixedLM(within["ly"], within[["tc"]], groups=within["region_code"], exog_re=within[["tc"]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model, model.fit()


def _statsmodels_reml_slope_at_zero(within: pd.DataFrame, step: float = 1e-7) -> float:
    """Difference quotient of statsmodels' REML profile log-likelihood in τ²/σ² just above 0."""
    model, _ = _statsmodels_fit(within)  # fit() sets the model up for REML

    def loglike(ratio: float) -> float:
        return model.loglike(MixedLMParams.from_components(np.zeros(1), np.array([[ratio]])), profile_fe=True)

    return (loglike(2 * step) - loglike(step)) / step


def test_random_slope_score_is_the_derivative_of_statsmodels_reml_likelihood():
    for panel in (_panel(24, seed=11), _common_slope_panel(20, seed=3)):
        within = _within(panel)
        expected = _statsmodels_reml_slope_at_zero(within)
        assert math.isclose(random_slope_score(within), expected, rel_tol=1e-4)


def test_boundary_variance_is_refused_before_the_fit():
    panel = _common_slope_panel(20, seed=3)
    within = _within(panel)
    assert random_slope_score(within) < 0
    # statsmodels agrees: its own fit ends on the boundary (τ²/σ² ≈ 0)
    _, res = _statsmodels_fit(within)
    assert float(np.asarray(res.cov_re)[0, 0]) / res.scale < 1e-6
    with pytest.raises(ModelRefusedError, match="boundary"):
        fit_mixed(panel)
    # the other side: slopes that differ between regions give a positive score and a fit
    assert random_slope_score(_within(_panel(24, seed=11))) > 0


def test_one_exact_common_line_scores_minus_infinity():
    within = pd.DataFrame({"region_code": list("AABBCC"), "tc": [1.0, 2.0, -1.0, 3.0, 2.0, -2.0]})
    within["ly"] = 0.25 * within["tc"]  # every region on one line: no residual, no slope variation
    assert random_slope_score(within) == -math.inf


def test_moment_start_is_the_reml_ratio_on_a_balanced_panel():
    rng = np.random.default_rng(8)
    panel = pd.DataFrame([{"region_code": f"R{i:02d}", "ref_date": f"{2014 + k}-12-31",
                           "value": math.exp(level + slope * k + rng.normal(0, 0.03))}
                          for i, (level, slope) in enumerate(zip(rng.uniform(4, 8, 20), rng.normal(0.1, 0.05, 20),
                                                                 strict=True))
                          for k in range(6)])
    within = _within(panel)
    _, default = _statsmodels_fit(within)  # statsmodels' own start
    start = moment_start(within)
    assert start is not None
    assert math.isclose(start[0] ** 2, float(np.asarray(default.cov_re)[0, 0]) / default.scale, rel_tol=1e-3)
    res = fit_mixed(panel)  # started there: the same fit
    assert math.isclose(res.raw.fe_params["tc"], default.fe_params["tc"], rel_tol=1e-9)
    assert math.isclose(float(np.asarray(res.raw.cov_re)[0, 0]), float(np.asarray(default.cov_re)[0, 0]),
                        rel_tol=1e-3)
    assert moment_start(_within(_common_slope_panel(20, seed=3))) is None  # no spread beyond noise: default start
