"""Extraction assistant: candidate figures in a source text, for a curator to check against data/raw/figures.csv.

Curating a 60,000-character report by eye misses figures. This module lists every number-like span with the
words around it (region, indicator, date) so a curator can work through the list; it never writes the raw table
and never decides what a figure means. Locators use the same convention as the raw table: a character offset in
the line-joined text, `text.replace("\\n", "")`.
"""

from __future__ import annotations

import argparse
import bisect
import logging
import re
import stat
import sys
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from swtoolkit.cleaning.numbers import PLAN_NAMES, PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS, ParsedValue, parse_value
from swtoolkit.codebook import codebook
from swtoolkit.errors import InputFileError, SwtoolkitError, UnknownIndicatorError, ValueParseError
from swtoolkit.paths import PACKAGE_DATA, raw_dir
from swtoolkit.regions import ALIAS_TABLE, region_table

log = logging.getLogger(__name__)

KEYWORD_FILE = PACKAGE_DATA / "indicator_keywords.csv"
UNITS_FILE = PACKAGE_DATA / "units.csv"
CANDIDATE_COLUMNS = ["source_id", "locator", "value_as_written", "value", "low", "high", "qualifier", "is_percent",
                     "unit_as_written", "parse_error", "region_words", "indicator_words", "indicator_suggested",
                     "date_phrase", "context", "flags", "skip", "score"]
REGION_WINDOW, KEYWORD_BEFORE, KEYWORD_AFTER, DATE_WINDOW, CONTEXT = 60, 40, 15, 80, 20
# Words that stand for "the region this document is about"; the curator writes the region's name for them.
GENERIC_REGION_WORDS = ("全国", "全省", "全市", "全州", "全县", "全区", "我省", "我市", "我州", "我县", "我区")
_REGION_SUFFIXES = "州市县区盟"  # 大理州, 红河州: a short name plus a suffix, as documents write them
# Unit words after a number, longest first when matching. Date-like and page-like ones are there so they get flagged.
UNIT_WORDS = ("个百分点", "个月", "平方米", "人次", "户次", "场次", "小时", "周年", "年度", "人", "名", "位",
              "个", "家", "所", "期", "场", "次", "户", "项", "支", "件", "份", "篇", "条", "节", "套", "包", "只",
              "台", "辆", "间", "张", "天", "元", "倍", "成", "%", "％", "‰", "岁", "年", "月", "日", "号", "版",
              "县", "市", "区")
_UNIT_SYNONYMS = {"名": ("人",), "位": ("人",), "人次": ("人次", "次", "人"), "户次": ("户", "次"),
                  "场次": ("场", "次"), "节": ("次",), "平方": ("平方米",)}
_INNER_WORDS = ("余", "多")  # suffix qualifiers that sit before the unit (1100多万元); parse_value reads them there
_DATE_UNITS = {"年": "year", "年度": "year", "月": "date", "日": "date", "号": "date", "周年": "anniversary",
               "岁": "age", "个月": "duration", "版": "page_marker"}
HARD_FLAGS = {"year", "date", "duration", "anniversary", "age", "doc_number", "page_marker", "plan_name", "ordinal",
              "code", "list_number", "repeat"}  # not new figures: dropped from the CLI output unless --keep-flagged
_PERCENT_UNITS = {"%", "％", "成", "个百分点"}

_SP = r"[ \u3000\t]*"
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_UNIT = rf"平方{_SP}米|{_alternation(UNIT_WORDS + ('平方',))}"
_INNER = _alternation(_INNER_WORDS)
_NUM_A = (rf"(?<![0-9.,])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:{_SP}(?:{_INNER}))?(?:{_SP}[万亿千])?"
          rf"(?:{_SP}(?:{_INNER}))?")
