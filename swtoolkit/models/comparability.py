"""The comparability gate: may two figures (or a set of regions) be compared, and if not, why not.

Every gap, ratio, league table, ranking, growth fit, convergence and inequality measure asks here before it
computes anything. Each question returns a :class:`~swtoolkit.models.gatekeeper.Decision`: allowed, or refused
with the rule in words and what is shown instead. The rules (issue 11; MODELS.md "What a referee would object to"):

- one definition: the same indicator family, the same definition scope (``scope``: 专兼职 vs 驻站 staff, 民办 vs
  all organisations), the same unit (persons vs households vs person-times vs acts: the codebook unit each figure
  counts) and unit words as written that count alike (人 and 名; never 人 and 人次), and no named part of a region
  (``subset``);
- stock vs flow: a level is compared with a level target, never with a number to train over the plan period, and
  a cumulative count (everyone trained so far) is never measured against a stock's level target;
- norms: only an adopted rule is a norm; a proposal or a practice (what is done) is shown as text;
- dates: a figure without a date, or dated only by a bound (2021年以前), has no place on a time axis and is never
  "the latest" while a dated figure exists; a numerator and its denominator lie at most six months apart;
- region sets: σ-convergence on the same regions in both years and on rates, never raw counts; inequality needs
  variation (every region at 100% coverage has none) and at least MIN_REGIONS_INEQUALITY (5) regions;
- intervals: a t interval needs at least two residual degrees of freedom.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from swtoolkit.codebook import codebook, units_agree
from swtoolkit.models.gatekeeper import Decision

if TYPE_CHECKING:
    import pandas as pd

Row = Mapping[str, Any]

#: Numerator and denominator (or a supply and its norm's denominator) at most this far apart.
MAX_APART_DAYS = 183

#: (models.national) The least share of their joint span two growth windows must have in common to be set side by
#: side: each end within six months is not enough when the offsets add up (a province's March 2019 to June 2021
#: against the nation's end-2018 to end-2020 shares 70%; national growth fell from 26% to 10% a year in the part
#: left out).
MIN_SHARED_WINDOW = 0.8
#: Date bases that place a figure on a time axis (see swtoolkit.cleaning.rows.date_interval).
DATED_BASES = ("stated", "document")
#: Two figures of one document at most this many characters apart are stated together (one sentence or passage)
#: and refer to one time, whatever their dates.
TOGETHER_CHARS = 150
#: Residual degrees of freedom a t interval needs (t(1) has no finite variance: its intervals mean nothing).
MIN_DF_FOR_INTERVAL = 2
#: Regions an inequality or convergence measure (Gini, Theil, σ-convergence's coefficient of variation) needs. Over
#: n equally weighted regions the Gini cannot exceed (n − 1)/n and the Theil index ln n, and one region moves either
#: by up to about 1/n of its range: below five regions the ceiling cuts a fifth or more off the scale and any single
#: region's figure decides the value, so the number describes that region, not a spread (referee 5).
MIN_REGIONS_INEQUALITY = 5
#: Population-weighted inequality across provinces (Gini, Theil of densities) needs at least this many provinces at
#: one time, stricter than :data:`MIN_REGIONS_INEQUALITY`: weights let a few populous provinces dominate the index.
#: models.density applies it; the methods text and the refusals read it from here.
MIN_PROVINCES_WEIGHTED = 10
#: The reason for :data:`MIN_REGIONS_INEQUALITY`, in the words every refusal gives.
THIN_SET_REASON = (f"below {MIN_REGIONS_INEQUALITY} regions the measure's ceiling ((n − 1)/n for Gini, ln n for "
                   "Theil) cuts a fifth or more off its scale and one region's figure decides it")


def _get(row: Row, key: str) -> str:
    value = row.get(key, "") if hasattr(row, "get") else ""
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _source(row: Row) -> str:
    """The source document of a row: its ``source_id``, or, where a caller's frame left that column out, the source
    part of its (first) figure id (``WN030-07`` → ``WN030``), so "another source" is never decided by a missing
    column (a growth pair once ended on a page that may restate another's count because every row read as one
    source)."""
    return _get(row, "source_id") or _get(row, "figure_id").split(";")[0].rsplit("-", 1)[0]


def _allow(model: str, rule: str, n: int = 2) -> Decision:
    return Decision(model, True, rule, n)


def _refuse(model: str, rule: str, n: int = 2, fallback: str = "figures shown side by side, not compared") -> Decision:
    return Decision(model, False, rule, n, fallback)


def is_dated(row: Row) -> bool:
    """True when the figure's reference date is known (stated, or 'now' in a dated document)."""
    return _get(row, "date_basis") in DATED_BASES or not _get(row, "date_basis")


def date_span(row: Row) -> tuple[dt.date, dt.date] | None:
    """The interval a figure's reference date lies in, as (earliest, latest) days; None without a date.

    A flow counted over a stated period (``period_start``) spans that period; a figure dated by its document spans
    what is known of the document's date (``ref_date_low`` … ``ref_date_high``: a page dated to its year only spans
    the year, an estimated month the month); an undated figure lies anywhere before its document's date (open
    start, ``dt.date.min``); a stated point is that day. Used to order figures by time without inventing a day
    (referee 8a R8a-3: a page dated "2018" is not 31 December 2018)."""
    ref = _get(row, "ref_date")[:10]
    if not ref:
        return None
    try:
        point = dt.date.fromisoformat(ref)
        start = _get(row, "period_start")[:10]
        if start and (_get(row, "date_basis") or "stated") == "stated":
            return dt.date.fromisoformat(start), point
        low, high = _get(row, "ref_date_low")[:10], _get(row, "ref_date_high")[:10]
        if (_get(row, "date_basis") or "stated") == "stated":
            # a level dated by a span of days (8月15日至16日: clean ref_date_low before ref_date) lies in the span
            first = dt.date.fromisoformat(low) if low else point
            return (first, point) if first < point else (point, point)
        return (dt.date.fromisoformat(low) if low else dt.date.min,
                dt.date.fromisoformat(high) if high else point)
    except ValueError:
        return None


def certainly_later(a: Row, b: Row) -> bool:
    """True when figure ``a`` refers to a later time than ``b`` whatever days their date intervals stand for
    (:func:`date_span`): a's earliest day is after b's latest. Two figures whose intervals overlap (a page dated
    "2018" and a statement of June 2018) are not ordered: neither is later."""
    sa, sb = date_span(a), date_span(b)
    return sa is not None and sb is not None and sa[0] > sb[1]


def latest_candidates(rows: Sequence[Row]) -> list[Row]:
    """The rows no other row is :func:`certainly_later` than: the one latest figure when dates are known, or
    several when date intervals overlap (a year-only page beside a dated statement of that year). Order kept."""
    rows = list(rows)
    return [r for r in rows if not any(certainly_later(o, r) for o in rows if o is not r)]


