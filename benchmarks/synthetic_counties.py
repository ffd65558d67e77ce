"""Synthetic county regions for the scale benchmark: a figures.parquet written to a folder the caller gives.

Never written into data/: the table lives in a temporary folder and is handed to the build as the figures stage
artefact. Each synthetic county gets a copy of one real region's region-wide rows (by default Yunnan's, which hold
series over several years, so every report block has work), with the county's code and names, values scaled by a
random factor, and figure ids starting with SYN, and "synthetic benchmark row" in its notes: nothing in it is a fact.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

TEMPLATE_REGION = "530000"


def county_codes(n: int) -> list[str]:
    """The first `n` county codes of the region table (GB/T 2260 order)."""
    from swtoolkit import regions

    table = regions.region_table()
    counties = table[table["level"].eq("county")].sort_values("code")
    if n > len(counties):
        raise ValueError(f"only {len(counties)} counties in the region table, not {n}")
    return list(counties["code"][:n])


def make(n: int, seed: int = 0, template: str = TEMPLATE_REGION) -> pd.DataFrame:
    """A clean figures table (the figures contract) of `n` synthetic counties."""
    from swtoolkit import regions, stages

    real = stages.read_figures()
    rows = real[real["region_code"].eq(template) & real["place"].eq("") & real["subset"].eq("")]
    rows = rows[rows["value"].notna()]
    table = regions.region_table().set_index("code")
    rng = np.random.default_rng(seed)
    parts = []
    for i, code in enumerate(county_codes(n)):
        part = rows.copy()
        factor = float(rng.uniform(0.02, 0.2))
        for column in ("value", "value_low", "value_high"):
            part[column] = part[column] * factor
        part["figure_id"] = [f"SYN{i:04d}-{j:06d}" for j in range(len(part))]
        part["region_code"] = code
        part["region_name"] = table.loc[code, "name_zh"]
        part["region_name_en"] = table.loc[code, "name_en"]
        part["region_level"] = "county"
        part["province_code"] = table.loc[code, "province_code"]
        part["same_fact_as"] = ""
        part["notes"] = "synthetic benchmark row"
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    stages.figures_schema().validate(out, lazy=True)
    return out


def write(n: int, folder: Path, seed: int = 0) -> Path:
    """Write the synthetic table to `folder`/figures.parquet (the folder must not be the project's data/)."""
    from swtoolkit.paths import project_root

    folder = Path(folder).resolve()
    if folder.is_relative_to(project_root() / "data"):
        raise ValueError("synthetic figures never go into the project's data folder")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "figures.parquet"
    make(n, seed).to_parquet(path, index=False)
    return path
