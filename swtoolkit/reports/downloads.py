"""Data downloads beside the reports: one CSV per region (the figures about it and the places within it) and the
whole clean table with its codebook, so the index can link each report's data and the data release it reads."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from swtoolkit import regions
from swtoolkit.reports.folder import write_atomic_bytes

DATA_FOLDER = "data"
ALL_FIGURES = f"{DATA_FOLDER}/figures.csv"
CODEBOOK = f"{DATA_FOLDER}/codebook.csv"
#: The consistency checks and the refused figures the reports cite (fresh editor, stop 26: a report named
#: data/clean/checks.csv, which the published folder did not hold).
CHECKS = f"{DATA_FOLDER}/checks.csv"


def region_csv(code: str) -> str:
    """The path, relative to the reports folder, of a region's data CSV (data/530000.csv)."""
    return f"{DATA_FOLDER}/{code}.csv"


def region_rows(clean: pd.DataFrame, code: str, known: frozenset[str] | None = None) -> pd.DataFrame:
    """Clean rows about a region: its own figures and those of every region and place within it (clean order).

    Each distinct region code of ``clean`` is placed once (not once per row); ``known`` is the region table's codes
    (read here when not given)."""
    known = _known() if known is None else known
    inside = {c for c in clean["region_code"].unique() if c in known and regions.is_within(c, code)}
    return clean[clean["region_code"].isin(inside)]


def _known() -> frozenset[str]:
    return frozenset(regions.region_table()["code"])


def write(out: Path, codes: list[str]) -> dict[str, str]:
    """Write data/figures.csv, data/codebook.csv, data/checks.csv and one data/<code>.csv per region code into
    `out` (each replaced whole); returns {code: relative path} for the regions written. UTF-8 with BOM so
    spreadsheets read Chinese."""
    from swtoolkit.paths import clean_dir
    from swtoolkit.reports.inputs import load_clean

    clean = load_clean()
    folder = Path(out) / DATA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic_bytes(clean.to_csv(index=False, lineterminator="\n").encode("utf-8-sig"), Path(out) / ALL_FIGURES)
    write_atomic_bytes((clean_dir() / "codebook.csv").read_bytes(), Path(out) / CODEBOOK)
    write_atomic_bytes((clean_dir() / "checks.csv").read_bytes(), Path(out) / CHECKS)
    written, known = {}, _known()
    for code in codes:
        if code not in known:
            continue
        rows = region_rows(clean, code, known)
        write_atomic_bytes(rows.to_csv(index=False, lineterminator="\n").encode("utf-8-sig"),
                           Path(out) / region_csv(code))
        written[code] = region_csv(code)
    return written
