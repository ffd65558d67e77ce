"""Certified social workers per 10,000 residents, and the provinces compared on it (MODELS.md C1–C4).

Counts of regions of different sizes are not comparable; a density is. Each dated point of a region's series is
set beside the region's resident population only through the comparability gate: both dated, at most
POPULATION_MAX_DAYS apart (the six months of every ratio; the distance is stated in every row). Bounds carry
through: [low / population, high / population].

Across provinces (and never mixing in the national row): σ-convergence on a balanced set, population-weighted
Gini and Theil (with the east/central/west decomposition of swtoolkit/data/region_groups.csv: the division used
since the Western Development programme of 2000, 11 eastern, 8 central, 12 western provinces), β-convergence and
MixedLM only where the gatekeeper allows. Rows follow OUTPUT_COLUMNS; words are the reports layer's.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pandas as pd

from swtoolkit.errors import ModelRefusedError
from swtoolkit.models.comparability import (
    MAX_APART_DAYS,
    MIN_PROVINCES_WEIGHTED,
    MIN_REGIONS_INEQUALITY,
    THIN_SET_REASON,
    close_in_time,
    common_window,
    date_span,
    distinct_facts,
    open_ended,
    series_points,
    within_window_by_year,
)
from swtoolkit.models.gatekeeper import decide_beta, decide_mixed
from swtoolkit.models.inequality import beta_convergence, gini, sigma_convergence, theil, theil_decomposition
from swtoolkit.models.mixed import fit_mixed
from swtoolkit.models.results import Context, refusal_row
from swtoolkit.models.series import indicator_info
from swtoolkit.paths import PACKAGE_DATA

PER = 10_000
#: A population figure may date at most this far from the count it divides: the one rule for every ratio's
#: numerator and denominator (comparability.MAX_APART_DAYS, six months), which the reports' methods state.
POPULATION_MAX_DAYS = MAX_APART_DAYS
#: Population-weighted inequality across provinces needs at least this many provinces at one year (the one
#: constant: comparability.MIN_PROVINCES_WEIGHTED, stricter than MIN_REGIONS_INEQUALITY).
MIN_PROVINCES = MIN_PROVINCES_WEIGHTED
NATIONAL = "000000"
CROSS = "CN"
STATISTIC = f"per {PER:,} residents"

__all__ = ["NATIONAL", "PER", "POPULATION_MAX_DAYS", "STATISTIC", "density_points", "density_rows",
           "region_groups"]


@lru_cache(maxsize=1)
def region_groups() -> pd.Series:
    """Province code → east | central | west (swtoolkit/data/region_groups.csv)."""
    table = pd.read_csv(PACKAGE_DATA / "region_groups.csv", dtype=str, keep_default_na=False)
    return table.set_index("province_code")["group"]


def _levels(clean: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """Whole-region actual figures of one indicator (no place, no subset, no narrower scope), provinces and nation."""
    rows = clean[(clean["indicator"] == indicator) & (clean["kind"] == "actual")]
    for col in ("place", "subset", "scope"):
        if col in rows:
            rows = rows[rows[col].fillna("").astype(str) == ""]
    rows = rows[rows["region_level"].isin(["province", "country"])]
    return rows[pd.to_numeric(rows["value"], errors="coerce").notna()]


def _num(row: dict, key: str) -> float:
    try:
        return float(row.get(key))
    except (TypeError, ValueError):
        return float("nan")


def density_points(clean: pd.DataFrame, indicator: str = "certified_social_workers"
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each dated point of ``indicator`` per PER residents, and the points the gate refused.

    Returns
    -------
    (points, refused): points has region_code, region_name, ref_date, value, low, high (persons per PER
    residents), population, population_date, days_apart, figure_ids (count and population), date_low and date_high
    (ISO: the whole interval the count's and the population's dates lie in, comparability.date_span); refused has
    region_code, region_name, ref_date, reason, code (``no_population``, ``population_far`` or ``open_end``: the
    reason as a key the reports word), figure_ids. A count is paired with the population figure of its
    region nearest in time; undated figures never are. Points are in order of region and date; statements of one
    date whose values can both hold are one point (comparability.one_per_date, through series_points).
    """
    counts, people = _levels(clean, indicator), _levels(clean, "population")
    pop_by_region = {code: [r for r in distinct_facts(g.to_dict("records"))]
                     for code, g in people.groupby("region_code")}
    points, refused = [], []
    for code, group in counts.groupby("region_code", sort=True):
        kept, _ = series_points(group.to_dict("records"))
        for row in kept:
            base = {"region_code": code, "region_name": str(row["region_name"]), "ref_date": str(row["ref_date"])}
            ids = str(row["figure_id"]).split(";")
            pops = pop_by_region.get(code, [])
            if not pops:
                refused.append({**base, "reason": "no population figure of this region", "code": "no_population",
                                "figure_ids": ids})
                continue
            pop = min(pops, key=lambda p: abs(pd.Timestamp(str(p["ref_date"])) - pd.Timestamp(base["ref_date"])))
            gate = close_in_time(row, pop, "density", POPULATION_MAX_DAYS)
            if not gate.allowed:
                refused.append({**base, "reason": gate.rule, "code": "population_far",
                                "figure_ids": ids + [str(pop["figure_id"])]})
                continue
            n = _num(pop, "value")
            value, low, high = (_num(row, k) for k in ("value", "value_low", "value_high"))
            if open_ended(row) or open_ended(pop):
                which = row if open_ended(row) else pop
                refused.append({**base, "reason": f"{which['figure_id']} ({which.get('value_as_written', '')}) has "
                                "an open end (only one bound is known): a density from it would rest on an invented "
                                "value", "code": "open_end", "figure_ids": ids + [str(pop["figure_id"])]})
                continue
            days = abs((pd.Timestamp(str(pop["ref_date"])) - pd.Timestamp(base["ref_date"])).days)
            # the whole interval the point may refer to: every day of the count's and the population's date
            # intervals (a page dated to its month or year is not its interval's last day), which cross-region
            # measures set within six months of each other (comparability.common_window)
            spans = [_span(row), _span(pop)]
            points.append({**base, "date_low": min(lo for lo, _ in spans).isoformat(),
                           "date_high": max(hi for _, hi in spans).isoformat(),
                           "value": value / n * PER, "low": low / n * PER, "high": high / n * PER,
                           "population": n, "population_date": str(pop["ref_date"]), "days_apart": days,
                           "qualifier": str(row.get("qualifier", "")), "figure_ids": ids + [str(pop["figure_id"])]})
    columns = ["region_code", "region_name", "ref_date", "date_low", "date_high", "value", "low", "high", "population",
               "population_date",
               "days_apart", "qualifier", "figure_ids"]
    frame = pd.DataFrame(points, columns=columns)
    if len(frame):  # one figure stated by two sources without a same-fact link is one point, citing both
        key = ["region_code", "ref_date", "value", "low", "high"]
        # dropna=False: an approximate count (约, no stated interval) has NaN bounds and is still a point, never
        # dropped (it was, and the region was told it had no count to divide)
        grouped = frame.groupby(key, sort=False, dropna=False)
        cited = grouped["figure_ids"].agg(lambda fs: list(dict.fromkeys(f for x in fs for f in x))).reset_index()
        # the point may refer to any day either statement may: the widest of their date intervals
        cited["date_low"] = grouped["date_low"].min().to_numpy()
        cited["date_high"] = grouped["date_high"].max().to_numpy()
        frame = (frame.drop_duplicates(key).drop(columns=["figure_ids", "date_low", "date_high"])
                 .merge(cited, on=key))
        frame = frame[columns].sort_values(["region_code", "ref_date"], kind="stable").reset_index(drop=True)
    return (frame,
            pd.DataFrame(refused, columns=["region_code", "region_name", "ref_date", "reason", "code", "figure_ids"]))


