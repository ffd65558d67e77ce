"""The codebook: one data file (`data/codebook.csv`) with every indicator's names, unit, definition family and
whether values add up across regions. Charts, reports and models take labels from here and never retype them."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from swtoolkit.errors import UnknownIndicatorError
from swtoolkit.paths import PACKAGE_DATA

CODEBOOK_FILE = PACKAGE_DATA / "codebook.csv"
MEASURES = ("stock", "cumulative", "flow", "rate", "ratio", "norm")


@lru_cache(maxsize=1)
def codebook() -> pd.DataFrame:
    """The codebook indexed by key (columns name_zh, name_en, unit, family, measure, additive, definition)."""
    table = pd.read_csv(CODEBOOK_FILE, dtype=str, keep_default_na=False)
    table["additive"] = table["additive"].map({"true": True, "false": False})
    return table.set_index("key")


def entry(key: str) -> pd.Series:
    """One indicator's codebook row; an unknown key is an error."""
    try:
        return codebook().loc[key]
    except KeyError:
        raise UnknownIndicatorError(f"unknown indicator {key!r}: not in {CODEBOOK_FILE.name}") from None


def label(key: str, lang: str = "both") -> str:
    """Bilingual label, Chinese first: '持证社会工作者 Certified social workers'."""
    row = entry(key)
    return {"zh": row["name_zh"], "en": row["name_en"]}.get(lang, f"{row['name_zh']} {row['name_en']}")
