"""C4: pooled growth across regions with MixedLM, only where the panel can carry it.

Allowed only with ≥ 15 regions of which ≥ 5 have ≥ 3 points, only in the fixed-level / random-slope form
(each region's level a fixed effect, ``C(region_code)``; slopes random, ``re_formula="0 + tc"``: regions differ
in size far more than in growth, so a common level would be misspecified), and only when the optimiser reports
``converged``; otherwise the report shows unpooled CAGRs. Expect most real indicators to be refused.
"""

from __future__ import annotations

import logging
import math
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf

from swtoolkit.errors import ModelRefusedError
from swtoolkit.models._capture import capture_warnings
from swtoolkit.models.gatekeeper import decide_mixed
from swtoolkit.models.results import Context, ModelResult, fmt_rate
from swtoolkit.models.timebase import decimal_year

logger = logging.getLogger(__name__)


def mixedlm_fit(formula: str, data: pd.DataFrame, groups: str, re_formula: str | None = None,
                notes: list[str] | None = None) -> Any:
    """``smf.mixedlm(formula, data, groups=data[groups], re_formula=...).fit()`` with warnings captured.

    Why a wrapper: ConvergenceWarnings must land in ``notes``, and ``converged`` must be checked by the caller.
    """
    sink = notes if notes is not None else []
    with capture_warnings(sink, "MixedLM"):
        model = smf.mixedlm(formula, data, groups=data[groups], re_formula=re_formula)
        return model.fit()


def fit_mixed(panel: pd.DataFrame, context: Context | None = None, alpha: float = 0.05) -> ModelResult:
    """Pooled log-linear growth with region-specific random slopes.

    Parameters
    ----------
    panel : DataFrame
        Columns ``region_code``, ``ref_date``, ``value`` of one indicator (one definition family).

    Returns
    -------
    ModelResult
        ``estimate`` is the pooled annual growth exp(b) − 1 with its confidence interval; ``tables["random"]`` has
        each region's slope deviation.

    Raises
    ------
    ModelRefusedError
        Too few regions or rich regions, non-positive values, or no convergence (fallback: unpooled CAGRs).
    """
    df = panel[["region_code", "ref_date", "value"]].copy()
    if (df["value"] <= 0).any():
        raise ModelRefusedError("mixedlm", "log growth needs positive values", fallback="unpooled CAGRs")
    counts = df.groupby("region_code")["ref_date"].nunique().to_dict()
    decide_mixed(counts).require()
    df["t"] = [decimal_year(d) for d in df["ref_date"]]
    df["tc"] = df["t"] - df["t"].mean()
    df["ly"] = np.log(df["value"].astype(float))
    notes: list[str] = ["fixed region levels, random slopes only (re_formula='0 + tc')"]
    res = mixedlm_fit("ly ~ C(region_code) + tc", df, "region_code", re_formula="0 + tc", notes=notes)
    if not res.converged:
        raise ModelRefusedError("mixedlm", "optimiser did not converge", n_points=len(counts),
                                fallback="unpooled CAGRs")
    b = float(res.fe_params["tc"])
    lo, hi = (float(v) for v in res.conf_int(alpha).loc["tc"])
    g = math.expm1(b)
    c = context or Context()
    random = pd.DataFrame({"region_code": list(res.random_effects),
                           "slope_deviation": [float(np.ravel(v)[0]) for v in res.random_effects.values()]})
    zh = f"{len(counts)}个地区{c.name_zh}的合并年均增长为{fmt_rate(g)}（随机斜率混合模型）。"
    en = (f"Pooled over {len(counts)} regions, {c.what_en} grows {fmt_rate(g)} a year "
          "(mixed model with random slopes).")
    return ModelResult("mixedlm", "MixedLM ly ~ C(region) + tc, groups=region, re_formula='0 + tc'", len(df), g,
                       "fraction per year", statistic="pooled annual growth", low=math.expm1(lo), high=math.expm1(hi),
                       interval=f"{(1 - alpha) * 100:.0f}% confidence interval (Wald)", context=c, notes=notes,
                       statement_zh=zh, statement_en=en, tables={"random": random}, raw=res)