#: The widest date interval still known to its month (a document dated to a month: 1st to 31st).
MONTH_DAYS = 31


def _span_width(row: Row) -> int:
    span = date_span(row)
    return (span[1] - span[0]).days if span and span[0] != dt.date.min else 10**6


def year_only(row: Row) -> bool:
    """True for a figure dated by its document whose date is known only to more than a month (a page dated to its
    year: ``ref_date_low`` 1 January, ``ref_date`` 31 December). Its ``ref_date`` is no day of its own: it is never
    a point of a series beside other points (:func:`series_points`). A flow over a stated period is not one."""
    return _get(row, "date_basis") == "document" and MONTH_DAYS < _span_width(row) < 10**6


def date_of(row: Row) -> dt.date:
    return dt.date.fromisoformat(_get(row, "ref_date")[:10])


def days_apart(a: Row, b: Row) -> int | None:
    """The largest distance in days the two reference dates can be apart, from their date intervals (None if open)."""
    lows = [_get(r, "ref_date_low") or (_get(r, "ref_date") if _get(r, "date_basis") in ("", "stated") else "")
            for r in (a, b)]
    highs = [_get(r, "ref_date_high") or _get(r, "ref_date") for r in (a, b)]
    if not all(lows) or not all(highs):
        return None
    la, lb = (dt.date.fromisoformat(x[:10]) for x in lows)
    ha, hb = (dt.date.fromisoformat(x[:10]) for x in highs)
    return max(abs((ha - lb).days), abs((hb - la).days))


def written_units_agree(a: str, b: str) -> bool:
    """True when two units as written count the same thing (人 and 名 do; 人 and 人次 do not): one codebook unit
    lists both words in swtoolkit/data/units.csv (:func:`swtoolkit.codebook.units_agree`)."""
    return units_agree(a, b)


def units_differ(a: Row, b: Row) -> str:
    """'' when two figures count the same kind of thing, else the reason in words ('units differ: persons vs
    households (…)'): the codebook unit each figure counts (clean column ``unit``), then the words as written."""
    ua, ub = _get(a, "unit"), _get(b, "unit")
    if ua and ub and ua != ub:
        return f"units differ: {ua} vs {ub} ({_describe(a)}, {_describe(b)})"
    wa, wb = _get(a, "unit_as_written"), _get(b, "unit_as_written")
    if not written_units_agree(wa, wb):
        return f"units as written differ: {wa} vs {wb} ({_describe(a)}, {_describe(b)})"
    return ""


def scope_name(key: str) -> str:
    """A scope key in words for a reason ('full- and part-time together'; 'the plain definition' for none)."""
    if not key:
        return "the plain definition"
    from swtoolkit.codebook import scopes

    book = scopes()
    name = str(book.loc[key, "name_en"]) if key in book.index else key
    return f"“{name[:1].lower() + name[1:]}”"


def _describe(row: Row) -> str:
    return f"{_get(row, 'figure_id')} ({_get(row, 'value_as_written')})"


#: Qualifiers that leave one end of a figure open unless the other end is stated (超过X with no 余/多 rounding).
OPEN_QUALIFIERS = ("at_least", "more_than", "at_most", "less_than")


def open_ended(row: Row) -> bool:
    """True when a figure states only one bound (超过2000, 不到2000, 至少50): its other end is open, and no central
    value exists (a rounded 1600多, with both ends stated, is not open)."""
    qual = _get(row, "qualifier")
    if qual not in OPEN_QUALIFIERS:
        return False
    far = "value_high" if qual in ("at_least", "more_than") else "value_low"
    if _get(row, "unit") == "percent":  # 0% and 100% are a share's real ends
        return False
    try:
        return float(row.get(far)) != float(row.get(far))  # NaN: not stated
    except (TypeError, ValueError):
        return True


def two_sided(qualifier: str, low: Any, high: Any) -> tuple[float, float] | None:
    """The two stated ends of a bound that its rounding closes (1600多: more than 1,600 and below 1,700; 4万余:
    40,000 to 50,000), or None for a truly one-sided bound (超过2000, 至少50) and for every other qualifier.

    ``low``/``high`` are the clean ``value_low``/``value_high`` (NaN or None where the source states no end). A
    table cell, a chart mark and a fit read such a figure as this interval, never as its one bound."""
    if qualifier not in OPEN_QUALIFIERS:
        return None
    try:
        lo, hi = float(low), float(high)
    except (TypeError, ValueError):
        return None
    if lo != lo or hi != hi or lo >= hi:  # NaN: an end not stated
        return None
    return lo, hi


def same_definition(a: Row, b: Row, model: str = "compare") -> Decision:
    """Whether two figures measure the same thing: family, scope, unit as written, whole region."""
    book = codebook()
    fam_a, fam_b = (book.loc[_get(r, "indicator"), "family"] if _get(r, "indicator") in book.index else ""
                    for r in (a, b))
    if fam_a != fam_b:
        return _refuse(model, f"definitions differ: {fam_a} vs {fam_b} ({_describe(a)}, {_describe(b)})")
    if _get(a, "scope") != _get(b, "scope"):
        return _refuse(model, "definition scopes differ: "
                       f"{scope_name(_get(a, 'scope'))} vs {scope_name(_get(b, 'scope'))} ({_describe(a)}, "
                       f"{_describe(b)})")
    differ = units_differ(a, b)
    if differ:
        return _refuse(model, differ)
    kinds = {_get(r, "kind") for r in (a, b)}
    if kinds == {"actual", "cumulative"} and _measure(a) == "stock":
        # a running total since a start (Chongqing's 累计 talent) is not the stock another figure counts
        return _refuse(model, f"a running total and a stock: {_describe(a)}, {_describe(b)} (one is cumulative, "
                       "counted since a start, the other a level at a date)")
    for r in (a, b):
        if _get(r, "subset") or _get(r, "place"):
            return _refuse(model, f"{_describe(r)} covers only part of the region "
                           f"({_get(r, 'subset') or _get(r, 'place')})")
    return _allow(model, "same definition, scope and unit")


#: Definition scopes that change which places a count covers (scopes.csv): village rooms counted with the stations,
#: only stations with site, money and staff in place, grassroots stations of any level, state-farm stations. A ratio
#: divides a count by the number of places only when both cover the same places.
PLACE_SCOPES = ("incl_village_rooms", "three_in_place", "grassroots_stations", "incl_farm_stations")


