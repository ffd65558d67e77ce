"""A province set against the national figures: density and growth, each compared only through the gate.

Numbers and reasons only (the reports layer writes the words). Two comparisons, one definition (certified social
workers, whole region, actual levels):

- **density**: the province's latest allowed density (swtoolkit.models.density) against the national density
  nearest in time, at most POPULATION_MAX_DAYS apart; refused with the reason where either is missing or too far.
- **growth**: the province's CAGR between the first and last of its dated points that have a national figure at
  most MAX_APART_DAYS away (spanning a year at least; else its first and last points, then refused) against the
  national CAGR between those national figures (the same
  period, so a boom year on one side is not set against a quiet one on the other); refused with the reason, and
  refused too when the two windows share less than MIN_SHARED_WINDOW of the time they cover together (each end
  within six months, but the offsets adding up to a different period). The sentence names both windows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from swtoolkit.models.comparability import (
    MAX_APART_DAYS,
    MIN_SHARED_WINDOW,
    date_span,
    is_dated,
    open_ended,
    scope_name,
    series_points,
)
from swtoolkit.models.density import NATIONAL, POPULATION_MAX_DAYS, STATISTIC, density_points
from swtoolkit.models.growth import cagr

__all__ = ["MIN_SHARED_WINDOW", "Comparison", "national_context", "shared_share"]


@dataclass
class Comparison:
    """One province-vs-nation comparison: allowed or not, why, and the numbers of each side.

    ``province`` and ``national`` hold ``value`` (density per 10,000, or growth as a fraction), ``low``/``high``
    where known, ``start``/``end`` (ISO dates) and ``figure_ids``. A growth refused for too few points has in
    ``province`` ``refused`` ('no_point', 'one_point' or 'short_span'), ``dates`` and ``span_days`` (the reports
    word it). A refused density has in ``province`` ``refused``: 'no_count' (no dated whole-region count to divide),
    'scope_count' (dated counts of another definition only: ``scopes`` their scope keys, ``population`` 'dated',
    'undated' or 'none' for the region's resident population figure),
    'no_population' / 'undated_population' (a count but no dated population figure), 'population_far' (the
    population is dated too far from the count), 'open_end' (a figure with one bound only), 'no_national' or
    'national_far' (``apart_days``); ``reason`` says the same in English for the audit.
    """

    what: str
    allowed: bool
    reason: str
    province: dict = field(default_factory=dict)
    national: dict = field(default_factory=dict)

    @property
    def figure_ids(self) -> list[str]:
        return [*self.province.get("figure_ids", []), *self.national.get("figure_ids", [])]


def _days(a: str, b: str) -> int:
    return abs((pd.Timestamp(a) - pd.Timestamp(b)).days)


def _whole(row: dict) -> tuple[dt.date, dt.date]:
    """A figure's whole date interval (comparability.date_span; a density point's ``date_low``/``date_high``), or
    its reference day where none is known. An undated figure's open start is kept (``dt.date.min``)."""
    if row.get("date_low") and row.get("date_high"):
        return dt.date.fromisoformat(str(row["date_low"])[:10]), dt.date.fromisoformat(str(row["date_high"])[:10])
    return date_span(row) or (dt.date.fromisoformat(str(row["ref_date"])[:10]),) * 2


def apart_days(a: dict, b: dict) -> int:
    """Days from the earliest to the latest day two figures' whole date intervals (:func:`_whole`) may refer to:
    a province's page of about March 2022 and a national end-2022 figure are up to 306 days apart, not 275 (the
    month's last day); a page dated to its year only is up to a year from anything. Undated: never close."""
    (a0, a1), (b0, b1) = _whole(a), _whole(b)
    return (max(a1, b1) - min(a0, b0)).days


def _points(clean: pd.DataFrame, code: str, indicator: str) -> list[dict]:
    rows = clean[(clean["region_code"] == code) & (clean["indicator"] == indicator) & (clean["kind"] == "actual")]
    for col in ("place", "subset", "scope"):
        if col in rows:
            rows = rows[rows[col].fillna("").astype(str) == ""]
    rows = rows[pd.to_numeric(rows["value"], errors="coerce").notna()]
    kept, _ = series_points(rows.to_dict("records"))
    return sorted(kept, key=lambda r: (str(r["ref_date"]), str(r["figure_id"])))