_NUM_C = rf"(?<![{_CN_CHARS}])[{_CN_CHARS}]+(?:{_INNER})?"
_NUM = rf"(?:{_NUM_A}|{_NUM_C})"
FIGURE_RE = re.compile(
    rf"(?P<full>全覆盖)"
    rf"|(?:(?P<pre>{_alternation(PREFIX_QUALIFIERS)}){_SP})?(?P<n1>{_NUM})"
    rf"(?:(?:{_SP}(?P<u1>{_UNIT}))?{_SP}(?:—|－|-|~|～|至|到){_SP}(?P<n2>{_NUM}))?"
    rf"(?:{_SP}(?P<unit>{_UNIT}))?"
    rf"(?:{_SP}(?P<trail>{_alternation(w for w in SUFFIX_QUALIFIERS if w not in _INNER_WORDS)}))?"
)
DOC_NUMBER_RE = re.compile(r"[〔\[［]\s*\d{4}\s*[〕\]］]\s*(?:\d+\s*)?号?")
PAGE_MARKER_RE = re.compile(r"[-－—]\s+\d{1,3}\s+[-－—]")
_MONTH = r"\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:\s*(?:底|末|初|份|中旬|上旬|下旬))?"
DATE_RE = re.compile(
    r"(?:(?:截至|截止到?|到|自|从)\s*)?(?:"
    rf"(?:\d{{4}}\s*年|今年|去年|明年)(?:\s*(?:上半年|下半年|年底|年初|年末|底|末|初|度))?(?:\s*{_MONTH})?"
    r"(?:\s*(?:以来|至今|前))?"
    r"|目前(?:为止)?|现有|年底|近年来|近\s*\d+\s*年来?|[一两三四五]年来"
    r"|“?十[三四五]五”?(?:期间|末期?|时期)"
    rf"|{_MONTH}(?:以来|至今|前)?)"
)
_SENTENCE_END = re.compile(r"[。！？]")
_CLAUSE = re.compile(r"[，；：、,;]")


#: A source text larger than this is refused: a 60,000-character report is about 180 KB, and /dev/zero never ends.
MAX_SOURCE_BYTES = 16 * 1024 * 1024


class SourceTextError(SwtoolkitError):
    """A source text (or a table the command needs) cannot be used: not UTF-8, too large, wrong columns; names
    the file. (A file that cannot be opened at all is an InputFileError.)"""

    def __init__(self, file: str | Path, reason: str):
        self.file, self.reason = str(file), reason
        super().__init__(f"{file}: {reason}")


class _Spans:
    """Non-overlapping spans (one regex's matches, in text order) with the spans overlapping a range found by
    bisection, so flagging every candidate stays linear in the text (a scan of every span per candidate took
    56 s on 240 KB of document numbers)."""

    def __init__(self, name: str, matches: Iterable[re.Match]):
        self.name = name
        spans = [(m.start(), m.end()) for m in matches]
        self.starts, self.ends = [s for s, _ in spans], [e for _, e in spans]

    def overlap(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.ends, start)  # the first span ending after `start`
        return i < len(self.starts) and self.starts[i] < end


# ---------------------------------------------------------------------------------------------------------------
# Lexicons: region words and indicator words, found by one leftmost-longest scan of the text.
# ---------------------------------------------------------------------------------------------------------------
class _Lexicon:
    """Exact words found leftmost-longest; a dict of first characters keeps the scan linear in the text length."""

    def __init__(self, words: Iterable[str]):
        self.words = {w for w in words if w}
        self.lengths: dict[str, list[int]] = {}
        for w in self.words:
            self.lengths.setdefault(w[0], []).append(len(w))
        for ch in self.lengths:
            self.lengths[ch] = sorted(set(self.lengths[ch]), reverse=True)

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        hits, i, n = [], 0, len(text)
        while i < n:
            for length in self.lengths.get(text[i], ()):
                word = text[i:i + length]
                if word in self.words:
                    hits.append((i, i + length, word))
                    i += length
                    break
            else:
                i += 1
        return hits


