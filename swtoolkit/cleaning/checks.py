"""Consistency checks on the clean figures, written to data/clean/checks.csv.

Each check returns rows (check, status, region_code, indicator, ref_date, figure_ids, detail). Status is `pass`,
`fail` or `note`; a failure is information for the curator and the report, not a silent fix.

The checks work on whole columns: each filters the figures it concerns, visits groups in the order
DataFrame.groupby would (sorted keys, rows in table order) and does Python work only for groups it reports on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

CHECK_COLUMNS = ["check", "status", "region_code", "indicator", "ref_date", "figure_ids", "detail", "explanation",
                 "verdict", "opposed"]
#: How a ``conflict`` row's column ``opposed`` writes the pairs of its statements that cannot both hold
#: ("WN027-18 vs WN030-02; WN027-18 vs WN040-13"): pairs joined by PAIR_SEP, the two ids of a pair by PAIR_JOIN.
PAIR_SEP, PAIR_JOIN = "; ", " vs "
#: What the curator found a recorded ``conflict`` to be (data/raw/check_notes.csv column ``verdict``): the sources
#: give one fact different values (``disagree``: every sentence stating one side says so), or the statements are
#: not one fact after all (``not_one_fact``: two plans, a before and an after, a page-date artefact), or dated
#: parts of a whole add up to more than an undated statement of the whole (``parts_exceed_whole``: Honghe's 131
#: 乡镇 and 10 街道 stations at end-June 2022 against the speech's undated 135; the whole may be an older count or
#: another way of counting, so the parts are the dated whole and the undated figure is never the latest; editor 7,
#: E7-5). ``parts_exceed_whole`` is a disagreement too: every sentence stating one side says so.
VERDICTS = ("disagree", "not_one_fact", "parts_exceed_whole")
#: The verdicts whose sides cannot all hold as written (recorded_conflicts(…, "disagree") gives them all).
DISAGREEING = ("disagree", "parts_exceed_whole")
#: Curated notes (data/raw/check_notes.csv) on a figure's statement rather than on a check: ``headline_only`` marks a
#: figure known only from a headline or title (Shenzhen's 900, a front-page teaser whose article is not in the
#: text): it has no stated date, scope or counting method, and every table or sentence using it says so.
#: ``relation_unclear`` marks an undated statement (its id first) that may restate one of the other statements of
#: the group or be another fact, which the source does not say (Zhaotong's 9000余万 in the provincial speech beside
#: its own 7715万 spent in 2021 and 9877万 planned for 2022): it is neither linked (same_fact_as) nor a conflict, and
#: every table showing it says that its relation to the others is not stated (editor 9 on R8b-26).
STATEMENT_NOTES = ("headline_only", "relation_unclear")
# Parts that add up to a total, within one region, date and source: one place for these identities.
PART_TOTALS = {
    "certified_social_workers": ["certified_assistant", "certified_intermediate", "certified_senior"],
    "villages_communities": ["villages", "communities"],
}
#: Named parts (figures.csv ``subset``) that together are the whole of an indicator: a township-level count is
#: written 乡镇（街道）, so its 乡镇 part and its 街道 part of one source and date make the whole. Such a dated set is a
#: dated statement of the whole for the latest-value rule (an undated whole is never the latest beside it; editor 7,
#: E7-17), though the parts are never added up into a figure. One registry: models and reports read it here.
WHOLE_OF_PARTS = {"township_stations": ("乡镇 only", "街道 only"), "townships": ("乡镇 only", "街道 only")}
# Coverage rate × denominator ≈ count.
COVERAGE_TRIPLES = [("township_station_coverage", "townships", "township_stations"),
                    ("village_station_coverage", "villages_communities", "village_stations"),
                    ("county_hub_coverage", "counties", "county_hubs")]
#: A part that can never exceed its whole, as (part indicator, part scope, whole indicator): the whole is read at
#: the plain definition. Certificate holders are a part of the practitioners only when the source counts the holders
#: among the people working in social work (scope ``in_social_work``: Kunming's 3,393 of its 19,442); the plain
#: count of holders is a running total that keeps holders who left social work, so it is no part of the workforce.
SUBSETS = [("station_staff_certified", "", "station_staff"),
           ("certified_social_workers", "in_social_work", "sw_practitioners")]
LEVEL_KINDS = ("actual", "cumulative")
#: A stated change or multiple (codebook measure change/multiple) and the level it describes: with both years'
#: levels in the data, the stated rate must agree with them (27.6% growth of 2018 registrants vs 42.45万/33.18万).
GROWTH_OF = {"exam_registrants_growth": "exam_registrants",
             "certified_growth": "certified_social_workers",
             "exam_pass_growth": "exam_passes", "exam_registrants_multiple": "exam_registrants"}
#: Statements of one seed at most this many characters apart belong to one passage of one document.
ONE_PASSAGE_CHARS = 150
NEAR_DAYS = 45  # statements this close in time describe the same fact (a month-end report, a meeting weeks later)
_GROUP_COLUMNS = ("region_code", "indicator", "ref_date", "figure_id", "value", "qualifier")


def _out(check: str, status: str, rows: dict[str, list], members: list[int], detail: str,
         indicator: str | None = None) -> dict:
    """One check row about the figures at `members` (positions into the lists of `rows`); the first one leads."""
    first = members[0]
    return {"check": check, "status": status, "region_code": rows["region_code"][first],
            "indicator": indicator or rows["indicator"][first], "ref_date": rows["ref_date"][first],
            "figure_ids": " ".join(rows["figure_id"][i] for i in members), "detail": detail}


def _ordered(frame: pd.DataFrame, keys: list[str], then: tuple[str, ...] = ()) -> tuple[np.ndarray, np.ndarray]:
    """Positions of `frame`'s rows in the order `frame.groupby(keys)` visits them (groups by sorted key; rows in
    frame order, or sorted by `then` within a group), and the group number of each."""
    group = frame.groupby(keys, sort=True).ngroup().to_numpy()
    if then:
        table = frame[list(then)].reset_index(drop=True).assign(_group=group)
        order = table.sort_values(["_group", *then], kind="stable").index.to_numpy()
    else:
        order = np.argsort(group, kind="stable")
    order = order[group[order] >= 0]  # groupby leaves out rows with a missing key
    return order, group[order]


def _grouped(clean: pd.DataFrame, where: pd.Series, keys: list[str]) -> tuple[dict[str, list], np.ndarray]:
    """The figures `where` holds, in the order `clean[where].groupby(keys)` visits them, as lists per column, and
    the group number of each."""
    frame = clean.loc[where, list(dict.fromkeys([*keys, *_GROUP_COLUMNS]))]
    order, group = _ordered(frame, keys)
    return {c: frame[c].iloc[order].tolist() for c in _GROUP_COLUMNS}, group


def _bounds(group: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) of each run of equal group numbers."""
    if not len(group):
        return []
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    stops = np.r_[starts[1:], len(group)]
    return list(zip(starts.tolist(), stops.tolist(), strict=True))


def _levels(clean: pd.DataFrame) -> pd.Series:
    """Which figures are levels (actual or cumulative) of a whole region with a value."""
    return clean["kind"].isin(LEVEL_KINDS) & whole_region(clean) & clean["value"].notna()


def whole_region(clean: pd.DataFrame) -> pd.Series:
    """Figures about a whole region: not a place inside it, not a named part (subset) of the indicator."""
    return clean["place"].eq("") & clean["subset"].eq("")