def _scoped_rows(clean: pd.DataFrame, code: str, indicator: str) -> pd.DataFrame:
    """Dated whole-region actual figures of ``indicator`` in region ``code`` that carry a scope (another definition
    than the plain one: holders now working in social work …), as clean rows."""
    rows = clean[(clean["region_code"] == code) & (clean["indicator"] == indicator) & (clean["kind"] == "actual")]
    for col in ("place", "subset"):
        if col in rows:
            rows = rows[rows[col].fillna("").astype(str) == ""]
    if "scope" not in rows:
        return rows.iloc[0:0]
    rows = rows[(rows["scope"].fillna("").astype(str) != "") & pd.to_numeric(rows["value"], errors="coerce").notna()]
    return rows[[is_dated(r) for r in rows.to_dict("records")]] if len(rows) else rows


def _scoped_counts(clean: pd.DataFrame, code: str, indicator: str) -> list[str]:
    """The scope keys (scopes.csv) of :func:`_scoped_rows`, sorted; [] when there are none."""
    return sorted(set(_scoped_rows(clean, code, indicator)["scope"].astype(str)))


def _scoped_ids(clean: pd.DataFrame, code: str, indicator: str) -> list[str]:
    return sorted(str(f) for f in _scoped_rows(clean, code, indicator)["figure_id"])


def _level_word(code: str) -> str:
    """The region's level in words for a reason (province, prefecture, county); 'region' when unknown."""
    from swtoolkit import regions
    from swtoolkit.errors import UnknownRegionError

    try:
        return regions.get(code).level
    except UnknownRegionError:
        return "region"


def _one_date(points: pd.DataFrame) -> dict:
    """One density point of one region and date from its rows (models.density.density_points): accounts of one
    date that cannot both hold (a recorded conflict; those that can are one point already) give the range from
    their lowest to their highest end and cite every account, as the national table does
    (reports.content.one_row_per_date), never the first account alone as if it were the figure (fresh2: Shandong's
    national 6.58 from WN027-18 only, where the national table gives 6.57–6.60). ``value`` is the first account's,
    never printed alone when the ends differ; ``qualifier`` is ``approx`` when any account is."""
    first = points.iloc[0].to_dict()
    if len(points) > 1:
        first["low"], first["high"] = float(points["low"].min()), float(points["high"].max())
        # counts first, the population figure last (the reports date the count by the first id, the population
        # by the last)
        counts = [f for ids in points["figure_ids"] for f in list(ids)[:-1]]
        people = [list(ids)[-1] for ids in points["figure_ids"]]
        first["figure_ids"] = list(dict.fromkeys(counts + people))
        if (points["qualifier"].astype(str) == "approx").any():
            first["qualifier"] = "approx"
    return first


