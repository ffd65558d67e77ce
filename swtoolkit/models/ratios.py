"""League tables of ratios between two indicators (staff per station, certified share of staff), with the
numerator, the denominator and their dates shown, so a reader can see what each ratio rests on.

Every row asks the comparability gate first: numerator and denominator dated and at most six months apart, every
ranked region of one unit and one definition scope, and all ranked regions dated within six months of each other;
the regions refused are returned with the reason (``table.attrs["refused"]``), never silently dropped.
"""

from __future__ import annotations

import pandas as pd

from swtoolkit.cleaning.checks import WHOLE_OF_PARTS, whole_region
from swtoolkit.models.comparability import (
    ALSO_FIELDS,
    UNDATED_WINDOW_REASON,
    close_in_time,
    common_window,
    is_dated,
    latest,
    open_ended,
    row_spans,
    same_places,
    scope_name,
)

LEVEL_KINDS = ("actual", "cumulative")
BOUND_SYMBOL = {"exact": "", "rounded": "≈", "approx": "≈", "at_least": "≥", "more_than": ">", "at_most": "≤",
                "less_than": "<", "range": "~"}
LATEST_COLUMNS = ["value", "value_low", "value_high", "qualifier", "ref_date", "ref_date_precision", "date_basis",
                  "ref_date_low", "ref_date_high", "date_estimated", "scope", "unit", "unit_as_written",
                  "value_as_written", "date_as_written", "figure_id", "source_id", "locator", "kind",
                  "date_flag", "period_start",  # these two: the date's basis in words (reports.phrasing)
                  "indicator"]  # what it counts: a stock's date is a point, a flow's a period (phrasing.figure_date)
#: ``code`` is the reason as a key the reports word (reports.phrasing.league_refusal_words): zero_denominator,
#: undated, apart, open_end, approx, units, scope, window, part_only, no_whole, running_total; ``reason`` says it in
#: English (the audit).
REFUSED_COLUMNS = ["region_code", "reason", "figure_ids", "code"]


def level_kinds(indicator: str) -> tuple[str, ...]:
    """The kinds that state a level of ``indicator``: LEVEL_KINDS, and ``ratio`` for a rate indicator (codebook
    measure ``rate``), whose stated shares are its levels."""
    from swtoolkit.codebook import codebook

    book = codebook()
    rate = indicator in book.index and str(book.loc[indicator, "measure"]) == "rate"
    return (*LEVEL_KINDS, "ratio") if rate else LEVEL_KINDS


def stock_kinds(indicator: str) -> tuple[str, ...]:
    """The kinds that state a stock of ``indicator`` at a date: :func:`level_kinds` without ``cumulative``. A running
    total (累计: every station ever built, everyone ever trained) is no count at a date, so a ratio such as staff per
    station never divides it, nor ranks it beside stocks (a region's 300 staff deployed so far over 30 stations is
    not "10 per station")."""
    return tuple(k for k in level_kinds(indicator) if k != "cumulative")


def dated_parts_of_whole(rows: pd.DataFrame, indicator: str, region_code: str) -> list[dict]:
    """The latest dated set of named parts that together make the whole of ``indicator`` in one region
    (cleaning.checks.WHOLE_OF_PARTS: the 乡镇 and the 街道 stations), each part of one source and one reference date,
    as clean rows in the registry's order; [] when the indicator has no such parts or no complete dated set.

    Such a set is a dated statement of the whole: an undated whole is never "the latest" beside it (editor 7,
    E7-17: Honghe's undated 135 beside its end-June 131 乡镇 and 10 街道 stations). The parts are never added up.
    ``rows``: clean figures (any regions, indicators and kinds; level kinds of the region are read)."""
    wanted = WHOLE_OF_PARTS.get(indicator)
    if not wanted or rows.empty:
        return []
    mine = rows[(rows["indicator"] == indicator) & rows["region_code"].astype(str).eq(str(region_code))
                & rows["kind"].isin(LEVEL_KINDS) & rows["place"].eq("") & rows["subset"].isin(wanted)
                & rows["value"].notna()]
    best: list[dict] = []
    for _, group in mine.groupby(["source_id", "ref_date", "scope"], sort=True):
        records = [r for r in group.to_dict("records") if is_dated(r)]
        parts = [next((r for r in records if r["subset"] == w), None) for w in wanted]
        if all(parts) and (not best or str(parts[0]["ref_date"]) > str(best[0]["ref_date"])):
            best = parts
    return best


