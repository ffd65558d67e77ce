"""Step 1 of the yearly workflow: register a new source document, and draft raw rows from its candidates.

`add_source` copies a text into the folder where `clean` looks for source texts (swtoolkit.paths.seeds_dir(),
env SWTOOLKIT_SEEDS) and appends its row to data/raw/sources.csv (id, file, sha256 …). `draft_rows` turns
`swtoolkit extract` candidates into rows of the raw figures format (data/raw/figures.csv) for a curator to check,
correct and copy; a draft row is a suggestion: its notes say so, and `clean` reads it like any other row.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from swtoolkit import regions
from swtoolkit.cleaning.columns import RAW_COLUMNS, SOURCE_COLUMNS
from swtoolkit.errors import ParameterError, SwtoolkitError, UnknownRegionError
from swtoolkit.extract_io import SourceTextError, read_source_text

#: Words before a figure that say what kind of figure it is (first match in this order wins); else ``actual``.
KIND_WORDS = (("target", r"(?:到|至)\s*20\d\d\s*年|力争|目标|计划|规划|将达到|预计"),
              ("increment", r"新增|增加|新建|新培育|当年|今年共"),
              ("cumulative", r"累计|共培育|总计"),
              ("norm", r"每个|每站|每村|每社区|配备|不少于|至少"))
_TARGET_YEAR = re.compile(r"(?:到|至)\s*(20\d\d)\s*年")
_SUMMED = re.compile(r"等(?:共|计|合计)?\s*$")  # 甲县、乙县等100个: the figure sums the places listed
_PROVINCE_WORD = re.compile(r"省|自治区|北京|上海|天津|重庆")


def figure_id(source_id: str, locator: int) -> str:
    """The id of a raw figure: its source and its offset (S005-001234), as the raw table writes them."""
    return f"{source_id}-{int(locator):06d}"


@dataclass(frozen=True)
class RegionGuess:
    code: str
    note: str


def guess_region(words: str, context_code: str | None = None, summed: bool = False) -> RegionGuess:
    """The nearest region word (``;``-separated, nearest first) that resolves to one place.

    全国/我国 are the country; 全省/我市 … are the document's own region (`context_code`, the source's
    region_context) when known. A place is resolved inside the province named nearest before it, else inside the
    document's province, never at a same-named place elsewhere; a word that matches several places is skipped with
    a note and no code: a farther word is never taken instead of the nearest place. With `summed` (the figure
    closes a list, 甲县、乙县等100个) the listed prefectures and counties are skipped: the figure is about the
    region above them (the nearest province or country word, else the document's region).
    """
    notes = []
    listed = [w for w in words.split(";") if w]
    province = next((w for w in listed if _PROVINCE_WORD.search(w) or _is_province(w)), None)
    within = context_code or None
    if province:
        try:
            within = regions.resolve(province).code
        except UnknownRegionError:
            pass
    for word in listed:
        if word in ("全国", "我国"):
            return RegionGuess(regions.COUNTRY_CODE, f"{word}: the whole country")
        if word.startswith(("全", "我")):
            if context_code:
                return RegionGuess(context_code, f"{word}: the document's region")
            notes.append(f"{word}: the document's own region (sources.csv has no region_context)")
            continue
        if summed and regions.known_name(word) and not _is_province(word):
            notes.append(f"{word}: one of the places the figure sums")
            continue
        try:
            found = regions.resolve(word, within=within)
        except UnknownRegionError as exc:
            notes.append(f"{word}: {exc}")
            if regions.known_name(word):
                break  # the nearest place is elsewhere or ambiguous: never fall back to a farther word
            continue
        return RegionGuess(found.code, "; ".join([*notes, f"{word} → {found.name_zh} {found.code}"]))
    if (not notes or summed) and context_code:
        return RegionGuess(context_code, "; ".join([*notes, "the document's region (sources.csv)"]))
    return RegionGuess("", "; ".join(notes) or "no region word nearby")


def _is_province(word: str) -> bool:
    try:
        return regions.resolve(word).level == "province"
    except UnknownRegionError:
        return False


def guess_kind(context_before: str) -> tuple[str, str]:
    """(kind, target_year) from the words before a figure; a guess for the curator to confirm."""
    for kind, pattern in KIND_WORDS:
        if re.search(pattern, context_before):
            year = _TARGET_YEAR.search(context_before)
            return kind, (year[1] if kind == "target" and year else "")
    return "actual", ""


def draft_rows(candidates: pd.DataFrame, text: str, region_context: str | None = None) -> pd.DataFrame:
    """Candidates (swtoolkit.extract.find_candidates, of one source) → rows in the raw figures format.

    Returns
    -------
    DataFrame with RAW_COLUMNS: figure_id from source id and locator; region_as_written the region code where one
    region word nearby resolves to one place (else empty, with the reason in notes); value_as_written and
    qualifier_as_written as written; date_as_written the nearest date phrase; indicator the suggestion (empty if
    none fits the unit); kind and target_year guessed from the words before the figure; notes starting with
    ``draft:`` (score, flags, unit, region reasoning), after ``header_unit=…;`` where the unit stands apart from
    the value (a table header's unit, the unit closing a list 3、2、1人, the unit after a footnote marker).
    """
    joined = text.replace("\n", "")
    rows = []
    for cand in candidates.itertuples(index=False):
        before = joined[max(0, cand.locator - 30):cand.locator]
        guess = guess_region(cand.region_words, region_context, summed=bool(_SUMMED.search(before)))
        kind, target_year = guess_kind(before)
        notes = [f"draft: score {cand.score}"]
        if cand.unit_as_written and re.search(r"header_unit|unit_from_list|footnote_marker", cand.flags):
            notes.insert(0, f"header_unit={cand.unit_as_written};")  # the unit stands apart from the value
        if cand.flags:
            notes.append(f"flags {cand.flags}")
        if cand.value == cand.value:  # not NaN
            read = "proposed (two readings; clean refuses it as written)" if "ambiguous" in cand.flags else "read"
            notes.append(f"{read} {cand.value:g}{'%' if cand.is_percent else ''} {cand.qualifier}")
        elif cand.qualifier == "range" and cand.low == cand.low:
            read = "proposed (two readings; clean refuses it as written)" if "ambiguous" in cand.flags else "read"
            notes.append(f"{read} {cand.low:g}–{cand.high:g}{'%' if cand.is_percent else ''} range")
        notes.append(f"region {guess.note}")
        if cand.indicator_words:
            notes.append(f"words {cand.indicator_words}")
        rows.append({"figure_id": figure_id(cand.source_id, cand.locator), "source_id": cand.source_id,
                     "locator": str(cand.locator), "region_as_written": guess.code, "place_as_written": "",
                     "subset": "", "scope": "", "value_as_written": cand.value_as_written,
                     "qualifier_as_written": cand.qualifier_as_written, "date_as_written": cand.date_phrase,
                     "indicator": cand.indicator_suggested, "kind": kind, "target_year": target_year,
                     "target_type": "", "norm_status": "", "same_fact_as": "", "notes": "; ".join(notes)})
    return pd.DataFrame(rows, columns=RAW_COLUMNS)


# ---------------------------------------------------------------------------------------------------------------
# add-source
# ---------------------------------------------------------------------------------------------------------------
class SourceExistsError(SwtoolkitError):
    """The text is already registered (same SHA-256)."""


_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def add_source(path: Path, title: str, outlet: str, pub_date: str, url: str, sources: Path, texts: Path,
               region: str = "", date_note: str = "") -> dict[str, str]:
    """Register a source text: copy it into `texts` (where `clean` finds source texts) and append its row to
    `sources` (sources.csv), written whole to a temporary file and switched in one step.

    The id is the next S### of the table; the file is named ``NNN_<first 16 hex digits of its SHA-256>.txt``.
    `pub_date` is YYYY-MM-DD (precision day) or YYYY-MM (month). `region` (a name or code, optional) becomes the
    region_context that region words such as 全省 refer to.

    Raises
    ------
    ParameterError : a date, title or url that cannot be used.
    SourceExistsError : the same text (SHA-256) is registered already.
    SourceTextError, InputFileError : the text is not a readable UTF-8 file.
    """
    read_source_text(path)  # a regular UTF-8 file of bounded size, or a one-line error
    date = _DATE.fullmatch(pub_date.strip())
    try:
        valid = bool(date) and datetime.date(int(date[1]), int(date[2]), int(date[3] or 1)) is not None
    except ValueError:
        valid = False
    if not valid:
        raise ParameterError(f"--date {pub_date!r}: write a real date as YYYY-MM-DD, or YYYY-MM when only the month "
                             "is known")
    if not title.strip() or not outlet.strip():
        raise ParameterError("--title and --outlet must not be empty")
    if not re.match(r"https?://\S+$", url.strip()):
        raise ParameterError(f"--url {url!r}: give the page's address (http:// or https://)")
    region_code = regions.resolve(region).code if region else ""
    data = Path(path).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    table = pd.read_csv(sources, dtype=str, keep_default_na=False) if Path(sources).exists() else \
        pd.DataFrame(columns=SOURCE_COLUMNS)
    if list(table.columns) != SOURCE_COLUMNS:
        raise SourceTextError(sources, f"columns must be {SOURCE_COLUMNS}")
    same = table[table["sha256"] == digest]
    if len(same):
        raise SourceExistsError(f"{path}: already registered as {same['source_id'].iloc[0]} ({same['file'].iloc[0]})")
    numbers = [int(m[1]) for m in table["source_id"].map(lambda s: re.fullmatch(r"S(\d+)", s)) if m]
    number = max(numbers, default=-1) + 1
    row = {"source_id": f"S{number:03d}", "file": f"{number:03d}_{digest[:16]}.txt", "title": title.strip(),
           "publisher": outlet.strip(), "pub_date": pub_date.strip(), "pub_date_precision": "day" if date[3] else
           "month", "pub_date_note": date_note.strip(), "url": url.strip(), "sha256": digest,
           "region_context": region_code}
    Path(texts).mkdir(parents=True, exist_ok=True)
    target = Path(texts) / row["file"]
    if not target.exists():
        shutil.copyfile(path, target)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SOURCE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table.to_dict("records") + [row])
    temp = Path(sources).with_name(f".{Path(sources).name}.tmp")
    temp.write_text(buffer.getvalue(), encoding="utf-8")
    os.replace(temp, sources)
    return row