def same_places(numerator: Row, denominator: Row, model: str = "ratio") -> Decision:
    """Whether a count and the number of places it is divided by cover the same places: staff of stations and
    village rooms together (``incl_village_rooms``) over the township stations alone, or everyone at the stations
    over only the stations with site, money and staff in place (``three_in_place``), is no figure per station
    (breaker 3: such a ratio was ranked as "staff per station"). Refused when either side's scope is one of
    :data:`PLACE_SCOPES` and the other side's is not the same."""
    sides = [_get(r, "scope") if _get(r, "scope") in PLACE_SCOPES else "" for r in (numerator, denominator)]
    if sides[0] != sides[1]:
        return _refuse(model, "the count and the places it is divided by cover different places: "
                       f"{scope_name(_get(numerator, 'scope'))} vs {scope_name(_get(denominator, 'scope'))} "
                       f"({_describe(numerator)}, {_describe(denominator)})")
    return _allow(model, "count and places of one coverage")


def _statements(row: Row) -> list[tuple[str, int | None]]:
    """(source_id, locator) of every statement behind a row (a merged fact has several). The locator is a character
    offset in a seed document; a web page's figure is located in words ("lead paragraph, …"), and its statement is
    (source_id, None): it still names its document (a web figure had no statement at all, so two figures of one
    page were never one series and a fact restated on a web page lost that page from its sources)."""
    found = row.get("statements") if hasattr(row, "get") else None
    if isinstance(found, list) and found:
        return list(found)
    try:
        locator: int | None = int(float(_get(row, "locator")))
    except ValueError:
        locator = None
    return [(_source(row), locator)]


def _sources(row: Row) -> set[str]:
    """The source documents of every statement behind a row."""
    return {s for s, _ in _statements(row) if s}


def stated_together(a: Row, b: Row) -> bool:
    """True when two figures stand in one passage of one document (locators at most TOGETHER_CHARS apart); for a
    fact stated more than once, any of its statements counts. A statement located in words has no offset to
    measure: it is never taken to stand beside another."""
    return any(sa == sb and sa and la is not None and lb is not None and abs(la - lb) <= TOGETHER_CHARS
               for sa, la in _statements(a) for sb, lb in _statements(b))


def _apart_words(days: int) -> str:
    return "six months" if days == MAX_APART_DAYS else f"{days} days"


def close_in_time(a: Row, b: Row, model: str = "ratio", max_days: int = MAX_APART_DAYS) -> Decision:
    """Whether two figures refer to times at most ``max_days`` apart: both dated that close, or stated together in
    one passage of one document (then they describe one moment even when the passage gives no date)."""
    if stated_together(a, b):
        return _allow(model, "stated together in one passage of one document")
    for r in (a, b):
        if not is_dated(r):
            return _refuse(model, f"{_describe(r)} is {describe_basis(r)}: it cannot be set beside a dated figure")
    apart = days_apart(a, b)
    if apart is None or apart > max_days:
        return _refuse(model, f"dated {date_words(a)} and {date_words(b)}: more than "
                       f"{_apart_words(max_days)} apart "
                       f"({_describe(a)}, {_describe(b)})")
    return _allow(model, f"dated at most {apart} days apart")


def date_words(row: Row) -> str:
    """A figure's reference date for a reason, at the precision it is known: 2022-06-30 (a day), 2022-06 (a
    month), 2018 (a year, or a page dated only to its year: never an invented 31 December), 'about' when it rests
    on an estimated document date."""
    ref, precision = _get(row, "ref_date")[:10], _get(row, "ref_date_precision")
    low = _get(row, "ref_date_low")[:10]
    if not ref:
        return "an unknown date"
    about = "about " if _get(row, "date_estimated") in ("True", "true", "1") else ""
    if precision == "year" or (low and low[:7] != ref[:7]):
        return f"{about}{ref[:4]}"
    if precision in ("month", "period"):
        return f"{about}{ref[:7]}"
    return f"{about}{ref}"


def describe_basis(row: Row) -> str:
    basis = _get(row, "date_basis")
    return {"undated": "undated (it lies somewhere before its document's date)",
            "before": f"dated only by a bound ({_get(row, 'date_as_written')})"}.get(basis, basis or "dated")


def _measure(row: Row) -> str:
    """What the row's indicator measures (codebook ``measure``: stock, flow, cumulative …); '' when unknown."""
    book = codebook()
    key = _get(row, "indicator")
    return str(book.loc[key, "measure"]) if key in book.index else ""


def gap_gate(actual: Row, target: Row) -> Decision:
    """Whether a gap between a level and a target may be stated (P1, P2, P3). A target whose type is not recorded
    is refused: whether it is a level to reach or an amount over the period is not known (clean requires the
    field; a frame that lost it never reads as a level)."""
    if not _get(target, "target_type"):
        return _refuse("gap", f"target {_describe(target)} has no recorded target type (level to reach or amount "
                       "over the period)", fallback="target listed as text")
    if _get(target, "target_type") != "level":
        return _refuse("gap", f"target {_describe(target)} is a {_get(target, 'target_type').replace('_', ' ')} "
                       "over the plan period, not a level: a stock cannot be measured against it",
                       fallback="target listed as text")
    if _get(actual, "kind") == "cumulative" and _measure(actual) == "stock":
        return _refuse("gap", f"{_describe(actual)} is a cumulative count (everyone counted since a start), not "
                       f"the stock that the level target {_describe(target)} sets", fallback="target listed as text")
    d = same_definition(actual, target, "gap")
    if not d.allowed:
        return Decision("gap", False, d.rule, 2, "target listed as text")
    if not is_dated(actual):
        return _refuse("gap", f"the latest figure {_describe(actual)} is {describe_basis(actual)}",
                       fallback="target listed as text")
    return _allow("gap", "level and level target of one definition")


def norm_gate(norm: Row) -> Decision:
    """Whether a norm may be used as a staffing standard: only an adopted rule is one; a norm whose status is not
    recorded is refused (clean requires the field; a frame that lost it never reads as adopted)."""
    status = _get(norm, "norm_status") or "unrecorded"
    if status != "adopted":
        what = {"proposal": "a proposal, not an adopted norm",
                "practice": "a description of what is done, not an adopted rule",
                "requirement": "a requirement of a wider programme cited in the text, not a staffing rule adopted "
                               "for the region",
                "unrecorded": "a norm whose status (adopted rule, proposal or practice) is not recorded"}
        return _refuse("staffing_gap", f"{_describe(norm)} is {what.get(status, status)}",
                       fallback="norm listed as text")
    return _allow("staffing_gap", "adopted norm")


