"""Consistency checks on the clean figures, written to data/clean/checks.csv.

Each check returns rows (check, status, region_code, indicator, ref_date, figure_ids, detail). Status is `pass`,
`fail` or `note`; a failure is information for the curator and the report, not a silent fix.
"""

from __future__ import annotations

import pandas as pd

CHECK_COLUMNS = ["check", "status", "region_code", "indicator", "ref_date", "figure_ids", "detail", "explanation"]
# Parts that add up to a total, within one region, date and source: one place for these identities.
PART_TOTALS = {
    "certified_social_workers": ["certified_assistant", "certified_intermediate", "certified_senior"],
    "villages_communities": ["villages", "communities"],
}
# Coverage rate × denominator ≈ count.
COVERAGE_TRIPLES = [("township_station_coverage", "townships", "township_stations"),
                    ("village_station_coverage", "villages_communities", "village_stations"),
                    ("county_hub_coverage", "counties", "county_hubs")]
SUBSETS = [("station_staff_certified", "station_staff"), ("certified_social_workers", "sw_practitioners")]
LEVEL_KINDS = ("actual", "cumulative")
NEAR_DAYS = 45  # statements this close in time describe the same fact (a month-end report, a meeting weeks later)


def _row(check, status, frame: pd.DataFrame, detail: str, indicator: str | None = None) -> dict:
    first = frame.iloc[0]
    return {"check": check, "status": status, "region_code": first["region_code"],
            "indicator": indicator or first["indicator"], "ref_date": first["ref_date"],
            "figure_ids": " ".join(frame["figure_id"]), "detail": detail}


def _levels(clean: pd.DataFrame) -> pd.DataFrame:
    return clean[clean["kind"].isin(LEVEL_KINDS) & whole_region(clean) & clean["value"].notna()]


def whole_region(clean: pd.DataFrame) -> pd.Series:
    """Figures about a whole region: not a place inside it, not a named part (subset) of the indicator."""
    return clean["place"].eq("") & clean["subset"].eq("")


def check_parts_vs_totals(clean: pd.DataFrame) -> list[dict]:
    out = []
    levels = _levels(clean)
    for total, parts in PART_TOTALS.items():
        for _, group in levels.groupby(["region_code", "ref_date", "source_id"]):
            tot = group[group["indicator"] == total]
            sub = group[group["indicator"].isin(parts)]
            if len(tot) != 1 or sub["indicator"].nunique() < 2:
                continue
            exact = (pd.concat([tot, sub])["qualifier"] == "exact").all()
            parts_sum, total_value = sub["value"].sum(), tot["value"].iloc[0]
            ok = parts_sum == total_value if exact else parts_sum <= total_value * 1.5
            detail = f"parts {'+'.join(sub['indicator'])} = {parts_sum:g}; total {total_value:g}"
            out.append(_row("parts_vs_total", "pass" if ok else "fail", pd.concat([tot, sub]), detail, total))
    return out


def check_coverage(clean: pd.DataFrame) -> list[dict]:
    out = []
    levels = clean[clean["kind"].isin(LEVEL_KINDS + ("ratio",)) & clean["value"].notna() & whole_region(clean)]
    for rate, denominator, count in COVERAGE_TRIPLES:
        for _, group in levels.groupby(["region_code", "source_id"]):
            r, d, c = (group[group["indicator"] == k] for k in (rate, denominator, count))
            if r.empty or d.empty or c.empty:
                continue
            r0, d0, c0 = r.iloc[0], d.iloc[0], c.iloc[0]
            implied = r0["value"] / 100 * d0["value"]
            tolerance = max(1.0, 0.0006 * d0["value"])  # a rate printed to 0.1 point
            ok = abs(implied - c0["value"]) <= tolerance or r0["qualifier"] != "exact"
            detail = (f"{r0['value']:g}% × {d0['value']:g} = {implied:.1f} vs {c0['value']:g} "
                      f"(dates {r0['ref_date']}, {d0['ref_date']}, {c0['ref_date']})")
            out.append(_row("coverage_x_denominator", "pass" if ok else "fail", pd.concat([r[:1], d[:1], c[:1]]),
                            detail, count))
    return out


