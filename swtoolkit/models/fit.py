"""``fit_all``: every model the data allow, for every region × indicator, as ONE tidy results table.

Load the clean table, split it into series of one indicator and one kind per region (targets and norms kept apart
as references), ask the gatekeeper, fit what is allowed, and write a row for what is refused with its reason and
fallback. No statsmodels/scipy warning leaves this function; each one is recorded in the ``notes`` column.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

import numpy as np
import pandas as pd

from swtoolkit.errors import SwtoolkitError, UnknownIndicatorError
from swtoolkit.models._capture import capture_warnings
from swtoolkit.models.fit_cross import Record, cross_rows, decision_row, run
from swtoolkit.models.gaps import (
    NORM_RULES,
    STAFFING_NORM_UNITS,
    NormInput,
    attainment_year,
    gap_to_target,
    required_vs_historical,
    staffing_gap,
)
from swtoolkit.models.gatekeeper import decide, series_type
from swtoolkit.models.growth import fit_cagr, fit_ets, fit_level, fit_loglinear, fit_projection
from swtoolkit.models.logistic import fit_logistic
from swtoolkit.models.results import OUTPUT_COLUMNS, Context, ModelResult, refusal_row
from swtoolkit.models.series import GROWTH_KINDS, BandSettings, SeriesData, from_frame, indicator_info, interval_of
from swtoolkit.models.timebase import to_date

logger = logging.getLogger(__name__)

REQUIRED_COLUMNS = ["figure_id", "region_code", "region_name", "region_level", "province_code", "indicator", "value",
                    "value_low", "value_high", "qualifier", "unit", "ref_date", "kind", "target_year"]
FITTERS: dict[str, Callable[..., ModelResult]] = {
    "level": fit_level, "cagr": fit_cagr, "projection": fit_projection, "loglinear": fit_loglinear, "ets": fit_ets,
    "logistic": fit_logistic, "logistic_free": partial(fit_logistic, ceiling=None),
}
#: Per series type, the models whose decision gets a row (``hac`` is a covariance choice: a decision row only).
ROWS_BY_TYPE = {
    "growth": ("level", "cagr", "projection", "loglinear", "hac", "ets", "logistic_free"),
    "share": ("level", "cagr", "logistic", "logistic_free"),
    "level": ("level", "cagr"),
}


def fit_all(clean: pd.DataFrame, settings: BandSettings | None = None, alpha: float = 0.05) -> pd.DataFrame:
    """Fit every allowed model on the clean table.

    Parameters
    ----------
    clean : DataFrame
        The clean contract (DESIGN.md): figure_id, region_code, region_name, region_level, province_code,
        indicator, value, value_low, value_high, qualifier, unit, ref_date, kind, target_year (+ optional columns).
        Rows with a ``place`` (one station, one school) or a ``subset`` are not the region's total and are left out.
    settings : BandSettings
        Open ends of qualified figures (default +10%), stated in every row that uses them.

    Returns
    -------
    DataFrame
        :data:`~swtoolkit.models.results.OUTPUT_COLUMNS`: one row per region × indicator × model/statistic, with
        ``allowed`` False rows giving the rule and fallback. Rates are fractions (0.13 = 13%); ``unit`` names the
        unit of ``estimate``; ``low``/``high`` are described by ``interval``; ``band_*`` is the sensitivity band.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in clean.columns]
    if missing:
        raise SwtoolkitError(f"fit_all: clean frame lacks column(s) {missing}")
    settings = settings or BandSettings()
    stray: list[str] = []
    with capture_warnings(stray, "fit_all"):
        rows = _fit_all(clean.copy(), settings, alpha)
    if stray:
        logger.info("warnings outside model calls: %s", stray)
        rows.append(refusal_row(Context(), "fit_all", "warnings raised outside model calls", 0, stray))
    out = pd.DataFrame(rows, columns=OUTPUT_COLUMNS)
    out["allowed"] = out["allowed"].astype(bool)
    return out.sort_values(["region_code", "indicator", "kind", "model"], kind="stable").reset_index(drop=True)


def _context(group: pd.DataFrame) -> Context:
    first = group.iloc[0]
    ctx = Context(region_code=str(first["region_code"]), region_name=str(first["region_name"]),
                  indicator=str(first["indicator"]), unit=str(first["unit"]), kind=str(first["kind"]),
                  region_name_en=str(first.get("region_name_en", "") or ""))
    try:
        info = indicator_info(ctx.indicator)
        ctx.family, ctx.name_zh, ctx.name_en, ctx.unit = info["family"], info["name_zh"], info["name_en"], info["unit"]
    except UnknownIndicatorError:
        pass
    return ctx