def supply_gate(norm: Row, supply: Row) -> Decision:
    """Whether a supply figure is what the norm counts (a full-time norm against all staff is not).

    A norm's scope speaks about its supply only when scopes.csv lists the supply's indicator for that scope (a
    ``full_time`` norm per station and ``full_time`` station staff); a scope about the denominator (urban
    communities only) says nothing about who is counted.
    """
    from swtoolkit.codebook import scopes

    key = _get(norm, "scope")
    applies = bool(key) and key in scopes().index and \
        _get(supply, "indicator") in str(scopes().loc[key, "indicators"]).split(";")
    counted = key if applies else ""
    if counted != _get(supply, "scope"):
        return _refuse("staffing_gap", f"the norm counts staff by {scope_name(counted)} but the supply "
                       f"{_describe(supply)} counts them by {scope_name(_get(supply, 'scope'))}",
                       fallback="norm and supply shown side by side")
    return _allow("staffing_gap", "supply of the norm's definition")


def latest(rows: Sequence[Row]) -> Row | None:
    """The latest figure: the dated one with the latest date; an undated figure only when none is dated. Dates are
    compared as intervals (:func:`latest_candidates`): a page dated to its year only never beats a statement dated
    within that year by an invented 31 December. Among figures that may be the latest, an official release (or a
    report of one) is preferred to a secondary site's restatement (provenance.release_rank), then the narrower date.

    Same-fact restatements (``same_fact_as`` pointing at a figure in ``rows``) are merged first (:func:`merge_facts`).
    """
    from swtoolkit.provenance import release_rank

    rows = merge_facts(rows)
    if not rows:
        return None
    # among figures that may be the latest (latest_pool), an official release first, then the narrower date (a
    # dated statement before a page known only to its year), then the date
    pool = latest_pool(rows)
    return max(pool, key=lambda r: (release_rank(r), -_span_width(r), _get(r, "ref_date"), _get(r, "figure_id")))


def latest_pool(rows: Sequence[Row]) -> list[Row]:
    """The figures that may be the latest, the ONE rule every table, league table, chart and finding uses
    (:func:`latest` picks one of them; reports.content.latest_of_each shows the distinct facts among them):

    - dated figures present: those no other dated figure is certainly later than (:func:`latest_candidates`, dates
      as intervals), undated ones set aside;
    - undated only: those of the latest document (largest ``ref_date``, the document date), since two undated
      figures may be a before and an after and only the later document can hold the later one (referee 11, R11-1:
      an undated 130 organisations of a 2014 page chose over the undated 787 of a 2018 page by release rank).

    Order kept; [] for no rows."""
    rows = list(rows)
    dated = [r for r in rows if is_dated(r)]
    if dated:
        return latest_candidates(dated)
    if not rows:
        return []
    last = max(str(_get(r, "ref_date")) for r in rows)
    return [r for r in rows if str(_get(r, "ref_date")) == last]