def _span(row: dict) -> tuple:
    """The row's whole date interval (comparability.date_span), or its reference day where none is known."""
    import datetime as dt

    return date_span(row) or (dt.date.fromisoformat(str(row["ref_date"])[:10]),) * 2


def _context(code: str, name: str, indicator: str) -> Context:
    info = indicator_info(indicator)
    return Context(code, name, indicator, info["family"], info["name_zh"], info["name_en"],
                   f"persons per {PER:,} residents", "actual")


def _point_row(ctx: Context, p: Any) -> dict:
    row = refusal_row(ctx, "density", f"allowed: count and population dated {p.days_apart} days apart (at most "
                      f"{POPULATION_MAX_DAYS})", 1, [f"population {p.population:,.0f} dated {p.population_date}"],
                      list(p.figure_ids), statistic=STATISTIC)
    row.update({"allowed": True, "estimate": float(p.value), "low": float(p.low), "high": float(p.high),
                "interval": "bounds of the count as written, divided by the population",
                "unit": ctx.unit, "start_date": p.ref_date, "end_date": p.ref_date})
    return row


def density_rows(clean: pd.DataFrame, indicator: str = "certified_social_workers", alpha: float = 0.05
                 ) -> list[dict]:
    """Results rows (OUTPUT_COLUMNS) for densities: one per region and allowed point (the points refused, with
    their reasons, are in :func:`density_points`, which the reports read), and the cross-province rows
    (region_code ``CN``): σ-convergence, weighted Gini and Theil with the east/central/west
    decomposition, β-convergence and MixedLM, each allowed or refused with its reason."""
    points, _ = density_points(clean, indicator)
    rows: list[dict] = []
    for p in points.itertuples(index=False):
        rows.append(_point_row(_context(p.region_code, p.region_name, indicator), p))
    provinces = points[points["region_code"] != NATIONAL]
    ctx = _context(CROSS, "全国各省（区、市）", indicator)
    ids = [f for fs in provinces["figure_ids"] for f in fs]
    rows += _inequality_rows(provinces, ctx, ids)
    rows += _convergence_rows(provinces, ctx, ids, alpha)
    return rows