@lru_cache(maxsize=1)
def _region_lexicon() -> tuple[_Lexicon, frozenset[str], dict[str, frozenset[str]]]:
    """Region names from the region table: (lexicon, words always accepted, short name → its full names)."""
    table = region_table()
    aliases = pd.read_csv(ALIAS_TABLE, dtype=str, keep_default_na=False)["alias"]
    always = set(GENERIC_REGION_WORDS) | {a for a in aliases if len(a) >= 2}
    always |= set(table.loc[table["level"].isin(["country", "province"]), ["name_zh", "short_zh"]].stack())
    always |= {n for n in table["name_zh"] if len(n) >= 3}
    full_of: dict[str, set[str]] = {}
    for name, short in zip(table["name_zh"], table["short_zh"], strict=True):
        if short and short != name and len(short) >= 2:
            full_of.setdefault(short, set()).add(name)
    words = always | set(full_of) | set(table["name_zh"])
    return _Lexicon(words), frozenset(always), {k: frozenset(v) for k, v in full_of.items()}


def find_region_words(text: str) -> list[tuple[int, int, str]]:
    """Region words in a text, as (start, end, word as written).

    A short name that is also a common word (资源, 合作, 振兴 are counties) counts only when the document also
    writes it in full or with a suffix (西山 counts where 西山区 appears); 大理 followed by 州 is read as 大理州.
    """
    lexicon, always, full_of = _region_lexicon()
    out, accepted = [], {}
    for start, end, word in lexicon.scan(text):
        if word in always:
            out.append((start, end, word))
            continue
        if end < len(text) and text[end] in _REGION_SUFFIXES and word in full_of:
            out.append((start, end + 1, word + text[end]))
            continue
        if word not in accepted:
            fulls = {f for f in full_of.get(word, ()) if len(f) >= 3}
            accepted[word] = any(f in text for f in fulls) or any(word + s in text for s in _REGION_SUFFIXES)
        if accepted[word]:
            out.append((start, end, word))
    return out


@lru_cache(maxsize=1)
def indicator_lexicon() -> tuple[_Lexicon, dict[str, tuple[str, ...]]]:
    """Indicator words: codebook name_zh (also without its bracketed part) and the keyword file, → codebook keys."""
    book = codebook()
    keys_of: dict[str, list[str]] = {}
    keywords = pd.read_csv(KEYWORD_FILE, dtype=str, keep_default_na=False)
    unknown = sorted(set(keywords["key"]) - set(book.index))
    if unknown:
        raise UnknownIndicatorError(f"{KEYWORD_FILE.name}: keys not in the codebook: {', '.join(unknown)}")
    for word, key in zip(keywords["keyword"], keywords["key"], strict=True):
        keys_of.setdefault(word, []).append(key)
    for key, name in book["name_zh"].items():
        for term in {name, re.sub(r"（[^）]*）", "", name)}:
            if len(term) >= 2 and key not in keys_of.setdefault(term, []):
                keys_of[term].append(key)
    return _Lexicon(keys_of), {w: tuple(k) for w, k in keys_of.items()}


@lru_cache(maxsize=1)
def _codebook_units_by_word() -> dict[str, frozenset[str]]:
    """Unit word (人, 个, 元 …) → codebook units it can measure, from units.csv (人/站 counts as 人)."""
    units = pd.read_csv(UNITS_FILE, dtype=str, keep_default_na=False)
    by_word: dict[str, set[str]] = {}
    for unit, zh in zip(units["unit"], units["zh"], strict=True):
        for token in re.split(r"[（）]", zh.split("/")[0]):
            if token:
                by_word.setdefault(token, set()).add(unit)
    return {w: frozenset(u) for w, u in by_word.items()}