def fact_groups(rows: Iterable[Row], links: Mapping[str, str] | None = None) -> list[list[Row]]:
    """The rows grouped into facts: statements linked by ``same_fact_as`` (in either direction, through chains) are
    one group; every other row is a group of its own. ``links`` (figure id → figure id) adds links the data imply
    but do not write, such as parts that restate a total (:func:`restated_parts`). Order: the first statement's
    order in ``rows``."""
    rows = list(rows)
    ids = {_get(r, "figure_id"): i for i, r in enumerate(rows)}
    parent = list(range(len(rows)))
    links = links or {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, r in enumerate(rows):
        for other in (_get(r, "same_fact_as"), links.get(_get(r, "figure_id"), "")):
            j = ids.get(other)
            if j is not None:
                parent[root(i)] = root(j)
    groups: dict[int, list[Row]] = {}
    for i, r in enumerate(rows):
        groups.setdefault(root(i), []).append(r)
    return list(groups.values())


def _number(row: Row, key: str) -> float:
    try:
        value = float(row.get(key))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("nan")
    return value


def _ends(row: Row) -> tuple[float, float]:
    """[low, high] of a figure: its stated or rounding bounds, its value where it has none (an open end is
    infinite)."""
    value, low, high = (_number(row, k) for k in ("value", "value_low", "value_high"))
    qualifier = _get(row, "qualifier") or "exact"
    if low != low:
        low = float("-inf") if qualifier in ("at_most", "less_than") else value
    if high != high:
        high = float("inf") if qualifier in ("at_least", "more_than") else value
    return low, high


def restated_parts(rows: Iterable[Row]) -> dict[str, str]:
    """Parts that restate a total: figure id of each part → figure id of the total it adds up to.

    Parts (the levels of cleaning.checks.PART_TOTALS: assistant + intermediate (+ senior) certificate holders;
    villages + communities) of one source and date, of at least two part indicators, whose sum meets a total of
    the same region (the sum of their intervals overlaps the total's) are the total stated in pieces: a
    restatement of it. The total is the same source's total of that date when there is one, else the earliest
    whole-region total of any source dated before them that the sum meets exactly (Beijing's April-2013 9,357 +
    2,366 are the 11,723 first given for October 2012; referee 5, R5-3). Only whole-region levels are read."""
    from swtoolkit.cleaning.checks import PART_TOTALS

    rows = [r for r in rows if not _get(r, "place") and not _get(r, "subset")
            and _get(r, "kind") in ("actual", "cumulative") and _get(r, "value") not in ("", "nan")]
    out: dict[str, str] = {}
    for total, parts in PART_TOTALS.items():
        totals = [r for r in rows if _get(r, "indicator") == total and is_dated(r)]
        groups: dict[tuple[str, str, str], list[Row]] = {}
        for r in rows:
            if _get(r, "indicator") in parts and is_dated(r):
                key = (_get(r, "region_code"), _source(r), _get(r, "ref_date")[:10])
                groups.setdefault(key, []).append(r)
        for (region, source, date), members in groups.items():
            if len({_get(r, "indicator") for r in members}) < 2 or len(members) != len(
                    {_get(r, "indicator") for r in members}):
                continue  # one figure per part, at least two parts
            low = sum(_ends(r)[0] for r in members)
            high = sum(_ends(r)[1] for r in members)
            same = [t for t in totals if _get(t, "region_code") == region and _source(t) == source
                    and _get(t, "ref_date")[:10] == date]
            earlier = sorted((t for t in totals if _get(t, "region_code") == region
                              and _get(t, "ref_date")[:10] < date and low == high and _ends(t) == (low, high)),
                             key=lambda t: (_get(t, "ref_date"), _get(t, "figure_id")))
            if same:
                t_low, t_high = _ends(same[0])
                if not (low <= t_high and t_low <= high):
                    continue  # parts that do not meet their total are not its restatement (a conflict)
                target = same[0]
            elif earlier:
                target = earlier[0]
            else:
                continue
            for r in members:
                out[_get(r, "figure_id")] = _get(target, "figure_id")
    return out


def part_fact_dates(rows: Iterable[Row]) -> dict[str, tuple[Row, Row]]:
    """Parts dated with the fact of the total they restate: figure id of each part → (total, dating statement).

    Parts that add up to a total restate it (:func:`restated_parts`), so they hold when the total's fact holds;
    when another statement of that total (``same_fact_as``, through chains) dates the fact earlier than the parts'
    own statement (:func:`first_dated_statement`: Beijing's 11,723 of April 2013 restates the 11,723 of October
    2012), the parts take that date too, never shown newer than their own total (editor 9 N-5: 9,357 and 2,366
    kept April 2013 while their 11,723 was dated October 2012). Only parts whose fact date differs from their own
    are returned; the dating statement's :data:`DATE_FIELDS` are the date to show (:func:`dated_as_fact`). A named
    part of a whole (cleaning.checks.WHOLE_OF_PARTS: the 街道 stations of a 乡镇（街道） count) given by the same
    source at the same date as the whole is a part of that statement in the same way."""
    from swtoolkit.cleaning.checks import WHOLE_OF_PARTS

    rows = list(rows)
    links = restated_parts(rows)
    # a named part of a whole (the 街道 stations of a 乡镇（街道） count; cleaning.checks.WHOLE_OF_PARTS) stated by
    # the same source about the same region at the same date as the whole is a part of that statement
    for r in rows:
        parts = WHOLE_OF_PARTS.get(_get(r, "indicator"), ())
        if _get(r, "subset") not in parts or _get(r, "place") or not is_dated(r):
            continue
        whole = [t for t in rows if _get(t, "indicator") == _get(r, "indicator") and not _get(t, "subset")
                 and not _get(t, "place") and _get(t, "scope") == _get(r, "scope")
                 and _get(t, "region_code") == _get(r, "region_code") and _source(t) == _source(r)
                 and _get(t, "ref_date")[:10] == _get(r, "ref_date")[:10] and _get(t, "kind") == _get(r, "kind")]
        if len(whole) == 1:
            links.setdefault(_get(r, "figure_id"), _get(whole[0], "figure_id"))
    if not links:
        return {}
    by_id = {_get(r, "figure_id"): r for r in rows}
    group_of = {_get(r, "figure_id"): g for g in fact_groups(rows) for r in g}
    out: dict[str, tuple[Row, Row]] = {}
    for part, total in links.items():
        dating = first_dated_statement(group_of.get(total, [by_id[total]]))
        own = by_id.get(part)
        if dating is None or own is None:
            continue
        if _get(dating, "ref_date")[:10] < _get(own, "ref_date")[:10]:
            out[part] = (by_id[total], dating)
    return out


def dated_as_fact(row: Row, dating: Row) -> dict:
    """A copy of ``row`` with the date of ``dating`` (its :data:`DATE_FIELDS`): a part shown at its total's date."""
    out = dict(row)
    for key in DATE_FIELDS:
        if key in dating:
            out[key] = dating.get(key)
    return out


def first_dated_statement(group: Sequence[Row]) -> Row | None:
    """The statement that dates a fact stated more than once: the earliest dated one (a figure restated later
    with '截至目前' on a newer page keeps the date it was first given for; 151.6万 at end-2024, not at the 2025
    page's date). None when no statement of the fact is dated."""
    dated = [r for r in group if is_dated(r) and _get(r, "ref_date")]
    if not dated:
        return None
    return min(dated, key=lambda r: (_get(r, "ref_date"), -_dating(r)[1], _get(r, "figure_id")))


#: Codebook measures whose dated figures say how current a report's data are (a stock at a date, a running total to
#: a date, or a share such as station coverage at a date); a flow (an increment, exam registrants, a reward) is of a
#: period, never "data as of".
AS_OF_MEASURES = ("stock", "cumulative", "rate")
AS_OF_KINDS = ("actual", "cumulative", "ratio")


def as_of_figure(rows: Iterable[Row], indicators: Iterable[str]) -> Row | None:
    """The figure a report's "data as of" rests on: among whole-region rows of ``indicators`` (the report's subject
    indicators: the workforce and station counts it is about) whose codebook measure is a stock, a running total or
    a share at a date (AS_OF_MEASURES) and whose kind states one (AS_OF_KINDS), each fact dated by its earliest
    dated statement (:func:`first_dated_statement`), the latest; on one date an official release (or a report of
    one) before a secondary site's (provenance.release_rank), then the indicator listed first in ``indicators``
    (a count before a share), then the highest figure id. A part (a row with a ``subset``, or about a ``place``
    within the region) never sets the date while a whole-region figure is dated; a subset row is taken only when no
    whole one is (its words then name the subset). Parts that add up to a total restate it (:func:`restated_parts`)
    and are dated with it, never later. None when the region has no dated figure of that kind
    (only flows, norms or undated figures): the title page then says so, never a date.
    """
    from swtoolkit.provenance import release_rank

    book = codebook()
    order = {k: -i for i, k in enumerate(indicators)}
    keys = {k for k in order if k in book.index and str(book.loc[k, "measure"]) in AS_OF_MEASURES}
    pool = [r for r in rows if _get(r, "indicator") in keys and _get(r, "kind") in AS_OF_KINDS
            and not _get(r, "place") and _get(r, "value") not in ("", "nan")]
    # a part (a named subset: 街道 only) never dates the whole region's data while a whole figure is dated; only
    # when nothing else is does a part's date stand, and the words then name its subset (phrasing.as_of_words)
    whole = [r for r in pool if not _get(r, "subset")]
    # parts that add up to a total are that total stated in pieces: they date the data no later than it does
    links = restated_parts(whole)
    chosen = [d for d in (first_dated_statement(g) for g in fact_groups(whole, links)) if d is not None]
    if not chosen:
        parts = [r for r in pool if _get(r, "subset")]
        chosen = [d for d in (first_dated_statement(g) for g in fact_groups(parts)) if d is not None]
    if not chosen:
        return None
    # dates compared as intervals: a page known only to its year never sets a later date than a statement dated
    # within that year (referee 8a R8a-3); among figures none is certainly later than, the better-dated first: a
    # date known to the month or day before one known only to a wider span, a date not estimated before an
    # estimated one, a narrower interval before a wider one (a page of 13 July 2011 before a figure dated only by a
    # page of about July 2011, whose month is itself an estimate: fresh referee 26, item 7), then the later date
    return max(latest_candidates(chosen), key=lambda r: better_dated_key(r) + (
        _get(r, "ref_date")[:10], release_rank(r), order[_get(r, "indicator")], _get(r, "figure_id")))


def better_dated_key(row: Row) -> tuple[bool, bool, int]:
    """How well a figure's date is known, larger is better, for choosing among figures none of which is certainly
    later than another (:func:`latest_candidates`): known to the month or finer (an interval of at most
    :data:`MONTH_DAYS`), not resting on an estimated document date (clean ``date_estimated``), then the narrower
    date interval (:func:`date_span`)."""
    estimated = _get(row, "date_estimated") in ("True", "true", "1")
    return _span_width(row) <= MONTH_DAYS, not estimated, -_span_width(row)


def distinct_facts(rows: Iterable[Row]) -> list[Row]:
    """The rows without those that restate another row of ``rows`` (``same_fact_as``)."""
    rows = list(rows)
    ids = {_get(r, "figure_id") for r in rows}
    links = {_get(r, "figure_id"): _get(r, "same_fact_as") for r in rows}

    def restates(r: Row) -> bool:
        fid, target = _get(r, "figure_id"), _get(r, "same_fact_as")
        if target not in ids:
            return False
        # two statements linked to each other (a circular link) are one fact: the lower id stands for it
        return not (links.get(target) == fid and fid < target)

    return [r for r in rows if not restates(r)]


def _bounds(row: Row) -> tuple[float, float]:
    def num(key: str) -> float:
        try:
            value = float(row.get(key))
        except (TypeError, ValueError):
            return float("nan")
        return value
    low, high = num("value_low"), num("value_high")
    return (low if low == low else float("-inf")), (high if high == high else float("inf"))


#: The fields that date a statement (taken together from the better-dated statement of a fact).
DATE_FIELDS = ("ref_date", "ref_date_precision", "date_basis", "ref_date_low", "ref_date_high", "period_start",
               "date_flag", "date_estimated", "date_as_written")
_PRECISION_RANK = {"day": 3, "month": 2, "year": 1}


def _dating(row: Row) -> tuple[bool, bool, int]:
    """How well a statement is dated: dated at all, dated by its own words (not the document's date), precision."""
    return is_dated(row), _get(row, "date_basis") == "stated", _PRECISION_RANK.get(_get(row, "ref_date_precision"), 0)


#: The reading of a fact's other statement that merge_facts keeps beside ``also_written`` (as ``also_value`` …):
#: a sentence in English names it in English number style, never as written in Chinese (referee 10a R10a-11).
ALSO_FIELDS = ("value", "value_low", "value_high", "qualifier")


def _dropped_bound(bounded: Row, copy: Row) -> bool:
    """True when ``copy`` states exactly the finite end of ``bounded``'s one-sided interval (a mirror writing 2
    where the plan writes 不少于2 or 超过2): the copy dropped the bound, it is not a more precise statement, and
    must not lend its exact value to the fact (refseed, stop 28)."""
    low, high = _bounds(bounded)
    if (low == float("-inf")) == (high == float("inf")):  # two-sided or unbounded: nothing was dropped
        return False
    c_low, c_high = _bounds(copy)
    end = low if high == float("inf") else high
    return c_low == c_high == end


def merge_facts(rows: Iterable[Row]) -> list[Row]:
    """One row per fact. A statement restating another (``same_fact_as``) with a narrower interval inside the
    other's lends it its value (44,080 inside 4.4万's 43,500–44,500); the row keeps the better-dated statement's
    date (dated before undated, a date in the statement's own words before the document's date, then precision;
    an undated 43.9万人 restated as 43.9万 for 2018 is the 2018 point), and its ``figure_id`` names both statements
    (``;``-joined) so the source note cites both. When the value comes from a statement less well dated than the
    one giving the date (an undated 44,080 inside 4.4万 of 2021), ``date_from`` names the dated statement's value
    as written, so the words can say which statement carries the date."""
    rows = list(rows)
    # same-fact links are transitive: every statement of a fact (a mirror of a restatement, WN039-02 → WN004-03 →
    # WN011-05) is merged into the one row, so each statement gets the fact's date (referee 11, R11-8)
    group_of = {id(x): g for g in fact_groups(rows) for x in g}
    out = []
    for r in distinct_facts(rows):
        fid = _get(r, "figure_id")
        restating = [x for x in group_of.get(id(r), [r]) if x is not r] if fid else []
        if not restating:
            out.append(r)
            continue
        merged = dict(r)
        merged["statements"] = [st for x in [r, *restating] for st in _statements(x)]
        dated = max([r, *restating], key=_dating)  # the better-dated statement: dated, then stated, then precise
        if _dating(dated) > _dating(r):
            for key in DATE_FIELDS:
                if key in dated:
                    merged[key] = dated.get(key)
        low, high = _bounds(r)
        inside = [x for x in restating if low <= _bounds(x)[0] and _bounds(x)[1] <= high
                  and not _dropped_bound(r, x)]
        best = min(inside, key=lambda x: _bounds(x)[1] - _bounds(x)[0]) if inside else None
        if best is not None and _bounds(best)[1] - _bounds(best)[0] < high - low:
            for key in ("value", "value_low", "value_high", "qualifier", "value_as_written"):
                merged[key] = best.get(key)
            merged["figure_id"] = f"{fid};{_get(best, 'figure_id')}"
            merged["also_written"] = _get(r, "value_as_written")
            for key in ALSO_FIELDS:  # the other statement's reading, so an English sentence writes it English-style
                merged[f"also_{key}"] = r.get(key)
            if _dating(best) < _dating(dated):  # the value's statement is less well dated: the date is the other's
                merged["date_from"] = _get(dated, "value_as_written")
        if _dating(dated) > _dating(r) and _get(dated, "figure_id") not in str(merged["figure_id"]).split(";"):
            merged["figure_id"] = f"{merged['figure_id']};{_get(dated, 'figure_id')}"  # the date's statement, cited
        out.append(merged)
    return out


def series_points(rows: Sequence[Row]) -> tuple[list[Row], list[str]]:
    """The rows that may be points of one series, and why the others were set aside.

    A series holds dated figures of one scope; a figure restating another (same_fact_as) is one point, not two.
    A later figure of another source that repeats an earlier point's value exactly (same value and bounds, e.g.
    超过44万 in November 2021 and again "at end-2022" on a page of 2024) may restate it: unless the data link or
    separate them, it is set aside with that reason, never drawn as a second point (referee-3 N16).
    """
    kept, notes = [], []
    for r in merge_facts(rows):
        if not is_dated(r):
            notes.append(f"{_describe(r)} set aside: {describe_basis(r)}")
            continue
        kept.append(r)
    loose = [r for r in kept if year_only(r)]
    if len(kept) > len(loose) or len(loose) > 1:
        # a growth rate, projection or line through a figure known only to its document's year would rest on an
        # invented day (31 December) and may put it after a figure it could precede (breaker 3)
        for r in loose:
            notes.append(f"{_describe(r)} set aside: dated only by its document's year ({date_words(r)}), so its "
                         "place among the other points is not known and a rate from it would rest on an invented "
                         "day")
        kept = [r for r in kept if r not in loose]
    pairs = possible_restatements(kept)
    repeats = [r for r, _ in pairs]
    for r, earlier in pairs:
        notes.append(f"{_describe(r)} set aside: the same value as {_describe(earlier)} from another, later source; "
                     "it may restate that figure, so it is not a second point")
    kept = [r for r in kept if r not in repeats]
    kept, merged = one_per_date(kept)
    notes += [f"{_describe(r)} restates {_describe(into)} (same date, values that can both hold): one fact, one "
              "point (the narrower value is used)" for r, into in merged]
    restated = [r for r in rows if r not in distinct_facts(rows)]
    notes += [f"{_describe(r)} restates {_get(r, 'same_fact_as')}: one fact, one point (the narrower value is used "
              "at the better-dated statement's date)" for r in restated]
    return kept, notes


def one_per_date(rows: Sequence[Row]) -> tuple[list[Row], list[tuple[Row, Row]]]:
    """Dated ``rows`` (facts of one series) with the statements of one date whose values can both hold
    (cleaning.checks.can_both_hold: rounding and bound intervals that overlap, 92.9万 and 约93万) made one: the
    narrowest interval stands for the fact and its ``figure_id`` names every statement (``;``-joined), so a density,
    a table row or a growth point is computed once, never twice for one date (editor 9, N-3). Statements that
    cannot both hold (92.9万 against 93.1万) stay apart: a recorded conflict, said where they are shown. Returns
    (rows kept in their order, (restatement, the row it joined) pairs)."""
    from swtoolkit.cleaning.checks import can_both_hold

    def width(r: Row) -> float:
        low, high = _bounds(r)
        if low == float("-inf") and high == float("inf"):  # no bound stated: as wide as its rounding allows
            return float("inf")
        return high - low

    homes: list[int] = []  # positions in ``rows`` of the statements that stand for a fact, narrowest first
    joined: dict[int, list[int]] = {}
    merged: list[tuple[Row, Row]] = []
    for n in sorted(range(len(rows)), key=lambda n: width(rows[n])):
        r = rows[n]
        home = next((h for h in homes if is_dated(r) and is_dated(rows[h])
                     and _get(rows[h], "ref_date") == _get(r, "ref_date") and can_both_hold(rows[h], r)), None)
        if home is None:
            homes.append(n)
            joined[n] = [n]
        else:
            joined[home].append(n)
            merged.append((r, rows[home]))
    out = []
    for h in sorted(homes, key=lambda h: min(joined[h])):  # in the order of each fact's first statement
        if len(joined[h]) == 1:
            out.append(rows[h])
            continue
        ids = [i for m in joined[h] for i in str(_get(rows[m], "figure_id")).split(";") if i]
        out.append({**rows[h], "figure_id": ";".join(dict.fromkeys(ids))})
    return out, merged


def possible_restatements(rows: Sequence[Row]) -> list[tuple[Row, Row]]:
    """(later, earlier) pairs of dated ``rows``: the later figure comes from another source and repeats the earlier
    one's value and bounds exactly, so it may restate it (not a second point of a series; :func:`series_points`)."""
    out = []
    for r in rows:
        earlier = _repeated_earlier(r, rows)
        if earlier is not None:
            out.append((r, earlier))
    return out


def _repeated_earlier(row: Row, rows: Sequence[Row]) -> Row | None:
    """The earliest row of ``rows`` dated before ``row``, of another source, with exactly its value and bounds."""
    def key(r: Row) -> tuple:
        return tuple(str(_get(r, k)) for k in ("value", "value_low", "value_high", "qualifier"))

    same = [r for r in rows if key(r) == key(row) and str(_get(r, "ref_date")) < str(_get(row, "ref_date"))
            and not _sources(row) & _sources(r)]
    return min(same, key=lambda r: str(_get(r, "ref_date")), default=None)


def one_series(a: Row, b: Row) -> Decision:
    """Whether two dated figures may be joined by a line as points of one series: the same definition (family,
    scope, unit as written, whole region), both dated, both with a value to draw a line through, and one
    provenance (the same source document). Figures of different documents may stand on one chart as separate
    markers; a line between them would suggest a trend that no source reports. A one-sided bound (超过6万,
    突破100万: :func:`open_ended`) has no value a line may pass through: it stays a marker with its arrow, and the
    line of its source runs past it (a line through the bound would draw its bound as the value, and two bounds
    joined would draw a level or a slope that no source states)."""
    d = same_definition(a, b, "series")
    if not d.allowed:
        return d
    for r in (a, b):
        if not is_dated(r):
            return _refuse("series", f"{_describe(r)} is {describe_basis(r)}", fallback="listed, not drawn")
    for r in (a, b):
        if open_ended(r):
            return _refuse("series", f"{_describe(r)} states only one bound, no value a line may pass through",
                           fallback="separate markers, no connecting line")
    sources_a, sources_b = _sources(a), _sources(b)
    if not sources_a & sources_b:
        return _refuse("series", f"different sources ({', '.join(sorted(sources_a))} vs "
                       f"{', '.join(sorted(sources_b))}): {_describe(a)}, {_describe(b)}",
                       fallback="separate markers, no connecting line")
    return _allow("series", "one definition and one source")


def series_runs(rows: Sequence[Row]) -> list[int]:
    """A run number per row (rows sorted by date): consecutive rows of one run may be joined by a line
    (:func:`one_series`); a row starts a new run when it may not be joined to the run's last row."""
    runs: list[int] = []
    last_of_run: dict[int, Row] = {}
    for r in rows:
        found = next((k for k, last in last_of_run.items() if one_series(last, r).allowed), None)
        if found is None:
            found = len(last_of_run)
        last_of_run[found] = r
        runs.append(found)
    return runs


def _as_span(item: Any) -> tuple[dt.date, dt.date] | None:
    """One date item of :func:`common_window` as a (low, high) span: a date or ISO string is the span of one day,
    a (low, high) pair (:func:`date_span` of a row) is itself; None (no date) stays None."""
    if item is None:
        return None
    if isinstance(item, tuple | list):
        if any(d is None or (isinstance(d, float) and d != d) or str(d) in ("", "NaT") for d in item):
            return None
        lo, hi = (_day(d) for d in item)
        return lo, hi
    day = _day(item)
    return day, day


def _day(d: Any) -> dt.date:
    if isinstance(d, dt.datetime):
        return d.date()
    return d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)[:10])


