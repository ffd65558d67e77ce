"""G4: logistic growth of coverage rates (bounded at 100%).

With the ceiling fixed at K = 100%, logit p is linear in t: two points give the rate exactly, three or more are
fitted as a fractional logit, ``GLM(p, X, Binomial()).fit(scale="X2")``; a coverage rate is a census, not a sample,
so binomial count standard errors are never used. A free ceiling (``curve_fit``, R's ``SSlogis`` form) needs ≥ 6 points
spanning the inflection. An observed 100% means saturation was reached by that date; it is reported, not fitted.
"""

from __future__ import annotations

import inspect
import logging
import math
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.optimize import curve_fit, least_squares
from scipy.special import logit

from swtoolkit.errors import ModelRefusedError
from swtoolkit.models._capture import capture_warnings
from swtoolkit.models.gatekeeper import SATURATION, decide, fit_points
from swtoolkit.models.results import ModelResult, critical_value
from swtoolkit.models.series import BandSettings, SeriesData, as_series
from swtoolkit.models.sslogis import (
    NLS_TOL,
    SelfStartError,
    relative_offset,
    sslogis,
    sslogis_covariance,
    sslogis_gradient,
    sslogis_start,
)

logger = logging.getLogger(__name__)


#: Whether this SciPy's ``least_squares`` (behind ``curve_fit``) reports each iterate to a callback.
_LSQ_CALLBACK = "callback" in inspect.signature(least_squares).parameters
#: ``stop_on_drift``: how far (in observed spans) and for how many iterations in a row the inflection may stay
#: outside the data before the optimiser is stopped.
DRIFT_SPANS = 10.0
DRIFT_ITERATIONS = 10


class FitDrift(Exception):
    """Raised by :func:`logistic_curve_fit` (``stop_on_drift``) when the fit leaves the data behind; see there."""

    def __init__(self, params: np.ndarray, why: str):
        self.params, self.why = np.array(params, dtype=float), why
        super().__init__(why)