def check_parts_vs_totals(clean: pd.DataFrame) -> list[dict]:
    out = []
    levels = _levels(clean)
    for total, parts in PART_TOTALS.items():
        where = levels & clean["indicator"].isin([total, *parts])
        rows, group = _grouped(clean, where, ["region_code", "ref_date", "source_id"])
        for start, stop in _bounds(group):
            tot = [i for i in range(start, stop) if rows["indicator"][i] == total]
            sub = [i for i in range(start, stop) if rows["indicator"][i] != total]
            if len(tot) != 1 or len({rows["indicator"][i] for i in sub}) < 2:
                continue
            exact = all(rows["qualifier"][i] == "exact" for i in tot + sub)
            # np.sum over the parts in row order: the same pairwise sum as Series.sum
            parts_sum, total_value = np.array([rows["value"][i] for i in sub]).sum(), np.float64(rows["value"][tot[0]])
            ok = parts_sum == total_value if exact else parts_sum <= total_value * 1.5
            detail = f"parts {'+'.join(rows['indicator'][i] for i in sub)} = {parts_sum:g}; total {total_value:g}"
            out.append(_out("parts_vs_total", "pass" if ok else "fail", rows, tot + sub, detail, total))
    return out


def check_parts_across_sources(clean: pd.DataFrame) -> list[dict]:
    """Parts of a total (:data:`PART_TOTALS`) stated by one source for one date, against every total of the same
    region, date, kind and scope stated by another source: where the least the parts can add up to (the sum of
    their :func:`statement_interval` lower ends, open when one of them is open: 33.3万余 starts just above 333,000)
    is more than the most the total allows (43.9万 rounded: at most 439,500), the parts and that total cannot both
    hold, and one ``conflict`` row (status ``fail`` until a curator's note gives its verdict) names the parts and
    every such total. China at end-2018: WN043's 33.3万余 assistant and 10.7万余 intermediate holders come to more
    than 440,000, which the 43.9万 of two other pages cannot hold (fresh referee 26, item 1); the same-source
    comparison (:func:`check_parts_vs_totals`) saw only WN043's own 44万. A parts sum below a total is no conflict
    (a senior or unlisted level may make up the rest)."""
    out = []
    levels = _levels(clean)
    scope = clean["scope"] if "scope" in clean.columns else pd.Series("", index=clean.index)
    for total, parts in PART_TOTALS.items():
        part_rows = clean[levels & clean["indicator"].isin(parts)]
        totals = clean[levels & clean["indicator"].eq(total)]
        for (region, date, source, kind), group in part_rows.groupby(
                ["region_code", "ref_date", "source_id", "kind"], sort=True):
            if group["indicator"].nunique() < 2 or group["indicator"].duplicated().any():
                continue  # one figure per part, at least two parts
            ends = [_row_interval(r) for r in group.to_dict("records")]
            least, least_open = sum(e[0] for e in ends), any(e[2] for e in ends)
            if scope.loc[group.index].nunique() != 1:
                continue  # parts of different scopes make no one total
            mates = totals[totals["region_code"].eq(region) & totals["ref_date"].eq(date)
                           & totals["kind"].eq(kind) & totals["source_id"].ne(source)
                           & scope.loc[totals.index].eq(scope.loc[group.index[0]])]
            beyond = [r for r in mates.to_dict("records")
                      if least > _row_interval(r)[1] or (least == _row_interval(r)[1]
                                                         and (least_open or _row_interval(r)[3]))]
            if not beyond:
                continue
            members = [*group.to_dict("records"), *beyond]
            rows = {c: [r[c] for r in members] for c in ("region_code", "indicator", "ref_date", "figure_id")}
            written = "; ".join(f"{r['figure_id']}={r['value_as_written']} (at most {_row_interval(r)[1]:g})"
                                for r in beyond)
            detail = (f"parts {'+'.join(group['indicator'])} of {source} come to "
                      f"{'more than' if least_open else 'at least'} {least:g}; a total of another source "
                      f"cannot hold them: {written}")
            out.append(_out("conflict", "fail", rows, list(range(len(members))), detail, total))
    return out


def check_coverage(clean: pd.DataFrame) -> list[dict]:
    out = []
    levels = clean["kind"].isin(LEVEL_KINDS + ("ratio",)) & clean["value"].notna() & whole_region(clean)
    for rate, denominator, count in COVERAGE_TRIPLES:
        where = levels & clean["indicator"].isin([rate, denominator, count])
        rows, group = _grouped(clean, where, ["region_code", "source_id"])
        for start, stop in _bounds(group):
            firsts = [next((i for i in range(start, stop) if rows["indicator"][i] == k), None)
                      for k in (rate, denominator, count)]
            if None in firsts:
                continue
            r0, d0, c0 = firsts
            r, d, c = (np.float64(rows["value"][i]) for i in firsts)
            implied = r / 100 * d
            tolerance = max(1.0, 0.0006 * d)  # a rate printed to 0.1 point
            ok = abs(implied - c) <= tolerance or rows["qualifier"][r0] != "exact"
            detail = (f"{r:g}% × {d:g} = {implied:.1f} vs {c:g} "
                      f"(dates {rows['ref_date'][r0]}, {rows['ref_date'][d0]}, {rows['ref_date'][c0]})")
            out.append(_out("coverage_x_denominator", "pass" if ok else "fail", rows, firsts, detail, count))
    return out


def check_duplicates_and_conflicts(clean: pd.DataFrame) -> list[dict]:
    """One fact stated more than once: same region, indicator and kind, dates at most NEAR_DAYS apart.

    Equal values are duplicates (a note); different values are conflicts (a failure to explain), e.g. a speech
    saying 目前 (the meeting's date) and a report saying 截至6月底 about the same stock.
    """
    out = []
    # two scopes are two facts (3524 signed up, 3242 paid: not a conflict); frames without the column have one scope
    keys = ["region_code", "indicator", *(["scope"] if "scope" in clean.columns else []), "kind", "target_year"]
    where = np.flatnonzero(whole_region(clean) & clean["kind"].isin(LEVEL_KINDS + ("target", "norm", "ratio")))
    levels = clean[[*keys, "ref_date", "figure_id"]].iloc[where]
    order, group = _ordered(levels, keys, then=("ref_date", "figure_id"))
    codes, dates = pd.factorize(levels["ref_date"])
    days = pd.to_datetime(pd.Series(dates, dtype="str")).to_numpy().astype("datetime64[D]").astype(np.int64)
    days = days[codes[order]]
    # a cluster of statements starts a group, or follows a gap of more than NEAR_DAYS
    cluster = np.cumsum(np.r_[True, (group[1:] != group[:-1]) | (np.diff(days) > NEAR_DAYS)][: len(group)])
    size = np.bincount(cluster)[cluster] if len(cluster) else cluster
    shared = np.flatnonzero(size >= 2)  # only statements that have company become Python objects
    rows = {c: clean[c].iloc[where[order[shared]]].tolist() for c in (
        "region_code", "indicator", "ref_date", "figure_id", "source_id", "value", "value_low", "value_high",
        "qualifier", "value_as_written")}
    for start, stop in _bounds(cluster[shared]):
        near = list(range(start, stop))
        values = {repr((rows["value"][i], rows["value_low"][i], rows["value_high"][i], rows["qualifier"][i]))
                  for i in near}
        if len(values) == 1:
            sources = sorted({rows["source_id"][i] for i in near})
            out.append(_out("duplicate", "note", rows, near, f"same figure stated {len(near)} times in {sources}"))
        elif _intervals_meet([_interval(rows, i) for i in near]):
            written = "; ".join(f"{rows['figure_id'][i]}={rows['value_as_written'][i]}" for i in near)
            out.append(_out("duplicate", "note", rows, near, "same fact at different precision (the intervals "
                            f"overlap): {written}"))
        elif not _before_and_after(clean, rows, near):
            written = "; ".join(f"{rows['figure_id'][i]}={rows['value_as_written'][i]} ({rows['ref_date'][i]})"
                                for i in near)
            out.append(_out("conflict", "fail", rows, near, f"different values for one fact: {written}"))
    return out + _overlapping_conflicts(clean, levels, keys, order, group, cluster)


