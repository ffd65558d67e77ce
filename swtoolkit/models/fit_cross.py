"""Cross-region rows of ``fit_all``: σ-convergence, Gini/Theil, years behind, β-convergence and MixedLM decisions.

Regions are compared only within one indicator, one kind and one level (prefectures of one province, or provinces).
Gini, Theil and years-behind run on coverage shares only: counts from regions of different sizes are not comparable
without a population denominator.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pandas as pd

from swtoolkit.errors import ModelRefusedError
from swtoolkit.models.comparability import (
    MIN_REGIONS_INEQUALITY,
    THIN_SET_REASON,
    common_window,
    sigma_gate,
    variation_gate,
    within_window_by_year,
)
from swtoolkit.models.gaps import years_behind
from swtoolkit.models.gatekeeper import Decision, decide_beta, decide_mixed, series_type
from swtoolkit.models.inequality import beta_convergence, inequality, sigma_convergence
from swtoolkit.models.mixed import fit_mixed
from swtoolkit.models.results import Context, ModelResult, refusal_row
from swtoolkit.models.series import SeriesData
from swtoolkit.models.timebase import to_date

logger = logging.getLogger(__name__)

Record = dict[str, Any]
MIN_CROSS_REGIONS = MIN_REGIONS_INEQUALITY  # the gate's threshold for inequality and convergence measures
LEVEL_ZH = {"prefecture": "各州（市）", "county": "各县（市、区）", "province": "各省（区、市）"}
LEVEL_EN = {"prefecture": "prefectures", "county": "counties", "province": "provinces"}


def decision_row(ctx: Context, d: Decision, ids: list[str], notes: list[str] | None = None) -> Record:
    """A results row stating a gatekeeper decision (used for refusals and for covariance choices)."""
    row = refusal_row(ctx, d.model, d.reason, d.n_points, notes, ids)
    row["allowed"] = d.allowed
    return row


def run(fn: Callable[[], ModelResult], ctx: Context, model: str, n: int, ids: list[str]) -> list[Record]:
    """Call a fit; a refusal at fit time (e.g. inflection out of range) becomes a row, never an exception."""
    try:
        return fn().to_records()
    except ModelRefusedError as exc:
        n_points = exc.n_points if exc.n_points is not None else n
        return [refusal_row(ctx, model, f"refused: {exc}", n_points, None, ids)]


def scope_of(first: Any, names: dict[str, tuple[str, str]]) -> tuple[str, str, str] | None:
    """(code, Chinese name, English name) of the group a region is compared within, or None (country level)."""
    level = str(first["region_level"])
    if level == "province":
        return "CN", "全国" + LEVEL_ZH[level], "provinces of China"
    if level not in LEVEL_ZH:
        return None
    code = str(first["province_code"])
    zh, en = names.get(code) or _region_names(code)
    return code, zh + LEVEL_ZH[level], f"{LEVEL_EN[level]} of {en}"


def _region_names(code: str) -> tuple[str, str]:
    """(Chinese, English) name of a province from the region table, for a group whose province has no figure of
    its own (never its code in a sentence: "530000各州（市）")."""
    from swtoolkit import regions

    try:
        found = regions.get(code)
    except Exception:  # noqa: BLE001 - an unknown code is named by itself, as before
        return code, code
    return found.name_zh, found.name_en


#: One comparison group: (indicator, kind, scope code, scope name zh, scope name en, the regions' series).
ScopeTask = tuple[str, str, str, str, str, list[SeriesData]]


def cross_tasks(items: list[tuple[Any, SeriesData]], indicator: str, kind: str,
                names: dict[str, tuple[str, str]]) -> list[ScopeTask]:
    """The comparison groups of one indicator and kind: by level and province, two regions or more each.

    ``items`` pairs each series with its first clean row (a Series or a dict with ``region_level`` and
    ``province_code``). Each group is independent of the others, so ``fit_all`` may fit them in parallel.
    """
    scopes: dict[tuple[str, str, str, str], list[SeriesData]] = {}
    for first, s in items:
        scope = scope_of(first, names)
        if scope is not None:
            scopes.setdefault((str(first["region_level"]), *scope), []).append(s)
    return [(indicator, kind, code, name_zh, name_en, series)
            for (_, code, name_zh, name_en), series in scopes.items() if len(series) >= 2]


def scope_rows(task: ScopeTask, alpha: float) -> list[Record]:
    """Rows comparing the regions of one group: σ-convergence; Gini/Theil/years behind or β/MixedLM decisions."""
    indicator, kind, code, name_zh, name_en, series = task
    rows: list[Record] = []
    c0 = series[0].context
    ctx = Context(code, name_zh, indicator, c0.family, c0.name_zh, c0.name_en, c0.unit, kind)
    # each point with its whole date interval (date_low, date_high): regions compared in a year lie within six
    # months of each other over every day their figures may refer to (comparability.within_window_by_year)
    panel = pd.DataFrame([{"region_code": s.context.region_code, "ref_date": d.isoformat(), "value": v,
                           "date_low": s.span(i)[0].isoformat(), "date_high": s.span(i)[1].isoformat()}
                          for s in series for i, (d, v) in enumerate(zip(s.dates, s.mid, strict=True))])
    ids = [f for s in series for f in s.all_figure_ids]
    stype = series_type(series[0])
    rows += _sigma_rows(panel, ctx, name_en, ids, is_rate=stype == "share")
    if stype == "share":
        rows += _share_rows(series, ctx, name_en, ids)
    if stype != "growth":
        return rows
    n_two = sum(1 for s in series if s.n >= 2)
    d = decide_beta(n_two)
    rows += (run(lambda p=panel, c=ctx: beta_convergence(p, c), ctx, "beta", n_two, ids) if d.allowed
             else [decision_row(ctx, d, ids)])
    d = decide_mixed({s.context.region_code: s.n for s in series})
    rows += (run(lambda p=panel, c=ctx: fit_mixed(p, c, alpha), ctx, "mixedlm", d.n_points, ids) if d.allowed
             else [decision_row(ctx, d, ids)])
    return rows


def cross_rows(items: list[tuple[Any, SeriesData]], indicator: str, kind: str,
               names: dict[str, tuple[str, str]], alpha: float) -> list[Record]:
    """Rows comparing regions for one indicator and kind, grouped by level and province."""
    return [row for task in cross_tasks(items, indicator, kind, names) for row in scope_rows(task, alpha)]


def _sigma_rows(panel: pd.DataFrame, ctx: Context, name_en: str, ids: list[str], is_rate: bool) -> list[Record]:
    """σ-convergence over the regions that have a figure in every year compared (a balanced set), rates only."""
    if panel.empty:
        return []
    years = pd.Series([to_date(d).year for d in panel["ref_date"]], index=panel.index)
    panel = panel[within_window_by_year(panel, years)]
    years = years[panel.index]
    by_year = {int(y): set(panel.loc[years == y, "region_code"]) for y in sorted(years.unique())}
    enough = {y: regs for y, regs in by_year.items() if len(regs) >= MIN_CROSS_REGIONS}
    compared = {y: regs for y, regs in by_year.items() if len(regs) >= 2}
    if len(enough) < 2 and len(compared) < 2:  # one year, or one region a year: nothing to converge
        return []
    # too thin a set is refused by the gate with its reason, never left out without a word
    gate, common = sigma_gate(enough if len(enough) >= 2 else compared, is_rate)
    by_year = enough
    if not gate.allowed:
        return [decision_row(ctx, gate, ids)]
    balanced = panel[panel["region_code"].isin(common) & years.isin(list(by_year))]
    if is_rate:  # a share saturated at 100% in most regions: its spread measures the ceiling (variation_gate)
        for year in sorted(by_year):
            values = list(balanced.loc[years[balanced.index] == year].sort_values("ref_date")
                          .groupby("region_code")["value"].last())
            saturated = variation_gate(values, "sigma", ceiling=100.0)
            if not saturated.allowed and "ceiling" in saturated.rule:
                return [decision_row(ctx, Decision("sigma", False, f"in {year} {saturated.rule}",
                                                   saturated.n_points, saturated.fallback), ids)]
    sigma = sigma_convergence(balanced)
    rows = []
    for r in sigma.itertuples():
        row = refusal_row(ctx, "sigma", f"allowed: σ-convergence (coefficient of variation), descriptive; {gate.rule}",
                          int(r.n), ["regions are a census: descriptive, no sampling interval"], ids,
                          statistic=f"coefficient of variation {r.year}")
        row.update({"allowed": True, "estimate": float(r.cv), "unit": "ratio",
                    "start_date": r.first_date.isoformat(), "end_date": r.last_date.isoformat()})
        rows.append(row)
    return rows


def _share_rows(series: list[SeriesData], ctx: Context, name_en: str, ids: list[str]) -> list[Record]:
    """Gini/Theil of a coverage rate at the latest year shared by ≥ MIN_CROSS_REGIONS regions (fewer: refused by
    the gate with its reason); years behind the leader."""
    rows: list[Record] = []
    by_year: dict[int, dict[str, tuple[SeriesData, int]]] = {}
    for s in series:
        for i, d in enumerate(s.dates):
            by_year.setdefault(d.year, {})[s.context.region_code] = (s, i)
    years = [y for y, v in by_year.items() if len(v) >= MIN_CROSS_REGIONS]
    compared = [y for y, v in by_year.items() if len(v) >= 2]
    if not years and compared:  # regions are compared, but too few for the measure: the gate says why
        thin = by_year[max(compared, key=lambda y: (len(by_year[y]), y))]
        mid = [float(s.mid[i]) for s, i in thin.values()]
        for measure in ("gini", "theil"):
            rows.append(decision_row(ctx, variation_gate(mid, measure, ceiling=100.0), ids))
    if years:
        at_year = by_year[max(years)]
        # regions set against each other lie within six months of each other, not only in one calendar year
        kept, far = common_window({code: [s.span(i)] for code, (s, i) in at_year.items()})
        latest = [at_year[c] for c in sorted(kept)]
        notes = [f"{c} left out: {why}" for c, why in sorted(far.items())]
        if len(latest) < MIN_CROSS_REGIONS:
            for measure in ("gini", "theil"):
                rows.append(refusal_row(ctx, measure, f"refused: {measure} needs ≥ {MIN_CROSS_REGIONS} regions dated "
                                        f"within six months of each other ({len(latest)} in {max(years)}): "
                                        f"{THIN_SET_REASON}; fallback: levels listed", len(latest), notes, ids))
            latest = []
    if years and latest:
        lo, mid, hi = ([float(getattr(s, e)[i]) for s, i in latest] for e in ("low", "mid", "high"))
        dates = [s.dates[i] for s, i in latest]
        for measure in ("gini", "theil"):
            gate = variation_gate(mid, measure, ceiling=100.0)
            if not gate.allowed:
                rows.append(decision_row(ctx, gate, ids))
                continue
            res = inequality(lo, mid, hi, measure, context=ctx, figure_ids=ids, scope_en=name_en)
            # the figures' own dates, never the year's end they do not state (mid-2022 is not "end-2022")
            res.start_date, res.end_date = to_date(min(dates)), to_date(max(dates))
            res.notes += notes
            rows += res.to_records()
    ranked = [s for s in series if s.n >= 2]
    if ranked:
        leader = max(ranked, key=lambda s: s.mid[-1])
        for s in series:
            if s is leader or s.mid[-1] <= 0:
                continue
            res = years_behind(float(s.mid[-1]), s.dates[-1], leader.dates, list(leader.mid), s.context)
            res.figure_ids = s.figure_ids[-1] + leader.all_figure_ids
            rows += res.to_records()
    return rows
