"""Model results for reports: read the one results table the build writes (or compute it), and turn its rows
into the growth-and-gaps table, the model sentences of the key findings and the list of what was refused."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pandas as pd

log = logging.getLogger(__name__)

# Which model rows a report quotes, in this order; level rows repeat the key-figures table and are left out.
QUOTED_MODELS = ("gap", "required_growth", "cagr", "projection", "loglinear", "logistic", "attainment",
                 "staffing_gap", "gini", "theil", "sigma")
FINDING_MODELS = ("loglinear", "required_growth", "cagr", "gap", "staffing_gap")
#: Models whose finding states a series' growth rate: the key findings give at most one of them per series (the
#: first in FINDING_MODELS order, the trend through every point), so two findings never state two rates of one
#: series without saying which is which (editor 9, N-2). The growth-rates table keeps both, each named by method.
RATE_MODELS = ("loglinear", "cagr")
#: Models about a target: a key finding only while the target lies ahead of the region's latest dated figure (a
#: 2015 target measured from 2012 belongs in the growth-and-gaps table of a report whose data run to 2024, not in
#: its key findings).
TARGET_MODELS = ("required_growth", "gap", "attainment")


def load_model_results(clean: pd.DataFrame, path: str | Path | None = None) -> pd.DataFrame:
    """The fit stage's table (`path`, a results.parquet checked against stages.results_schema); fitted on `clean`
    here when no path is given."""
    if path:
        from swtoolkit.stages import read_results

        return read_results(path)
    from swtoolkit.models import fit_all

    log.info("no model results given: fitting models now")
    return fit_all(clean)


def region_rows(results: pd.DataFrame, region_code: str) -> pd.DataFrame:
    return results[results["region_code"] == region_code]


def quoted(results: pd.DataFrame, region_code: str) -> pd.DataFrame:
    """Allowed rows worth quoting for a region, one per model × indicator × statistic, in QUOTED_MODELS order."""
    rows = region_rows(results, region_code)
    rows = rows[rows["allowed"] & rows["model"].isin(QUOTED_MODELS)]
    order = {m: i for i, m in enumerate(QUOTED_MODELS)}
    rows = rows.assign(_order=rows["model"].map(order)).sort_values(["_order", "indicator", "statistic"])
    return rows.drop(columns="_order").drop_duplicates(["model", "indicator", "statistic", "figure_ids"])


def quoted_with_companions(results: pd.DataFrame, region_code: str, models: tuple[str, ...] = QUOTED_MODELS
                           ) -> list[tuple[dict, dict[str, dict]]]:
    """Allowed headline rows of ``models`` for a region, in ``models`` order, each with its companion rows.

    A headline row is one a sentence is written for; its companions are the other statistics of the same model and
    figures (a gap's attainment, log-scale progress and plan share elapsed) that the sentence reads.
    Returns ``[(row, {statistic: row})]`` with rows as dicts.
    """
    from swtoolkit.reports.phrasing import COMPANION_STATS

    rows = region_rows(results, region_code)
    rows = rows[rows["allowed"] & rows["model"].isin(models)]
    order = {m: i for i, m in enumerate(models)}
    rows = rows.assign(_order=rows["model"].map(order)).sort_values(["_order", "indicator", "statistic"],
                                                                      kind="stable")
    out = []
    records = rows.drop(columns="_order").to_dict("records")
    for r in records:
        if r["statistic"] in COMPANION_STATS.get(r["model"], ()):
            continue
        companions = {c["statistic"]: c for c in records if c["model"] == r["model"]
                      and c["figure_ids"] == r["figure_ids"] and c is not r}
        out.append((r, companions))
    return out


#: Words of the comparability gate's refusals (definitions, targets, norms, dates): listed before the refusals
#: for too few points, which every thin series shares.
COMPARABILITY_WORDS = ("scope", "flow", "proposal", "practice", "undated", "bound", "six months", "restates",
                       "definitions differ", "units as written", "part of the region", "saturation", "edition",
                       "constant growth")


def is_comparability_refusal(reason: str) -> bool:
    """True for a refusal of the comparability gate (definitions, targets, norms, dates), False for too few
    points or regions."""
    return any(word in str(reason) for word in COMPARABILITY_WORDS)


def refusals(results: pd.DataFrame, region_code: str) -> pd.DataFrame:
    """What the data did not allow for this region: each reason with the number of series it applied to (``series``),
    the indicators and models refused for it (``indicators``, ``models``: lists of keys) and the figures those runs
    rested on (``figure_ids``: a list, each id once; what the audit lists beside the limitation line), the
    comparability refusals first (they say why two figures were not set side by side), then by frequency."""
    rows = region_rows(results, region_code)
    rows = rows[~rows["allowed"]]
    if rows.empty:
        return pd.DataFrame(columns=["reason", "series", "indicators", "models", "figure_ids"])
    ids = rows["figure_ids"] if "figure_ids" in rows else pd.Series("", index=rows.index)
    rows = rows.assign(figure_ids=ids.fillna("").astype(str))
    table = rows.groupby("reason", sort=True).agg(
        series=("model", "size"), indicators=("indicator", lambda s: list(dict.fromkeys(map(str, s)))),
        models=("model", lambda s: list(dict.fromkeys(map(str, s)))),
        figure_ids=("figure_ids", lambda s: list(dict.fromkeys(i for t in s for i in re.split(r"[;\s]+", t) if i)))
    ).reset_index()
    table["_gate"] = ~table["reason"].str.contains("|".join(COMPARABILITY_WORDS), regex=True)
    return table.sort_values(["_gate", "series"], ascending=[True, False]).drop(columns="_gate")
