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
    ``accessed`` and ``release_type`` are empty for the seed documents; each source's original-language title and
    publisher (:func:`original_titles`) are joined as ``title_zh``, ``publisher_zh``, ``title_status`` and
    ``found_in`` (a source without a row there: title not recorded).

    Raises RawDataError (one line) for a row of data/raw/source_titles.csv that breaks its contract."""
    from swtoolkit.cleaning.web import all_sources, read_web

    raw = Path(raw or raw_dir())
    seeds = pd.read_csv(raw / "sources.csv", dtype=str, keep_default_na=False).set_index("source_id")
    table = all_sources(seeds, read_web(raw)[1])
    titles = original_titles(raw, set(table.index))
    table = table.join(titles, how="left")
    table[TITLE_COLUMNS[1:]] = table[TITLE_COLUMNS[1:]].fillna("")
    table.loc[table["title_status"].eq(""), "title_status"] = "not_recorded"
    return table


#: The registry of each source's title and publisher in the original language (Chinese), beside sources.csv and
#: the web sources: one row per source, read with them by :func:`sources` (editor 9 N-8: a reference gave only an
#: English paraphrase of a Chinese document's title and publisher).
TITLES_FILE = "source_titles.csv"
TITLE_COLUMNS = ["source_id", "title_zh", "publisher_zh", "title_status", "found_in"]
#: original: the document's own title as written; parts: a document without a title of its own (a newspaper page,
#: a bundle of meeting materials), the titles of the pieces it holds as written, each in 《》; not_recorded: the
#: original title could not be read in any stored text, and none is made up (title_zh empty); untitled: a page with
#: no title of its own whose items' headlines are long runs of the source's text, so they are located, not copied:
#: title_zh empty, found_in names their character offsets in the source text ("chars 573–593").
TITLE_STATUSES = ("original", "parts", "not_recorded", "untitled")
#: The statuses that record no title text.
TITLELESS = ("not_recorded", "untitled")
#: A character span of a source text as found_in writes it (start inclusive, end exclusive, offsets of the file).
SPAN = re.compile(r"chars (\d+)–(\d+)")
#: A title is a title, never a sentence of the source: at most this many characters, and no sentence end (。).
MAX_TITLE_CHARS = 160


def original_titles(raw: Path | None = None, known: set[str] | None = None) -> pd.DataFrame:
    """data/raw/source_titles.csv indexed by source_id (columns title_zh, publisher_zh, title_status, found_in);
    an empty frame when the file is absent. ``known``: the source ids the row must name.

    Raises RawDataError naming file, row, column and value for a wrong header, an unknown or repeated source id, a
    status outside :data:`TITLE_STATUSES`, a recorded status without its title (or not_recorded with one), or a
    title that reads as a sentence (over :data:`MAX_TITLE_CHARS` characters, or holding 。)."""
    from swtoolkit.errors import RawDataError

    path = Path(raw or raw_dir()) / TITLES_FILE
    if not path.is_file():
        return pd.DataFrame(columns=TITLE_COLUMNS[1:], index=pd.Index([], name="source_id"), dtype=str)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(frame.columns) != TITLE_COLUMNS:
        raise RawDataError(str(path), 1, None, list(frame.columns), f"columns must be exactly {TITLE_COLUMNS}")
    seen: set[str] = set()
    for pos, row in enumerate(frame.to_dict("records")):
        at = pos + 2

        def bad(column: str, reason: str, at: int = at, row: dict = row) -> None:
            raise RawDataError(str(path), at, column, row[column], reason)

        if known is not None and row["source_id"] not in known:
            bad("source_id", "not a source of data/raw/sources.csv or of the web sources")
        if row["source_id"] in seen:
            bad("source_id", "source_id is used twice")
        seen.add(row["source_id"])
        if row["title_status"] not in TITLE_STATUSES:
            bad("title_status", f"title_status must be one of {', '.join(TITLE_STATUSES)}")
        if (row["title_status"] in TITLELESS) != (not row["title_zh"].strip()):
            bad("title_zh", "a recorded title (original, parts) needs title_zh; not_recorded and untitled have none "
                            "(a title that could not be read is never made up, a long headline is located)")
        if row["title_status"] == "untitled" and not SPAN.search(row["found_in"]):
            bad("found_in", "an untitled source locates its items' headlines by offset ('chars 573–593')")
        if len(row["title_zh"]) > MAX_TITLE_CHARS or "。" in row["title_zh"]:
            bad("title_zh", f"a title is a title, not a sentence of the source (at most {MAX_TITLE_CHARS} "
                            "characters, no 。)")
    return frame.set_index("source_id")


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
    """The source ids behind one clean row: every statement of a merged fact, else the row's own source and those
    its figure ids name; with ``also_sources`` (the sources of other statements of the same fact, linked by
    ``same_fact_as``: reports.phrasing._figures) added, so a fact a news report also states is not called known
    only from a secondary site (fresh referee, stop 26: Hubei's 30,149 on 荆楚网 and on a mirror)."""
    found = row.get("statements") if hasattr(row, "get") else None
    also = row.get("also_sources") if hasattr(row, "get") else None
    extra = [str(s) for s in also] if isinstance(also, list | tuple | set) else []
    if isinstance(found, list) and found:
        return sorted({*(str(s) for s, _ in found), *extra})
    ids = [i for i in re.split(r"[;\s]+", str(row.get("figure_id", "") or "")) if i]
    from_ids = [i.rsplit("-", 1)[0] for i in ids]
    own = str(row.get("source_id", "") or "")
    return sorted({*([own] if own else []), *from_ids, *extra})


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


#: The mark of a publication date the curator estimated, in both languages (editor 9 N-8: "(est.)" alone read as
#: English in a Chinese-first reference).
ESTIMATED_MARK = "（估计 est.）"
#: A web page's standing in words (the secondary one: SECONDARY_NOTE).
RELEASE_WORDS = {"official": "官方发布 official release", "report": "新闻报道 news report of a release"}
#: The words of a title that could not be read in any stored text.
TITLE_NOT_RECORDED = "原题名未记录 original title not recorded"
#: The words of a page without a title of its own (its items are named by the English description).
TITLE_NONE = "原件无总题名 the page has no title of its own"


#: What the English words after a title are: the curator's own description, never the title or its translation
#: (editor 12: "原题名未记录 original title not recorded “Ministry … bulletin”" read as if the quotation were a title).
DESCRIPTION_MARK = "编者说明 our description"


def publisher_words(row) -> str:
    """A source's publisher, Chinese first with the English gloss after ('云南省民政厅（会议材料） Yunnan Provincial
    Department of Civil Affairs (meeting materials)'); a web page's outlet as the curator recorded it."""
    zh = str(row.get("publisher_zh", "") or "")
    return f"{zh} {row['publisher']}" if zh else str(row["publisher"])


def date_words(row) -> str:
    """A source's publication date as recorded (ISO, to its precision), with :data:`ESTIMATED_MARK` when it is an
    estimate ('2022-07（估计 est.）')."""
    return str(row["pub_date"]) + (ESTIMATED_MARK if str(row["pub_date_note"]).startswith("estimate") else "")


def title_words(row) -> str:
    """A source's title: the original title first (《…》, or the titles of the pieces a page or bundle holds, or
    :data:`TITLE_NOT_RECORDED`), then the curator's English description in quotation marks, marked as such
    (:data:`DESCRIPTION_MARK`)."""
    status, zh = str(row.get("title_status", "") or "not_recorded"), str(row.get("title_zh", "") or "")
    if status == "original":
        original = f"《{zh}》"
    elif status == "parts":
        original = f"所收各篇 pieces: {zh}"
    elif status == "untitled":
        original = TITLE_NONE
    else:
        original = TITLE_NOT_RECORDED
    return f"{original}；{DESCRIPTION_MARK}: “{row['title']}”"


def describe_source(source_id: str) -> str:
    """One source in a citation-like line, Chinese first with the English gloss after: publisher, title (the
    original title, then the English description), date (estimates marked in both languages); a web page adds its
    address, the date it was read and whether it is an official release, a report of one or a secondary site.
    The one place a full reference is worded (the Sources list: blocks.source_list)."""
    row = sources().loc[source_id]
    kind = str(row["release_type"])
    standing = SECONDARY_NOTE if kind == "secondary" else RELEASE_WORDS.get(kind, kind)
    web = f"，{row['url']}（读取日期 read {row['accessed']}；{standing}）" if kind else ""
    return f"{publisher_words(row)}，{title_words(row)}，{date_words(row)}{web} [{source_id}]"


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
    """A document in a few words: publisher (Chinese first), date and id ('民政部 via 中国政府网 (gov.cn)，2016-07-12
    [WN001]'; an estimated date '2022-07（估计 est.）'); a secondary site says so ('…，2025 [WN027; 二手网页，非官方发布
    secondary page, not an official release]'), so every note under a table or chart flags the figures it rests on
    that no official release gives."""
    row = sources().loc[source_id]
    flag = f"; {SECONDARY_NOTE}" if str(row.get("release_type", "")) == "secondary" else ""
    return f"{publisher_words(row)}，{date_words(row)} [{source_id}{flag}]"


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
        # data items, in both languages: 'figure' also names a chart (fresh editor, item 15)
        body = "; ".join(f"{short_source(sid)}: {n}条数据 {n} data item{'' if n == 1 else 's'}" for sid, n in groups)
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
