"""Across regions: Gini and Theil (C3), σ-convergence (C2) and β-convergence (C1).

Regions are a census, not a sample: inequality measures carry a sensitivity band from the bounds of qualified
figures, never bootstrap "sampling" intervals. β-convergence is a WLS with HC3 errors and only with ≥ 15 regions;
its note warns of Galton's fallacy (regression to the mean looks like convergence).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf

from swtoolkit.errors import ModelRefusedError
from swtoolkit.models._capture import capture_warnings
from swtoolkit.models.gatekeeper import decide_beta
from swtoolkit.models.results import Context, ModelResult
from swtoolkit.models.timebase import decimal_year, to_date

logger = logging.getLogger(__name__)

GALTON = ("β < 0 is consistent with convergence but also with regression to the mean (Galton's fallacy); "
          "read it with the σ-convergence table")


def _prepare(values: Sequence[float], weights: Sequence[float] | None, measure: str = "inequality"
             ) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(values, dtype=float)
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)

    def refuse(rule: str) -> ModelRefusedError:
        return ModelRefusedError(measure, rule, n_points=int(x.size))

    if x.ndim != 1 or x.shape != w.shape or x.size == 0:
        raise refuse("values and weights must be 1-d and of the same non-zero length")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(w))):
        raise refuse("values and weights must be finite")
    if np.any(x < 0) or np.any(w < 0) or w.sum() <= 0:
        raise refuse("values and weights must be non-negative, with positive total weight")
    if np.average(x, weights=w) <= 0:
        raise refuse("the mean must be positive")
    return x, w


def gini(values: Sequence[float], weights: Sequence[float] | None = None) -> float:
    """Gini coefficient, ΣΣ wᵢwⱼ|xᵢ − xⱼ| / (2 W² μ) (population form: Gini(1..10) = 0.3).

    With integer ``weights`` it equals the Gini of the duplicated observations, so population weights behave as
    counts of people.
    """
    x, w = _prepare(values, weights, "gini")
    order = np.argsort(x)
    x, w = x[order], w[order]
    total_w = w.sum()
    mu = float(np.dot(w, x) / total_w)
    # Σᵢ Σⱼ wᵢ wⱼ |xᵢ − xⱼ| = 2 Σᵢ wᵢ xᵢ (W_{<i} − W_{>i}) on sorted x
    cum_before = np.cumsum(w) - w
    cum_after = total_w - np.cumsum(w)
    s = 2.0 * float(np.sum(w * x * (cum_before - cum_after)))
    return float(s / (2.0 * total_w**2 * mu))


def theil(values: Sequence[float], weights: Sequence[float] | None = None) -> float:
    """Theil T index, Σ (wᵢ/W)(xᵢ/μ) ln(xᵢ/μ), with 0·ln 0 = 0 (Theil(1, 3) = 0.130812)."""
    x, w = _prepare(values, weights, "theil")
    mu = float(np.average(x, weights=w))
    r = x / mu
    terms = np.where(r > 0, r * np.log(np.where(r > 0, r, 1.0)), 0.0)
    return float(np.average(terms, weights=w))


def theil_decomposition(values: Sequence[float], groups: Sequence[str], weights: Sequence[float] | None = None
                        ) -> pd.DataFrame:
    """Theil T split into between-group and within-group parts (they add up to the total).

    Returns
    -------
    DataFrame
        One row per group (``group, weight, mean, share, theil``; ``share`` is the group's share of the total
        sum) plus rows ``between``, ``within`` and ``total`` in ``group`` with the component in ``theil``.
    """
    x, w = _prepare(values, weights)
    g = np.asarray(groups)
    mu, total_w = float(np.average(x, weights=w)), float(w.sum())
    rows, between, within = [], 0.0, 0.0
    for name in pd.unique(g):
        m = g == name
        mu_g, w_g = float(np.average(x[m], weights=w[m])), float(w[m].sum())
        share = w_g * mu_g / (total_w * mu)
        t_g = theil(x[m], w[m]) if mu_g > 0 else 0.0
        if mu_g > 0:
            between += share * math.log(mu_g / mu)
        within += share * t_g
        rows.append({"group": name, "weight": w_g, "mean": mu_g, "share": share, "theil": t_g})
    rows += [{"group": "between", "theil": between}, {"group": "within", "theil": within},
             {"group": "total", "theil": theil(x, w)}]
    return pd.DataFrame(rows)


def inequality(low: Sequence[float], mid: Sequence[float], high: Sequence[float], measure: str = "gini",
               weights: Sequence[float] | None = None, context: Context | None = None,
               figure_ids: list[str] | None = None, scope_en: str = "") -> ModelResult:
    """Gini or Theil across regions on midpoints, with the sensitivity band from lower and upper ends.

    ``context.region_name`` names the group in Chinese (云南省各州（市）), ``scope_en`` in English.
    """
    fn = {"gini": gini, "theil": theil}.get(measure)
    if fn is None:
        raise ValueError(f"measure must be 'gini' or 'theil', not {measure!r}")  # a programming error
    est = fn(mid, weights)
    band = {"lower ends": fn(low, weights), "midpoints": est, "upper ends": fn(high, weights)}
    c = context or Context()
    notes = ["regions are a census: the band shows sensitivity to bounds, not sampling error"]
    return ModelResult(measure, f"{measure.title()} index across regions", len(mid), est, "index",
                       statistic=f"{measure} across regions", band=band, context=c, figure_ids=figure_ids or [],
                       notes=notes)


def sigma_convergence(panel: pd.DataFrame) -> pd.DataFrame:
    """C2: coefficient of variation across regions per calendar year of ``ref_date``, with N per year.

    Parameters
    ----------
    panel : DataFrame
        Columns ``region_code``, ``ref_date``, ``value`` (one indicator; the latest figure per region and year).

    Returns
    -------
    DataFrame
        ``year, n, mean, sd, cv, first_date, last_date`` (sd with ddof = 0: regions are a census; the dates are the
        earliest and latest reference dates of the figures of that year, so a sentence never says "end of year"
        of mid-year figures); years with fewer than 2 regions dropped.
    """
    df = panel.copy()
    df["_date"] = [to_date(d) for d in df["ref_date"]]
    df["year"] = [d.year for d in df["_date"]]
    df = df.sort_values("_date").groupby(["year", "region_code"], as_index=False).last()
    out = df.groupby("year").agg(n=("value", "count"), mean=("value", "mean"),
                                 sd=("value", lambda v: float(np.std(v, ddof=0))),
                                 first_date=("_date", "min"), last_date=("_date", "max"))
    out = out[out["n"] >= 2].reset_index()
    out["cv"] = out["sd"] / out["mean"]
    return out


def beta_convergence(panel: pd.DataFrame, context: Context | None = None) -> ModelResult:
    """C1: ``wls("g ~ ly0 + T", weights=T).fit(cov_type="HC3")`` on each region's first and last points.

    g is the annual log growth ln(y₁/y₀)/T. Refused (ModelRefusedError) below 15 regions with two points.
    When every region spans the same T, the T term is dropped (it would be collinear with the constant).
    """
    df = panel.copy()
    df["_t"] = [decimal_year(d) for d in df["ref_date"]]
    df = df.sort_values("_t")
    rows = []
    for region, grp in df.groupby("region_code"):
        if len(grp) >= 2 and grp["_t"].iloc[-1] > grp["_t"].iloc[0]:
            y0, y1 = float(grp["value"].iloc[0]), float(grp["value"].iloc[-1])
            if y0 > 0 and y1 > 0:
                span = float(grp["_t"].iloc[-1] - grp["_t"].iloc[0])
                rows.append({"region_code": region, "ly0": math.log(y0), "T": span, "g": math.log(y1 / y0) / span})
    data = pd.DataFrame(rows)
    decide_beta(len(data)).require()
    notes = [GALTON]
    formula = "g ~ ly0 + T"
    if np.ptp(data["T"]) < 1e-9:
        formula = "g ~ ly0"
        notes.append("every region spans the same period: the T term is dropped")
    with capture_warnings(notes, "WLS"):
        res = smf.wls(formula, data, weights=data["T"]).fit(cov_type="HC3")
    beta = float(res.params["ly0"])
    lo, hi = (float(v) for v in res.conf_int().loc["ly0"])
    c = context or Context()
    return ModelResult("beta", f"WLS {formula}, weights T, HC3", len(data), beta, "per log unit",
                       statistic="β (growth on initial log level)", low=lo, high=hi,
                       interval="95% confidence interval, HC3", context=c, notes=notes, tables={"data": data}, raw=res)

