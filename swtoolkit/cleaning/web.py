"""Web sources: the raw part for figures read on public web pages (data/raw/web/).

The five seed documents are stored texts, so a seed figure's locator is a character offset checked against the
text. A web page is not stored: its figure is located by the page address (the source row's ``url``) plus a few
words of context in the curator's own words (the figure row's ``locator``). What can be checked without the page
is checked here (the web contract); what the page says cannot be, and stays the curator's word.

Files, in pairs: ``<part>_sources.csv`` (WEB_SOURCE_COLUMNS) and ``<part>_figures.csv`` (WEB_FIGURE_COLUMNS), any
number of parts (national, provincial, ...), any number of rows. Each pair is read as written, every cell as text,
and turned into the shapes of data/raw/sources.csv and data/raw/figures.csv (SOURCE_COLUMNS and RAW_COLUMNS plus
the web columns ``accessed`` and ``release_type``), so the clean step reads web figures with the same grammar as
seed figures.

A web row whose *provenance* breaks the contract (id, source, address, locator words, source fields) stops the
clean step, with one line naming file, row, column and value. A web row whose *figure* the grammar does not read
(a value, date phrase, region or indicator not understood) is refused by the clean step: left out of the clean
table and listed in checks.csv (see swtoolkit.cleaning.pipeline).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from swtoolkit.cleaning.columns import RAW_COLUMNS, SOURCE_COLUMNS
from swtoolkit.cleaning.tables import read_table
from swtoolkit.errors import RawDataError

log = logging.getLogger(__name__)

WEB_DIR = "web"
WEB_SOURCE_COLUMNS = ["source_id", "outlet", "title", "pub_date", "pub_date_precision", "url", "accessed",
                      "release_type", "notes"]
WEB_FIGURE_COLUMNS = ["figure_id", "source_id", "locator", "region_as_written", "value_as_written",
                      "date_as_written", "indicator", "kind", "scope", "target_type", "target_year", "same_fact_as",
                      "notes", "subset", "qualifier_as_written", "norm_status"]
#: official: a government site carrying a government release (the issuer's own page, the government portal);
#: report: a news publisher (newspaper, agency, broadcaster or their news portals, syndicated stories included) or a
#: journal on its own site, or an organisation reporting its own work; secondary: every other page, whoever wrote
#: the original: a mirror, repost, forum, aggregator, exam-prep or training site, blog, Q&A or document library, a
#: machine-translation copy, an industry or association site relaying another body's release (docs/curation.md).
RELEASE_TYPES = ("official", "report", "secondary")
#: Words in a source's outlet, title or notes saying the page is a copy on a site that did not write it: such a
#: source is `secondary` (a government host carrying a government document may stay `official`), and so is every
#: other source on the same site (release_type_problems).
SECONDARY_SITE = re.compile(r"mirror|forum|aggregat|exam[- ]prep|\brepost(?:ed)?\b|repost site|third-party site|"
                            r"translation page|machine-translat|document library|q&a|\bblog\b", re.IGNORECASE)
#: The narrower words that name the whole site as a copy site (a site that also reports on its own, such as an
#: industry portal that sometimes reposts, is judged page by page).
COPY_SITE = re.compile(r"mirror|forum|aggregat|exam[- ]prep|translation page|document library|q&a|\bblog\b",
                       re.IGNORECASE)
#: Second-level labels under which a site's own name is one label further down (www.x.com.cn → x.com.cn).
_SECOND_LEVEL = {"com", "net", "org", "gov", "edu", "ac"}
#: A web source whose notes begin so has a publication date the curator inferred (the page shows none): it is
#: marked as an estimate, as sources.csv's pub_date_note does for a seed, and said as "about" in the reports.
ESTIMATED_PREFIX = "estimated date"
ESTIMATE_NOTE = "estimate (web source notes)"
#: Notes saying the page shows no date of its own (its date was inferred from the content, an event or a figure):
#: such a source's date is the curator's estimate, so its notes must begin with ESTIMATED_PREFIX, or the reports
#: print the inferred date as the document's date (Zhejiang's 2018 page, Ningxia's May 2024 repost). A date read
#: in the page's address (URL path 202011/06) is the site's own stamp, not an inference.
UNSHOWN_DATE = re.compile(r"(?:publication|page|exact|visible)[\w ]{0,12}?(?:date|year)[\w ]{0,20}?"
                          r"(?:not shown|not given|unknown|inferred)|no visible (?:page )?date|"
                          r"(?:date|year) (?:inferred|not shown|not given)|(?:year|date) of the page not shown",
                          re.IGNORECASE)
#: Columns the web sources add to data/raw/sources.csv's (empty for a seed source).
EXTRA_SOURCE_COLUMNS = ["accessed", "release_type", "part"]
#: The web part of national sources (ministry bulletins, national press conferences, the census).
NATIONAL_PART = "national"
SOURCE_ID = re.compile(r"^W[A-Z]\d{3}$")
FIGURE_ID = re.compile(r"^(W[A-Z]\d{3})-\d{2,3}$")
PUB_DATE = {"day": re.compile(r"^\d{4}-\d{2}-\d{2}$"), "month": re.compile(r"^\d{4}-\d{2}$"),
            "year": re.compile(r"^\d{4}$")}
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: A locator is a few words: at least two words (or four CJK characters) and at most this many characters.
MAX_LOCATOR_CHARS = 200
#: A run of this many CJK characters in a curator's words (locator, title) looks like a copied sentence.
COPIED_CJK_RUN = 16
_WORD = re.compile(r"[A-Za-z]{2,}|[\u4e00-\u9fff]")
_CJK_RUN = re.compile(rf"[\u4e00-\u9fff\u3400-\u4dbf，、；：]{{{COPIED_CJK_RUN},}}")

__all__ = ["EXTRA_SOURCE_COLUMNS", "NATIONAL_PART", "RELEASE_TYPES", "WEB_DIR", "WEB_FIGURE_COLUMNS",
           "WEB_SOURCE_COLUMNS", "all_sources", "is_web_url", "locator_problem", "read_web", "release_type_problems",
           "site_of", "talent_wording_problem", "web_parts"]


def is_web_url(url: str) -> bool:
    """True for a full http(s) address with a host name and no spaces (what a reader can open again)."""
    if not url or any(c.isspace() for c in url):
        return False
    parts = urlsplit(url)
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and "." in host and not parts.netloc.startswith("/") \
        and not url.lower().startswith(("http:///", "https:///"))


def locator_problem(locator: str, value_as_written: str = "") -> str | None:
    """Why `locator` is not a usable web locator (a few own words of context), or None when it is.

    The words must be there (two words or four CJK characters at least), short (MAX_LOCATOR_CHARS), and not a
    copied sentence (no run of COPIED_CJK_RUN CJK characters); the figure itself does not count as context.
    """
    text = locator.strip()
    if not text:
        return "a web figure needs a locator: a few words of context in your own words"
    if len(text) > MAX_LOCATOR_CHARS:
        return f"a locator is a few words, not more than {MAX_LOCATOR_CHARS} characters"
    if text.isdigit():
        return "a web figure's locator is words of context, not a character offset (no text of the page is stored)"
    rest = text.replace(value_as_written, " ") if value_as_written else text
    words = _WORD.findall(rest)
    latin = [w for w in words if len(w) > 1]
    if len(latin) < 2 and len(words) - len(latin) < 4:
        return "a locator needs a few words of context (at least two words) besides the figure"
    if _CJK_RUN.search(text):
        return f"a locator must be in your own words: a run of {COPIED_CJK_RUN}+ Chinese characters looks copied"
    return None


def web_parts(raw: Path) -> list[tuple[Path, Path]]:
    """(sources file, figures file) of each web part under ``raw/web``, by part name; [] when there is none.

    Raises RawDataError when a part has one of its two files only.
    """
    folder = Path(raw) / WEB_DIR
    if not folder.is_dir():
        return []
    names = sorted({p.name.rsplit("_", 1)[0] for p in folder.glob("*_sources.csv")}
                   | {p.name.rsplit("_", 1)[0] for p in folder.glob("*_figures.csv")})
    parts = []
    for name in names:
        sources, figures = folder / f"{name}_sources.csv", folder / f"{name}_figures.csv"
        for path, other in ((sources, figures), (figures, sources)):
            if not path.is_file():
                raise RawDataError(str(path), None, None, None, f"missing: {other.name} needs it (web parts come in "
                                   "pairs, <part>_sources.csv and <part>_figures.csv)")
        parts.append((sources, figures))
    return parts


def _read(path: Path, columns: list[str]) -> tuple[pd.DataFrame, list[RawDataError]]:
    frame, problems = read_table(path)
    if list(frame.columns) != columns:
        raise RawDataError(str(path), 1, None, list(frame.columns), f"columns must be exactly {columns}")
    return frame, problems


def _row(frame: pd.DataFrame, position: int) -> int:
    return int(frame.index[position]) + 2


def _source_problems(frame: pd.DataFrame, file: str, seen: set[str]) -> list[RawDataError]:
    errors = []
    for pos, row in enumerate(frame.itertuples(index=False)):
        at = _row(frame, pos)

        def bad(column: str, value: object, reason: str, at: int = at) -> None:
            errors.append(RawDataError(file, at, column, value, reason))

        if not SOURCE_ID.match(row.source_id):
            bad("source_id", row.source_id, "a web source_id looks like WN001 (W, a part letter, three digits)")
        elif row.source_id in seen:
            bad("source_id", row.source_id, "source_id is used twice")
        seen.add(row.source_id)
        for column in ("outlet", "title"):
            if not getattr(row, column).strip():
                bad(column, "", f"a web source needs its {column}")
        if _CJK_RUN.search(row.title):
            bad("title", row.title, "the title must be a description in your own words, not the page's title")
        pattern = PUB_DATE.get(row.pub_date_precision)
        if pattern is None:
            bad("pub_date_precision", row.pub_date_precision, "pub_date_precision must be day, month or year")
        elif not pattern.match(row.pub_date) or not _valid_date(row.pub_date):
            bad("pub_date", row.pub_date, f"pub_date must be a real date written to its precision "
                                          f"({row.pub_date_precision}: YYYY-MM-DD, YYYY-MM or YYYY)")
        if not is_web_url(row.url):
            bad("url", row.url, "url must be the page's full http(s) address (scheme, host, path; no spaces)")
        if not ISO_DAY.match(row.accessed) or not _valid_date(row.accessed):
            bad("accessed", row.accessed, "accessed must be the date the page was read (YYYY-MM-DD)")
        if row.release_type not in RELEASE_TYPES:
            bad("release_type", row.release_type, f"release_type must be one of {', '.join(RELEASE_TYPES)}")
        if unmarked_estimate(row.notes):
            bad("notes", row.notes, f"the notes say the page shows no date of its own, so pub_date is the curator's "
                                    f"estimate: begin the notes with '{ESTIMATED_PREFIX.capitalize()}:'")
    return errors


def unmarked_estimate(notes: str) -> bool:
    """True where a source's notes say its page shows no date (inferred, not shown) but do not mark the date an
    estimate: the reports would print the inferred date as the document's own."""
    notes = str(notes)
    return bool(UNSHOWN_DATE.search(notes)) and not notes.strip().lower().startswith(ESTIMATED_PREFIX)


