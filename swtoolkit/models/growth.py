"""Growth models G1–G2 (CAGR, log-linear trend) and the growth-model registry.

statsmodels does the statistics (OLS, HAC covariances, ``get_prediction``, ``t_test``); this module
only prepares the series, asks the gatekeeper, and wraps the answer in a small result object (numbers and reasons;
the reports layer writes the sentences).
G3 (ETS) lives in :mod:`swtoolkit.models.ets` and G4 (logistic coverage) in :mod:`swtoolkit.models.logistic`;
both are registered here.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
from scipy import stats

from swtoolkit.errors import ModelRefusedError, SwtoolkitError
from swtoolkit.models._capture import capture_warnings
from swtoolkit.models.ets import fit_ets
from swtoolkit.models.gatekeeper import constancy_untested, constant_growth, decide, growth_side
from swtoolkit.models.logistic import fit_logistic
from swtoolkit.models.results import ModelResult, one_sided_band
from swtoolkit.models.series import BandSettings, SeriesData, as_series
from swtoolkit.models.timebase import (
    DateLike,
    decimal_years,
    month_end_before,
    to_date,
    year_fraction,
)

logger = logging.getLogger(__name__)


class UnknownModelError(SwtoolkitError, LookupError):
    """A model name is not in the registry."""


def cagr(start_value: float, start_date: DateLike, end_value: float, end_date: DateLike) -> float:
    """Compound annual growth rate g = (y₂/y₁)^(1/Δ) − 1, Δ = days / 365.25 (a fraction: 0.13 = 13%).

    Raises
    ------
    ModelRefusedError
        Non-positive values or a non-positive span: no growth rate exists.
    """
    span = year_fraction(start_date, end_date)
    if not (start_value > 0 and end_value > 0):
        raise ModelRefusedError("cagr", f"values must be positive (got {start_value}, {end_value})")
    if span <= 0:
        raise ModelRefusedError("cagr", f"end date must follow start date (span {span:.3f} years)")
    return float(math.expm1(math.log(end_value / start_value) / span))


def required_growth(value: float, date: DateLike, target: float, target_date: DateLike) -> float:
    """Annual growth needed to go from ``value`` at ``date`` to ``target`` at ``target_date`` (P2's g_req)."""
    return cagr(value, date, target, target_date)


def project(value: float, growth: float, years: float) -> float:
    """Value after ``years`` at constant annual ``growth`` (deterministic; no interval)."""
    if growth <= -1:
        raise ModelRefusedError("projection", f"growth {growth} ≤ −100% a year has no projection")
    return float(value * math.exp(math.log1p(growth) * years))


def years_to_reach(value: float, target: float, growth: float) -> float:
    """Years until ``target`` at constant ``growth``: ln(T/y)/ln(1+g); inf when growth cannot get there."""
    if target <= value:
        return 0.0
    if growth <= 0:
        return math.inf
    return float(math.log(target / value) / math.log1p(growth))


def _shown(s: SeriesData, i: int) -> float:
    """The value as a reader knows it: the stated bound for qualified figures, else the midpoint."""
    q = s.qualifiers[i]
    if q in ("at_least", "more_than"):
        return float(s.low[i])
    if q in ("at_most", "less_than"):
        return float(s.high[i])
    return float(s.mid[i])


def _band(s: SeriesData, fn: Callable[[np.ndarray], float]) -> dict[str, float]:
    """``fn`` (a rate or projection read from the series' first and last points) on the ends of the figures' bounds.

    Besides all-lower, midpoints and all-upper ends, the band takes the two crossed cases: earlier points at their
    upper ends with the last at its lower end (the slowest growth the figures allow), and the reverse (the fastest).
    Pairing lower with lower understates the range of a rate between two rounded figures.
    """
    if s.exact:
        return {}
    slowest = np.concatenate([s.high[:-1], s.low[-1:]])
    fastest = np.concatenate([s.low[:-1], s.high[-1:]])
    return {"lower ends": fn(s.low), "midpoints": fn(s.mid), "upper ends": fn(s.high),
            "slowest ends": fn(slowest), "fastest ends": fn(fastest)}


def fit_level(data: SeriesData | pd.DataFrame, settings: BandSettings | None = None) -> ModelResult:
    """The latest level (allowed from 1 point).

    ``estimate`` is the figure as stated (the bound for 超过/以上 figures); ``low``/``high`` the interval it implies.
    """
    s = as_series(data, settings)
    decide(s, "level").require()
    c, unit, q = s.context, s.context.unit, s.qualifiers[-1]
    d = s.dates[-1]
    exact = bool(s.low[-1] == s.high[-1])
    return ModelResult("level", "latest figure", s.n, _shown(s, -1), unit, statistic="latest level",
                       low=math.nan if exact else float(s.low[-1]), high=math.nan if exact else float(s.high[-1]),
                       interval="" if exact else f"bounds of a '{q}' figure (an open end stays open)",
                       context=c, start_date=d, end_date=d, figure_ids=list(s.figure_ids[-1]), notes=list(s.notes))


def fit_cagr(data: SeriesData | pd.DataFrame, settings: BandSettings | None = None) -> ModelResult:
    """G1: CAGR from the first to the last point of one definition (needs ≥ 2 points).

    Dated middle points are never ignored: when their segment rates disagree with constant growth
    (:func:`~swtoolkit.models.gatekeeper.constant_growth`: the segments' rate intervals more than
    ``SEGMENT_RATE_TOLERANCE`` apart) the rate is still returned, with a note starting with
    ``gatekeeper.NOT_CONSTANT`` that lists each segment's slowest and fastest rate (``segment_text``), so the report
    states the rate with that caveat; the projection at this rate is then refused by the gatekeeper.

    Returns a :class:`ModelResult` whose ``estimate`` is g on midpoints and whose ``band`` holds g on lower and
    upper ends of qualified figures; there is no confidence interval (two points have no sampling error model).
    When an open end (超过X, 不到X) bounds the rate on one side only, the result is one-sided: ``estimate`` is NaN
    (no central value exists) and ``band`` is ``{"bound": g, "open end": ±inf}`` (:func:`growth_side`).
    """
    s = as_series(data, settings)
    decide(s, "cagr").require()

    def g_of(y: np.ndarray) -> float:
        return cagr(y[0], s.dates[0], y[-1], s.dates[-1])

    notes = list(s.notes)
    span = year_fraction(s.dates[0], s.dates[-1])
    if span < 1:
        notes.append(f"span of {span:.2f} years: an annualised rate from under a year is fragile")
    if s.n > 2:
        notes.append(f"CAGR uses only the first and last of {s.n} points; see the log-linear trend")
        agree, differ = constant_growth(s)  # the middle points are not ignored: a rate they contradict says so
        if not agree:
            notes.append(differ)
        elif constancy_untested(s):  # nor are they when they cannot be tested: the rate says so (E11-9)
            notes.append(constancy_untested(s))
    side, why = growth_side(s)
    if side:
        notes.append(why)
        return ModelResult("cagr", "compound annual growth, first to last point (days/365.25), one-sided", s.n,
                           math.nan, "fraction per year", statistic="annual growth",
                           band=one_sided_band(g_of(_bound_ends(s, side)), side), context=s.context,
                           start_date=s.dates[0], end_date=s.dates[-1], figure_ids=s.all_figure_ids, notes=notes)
    g = g_of(s.mid)
    return ModelResult("cagr", "compound annual growth, first to last point (days/365.25)", s.n, g,
                       "fraction per year", statistic="annual growth", band=_band(s, g_of), context=s.context,
                       start_date=s.dates[0], end_date=s.dates[-1], figure_ids=s.all_figure_ids, notes=notes)


def _bound_ends(s: SeriesData, side: str) -> np.ndarray:
    """The figures' ends that give the finite bound of a one-sided rate: the slowest growth they allow for
    ``at_least``, the fastest for ``at_most`` (earlier points at one end, the last at the other)."""
    if side == "at_least":
        return np.concatenate([s.high[:-1], s.low[-1:]])
    return np.concatenate([s.low[:-1], s.high[-1:]])


def growth_scenarios(s: SeriesData, alpha: float = 0.05) -> tuple[tuple[float, float] | None, str]:
    """The range of annual growth a scenario may use, taken from the data, never a fixed offset.

    With ≥ 4 points and no open end (the log-linear trend is allowed): the trend's (1 − alpha) confidence interval
    of growth. Else, with bounded or rounded figures: the CAGR band (slowest and fastest growth the figures' ends
    allow). Two exact figures give one rate and no range: ``(None, why)``.
    Returns ``((g_low, g_high), what it is)`` or ``(None, why none)``.
    """
    if decide(s, "loglinear").allowed:
        trend = fit_loglinear(s, alpha=alpha)
        return (trend.low, trend.high), (f"growth at the ends of the log-linear trend's {(1 - alpha) * 100:.0f}% "
                                         "confidence interval")
    ends_exact = s.low[0] == s.high[0] and s.low[-1] == s.high[-1]  # the CAGR reads the first and last only
    if not ends_exact:
        def g_of(y: np.ndarray) -> float:
            return cagr(y[0], s.dates[0], y[-1], s.dates[-1])
        rates = [g_of(_bound_ends(s, "at_least")), g_of(_bound_ends(s, "at_most"))]
        return (min(rates), max(rates)), ("growth at the ends of the CAGR band (the slowest and "
                                                          "fastest rates the figures' rounding or bounds allow)")
    return None, "two exact figures give one rate: no scenario range"


#: A scenario projection runs at most this many years past the latest figure (one five-year plan period), and
#: never further than the observed span: constant exponential growth ignores saturation (MODELS.md, "what a
#: referee would object to"), and a longer run turns a fast early rate into absurd levels.
SCENARIO_MAX_YEARS = 5


def fit_projection(data: SeriesData | pd.DataFrame, horizon: DateLike | None = None,
                   settings: BandSettings | None = None, alpha: float = 0.05) -> ModelResult:
    """Deterministic CAGR projection; its scenario range comes from the data (:func:`growth_scenarios`), never
    from a fixed offset, and is not a confidence interval.

    The default horizon is the last date plus the observed span or ``SCENARIO_MAX_YEARS`` (five), whichever is
    shorter; a ``horizon`` further than that is refused (MODELS.md, charts). An open end makes the projection
    one-sided, like the rate (``estimate`` NaN, ``band`` =
    ``{"bound": y, "open end": ±inf}``).

    Raises
    ------
    ModelRefusedError
        Refused by the gatekeeper (among its rules: dated segments that disagree with constant growth, whether the
        rate would come from the first and last points or from the log-linear trend), or a horizon beyond the data
        span.
    """
    s = as_series(data, settings)
    decide(s, "projection").require()
    span = year_fraction(s.dates[0], s.dates[-1])
    reach = min(s.dates[-1] - s.dates[0], dt.timedelta(days=round(SCENARIO_MAX_YEARS * 365.25)))
    end = month_end_before(s.dates[-1] + reach) if horizon is None else to_date(horizon)
    h = year_fraction(s.dates[-1], end)
    if h > min(span, SCENARIO_MAX_YEARS) + 1e-9:
        raise ModelRefusedError("projection", f"horizon {h:.2f} years exceeds the observed span {span:.2f} years or "
                                f"{SCENARIO_MAX_YEARS} years: a projection never runs further ahead than the data, "
                                "nor past one five-year plan period (constant growth ignores saturation)",
                                n_points=s.n, fallback="projection to the end of the data span or five years")
    notes = list(s.notes)
    c, unit = s.context, s.context.unit

    def proj(y: np.ndarray) -> float:
        return project(y[-1], cagr(y[0], s.dates[0], y[-1], s.dates[-1]), h)

    side, why = growth_side(s)
    if side:
        notes.append(why)
        bound = proj(_bound_ends(s, side))
        return ModelResult("projection", "deterministic CAGR projection, one-sided", s.n, math.nan, unit,
                           statistic="projected level", low=bound if side == "at_least" else -math.inf,
                           high=math.inf if side == "at_least" else bound,
                           interval=f"one-sided: {side.replace('_', ' ')} the projection at the bounding rate",
                           context=c, start_date=s.dates[0], end_date=end, figure_ids=s.all_figure_ids, notes=notes,
                           band=one_sided_band(bound, side))
    g = cagr(s.mid[0], s.dates[0], s.mid[-1], s.dates[-1])
    rates, what = growth_scenarios(s, alpha)
    caveats = ""
    if "log-linear" in what:  # the range is the trend's: so is the central rate (one basis, the range holds it)
        trend = fit_loglinear(s, alpha=alpha)
        g, caveats = trend.estimate, interval_caveats(trend.interval)  # and so are the trend's caveats
        notes.append("central rate and range from the log-linear trend through every point")
    est = project(s.mid[-1], g, h)
    lo = hi = math.nan
    if rates is not None:
        lo, hi = project(s.mid[-1], rates[0], h), project(s.mid[-1], rates[1], h)
    return ModelResult("projection", "deterministic CAGR projection", s.n, est, unit, statistic="projected level",
                       low=lo, high=hi, interval=f"scenario: {what}; not a confidence interval{caveats}",
                       context=c, start_date=s.dates[0], end_date=end, figure_ids=s.all_figure_ids, notes=notes,
                       band=_band(s, proj))


def newey_west_lags(n: int) -> int:
    """Newey–West (1994) rule of thumb for HAC lags: floor(4 (n/100)^(2/9))."""
    return int(math.floor(4 * (n / 100.0) ** (2.0 / 9.0)))


def ols_fit(formula: str, data: pd.DataFrame, hac_lags: int | None = None, notes: list[str] | None = None) -> Any:
    """OLS through the formula API; with ``hac_lags`` the Newey–West covariance with small-sample correction and t.

    Why this exact call: ``cov_type="HAC", cov_kwds={"maxlags": L, "use_correction": True}, use_t=True`` is what
    reproduces Stata's ``newey, lag(L)`` (checked on statsmodels' macrodata).
    """
    return _fit_ols(lambda: smf.ols(formula, data), hac_lags, notes)


def trend_ols(y: np.ndarray, tc: np.ndarray, hac_lags: int | None = None, notes: list[str] | None = None) -> Any:
    """``ols_fit("ly ~ tc", {"ly": log y, "tc": tc})`` without the formula: the same design matrix, built directly.

    Why: parsing the formula costs more than the regression, and ``fit_all`` runs three per series (lower ends,
    midpoints, upper ends). The exog columns are named ``Intercept`` and ``tc`` as the formula names them, so
    ``params["tc"]``, ``t_test("tc = …")`` and ``cov_params()`` read the same; predictions need both columns.
    """
    endog = pd.Series(np.log(y), name="ly")
    exog = pd.DataFrame({"Intercept": np.ones(len(tc)), "tc": tc})
    return _fit_ols(lambda: sm.OLS(endog, exog), hac_lags, notes)


def _fit_ols(make_model, hac_lags: int | None, notes: list[str] | None) -> Any:
    """Fit an OLS model, classical or Newey–West, with library warnings captured into `notes`."""
    sink = notes if notes is not None else []
    with capture_warnings(sink, "OLS"):
        model = make_model()
        if hac_lags is None:
            return model.fit()
        return model.fit(cov_type="HAC", cov_kwds={"maxlags": hac_lags, "use_correction": True}, use_t=True)


def trend_arrays(y: np.ndarray, tc: np.ndarray, hac_lags: int | None = None, notes: list[str] | None = None
                 ) -> Any:
    """:func:`trend_ols` on plain arrays (params ``[Intercept, tc]``, no pandas labels): the same numbers, bit for bit.

    Why: labelling endog and exog with pandas cost four times the regression; ``fit_all`` reads only the numbers,
    and :class:`LogLinearResult` builds the labelled results when ``raw`` is first read. Any warning the
    regression raises reaches ``notes`` as from :func:`trend_ols`.
    """
    # column-major, as a DataFrame's values are: BLAS then sums in the same order and the last bits agree
    exog = np.asfortranarray(np.column_stack([np.ones(len(tc)), tc]))
    return _fit_ols(lambda: sm.OLS(np.log(y), exog), hac_lags, notes)


def trend_slope(y: np.ndarray, tc: np.ndarray, hac_lags: int | None = None, notes: list[str] | None = None
                ) -> float:
    """The slope of :func:`trend_arrays` alone: the sensitivity band needs nothing else."""
    return float(trend_arrays(y, tc, hac_lags, notes).params[1])


@dataclass
class SlopeTest:
    """One-sided t test of the trend slope against a required log growth rate."""

    value: float
    tvalue: float
    df: float
    pvalue: float
    alternative: str


class LogLinearResult(ModelResult):
    """G2 result: adds ``summary_frame`` (trend vs observation intervals) and ``t_test_growth``.

    ``raw`` is the labelled statsmodels OLS results of :func:`trend_ols` (``params["tc"]``, ``t_test("tc = …")``),
    built when first read: ``fit_all`` fits thousands of trends and reads none of them.
    """

    t_bar: float = 0.0
    _raw: Any = None
    _make_raw: Callable[[], Any] | None = None

    @property
    def raw(self) -> Any:
        if self._raw is None and self._make_raw is not None:
            self._raw = self._make_raw()
        return self._raw

    @raw.setter
    def raw(self, value: Any) -> None:
        self._raw = value

    def summary_frame(self, alpha: float = 0.05, at: list[DateLike] | None = None, log_scale: bool = False
                      ) -> pd.DataFrame:
        """Predictions at ``at`` (default: observed dates).

        Returns
        -------
        DataFrame
            Columns ``date, t, mean, mean_se, mean_ci_lower, mean_ci_upper, obs_ci_lower, obs_ci_upper``.
            ``mean_ci_*`` is the interval for the trend line; ``obs_ci_*`` for a new observation; the two are kept
            apart on purpose. Levels are exp of the log-scale values (``mean`` is the geometric trend) unless
            ``log_scale`` is True; ``mean_se`` stays on the log scale.
        """
        dates = [to_date(d) for d in (at if at is not None else self.tables["data"]["date"])]
        tc = decimal_years(dates) - self.t_bar
        with capture_warnings(self.notes, "get_prediction"):
            frame = self.raw.get_prediction(pd.DataFrame({"Intercept": np.ones(len(tc)), "tc": tc})
                                            ).summary_frame(alpha=alpha)
        cols = ["mean", "mean_ci_lower", "mean_ci_upper", "obs_ci_lower", "obs_ci_upper"]
        if not log_scale:
            frame[cols] = np.exp(frame[cols])
        frame.insert(0, "t", tc + self.t_bar)
        frame.insert(0, "date", dates)
        return frame.reset_index(drop=True)[["date", "t", "mean", "mean_se", *cols[1:]]]

    def t_test_growth(self, growth: float, alternative: str = "smaller") -> SlopeTest:
        """One-sided ``t_test`` of the slope against log1p(growth).

        ``alternative="smaller"`` tests whether the historical trend is slower than ``growth`` (small p: the trend
        falls short of what the target requires).
        """
        value = math.log1p(growth)
        with capture_warnings(self.notes, "t_test"):
            tt = self.raw.t_test(f"tc = {value!r}")
        tval, df = float(np.squeeze(tt.tvalue)), float(self.raw.df_resid)
        p = stats.t.cdf(tval, df) if alternative == "smaller" else stats.t.sf(tval, df)
        return SlopeTest(value, tval, df, float(p), alternative)


def _params_table(res: Any, alpha: float) -> pd.DataFrame:
    """Coefficient table (coef, std err, t, P>|t|, interval) of :func:`trend_arrays`' results, labelled as the
    formula labels them, without the normality diagnostics of summary()."""
    ci = np.asarray(res.conf_int(alpha))
    return pd.DataFrame({"coef": res.params, "std err": res.bse, "t": res.tvalues, "P>|t|": res.pvalues,
                         "ci_lower": ci[:, 0], "ci_upper": ci[:, 1]}, index=pd.Index(["Intercept", "tc"]))


#: Durbin–Watson below this flags positively autocorrelated trend residuals (2 means none; a rule of thumb, the
#: exact bounds depend on n); computed from DW_MIN_POINTS points on, where residuals can show a pattern at all.
DW_FLAG = 1.5
DW_MIN_POINTS = 6


def residual_autocorrelation(resid) -> float:
    """Durbin–Watson statistic of time-ordered residuals (statsmodels ``durbin_watson``): about 2(1 − r₁)."""
    from statsmodels.stats.stattools import durbin_watson

    return float(durbin_watson(np.asarray(resid, dtype=float)))


#: A trend through this many points or fewer has at most two residual degrees of freedom: its interval rests on
#: almost nothing, and every sentence printing it says so.
FEW_TREND_POINTS = 4


def trend_caveats(n: int, df_resid: int, dw: float | None) -> list[str]:
    """What a log-linear trend's interval rests on that a reader must be told, as reasons (the reports word them):
    residuals autocorrelated (Durbin–Watson ``dw`` below DW_FLAG: the classical interval is likely too narrow),
    and few points (``n`` ≤ FEW_TREND_POINTS: ``df_resid`` degrees of freedom). The one source of a trend's
    caveats: :func:`fit_loglinear` puts them in its ``interval``, and every result whose range comes from that
    trend (a scenario projection, an attainment year) carries the same text (:func:`interval_caveats`)."""
    out = []
    if dw is not None and dw < DW_FLAG:
        out.append(f"residuals autocorrelated (Durbin–Watson {dw:.2f}): the classical interval is likely too "
                   "narrow (HAC standard errors need ≥ 15 regular points)")
    if n <= FEW_TREND_POINTS:
        out.append(f"few points: {n} points, t({df_resid}) interval wide by design")
    return out


def interval_caveats(interval: str) -> str:
    """The caveats part of a trend's ``interval`` (``"; residuals autocorrelated …"``, ``"; few points …"``), '' when
    it has none: appended to the interval of a result built on that trend, so both say the same."""
    parts = [p for p in interval.split("; ") if p.startswith(("residuals autocorrelated", "few points:"))]
    return "".join(f"; {p}" for p in parts)


def fit_loglinear(data: SeriesData | pd.DataFrame, alpha: float = 0.05, settings: BandSettings | None = None
                  ) -> LogLinearResult:
    """G2: ``ols("ly ~ tc")`` on log values with centred decimal years; t(n−2) intervals, HAC only when allowed.

    The regression is :func:`trend_arrays` (the formula's design matrix, built without parsing the formula);
    ``raw`` holds the labelled :func:`trend_ols` results.

    ``estimate`` is the trend growth exp(b) − 1; ``low``/``high`` its (1 − alpha) confidence interval. Below the
    HAC threshold, residuals with a Durbin–Watson statistic under DW_FLAG (from DW_MIN_POINTS points) add a caveat
    to ``interval``: the classical interval is then likely too narrow. When the dated segments disagree with
    constant growth (:func:`~swtoolkit.models.gatekeeper.constant_growth`) the rate is returned with a note
    starting with ``gatekeeper.NOT_CONSTANT`` naming the segments, as :func:`fit_cagr` does; the projection and the
    attainment year at this rate are then refused by the gatekeeper.
    """
    s = as_series(data, settings)
    decide(s, "loglinear").require()
    hac = decide(s, "hac")
    t = s.t
    t_bar = float(t.mean())
    notes = list(s.notes)
    lags = newey_west_lags(s.n) if hac.allowed else None

    tc = t - t_bar
    res = trend_arrays(s.mid, tc, lags, notes)
    b = float(res.params[1])
    lo_b, hi_b = (float(v) for v in res.conf_int(alpha)[1])
    cov = f"HAC (Newey–West, lag {lags})" if lags is not None else "classical"
    pct = f"{(1 - alpha) * 100:.0f}%"
    dw = residual_autocorrelation(res.resid) if lags is None and s.n >= DW_MIN_POINTS else None
    caveats = trend_caveats(s.n, int(res.df_resid), dw)
    interval = f"{pct} confidence interval, t({int(res.df_resid)}), {cov} covariance" + "".join(
        f"; {c}" for c in caveats)
    if dw is not None and dw < DW_FLAG:  # too few points for HAC (MODELS.md: ≥ 15): the caveat travels with it
        notes.append(f"residuals autocorrelated (Durbin–Watson {dw:.2f} < {DW_FLAG}): classical interval likely "
                     "too narrow")
    g = math.expm1(b)
    c = s.context
    if s.n <= FEW_TREND_POINTS:
        notes.append(f"only {int(res.df_resid)} residual degree(s) of freedom: intervals are wide by design")
    agree, differ = constant_growth(s)  # one rule for every growth path (gatekeeper._constancy_gate): a trend the
    if not agree:                        # dated segments contradict is stated with them, and projects nothing
        notes.append(differ)
    band = {} if s.exact else {"lower ends": math.expm1(trend_slope(s.low, tc, lags, notes)), "midpoints": g,
                               "upper ends": math.expm1(trend_slope(s.high, tc, lags, notes))}
    out = LogLinearResult("loglinear", f"OLS ly ~ tc (log values, centred years), {cov} covariance", s.n, g,
                          "fraction per year", statistic="annual growth (trend)", low=math.expm1(lo_b),
                          high=math.expm1(hi_b), interval=interval, band=band, context=c, start_date=s.dates[0],
                          end_date=s.dates[-1], figure_ids=s.all_figure_ids, notes=notes, tables={
                              "data": partial(pd.DataFrame, {"date": s.dates, "t": t, "low": s.low, "mid": s.mid,
                                                             "high": s.high}),
                              "params": partial(_params_table, res, alpha)})
    out.t_bar = t_bar
    out._make_raw = partial(trend_ols, s.mid, tc, lags)  # its warnings are already in notes
    return out


#: Growth models keyed by name; adding one touches this dict only.
GROWTH_MODELS: dict[str, Callable[..., ModelResult]] = {
    "level": fit_level, "cagr": fit_cagr, "projection": fit_projection, "loglinear": fit_loglinear, "ets": fit_ets,
    "logistic": fit_logistic,
}


def get_growth_model(name: str) -> Callable[..., ModelResult]:
    """The fitting function registered as ``name``; raises :class:`UnknownModelError` naming the known ones."""
    try:
        return GROWTH_MODELS[name]
    except KeyError:
        raise UnknownModelError(f"unknown growth model {name!r}; known: {sorted(GROWTH_MODELS)}") from None