def row_spans(rows: Iterable[Row]) -> list[tuple[dt.date, dt.date] | None]:
    """The whole date interval of each row (:func:`date_span`), the items :func:`common_window` takes: a figure
    dated only by its document or to its year counts with every day it may refer to, not its interval's last day."""
    return [date_span(r) for r in rows]


#: Why :func:`common_window` leaves out a region with an undated figure (any day before its document).
UNDATED_WINDOW_REASON = ("a figure without a date (it may refer to any time before its document): not set against "
                         "dated figures")


def common_window(dates_by_region: Mapping[str, Iterable[Any]], max_days: int = MAX_APART_DAYS
                  ) -> tuple[set[str], dict[str, str]]:
    """The regions a ranking, league table or cross-region measure may set against each other: the largest set
    whose dates (all of each region's: a ratio's numerator and denominator) lie within ``max_days`` of each other.

    ``dates_by_region`` maps a region code to its figures' dates: each a date or ISO string (one day), or better a
    (low, high) span, the whole interval the figure's date lies in (:func:`date_span`, :func:`row_spans`). A figure
    dated only by its document (a page of about March 2022: its month) or to its year counts with its whole
    interval, so two regions are set side by side only when every day either may refer to lies within
    ``max_days`` (a page of "2022" is not end-2022). An item None or with an open start (an undated figure: any day
    before its document) never fits a window. Among windows holding equally many regions the latest wins. Returns
    ``(kept, refused)`` with ``refused`` mapping each region left out to the reason in words (its dates against
    the window's), so a table can say why it was not ranked.
    """
    spans: dict[str, tuple[dt.date, dt.date]] = {}
    undated: dict[str, str] = {}
    for code, dates in dates_by_region.items():
        items = [_as_span(d) for d in dates]
        if any(i is None or i[0] == dt.date.min for i in items):
            undated[code] = UNDATED_WINDOW_REASON
            continue
        if items:
            spans[code] = (min(i[0] for i in items), max(i[1] for i in items))
    if not spans:
        return set(), undated
    best: tuple[int, dt.date] | None = None
    kept: set[str] = set()
    for start in sorted({lo for lo, _ in spans.values()}):
        end = start + dt.timedelta(days=max_days)
        inside = {c for c, (lo, hi) in spans.items() if lo >= start and hi <= end}
        if inside and (best is None or (len(inside), start) >= best):
            best, kept = (len(inside), start), inside
    if not kept:  # no region fits a window on its own (its own figures, or one figure's interval, span too long)
        return set(), {**undated, **{c: f"its figures' dates span {lo} to {hi}: more than "
                                        f"{_apart_words(max_days)}" for c, (lo, hi) in spans.items()}}
    first = min(spans[c][0] for c in kept)
    last = max(spans[c][1] for c in kept)
    refused = {c: (f"dated {lo}" + (f" to {hi}" if hi != lo else "") + f": more than {_apart_words(max_days)} "
                   f"from the compared regions' dates ({first} to {last})")
               for c, (lo, hi) in spans.items() if c not in kept}
    return kept, {**undated, **refused}