def latest_dated_parts(rows: pd.DataFrame, indicator: str, region_code: str) -> list[dict]:
    """The latest dated figures of named parts (``subset``: 乡镇 only, 街道 only …) of one region for one
    indicator, level kinds, no place, as clean rows sorted by figure id; [] when there are none. Whether they
    make the whole is :func:`dated_parts_of_whole`'s question; here they are any parts."""
    if rows.empty or not {"subset", "place"} <= set(rows.columns):
        return []
    mine = rows[(rows["indicator"] == indicator) & rows["region_code"].astype(str).eq(str(region_code))
                & rows["kind"].isin(LEVEL_KINDS) & rows["place"].fillna("").eq("")
                & rows["subset"].fillna("").ne("") & rows["value"].notna()]
    dated = [r for r in mine.to_dict("records") if is_dated(r)]
    if not dated:
        return []
    last = max(str(r["ref_date"]) for r in dated)
    return sorted((r for r in dated if str(r["ref_date"]) == last), key=lambda r: str(r["figure_id"]))


def parts_exceed(total: dict, parts: list[dict]) -> bool:
    """Whether figures for disjoint named parts of a region (rows with a ``subset``) already pass a total of the
    same indicator: the sum of the parts' lower ends (``value_low``, or ``value``) is above the total's upper end
    (``value_high``, or ``value``; an open upper end never is). True means the sources disagree; the sum itself
    is never shown as a figure. False when any value is missing."""
    def end(r: dict, col: str) -> float:
        v = pd.to_numeric(r.get(col), errors="coerce")
        return float(v) if pd.notna(v) else float(pd.to_numeric(r.get("value"), errors="coerce"))
    if not parts:
        return False
    high = end(total, "value_high")
    lows = [end(r, "value_low") for r in parts]
    if pd.isna(high) or any(pd.isna(x) for x in lows) or high == float("inf"):
        return False
    return sum(lows) > high


def parts_above(total: dict, rows: pd.DataFrame, indicator: str, region_code: str) -> list[dict]:
    """The latest dated named parts of a region (:func:`latest_dated_parts`) that show an undated ``total`` of
    ``indicator`` cannot be the latest position: the disjoint parts (checks.WHOLE_OF_PARTS labels: the 乡镇 and the
    街道 stations) when their lower ends together pass the total's upper end (:func:`parts_exceed`), else the one
    part, of any kind, that passes it alone (parts of other kinds may overlap, so they are never taken together);
    [] when none does."""
    dated = latest_dated_parts(rows, indicator, region_code)
    disjoint = [p for p in dated if p["subset"] in WHOLE_OF_PARTS.get(indicator, ())]
    if len(disjoint) > 1 and parts_exceed(total, disjoint):
        return disjoint
    alone = [p for p in dated if parts_exceed(total, [p])]
    return alone[:1]


def refused_as_latest(row: dict, rows: pd.DataFrame, indicator: str, region_code: str) -> bool:
    """Whether the latest rule refuses an undated whole-region figure ``row`` of ``indicator``: a dated set of
    parts makes the whole (:func:`dated_parts_of_whole`), or dated parts show it is smaller than they are
    (:func:`parts_above`: the undated whole is below its own dated parts, so it cannot be the latest position).
    A dated figure is never refused here. The one rule for "latest" in tables, league tables and key findings
    alike (editor 9, N-1: a finding promoted a total the report said was not the latest)."""
    if is_dated(row):
        return False
    return bool(dated_parts_of_whole(rows, indicator, region_code) or parts_above(row, rows, indicator, region_code))