def _density(clean: pd.DataFrame, code: str, indicator: str) -> Comparison:
    points, refused = density_points(clean, indicator)
    own = points[points["region_code"] == code].sort_values("ref_date")
    if own.empty:
        mine = refused[refused["region_code"] == code]
        why = mine["reason"]
        level = _level_word(code)
        people = clean[(clean["region_code"] == code) & (clean["indicator"] == "population")]
        dated_population = any(is_dated(r) for r in people.to_dict("records"))
        counts = _points(clean, code, indicator)
        # the reason as a key the reports word (reports.phrasing.national_context_sentence), in English here
        if len(why):
            key = str(mine["code"].iloc[-1])
            reason = f"no density for this {level}: {why.iloc[-1]}"
        elif not counts and (scoped := _scoped_counts(clean, code, indicator)):
            # counts exist, but of another definition than the national count's (Kunming's 3,393 holders now
            # working in social work, R10b-1): say so, and whether a population figure is missing too
            population = "dated" if dated_population else "undated" if len(people) else "none"
            key = "scope_count"
            reason = (f"only counts of another definition ({', '.join(scope_name(s) for s in scoped)}) for this "
                      f"{level}, not the national count's definition"
                      + {"dated": "", "undated": "; its only resident population figure is undated",
                         "none": "; no resident population figure of this " + level}[population])
            return Comparison("density", False, reason, {"figure_ids": _scoped_ids(clean, code, indicator),
                                                         "refused": key, "scopes": scoped,
                                                         "population": population})
        elif not counts:  # nothing to divide: the first reason, whatever the population
            key = "no_count"
            reason = f"no dated count of this {level} to divide by its population"
        elif not dated_population:  # a dated count but no (dated) population figure
            key = "undated_population" if len(people) else "no_population"
            reason = (f"no dated resident population figure of this {level} to divide its count by"
                      + (" (its only population figure is undated)" if len(people) else ""))
        else:
            key = "no_count"
            reason = f"no dated count of this {level} to divide by its population"
        ids = [f for fs in mine["figure_ids"] for f in fs][-2:]
        return Comparison("density", False, reason, {"figure_ids": ids, "refused": key})
    mine = _one_date(own[own["ref_date"] == own["ref_date"].iloc[-1]])
    nation = points[points["region_code"] == NATIONAL]
    province = {"value": float(mine["value"]), "low": float(mine["low"]), "high": float(mine["high"]),
                "end": str(mine["ref_date"]), "population_date": str(mine["population_date"]),
                "figure_ids": list(mine["figure_ids"]), "statistic": STATISTIC,
                "approx": str(mine.get("qualifier", "")) == "approx"}
    if nation.empty:
        return Comparison("density", False, "no national density (no national count dated near a population "
                          "figure)", {**province, "refused": "no_national"})
    # the nearest national density over both points' whole date intervals (a page dated to its month or year
    # counts with every day it may refer to, never its interval's last day alone)
    nearest = min(nation.to_dict("records"), key=lambda r: (apart_days(r, mine), str(r["ref_date"])))
    nearest = _one_date(nation[nation["ref_date"] == nearest["ref_date"]])
    apart = max(apart_days(r, mine) for r in nation[nation["ref_date"] == nearest["ref_date"]].to_dict("records"))
    national = {"value": float(nearest["value"]), "low": float(nearest["low"]), "high": float(nearest["high"]),
                "end": str(nearest["ref_date"]), "population_date": str(nearest["population_date"]),
                "figure_ids": list(nearest["figure_ids"]), "statistic": STATISTIC,
                "approx": str(nearest.get("qualifier", "")) == "approx"}
    if apart > POPULATION_MAX_DAYS:
        return Comparison("density", False, f"the nearest national density is dated {national['end']}, {apart} "
                          f"days from the province's ({province['end']}; at most {POPULATION_MAX_DAYS})",
                          {**province, "refused": "national_far", "apart_days": apart}, national)
    return Comparison("density", True, f"same definition; dated {apart} days apart (at most "
                      f"{POPULATION_MAX_DAYS})", province, national)


def _constancy(own: list[dict], first: dict, last: dict) -> str:
    """The gatekeeper's note on the dated points from ``first`` to ``last`` of ``own`` (clean rows in date order):
    ``NOT_CONSTANT …`` when their segments disagree with one constant rate, ``UNTESTED …`` when a one-sided point
    leaves that open, "" when they agree or are too few (gatekeeper.constant_growth, constancy_untested)."""
    from swtoolkit.models.gatekeeper import constancy_untested, constant_growth
    from swtoolkit.models.series import as_series

    ids = [str(r["figure_id"]) for r in own]
    inside = own[ids.index(str(first["figure_id"])):ids.index(str(last["figure_id"])) + 1]
    if len(inside) < 3:
        return ""
    try:
        series = as_series(pd.DataFrame(inside))
    except Exception:  # noqa: BLE001 - rows the series builder does not take are not judged here
        return ""
    agree, why = constant_growth(series)
    return why if not agree else constancy_untested(series)