def within_window_by_year(panel: pd.DataFrame, years: pd.Series) -> pd.Series:
    """Mask of the panel rows (region_code, ref_date) that a cross-region measure of their year may use: in each
    year, only the regions dated within six months of each other (comparability.common_window). Where the panel
    has ``date_low`` and ``date_high`` columns (each row's whole date interval, :func:`date_span`), those spans are
    what must fit, not the ``ref_date`` alone (an interval's last day)."""
    import pandas as pd  # noqa: F811 - at run time only here: the gate's other rules need no pandas

    keep = pd.Series(False, index=panel.index)
    spanned = {"date_low", "date_high"} <= set(panel.columns)
    for year in years.unique():
        part = panel[years == year]
        if spanned:
            items = {c: list(zip(g["date_low"], g["date_high"], strict=True)) for c, g in part.groupby("region_code")}
        else:
            items = {c: list(g["ref_date"]) for c, g in part.groupby("region_code")}
        kept, _ = common_window(items)
        keep[part.index[part["region_code"].isin(kept)]] = True
    return keep


def interval_gate(df_resid: float, model: str = "loglinear") -> Decision:
    """A t interval needs at least two residual degrees of freedom."""
    if df_resid < MIN_DF_FOR_INTERVAL:
        return _refuse(model, f"a t interval needs ≥ {MIN_DF_FOR_INTERVAL} residual degrees of freedom; this fit "
                       f"has {df_resid:g}", fallback="CAGR between the first and last points")
    return _allow(model, f"{df_resid:g} residual degrees of freedom")