def latest_levels(clean: pd.DataFrame, indicator: str, region_codes: list[str] | None = None,
                  kinds: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The latest region-wide level of one indicator per region (sub-county places and named parts excluded).

    "Latest" is the dated figure with the latest date; an undated figure (or one dated only by a bound) is the
    latest only where the region has no dated figure, no dated set of parts that make the whole
    (:func:`dated_parts_of_whole`) and no dated parts that alone pass it (:func:`refused_as_latest`), and a figure
    restating another (``same_fact_as``) is set aside (:func:`swtoolkit.models.comparability.latest`). For a rate
    indicator (codebook measure ``rate``: station coverage) a share the source states (kind ``ratio``, e.g. 全覆盖)
    is a level of that indicator too, so a later statement of full coverage is never displaced by an earlier
    percentage filed as ``actual``.

    ``kinds``: the kinds read (default :func:`level_kinds`); :func:`ratio_table` reads :func:`stock_kinds` only.

    Returns
    -------
    DataFrame indexed by region_code with the columns of :data:`LATEST_COLUMNS` that the clean table has.
    """
    rows = clean[(clean["indicator"] == indicator) & clean["kind"].isin(kinds or level_kinds(indicator))
                 & whole_region(clean) & clean["value"].notna()]
    if region_codes is not None:
        rows = rows[rows["region_code"].isin(region_codes)]
    cols = [c for c in LATEST_COLUMNS if c in rows.columns]
    picked = {code: latest(part.sort_values(["ref_date", "figure_id"]).to_dict("records"))
              for code, part in rows.groupby("region_code", sort=True)}
    # an undated whole is never the latest beside a dated set of parts that together make the whole, nor beside
    # dated parts that alone pass it: the region has no whole-region level then (the parts are shown as parts)
    picked = {code: r for code, r in picked.items() if not refused_as_latest(r, clean, indicator, code)}
    # set on a fact stated twice (comparability.merge_facts), with the other statement's reading (ALSO_FIELDS)
    extra = ["statements", "also_written", "date_from", *(f"also_{k}" for k in ALSO_FIELDS)]
    frame = pd.DataFrame([{**{c: r.get(c) for c in [*cols, *extra]}, "region_code": code}
                          for code, r in picked.items()], columns=[*cols, *extra, "region_code"])
    return frame.set_index("region_code")


def ratio_table(clean: pd.DataFrame, numerator: str, denominator: str, region_codes: list[str],
                scale: float = 1.0) -> pd.DataFrame:
    """Ratio numerator/denominator for each region whose two figures may be set side by side, ranked (1 = highest).

    Returns
    -------
    DataFrame with region_code, numerator, numerator_date, denominator, denominator_date, ratio, bound ('≥' etc.
    when a qualified figure makes the ratio a bound), ratio_low and ratio_high (the interval the two figures carry,
    :func:`ratio_interval`; NaN where an end is open or not known), rank (text: '2', or '2–3' where ties or
    overlapping intervals leave the place open; :func:`rank_bounds`), rank_low and rank_high,
    figure_ids, scope (the numerator's and the
    denominator's definition scopes), joined_by (the gate's rule that let the two figures be divided: dated close
    together, or stated together in one passage), units (the numerator's and the denominator's codebook units).
    ``scale=100`` gives percent. ``attrs["refused"]`` is a frame of the regions left out (region_code, reason,
    figure_ids): a region with only one of the two figures (or only a named part of one), an undated figure, dates
    more than six months apart, a numerator or denominator in another unit than the ranked group's (persons vs
    households), a definition scope other than the ranked group's, or dates more than six months from the ranked
    regions' dates (comparability.common_window: regions are ranked only against regions of about the same time).
    """
    num = latest_levels(clean, numerator, region_codes, stock_kinds(numerator))
    den = latest_levels(clean, denominator, region_codes, stock_kinds(denominator))
    rows, refused = [], _running_totals_only(clean, numerator, denominator, region_codes, num, den)
    spans = {}  # each region's numerator and denominator as whole date intervals (comparability.date_span)
    for code in sorted(set(num.index) | set(den.index)):
        if code not in num.index or code not in den.index:
            continue  # listed below with the other regions that lack one of the two figures
        a, b = num.loc[code].to_dict(), den.loc[code].to_dict()
        a["region_code"] = b["region_code"] = code
        ids = f"{a['figure_id']} {b['figure_id']}"
        if not b["value"] > 0:
            refused.append({"region_code": code, "reason": "denominator is zero", "figure_ids": ids,
                            "code": "zero_denominator"})
            continue
        gate = close_in_time(a, b)
        if not gate.allowed:
            refused.append({"region_code": code, "reason": gate.rule, "figure_ids": ids,
                            "code": "undated" if "cannot be set beside a dated figure" in gate.rule else "apart"})
            continue
        places = same_places(a, b)
        if not places.allowed:  # staff of stations and village rooms over the stations alone: no figure per station
            refused.append({"region_code": code, "reason": places.rule, "figure_ids": ids, "code": "places"})
            continue
        rough = next((r for r in (a, b) if approximate_only(r)), None)
        if rough is not None:  # 约100人 with no stated interval: how far it may be off is not known, nor its rank
            refused.append({"region_code": code, "figure_ids": ids, "code": "approx", "reason": f"{rough['figure_id']} "
                            f"({rough.get('value_as_written', '')}) is approximate with no stated interval: the ratio "
                            "is approximate and its rank is not known"})
            continue
        one = next((r for r in (a, b) if open_ended(r)), None)
        if one is not None:  # a ratio known on one side only has no place in a ranking
            refused.append({"region_code": code, "figure_ids": ids, "code": "open_end", "reason": f"{one['figure_id']} "
                            f"({one.get('value_as_written', '')}) states only one bound: the ratio is one-sided and "
                            "its rank is not known"})
            continue
        spans[code] = row_spans([a, b])
        rows.append({"region_code": code, "numerator": a["value"], "numerator_date": a["ref_date"],
                     "denominator": b["value"], "denominator_date": b["ref_date"],
                     "ratio": a["value"] / b["value"] * scale, "bound": _ratio_bound(a["qualifier"], b["qualifier"]),
                     **dict(zip(("ratio_low", "ratio_high"), ratio_interval(a, b, scale), strict=True)),
                     "figure_ids": ids, "scope": f"{a.get('scope', '')}/{b.get('scope', '')}", "joined_by": gate.rule,
                     "units": f"{_unit(a)}/{_unit(b)}"})
    table = pd.DataFrame(rows, columns=["region_code", "numerator", "numerator_date", "denominator",
                                        "denominator_date", "ratio", "bound", "ratio_low", "ratio_high",
                                        "figure_ids", "scope", "joined_by", "units"])
    if not table.empty:
        # one unit per league table: persons per station is never ranked beside households per station
        counts = table.groupby("units").size()
        ranked_units = max(counts.index, key=lambda u: (counts[u], u))
        for r in table[table["units"] != ranked_units].itertuples():
            refused.append({"region_code": r.region_code, "figure_ids": r.figure_ids, "code": "units",
                            "reason": f"units differ: {r.units} vs the ranked regions' {ranked_units} "
                                      "(numerator/denominator)"})
        table = table[table["units"] == ranked_units]
    if not table.empty:
        groups = table.groupby("scope").size()
        # one definition per league table: the scope most regions share (the plain definition wins a tie)
        ranked_scope = max(groups.index, key=lambda sc: (groups[sc], sc == "/"))
        for r in table[table["scope"] != ranked_scope].itertuples():
            refused.append({"region_code": r.region_code, "figure_ids": r.figure_ids, "code": "scope",
                            "reason": f"definition {_scopes_in_words(r.scope)} differs from the compared regions' "
                                      f"({_scopes_in_words(ranked_scope)})"})
        table = table[table["scope"] == ranked_scope]
        # regions ranked against each other lie within six months of each other too, not only each region's
        # numerator and denominator (a mid-2021 ratio is not ranked against a late-2022 one); each figure with its
        # whole date interval: a page of about March 2022 is not ranked beside end-September 2022 as if it were
        # dated the month's last day, nor a page dated to its year as if it were end-year
        kept, far = common_window({r.region_code: spans[r.region_code] for r in table.itertuples()})
        for r in table[~table["region_code"].isin(kept)].itertuples():
            # an undated pair stated together passes close_in_time but has no place in a window: worded as undated
            refused.append({"region_code": r.region_code, "figure_ids": r.figure_ids, "reason": far[r.region_code],
                            "code": "undated" if far[r.region_code] == UNDATED_WINDOW_REASON else "window"})
        table = table[table["region_code"].isin(kept)]
    totals = {r["region_code"] for r in refused if r["code"] == "running_total"}
    refused += [r for r in _one_side_only(clean, numerator, denominator, region_codes, num, den)
                if r["region_code"] not in totals]
    table = table.sort_values(["ratio", "region_code"], ascending=[False, True], kind="stable")
    table = table.reset_index(drop=True)
    table["rank_low"], table["rank_high"] = rank_bounds(table)
    table["rank"] = [str(a) if a == b else f"{a}–{b}" for a, b in zip(table["rank_low"], table["rank_high"],
                                                                         strict=True)]
    table.attrs["refused"] = pd.DataFrame(refused, columns=[*REFUSED_COLUMNS, "parts"])
    return table


def _running_totals_only(clean: pd.DataFrame, numerator: str, denominator: str, region_codes: list[str],
                         num: pd.DataFrame, den: pd.DataFrame) -> list[dict]:
    """Regions whose only region-wide level of the numerator or the denominator is a running total (kind
    ``cumulative``), with the other side present: refused (code ``running_total``), never divided or ranked."""
    out = []
    every = {k: latest_levels(clean, k, region_codes) for k in (numerator, denominator)}
    for code in sorted(set(every[numerator].index) & set(every[denominator].index)):
        if code in num.index and code in den.index:
            continue
        totals = [every[k].loc[code] for k, stock in ((numerator, num), (denominator, den))
                  if code not in stock.index and every[k].loc[code, "kind"] == "cumulative"]
        if totals:
            ids = " ".join(str(every[k].loc[code, "figure_id"]) for k in (numerator, denominator))
            named = ", ".join(f"{t['figure_id']} ({t.get('value_as_written', '')})" for t in totals)
            out.append({"region_code": code, "figure_ids": ids, "code": "running_total",
                        "reason": f"{named} is a running total (cumulative), not a stock at a date: not divided "
                                  "or ranked beside stocks"})
    return out


def rank_bounds(table: pd.DataFrame) -> tuple[list[int], list[int]]:
    """(best, worst) rank of each row of a ratio table (1 = highest) that the ratios' intervals allow: a region is
    certainly above another only where its lower end passes the other's upper end (``ratio_low``/``ratio_high``; the
    ratio itself where no interval is known). Two equal ratios, or intervals that overlap (20余 stations), share
    the ranks they could take (1–2): a league table never says "highest" of a region that may be tied or below."""
    import math

    lo = [r.ratio_low if isinstance(r.ratio_low, float) and math.isfinite(r.ratio_low) else r.ratio
          for r in table.itertuples()]
    hi = [r.ratio_high if isinstance(r.ratio_high, float) and math.isfinite(r.ratio_high) else r.ratio
          for r in table.itertuples()]
    n = len(table)
    best = [1 + sum(lo[j] > hi[i] for j in range(n) if j != i) for i in range(n)]
    worst = [n - sum(hi[j] < lo[i] for j in range(n) if j != i) for i in range(n)]
    return best, worst


def approximate_only(row: dict) -> bool:
    """True for an approximate figure (约) with no stated interval (no two distinct finite ends): a ratio from it
    cannot be placed against others (editor rule: no bounds are invented for 约)."""
    import math

    if str(row.get("qualifier") or "") != "approx":
        return False
    try:
        low, high = float(row.get("value_low")), float(row.get("value_high"))
    except (TypeError, ValueError):
        return True
    return not (math.isfinite(low) and math.isfinite(high) and low != high)


def _one_side_only(clean: pd.DataFrame, numerator: str, denominator: str, region_codes: list[str],
                   num: pd.DataFrame, den: pd.DataFrame) -> list[dict]:
    """Regions of ``region_codes`` with figures of both the numerator and the denominator but no region-wide latest
    level of one of them (only figures of a named part, such as stations and village rooms together): each with its
    reason, so a league table's exclusions are all listed, never silently dropped. A region with no figure of one
    of the two at all has nothing to divide and is not listed."""
    levels = clean[clean["indicator"].isin([numerator, denominator]) & clean["kind"].isin(LEVEL_KINDS)
                   & clean["place"].eq("") & clean["value"].notna() & clean["region_code"].isin(region_codes)]
    from swtoolkit.codebook import codebook

    book = codebook()

    def name(key: str) -> str:
        return f"{book.loc[key, 'name_en'].lower()} ({book.loc[key, 'name_zh']})" if key in book.index else key

    out = []
    for code in sorted(set(levels["region_code"])):
        have = levels[levels["region_code"] == code]
        if (code in num.index and code in den.index) or set(have["indicator"]) != {numerator, denominator}:
            continue  # ranked or refused above; or no figure of one of the two at all (nothing to divide)
        missing = [k for k, frame in ((numerator, num), (denominator, den)) if code not in frame.index]
        parts = sorted({str(p) for p in have.loc[have["indicator"].isin(missing), "subset"] if str(p)})
        reason = ("given only for a named part (" + "; ".join(parts) + "), not for the whole region: "
                  if parts else "no region-wide latest figure: ")
        out.append({"region_code": code, "reason": reason + " and ".join(name(k) for k in missing)
                    + " not divided as the region's figure",
                    "figure_ids": " ".join(sorted(have["figure_id"])), "code": "part_only" if parts else "no_whole",
                    "parts": parts})
    return out


def _unit(row: dict) -> str:
    """The unit a figure counts: the clean row's ``unit`` (the codebook unit of its indicator), else ''."""
    unit = row.get("unit", "")
    return "" if unit is None or unit != unit else str(unit)