def _valid_date(text: str) -> bool:
    parts = [int(p) for p in text.split("-")] + [1] * (3 - len(text.split("-")))
    try:
        pd.Timestamp(year=parts[0], month=parts[1], day=parts[2])
    except ValueError:
        return False
    return True


def _figure_problems(frame: pd.DataFrame, file: str, sources: set[str], seen: set[str]) -> list[RawDataError]:
    errors = []
    for pos, row in enumerate(frame.itertuples(index=False)):
        at = _row(frame, pos)
        match = FIGURE_ID.match(row.figure_id)
        if not match:
            errors.append(RawDataError(file, at, "figure_id", row.figure_id,
                                       "a web figure_id is its source_id and two digits (WN001-01)"))
        elif match.group(1) != row.source_id:
            errors.append(RawDataError(file, at, "figure_id", row.figure_id,
                                       f"a web figure_id starts with its source_id ({row.source_id})"))
        elif row.figure_id in seen:
            errors.append(RawDataError(file, at, "figure_id", row.figure_id, "figure_id is used twice"))
        seen.add(row.figure_id)
        if row.source_id not in sources:
            errors.append(RawDataError(file, at, "source_id", row.source_id, "not a source_id of the web sources"))
        if not row.value_as_written.strip():
            errors.append(RawDataError(file, at, "value_as_written", "", "value_as_written must not be empty"))
        why = locator_problem(row.locator, row.value_as_written)
        if why:
            errors.append(RawDataError(file, at, "locator", row.locator, why))
        why = talent_wording_problem(row.indicator, getattr(row, "notes", ""))
        if why:
            errors.append(RawDataError(file, at, "indicator", row.indicator, why))
    return errors