def compatible_units(unit_as_written: str, is_percent: bool) -> frozenset[str] | None:
    """Codebook units a figure with this unit can have; None when the figure gives no unit (no filter)."""
    if is_percent or unit_as_written in _PERCENT_UNITS:
        return frozenset({"percent"})
    if not unit_as_written:
        return None
    unit = re.sub(r"\s+", "", unit_as_written)
    by_word = _codebook_units_by_word()
    found: set[str] = set()
    for word in (unit, *_UNIT_SYNONYMS.get(unit, ())):
        found |= by_word.get(word, set())
    return frozenset(found)


# ---------------------------------------------------------------------------------------------------------------
# Candidates
# ---------------------------------------------------------------------------------------------------------------
@lru_cache(maxsize=8192)
def _parse(written: str) -> tuple[ParsedValue | None, str]:
    try:
        return parse_value(written), ""
    except ValueParseError as exc:
        return None, str(exc)


def _flags(joined: str, m: re.Match, unit: str, spans: list[_Spans]) -> list[str]:
    """Why a match is probably not a figure (hard flags) or a weak one (soft flags)."""
    start, end, n1 = m.start(), m.end(), m["n1"] or ""
    flags = [found.name for found in spans if found.overlap(start, end)]
    if m["full"]:
        return flags
    arabic = bool(re.match(r"\d", n1))
    year_like = arabic and re.fullmatch(r"(19|20)\d\d", n1) is not None
    if unit.strip() in _DATE_UNITS:
        kind = _DATE_UNITS[unit.strip()]
        flags.append("year" if kind == "year" and year_like else "duration" if kind == "year" else kind)
    elif year_like and not unit:
        flags.append("year")
    if PLAN_NAMES.match(n1):
        flags.append("plan_name")
    if start > 0 and joined[start - 1] == "第":
        flags.append("ordinal")
    if re.match(r"[A-Za-z]", joined[end:end + 1]) or (start > 0 and re.match(r"[A-Za-z]", joined[start - 1])):
        flags.append("code")
    if not unit and not re.search(r"[万亿%]", m.group()):
        after, before = joined[end:end + 2].lstrip()[:1], joined[max(0, start - 1):start]
        if re.fullmatch(r"\d+", n1) and ((after and after in ".．、)）") or (before and before in "(（")):
            flags.append("list_number")  # 1.张三, 2、, （3）
        elif after in ("底", "末"):
            flags.append("date")  # 2022年 6底: a month with the 月 left out
        flags.append("no_unit")
    if re.search(r"[+＋]", joined[max(0, start - 1):start] + joined[end:end + 1]):
        flags.append("slogan")
    left = joined.rfind("“", max(0, start - 12), start)
    if left != -1 and "”" not in joined[left:start] and joined.find("”", end, end + 12) != -1:
        flags.append("quoted")
    if n1 == "一":
        flags.append("chinese_one")
    return sorted(set(flags), key=flags.index)