def _scopes_in_words(pair: str) -> str:
    """'numerator scope/denominator scope' in words, naming only the parts that are not the plain definition."""
    num, den = pair.split("/")
    if not num and not den:
        return "the plain definition"
    parts = [f"numerator {scope_name(num)}" if num else "", f"denominator {scope_name(den)}" if den else ""]
    return ", ".join(p for p in parts if p)


def ratio_interval(a: dict, b: dict, scale: float = 1.0) -> tuple[float, float]:
    """(low, high) of a/b·scale from the two figures' intervals (clean ``value_low``/``value_high``: 1200余 is
    1,200–1,300, 4.4万 is 43,500–44,500): low = a_low/b_high, high = a_high/b_low. NaN, NaN where either figure
    has an open or unknown end (超过, 约 with no stated interval) or the denominator's interval reaches zero: the
    ratio is then a bound or an approximation (``bound``), never an interval."""
    import math

    ends = [a.get("value_low"), a.get("value_high"), b.get("value_low"), b.get("value_high")]
    try:
        lo_a, hi_a, lo_b, hi_b = (float(v) for v in ends)
    except (TypeError, ValueError):
        return math.nan, math.nan
    if not all(math.isfinite(v) for v in (lo_a, hi_a, lo_b, hi_b)) or not lo_b > 0:
        return math.nan, math.nan
    return lo_a / hi_b * scale, hi_a / lo_b * scale