#: The words a curator who read a web page writes in a talent row's notes to record how the page names the count
#: (``talent wording as written: 社会工作人才队伍``): the page text is not stored, so the recorded wording is what
#: the indicator is checked against (docs/curation.md, 社会工作人才 is not 社会工作专业人才). The wording runs to the
#: first bracket, colon, semicolon, comma or full stop, so a page in English records several words
#: (``talent wording as written: professional social workers``).
TALENT_WORDING = re.compile(r"talent wording as written:\s*([^(（:;；,，.]+?)\s*(?=[(（:;；,，.]|$)")
TALENT_INDICATORS = {"sw_talent_total", "sw_talent_broad"}
#: The record of a talent row whose page could not be read (not in the stored corpus): it keeps the indicator it
#: was coded with, and says so (``talent wording as written: not read (page not in the stored corpus)``).
TALENT_NOT_READ = "not read"
#: In a page in English or another language written in Latin letters, the word that makes a count professional
#: (专业): professional, specialized/specialised, specialist (Portuguese profissional, Spanish profesional).
#: Without it (social workers, social work talents, trabalhadores sociais) the count is the wider one.
PROFESSIONAL_LATIN = re.compile(r"\b(professional|speciali[sz]ed|specialists?|profission|profesional)", re.IGNORECASE)