def check_duplicates_and_conflicts(clean: pd.DataFrame) -> list[dict]:
    """One fact stated more than once: same region, indicator and kind, dates at most NEAR_DAYS apart.

    Equal values are duplicates (a note); different values are conflicts (a failure to explain), e.g. a speech
    saying 目前 (the meeting's date) and a report saying 截至6月底 about the same stock.
    """
    out = []
    levels = clean[whole_region(clean) & clean["kind"].isin(LEVEL_KINDS + ("target", "norm", "ratio"))]
    for _, group in levels.groupby(["region_code", "indicator", "kind", "target_year"]):
        if len(group) < 2:
            continue
        group = group.sort_values(["ref_date", "figure_id"], kind="stable")
        dates = pd.to_datetime(group["ref_date"])
        cluster = (dates.diff().dt.days.fillna(NEAR_DAYS + 1) > NEAR_DAYS).cumsum()
        for _, near in group.groupby(cluster.to_numpy()):
            if len(near) < 2:
                continue
            values = {repr(tuple(r)) for r in near[["value", "value_low", "value_high", "qualifier"]]
                      .itertuples(index=False)}
            if len(values) == 1:
                sources = sorted(set(near["source_id"]))
                out.append(_row("duplicate", "note", near, f"same figure stated {len(near)} times in {sources}"))
            else:
                written = "; ".join(f"{f}={v} ({d})" for f, v, d in
                                    zip(near["figure_id"], near["value_as_written"], near["ref_date"], strict=True))
                out.append(_row("conflict", "fail", near, f"different values for one fact: {written}"))
    return out


def check_plausible(clean: pd.DataFrame) -> list[dict]:
    out = []
    for idx, row in clean.iterrows():
        one = clean.loc[[idx]]
        bounds = [v for v in (row["value"], row["value_low"], row["value_high"]) if pd.notna(v)]
        if any(v < 0 for v in bounds):
            out.append(_row("implausible", "fail", one, "negative value"))
        if row["unit"] == "percent" and any(v > 100 for v in bounds):
            out.append(_row("implausible", "fail", one, "a coverage or share above 100%"))
    levels = _levels(clean)
    for part, whole in SUBSETS:
        for _, group in levels.groupby(["region_code", "ref_date", "source_id"]):
            p, w = group[group["indicator"] == part], group[group["indicator"] == whole]
            if len(p) == 1 and len(w) == 1:
                ok = p["value"].iloc[0] <= w["value"].iloc[0] or p["qualifier"].iloc[0] != "exact"
                detail = f"{part} {p['value'].iloc[0]:g} ≤ {whole} {w['value'].iloc[0]:g}"
                out.append(_row("subset_not_above_whole", "pass" if ok else "fail", pd.concat([p, w]), detail, part))
    return out


CHECKS = [check_parts_vs_totals, check_coverage, check_duplicates_and_conflicts, check_plausible]


def run_checks(clean: pd.DataFrame, notes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Run every check; a failure explained in data/raw/check_notes.csv gets status `explained`."""
    rows = [row for check in CHECKS for row in check(clean)]
    table = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    if notes is not None and not notes.empty:
        key = notes["check"] + "|" + notes["figure_ids"].map(lambda s: " ".join(sorted(s.split())))
        explained = dict(zip(key, notes["explanation"], strict=True))
        own = table["check"] + "|" + table["figure_ids"].map(lambda s: " ".join(sorted(s.split())))
        table["explanation"] = own.map(explained).fillna("")
        table.loc[(table["status"] == "fail") & table["explanation"].ne(""), "status"] = "explained"
    table["explanation"] = table["explanation"].fillna("")
    order = ["check", "region_code", "indicator", "ref_date", "figure_ids"]
    return table.sort_values(order, kind="stable").reset_index(drop=True)