def _before_and_after(clean: pd.DataFrame, rows: dict[str, list], near: list[int]) -> bool:
    """True when the differing statements are one document's own levels, some dated and the others undated: a page
    that gives a change (893 two years ago, 2204 now; 5400 before an action, 10427 now) states a before and an
    after, not one fact twice; the undated before lies somewhere before the page and is never its latest."""
    if len({rows["source_id"][i] for i in near}) != 1 or "date_basis" not in clean.columns:
        return False
    found = clean.set_index("figure_id").loc[[rows["figure_id"][i] for i in near]]
    if str(rows["source_id"][near[0]]).startswith("S"):
        # a seed bundles several documents: only statements of one passage (a few lines apart) are one page's
        places = pd.to_numeric(found["locator"], errors="coerce")
        if places.isna().any() or places.max() - places.min() > ONE_PASSAGE_CHARS:
            return False
    basis = found["date_basis"].astype(str)
    return basis.eq("undated").any() and basis.ne("undated").any()


def _overlapping_conflicts(clean: pd.DataFrame, levels: pd.DataFrame, keys: list[str], order: np.ndarray,
                           group: np.ndarray, cluster: np.ndarray) -> list[dict]:
    """Conflicts the date clusters miss: a statement dated only to a span (目前 or 日前 on a page known to its year:
    any day of 2018) and another statement of the same fact dated inside that span, more than NEAR_DAYS from the
    span's end (Zhejiang's 2018 registrants: 8.6万 on a page of 2018, 8.4万 on 11 June 2018). Both intervals must
    be closed (an undated figure, open before its document, is never paired this way) and their values must not
    meet."""
    if "ref_date_low" not in clean.columns or not len(order):
        return []
    idx = levels.index.to_numpy()[order]
    low = pd.to_datetime(clean.loc[idx, "ref_date_low"].replace("", None), errors="coerce").to_numpy()
    high = pd.to_datetime(clean.loc[idx, "ref_date_high"].replace("", None), errors="coerce").to_numpy()
    spans = np.flatnonzero(~pd.isna(low) & ~pd.isna(high) & (high - low > np.timedelta64(NEAR_DAYS, "D")))
    out = []
    for i in spans:
        mates = np.flatnonzero((group == group[i]) & (cluster != cluster[i]) & ~pd.isna(low) & ~pd.isna(high)
                               & (low <= high[i]) & (high >= low[i]))
        mates = [int(j) for j in mates if not (j in spans and j < i)]  # a pair of two spans is reported once
        if not mates:
            continue
        pair = sorted([int(i), *mates])
        rows = {c: clean.loc[idx[pair], c].tolist() for c in (
            "region_code", "indicator", "ref_date", "figure_id", "source_id", "value", "value_low",
            "value_high", "qualifier", "value_as_written")}
        if _intervals_meet([_interval(rows, k) for k in range(len(pair))]):
            continue
        written = "; ".join(f"{rows['figure_id'][k]}={rows['value_as_written'][k]} ({rows['ref_date'][k]})"
                            for k in range(len(pair)))
        out.append(_out("conflict", "fail", rows, list(range(len(pair))), "different values for one fact (one is "
                        f"dated only to a span that holds the other's date): {written}"))
    return out


def _interval(rows: dict[str, list], i: int) -> tuple[float, float, bool, bool]:
    """:func:`statement_interval` of the statement at position ``i`` of ``rows`` (lists per column)."""
    return statement_interval(rows["value"][i], rows["value_low"][i], rows["value_high"][i], rows["qualifier"][i],
                              rows["value_as_written"][i] if "value_as_written" in rows else "")


def statement_interval(value, low, high, qualifier: str, written: str = "") -> tuple[float, float, bool, bool]:
    """(low, high, low_open, high_open): every value a statement allows as written, for deciding whether two
    statements can both hold (issue 11, item 7: a rounded figure is an interval).

    Its bounds where given (an absent end is infinite). An approximate figure with no bound (约93万) allows every
    value that rounds to it at the unit of its last written digit (cleaning.rounding.rounding_of: 约93万 → 925,000
    to 935,000, so 约93万 and 92.9万 can be one fact); one written without a numeral is its value. A strict bound
    excludes its end: 超过/>60万 (more_than) starts just above 600,000, 不到/<60万 (less_than) ends just below it,
    so >60万 and 近60万 (at_most, ≤600,000) cannot be one fact. Only a test of compatibility: the figure's own
    bounds (figures.csv) are not widened."""
    from swtoolkit.cleaning.numbers import rounding_of  # re-exported there: numbers loads rounding

    value, low, high = (float("nan") if v is None or v == "" else float(v) for v in (value, low, high))
    qualifier = str(qualifier)
    if qualifier == "exact" and not np.isnan(value):  # an exact figure is its value, whatever bounds it carries
        return value, value, False, False
    if np.isnan(low) and np.isnan(high):
        if qualifier in ("more_than", "at_least"):
            return value, np.inf, qualifier == "more_than", False
        if qualifier in ("less_than", "at_most"):
            return -np.inf, value, False, qualifier == "less_than"
        found = rounding_of(str(written)) if qualifier == "approx" and written else None
        if found is not None and found.unit > 0:
            return value - found.unit / 2, value + found.unit / 2, False, False
        return value, value, False, False
    return ((-np.inf if np.isnan(low) else low), (np.inf if np.isnan(high) else high),
            qualifier == "more_than", qualifier == "less_than")


def can_both_hold(a: Mapping, b: Mapping) -> bool:
    """True when one value satisfies both statements (figures.csv rows or mappings with value, value_low,
    value_high, qualifier, value_as_written): their :func:`statement_interval` ranges overlap."""
    return _intervals_meet([_row_interval(a), _row_interval(b)])


def written_can_hold(written: str, row: Mapping) -> bool | None:
    """Whether a figure known only as written (a refused statement's value, '33.2萬人') can hold together with a
    clean statement ``row`` (:func:`can_both_hold`): the written figure is read with its own words, and a plain
    figure allows every value that rounds to it at its last written digit (33.2万: 331,500 to 332,500). None when
    the written figure cannot be read."""
    from swtoolkit.cleaning.numbers import ValueParseError, parse_value

    try:
        parsed = parse_value(str(written))
    except (ValueParseError, ValueError):
        return None
    if parsed.value is None and parsed.low is None and parsed.high is None:
        return None
    exact = parsed.qualifier == "exact"
    mine = {"value": parsed.value, "value_low": None if exact else parsed.low,
            "value_high": None if exact else parsed.high,
            "qualifier": "approx" if exact else parsed.qualifier, "value_as_written": str(written)}
    return can_both_hold(mine, row)