def _latest_per_year(points: pd.DataFrame) -> pd.DataFrame:
    years = points["ref_date"].str[:4].astype(int)
    return points.assign(year=years).sort_values("ref_date").groupby(["region_code", "year"]).tail(1)


def _inequality_rows(points: pd.DataFrame, ctx: Context, ids: list[str]) -> list[dict]:
    if points.empty:
        return [refusal_row(ctx, "gini", "refused: no province has a density (no count dated near a population "
                            "figure); fallback: counts listed", 0, None, ids, statistic=f"gini {STATISTIC}")]
    by_year = _latest_per_year(points)
    counts = by_year["year"].value_counts()
    year = int(counts.sort_index().idxmax()) if counts.max() >= MIN_PROVINCES else None
    if year is None:
        return [refusal_row(ctx, measure, f"refused: population-weighted {measure} needs ≥ {MIN_PROVINCES} "
                            f"provinces with a density in one year (most in one year: {int(counts.max())}, "
                            f"{int(counts.idxmax())}); fallback: densities listed", int(counts.max()), None, ids,
                            statistic=f"{measure} {STATISTIC}")
                for measure in ("gini", "theil")]
    at = by_year[by_year["year"] == year]
    # provinces set against each other lie within six months of each other, not only in one calendar year
    kept, far = common_window({c: list(zip(g["date_low"], g["date_high"], strict=True))
                               for c, g in at.groupby("region_code")})
    at = at[at["region_code"].isin(kept)]
    if len(at) < MIN_PROVINCES:
        return [refusal_row(ctx, measure, f"refused: population-weighted {measure} needs ≥ {MIN_PROVINCES} "
                            f"provinces with a density dated within six months of each other ({len(at)} in {year}); "
                            "fallback: densities listed", len(at), [f"{c}: {why}" for c, why in sorted(far.items())],
                            ids, statistic=f"{measure} {STATISTIC}")
                for measure in ("gini", "theil")]
    groups = region_groups().reindex(at["region_code"]).fillna("unknown").to_numpy()
    # the densities' own dates, never the year's end they do not state (breaker: mid-2022 is not "end-2022")
    first, last = str(min(at["ref_date"]))[:10], str(max(at["ref_date"]))[:10]
    rows = []
    # an approximate density (约, no stated interval) is used as written at both ends, as a series uses it
    at = at.assign(low=at["low"].fillna(at["value"]), high=at["high"].fillna(at["value"]))
    for measure, fn in (("gini", gini), ("theil", theil)):
        est = [fn(at[c].to_numpy(), at["population"].to_numpy()) for c in ("low", "value", "high")]
        row = refusal_row(ctx, measure, f"allowed: {len(at)} provinces in {year}, weighted by population", len(at),
                          ["provinces are a census: a band from the bounds of the figures, no sampling interval"],
                          [f for fs in at["figure_ids"] for f in fs], statistic=f"{measure} (population-weighted)")
        row.update({"allowed": True, "estimate": est[1], "band_low": min(est), "band_high": max(est),
                    "unit": "index", "start_date": first, "end_date": last})
        rows.append(row)
    parts = theil_decomposition(at["value"].to_numpy(), groups, at["population"].to_numpy())
    for part in parts.itertuples(index=False):
        if part.group in ("between", "within"):
            row = refusal_row(ctx, "theil_groups", f"allowed: Theil T {part.group} east/central/west ({year})",
                              len(at), None, [f for fs in at["figure_ids"] for f in fs],
                              statistic=f"theil {part.group} groups")
            row.update({"allowed": True, "estimate": float(part.theil), "unit": "index", "start_date": first,
                        "end_date": last})
            rows.append(row)
    return rows


