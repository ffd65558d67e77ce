"""Where each figure comes from: source notes for charts and tables, built from the data, never typed by hand."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from swtoolkit.paths import raw_dir


@lru_cache(maxsize=4)
def sources(raw: Path | None = None) -> pd.DataFrame:
    """data/raw/sources.csv and the web sources (data/raw/web/*_sources.csv) indexed by source_id; the web columns
    ``accessed`` and ``release_type`` are empty for the seed documents."""
    from swtoolkit.cleaning.web import all_sources, read_web

    raw = Path(raw or raw_dir())
    seeds = pd.read_csv(raw / "sources.csv", dtype=str, keep_default_na=False).set_index("source_id")
    return all_sources(seeds, read_web(raw)[1])


def describe_source(source_id: str) -> str:
    """One source in a citation-like line: publisher, title, date (with 'est.' when estimated); a web page adds its
    address, the date it was read and whether it is an official release, a report of one or a secondary site."""
    row = sources().loc[source_id]
    estimated = " (est.)" if row["pub_date_note"].startswith("estimate") else ""
    web = f", {row['url']} (read {row['accessed']}; {row['release_type']})" if row["release_type"] else ""
    return f"{row['publisher']}, “{row['title']}”, {row['pub_date']}{estimated}{web} [{source_id}]"


def split_figure_ids(lists: Iterable[str]) -> list[str]:
    """Figure ids from id lists as tables store them: ``;``-separated in the model results, space-separated in
    ratios and checks. Why one function: a list split on the wrong separator matches no figure, and the source
    note would silently lose its documents."""
    return [i for text in lists for i in re.split(r"[;\s]+", str(text)) if i]


def source_note(figure_ids: Iterable[str], clean: pd.DataFrame, lang: str = "both") -> str:
    """'资料来源 Source: …' for the figures shown, one entry per document with the figure ids it provides."""
    ids = sorted(set(figure_ids))
    if not ids:
        raise ValueError("a source note needs at least one figure id")
    rows = clean[clean["figure_id"].isin(ids)]
    unknown = sorted(set(ids) - set(rows["figure_id"]))
    if unknown:
        raise ValueError(f"source note: figure id(s) not in the clean table: {unknown[:5]}")
    parts = []
    for source_id, group in rows.groupby("source_id", sort=True):
        parts.append(f"{describe_source(source_id)}: {len(group)} figure(s)")
    prefix = {"zh": "资料来源：", "en": "Source: "}.get(lang, "资料来源 Source: ")
    return prefix + "; ".join(parts) + ". Figures as cleaned by swtoolkit (data/clean/figures.csv)."