def _row_interval(row: Mapping) -> tuple[float, float, bool, bool]:
    return statement_interval(row.get("value"), row.get("value_low"), row.get("value_high"),
                              row.get("qualifier", "exact"), row.get("value_as_written", ""))


def opposed_pairs(rows: list[Mapping]) -> list[tuple[str, str]] | None:
    """The pairs of figure ids among ``rows`` (statements recorded as one fact) that cannot both hold: their
    :func:`statement_interval` ranges do not overlap (92.9万 against 93.1万; 约93万 holds with both and is in no
    pair). In file order of ``rows``, each pair (earlier, later). None when the statements are not comparable one
    pair at a time: of different indicators or units (a stated rate against two levels, one count in two units),
    parts of a whole (a subset) or without a value; then the conflict is the group as a whole."""
    if len(rows) < 2:
        return None
    def text(value) -> str:
        return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)

    def number(value) -> float:
        try:
            return float(value)
        except (TypeError, ValueError):
            return float("nan")

    keys = {(text(r.get("indicator")), text(r.get("unit"))) for r in rows}
    if len(keys) != 1 or any(text(r.get("subset")) for r in rows) or any(np.isnan(number(r.get("value")))
                                                                          for r in rows):
        return None
    out = []
    for i, a in enumerate(rows):
        for b in rows[i + 1:]:
            if not can_both_hold(a, b):
                out.append((str(a["figure_id"]), str(b["figure_id"])))
    return out


def write_pairs(pairs: list[tuple[str, str]] | None) -> str:
    """The ``opposed`` cell of a conflict row: 'A vs B; A vs C' ('' for a group compared as a whole)."""
    return PAIR_SEP.join(PAIR_JOIN.join(p) for p in pairs or [])


def read_pairs(cell: str) -> frozenset[frozenset[str]] | None:
    """The pairs an ``opposed`` cell names (:func:`write_pairs`), as frozensets; None for an empty cell."""
    text = "" if cell is None or (isinstance(cell, float) and np.isnan(cell)) else str(cell).strip()
    if not text:
        return None
    return frozenset(frozenset(p.split(PAIR_JOIN)) for p in text.split(PAIR_SEP) if PAIR_JOIN in p)


def _intervals_meet(intervals: list[tuple]) -> bool:
    """True when one number lies in every interval (a rounded 53.1万 and a 53.10万 can be one fact); an open end
    (a strict bound, see :func:`_interval`) does not contain its end point. Plain (low, high) pairs are closed."""
    full = [(*iv, False, False) if len(iv) == 2 else iv for iv in intervals]
    low = max(iv[0] for iv in full)
    high = min(iv[1] for iv in full)
    if low < high:
        return True
    if low > high:
        return False
    # the intervals touch at one point: it belongs to every interval only if no interval is open there
    return not any((iv[0] == low and iv[2]) or (iv[1] == high and iv[3]) for iv in full)


def check_plausible(clean: pd.DataFrame) -> list[dict]:
    out = []
    bounds = clean[["value", "value_low", "value_high"]].to_numpy()
    negative = (bounds < 0).any(axis=1)
    above = clean["unit"].eq("percent").to_numpy() & (bounds > 100).any(axis=1)
    flagged = np.flatnonzero(negative | above)
    rows = {c: clean[c].iloc[flagged].tolist() for c in ("region_code", "indicator", "ref_date", "figure_id")}
    for i, position in enumerate(flagged):
        if negative[position]:
            out.append(_out("implausible", "fail", rows, [i], "negative value"))
        if above[position]:
            out.append(_out("implausible", "fail", rows, [i], "a coverage or share above 100%"))
    levels = _levels(clean)
    scope = clean["scope"] if "scope" in clean else pd.Series("", index=clean.index)
    for part, part_scope, whole in SUBSETS:
        # a narrower scope (full-time staff of organisations only) is not the whole the part belongs to, and only
        # the part's own scope is a part of it
        paired = ((clean["indicator"].eq(part) & scope.eq(part_scope))
                  | (clean["indicator"].eq(whole) & scope.eq("")))
        rows, group = _grouped(clean, levels & paired, ["region_code", "ref_date", "source_id"])
        for start, stop in _bounds(group):
            p = [i for i in range(start, stop) if rows["indicator"][i] == part]
            w = [i for i in range(start, stop) if rows["indicator"][i] == whole]
            if len(p) == 1 and len(w) == 1:
                pv, wv = np.float64(rows["value"][p[0]]), np.float64(rows["value"][w[0]])
                ok = pv <= wv or rows["qualifier"][p[0]] != "exact"
                detail = f"{part} {pv:g} ≤ {whole} {wv:g}"
                out.append(_out("subset_not_above_whole", "pass" if ok else "fail", rows, p + w, detail, part))
    return out


def _written_interval(value: float, low: float, high: float, written: str) -> tuple[float, float]:
    """[low, high] of a stated rate: its bounds where given, else half a unit of its last written decimal
    (27.6% → 27.55 to 27.65)."""
    if not (np.isnan(low) and np.isnan(high)):
        return (-np.inf if np.isnan(low) else low), (np.inf if np.isnan(high) else high)
    digits = re.search(r"\d+(?:\.(\d+))?", str(written))
    half = 0.5 * 10 ** -(len(digits[1]) if digits and digits[1] else 0)
    return value - half, value + half


def check_stated_growth(clean: pd.DataFrame) -> list[dict]:
    """A stated growth rate or multiple for year Y (clean period_start) against the levels of Y and Y-1 of the same
    region, indicator scope and kind in the data (one level per year; the check is skipped otherwise): `pass` when
    the stated rate lies in the range the two levels' intervals allow, `fail` (a conflict to explain) otherwise."""
    out = []
    needed = ("period_start", "scope", "same_fact_as", "date_basis", "value_as_written")
    if any(c not in clean for c in needed):  # a bare frame (tests, older tables) has no stated periods to check
        return out
    whole = whole_region(clean)
    stated = clean[whole & clean["indicator"].isin(list(GROWTH_OF)) & clean["period_start"].ne("")]
    for r in stated.to_dict("records"):
        year = int(r["period_start"][:4])
        levels = clean[whole & clean["indicator"].eq(GROWTH_OF[r["indicator"]]) & clean["kind"].eq("actual")
                       & clean["region_code"].eq(r["region_code"]) & clean["scope"].eq(r["scope"])
                       & clean["date_basis"].isin(["stated", "document"])]
        by_year = {y: _one_level(g) for y, g in levels.groupby(levels["ref_date"].str[:4].astype(int))}
        if by_year.get(year) is None or by_year.get(year - 1) is None:
            continue
        now, before = by_year[year], by_year[year - 1]

        def ends(row: pd.Series) -> tuple[float, float]:
            lo, hi = row["value_low"], row["value_high"]
            return (row["value"] if np.isnan(lo) else lo), (row["value"] if np.isnan(hi) else hi)

        (n_lo, n_hi), (b_lo, b_hi) = ends(now), ends(before)
        multiple = clean_measure_is_multiple(r["indicator"])
        lo, hi = n_lo / b_hi, n_hi / b_lo
        if not multiple:
            lo, hi = 100 * (lo - 1), 100 * (hi - 1)
        s_lo, s_hi = _written_interval(r["value"], r["value_low"], r["value_high"], r["value_as_written"])
        ok = s_lo <= hi and lo <= s_hi
        rows = {"region_code": [r["region_code"]] * 3, "indicator": [r["indicator"]] * 3,
                "ref_date": [r["ref_date"], now["ref_date"], before["ref_date"]],
                "figure_id": [r["figure_id"], now["figure_id"], before["figure_id"]]}
        detail = (f"stated {r['value_as_written']} for {year}; the levels {now['value_as_written']} and "
                  f"{before['value_as_written']} give {lo:.4g} to {hi:.4g}")
        out.append(_out("conflict" if not ok else "stated_growth", "fail" if not ok else "pass", rows, [0, 1, 2],
                        detail))
    return out


