"""ETS forecasts from the closed form equal statsmodels' own ``get_prediction(...).summary_frame()``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

from swtoolkit.models import fit_ets


def _series(rng: np.random.Generator, n: int) -> pd.DataFrame:
    values = np.round(np.exp(rng.normal(5, 0.8) + rng.normal(0.14, 0.05) * np.arange(n) + rng.normal(0, 0.08, n)))
    return pd.DataFrame({"ref_date": [f"{2000 + k}-12-31" for k in range(n)], "value": np.maximum(values, 1)})


@pytest.mark.parametrize("damped", [False, True])
def test_fit_ets_matches_get_prediction(damped: bool):
    rng = np.random.default_rng(7 + damped)
    for n, horizon, alpha in [(10, 5, 0.05), (12, 1, 0.05), (15, 3, 0.2), (24, 4, 0.01)]:
        frame = _series(rng, n)
        res = fit_ets(frame, horizon=horizon, damped=damped, alpha=alpha)
        model = ETSModel(pd.Series(np.log(frame["value"].to_numpy(float))), error="add", trend="add",
                         damped_trend=damped, initialization_method="estimated")
        fitted = model.fit(disp=False)
        expected = np.exp(fitted.get_prediction(start=n, end=n + horizon - 1).summary_frame(alpha=alpha)
                          [["mean", "pi_lower", "pi_upper"]].to_numpy())
        got = res.tables["forecast"][["mean", "pi_lower", "pi_upper"]].to_numpy()
        np.testing.assert_allclose(got, expected, rtol=1e-12)
        np.testing.assert_allclose(res.tables["params"]["estimate"], fitted.params.to_numpy(), rtol=1e-12)
        assert res.low < res.estimate < res.high


def test_fit_ets_interval_widens_with_the_horizon():
    res = fit_ets(_series(np.random.default_rng(3), 12), horizon=5)
    width = res.tables["forecast"]["pi_upper"] - res.tables["forecast"]["pi_lower"]
    assert (np.diff(width.to_numpy()) > 0).all()