def talent_wording_is_professional(wording: str) -> bool:
    """Whether a recorded talent wording names professional talent: 专业 (專業) in Chinese, or in Latin letters
    one of the words of PROFESSIONAL_LATIN."""
    if re.search(r"[A-Za-z]", wording):
        return bool(PROFESSIONAL_LATIN.search(wording))
    return "专业" in wording or "專業" in wording


def talent_wording_problem(indicator: str, notes: str) -> str | None:
    """Why a web row's indicator contradicts the talent wording its notes record, else None: a count or target the
    page writes with 专业 (社会工作专业人才, 专业社工人才; 專業 in traditional characters; professional, specialized
    or specialist in English) is ``sw_talent_total``; one written as social-work talent without it (社会工作人才,
    社工人才队伍, social workers, trabalhadores sociais) is the wider ``sw_talent_broad``, never set beside
    professional totals; ``not read`` (page not in the stored corpus) leaves a talent indicator as coded; the
    record on any other indicator is a slip."""
    match = TALENT_WORDING.search(str(notes or ""))
    if not match:
        return None
    wording = match.group(1).strip()
    if indicator not in TALENT_INDICATORS:
        return f"the notes record a talent wording ({wording}) but the indicator is {indicator}"
    if wording == TALENT_NOT_READ:
        return None
    want = "sw_talent_total" if talent_wording_is_professional(wording) else "sw_talent_broad"
    if indicator != want:
        return (f"the page writes {wording}: a talent count {'with' if want == 'sw_talent_total' else 'without'} "
                f"专业 (professional) is {want}, not {indicator}")
    return None


def site_of(url: str) -> str:
    """The registered site of a page address (finance.smartjx.com → smartjx.com, m.x.com.cn → x.com.cn)."""
    host = re.sub(r"^[a-z]+://", "", str(url).strip().lower()).split("/")[0].split(":")[0]
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def release_type_problems(sources: pd.DataFrame) -> list[tuple[int, str, str]]:
    """Web sources whose release_type breaks the rule of docs/curation.md ("What makes a page secondary").

    `sources` has WEB_SOURCE_COLUMNS. Returns (position, release_type, reason) for each source that (1) its own
    outlet, title or notes describe as a copy on a site that did not write it (SECONDARY_SITE: mirror, repost,
    forum, aggregator, exam-prep …) but is not `secondary` (a government site, *.gov.cn, carrying a government
    document may be `official`), or (2) sits on a site that another source names as a copy site (COPY_SITE:
    mirror, forum, aggregator, exam-prep …; not a government site), and is not `secondary`.
    """
    texts = [f"{o} {t} {n}" for o, t, n in zip(sources["outlet"], sources["title"], sources["notes"], strict=True)]
    described = [bool(SECONDARY_SITE.search(text)) for text in texts]
    sites = [site_of(u) for u in sources["url"]]
    copy_sites = {site for site, text in zip(sites, texts, strict=True)
                  if COPY_SITE.search(text) and not site.endswith("gov.cn")}
    problems = []
    for pos, (kind, copy, site) in enumerate(zip(sources["release_type"], described, sites, strict=True)):
        if kind == "secondary" or (kind == "official" and site.endswith("gov.cn")):
            continue
        if copy:
            problems.append((pos, kind, "the source's outlet, title or notes say the page is a mirror, repost, "
                                        "forum, aggregator or exam-prep copy: such a page is 'secondary', whoever "
                                        "wrote the original (docs/curation.md)"))
        elif site in copy_sites:
            problems.append((pos, kind, f"another source on {site} is described as a mirror, repost, forum or "
                                        "aggregator: every page of that site is 'secondary' (docs/curation.md)"))
    return problems


