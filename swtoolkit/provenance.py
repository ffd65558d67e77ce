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


#: How far a source is from the body that produced a figure, best first: an official release, a report of one (news
#: media quoting the ministry), a seed document (release_type empty: the project's own source texts, official
#: documents and meeting materials), then a secondary site (exam-prep and training companies, forums, mirrors).
RELEASE_RANK = {"official": 3, "": 3, "report": 2, "secondary": 0}


@lru_cache(maxsize=1)
def release_types() -> dict[str, str]:
    """source_id → release type (official | report | secondary; '' for a seed document); {} when the raw source
    lists cannot be read (a build from a figures file alone: nothing is then called secondary)."""
    try:
        table = sources()
    except (OSError, ValueError, KeyError):
        return {}
    return {str(k): str(v) for k, v in table["release_type"].items()}


def statement_sources(row) -> list[str]:
    """The source ids behind one clean row: every statement of a merged fact, else the row's own source."""
    found = row.get("statements") if hasattr(row, "get") else None
    if isinstance(found, list) and found:
        return [str(s) for s, _ in found]
    ids = [i for i in re.split(r"[;\s]+", str(row.get("figure_id", "") or "")) if i]
    from_ids = [i.rsplit("-", 1)[0] for i in ids]
    own = str(row.get("source_id", "") or "")
    return sorted({*([own] if own else []), *from_ids})


def is_secondary(row) -> bool:
    """True when every statement behind a figure comes from a secondary site (release_type ``secondary``)."""
    types = release_types()
    srcs = statement_sources(row)
    return bool(srcs) and all(types.get(s) == "secondary" for s in srcs)


#: Words in a secondary source's outlet (data/raw/web/*_sources.csv) that mark an exam-prep or training company's
#: page or an exam Q&A aggregator: the reports name these apart from other secondary pages (forums, mirrors).
EXAM_PREP_MARKERS = ("exam-prep", "exam q&a", "exam prep", "网校", "培训")


def secondary_kind(row) -> str:
    """How far a figure stands from an official release, for the words that flag it: '' (an official release, a
    report of one or a seed document: nothing to flag), 'secondary' (every statement from a secondary site: a
    forum, a mirror, an aggregator) or 'exam-prep' (secondary, and every such source is an exam-prep or training
    company's page or an exam Q&A aggregator, by :data:`EXAM_PREP_MARKERS` in its outlet)."""
    if not is_secondary(row):
        return ""
    try:
        outlets = [str(sources().loc[s, "publisher"]).lower() for s in statement_sources(row)]
    except (KeyError, OSError, ValueError):
        return "secondary"
    prep = outlets and all(any(m in o for m in EXAM_PREP_MARKERS) for o in outlets)
    return "exam-prep" if prep else "secondary"


def release_rank(row) -> int:
    """The best :data:`RELEASE_RANK` among a figure's statements (unknown sources rank as reports)."""
    types = release_types()
    return max((RELEASE_RANK.get(types[s], 2) if s in types else 2 for s in statement_sources(row)), default=2)


def describe_source(source_id: str) -> str:
    """One source in a citation-like line: publisher, title, date (with 'est.' when estimated); a web page adds its
    address, the date it was read and whether it is an official release, a report of one or a secondary site."""
    row = sources().loc[source_id]
    estimated = " (est.)" if row["pub_date_note"].startswith("estimate") else ""
    standing = SECONDARY_NOTE if row["release_type"] == "secondary" else row["release_type"]
    web = f", {row['url']} (read {row['accessed']}; {standing})" if row["release_type"] else ""
    return f"{row['publisher']}, “{row['title']}”, {row['pub_date']}{estimated}{web} [{source_id}]"


def split_figure_ids(lists: Iterable[str]) -> list[str]:
    """Figure ids from id lists as tables store them: ``;``-separated in the model results, space-separated in
    ratios and checks. Why one function: a list split on the wrong separator matches no figure, and the source
    note would silently lose its documents."""
    return [i for text in lists for i in re.split(r"[;\s]+", str(text)) if i]


#: A source note names each document (outlet, date, id) when it rests on at most this many; above that it gives the
#: ids with their figure counts, and the report's list of sources (source_list) describes each document once. A note
#: under a table never runs over pages of references.
MAX_DESCRIBED = 6
SOURCES_POINTER = "文献全称见“资料来源列表”。 Full references: Sources list."


def short_source(source_id: str) -> str:
    """A document in a few words: outlet, date and id ('民政部 via 中国政府网 (gov.cn), 2016-07-12 [WN001]'); a
    secondary site says so ('…, 2025 [WN027; 二手网页，非官方发布 secondary page, not an official release]'), so every
    note under a table or chart flags the figures it rests on that no official release gives."""
    row = sources().loc[source_id]
    estimated = " (est.)" if row["pub_date_note"].startswith("estimate") else ""
    flag = f"; {SECONDARY_NOTE}" if str(row.get("release_type", "")) == "secondary" else ""
    return f"{row['publisher']}, {row['pub_date']}{estimated} [{source_id}{flag}]"


#: How a source note flags a secondary document (one wording for every note).
SECONDARY_NOTE = "二手网页，非官方发布 secondary web page, not an official release"


def _rows_of(figure_ids: Iterable[str], clean: pd.DataFrame) -> pd.DataFrame:
    ids = sorted(set(figure_ids))
    if not ids:
        raise ValueError("a source note needs at least one figure id")
    rows = clean[clean["figure_id"].isin(ids)]
    unknown = sorted(set(ids) - set(rows["figure_id"]))
    if unknown:
        raise ValueError(f"source note: figure id(s) not in the clean table: {unknown[:5]}")
    return rows


def source_note(figure_ids: Iterable[str], clean: pd.DataFrame, lang: str = "both") -> str:
    """'资料来源 Source: …' for the figures shown: each document's outlet, date and id with the number of figures it
    provides, or (more than MAX_DESCRIBED documents) the ids and counts only; the full reference of each document is
    in the report's list of sources (source_list).

    Raises ValueError for no ids or an id not in `clean` (a note must trace every figure it covers).
    """
    rows = _rows_of(figure_ids, clean)
    groups = [(source_id, len(group)) for source_id, group in rows.groupby("source_id", sort=True)]
    if len(groups) <= MAX_DESCRIBED:
        body = "; ".join(f"{short_source(sid)}: {n} figure{'' if n == 1 else 's'}" for sid, n in groups)
    else:
        body = f"{len(groups)}份文件 {len(groups)} documents: " + ", ".join(f"{sid} ({n})" for sid, n in groups)
        types = release_types()
        second = [sid for sid, _ in groups if types.get(str(sid)) == "secondary"]
        if second:
            body += ("; 其中二手网页，非官方发布 of these, secondary web pages, not official releases: "
                     + ", ".join(second))
    prefix = {"zh": "资料来源：", "en": "Source: "}.get(lang, "资料来源 Source: ")
    return f"{prefix}{body}. {SOURCES_POINTER}"


def source_list(figure_ids: Iterable[str], clean: pd.DataFrame) -> list[tuple[str, str]]:
    """(source id, full reference) for every document the figures come from, in id order: the report's list of
    sources, which the short notes under tables and charts point to (describe_source)."""
    rows = _rows_of(figure_ids, clean)
    return [(sid, describe_source(sid)) for sid in sorted(set(rows["source_id"]), key=_natural)]


def _natural(text: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", str(text)))
