"""Word lists for the extraction assistant: region words and indicator words, found by one leftmost-longest scan.

The text given here is already in simplified characters (swtoolkit.script.to_simplified, same length), so
traditional place names (雲南省, 西山區) and indicator words (持證社工) are found at their offsets in the original.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from swtoolkit.codebook import codebook, written_units
from swtoolkit.errors import UnknownIndicatorError
from swtoolkit.paths import PACKAGE_DATA
from swtoolkit.regions import ALIAS_TABLE, region_table

KEYWORD_FILE = PACKAGE_DATA / "indicator_keywords.csv"
# Words that stand for "the region this document is about"; the curator writes the region's name for them.
GENERIC_REGION_WORDS = ("全国", "我国", "全省", "全市", "全州", "全县", "全区", "我省", "我市", "我州", "我县", "我区")
_REGION_SUFFIXES = "州市县区盟"  # 大理州, 红河州: a short name plus a suffix, as documents write them
PERCENT_UNITS = {"%", "％", "‰", "成", "个百分点"}


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


def compatible_units(unit_as_written: str, is_percent: bool) -> frozenset[str] | None:
    """Codebook units a figure with this unit can have; None when the figure gives no unit (no filter).

    The words of each unit come from units.csv (:func:`swtoolkit.codebook.written_units`), the table ``clean``
    checks against: 户 fits households, 人次 person-times (and visits), 人 persons, never one for another.
    """
    if is_percent or unit_as_written in PERCENT_UNITS:
        return frozenset({"percent"})
    if not unit_as_written:
        return None
    unit = re.sub(r"\s+", "", unit_as_written)
    return frozenset(key for key, words in written_units().items() if unit in words)