def _ids(frame: pd.DataFrame) -> list[str]:
    return [str(x) for x in frame["figure_id"]]


def _prepare(clean: pd.DataFrame) -> pd.DataFrame:
    clean["ref_date"] = clean["ref_date"].astype(str)
    for col in ("value", "value_low", "value_high"):
        clean[col] = pd.to_numeric(clean[col].replace("", np.nan), errors="coerce")
    for col in ("place", "subset"):  # a station's or a subgroup's figure is not the region's total
        if col in clean.columns:
            clean = clean[clean[col].fillna("").astype(str).str.strip() == ""]
    return clean


def _fit_all(clean: pd.DataFrame, settings: BandSettings, alpha: float) -> list[Record]:
    clean = _prepare(clean)
    rows: list[Record] = []
    built: dict[tuple[str, str], list[tuple[pd.Series, SeriesData]]] = {}
    for (_, indicator), group in clean.groupby(["region_code", "indicator"], sort=True):
        ctx = _context(group)
        if not ctx.family:
            rows.append(refusal_row(ctx, "all", f"refused: indicator {indicator!r} is not in the codebook",
                                    len(group), None, _ids(group)))
            continue
        targets = group[group["kind"] == "target"]
        kinds = [k for k in GROWTH_KINDS if (group["kind"] == k).any()]
        if not kinds and len(targets):
            rows.append(refusal_row(ctx, "gap", "refused: targets exist but no actual figure of this definition; "
                                    "fallback: target listed as text", 0, None, _ids(targets)))
        for kind in kinds:
            part = group[group["kind"] == kind]
            try:
                s = from_frame(part, settings)
            except SwtoolkitError as exc:
                rows.append(refusal_row(_context(part), "series", f"refused: {exc}", len(part), None, _ids(part)))
                continue
            rows += _series_rows(s, alpha)
            rows += _target_rows(s, targets, settings, alpha)
            built.setdefault((str(indicator), kind), []).append((part.iloc[0], s))
    for _, group in clean.groupby("region_code", sort=True):
        rows += _norm_rows(group, clean, settings)
    names = {str(k): (str(v["region_name"]), str(v.get("region_name_en", v["region_name"])))
             for k, v in clean.drop_duplicates("region_code").set_index("region_code").iterrows()}
    for (indicator, kind), items in built.items():
        rows += cross_rows(items, indicator, kind, names, alpha)
    return rows


def _series_rows(s: SeriesData, alpha: float) -> list[Record]:
    rows: list[Record] = []
    ids = s.all_figure_ids
    for model in ROWS_BY_TYPE[series_type(s)]:
        d = decide(s, model)
        if not d.allowed or model == "hac":
            rows.append(decision_row(s.context, d, ids))
            continue
        fitter = FITTERS[model]
        kwargs = {"alpha": alpha} if model in ("loglinear", "logistic", "logistic_free") else {}
        rows += run(lambda f=fitter, k=kwargs: f(s, **k), s.context, model, s.n, ids)
    return rows


def _target_value(row: pd.Series, settings: BandSettings) -> tuple[float, list[str]]:
    lo, hi, _ = interval_of(row, settings, str(row.get("unit", "")))
    q = str(row.get("qualifier") or "exact")
    if q in ("at_least", "more_than"):
        return lo, [f"target stated as a floor ('{q}'): the floor {lo:g} is used"]
    if q in ("at_most", "less_than"):
        return hi, [f"target stated as a ceiling ('{q}'): {hi:g} is used"]
    return (lo + hi) / 2, ([] if lo == hi else [f"target given as a range [{lo:g}, {hi:g}]: the midpoint is used"])


def _target_date(row: pd.Series) -> object:
    """The target's own year (target_year → year-end), never the announcement date; else its ref_date."""
    ty = str(row.get("target_year", "")).strip()
    if ty not in ("", "nan", "None", "<NA>"):
        return int(float(ty))
    return row["ref_date"]