def _convergence_rows(points: pd.DataFrame, ctx: Context, ids: list[str], alpha: float) -> list[dict]:
    rows = []
    panel = _latest_per_year(points)[["region_code", "ref_date", "date_low", "date_high", "value", "year"]]
    panel = panel[within_window_by_year(panel, panel["year"])]
    by_year = {int(y): set(g["region_code"]) for y, g in panel.groupby("year")}
    years = [y for y, regs in by_year.items() if len(regs) >= MIN_REGIONS_INEQUALITY]
    common = set.intersection(*(by_year[y] for y in years)) if len(years) >= 2 else set()
    if len(common) >= MIN_REGIONS_INEQUALITY:
        balanced = panel[panel["region_code"].isin(common) & panel["year"].isin(years)]
        for r in sigma_convergence(balanced).itertuples():
            row = refusal_row(ctx, "sigma", f"allowed: σ-convergence on a balanced set of {len(common)} provinces",
                              int(r.n), ["descriptive: provinces are a census"], ids,
                              statistic=f"coefficient of variation {r.year}")
            row.update({"allowed": True, "estimate": float(r.cv), "unit": "ratio",
                        "start_date": r.first_date.isoformat(), "end_date": r.last_date.isoformat()})
            rows.append(row)
    else:
        rows.append(refusal_row(ctx, "sigma", f"refused: σ-convergence needs ≥ {MIN_REGIONS_INEQUALITY} provinces "
                                f"with a density in each of ≥ 2 years (balanced set: {len(common)} provinces): "
                                f"{THIN_SET_REASON}; fallback: densities listed",
                                len(common), None, ids, statistic=f"sigma {STATISTIC}"))
    n_two = int((panel.groupby("region_code")["ref_date"].nunique() >= 2).sum())
    d = decide_beta(n_two)
    if d.allowed:
        try:
            rows += beta_convergence(panel, ctx).to_records()
        except ModelRefusedError as exc:
            rows.append(refusal_row(ctx, "beta", f"refused: {exc}", n_two, None, ids, statistic=f"beta {STATISTIC}"))
    else:
        rows.append(refusal_row(ctx, "beta", d.reason, d.n_points, None, ids, statistic=f"beta {STATISTIC}"))
    d = decide_mixed(panel.groupby("region_code").size().to_dict())
    if d.allowed:
        try:
            rows += fit_mixed(panel, ctx, alpha).to_records()
        except ModelRefusedError as exc:
            rows.append(refusal_row(ctx, "mixedlm", f"refused: {exc}", d.n_points, None, ids,
                                    statistic=f"mixedlm {STATISTIC}"))
    else:
        rows.append(refusal_row(ctx, "mixedlm", d.reason, d.n_points, None, ids, statistic=f"mixedlm {STATISTIC}"))
    return rows