def _before(hits: list[tuple[int, int, str]], starts: list[int], lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Hits lying inside [lo, hi), nearest to hi first."""
    i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
    return sorted((h for h in hits[i:j] if h[1] <= hi), key=lambda h: hi - h[1])


def _unique(words: Iterable[str]) -> str:
    return ";".join(dict.fromkeys(words))


def _score(arabic: bool, unit: str, written: str, flags: list[str], parse_error: str, suggested: str,
           indicators: str, regions: str, date: str) -> int:
    """A rough rank for the curator's list (higher = more likely a figure to record); it decides nothing."""
    score = (2 if arabic else 0) + (2 if unit or re.search(r"[万亿%]|全覆盖", written) else 0)
    score += (2 if suggested else 1 if indicators else 0) + bool(regions) + bool(date)
    score -= 10 * any(f in HARD_FLAGS for f in flags) + 2 * sum(f not in HARD_FLAGS for f in flags)
    return score - (2 if parse_error else 0)


def find_candidates(text: str, source_id: str = "") -> pd.DataFrame:
    """Every number-like span of a text, with nearby region, indicator and date words, for a curator to check.

    Parameters
    ----------
    text : the document as read (line breaks included); it is joined with ``text.replace("\\n", "")`` first.
    source_id : copied into every row.

    Returns
    -------
    DataFrame with CANDIDATE_COLUMNS, in text order: ``locator`` (offset in the joined text) and
    ``value_as_written`` with ``joined[locator:locator + len(value_as_written)] == value_as_written``; ``value``,
    ``low``, ``high``, ``qualifier``, ``is_percent`` from ``parse_value`` (empty, with ``parse_error``, when it
    cannot read the span); ``unit_as_written`` (the unit word after the number and any 万/亿, as written);
    ``region_words`` (within 60 characters before, nearest first, ``;``-separated); ``indicator_words`` (40
    before to 15 after, within the sentence, nearest first); ``indicator_suggested`` (the nearest indicator word
    whose codebook unit fits the figure's unit, else empty); ``date_phrase`` (nearest date phrase before it in the
    sentence); ``context`` (20 characters each side); ``flags`` (``;``-separated: year, date, doc_number,
    page_marker, plan_name … mark non-figures, with ``skip`` True; no_unit, quoted, slogan, chinese_one only lower
    ``score``); ``score`` (a rough rank).
    """
    joined = text.replace("\n", "")
    spans = [_Spans("doc_number", DOC_NUMBER_RE.finditer(joined)),
             _Spans("page_marker", PAGE_MARKER_RE.finditer(joined))]
    regions = find_region_words(joined)
    region_starts = [h[0] for h in regions]
    lexicon, keys_of = indicator_lexicon()
    book_units = codebook()["unit"]
    indicators = lexicon.scan(joined)
    indicator_starts = [h[0] for h in indicators]
    dates = [(m.start(), m.end(), m.group()) for m in DATE_RE.finditer(joined) if re.search(r"\S", m.group())]
    date_starts = [h[0] for h in dates]
    sentence_ends = [m.start() for m in _SENTENCE_END.finditer(joined)]

    rows = []
    for m in FIGURE_RE.finditer(joined):
        n1, unit = m["n1"] or "", m["unit"] or m["u1"] or ""
        chinese = bool(n1) and not re.search(r"\d", n1)
        if chinese and not unit and not PLAN_NAMES.match(n1):
            continue  # a Chinese numeral needs a unit to be a figure (一是, 统一 are not)
        loc, end, written = m.start(), m.end(), m.group()
        parsed, error = _parse(written)
        k = bisect.bisect_left(sentence_ends, loc)
        sentence_start = sentence_ends[k - 1] + 1 if k else 0
        sentence_end = sentence_ends[k] if k < len(sentence_ends) else len(joined)
        near_regions = _before(regions, region_starts, loc - REGION_WINDOW, loc)
        near_words = []
        for s, e, word in indicators[bisect.bisect_left(indicator_starts, max(sentence_start, loc - KEYWORD_BEFORE)):]:
            if s >= min(end + KEYWORD_AFTER, sentence_end):
                break
            gap = joined[e:loc] if e <= loc else joined[end:s] if s >= end else ""
            near_words.append((max(loc - e, s - end, 0) + 20 * len(_CLAUSE.findall(gap)), word))
        near_words.sort(key=lambda pair: pair[0])
        is_percent = parsed.is_percent if parsed else unit in _PERCENT_UNITS
        fits = compatible_units(unit, is_percent)
        suggested = next((key for _, word in near_words for key in keys_of[word]
                          if fits is None or book_units[key] in fits), "")
        date = _before(dates, date_starts, max(sentence_start, loc - DATE_WINDOW), loc)
        flags = _flags(joined, m, unit, spans)
        row = {"source_id": source_id, "locator": loc, "value_as_written": written,
               "value": parsed.value if parsed else None, "low": parsed.low if parsed else None,
               "high": parsed.high if parsed else None, "qualifier": parsed.qualifier if parsed else "",
               "is_percent": is_percent, "unit_as_written": unit, "parse_error": error,
               "region_words": _unique(w for _, _, w in near_regions),
               "indicator_words": _unique(w for _, w in near_words), "indicator_suggested": suggested,
               "date_phrase": date[0][2].strip() if date else "",
               "context": joined[max(0, loc - CONTEXT):end + CONTEXT], "flags": ";".join(flags),
               "skip": any(f in HARD_FLAGS for f in flags)}
        row["score"] = _score(bool(re.match(r"\d", n1)), unit, written, flags, error, suggested,
                              row["indicator_words"], row["region_words"], row["date_phrase"])
        rows.append(row)
    frame = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
    for column in ("value", "low", "high"):
        frame[column] = frame[column].astype(float)
    return frame.astype({"locator": int, "skip": bool, "is_percent": bool, "score": int})


# ---------------------------------------------------------------------------------------------------------------
# Against the raw table
# ---------------------------------------------------------------------------------------------------------------
def _surroundings(context: str, locator: int, written: str) -> tuple[str, str, str]:
    """(10 characters before, the figure, 10 after), spaces removed: the same passage typeset twice still matches."""
    offset = min(locator, CONTEXT)
    squeeze = re.compile(r"\s+")
    return (squeeze.sub("", context[:offset])[-10:], squeeze.sub("", written),
            squeeze.sub("", context[offset + len(written):])[:10])


def _value_key(written: str) -> object:
    """What makes two figures 'the same value': the parsed interval (2万以上 = 2 万人以上), else the squeezed text."""
    parsed, _ = _parse(written)
    if parsed is None:
        return re.sub(r"\s+", "", written)
    return parsed.value, parsed.low, parsed.high, parsed.is_percent


def uncovered(candidates: pd.DataFrame, raw: pd.DataFrame) -> pd.DataFrame:
    """Candidates that no raw figure of the same source overlaps, with `repeat_of` and `same_value_in_raw`.

    A raw figure covers [locator, locator + len(value_as_written)); a candidate is covered when its span overlaps
    one (so 超 10 万人 in the raw table covers the candidate 10 万人). A passage repeated inside one document is
    recorded once: an uncovered candidate whose surroundings equal those of a covered one gets the covering
    figure ids in `repeat_of` and the hard flag ``repeat``. `same_value_in_raw` is only a hint for the curator:
    raw figures of the same source with the same parsed value (the same fact restated, or a coincidence).
    """
    ids = raw["figure_id"] if "figure_id" in raw else raw["source_id"] + "-" + raw["locator"].astype(str)
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for fid, sid, loc, written in zip(ids, raw["source_id"], raw["locator"], raw["value_as_written"], strict=True):
        spans.setdefault(str(sid), []).append((int(loc), int(loc) + len(str(written)), str(fid)))
    covered_by, recorded = [], {}
    for sid, loc, written, context in zip(candidates["source_id"], candidates["locator"],
                                          candidates["value_as_written"], candidates["context"], strict=True):
        end = loc + len(written)
        hits = " ".join(fid for s, e, fid in spans.get(sid, ()) if s < end and loc < e)
        covered_by.append(hits)
        if hits:
            recorded.setdefault((sid, *_surroundings(context, loc, written)), hits)
    out = candidates.assign(repeat_of=[
        "" if hits else recorded.get((sid, *_surroundings(context, loc, written)), "")
        for hits, sid, loc, written, context in zip(covered_by, candidates["source_id"], candidates["locator"],
                                                    candidates["value_as_written"], candidates["context"],
                                                    strict=True)])
    same_value: dict[tuple[str, object], list[str]] = {}
    for fid, sid, written in zip(ids, raw["source_id"], raw["value_as_written"], strict=True):
        same_value.setdefault((str(sid), _value_key(str(written))), []).append(str(fid))
    out["same_value_in_raw"] = [" ".join(same_value.get((sid, _value_key(w)), [])) if not rep else ""
                                for sid, w, rep in zip(out["source_id"], out["value_as_written"], out["repeat_of"],
                                                       strict=True)]
    out = out[[not hits for hits in covered_by]].copy()
    repeat = out["repeat_of"] != ""
    out.loc[repeat, "flags"] = [";".join(filter(None, (f, "repeat"))) for f in out.loc[repeat, "flags"]]
    out.loc[repeat, "skip"] = True
    return out.reset_index(drop=True)


def read_source_text(path: Path, limit: int = MAX_SOURCE_BYTES) -> str:
    """The text of a source file, as the raw table's locators assume it (UTF-8, universal newlines).

    Only a regular file is read (not a folder, device, pipe or socket: /dev/zero never ends), and at most `limit`
    bytes: a larger file is refused, not cut.
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputFileError(path, "file not found") from None
    except OSError as exc:
        raise InputFileError(path, exc.strerror or "cannot be read") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputFileError(path, "is a directory, not a text file")
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(path, "not a regular file (a device, pipe or socket): give a text file")
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputFileError(path, exc.strerror or "cannot be read") from None
    if len(data) > limit:
        raise SourceTextError(path, f"larger than {limit // (1024 * 1024)} MiB: not one source document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceTextError(path, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                                    "convert it to UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")  # universal newlines, as read_text reads it


def _read_table(path: Path, columns: list[str]) -> pd.DataFrame:
    """A raw CSV table with the columns this command needs, or a one-line error naming the file."""
    from swtoolkit.cleaning.tables import read_text_table

    if not Path(path).is_file():
        raise InputFileError(path, "file not found" if not Path(path).exists() else "not a regular file")
    table = read_text_table(path)
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise SourceTextError(path, f"missing column(s) {', '.join(missing)}")
    return table


def _source_ids(files: list[Path], given: list[str], sources: Path, required: bool) -> list[str]:
    """One source id per file: as given, else the sources.csv row whose `file` is the file's name."""
    ids = [s for value in given for s in value.split(",") if s]
    if ids:
        if len(ids) != len(files):
            raise SourceTextError("--source-id", f"{len(ids)} source id(s) for {len(files)} file(s); give one per file")
        return ids
    if not required and not sources.exists():
        return [""] * len(files)
    table = _read_table(sources, ["source_id", "file"])
    by_file = dict(zip(table["file"], table["source_id"], strict=True))
    out = []
    for path in files:
        if path.name not in by_file and required:
            raise SourceTextError(path, f"no row of {sources} has this file name; pass --source-id")
        out.append(by_file.get(path.name, ""))
    return out


def run_extract(args: argparse.Namespace) -> int:
    """Extract from parsed arguments; SwtoolkitError propagates (the CLI maps it to an exit code)."""
    texts = [read_source_text(path) for path in args.files]
    sources = args.sources or raw_dir() / "sources.csv"
    ids = _source_ids(args.files, args.source_ids, sources, required=args.against is not None)
    frames = [find_candidates(text, sid) for text, sid in zip(texts, ids, strict=True)]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=CANDIDATE_COLUMNS)
    log.info("%d candidate(s) in %d file(s)", len(table), len(args.files))
    if args.against is not None:
        raw = _read_table(args.against, ["source_id", "locator", "value_as_written"])
        bad = [v for v in raw["locator"] if not str(v).isdigit()]
        if bad:
            raise SourceTextError(args.against, f"locator is not a character offset: {bad[0]!r}")
        table = uncovered(table, raw)
        log.info("%d candidate(s) not covered by %s", len(table), args.against)
    if not args.keep_flagged:
        log.info("dropping %d flagged non-figure(s); --keep-flagged keeps them", int(table["skip"].sum()))
        table = table[~table["skip"]]
    if args.out:
        table.to_csv(args.out, index=False, lineterminator="\n", encoding="utf-8", float_format="%.10g")
    else:
        table.to_csv(sys.stdout, index=False, lineterminator="\n", float_format="%.10g")
    return 0