def logistic_curve_fit(t: np.ndarray, y: np.ndarray, p0: tuple[float, float, float] | None = None,
                       max_asym: float = np.inf, notes: list[str] | None = None, stop_on_drift: bool = False
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Least-squares fit of :func:`sslogis` by ``curve_fit`` (trust region, bounded).

    Returns ``(params, se, cov)`` with params (Asym, xmid, scal); ``cov`` is scaled by the residual variance, as in
    R's ``nls``. Why bounded: Asym ≥ max(y) and scal > 0 keep the optimiser out of meaningless regions.

    Without ``p0`` the fit starts where R's does, at ``SSlogis``'s self-start values
    (:func:`~swtoolkit.models.sslogis.sslogis_start`), and, like ``nls``, stops there when they already meet its
    convergence test (relative offset ≤ 1e-5) inside the bounds; otherwise ``curve_fit`` refines from them. When
    the self-start fails (fewer than 4 distinct times, no convergence) a plain start is used.

    ``stop_on_drift`` raises :class:`FitDrift` when an iterate has left the data behind, for series whose best
    "logistic" is no logistic at all and where the optimiser would walk a ridge for thousands of steps to a fit
    that is refused anyway (inflection outside the observed range):

    - exponential-looking series: the ceiling exceeds 2·(max y + √(2·cost)), cost = RSS/2 of that iterate. Then
      the inflection is beyond the last observation for certain: were it not, the curve at the first observation
      at or after it would be at least Asym/2, a residual above √(2·cost) whose square alone exceeds 2·cost;
    - flat or linear-looking series: the inflection has stayed more than :data:`DRIFT_SPANS` observed spans outside
      the data for :data:`DRIFT_ITERATIONS` iterations in a row (the curve over the data is then a line).

    Fits that never meet either condition follow exactly the path they follow without ``stop_on_drift``. With a
    SciPy whose ``least_squares`` takes no ``callback`` (before 1.16) nothing is watched: same fits, only slower.
    """
    t, y = np.asarray(t, float), np.asarray(y, float)
    lower = [float(max(y)), -np.inf, 1e-9]
    upper = [float(max_asym), np.inf, np.inf]
    if p0 is None:
        start = _self_start(t, y, lower)
        if start is not None and lower[0] <= start[0] <= upper[0] and relative_offset(t, y, start) <= NLS_TOL:
            cov = sslogis_covariance(t, y, start)  # converged at its start by nls's rule: no step, as in R
            return start, np.sqrt(np.diag(cov)), cov
        if start is not None:
            p0 = tuple(start)
        else:
            asym0 = min(max(y) * 1.5, max_asym) if math.isfinite(max_asym) else max(y) * 1.5
            p0 = (asym0, float(np.median(t)), max(float(np.ptp(t)) / 4.0, 1e-3))
    p0 = (min(max(p0[0], lower[0] * (1 + 1e-6)), upper[0]), p0[1], p0[2])
    extra = {"callback": _drift_watch(t, y)} if stop_on_drift and _LSQ_CALLBACK else {}
    sink = notes if notes is not None else []
    with capture_warnings(sink, "curve_fit"):
        params, cov = curve_fit(sslogis, t, y, p0=p0, bounds=(lower, upper), method="trf", jac=sslogis_gradient,
                                ftol=1e-14, xtol=1e-14, gtol=1e-14, max_nfev=20000, **extra)
    return params, np.sqrt(np.diag(cov)), cov


def _self_start(t: np.ndarray, y: np.ndarray, lower: list[float]) -> np.ndarray | None:
    """R's self-start values when they exist (else None: a plain start is used)."""
    try:
        with np.errstate(all="ignore"):
            start = sslogis_start(t, y)
    except (SelfStartError, np.linalg.LinAlgError):
        return None
    if not (np.all(np.isfinite(start)) and start[2] >= lower[2]):
        return None
    return start


def _drift_watch(t: np.ndarray, y: np.ndarray) -> Any:
    """The ``least_squares`` callback of ``stop_on_drift`` (it reads each iterate's parameters and cost)."""
    y_max, t_min, t_max = float(np.max(y)), float(np.min(t)), float(np.max(t))
    margin = DRIFT_SPANS * (t_max - t_min)
    outside = [0]

    def watch(intermediate_result: Any) -> None:  # scipy passes the OptimizeResult to a parameter of this name
        x, cost = intermediate_result.x, float(intermediate_result.cost)
        ceiling = 2.0 * (y_max + math.sqrt(2.0 * cost))
        if x[0] > ceiling:
            raise FitDrift(x, f"the ceiling passed {ceiling:.4g}, beyond which the inflection cannot lie inside "
                           "the data: the fit was drifting towards unbounded exponential growth")
        outside[0] = outside[0] + 1 if (x[1] < t_min - margin or x[1] > t_max + margin) else 0
        if outside[0] >= DRIFT_ITERATIONS:
            raise FitDrift(x, f"the inflection stayed more than {DRIFT_SPANS:g} observed spans outside the data "
                           f"for {DRIFT_ITERATIONS} iterations: the curve over the data had become a line")

    return watch


def glm_binomial(endog: Any, exog: Any, scale: str | float | None = "X2", use_t: bool | None = True,
                 start_params: np.ndarray | None = None) -> Any:
    """``sm.GLM(endog, exog, family=Binomial())`` fitted with warnings captured (they go to ``results.notes_``).

    Defaults are the fractional-logit settings for coverage shares (Pearson-X2 scale, t intervals); the plain
    binomial call (``scale=None, use_t=None``) is what reproduces statsmodels' star98 example. ``start_params``
    starts IRLS elsewhere than at statsmodels' default (used for the sensitivity band, from the midpoint fit).
    """
    notes: list[str] = []
    with capture_warnings(notes, "GLM"):
        res = sm.GLM(endog, exog, family=sm.families.Binomial()).fit(scale=scale, use_t=use_t,
                                                                     start_params=start_params)
    res.notes_ = notes
    return res


def _saturation_notes(s: SeriesData) -> list[str]:
    notes = []
    for d, v in zip(s.dates, s.mid, strict=True):
        if v >= SATURATION:
            notes.append(f"saturation reached by {d}: 100% observed, reported as a level, not fitted")
        elif v <= 0:
            notes.append(f"0% observed at {d}: before the build-up; not fitted on the logit scale")
    return notes


def fit_logistic(data: SeriesData | pd.DataFrame, ceiling: float | None = SATURATION, alpha: float = 0.05,
                 settings: BandSettings | None = None) -> ModelResult:
    """G4: logistic coverage growth.

    Parameters
    ----------
    ceiling : float or None
        100 (percent) fixes K = 100%: ``estimate`` is the logit-scale rate r per year (2 points exact, ≥ 3 points
        fractional-logit GLM with a t(n−2) interval). ``None`` frees the ceiling: ``estimate`` is K with a t(n−3)
        interval, allowed only for ≥ 6 points spanning the inflection.
    """
    s = as_series(data, settings)
    if ceiling is None:
        return _fit_free(s, alpha)
    if ceiling != SATURATION:
        raise ModelRefusedError("logistic", f"a fixed ceiling other than 100% ({ceiling}) is an assumption; use "
                                "ceiling=None (free, needs ≥ 6 points) or 100")
    decide(s, "logistic").require()
    notes = list(s.notes) + _saturation_notes(s)
    fs = s.subset(fit_points(s))
    t0 = float(fs.t.mean())

    def rate(y: np.ndarray, start: Any = None) -> tuple[float, float, float, Any]:
        """Logit-scale rate of ``y``; with ``start`` (a midpoint fit), IRLS starts from its estimates and no
        interval is computed: a band end differs from the midpoints in a point or two, so IRLS needs about half
        the iterations, and converges to the same estimate."""
        p = np.clip(y / 100.0, 1e-9, 1 - 1e-9)
        if fs.n == 2:
            r = float((logit(p[1]) - logit(p[0])) / (fs.t[1] - fs.t[0]))
            return r, math.nan, math.nan, None
        res = glm_binomial(p, sm.add_constant(fs.t - t0), start_params=None if start is None else start.params)
        notes.extend(n for n in res.notes_ if n not in notes)
        lo, hi = (float(v) for v in res.conf_int(alpha)[1]) if start is None else (math.nan, math.nan)
        return float(res.params[1]), lo, hi, res

    r, lo, hi, res = rate(fs.mid)
    if fs.n == 2:
        method, interval = "logit-linear, K = 100%, exact rate from 2 points", ""
    else:
        method = "fractional logit: GLM Binomial fit(scale='X2'), K = 100%"
        interval = f"{(1 - alpha) * 100:.0f}% confidence interval, t({int(res.df_resid)}), Pearson-X2 scale"
    band = {} if fs.exact else {"lower ends": rate(fs.low, res)[0], "midpoints": r, "upper ends": rate(fs.high, res)[0]}
    c = s.context
    return ModelResult("logistic", method, fs.n, r, "logit per year", statistic="logistic rate r", low=lo, high=hi,
                       interval=interval, band=band, context=c, start_date=fs.dates[0], end_date=fs.dates[-1],
                       figure_ids=s.all_figure_ids, notes=notes, raw=res)


def _fit_free(s: SeriesData, alpha: float) -> ModelResult:
    decide(s, "logistic_free").require()
    notes = list(s.notes) + _saturation_notes(s)
    fs = s.subset(fit_points(s))
    t0 = float(fs.t[0])
    max_asym = SATURATION if s.context.unit == "percent" else np.inf
    refusal = "fitted inflection lies outside the observed range: the ceiling is an extrapolation"
    try:
        params, se, cov = logistic_curve_fit(fs.t - t0, fs.mid, max_asym=max_asym, notes=notes, stop_on_drift=True)
    except FitDrift as drift:
        raise ModelRefusedError("logistic_free", f"{refusal} (optimiser stopped: {drift.why})", n_points=fs.n,
                                fallback="logistic with K = 100%") from None
    if not (0 <= params[1] <= fs.t[-1] - t0):
        raise ModelRefusedError("logistic_free", refusal, n_points=fs.n, fallback="logistic with K = 100%")
    q = critical_value(alpha, fs.n - 3)
    k, k_se = float(params[0]), float(se[0])
    c, unit = s.context, s.context.unit
    tab = partial(pd.DataFrame, {"param": ["Asym", "xmid", "scal"], "estimate": params, "se": se})
    return ModelResult("logistic_free", "curve_fit SSlogis (free ceiling)", fs.n, k, unit, statistic="ceiling K",
                       low=k - q * k_se, high=k + q * k_se,
                       interval=f"{(1 - alpha) * 100:.0f}% confidence interval, t({fs.n - 3})", context=c,
                       start_date=fs.dates[0], end_date=fs.dates[-1], figure_ids=s.all_figure_ids, notes=notes,
                       tables={"params": tab}, raw=(params, cov))
