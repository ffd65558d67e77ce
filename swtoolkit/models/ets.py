"""G3: Holt's linear trend, ``ETSModel(error="add", trend="add")``, on log values of regular annual series.

statsmodels estimates the model (maximum likelihood, initial states estimated) and smooths the series. The forecast
and its prediction interval are then read off the final level and trend with the closed-form forecast variance of
these two models (Hyndman & Athanasopoulos, *Forecasting: principles and practice*, 3rd ed., §8.7; the "exact"
method of statsmodels' ``get_prediction``). Why not ``get_prediction``: building its results object (a numerical
Hessian nobody reads, pandas indexes) cost more than the fit itself, and ``fit_all`` fits thousands of series.
``tests/test_models_ets.py`` checks that both give the same numbers. Kept for the ``fit_all`` goal (2,800-county
panel < 60 s): with ``get_prediction`` all of ``fit_all`` took 22 % more CPU on 60 counties
(benchmarks/bench_fast_paths.py, benchmarks/report_cost.md).
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

from swtoolkit.errors import ModelRefusedError
from swtoolkit.models._capture import capture_warnings
from swtoolkit.models.gatekeeper import decide
from swtoolkit.models.results import ModelResult, critical_value
from swtoolkit.models.series import BandSettings, SeriesData, as_series
from swtoolkit.models.timebase import from_decimal_year


def holt_forecast(level: float, trend: float, params: dict[str, float], mse: float, horizon: int,
                  alpha: float = 0.05) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Forecast mean, lower and upper prediction limits for steps 1…``horizon`` of ETS(A,A,N) or, with
    ``params["damping_trend"]``, ETS(A,Ad,N), from the final ``level`` and ``trend``.

    ``mse`` is the in-sample mean squared one-step error (SSE / n), as statsmodels scales the relative variance.
    """
    a, b = params["smoothing_level"], params["smoothing_trend"]
    h = np.arange(1, horizon + 1, dtype=float)
    phi = params.get("damping_trend")
    if phi is None:
        mean = level + h * trend
        relative = 1 + (h - 1) * (a**2 + a * b * h + b**2 * h / 6 * (2 * h - 1))
    else:
        mean = level + np.cumsum(phi**h) * trend
        relative = (1 + a**2 * (h - 1) + b * phi * h / (1 - phi) ** 2 * (2 * a * (1 - phi) + b * phi)
                    - b * phi * (1 - phi**h) / ((1 - phi) ** 2 * (1 - phi**2))
                    * (2 * a * (1 - phi**2) + b * phi * (1 + 2 * phi - phi**h)))
    half = critical_value(alpha) * np.sqrt(mse * relative)
    return mean, mean - half, mean + half


def fit_ets(data: SeriesData | pd.DataFrame, horizon: int | None = None, damped: bool = False, log: bool = True,
            fixed: dict[str, float] | None = None, alpha: float = 0.05, settings: BandSettings | None = None
            ) -> ModelResult:
    """G3: ``ETSModel(error="add", trend="add")`` on log values of regular annual data (needs ≥ 10 points).

    ``fixed`` fixes parameters by name via ``fix_params`` (used to reproduce R's ``ets``). ``estimate`` is the
    forecast at the last horizon with its prediction interval; ``tables["forecast"]`` has every step and
    ``tables["params"]`` the fitted parameters.
    """
    s = as_series(data, settings)
    decide(s, "ets").require()
    h = horizon if horizon is not None else max(1, min(5, s.n - 1))
    if h > s.n - 1:  # regular annual points span n − 1 years: a forecast never runs further ahead than that
        raise ModelRefusedError("ets", f"horizon of {h} years exceeds the data span of {s.n - 1} years",
                                n_points=s.n, fallback=f"forecast to {s.n - 1} years ahead")
    notes = list(s.notes)
    y = np.log(s.mid) if log else s.mid.astype(float)
    with capture_warnings(notes, "ETSModel"):
        model = ETSModel(y, error="add", trend="add", damped_trend=damped, initialization_method="estimated")
        if fixed:
            with model.fix_params(fixed):
                estimates = model.fit(disp=False, return_params=True)
        else:
            estimates = model.fit(disp=False, return_params=True)
        fitted, states = model.smooth(estimates, return_raw=True)
    params = dict(zip(model.param_names, (float(v) for v in estimates), strict=True))
    mse = float(np.mean((y - fitted) ** 2))
    bounds = holt_forecast(float(states[-1, 0]), float(states[-1, 1]), params, mse, h, alpha)
    mean, low, high = (np.exp(v) for v in bounds) if log else bounds
    dates = [from_decimal_year(float(s.t[-1]) + k) for k in range(1, h + 1)]
    end, value, lo, hi = dates[-1], float(mean[-1]), float(low[-1]), float(high[-1])
    c, unit = s.context, s.context.unit
    pct = f"{(1 - alpha) * 100:.0f}%"
    return ModelResult("ets", f"ETSModel AA{'d' if damped else ''}N on {'log ' if log else ''}values", s.n,
                       value, unit, statistic=f"forecast, {h} years ahead", low=lo, high=hi,
                       interval=f"{pct} prediction interval", context=c, start_date=s.dates[0], end_date=end,
                       figure_ids=s.all_figure_ids, notes=notes, tables={
                           "forecast": partial(pd.DataFrame, {"date": dates, "mean": mean, "pi_lower": low,
                                                              "pi_upper": high}),
                           "params": partial(pd.DataFrame, {"param": list(params),
                                                            "estimate": list(params.values())})}, raw=model)