def _growth(clean: pd.DataFrame, code: str, indicator: str) -> Comparison:
    own = _points(clean, code, indicator)
    span = _days(str(own[0]["ref_date"]), str(own[-1]["ref_date"])) if own else 0
    if len(own) < 2 or span < 365:
        # the reason as a key the reports word (reports.phrasing.national_context_sentence) and in English here
        why = "no_point" if not own else "one_point" if len(own) == 1 else "short_span"
        level = _level_word(code)
        reason = {"no_point": f"the {level} has no dated figure of this definition: no growth rate",
                  "one_point": f"the {level} has one dated figure of this definition: no growth rate",
                  "short_span": f"the {level}'s {len(own)} dated figures of this definition span {span} days, "
                                "less than a year: no growth rate"}[why]
        return Comparison("growth", False, reason, {"figure_ids": [str(r["figure_id"]) for r in own],
                                                    "dates": [str(r["ref_date"]) for r in own], "refused": why,
                                                    "span_days": span})
    nation = _points(clean, NATIONAL, indicator)

    def near(mine: dict) -> dict | None:
        # over both figures' whole date intervals: a national page dated to its year is not end-year (apart_days)
        found = min(nation, key=lambda r: (apart_days(r, mine), str(r["ref_date"])), default=None)
        ok = found is not None and apart_days(found, mine) <= MAX_APART_DAYS
        return found if ok else None

    # the widest span of the province's points that each have a national figure near them (else first and last)
    matched = [r for r in own if near(r) is not None]
    if len(matched) >= 2 and _days(str(matched[0]["ref_date"]), str(matched[-1]["ref_date"])) >= 365:
        first, last = matched[0], matched[-1]
    else:
        first, last = own[0], own[-1]
    for mine in (first, last):
        if open_ended(mine):
            return Comparison("growth", False, f"the province's figure {mine['figure_id']} "
                              f"({mine.get('value_as_written', '')}) states only one bound: its growth rate is "
                              "one-sided and is not set against the nation's", {"figure_ids": [
                                  str(first["figure_id"]), str(last["figure_id"])]})
    g = cagr(float(first["value"]), str(first["ref_date"]), float(last["value"]), str(last["ref_date"]))
    province = {"value": g, "start": str(first["ref_date"]), "end": str(last["ref_date"]),
                "figure_ids": [str(first["figure_id"]), str(last["figure_id"])], **rate_bounds(first, last)}
    constancy = _constancy(own, first, last)
    if constancy:  # the rate carries the segment caveat wherever it is printed (editor 11 E11-10)
        province["constancy"] = constancy
    ends = []
    for mine in (first, last):
        found = near(mine)
        if found is None:
            return Comparison("growth", False, f"no national figure within {MAX_APART_DAYS} days of the province's "
                              f"date {mine['ref_date']}", province)
        ends.append(found)
    if ends[0] is ends[1]:
        return Comparison("growth", False, "one national figure is nearest to both of the province's dates",
                          province)
    n0, n1 = ends
    # every account of each national date: accounts that cannot both hold (a recorded conflict; those that can are
    # one point already) are all read, never the first alone (fresh2: as the density comparison, _one_date)
    firsts, lasts = ([r for r in nation if str(r["ref_date"]) == str(end["ref_date"])] for end in ends)
    for found in (*firsts, *lasts):
        if open_ended(found):
            return Comparison("growth", False, f"the national figure {found['figure_id']} "
                              f"({found.get('value_as_written', '')}) states only one bound: the national growth "
                              "rate is one-sided", province)
    national = {"value": cagr(float(n0["value"]), str(n0["ref_date"]), float(n1["value"]), str(n1["ref_date"])),
                "start": str(n0["ref_date"]), "end": str(n1["ref_date"]),
                "figure_ids": [str(r["figure_id"]) for r in (*firsts, *lasts)], **rate_bounds(n0, n1)}
    if len(firsts) > 1 or len(lasts) > 1:
        national.update(_accounts_range(firsts, lasts))
    # the least share the two windows may have in common, over every day their ends' date intervals allow
    shared = shared_share(_whole(first), _whole(last), _whole(n0), _whole(n1))
    national["shared"] = province["shared"] = shared
    if shared < MIN_SHARED_WINDOW:
        return Comparison("growth", False, f"the national window ({national['start']} to {national['end']}) and "
                          f"the province's ({province['start']} to {province['end']}) share {shared:.0%} of the time "
                          f"they cover together (at least {MIN_SHARED_WINDOW:.0%} needed): national growth changes "
                          "from year to year, so rates over different windows are not set side by side",
                          province, national)
    return Comparison("growth", True, f"same definition; national points within {MAX_APART_DAYS} days of the "
                      f"province's first and last dates; the two windows share {shared:.0%} of the time they "
                      f"cover together (at least {MIN_SHARED_WINDOW:.0%})", province, national)