def _target_rows(s: SeriesData, targets: pd.DataFrame, settings: BandSettings, alpha: float) -> list[Record]:
    rows: list[Record] = []
    for _, trow in targets.iterrows():
        target, tnotes = _target_value(trow, settings)
        tdate = _target_date(trow)
        ids = s.all_figure_ids + [str(trow["figure_id"])]
        band = None if s.exact else (float(s.low[-1]), float(s.high[-1]))
        base = (float(s.mid[0]), s.dates[0]) if s.n >= 2 else (None, None)
        out = run(lambda t=target, d=tdate, b=band, b0=base: gap_to_target(
            float(s.mid[-1]), s.dates[-1], t, d, b0[0], b0[1], s.context, b), s.context, "gap", s.n, ids)
        if series_type(s) == "growth":
            if to_date(tdate) > s.dates[-1]:
                trend = fit_loglinear(s, alpha=alpha) if decide(s, "loglinear").allowed else None
                out += run(lambda t=target, d=tdate, tr=trend: required_vs_historical(s, t, d, tr), s.context,
                           "required_growth", s.n, ids)
            d = decide(s, "cagr")
            if d.allowed:
                out += run(lambda t=target: attainment_year(s, t, alpha=alpha), s.context, "attainment", s.n, ids)
            else:
                out.append(refusal_row(s.context, "attainment", f"refused: attainment year: {d.rule}; fallback: "
                                       "gap to target", s.n, None, ids))
        for row in out:
            row["figure_ids"] = ";".join(ids)
            row["notes"] = " | ".join([n for n in [row["notes"] or "", *tnotes] if n])
        rows += out
    return rows


def _latest(clean: pd.DataFrame, region: str, indicator: str, settings: BandSettings) -> SeriesData | None:
    part = clean[(clean["region_code"] == region) & (clean["indicator"] == indicator) & (clean["kind"] == "actual")]
    if part.empty:
        return None
    try:
        return from_frame(part, settings)
    except SwtoolkitError:
        return None


def _norm_rows(group: pd.DataFrame, clean: pd.DataFrame, settings: BandSettings) -> list[Record]:
    """P4 per region: staffing norms grouped by the supply they concern; need = Σ norm × denominator."""
    rows: list[Record] = []
    region = str(group["region_code"].iloc[0])
    by_supply: dict[str, list[pd.Series]] = {}
    for _, nrow in group[group["kind"] == "norm"].iterrows():
        key = str(nrow["indicator"])
        unit = _unit_of(key)
        if not unit.startswith(STAFFING_NORM_UNITS):
            continue  # floor space, money or shares: not a staffing norm
        if key not in NORM_RULES:
            ctx = _context(group[group["indicator"] == key])
            rows.append(refusal_row(ctx, "staffing_gap", f"refused: no denominator indicator in the codebook for "
                                    f"'{unit}'; fallback: norm listed as text", 1, None, [str(nrow["figure_id"])]))
            continue
        by_supply.setdefault(NORM_RULES[key][1], []).append(nrow)
    for supply_key, norms in by_supply.items():
        info = indicator_info(supply_key)
        ctx = Context(region, str(group["region_name"].iloc[0]), supply_key, info["family"], info["name_zh"],
                      info["name_en"], info["unit"], "norm", str(group.iloc[0].get("region_name_en", "") or ""))
        inputs, missing, notes = [], [], []
        for nrow in norms:
            key = str(nrow["indicator"])
            denom_key = NORM_RULES[key][0]
            denom = _latest(clean, region, denom_key, settings)
            lo, hi, _ = interval_of(nrow, settings)
            per = lo if str(nrow["qualifier"]) in ("at_least", "more_than") else (lo + hi) / 2
            if lo != hi:
                notes.append(f"{key}: norm {nrow['qualifier']} {lo:g}–{hi:g}; {per:g} used (the minimum it sets)")
            if denom is None:
                missing.append(denom_key)
                continue
            inputs.append(NormInput(f"{key} × {denom_key}", per, float(denom.mid[-1]), denom.dates[-1],
                                    [str(nrow["figure_id"])] + denom.figure_ids[-1]))
        ids = [str(n["figure_id"]) for n in norms]
        if missing:
            rows.append(refusal_row(ctx, "staffing_gap", f"refused: no figure in this region for the denominator(s) "
                                    f"{sorted(set(missing))}; fallback: norms listed as text", len(norms), notes, ids))
            continue
        supply = _latest(clean, region, supply_key, settings)
        res = staffing_gap(inputs, None if supply is None else float(supply.mid[-1]),
                           None if supply is None else supply.dates[-1], ctx)
        res.notes += notes
        if supply is not None:
            res.figure_ids += supply.figure_ids[-1]
        rows += res.to_records()
    return rows


def _unit_of(key: str) -> str:
    try:
        return indicator_info(key)["unit"]
    except UnknownIndicatorError:
        return ""