def read_web(raw: Path) -> tuple[pd.DataFrame, pd.DataFrame, list[tuple[str, int]], list[RawDataError]]:
    """The web parts under ``raw/web`` in the raw shapes, and every web-contract failure (not raised).

    Returns
    -------
    (figures, sources, places, problems): figures has RAW_COLUMNS (place empty; subset, a qualifier written apart
    from the figure and a norm's status as the curator recorded them; the locator is the curator's words);
    sources is indexed by source_id with SOURCE_COLUMNS[1:] + EXTRA_SOURCE_COLUMNS (``publisher`` = outlet, no
    file or checksum, ``part`` = the file's part name); places gives (file relative to raw, row)
    of each figure row, for messages (the same in every checkout); problems lists a RawDataError per contract
    failure, in file and row order.
    Both frames are empty (with their columns) when there is no web part.

    Raises
    ------
    RawDataError
        A file cannot be read as a table (missing half of a pair, not UTF-8, wrong header).
    """
    source_frames, figure_frames, places, problems = [], [], [], []
    seen_sources: set[str] = set()
    seen_figures: set[str] = set()
    pairs = web_parts(raw)
    if not pairs:  # a folder lost or moved would drop every web figure: said, not silent
        log.warning("no web figures: %s holds no *_sources.csv and *_figures.csv pair", Path(raw) / WEB_DIR)
    read = [(_read(s, WEB_SOURCE_COLUMNS), _read(f, WEB_FIGURE_COLUMNS), s, f) for s, f in pairs]
    for (sources, bad_rows), _, path, _ in read:
        problems += bad_rows + _source_problems(sources, str(path), seen_sources)
        source_frames.append(sources.assign(part=path.name.rsplit("_", 1)[0]))
    known = set(seen_sources)
    for _, (figures, bad_rows), _, path in read:
        problems += bad_rows + _figure_problems(figures, str(path), known, seen_figures)
        figure_frames.append(figures)
        places += [(f"{WEB_DIR}/{path.name}", int(i) + 2) for i in figures.index]  # the same in every checkout
    sources = (pd.concat(source_frames, ignore_index=True) if source_frames
               else pd.DataFrame(columns=[*WEB_SOURCE_COLUMNS, "part"], dtype=str))
    files = [(str(path), _row(frame, pos)) for (frame, _), _, path, _ in read for pos in range(len(frame))]
    problems += [RawDataError(files[pos][0], files[pos][1], "release_type", kind, reason)
                 for pos, kind, reason in release_type_problems(sources)]
    figures = (pd.concat(figure_frames, ignore_index=True) if figure_frames
               else pd.DataFrame(columns=WEB_FIGURE_COLUMNS, dtype=str))
    as_sources = pd.DataFrame({
        "source_id": sources["source_id"], "file": "", "title": sources["title"], "publisher": sources["outlet"],
        "pub_date": sources["pub_date"], "pub_date_precision": sources["pub_date_precision"],
        "pub_date_note": [ESTIMATE_NOTE if str(n).lower().startswith(ESTIMATED_PREFIX) else ""
                          for n in sources["notes"]],
        "url": sources["url"], "sha256": "", "region_context": "", "accessed": sources["accessed"],
        "release_type": sources["release_type"], "part": sources["part"]},
        columns=[*SOURCE_COLUMNS, *EXTRA_SOURCE_COLUMNS], dtype=str)
    as_figures = figures.reindex(columns=RAW_COLUMNS, fill_value="").astype(str)
    return as_figures.reset_index(drop=True), as_sources.drop_duplicates("source_id").set_index("source_id"), \
        places, problems


def all_sources(sources: pd.DataFrame, web_sources: pd.DataFrame | None) -> pd.DataFrame:
    """Seed and web sources in one frame indexed by source_id (the web columns empty for the seeds)."""
    seeds = sources.reindex(columns=[*sources.columns, *[c for c in EXTRA_SOURCE_COLUMNS if c not in sources]],
                            fill_value="")
    if web_sources is None or not len(web_sources):
        return seeds
    return pd.concat([seeds, web_sources[seeds.columns]])