def _one_level(rows: pd.DataFrame) -> pd.Series | None:
    """The one level of a year a stated rate is set against, from every statement dated in that year: its year-end
    statements in their own words when there are some and they all give one value (several pages repeating 43.9万
    for end-2018 beside a mid-year 32.6万余 and a February page restating end-2017), else the year's only fact
    (statements that restate none, same_fact_as empty); None when the year's level is not one number."""
    year_end = rows[rows["ref_date"].str[5:10].eq("12-31") & rows["date_basis"].eq("stated")]
    keys = [c for c in ("value", "value_low", "value_high", "qualifier") if c in year_end]
    values = {tuple(map(repr, v)) for v in year_end[keys].to_numpy()}
    if len(values) == 1:
        return year_end.iloc[0]
    own = rows[rows["same_fact_as"].eq("")]
    return own.iloc[0] if len(own) == 1 and year_end.empty else None


def clean_measure_is_multiple(indicator: str) -> bool:
    """True for an indicator stated as a multiple (codebook measure ``multiple``), not a percent change."""
    from swtoolkit.codebook import codebook

    book = codebook()
    return indicator in book.index and str(book.loc[indicator, "measure"]) == "multiple"


#: Scopes under which a yearly flow may be stated over a period longer than a year: several sittings added together,
#: or one year's count that held in each year of the period (referee 5, NF15).
MULTI_YEAR_SCOPES = ("multi_year_total", "each_year")
_ONE_YEAR = re.compile(r"\bin one year\b")


def yearly_flows() -> tuple[str, ...]:
    """Codebook keys of flows defined per year ("… in one year": exam registrants of every level)."""
    from swtoolkit.codebook import codebook

    book = codebook()
    return tuple(k for k, d, m in zip(book.index, book["definition"], book["measure"], strict=True)
                 if m == "flow" and _ONE_YEAR.search(str(d)))


def check_period_vs_definition(clean: pd.DataFrame) -> list[dict]:
    """A figure never sits under a definition it does not meet: a flow the codebook defines per year (registrants
    in one year) counted over a period of more than a year (去年以来 to the document's date) is a ``fail`` unless
    its scope says what it is (:data:`MULTI_YEAR_SCOPES`: several sittings together, or each year's count). Rows
    without a period (a bare year) are one year by their date."""
    out = []
    if "period_start" not in clean or "scope" not in clean:
        return out
    start = pd.to_datetime(clean["period_start"].where(clean["period_start"].ne(""), None), errors="coerce")
    end = pd.to_datetime(clean["ref_date"], errors="coerce")
    long = (end - start).dt.days > 366
    where = np.flatnonzero(clean["indicator"].isin(yearly_flows()) & long & ~clean["scope"].isin(MULTI_YEAR_SCOPES))
    rows = {c: clean[c].iloc[where].tolist() for c in ("region_code", "indicator", "ref_date", "figure_id",
                                                       "period_start")}
    for i in range(len(where)):
        out.append(_out("period_vs_definition", "fail", rows, [i],
                        f"a per-year flow counted from {rows['period_start'][i]} to {rows['ref_date'][i]} (more than "
                        f"a year) without a scope saying several years together or each year "
                        f"({', '.join(MULTI_YEAR_SCOPES)})"))
    return out


#: Indicators that count one thing in different units (persons, person-times, households): a count stated with one
#: value by two sources under two of them is one count whose unit (and often period) the sources disagree on.
UNIT_TWINS = (("training_persons", "training_participants"),
              ("service_recipient_persons", "service_recipients"),
              ("home_visit_households", "home_visit_persons", "home_visits"),
              ("assistance_recipients", "assistance_recipient_times", "assistance_recipient_households",
               "assistance_recipient_objects"))


def check_unit_twins(clean: pd.DataFrame) -> list[dict]:
    """One count stated twice in two units (review R6b-15): figures of one region (not a place inside it) with the
    same value under two indicators of one UNIT_TWINS group (Baoshan's 430 trained:
    430名 cumulative in the speech, 430人次 this year in its own report). Neither unit can be read as the other, so
    they are not linked as one fact; the pair is a ``conflict`` to explain in data/raw/check_notes.csv, and the
    reports name it wherever both are shown."""
    twin_of = {k: n for n, group in enumerate(UNIT_TWINS) for k in group}
    where = np.flatnonzero(clean["place"].eq("") & clean["indicator"].isin(twin_of).to_numpy()
                           & clean["kind"].isin(("actual", "cumulative", "increment")).to_numpy())
    cols = ("region_code", "indicator", "ref_date", "figure_id", "source_id", "value", "value_as_written")
    rows = {c: clean[c].iloc[where].tolist() for c in cols}
    seen: dict[tuple, list[int]] = {}
    for i in range(len(where)):
        seen.setdefault((rows["region_code"][i], twin_of[rows["indicator"][i]], repr(rows["value"][i])), []).append(i)
    out = []
    for members in seen.values():
        if len({rows["indicator"][i] for i in members}) > 1:
            written = "; ".join(f"{rows['figure_id'][i]}={rows['value_as_written'][i]} ({rows['indicator'][i]})"
                                for i in members)
            out.append(_out("conflict", "fail", rows, members, f"one count in two units: {written}"))
    return out


#: The date bases whose ``ref_date_high`` is the latest day a statement can refer to because its document speaks
#: then: an undated figure lies before its document, 目前 is the document's day, 2021年以前 ends before its bound.
DOCUMENT_BOUNDED = ("undated", "document", "before")


def _earliest(ref_date: str, precision: str) -> str:
    """The first day a stated date can mean at its precision: 2018年 → 2018-01-01 (a year's flow may be stated in
    the year), 2018年6月底 → 2018-06-01, a day → that day."""
    if precision == "year":
        return f"{ref_date[:4]}-01-01"
    if precision == "month":
        return f"{ref_date[:7]}-01"
    return ref_date