def _accounts_range(firsts: list[dict], lasts: list[dict]) -> dict:
    """The rate range over every pairing of the accounts of a start date and of an end date (recorded conflicts:
    accounts of one date that cannot both hold): from the slowest to the fastest rate any pairing allows, each
    pairing at its own bounds (:func:`rate_bounds`) or, where a 约 figure states none, at its value. ``approx`` is
    True: the rate is printed as this range, never as the first pairing's point."""
    rates = []
    for a in firsts:
        for b in lasts:
            bounds = rate_bounds(a, b)
            rates += [x for x in (bounds["low"], bounds["high"]) if x == x]
            rates.append(cagr(float(a["value"]), str(a["ref_date"]), float(b["value"]), str(b["ref_date"])))
    return {"approx": True, "low": min(rates), "high": max(rates)}


def rate_bounds(first: dict, last: dict) -> dict:
    """What a two-point rate's inputs allow: ``approx`` (True when either figure is not exact: 约, rounded, a
    range) and ``low``/``high``, the slowest and fastest rates the figures' bounds allow (the earlier at its upper
    end and the later at its lower, and the reverse; as models.growth._band), NaN where a bound is not known (约93万
    has none). The reports print such a rate with 约 or with this range, never bare (referee E7-8)."""
    import math

    def bound(row: dict, key: str) -> float:
        try:
            x = float(row.get(key))
        except (TypeError, ValueError):
            return math.nan
        return x if x > 0 else math.nan

    approx = any(str(r.get("qualifier") or "exact") != "exact" for r in (first, last))
    ends = [bound(first, "value_high"), bound(last, "value_low"), bound(first, "value_low"),
            bound(last, "value_high")]
    if not approx or not all(math.isfinite(x) for x in ends):
        return {"approx": approx, "low": math.nan, "high": math.nan}
    start, end = str(first["ref_date"]), str(last["ref_date"])
    return {"approx": approx, "low": cagr(ends[0], start, ends[1], end), "high": cagr(ends[2], start, ends[3], end)}


def shared_share(a_start: Any, a_end: Any, b_start: Any, b_end: Any) -> float:
    """Days two windows have in common over the days they cover together (0 to 1; 1 for the same window).

    Each end is an ISO date string (one day) or a (low, high) pair of dates, the whole interval the end figure's
    date lies in (a page dated to its month or year): the share is then the least any choice of days allows (the
    windows at their shortest overlap and their widest union). A window of zero length shares nothing (0.0)."""
    def day(d: Any) -> dt.date:
        return d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)[:10])

    def ends(x: Any) -> tuple[dt.date, dt.date]:
        lo, hi = x if isinstance(x, tuple | list) else (x, x)
        return day(lo), day(hi)

    (a0l, a0h), (a1l, a1h), (b0l, b0h), (b1l, b1h) = (ends(x) for x in (a_start, a_end, b_start, b_end))
    union = (max(a1h, b1h) - min(a0l, b0l)).days
    overlap = max((min(a1l, b1l) - max(a0h, b0h)).days, 0)
    return overlap / union if union > 0 else 0.0


def national_context(clean: pd.DataFrame, region_code: str, indicator: str = "certified_social_workers"
                     ) -> list[Comparison]:
    """[density, growth] comparisons of one province with the nation (each allowed or refused with its reason).

    ``clean`` is the clean table (DESIGN.md); raises nothing for a region without data (both are refused).
    """
    return [_density(clean, region_code, indicator), _growth(clean, region_code, indicator)]