def sigma_gate(regions_by_year: Mapping[int, set[str]], is_rate: bool) -> tuple[Decision, set[str]]:
    """σ-convergence: rates only, and the same regions in every year compared (a balanced set)."""
    if not is_rate:
        return _refuse("sigma", "σ-convergence compares rates or per-capita measures, not raw counts of regions of "
                       "different sizes", fallback="levels listed"), set()
    years = sorted(regions_by_year)
    common = set.intersection(*(regions_by_year[y] for y in years)) if years else set()
    if len(years) < 2 or len(common) < MIN_REGIONS_INEQUALITY:
        return _refuse("sigma", f"σ-convergence needs ≥ {MIN_REGIONS_INEQUALITY} regions with data in each of ≥ 2 "
                       f"years (balanced set: {len(common)} regions): {THIN_SET_REASON}", len(common),
                       fallback="levels listed"), common
    return _allow("sigma", f"balanced set of {len(common)} regions", len(common)), common


def variation_gate(values: Sequence[float], model: str, ceiling: float | None = None) -> Decision:
    """Inequality needs variation: regions all at one value (every one at 100%) have none to measure. A share has
    a ceiling (``ceiling``: 100 for a coverage rate): regions at it are saturated and cannot differ, so the spread
    rests on the regions below it alone, and those must be :data:`MIN_REGIONS_INEQUALITY` too (five of six
    prefectures at 100% give a Theil index of 0.000 that measures the ceiling, not a spread)."""
    if len(values) < MIN_REGIONS_INEQUALITY:
        return _refuse(model, f"{model} needs ≥ {MIN_REGIONS_INEQUALITY} regions ({len(values)} given): "
                       f"{THIN_SET_REASON}", len(values), fallback="levels listed")
    if max(values) - min(values) <= 1e-9:
        return _refuse(model, f"all {len(values)} regions stand at {values[0]:g}: no variation to measure "
                       "(saturation)", len(values), fallback="saturation noted")
    if ceiling is not None:
        below = sum(1 for v in values if v < ceiling - 1e-9)
        if below < MIN_REGIONS_INEQUALITY:
            return _refuse(model, f"{len(values) - below} of {len(values)} regions stand at the ceiling "
                           f"({ceiling:g}): only {below} below it carry any variation (saturation), and "
                           f"{THIN_SET_REASON}", len(values), fallback="saturation noted")
    return _allow(model, f"{len(values)} regions", len(values))
