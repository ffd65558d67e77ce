"""The gatekeeper: which models one series (or one panel of regions) can support, per the MODELS.md table.

Each rule returns a :class:`Decision` stating the rule, the points available and, when it refuses, the fallback the
report shows instead. Model functions call :meth:`Decision.require`, so a direct call on data that cannot support
the model raises :class:`~swtoolkit.errors.ModelRefusedError` with the same message.

| points of one definition | allowed |
|---|---|
| 1 | level; gap to target/norm |
| 2 | CAGR; deterministic projection; scenario range |
| 4–5 | + log-linear OLS with t(n−2) intervals; Fieller attainment interval; logistic with K = 1 (fractional logit) |
| ≥ 6 spanning the inflection | + logistic with free ceiling |
| ≥ 10 regular annual | + ETS (Holt) |
| ≥ 15 regular | + HAC standard errors |

No growth path ignores dated middle points of the same definition: when the rates of the segments between
consecutive points (each an interval from the figures' rounding or bounds) lie more than ``SEGMENT_RATE_TOLERANCE``
(5 points a year) apart, the points disagree with constant growth (:func:`constant_growth`). One rule then holds for
every path: the rate (the first-to-last CAGR and the log-linear trend alike) is still returned, with a note naming
the segments (the report states it with that caveat), and everything that runs at one constant rate into the
future is refused (:func:`_constancy_gate`): the scenario projection, whether its rate is the CAGR or the trend's,
and the year a target is reached (``attainment``, Fieller or two-point). A trend's interval measures scatter about
one straight line on the log scale, not a change of pace, so a trend through every point does not escape the rule
(editor 9, N-2: Jiangsu's 21.5% trend projected to 2028 beside segments of 29%, 14% and 17%).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from swtoolkit.errors import ModelRefusedError
from swtoolkit.models.series import SeriesData
from swtoolkit.models.timebase import is_regular, is_regular_annual, year_fraction

logger = logging.getLogger(__name__)

#: Fits with t intervals need two residual degrees of freedom (issue 11: no interval from t(1)), so log-linear OLS,
#: Fieller and the fractional logit start at 4 points, not at the 3 of MODELS.md's table.
MIN_POINTS = {"level": 1, "cagr": 2, "projection": 2, "loglinear": 4, "fieller": 4, "logistic": 2,
              "logistic_glm": 4, "logistic_free": 6, "ets": 10, "hac": 15}
MIN_REGIONS = 15          # β-convergence and MixedLM
MIN_RICH_REGIONS = 5      # MixedLM: regions with enough points each
MIN_RICH_POINTS = 3
SATURATION = 100.0        # percent: an observed 100% is saturation, not a point to fit
#: Growth is annualised only over at least a year: two figures a month apart (often two documents stating the same
#: fact) would otherwise turn a revision into a "growth rate" of ±50% a year.
MIN_SPAN_YEARS = 1.0
MIN_SPAN_SLACK_DAYS = 20  # year-end to year-end is 365 days, a little under 365.25: allow for calendar noise


@dataclass(frozen=True)
class Decision:
    """What the gatekeeper decided for one model on one series.

    Attributes
    ----------
    model : str
        Model key (``cagr``, ``loglinear``, ``ets``, ``hac``, ``logistic``, ``logistic_free``, ``beta``, ``mixedlm``…).
    allowed : bool
    rule : str
        The rule applied, in words, with the threshold.
    n_points : int
        Points (or regions) available to the rule.
    fallback : str or None
        What is shown instead when refused.
    """

    model: str
    allowed: bool
    rule: str
    n_points: int
    fallback: str | None = None

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def reason(self) -> str:
        """One line for the results table: the rule, and the fallback when refused."""
        if self.allowed:
            return f"allowed: {self.rule}"
        return f"refused: {self.rule}" + (f"; fallback: {self.fallback}" if self.fallback else "")

    def require(self) -> None:
        """Raise :class:`ModelRefusedError` unless allowed."""
        if not self.allowed:
            raise ModelRefusedError(self.model, self.rule, n_points=self.n_points, fallback=self.fallback)


def series_type(series: SeriesData) -> str:
    """``growth`` (stocks, cumulative counts), ``share`` (coverage/certification rates bounded at 100%) or ``level``.

    Why: exponential growth of a coverage rate ignores saturation, and flows, ratios and norms are not stocks that
    compound; those get levels only.
    """
    c = series.context
    if series.measure in ("stock", "cumulative"):
        return "growth"
    if series.measure == "rate" and c.unit == "percent" and (c.family.endswith("coverage") or
                                                             c.family.endswith("_rate")):
        return "share"
    if not series.measure:  # a bare frame without an indicator: treat as a stock the caller vouches for
        return "growth"
    return "level"


def fit_points(series: SeriesData) -> np.ndarray:
    """Mask of points a model may fit: for shares, 0% and 100% are set aside (start / saturation reached)."""
    if series_type(series) == "share":
        return (series.mid > 0) & (series.mid < SATURATION)
    return np.ones(series.n, dtype=bool)


def spans_inflection(t: np.ndarray, y: np.ndarray) -> bool:
    """True when the steepest rise lies strictly inside the observed range (growth speeds up, then slows).

    A free ceiling is identified only then; otherwise the ceiling is extrapolated far beyond the data.
    """
    if len(t) < 3:
        return False
    slopes = np.diff(y) / np.diff(t)
    k = int(np.argmax(slopes))
    return 0 < k < len(slopes) - 1


def _count(model: str, n: int, need: int, what: str, fallback: str) -> Decision:
    rule = f"{what} needs ≥ {need} points of one definition"
    return Decision(model, n >= need, rule, n, None if n >= need else fallback)


def _growth_gate(model: str, series: SeriesData) -> Decision | None:
    kind = series_type(series)
    if kind != "growth":
        what = {"flow": "a flow (an amount in a period)", "rate": "a rate", "ratio": "a ratio",
                "norm": "a norm", "change": "a stated growth rate",
                "multiple": "a stated multiple",
                "difference": "a stated change in a level"}.get(series.measure, f"a {kind} indicator")
        return Decision(model, False, f"{model} applies to stocks and cumulative counts, not {what} "
                        f"({series.context.name_en or series.context.indicator or 'unknown indicator'})", series.n,
                        "logistic coverage model" if kind == "share" else "level")
    finite = series.low[np.isfinite(series.low)]
    if series.n and np.any(finite <= 0):
        return Decision(model, False, "growth models need positive values", series.n, "level")
    return None


#: Models that need a central value at every point: a figure with an open end (超过X, 不到X) has none.
CENTRAL_MODELS = ("loglinear", "fieller", "hac", "ets", "logistic", "logistic_free")


def _open_gate(model: str, series: SeriesData) -> Decision | None:
    """Refuse a model that needs central values when a point has an open end (only one bound is known)."""
    if not series.has_open_end:
        return None
    which = [i for i in range(series.n) if series.open_high[i] or series.open_low[i]]
    ids = ", ".join(";".join(series.figure_ids[i]) or str(series.dates[i]) for i in which)
    # the fallback names what is given instead: a one-sided rate only where the ends bound it on one side
    one_sided = series.n >= 2 and growth_side(series)[0] in ("at_least", "at_most")
    return Decision(model, False, f"a figure with an open end ({ids}: only one bound is known) has no central "
                    "value; a fit through it would invent one", series.n,
                    "one-sided CAGR between the first and last points" if one_sided else "level as written")


def growth_side(series: SeriesData) -> tuple[str, str]:
    """The side of a growth rate (and of a projection at that rate) read from the first and last points.

    Returns ``("", "")`` when both ends are bounded (a two-sided result), ``("at_least", why)`` or
    ``("at_most", why)`` when an open end bounds the rate on one side only, and ``("none", why)`` when open ends
    leave the rate unbounded on both sides (no result). Growth rises with the last value and falls with the first:
    an open upper end on the last point (超过X) makes the rate "at least", on the first point "at most".
    """
    if series.n < 2:
        return "", ""
    sides = set()
    if series.open_high[-1]:
        sides.add("at_least")
    if series.open_low[-1]:
        sides.add("at_most")
    if series.open_high[0]:
        sides.add("at_most")
    if series.open_low[0]:
        sides.add("at_least")
    if not sides:
        return "", ""
    if len(sides) > 1:
        return "none", unbounded_growth_reason(series)
    side = sides.pop()
    return side, f"an open end makes the growth rate one-sided ({side.replace('_', ' ')})"


def unbounded_growth_reason(series: SeriesData) -> str:
    """Why the growth rate between the first and last points has no bound at all, as it holds for these figures.

    Growth rises with the last value and falls with the first, so the rate is unbounded both ways when both ends
    give only a lower bound (超过X … 超过Y: either may be far above its bound), both give only an upper bound, or one
    end is open on both sides. The reason names the end figures and which bound each gives (the reports word it:
    phrasing.model_refusal_words)."""
    def ends(i: int) -> str:
        if series.open_high[i] and series.open_low[i]:
            return "no bound"
        return "only a lower bound" if series.open_high[i] else "only an upper bound" if series.open_low[i] \
            else "both bounds"

    first, last = ends(0), ends(-1)
    ids = ", ".join(";".join(series.figure_ids[i]) or str(series.dates[i]) for i in (0, -1))
    if first == last:
        said = f"the first and last figures ({ids}) both give {first}"
    else:
        said = f"the first figure gives {first} and the last {last} ({ids})"
    return f"{said}: the growth rate between them has no bound"


def _first(*gates: Decision | None) -> Decision | None:
    """The first gate that is not None (a refusing Decision is falsy: ``or`` would skip it)."""
    return next((g for g in gates if g is not None), None)


def _one_sided_gate(model: str, series: SeriesData) -> Decision | None:
    side, why = growth_side(series)
    if side == "none":
        return Decision(model, False, why, series.n, "figures listed as written")
    return None


def _span_gate(model: str, series: SeriesData, n: int | None = None) -> Decision | None:
    span = year_fraction(series.dates[0], series.dates[-1]) if series.n >= 2 else 0.0
    if span < MIN_SPAN_YEARS - MIN_SPAN_SLACK_DAYS / 365.25:
        return Decision(model, False, f"growth is annualised only over ≥ {MIN_SPAN_YEARS:g} year of data; these "
                        f"points span {span:.2f} years", series.n if n is None else n,
                        "levels shown side by side (a short span would magnify revisions into growth)")
    return None


def _chain(*steps: Decision | None) -> Decision:
    """The first refusal among ``steps`` (in order), else the last decision that allowed."""
    last = None
    for d in steps:
        if d is None:
            continue
        if not d.allowed:
            return d
        last = d
    assert last is not None, "a rule chain needs at least one decision"
    return last


#: A rate read from the first and last points (G1, and the projection that runs at it) assumes constant growth
#: between them. Dated middle points of the same definition test that assumption: the annual growth of each segment
#: between consecutive points is an interval (the slowest and fastest rates the figures' rounding or bounds allow),
#: and the segments agree when those intervals lie within this many points of growth a year of one another (the
#: ± 5 points of MODELS.md P3's sensitivity table for two-point rates).
SEGMENT_RATE_TOLERANCE = 0.05
#: The words a result's reason or note carries when its points disagree with constant growth; the reports layer
#: reads the segments that follow them (:func:`segment_text`).
NOT_CONSTANT = "dated points disagree with constant growth"


@dataclass(frozen=True)
class Segment:
    """Annual growth between two consecutive points of a series kept for it (see :func:`segment_rates`): start and
    end dates, and the slowest and fastest rate (fractions a year; ±inf where an open end leaves a side unbounded)."""

    start: object
    end: object
    slowest: float
    fastest: float


def _rate(a: float, b: float, span: float) -> float:
    if not (np.isfinite(a) and np.isfinite(b)) or a <= 0 or b <= 0:
        return float("nan")
    return float(np.expm1(np.log(b / a) / span))


def segment_rates(series: SeriesData) -> list[Segment]:
    """The annual growth of each segment between consecutive points, each segment spanning at least
    ``MIN_SPAN_YEARS`` (a middle point closer than that to the previous kept point is skipped; a last point too
    close to the one before replaces it), as intervals: the slowest rate runs from the earlier figure's upper end to
    the later one's lower end, the fastest the other way. An open end gives −inf / +inf on its side. Empty when
    fewer than three points are a year apart (two points make one segment: nothing to compare)."""
    if series.n < 3:
        return []
    least = MIN_SPAN_YEARS - MIN_SPAN_SLACK_DAYS / 365.25
    t = series.t
    kept = [0]
    for i in range(1, series.n):
        if t[i] - t[kept[-1]] >= least:
            kept.append(i)
        elif i == series.n - 1 and len(kept) > 1:
            kept[-1] = i
    if len(kept) < 3:
        return []
    out = []
    for i, j in zip(kept[:-1], kept[1:], strict=True):
        span = float(t[j] - t[i])
        slow = _rate(series.high[i], series.low[j], span)
        fast = _rate(series.low[i], series.high[j], span)
        out.append(Segment(series.dates[i], series.dates[j], -np.inf if np.isnan(slow) else slow,
                           np.inf if np.isnan(fast) else fast))
    return out


def segment_text(segments: list[Segment]) -> str:
    """The segments in the one form reasons and notes use, read back by the reports layer:
    ``2018-12-31 to 2023-11-30: 0.3280 to 0.3330; …`` (dates ISO, rates as fractions a year)."""
    return "; ".join(f"{s.start} to {s.end}: {s.slowest:.4f} to {s.fastest:.4f}" for s in segments)


def constant_growth(series: SeriesData) -> tuple[bool, str]:
    """Whether the dated points of ``series`` agree with one constant growth rate (``(True, "")``), else
    ``(False, why)`` naming the segments. The rule: the segment rates' intervals (:func:`segment_rates`) lie within
    ``SEGMENT_RATE_TOLERANCE`` of each other (the fastest segment's slowest rate minus the slowest segment's
    fastest rate). Two points cannot disagree with themselves. Hubei's certified social workers: 12,922
    (end-2018) → 5.2万余 (Nov 2023) → 65,091 (Feb 2025) give 32.8%–33.3% then 18.8%–20.7% a year: they disagree,
    and the 30.3% first-to-last rate does not describe the recent pace."""
    segments = segment_rates(series)
    if not segments:
        return True, ""
    gap = max(s.slowest for s in segments) - min(s.fastest for s in segments)
    if not gap > SEGMENT_RATE_TOLERANCE:
        return True, ""
    return False, (f"{NOT_CONSTANT} (segment rates more than {SEGMENT_RATE_TOLERANCE * 100:.0f} points a year "
                   f"apart): {segment_text(segments)}")


#: The note of a series whose constancy cannot be checked: a middle point bounded on one side only (超过, 至少) leaves a
#: segment's rate open, so segments that may differ by more than the tolerance cannot be shown to agree (editor 11
#: E11-9: Hubei's 30149 → 超过8万 → 超10万). Followed by the segments (``segment_text``).
UNTESTED = "dated points bound the segment rates on one side only, so constant growth cannot be checked"


def constancy_untested(series: SeriesData) -> str:
    """``UNTESTED: <segments>`` when :func:`constant_growth` finds no disagreement only because a segment's rate
    is open on a side (a one-sided middle or end point): the one-sided test (even the bounds imply segments more
    than ``SEGMENT_RATE_TOLERANCE`` apart) refuses where it can, and what it cannot decide is said, never passed
    as agreement. "" when the segments are closed or absent, or already disagree."""
    segments = segment_rates(series)
    if not segments or not constant_growth(series)[0]:
        return ""
    if all(np.isfinite(s.slowest) and np.isfinite(s.fastest) for s in segments):
        return ""
    return f"{UNTESTED}: {segment_text(segments)}"


#: What a refused constant-rate path gives instead, per model (phrasing.FALLBACK_WORDS words each).
CONSTANCY_FALLBACK = {"projection": "the growth of each segment, no projection",
                      "attainment": "gap to target, the growth of each segment, no attainment year"}


def _constancy_gate(model: str, series: SeriesData) -> Decision | None:
    """Refuse anything that runs at one constant rate into the future (a scenario projection, an attainment year)
    when the dated points disagree with constant growth (:func:`constant_growth`), whatever the rate is read from:
    the first and last points or a log-linear trend through every point (the trend's interval is scatter about one
    line, not a change of pace). None when the points agree or are too few to have segments."""
    if series.n < 3:
        return None
    agree, why = constant_growth(series)
    if agree:
        untested = constancy_untested(series)  # "cannot test" is not "consistent" (editor 11 E11-9)
        if not untested:
            return None
        return Decision(model, False, f"a projection at one constant rate (first-to-last or trend) cannot be "
                        f"checked against its dated segments: {untested}", series.n, CONSTANCY_FALLBACK[model])
    return Decision(model, False, f"a projection at one constant rate (first-to-last or trend) would run against "
                    f"its dated segments: {why}", series.n, CONSTANCY_FALLBACK[model])


def _cagr(series: SeriesData) -> Decision:
    return _chain(_growth_gate("cagr", series), _count("cagr", series.n, 2, "CAGR", "level only"),
                  _span_gate("cagr", series), _one_sided_gate("cagr", series))


def _projection(series: SeriesData) -> Decision:
    what = "deterministic projection (scenario, not a confidence interval)"
    return _chain(_growth_gate("projection", series), _count("projection", series.n, 2, what, "level only"),
                  _span_gate("projection", series), _one_sided_gate("projection", series),
                  _constancy_gate("projection", series))


def _attainment(series: SeriesData) -> Decision:
    """The year a target is reached at the current pace (MODELS.md P3): the CAGR's conditions, and no
    disagreement of the dated segments with constant growth (the year is a projection at one rate)."""
    return _chain(_cagr(series), _constancy_gate("attainment", series))


def _loglinear(series: SeriesData) -> Decision:
    fb = ("CAGR between the first and last points" if series.n >= 2 and growth_side(series)[0] != "none"
          else "level only")
    what = "log-linear OLS with t(n−2) intervals (n−2 ≥ 2 degrees of freedom)"
    return _chain(_growth_gate("loglinear", series), _count("loglinear", series.n, MIN_POINTS["loglinear"], what, fb),
                  _span_gate("loglinear", series), _open_gate("loglinear", series))


def _fieller(series: SeriesData) -> Decision:
    fb = "sensitivity table from the CAGR band of the first and last points" if series.n >= 2 else \
        "level and gap only"
    return _chain(_growth_gate("fieller", series),
                  _count("fieller", series.n, MIN_POINTS["fieller"], "Fieller attainment interval", fb),
                  _span_gate("fieller", series), _open_gate("fieller", series))


def _hac(series: SeriesData) -> Decision:
    gate = _first(_growth_gate("hac", series), _open_gate("hac", series))
    if gate is not None:
        return gate
    if series.n < MIN_POINTS["hac"]:
        return Decision("hac", False, "HAC standard errors need ≥ 15 regular points", series.n,
                        "classical OLS t(n−2) intervals")
    if not is_regular(series.dates):
        return Decision("hac", False, "HAC standard errors need equally spaced points; these dates are irregular",
                        series.n, "classical OLS t(n−2) intervals")
    return Decision("hac", True, "≥ 15 regular points: HAC (Newey–West) standard errors", series.n)


def _ets(series: SeriesData) -> Decision:
    gate = _first(_growth_gate("ets", series), _open_gate("ets", series))
    if gate is not None:
        return gate
    if series.n < MIN_POINTS["ets"]:
        return Decision("ets", False, "ETS (Holt) needs ≥ 10 regular annual points", series.n, "log-linear OLS")
    if not is_regular_annual(series.dates):
        return Decision("ets", False, "ETS needs equally spaced annual data; irregular dates are never interpolated",
                        series.n, "log-linear OLS")
    return Decision("ets", True, "≥ 10 regular annual points: ETS (Holt, additive on logs)", series.n)


def _share_gate(model: str, series: SeriesData) -> tuple[Decision | None, int]:
    if series_type(series) != "share":
        name = series.context.name_en or series.context.indicator or "unknown indicator"
        return Decision(model, False, f"logistic coverage models apply to coverage rates in percent ({name} is not "
                        "one)", series.n, "level"), 0
    return None, int(fit_points(series).sum())


def _logistic(series: SeriesData) -> Decision:
    gate, n = _share_gate("logistic", series)
    gate = _first(gate, _open_gate("logistic", series))
    if gate is not None:
        return gate
    if n < 2:
        saturated = bool(np.any(series.mid >= SATURATION))
        return Decision("logistic", False, "logistic with K = 100% needs ≥ 2 points strictly between 0% and 100% "
                        + ("(an observed 100% is saturation, not a point to fit)" if saturated else
                           f"(only {n} below 100%; none at 100%)"), n,
                        "level; saturation noted" if saturated else "coverage levels listed")
    span = _span_gate("logistic", series.subset(fit_points(series)), n)
    if span is not None:
        return span
    if 2 < n < MIN_POINTS["logistic_glm"]:
        return Decision("logistic", False, f"a fractional-logit fit needs ≥ {MIN_POINTS['logistic_glm']} points for "
                        f"an interval with ≥ 2 degrees of freedom ({n} between 0% and 100%)", n,
                        "coverage levels listed")
    how = "exact rate from 2 points" if n == 2 else "fractional-logit GLM (Binomial, scale X2)"
    return Decision("logistic", True, f"logistic with K = 100%: {how}", n)


def _logistic_free(series: SeriesData) -> Decision:
    mask = fit_points(series)
    n = int(mask.sum())
    if series_type(series) == "level":
        return Decision("logistic_free", False, "free-ceiling logistic needs a stock or a coverage rate", n, "level")
    gate = _open_gate("logistic_free", series)
    if gate is not None:
        return gate
    if n < MIN_POINTS["logistic_free"]:
        return Decision("logistic_free", False, "logistic with free ceiling needs ≥ 6 points spanning the "
                        "inflection", n, "logistic with K = 100% or log-linear OLS")
    if not spans_inflection(series.t[mask], series.mid[mask]):
        return Decision("logistic_free", False, "logistic with free ceiling needs points on both sides of the "
                        "inflection (steepest rise inside the observed range)", n,
                        "logistic with K = 100% or log-linear OLS")
    return Decision("logistic_free", True, "≥ 6 points spanning the inflection: free-ceiling logistic", n)


def _level(series: SeriesData) -> Decision:
    return _count("level", series.n, 1, "a level", "nothing to show")


#: Registry of per-series rules, keyed by model name.
RULES: dict[str, Callable[[SeriesData], Decision]] = {
    "level": _level, "cagr": _cagr, "projection": _projection, "loglinear": _loglinear, "fieller": _fieller,
    "hac": _hac, "ets": _ets, "logistic": _logistic, "logistic_free": _logistic_free, "attainment": _attainment,
}


def decide(series: SeriesData, model: str) -> Decision:
    """Apply the rule for ``model`` to ``series``.

    Raises
    ------
    KeyError
        Unknown model name (the message lists the known ones).
    """
    if model in series.decisions:
        return series.decisions[model]
    try:
        rule = RULES[model]
    except KeyError:
        raise KeyError(f"no gatekeeper rule for model {model!r}; known: {sorted(RULES)}") from None
    decision = series.decisions[model] = rule(series)
    if logger.isEnabledFor(logging.DEBUG):  # the reason is a formatted string: built only when it is logged
        logger.debug("%s %s: %s", series.context.region_code, series.context.indicator, decision.reason)
    return decision


def decide_all(series: SeriesData) -> dict[str, Decision]:
    """Every per-series rule applied to ``series``, keyed by model name."""
    return {name: decide(series, name) for name in RULES}


def decide_beta(n_regions: int) -> Decision:
    """β-convergence: ≥ 15 regions each with two points of one definition."""
    ok = n_regions >= MIN_REGIONS
    return Decision("beta", ok, "β-convergence needs ≥ 15 regions with two points of one definition", n_regions,
                    None if ok else "unpooled CAGRs per region")


def decide_mixed(points_per_region: Mapping[str, int]) -> Decision:
    """MixedLM: ≥ 15 regions, of which ≥ 5 have ≥ 3 points."""
    n_regions = sum(1 for v in points_per_region.values() if v >= 1)
    rich = sum(1 for v in points_per_region.values() if v >= MIN_RICH_POINTS)
    ok = n_regions >= MIN_REGIONS and rich >= MIN_RICH_REGIONS
    rule = (f"MixedLM needs ≥ 15 regions of which ≥ 5 have ≥ 3 points (regions: {n_regions}, with ≥ 3 points: "
            f"{rich})")
    return Decision("mixedlm", ok, rule, n_regions, None if ok else "unpooled CAGRs per region")
