"""Gap models P1–P5: gap to target, required vs historical growth, attainment year, staffing norms, years behind.

Targets and norms enter here as references; they are never data points of a fit. Every interval says what it is: a
Fieller confidence interval, a scenario range, or a sensitivity band from the bounds of qualified figures.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from swtoolkit.errors import ModelRefusedError
from swtoolkit.models.gatekeeper import decide, growth_side
from swtoolkit.models.growth import (
    LogLinearResult,
    cagr,
    fit_loglinear,
    growth_scenarios,
    interval_caveats,
    required_growth,
)
from swtoolkit.models.results import Context, ModelResult, critical_value, one_sided_band
from swtoolkit.models.series import BandSettings, SeriesData, as_series
from swtoolkit.models.timebase import (
    DateLike,
    decimal_year,
    from_decimal_year,
    to_date,
    year_fraction,
)

logger = logging.getLogger(__name__)


@dataclass
class GapResult(ModelResult):
    """P1 result: ``estimate`` is T − y; also ``attainment`` (y/T), ``log_progress`` and ``elapsed_share``."""

    attainment: float = math.nan
    log_progress: float = math.nan
    elapsed_share: float = math.nan
    progress_band: tuple[float, float] = (math.nan, math.nan)  # log-scale progress at the level's two ends

    def to_records(self) -> list[dict]:
        """Rows for the gap (in the indicator's unit), attainment y/T and, with a baseline, log-scale progress (its
        ``band_low``/``band_high`` the progress at the ends of the level's rounding interval, when it has one; a
        ``band_low`` of −inf toward a floor target: progress is at most ``band_high``)."""
        base = super().to_records()[0]
        rows = [base]
        for stat, val in (("attainment y/T", self.attainment), ("log-scale progress", self.log_progress),
                          ("plan elapsed", self.elapsed_share)):
            if math.isfinite(val):
                lo, hi = self.progress_band if stat == "log-scale progress" else (math.nan, math.nan)
                rows.append({**base, "statistic": stat, "estimate": val, "unit": "fraction", "low": math.nan,
                             "high": math.nan, "band_low": lo, "band_high": hi, "interval": ""})
        return rows


def gap_to_target(value: float, date: DateLike, target: float, target_date: DateLike,
                  base_value: float | None = None, base_date: DateLike | None = None,
                  context: Context | None = None, band: tuple[float, float] | None = None,
                  target_side: str = "", base_band: tuple[float, float] | None = None) -> GapResult:
    """P1: absolute gap T − y, attainment y/T, and progress ln(y/y₀)/ln(T/y₀) against the share of time elapsed.

    ``base_value``/``base_date`` (y₀, t₀) start the plan period; without them progress is not computed.
    ``base_band`` = (low, high) of a qualified baseline widens the progress band with it.
    ``band`` = (low, high) of a qualified current value gives a sensitivity band for the gap; an open end of it
    (±inf) or a target that is itself a floor (``target_side="at_least"``: 超10万) makes the gap one-sided:
    ``estimate`` NaN and ``band`` ``{"bound": …, "open end": ±inf}`` ("at least 20,700 short").

    Raises
    ------
    ModelRefusedError
        A non-positive target, a negative value, or open ends that leave the gap unbounded on both sides.
    """
    c = context or Context()
    d, td = to_date(date), to_date(target_date)
    if target <= 0 or value < 0:
        raise ModelRefusedError("gap", f"target must be positive and value non-negative (got {value}, {target})")
    gap, att = target - value, value / target
    notes: list[str] = []
    prog = share = math.nan
    if base_value is not None and base_date is not None:
        bd = to_date(base_date)
        if base_value > 0 and value > 0 and target != base_value and td > bd:
            prog = math.log(value / base_value) / math.log(target / base_value)
            share = year_fraction(bd, d) / year_fraction(bd, td)
            notes.append(f"progress measured from the plan's baseline {base_value:g} at {bd}; share of the plan "
                         "period elapsed counted from the same date")
    unit = c.unit
    bands = {} if band is None else {"lower ends": target - band[0], "midpoints": gap, "upper ends": target - band[1]}
    y_low, y_high = band if band is not None else (value, value)
    t_high = math.inf if target_side == "at_least" else target
    lo_gap, hi_gap = target - y_high, t_high - y_low  # the least and the most the gap can be
    if math.isinf(lo_gap) and math.isinf(hi_gap):
        raise ModelRefusedError("gap", "the level and the target are both open-ended: the gap has no bound",
                                fallback="level and target listed as written")
    if math.isinf(lo_gap) or math.isinf(hi_gap):
        side = "at_least" if math.isinf(hi_gap) else "at_most"
        bound = lo_gap if side == "at_least" else hi_gap
        notes.append(f"one-sided gap ({side.replace('_', ' ')} {bound:g}): "
                     + ("the target is a floor" if target_side == "at_least" and side == "at_least"
                        else "the level has an open end"))
        if math.isinf(y_high) or math.isinf(y_low):
            prog = share = math.nan  # progress from a bound is no central value
        gap, bands = math.nan, one_sided_band(bound, side)
    if math.isfinite(prog) and base_band is not None and not all(math.isfinite(v) and v > 0 for v in base_band):
        # a plan-start figure with an open end (超过5万) has no value to measure progress from: none is given, never
        # the progress from its bound (breaker 3: "at most 59%" where the level's own range allowed 68%)
        prog = share = math.nan
        notes.append("no progress on a log scale: the plan-start figure states only one bound")
    prog_band = (math.nan, math.nan)
    ends = band if band is not None else (value, value)
    bases = base_band if base_band is not None else (base_value, base_value)
    if math.isfinite(prog) and (band is not None or base_band is not None) and \
            all(math.isfinite(v) and v > 0 for v in (*ends, *bases)) and target not in bases:
        # progress rises with the level and falls with the base: its least and most lie at the corners (a
        # rounded base, 1.5万 at the plan's start, moves it as much as a rounded level; breaker2)
        corners = [math.log(v / b) / math.log(target / b) for v in ends for b in bases]
        prog_band = (min(corners), max(corners))
    if math.isfinite(prog) and target_side == "at_least" and value > base_value and target > base_value:
        # toward a floor (超10万) the growth still needed is more than the floor's: progress is at most the share
        # measured to the floor, never that share (breaker 3: "67% of the growth needed" toward more than 10万)
        prog_band = (-math.inf, max(prog, prog_band[1]) if math.isfinite(prog_band[1]) else prog)
    return GapResult("gap", "gap to target T − y; attainment y/T; log-scale progress", 1, gap, unit,
                     statistic="gap to target", band=bands, context=c, start_date=d, end_date=td, notes=notes,
                     attainment=att, log_progress=prog, elapsed_share=share, progress_band=prog_band)


def required_vs_historical(data: SeriesData | pd.DataFrame, target: float, target_date: DateLike,
                           trend: LogLinearResult | None = None, settings: BandSettings | None = None,
                           target_side: str = "") -> ModelResult:
    """P2: growth required from the latest point to the target, against historical CAGR and (if given) the trend.

    With a log-linear ``trend``, ``tables["slope_test"]`` holds a one-sided ``t_test`` of the slope against
    log1p(g_req): a small p-value says the historical trend is slower than the target requires.
    A floor target (``target_side="at_least"``) or an open end of the latest figure makes the required rate
    one-sided (``estimate`` NaN, ``band`` ``{"bound": g, "open end": ±inf}``); open ends on opposite sides are
    refused.
    """
    s = as_series(data, settings)
    decide(s, "level").require()
    d, td = s.dates[-1], to_date(target_date)
    if td <= d:
        raise ModelRefusedError("required_growth", f"target date {td} is not after the latest figure ({d})")
    g_req = required_growth(s.mid[-1], d, target, td)
    c, notes = s.context, list(s.notes)
    sides = {x for x, on in (("at_least", target_side == "at_least"), ("at_most", bool(s.open_high[-1])),
                             ("at_least", bool(s.open_low[-1]))) if on}
    if len(sides) > 1:
        raise ModelRefusedError("required_growth", "the target is a floor and the latest figure has an open upper "
                                "end: the required growth has no bound", n_points=s.n,
                                fallback="level and target listed as written")
    if sides:
        side = sides.pop()
        y = s.high[-1] if side == "at_least" else s.low[-1]  # the lowest (highest) rate the figures allow
        bound = required_growth(float(y), d, target, td)
        notes.append(f"one-sided required growth ({side.replace('_', ' ')} {bound:.4f})")
        return ModelResult("required_growth", "required growth (T/y)^(1/(t_T − t)) − 1, one-sided", s.n, math.nan,
                           "fraction per year", statistic="required annual growth",
                           band=one_sided_band(bound, side), context=c, start_date=d, end_date=td,
                           figure_ids=s.all_figure_ids, notes=notes,
                           tables={"comparison": pd.DataFrame([{"comparison": "required", "growth": bound,
                                                                "pvalue": math.nan}])})
    rows = [{"comparison": "required", "growth": g_req, "pvalue": math.nan}]
    if s.n >= 2 and decide(s, "cagr").allowed and not growth_side(s)[0]:
        g_hist = cagr(s.mid[0], s.dates[0], s.mid[-1], d)
        rows.append({"comparison": "historical CAGR", "growth": g_hist, "pvalue": math.nan})
    if trend is not None:
        test = trend.t_test_growth(g_req, alternative="smaller")
        rows.append({"comparison": "trend (log-linear)", "growth": trend.estimate, "pvalue": test.pvalue})
        notes.append(f"one-sided t test of the trend slope against log1p(g_req) = {test.value:.4f}: "
                     f"t = {test.tvalue:.3f}, df = {test.df:g}, p = {test.pvalue:.3g} (H1: trend slower)")
    band = {} if s.exact else {e: required_growth(getattr(s, k)[-1], d, target, td)
                               for e, k in (("lower ends", "low"), ("midpoints", "mid"), ("upper ends", "high"))}
    return ModelResult("required_growth", "required growth (T/y)^(1/(t_T − t)) − 1 vs history", s.n, g_req,
                       "fraction per year", statistic="required annual growth", band=band, context=c,
                       start_date=d, end_date=td, figure_ids=s.all_figure_ids, notes=notes,
                       tables={"comparison": pd.DataFrame(rows)})


def fieller_attainment(a: float, b: float, cov: np.ndarray, log_target: float, q: float
                       ) -> tuple[float, tuple[float, float] | None]:
    """Solve (L − a − b·u)² = q²(V_aa + 2u·V_ab + u²·V_bb) for u (time from the centring point).

    Returns ``(u*, (u_low, u_high))``, or ``(u*, None)`` when b² ≤ q²·V_bb: then the set is unbounded and the
    attainment time cannot be bounded (growth not significantly positive).
    """
    vaa, vab, vbb = float(cov[0, 0]), float(cov[0, 1]), float(cov[1, 1])
    dl = log_target - a
    u_star = dl / b if b != 0 else math.inf
    qa = b * b - q * q * vbb
    if qa <= 0:
        return u_star, None
    qb = -2.0 * (b * dl + q * q * vab)
    qc = dl * dl - q * q * vaa
    disc = math.sqrt(max(qb * qb - 4 * qa * qc, 0.0))
    return u_star, ((-qb - disc) / (2 * qa), (-qb + disc) / (2 * qa))


def delta_attainment(a: float, b: float, cov: np.ndarray, log_target: float, q: float) -> tuple[float, float]:
    """Delta-method interval for u* = (L − a)/b; symmetric by construction (shown only for comparison)."""
    dl = log_target - a
    grad = np.array([-1.0 / b, -dl / b**2])
    se = math.sqrt(float(grad @ np.asarray(cov) @ grad))
    return dl / b - q * se, dl / b + q * se


@dataclass
class AttainmentResult(ModelResult):
    """P3 result: ``estimate`` is the decimal year t*; ``delta`` the (misleadingly symmetric) delta interval."""

    delta: tuple[float, float] | None = None
    bounded: bool = True
    sensitivity: pd.DataFrame = field(default_factory=pd.DataFrame)


def attainment_year(data: SeriesData | pd.DataFrame, target: float, alpha: float = 0.05,
                    settings: BandSettings | None = None) -> AttainmentResult:
    """P3: when the target is reached at the current pace.

    ≥ 4 points: t* = t̄ + (ln T − a)/b from the log-linear fit, with a Fieller interval (or "cannot be bounded").
    2–3 points: t_last + ln(T/y)/ln(1+g) with a sensitivity table at the ends of the CAGR band (the slowest and
    fastest rates the figures' rounding allows; :func:`~swtoolkit.models.growth.growth_scenarios`); two exact
    figures give one year and no range. Never a fixed offset of growth.
    For a floor target (超10万) ``target`` is the floor: the year is when the floor is reached (the words say so).

    Raises
    ------
    ModelRefusedError
        Target already reached, a latest figure with an open end (the year would rest on an invented value),
        growth not allowed, or dated segments that disagree with constant growth (gatekeeper ``attainment``: the
        year is a projection at one rate, refused on every path, trend or two-point).
    """
    s = as_series(data, settings)
    c, notes = s.context, list(s.notes)
    if s.has_open_end:
        raise ModelRefusedError("attainment", "a figure with an open end has no central value: an attainment year "
                                "would rest on an invented one", n_points=s.n, fallback="one-sided gap to target")
    if np.any(s.mid >= target):
        first = s.dates[int(np.argmax(s.mid >= target))]
        raise ModelRefusedError("attainment", f"target {target:g} already reached by {first}", n_points=s.n,
                                fallback="gap to target")
    decide(s, "attainment").require()  # a constant pace the dated segments contradict reaches no year
    if decide(s, "fieller").allowed:
        fit = fit_loglinear(s, alpha=alpha)
        res, t_bar = fit.raw, fit.t_bar
        a, b = float(res.params["Intercept"]), float(res.params["tc"])
        cov = res.cov_params().loc[["Intercept", "tc"], ["Intercept", "tc"]].to_numpy()
        q = critical_value(alpha, res.df_resid)
        u_star, fi = fieller_attainment(a, b, cov, math.log(target), q)
        dl = delta_attainment(a, b, cov, math.log(target), q)
        t_star = t_bar + u_star
        lo, hi = (t_bar + fi[0], t_bar + fi[1]) if fi else (math.nan, math.nan)
        notes += fit.notes[len(s.notes):]
        pct = f"{(1 - alpha) * 100:.0f}%"
        if fi:  # the trend's caveats (autocorrelation, few points) hold for the year read off it
            interval = f"{pct} Fieller confidence interval, t({int(res.df_resid)})" + interval_caveats(fit.interval)
        else:
            interval = "cannot be bounded: growth not significantly positive"
            notes.append(interval)
        notes.append(f"delta-method interval [{t_bar + dl[0]:.2f}, {t_bar + dl[1]:.2f}] is symmetric by construction "
                     "and shown only for comparison")
        return AttainmentResult("attainment", "t* = t̄ + (ln T − a)/b with Fieller interval", s.n, t_star,
                                "decimal year", statistic="attainment year", low=lo, high=hi, interval=interval,
                                context=c, start_date=s.dates[0], end_date=_date_or_none(t_star),
                                figure_ids=s.all_figure_ids, notes=notes,
                                raw=res, delta=(t_bar + dl[0], t_bar + dl[1]), bounded=fi is not None)
    g = cagr(s.mid[0], s.dates[0], s.mid[-1], s.dates[-1])
    t_last = decimal_year(s.dates[-1])
    rates, what = growth_scenarios(s, alpha)
    rows = []
    for gg in ((rates[0], g, rates[1]) if rates is not None else (g,)):
        yrs = math.log(target / s.mid[-1]) / math.log1p(gg) if gg > 0 else math.inf
        rows.append({"growth": gg, "years": yrs, "year": t_last + yrs})
    tab = pd.DataFrame(rows)
    t_star = float(tab["year"].iloc[len(rows) // 2])
    early, late = (float(tab["year"].iloc[2]), float(tab["year"].iloc[0])) if rates is not None else \
        (math.nan, math.nan)
    if not math.isfinite(t_star):
        notes.append("growth is not positive: the target is not reached at the current pace")
    return AttainmentResult("attainment", "t_last + ln(T/y)/ln(1+g), two-point sensitivity table", s.n, t_star,
                            "decimal year", statistic="attainment year", low=early, high=late,
                            interval=(f"scenario: {what}; not a confidence interval" if rates is not None else what),
                            context=c, start_date=s.dates[0], end_date=_date_or_none(t_star),
                            figure_ids=s.all_figure_ids, notes=notes,
                            tables={"sensitivity": tab}, sensitivity=tab)


#: Norm indicator → (denominator indicator, supply indicator); each norm is applied to its own denominator.
NORM_RULES: dict[str, tuple[str, str]] = {
    "norm_staff_per_station": ("township_stations", "station_staff"),
    "norm_certified_per_community": ("communities", "certified_social_workers"),
    "norm_talent_per_village": ("villages", "sw_talent_total"),
    "norm_orgs_per_county": ("counties", "sw_organisations"),
    "norm_sw_talent_per_community": ("communities", "sw_talent_total"),
}
#: Units that mark a norm as a staffing norm (P4 applies); other norms (areas, money, shares) are not staffing.
STAFFING_NORM_UNITS = ("persons per", "organisations per")


def _date_or_none(t: float) -> dt.date | None:
    """A decimal year as a date, or None when it is infinite or beyond the calendar (never reached)."""
    return from_decimal_year(t) if math.isfinite(t) and 1 <= t < 9999 else None


@dataclass
class NormInput:
    """One staffing norm applied to one denominator (e.g. 3 certified workers per urban community)."""

    label: str
    norm: float
    denominator: float
    denominator_date: DateLike
    figure_ids: list[str] = field(default_factory=list)
    #: the denominator's interval as written (1600多个社区: 1,600–1,700); None: the denominator itself
    denominator_low: float | None = None
    denominator_high: float | None = None


def whole_need(x: float) -> float:
    """A staffing need in whole people: rounded up (1.5 per station × 143 stations needs 215, not 214.5 or 214);
    a value within 1e-9 of a whole number is that number."""
    return float(math.ceil(x - 1e-9))


def staffing_gap(norms: list[NormInput], supply: float | None = None, supply_date: DateLike | None = None,
                 context: Context | None = None, supply_low: float | None = None,
                 supply_high: float | None = None) -> ModelResult:
    """P4: need = Σ norm × denominator; gap = max(need − supply, 0); each norm shown separately with its date.

    A denominator or supply written to a rounding (1600多个社区, 4000余人) is an interval: the result's ``band``
    holds the least and the most need or gap those intervals allow (least need less most supply, most need less
    least supply, never below 0), so the words give that range, never the midpoints' difference as if exact."""
    if not norms:
        raise ModelRefusedError("staffing_gap", "no norm with a denominator", fallback="norms listed as text")
    c = context or Context()
    tab = pd.DataFrame([{"norm": n.label, "per_unit": n.norm, "denominator": n.denominator,
                         "denominator_date": to_date(n.denominator_date), "need": n.norm * n.denominator}
                        for n in norms])
    # people are whole: a need of 214.5 (1.5 per station × 143) is met only by 215, so a need is rounded up, never
    # to the nearest (which printed a gap of 114.5 as 114; breaker 3)
    need = whole_need(float(tab["need"].sum()))
    need_low = whole_need(sum(n.norm * (n.denominator if n.denominator_low is None else n.denominator_low)
                              for n in norms))
    need_high = whole_need(sum(n.norm * (n.denominator if n.denominator_high is None else n.denominator_high)
                               for n in norms))
    notes = [f"{r.norm}: {r.per_unit:g} × {r.denominator:g} (denominator dated {r.denominator_date}) = {r.need:g}"
             for r in tab.itertuples()]
    if need != float(tab["need"].sum()):
        notes.append(f"need {float(tab['need'].sum()):g} rounded up to {need:g}: a norm is met only by whole people")
    band: dict[str, float] = {}
    if supply is None:
        est, stat = need, "staffing need"
        if need_low != need_high:
            band = {"low": float(need_low), "high": float(need_high)}
    else:
        est, stat = max(need - supply, 0.0), "staffing gap"
        s_low = supply if supply_low is None else supply_low
        s_high = supply if supply_high is None else supply_high
        low, high = max(need_low - s_high, 0.0), max(need_high - s_low, 0.0)
        if low != high:
            band = {"low": float(low), "high": float(high)}
            notes.append(f"gap across the rounding of supply and denominators: {low:g} to {high:g}")
        if supply_date is not None:
            sd = to_date(supply_date)
            off = [d for d in tab["denominator_date"] if abs((d - sd).days) > 31]
            if off:
                notes.append(f"supply dated {sd} but denominators dated {sorted(set(off))}: dates differ")
    unit = c.unit
    return ModelResult("staffing_gap", "need = Σ norm × denominator; gap = max(need − supply, 0)", len(norms), est,
                       unit, statistic=stat, context=c,
                       end_date=to_date(supply_date) if supply_date is not None else None, band=band,
                       figure_ids=[f for n in norms for f in n.figure_ids], notes=notes, tables={"norms": tab})


def implied_denominator(count: float, share_percent: float) -> float:
    """Denominator implied by a count and its coverage share: 1,435 stations at 63.7% → ≈ 2,253 townships."""
    if not 0 < share_percent <= 100:
        raise ModelRefusedError("implied_denominator", f"share must be in (0, 100] percent, got {share_percent}")
    return count / (share_percent / 100.0)


def years_behind(value: float, date: DateLike, leader_dates: list[DateLike], leader_values: list[float],
                 context: Context | None = None
                 ) -> ModelResult:
    """P5: years since the leader had the follower's current value, interpolating the leader's log series.

    Interpolation stays inside the leader's observed range; below it the answer is a bound "more than X years"
    (``estimate`` NaN, ``low`` = X); above the leader's latest value the follower is not behind.
    """
    c = context or Context()
    ld = [to_date(x) for x in leader_dates]
    order = np.argsort([decimal_year(x) for x in ld])
    lt = np.array([decimal_year(ld[i]) for i in order])
    lv = np.array([float(leader_values[i]) for i in order])
    if len(lt) < 1 or value <= 0 or np.any(lv <= 0):
        raise ModelRefusedError("years_behind", "needs positive values and at least one leader point")
    t_f = decimal_year(date)
    notes: list[str] = []
    est, low, stat = math.nan, math.nan, "years behind"
    if value < lv.min():
        low = t_f - lt[0]
        stat = "years behind (lower bound)"
        notes.append("follower is below the leader's earliest figure: only a bound, no extrapolation")
    elif value > lv.max():
        stat = "years behind (not behind: above the leader's latest figure)"
    else:
        idx = int(np.argmax(lv >= value))
        if idx == 0:
            t_hit = lt[0]
        else:
            l0, l1 = math.log(lv[idx - 1]), math.log(lv[idx])
            t_hit = lt[idx - 1] + (math.log(value) - l0) / (l1 - l0) * (lt[idx] - lt[idx - 1])
        est = t_f - t_hit
    return ModelResult("years_behind", "leader's log series interpolated within its observed range", len(lt), est,
                       "years", statistic=stat, low=low, context=c, end_date=to_date(date), notes=notes)


__all__ = [
    "NORM_RULES", "AttainmentResult", "GapResult", "NormInput", "attainment_year", "delta_attainment",
    "fieller_attainment", "gap_to_target", "implied_denominator", "required_vs_historical", "staffing_gap",
    "years_behind",
]