def check_fact_dates(clean: pd.DataFrame) -> list[dict]:
    """A fact is never dated after a document that states it (referee 10a, R10a-5).

    Statements linked by ``same_fact_as`` (either way, through chains) are one statistic at one date. A statement
    that gives its own date (``date_basis`` stated) whose earliest possible day (:func:`_earliest`) is after the
    document of another statement of the fact (the ``ref_date_high`` of an undated, document-dated or 'before'
    statement, :data:`DOCUMENT_BOUNDED`) cannot be that fact: a page of 21 March 2018 cannot state a count 'at
    end-June 2018'. Either the link is wrong (two counts that happen to round alike) or a date is; each such fact is
    one ``fact_date_after_document`` row, status ``fail`` (the curator fixes the link or the date), so the reports
    never carry the later date to the earlier statement. Targets and plans (``plan`` basis) look ahead and are not
    checked; a frame without the date columns has nothing to check."""
    needed = ("same_fact_as", "date_basis", "ref_date_high", "ref_date_precision")
    if any(c not in clean for c in needed) or clean.empty:
        return []
    linked = clean["same_fact_as"].astype(str).ne("")
    if not linked.any():
        return []
    ids = clean["figure_id"].astype(str).tolist()
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for fid, target in zip(clean["figure_id"].astype(str), clean["same_fact_as"].astype(str), strict=True):
        if target and target in parent:
            parent[root(fid)] = root(target)
    groups: dict[str, list[int]] = {}
    for pos, fid in enumerate(ids):
        groups.setdefault(root(fid), []).append(pos)
    cols = ("region_code", "indicator", "ref_date", "figure_id", "date_basis", "ref_date_high", "ref_date_precision",
            "date_as_written")
    rows = {c: clean[c].astype(str).tolist() if c in clean else [""] * len(clean) for c in cols}
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        bounds = [(p, rows["ref_date_high"][p]) for p in members
                  if rows["date_basis"][p] in DOCUMENT_BOUNDED and rows["ref_date_high"][p]]
        if not bounds:
            continue
        late = []
        for p in members:
            if rows["date_basis"][p] != "stated":
                continue
            start = _earliest(rows["ref_date"][p], rows["ref_date_precision"][p])
            late += [(p, q, bound) for q, bound in bounds if q != p and start > bound]
        if not late:
            continue
        said = "; ".join(f"{rows['figure_id'][p]} is dated {rows['ref_date'][p]} ({rows['date_as_written'][p]}), "
                         f"after the document of {rows['figure_id'][q]} ({bound})" for p, q, bound in late)
        involved = list(dict.fromkeys(x for p, q, _ in late for x in (p, q)))
        out.append(_out("fact_date_after_document", "fail", rows, involved,
                        f"one fact (same_fact_as) dated after a document that states it: {said}; a figure cannot "
                        "be dated later than its document, so the link or the date is wrong"))
    return out


CHECKS = [check_parts_vs_totals, check_parts_across_sources, check_coverage, check_duplicates_and_conflicts,
          check_plausible, check_stated_growth, check_period_vs_definition, check_unit_twins, check_fact_dates]


#: What ends a clause in a source text: figures on either side of one of these are not "listed in one clause".
CLAUSE_BREAK = re.compile(r"[；;。！？!?\n]")
#: The kinds that type a stated amount as a level, a running total or a flow; figures listed together in one clause
#: under one verb share one of them (R10b-6).
TYPED_KINDS = ("actual", "cumulative", "increment")


def check_clause_kinds(clean: pd.DataFrame, texts: dict[str, str | None] | None) -> list[dict]:
    """Figures of one indicator that one source lists in one clause, under one verb and one date phrase (红河345.5万、
    昭通254万，文山208万: no ；or 。 between them), typed as different kinds (running total ``cumulative`` beside flow
    ``increment`` or level ``actual``): one ``clause_kind`` row (status ``fail``) per such clause, so the kind
    follows the words and not the region each figure was linked to (referee 10b R10b-6).

    ``texts``: source id → line-joined text (cleaning.texts.source_texts); rows whose source has no text or whose
    locator is not an offset are not checked. Returns check rows (:data:`CHECK_COLUMNS`)."""
    if not texts or clean.empty:
        return []
    offset = pd.to_numeric(clean["locator"].astype(str).where(clean["locator"].astype(str).str.fullmatch("[0-9]+")),
                           errors="coerce")
    rows = clean.assign(_offset=offset)
    rows = rows[rows["_offset"].notna() & rows["kind"].isin(TYPED_KINDS)]
    out = []
    for (source, *_), group in rows.groupby(["source_id", "indicator", "date_as_written", "subset"], sort=True):
        text = texts.get(str(source))
        if not text or len(group) < 2:
            continue
        group = group.sort_values("_offset", kind="stable")
        clause: list[int] = []
        records = group.to_dict("records")
        for i, row in enumerate(records):
            if clause and (CLAUSE_BREAK.search(text[int(records[clause[-1]]["_offset"]):int(row["_offset"])])
                           or int(row["_offset"]) - int(records[clause[-1]]["_offset"]) > ONE_PASSAGE_CHARS):
                out += _mixed_clause(records, clause)
                clause = []
            clause.append(i)
        out += _mixed_clause(records, clause)
    return out


def _mixed_clause(records: list[dict], clause: list[int]) -> list[dict]:
    kinds = {str(records[i]["kind"]) for i in clause}
    if len(clause) < 2 or len(kinds) < 2:
        return []
    members = {k: [records[i][k] for i in clause] for k in ("region_code", "indicator", "ref_date", "figure_id")}
    detail = ("one clause lists these figures under one verb with one date phrase but they are typed as "
              + ", ".join(f"{records[i]['figure_id']}={records[i]['kind']}" for i in clause)
              + ": one kind unless the source says otherwise")
    return [_out("clause_kind", "fail", members, list(range(len(clause))), detail)]


def curated_conflicts(clean: pd.DataFrame, notes: pd.DataFrame | None, found: list[dict]) -> list[dict]:
    """Conflicts the curator records that no check can pair: a ``conflict`` row of data/raw/check_notes.csv whose
    figures differ in indicator or part (Honghe's 135 township stations in the provincial speech against its own
    report's 143 stations of every level, of which 131 township and 10 street stations), so the date-and-value
    checks never see them. Each becomes a ``conflict`` row (status ``fail`` until run_checks attaches the note) so
    that the reports disclose it wherever they show one of the figures; a note whose figures a check already pairs,
    or that names a figure the clean table lacks, adds nothing."""
    if notes is None or notes.empty:
        return []
    key = lambda ids: " ".join(sorted(str(ids).split()))  # noqa: E731
    seen = {key(r["figure_ids"]) for r in found}
    known = clean.set_index("figure_id")
    out = []
    for ids in notes.loc[notes["check"].eq("conflict"), "figure_ids"]:
        members = str(ids).split()
        if key(ids) in seen or not all(m in known.index for m in members):
            continue
        rows = {c: [known.loc[m, c] for m in members] for c in ("region_code", "indicator", "ref_date")}
        rows["figure_id"] = members
        written = "; ".join(f"{m}={known.loc[m, 'value_as_written']} ({known.loc[m, 'indicator']})" for m in members)
        out.append(_out("conflict", "fail", rows, list(range(len(members))),
                        f"recorded by the curator (no check pairs these figures): {written}"))
    return out


def curated_statement_notes(clean: pd.DataFrame, notes: pd.DataFrame | None) -> list[dict]:
    """A ``note`` row for each curated statement note of data/raw/check_notes.csv (:data:`STATEMENT_NOTES`: a
    figure known only from a headline) whose figures the clean table holds, so the reports can say it where they
    use the figure; a note naming a figure the clean table lacks adds nothing."""
    if notes is None or notes.empty:
        return []
    known = clean.set_index("figure_id")
    out = []
    for check, ids in zip(notes["check"], notes["figure_ids"], strict=True):
        members = str(ids).split()
        if check not in STATEMENT_NOTES or not members or not all(m in known.index for m in members):
            continue
        rows = {c: [known.loc[m, c] for m in members] for c in ("region_code", "indicator", "ref_date")}
        rows["figure_id"] = members
        written = "; ".join(f"{m}={known.loc[m, 'value_as_written']}" for m in members)
        out.append(_out(check, "note", rows, list(range(len(members))), f"recorded by the curator: {written}"))
    return out


