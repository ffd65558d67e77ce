"""League tables of ratios between two indicators (staff per station, certified share of staff), with the
numerator, the denominator and their dates shown, so a reader can see what each ratio rests on."""

from __future__ import annotations

import pandas as pd

from swtoolkit.cleaning.checks import whole_region

LEVEL_KINDS = ("actual", "cumulative")
BOUND_SYMBOL = {"exact": "", "approx": "≈", "at_least": "≥", "more_than": ">", "at_most": "≤", "less_than": "<",
                "range": "~"}


def latest_levels(clean: pd.DataFrame, indicator: str, region_codes: list[str] | None = None) -> pd.DataFrame:
    """The latest region-wide level of one indicator per region (sub-county places excluded).

    Returns
    -------
    DataFrame indexed by region_code with value, qualifier, ref_date, figure_id, source_id.
    """
    rows = clean[(clean["indicator"] == indicator) & clean["kind"].isin(LEVEL_KINDS) & whole_region(clean)
                 & clean["value"].notna()]
    if region_codes is not None:
        rows = rows[rows["region_code"].isin(region_codes)]
    rows = rows.sort_values(["region_code", "ref_date", "figure_id"], kind="stable")
    latest = rows.groupby("region_code").tail(1).set_index("region_code")
    return latest[["value", "qualifier", "ref_date", "figure_id", "source_id"]]


def ratio_table(clean: pd.DataFrame, numerator: str, denominator: str, region_codes: list[str],
                scale: float = 1.0) -> pd.DataFrame:
    """Ratio numerator/denominator for each region that has both, ranked (1 = highest).

    Returns
    -------
    DataFrame with region_code, numerator, numerator_date, denominator, denominator_date, ratio, bound
    ('≥' etc. when a qualified figure makes the ratio a bound), rank, figure_ids. `scale=100` gives percent.

    Notes
    -----
    Numerator and denominator may carry different dates; both are shown so the reader can judge.
    """
    num = latest_levels(clean, numerator, region_codes)
    den = latest_levels(clean, denominator, region_codes)
    both = num.join(den, lsuffix="_num", rsuffix="_den", how="inner")
    both = both[both["value_den"] > 0]
    table = pd.DataFrame({
        "region_code": both.index,
        "numerator": both["value_num"].to_numpy(),
        "numerator_date": both["ref_date_num"].to_numpy(),
        "denominator": both["value_den"].to_numpy(),
        "denominator_date": both["ref_date_den"].to_numpy(),
        "ratio": (both["value_num"] / both["value_den"] * scale).to_numpy(),
        "bound": [_ratio_bound(a, b) for a, b in zip(both["qualifier_num"], both["qualifier_den"], strict=True)],
        "figure_ids": (both["figure_id_num"] + " " + both["figure_id_den"]).to_numpy(),
    })
    table = table.sort_values(["ratio", "region_code"], ascending=[False, True], kind="stable")
    table["rank"] = range(1, len(table) + 1)
    return table.reset_index(drop=True)


def _ratio_bound(q_num: str, q_den: str) -> str:
    """A lower-bounded numerator over an exact denominator gives a lower-bounded ratio, and so on."""
    if q_num == "exact" and q_den == "exact":
        return ""
    if q_den == "exact":
        return BOUND_SYMBOL.get(q_num, "≈")
    if q_num == "exact" and q_den in ("at_least", "more_than"):
        return "≤"
    return "≈"