def outward(x: float, digits: int, side: str) -> str:
    """``x`` at ``digits`` decimals rounded away from the claim: a lower end or lower bound (side 'low') down, an
    upper end or upper bound ('high') up, so a range or bound as printed holds every value the figures allow
    (2.8692 is never the low end '2.87', a ratio above 1.596 never '>1.60')."""
    import math

    step = 10 ** digits
    v = math.floor(x * step + 1e-9) / step if side == "low" else math.ceil(x * step - 1e-9) / step
    return f"{v:.{digits}f}"


def ratio_words(row, digits: int = 2, suffix: str = "") -> str:
    """A ratio of a ratio_table row as the data carry it: the interval (1.59–1.72) where both ends are known and
    differ at the shown precision, the bound symbol and value (>1.59, ≈2.10) where one end is open or not known, the
    value (1.20) where both figures are exact. `suffix` follows each number ('%'). Never a one-sided bound for an
    interval whose two ends are known (referee-6a R6a-7)."""
    import math

    get = row.get if hasattr(row, "get") else (lambda k, d=None: getattr(row, k, d))
    lo, hi = get("ratio_low", math.nan), get("ratio_high", math.nan)
    bound, value = get("bound", "") or "", float(get("ratio"))
    if lo is not None and hi is not None and lo == lo and hi == hi:
        low, high = f"{lo:.{digits}f}", f"{hi:.{digits}f}"
        if low != high:  # the interval's ends rounded outward
            return f"{outward(lo, digits, 'low')}{suffix}–{outward(hi, digits, 'high')}{suffix}"
        if not bound:
            return f"{value:.{digits}f}{suffix}"
        return f"{'≈' if low != f'{value:.{digits}f}' else ''}{low}{suffix}"
    side = {"≥": "low", ">": "low", "≤": "high", "<": "high"}.get(bound)
    return f"{bound}{outward(value, digits, side) if side else f'{value:.{digits}f}'}{suffix}"


def _ratio_bound(q_num: str, q_den: str) -> str:
    """A lower-bounded numerator over an exact denominator gives a lower-bounded ratio, and so on."""
    if q_num == "exact" and q_den == "exact":
        return ""
    if q_den == "exact":
        return BOUND_SYMBOL.get(q_num, "≈")
    if q_num == "exact" and q_den in ("at_least", "more_than"):
        return "≤"
    return "≈"