def _opposed_column(clean: pd.DataFrame, table: pd.DataFrame) -> list[str]:
    """The ``opposed`` cell of each check row: for a ``conflict`` whose statements compare one pair at a time
    (:func:`opposed_pairs`), the pairs that cannot both hold; '' for every other row and for a conflict compared as
    a whole (a rate against its levels, parts against a whole, one count in two units)."""
    if table.empty or "figure_id" not in clean:
        return [""] * len(table)
    cols = [c for c in ("figure_id", "indicator", "unit", "subset", "value", "value_low", "value_high", "qualifier",
                        "value_as_written") if c in clean]
    known = {str(r["figure_id"]): r for r in clean[cols].to_dict("records")}
    out = []
    for check, ids in zip(table["check"], table["figure_ids"], strict=True):
        members = str(ids).split()
        if check != "conflict" or not all(m in known for m in members):
            out.append("")
            continue
        out.append(write_pairs(opposed_pairs([known[m] for m in members])))
    return out


def run_checks(clean: pd.DataFrame, notes: pd.DataFrame | None = None,
               texts: dict[str, str | None] | None = None) -> pd.DataFrame:
    """Run every check; a failure explained in data/raw/check_notes.csv gets status `explained`. ``texts`` (source
    id → line-joined text) lets the checks that read the sources' wording run (:func:`check_clause_kinds`)."""
    rows = [row for check in CHECKS for row in check(clean)]
    rows += check_clause_kinds(clean, texts)
    rows += curated_conflicts(clean, notes, rows)
    rows += curated_statement_notes(clean, notes)
    table = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    if notes is not None and not notes.empty:
        key = notes["check"] + "|" + notes["figure_ids"].map(lambda s: " ".join(sorted(s.split())))
        explained = dict(zip(key, notes["explanation"], strict=True))
        verdicts = dict(zip(key, notes["verdict"] if "verdict" in notes else [""] * len(notes), strict=True))
        own = table["check"] + "|" + table["figure_ids"].map(lambda s: " ".join(sorted(s.split())))
        table["explanation"] = own.map(explained).fillna("")
        table["verdict"] = own.map(verdicts).fillna("")
        table.loc[(table["status"] == "fail") & table["explanation"].ne(""), "status"] = "explained"
    for column in ("explanation", "verdict"):  # all missing (float) when no notes were given
        values = table[column]
        table[column] = (values.astype(object) if values.dtype.kind == "f" else values).fillna("")
    table["opposed"] = _opposed_column(clean, table)
    order = ["check", "region_code", "indicator", "ref_date", "figure_ids"]
    return table.sort_values(order, kind="stable").reset_index(drop=True)


#: Why the clean step left a collected figure out (check ``refused`` in checks.csv), as keys; the reports layer
#: words them. Derived from the refusal's column and written value, so every refusal has exactly one key, and the
#: key is true of the refused cell: ``not_a_unit`` is a word after the figure that no codebook unit is written with
#: ('100%覆盖': the percent is the indicator's unit, 覆盖 is no unit at all), never "a unit the indicator does not
#: count" (referee 10a R10a-9); ``date_comparison`` is a comparison written where the date belongs ('比去年': on
#: the previous year), never "a date that cannot be read with certainty" (R10a-14).
#: How a ``refused`` row's explanation gives the figure's own value as written (the refused cell may be its date).
REFUSED_FIGURE = "value as written: "
REFUSAL_REASONS = ("foreign_language", "date", "date_comparison", "value", "unit", "not_a_unit", "indicator_key",
                   "scope_key", "region", "other")
_REFUSAL_DETAIL = re.compile(r"column '(?P<column>[a-z_]+)': (?P<reason>.*?)(?: \(value: '(?P<value>.*)'\))?$")
#: A comparison with an earlier period written in the date column (比去年, 同比, 较上年): not a date.
_COMPARISON = re.compile(r"^(?:比|较|同比|环比)(?:去年|上年|前一年|上一年|上年度|去年同期|上年同期)?(?:同期)?$|^同比$")
#: The refusal detail of an English date phrase that is a comparison (year on year, compared with 2023:
#: cleaning.dates.EN_REFUSED).
_EN_COMPARISON = "a comparison, not a date"
#: The refusal detail of a unit word no codebook unit is written with (cleaning.rows).
_NO_UNIT = "counts no unit of the codebook"
#: How a ``refused`` row's explanation gives the raw row's kind and date as written, after the value.
_REFUSED_EXPLANATION = re.compile(r"^value as written: (?P<figure>.*?)(?:; kind: (?P<kind>[a-z_]*))?"
                                  r"(?:; date as written: (?P<date>.*))?$", re.DOTALL)


def _no_unit_word(reason: str) -> bool:
    """Whether a unit-mismatch reason is about a word that no codebook unit is written with (覆盖 after 100%), not
    a unit word of another kind (人次 for an indicator of persons): the cleaner says so, or the quoted word is in no
    unit's words (codebook.written_units)."""
    from swtoolkit.codebook import written_units

    if _NO_UNIT in reason:
        return True
    word = re.match(r"unit mismatch: '([^']*)' is not a unit", reason)
    return bool(word and word[1] and not any(word[1] in words for words in written_units().values()))


def refused_explanation(written: str, kind: str = "", date: str = "") -> str:
    """The explanation of one ``refused`` row: the figure's value, kind and date as written, e.g.
    'value as written: over 60,000; kind: actual; date as written: By the end of 2017' ('' when nothing is
    known). :func:`refusals` reads it back."""
    if not (written or kind or date):
        return ""
    return (f"{REFUSED_FIGURE}{written}" + (f"; kind: {kind}" if kind else "")
            + (f"; date as written: {date}" if date else ""))


def refusal_reason(detail: str) -> tuple[str, str]:
    """(column, reason key) of one ``refused`` row's detail ("file, row N, column 'c': reason (value: 'v')").

    The key is one of :data:`REFUSAL_REASONS`: a value or date written in a language the grammar does not read
    (Portuguese: :func:`written_language` 'pt') is ``foreign_language``; English is read (numbers.english_figure,
    dates.english_date), so an English cell refused is refused for what it says, like a Chinese one; a comparison
    in the date column (比去年, year on year, compared with 2023) is ``date_comparison``; otherwise the column
    decides (``date``, ``value``, ``unit`` for a unit word of another kind, ``not_a_unit`` for a word after the
    figure that is no unit at all, ``indicator_key`` / ``scope_key`` for keys not in the codebook or scopes table,
    ``region`` for a region name not known); anything else ``other``.
    """
    match = _REFUSAL_DETAIL.search(str(detail))
    if not match:
        return "", "other"
    column, reason, value = match["column"], match["reason"], match["value"] or ""
    if column in ("value_as_written", "date_as_written") and written_language(value) == "pt":
        return column, "foreign_language"
    if column == "value_as_written":
        if reason.startswith("unit mismatch"):
            return column, "not_a_unit" if _no_unit_word(reason) else "unit"
        return column, "value"
    if column == "date_as_written" and (_COMPARISON.match(value.strip()) or _EN_COMPARISON in reason):
        return column, "date_comparison"
    keys = {"date_as_written": "date", "indicator": "indicator_key", "scope": "scope_key",
            "region_as_written": "region"}
    return column, keys.get(column, "other")


#: Marks of Portuguese in a value written in Latin letters (mais de 1 milhão); anything else in Latin letters is
#: read as English (over 20,000). Only words the curated rows use; a value in neither gives ''.
_PORTUGUESE = re.compile(r"[ãõçâêôáéíóú]|\b(?:mais|menos|cerca|mil|milh[ãa]o|milh[õo]es|até)\b", re.IGNORECASE)


def written_language(value: str) -> str:
    """Language key of a refused value written in Latin letters: 'pt' (Portuguese marks, see _PORTUGUESE), 'en'
    (two or more Latin letters otherwise), '' (no Latin text)."""
    value = str(value)
    if _PORTUGUESE.search(value):
        return "pt"
    return "en" if len(re.findall("[A-Za-z]", value)) >= 2 else ""


class Conflict(frozenset):
    """The figure ids of one recorded conflict (a checks.csv ``conflict`` row), a frozenset, with the pairs among
    them that cannot both hold (``opposed``, from the row's ``opposed`` column; None when the group is compared as a
    whole: a rate against its levels, parts against a whole). Of four pages giving 92.9万, 约93万, 接近93.1万 and
    93.1万 for one date, only 92.9万 is opposed to the 93.1万 pair; 约93万 holds with every side and is no side
    (editor 9, N-3). A plain frozenset stands for a group compared as a whole wherever a Conflict is read."""

    opposed: frozenset[frozenset[str]] | None

    def __new__(cls, ids, opposed: frozenset[frozenset[str]] | None = None):
        made = super().__new__(cls, ids)
        made.opposed = frozenset(p for p in opposed if p <= made) if opposed is not None else None
        return made


def against(group: frozenset[str], ids) -> frozenset[str]:
    """The members of ``group`` (a :class:`Conflict` or a plain frozenset) that cannot hold together with one of
    ``ids`` and are not themselves in ``ids``: the statements to name as other accounts of ``ids``' figures. A group
    compared as a whole: every other member when ``ids`` meets it, else none."""
    ids = frozenset(ids)
    pairs = getattr(group, "opposed", None)
    if pairs is None:
        return frozenset(group - ids) if group & ids else frozenset()
    return frozenset(m for p in pairs if p & ids for m in p) - ids


def disputed(group: frozenset[str], ids) -> frozenset[str]:
    """The members of ``ids`` that ``group`` sets against another statement (:func:`against`): a statement that
    holds with every other side (约93万 beside 92.9万 and 93.1万) is disputed by none."""
    ids = frozenset(ids) & group
    pairs = getattr(group, "opposed", None)
    if pairs is None:
        return ids
    return frozenset(m for p in pairs for m in p) & ids


def recorded_conflicts(checks: pd.DataFrame, verdict: str | None = None) -> list[Conflict]:
    """The figure-id groups checks.csv records as different values for one fact (rows of check ``conflict``), one
    :class:`Conflict` (a frozenset of ids, with the pairs that cannot both hold) per row, in file order; empty for
    no or an empty frame. With ``verdict`` (one of :data:`VERDICTS`) only the conflicts the curator found to be
    that: ``disagree`` gives the facts whose sources disagree, which every sentence stating one side must say
    (``parts_exceed_whole`` included: :data:`DISAGREEING`); any other verdict gives only its own groups."""
    if checks is None or checks.empty or "check" not in checks:
        return []
    rows = checks["check"].eq("conflict")
    if verdict is not None:
        wanted = DISAGREEING if verdict == "disagree" else (verdict,)
        rows &= (checks["verdict"].astype(str) if "verdict" in checks else pd.Series("", index=checks.index)).isin(
            wanted)
    opposed = checks.loc[rows, "opposed"] if "opposed" in checks else pd.Series("", index=checks.index)[rows]
    return [as_conflict(ids, cell) for ids, cell in zip(checks.loc[rows, "figure_ids"], opposed, strict=True)]


def as_conflict(figure_ids: str, opposed: str = "") -> Conflict:
    """One :class:`Conflict` from a checks.csv row's ``figure_ids`` and ``opposed`` cells."""
    return Conflict(str(figure_ids).split(), read_pairs(opposed))


def statement_noted(checks: pd.DataFrame, check: str = "headline_only") -> set[str]:
    """The figure ids checks.csv marks with a curated statement note (:data:`STATEMENT_NOTES`, e.g. a figure known
    only from a headline); an empty set for no or an empty frame."""
    if checks is None or checks.empty or "check" not in checks:
        return set()
    return {i for ids in checks.loc[checks["check"].eq(check), "figure_ids"] for i in str(ids).split()}


def statement_groups(checks: pd.DataFrame, check: str = "relation_unclear") -> list[list[str]]:
    """The figure-id groups of one curated statement note (:data:`STATEMENT_NOTES`) in checks.csv, each a list in
    the note's order (for ``relation_unclear`` the undated statement first, then the statements it may or may not
    restate); [] for no or an empty frame."""
    if checks is None or checks.empty or "check" not in checks:
        return []
    return [str(ids).split() for ids in checks.loc[checks["check"].eq(check), "figure_ids"]]


def refusals(checks: pd.DataFrame, region_code: str) -> pd.DataFrame:
    """The figures collected for `region_code` that the clean step left out (rows of check ``refused`` in
    checks.csv whose region the toolkit knows; see cleaning.pipeline._refused_subject).

    ``region_code`` '' gives the rows whose region the toolkit could not tell (refused for their region).

    Returns a frame with columns figure_id, indicator ('' when the row's key is not in the codebook), column (the
    raw column refused), reason (a key of :data:`REFUSAL_REASONS`), value (the refused cell as written),
    language (:func:`written_language` of a ``foreign_language`` value, else '') and figure (the figure's value as
    written, from the explanation :data:`REFUSED_FIGURE` gives, or the refused cell when it is the value; '' when
    not known), kind (the raw row's kind: actual, target, increment …; '' when not known) and date (its date as
    written, '' when not known), in checks.csv order; empty when none.
    """
    columns = ["figure_id", "indicator", "column", "reason", "value", "language", "figure", "kind", "date"]
    if checks is None or checks.empty or "check" not in checks:
        return pd.DataFrame([], columns=columns)
    mine = checks[checks["check"].eq("refused") & checks["region_code"].astype(str).eq(region_code)]
    notes = mine["explanation"].fillna("").astype(str) if "explanation" in mine else pd.Series("", index=mine.index)
    rows = []
    for f, i, d, note in zip(mine["figure_ids"], mine["indicator"].fillna(""), mine["detail"], notes, strict=True):
        column, reason = refusal_reason(d)
        match = _REFUSAL_DETAIL.search(str(d))
        value = (match["value"] or "") if match else ""
        said = _REFUSED_EXPLANATION.match(note)
        figure = said["figure"] if said else (value if column == "value_as_written" else "")
        kind, date = (said["kind"] or "", said["date"] or "") if said else ("", "")
        if not date and column == "date_as_written":
            date = value
        rows.append((str(f), str(i or ""), column, reason, value,
                     written_language(value) if reason == "foreign_language" else "", figure, kind, date))
    return pd.DataFrame(rows, columns=columns)
