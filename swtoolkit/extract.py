"""Extraction assistant: candidate figures in a source text, for a curator to check against data/raw/figures.csv.

Curating a 60,000-character report by eye misses figures. This module lists every number-like span with the
words around it (region, indicator, date), a score and the reasons for each flag, so a curator can work through the
list; it never writes the raw table and never decides what a figure means. Locators use the same convention as the
raw table: a character offset in the line-joined text, `text.replace("\\n", "")`.

The text is read in simplified characters (OpenCC, one character for one: swtoolkit.script), so the
grammar of swtoolkit.cleaning.numbers reads 萬, 約, 餘 and 不少於 as 万, 约, 余 and 不少于; every offset and every
``value_as_written`` is taken from the original text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from swtoolkit.cleaning.numbers import PLAN_NAMES, PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS, ParsedValue, parse_value
from swtoolkit.codebook import codebook
from swtoolkit.errors import ValueParseError
from swtoolkit.extract_io import MAX_SOURCE_BYTES, SourceTextError, read_source_text  # noqa: F401 - re-exported
from swtoolkit.extract_lexicons import (  # noqa: F401 - re-exported for callers of this module
    PERCENT_UNITS,
    _Spans,
    compatible_units,
    find_region_words,
    indicator_lexicon,
)
from swtoolkit.script import to_simplified

CANDIDATE_COLUMNS = ["source_id", "locator", "value_as_written", "value", "low", "high", "qualifier", "is_percent",
                     "unit_as_written", "qualifier_as_written", "parse_error", "region_words", "indicator_words",
                     "indicator_suggested", "date_phrase", "context", "flags", "reasons", "skip", "score"]
REGION_WINDOW, KEYWORD_BEFORE, KEYWORD_AFTER, DATE_WINDOW, CONTEXT = 60, 40, 15, 80, 20
# Unit words after a number, longest first when matching. Date-like and page-like ones are there so they get flagged.
UNIT_WORDS = ("个百分点", "个月", "平方米", "人次", "户次", "场次", "小时", "周年", "年度", "人", "名", "位",
              "个", "家", "所", "期", "场", "次", "户", "项", "支", "件", "份", "篇", "条", "节", "套", "包", "只",
              "台", "辆", "间", "张", "天", "元", "倍", "成", "%", "％", "‰", "岁", "年", "月", "日", "号", "版",
              "县", "市", "区", "处", "例", "案", "座")
_INNER_WORDS = ("余", "多")  # suffix qualifiers that sit before the unit (1100多万元); parse_value reads them there
_DATE_UNITS = {"年": "year", "年度": "year", "月": "date", "日": "date", "号": "date", "周年": "anniversary",
               "岁": "age", "个月": "duration", "版": "page_marker"}
#: Why each flag is raised, as the `reasons` column says it. Hard flags mark what is not a new figure (dropped from
#: the default view, listed with --keep-flagged); the others only lower the score.
FLAG_REASONS = {
    "year": "a year, not a count", "date": "part of a date", "duration": "a length of time",
    "anniversary": "an anniversary", "age": "an age", "doc_number": "inside a document number (〔2023〕12号)",
    "page_marker": "a page marker", "plan_name": "a plan name (十四五)", "ordinal": "an ordinal (第3)",
    "code": "part of a code or identifier (letters or many digits)", "list_number": "a list number (1. 2、(3))",
    "repeat": "a passage already recorded elsewhere in the document", "timestamp": "a time of day or a full date",
    "view_counter": "a page's view, like or share counter", "phone": "a telephone, QQ or WeChat number",
    "floor_or_page": "a floor, page or room number", "url": "part of a web or e-mail address",
    "no_unit": "no unit word after the number", "quoted": "inside quotation marks (often a name or slogan)",
    "chinese_one": "the numeral 一 (often a word, not a count)", "footnote_marker": "a footnote marker follows "
    "the number (not a digit of it)", "small_word_numeral": "a small number in words (三个方面)",
    "unparsed": "the grammar cannot read it", "bare_magnitude": "a magnitude word alone (每万人), not a figure",
    "unit_from_list": "the unit is the one closing its list (3、2、1人)",
    "fullwidth_comma": "a full-width comma joins it to three more digits: 3，210 may be 3,210 or two figures",
    "header_unit": "the unit declared for a table column (--header-unit)",
}
#: Flags that explain a reading without lowering the score.
NEUTRAL_FLAGS = {"footnote_marker", "unit_from_list", "header_unit"}
HARD_FLAGS = {"year", "date", "duration", "anniversary", "age", "doc_number", "page_marker", "plan_name", "ordinal",
              "code", "list_number", "repeat", "timestamp", "view_counter", "phone", "floor_or_page", "url",
              "bare_magnitude"}
#: Candidates scoring below this are left out of the default view (--min-score changes it).
DEFAULT_MIN_SCORE = 2

_SP = r"[ \u3000\t]*"
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
_FOOTNOTE = "①-⑳⑴-⒇⒈-⒛¹²³⁰⁴-⁹*※†‡"


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# 区/县/市 are units only when they do not start a longer word (1.4区域, 县域, 市场)
_UNIT = (rf"平方{_SP}米|{_alternation(w for w in UNIT_WORDS + ('平方',) if w not in '区县市')}"
         r"|区(?!域)|县(?!域)|市(?![场民])")
_INNER = _alternation(_INNER_WORDS)
# A digit may follow an ASCII comma or colon (社工站,52个; 人数:52) but not a digit and a comma (1,234 is one number).
_NUM_A = (rf"(?<![0-9.])(?<![0-9],)(?:\d+[万亿](?:\d{{1,4}}[千百十]?)+(?![0-9])"
          rf"|(?:\d{{1,3}}(?:,\d{{3}})+(?![0-9])|\d+)(?:\.\d+)?(?:{_SP}(?:{_INNER}))?(?:{_SP}[万亿千])?"
          rf"(?:{_SP}(?:{_INNER}))?)")
_NUM_C = rf"(?<![{_CN_CHARS}])[{_CN_CHARS}]+(?:[点．.][零〇一二三四五六七八九]+)?(?:{_INNER})?"
_NUM_W = rf"(?:百分之|千分之)(?:[{_CN_CHARS}]+(?:点[零〇一二三四五六七八九]+)?|\d+(?:\.\d+)?)"
_NUM = rf"(?:{_NUM_W}|{_NUM_A}|{_NUM_C})"
FIGURE_RE = re.compile(
    rf"(?P<full>全覆盖)"
    rf"|(?:(?P<pre>{_alternation(PREFIX_QUALIFIERS)}){_SP})?(?P<n1>{_NUM})"
    rf"(?:(?:{_SP}(?P<u1>{_UNIT}))?{_SP}(?:—|－|-|~|～|至|到){_SP}(?P<n2>{_NUM}))?"
    rf"(?P<fn>[{_FOOTNOTE}])?"
    rf"(?:{_SP}(?P<unit>{_UNIT}))?(?P<plus>[+＋](?![0-9]))?"
    rf"(?:{_SP}(?P<trail>{_alternation(w for w in SUFFIX_QUALIFIERS if w not in _INNER_WORDS)}))?"
)
# Non-figures found as spans of their own; a candidate overlapping one gets the span's flag.
NOISE_PATTERNS = {
    "doc_number": r"[〔\[［]\s*\d{4}\s*[〕\]］]\s*(?:\d+\s*)?号?",
    "page_marker": r"[-－—]\s+\d{1,3}\s+[-－—]",
    "timestamp": r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?"
                 r"|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|(?<![0-9])\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?![0-9])",
    "view_counter": r"(?:浏览|阅读|点击|访问|播放|收藏|点赞|评论|转发|分享|人气|热度|关注)(?:量|数|次数|人数)?"
                    r"\s*[:：]?\s*"
                    r"\d[\d,.]*\s*[万wW]?\+?\s*(?:次|人次)?",
    "phone": r"(?:电话|热线|手机|联系方式|传真|QQ|qq|微信|邮编)(?:号码?|群)?\s*[:：]?\s*"
             r"[\d\-—() ]{5,}"
             r"|(?<![0-9])1[3-9]\d{9}(?![0-9])|(?<![0-9])0\d{2,3}-\d{7,8}(?![0-9])",
    "floor_or_page": r"(?<![0-9])\d{1,3}\s*(?:楼|层|室)(?![级次面])|第\s*\d+\s*页|共\s*\d+\s*页"
                     r"|(?<![0-9])\d+\s*/\s*\d+\s*页|(?<![0-9])\d+\s*页(?!面)",
    # a run (of digits, of words) is tried from its start only: from every position inside it the scan was
    # quadratic (30,000 digits or a long line without punctuation: minutes)
    "url": r"https?://[^\s\u4e00-\u9fff]+|www\.[^\s\u4e00-\u9fff]+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+",
}
_NOISE = {name: re.compile(pattern) for name, pattern in NOISE_PATTERNS.items()}
_CN_DIGIT = "〇零一二三四五六七八九"
_CN_DAY = "[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_MONTH = (rf"(?:\d{{1,2}}|十[一二]?|[一二三四五六七八九])\s*月(?:\s*(?:\d{{1,2}}|{_CN_DAY})\s*日)?"
          r"(?:\s*(?:底|末|初|份|中旬|上旬|下旬))?")
DATE_RE = re.compile(
    r"(?:(?:截至|截止到?|到|自|从|于)\s*)?(?:"
    rf"(?:\d{{4}}\s*年|[{_CN_DIGIT}]{{4}}\s*年|今年|去年|明年)(?:\s*(?:上半年|下半年|年底|年初|年末|底|末|初|度))?"
    rf"(?:\s*{_MONTH})?"
    r"(?:\s*(?:以来|至今|前))?"
    r"|目前(?:为止)?|现有|年底|近年来|近\s*\d+\s*年来?|[一两三四五]年来"
    r"|“?十[三四五]五”?(?:期间|末期?|时期)"
    rf"|{_MONTH}(?:以来|至今|前)?)"
)
# A list of numbers whose last one carries the unit for all (20630、14612、2573人; 3、2、1人).
LIST_RE = re.compile(rf"(?<![0-9.,])\d+(?:\.\d+)?(?:{_SP}、{_SP}\d+(?:\.\d+)?)+{_SP}(?P<unit>{_UNIT})")
_LIST_ITEM = re.compile(r"\d+(?:\.\d+)?")
_FULLWIDTH_GROUP = re.compile(r"，\d{3}(?!\d)")
_SENTENCE_END = re.compile(r"[。！？!?]")
_CLAUSE = re.compile(r"[，；：、,;:]")


# ---------------------------------------------------------------------------------------------------------------
# Candidates
# ---------------------------------------------------------------------------------------------------------------
@lru_cache(maxsize=8192)
def _parse(written: str) -> tuple[ParsedValue | None, str]:
    try:
        return parse_value(written), ""
    except ValueParseError as exc:
        return None, str(exc)


def _flags(joined: str, m: re.Match, unit: str, spans: list[_Spans], line_starts: frozenset[int] = frozenset()
           ) -> list[str]:
    """Why a match is probably not a figure (hard flags) or a weak one (soft flags)."""
    start, end, n1 = m.start(), m.end(), m["n1"] or ""
    flags = [found.name for found in spans if found.overlap(start, m.end("n1") if m["n1"] else end)]
    if m["full"]:
        return flags
    arabic = bool(re.match(r"\d", n1))
    year_like = re.fullmatch(r"(19|20)\d\d|[一二][〇零九][〇零一二三四五六七八九]{2}", n1) is not None
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
    elif arabic and not unit and re.fullmatch(r"\d{7,}", n1):
        flags.append("code")
    if m["fn"]:
        flags.append("footnote_marker")
    n1_end = m.end("n1") if m["n1"] else end
    if (arabic and start > 1 and joined[start - 1] == "，" and joined[start - 2].isdigit()
            and re.fullmatch(r"\d{3}", n1)) or (arabic and _FULLWIDTH_GROUP.match(joined, n1_end)):
        flags.append("fullwidth_comma")
    if not unit and not re.search(r"[万亿%％‰+＋]|百分之|千分之", m.group()):
        after, before = joined[end:end + 2].lstrip()[:1], joined[max(0, start - 1):start]
        if re.fullmatch(r"\d+", n1) and ((after and after in ".．、)）】]") or (before and before in "(（【[")):
            flags.append("list_number")  # 1.张三, 2、, （3）, 【1】
        elif start in line_starts:
            flags.append("list_number")  # a bare number opening a line: an outline number (1.1政策背景)
        elif after in ("底", "末"):
            flags.append("date")  # 2022年 6底: a month with the 月 left out
        flags.append("no_unit")
    left = joined.rfind("“", max(0, start - 12), start)
    if left != -1 and "”" not in joined[left:start] and joined.find("”", end, end + 12) != -1:
        flags.append("quoted")
    if re.fullmatch("[百千]?[万亿]|[百千]", n1) and not m["pre"]:
        flags.append("bare_magnitude")
    if n1 == "一":
        flags.append("chinese_one")
    elif not arabic and len(n1) == 1 and n1 in "两二三四五六七八九十" and unit not in PERCENT_UNITS:
        flags.append("small_word_numeral")
    return sorted(set(flags), key=flags.index)


def _before(hits: list[tuple[int, int, str]], starts: list[int], lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Hits lying inside [lo, hi), nearest to hi first."""
    i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
    return sorted((h for h in hits[i:j] if h[1] <= hi), key=lambda h: hi - h[1])


def _unique(words: Iterable[str]) -> str:
    return ";".join(dict.fromkeys(words))


def _score(n1: str, unit: str, written: str, flags: list[str], parse_error: str, suggested: str,
           indicators: str, regions: str, date: str) -> int:
    """A rough rank for the curator's list (higher = more likely a figure to record); it decides nothing.

    +2 digits or a numeral of two characters or more (not 三个); +2 a unit word, 万/亿 or a percent sign (or a
    number in words with its unit); +2 an indicator word that fits
    the unit (+1 one that does not); +1 a region word, +1 a date phrase nearby; −10 a hard flag, −2 each soft flag,
    −2 a span the grammar cannot read.
    """
    scaled = unit or re.search(r"[万亿%％‰+＋]|全覆盖|百分之|千分之", written)
    score = (2 if len(n1) > 1 or n1.isdigit() or not n1 else 0) + (2 if scaled else 0)
    score += (2 if suggested else 1 if indicators else 0) + bool(regions) + bool(date)
    score -= 10 * any(f in HARD_FLAGS for f in flags)
    score -= 2 * sum(f not in HARD_FLAGS and f not in NEUTRAL_FLAGS for f in flags)
    return score - (2 if parse_error else 0)


def _line_starts(text: str) -> frozenset[int]:
    """Offsets in the joined text where a line of the original begins (after spaces and a bracket or ◎)."""
    starts, offset = set(), 0
    for line in text.split("\n"):
        lead = len(line) - len(line.lstrip(" \u3000\t(（【[◎●·-"))
        starts.add(offset + lead)
        offset += len(line)
    return frozenset(starts)


def _figures(joined: str):
    """FIGURE_RE's matches in text order, with a "range" whose two ends have different units (破9成至87%) read as
    two figures: the first end alone, then the matching goes on from the second."""
    pos = 0
    while True:
        m = FIGURE_RE.search(joined, pos)
        if m is None:
            return
        if m["n2"] and m["u1"] and m["unit"] and m["unit"] != m["u1"]:
            first = FIGURE_RE.match(joined, m.start(), m.end("u1"))
            if first is not None:
                yield first
                pos = m.start("n2")
                continue
        yield m
        pos = max(m.end(), pos + 1)


def find_candidates(text: str, source_id: str = "", header_unit: str = "") -> pd.DataFrame:
    """Every number-like span of a text, with nearby region, indicator and date words, for a curator to check.

    Parameters
    ----------
    text : the document as read (line breaks included); it is joined with ``text.replace("\\n", "")`` first and
        read in simplified characters (same length: offsets are offsets into the original).
    source_id : copied into every row.
    header_unit : a unit declared for numbers written without one (a table whose header says 单位：万人): such a
        number is read as if the unit followed it, and flagged ``header_unit``.

    Returns
    -------
    DataFrame with CANDIDATE_COLUMNS, in text order: ``locator`` (offset in the joined text) and
    ``value_as_written`` with ``joined[locator:locator + len(value_as_written)] == value_as_written`` (the
    original characters); ``value``, ``low``, ``high``, ``qualifier``, ``is_percent`` from ``parse_value`` (empty,
    with ``parse_error``, when it cannot read the span); ``unit_as_written`` (the unit word after the number and
    any 万/亿); ``qualifier_as_written`` (a qualifier word after a footnote marker: 3,210①人以上); ``region_words``
    (within 60 characters before, nearest first, ``;``-separated); ``indicator_words`` (40 before to 15 after,
    within the sentence, nearest first); ``indicator_suggested`` (the nearest indicator word whose codebook unit
    fits the figure's unit); ``date_phrase`` (nearest date phrase before it in the sentence); ``context`` (20
    characters each side); ``flags`` and ``reasons`` (``;``-separated, FLAG_REASONS); ``skip`` (a hard flag);
    ``score`` (see _score).
    """
    original = text.replace("\n", "")
    joined = to_simplified(original)
    line_starts = _line_starts(text)
    spans = [_Spans(name, pattern.finditer(joined)) for name, pattern in _NOISE.items()]
    regions = find_region_words(joined)
    region_starts = [h[0] for h in regions]
    lexicon, keys_of = indicator_lexicon()
    book_units = codebook()["unit"]
    indicators = lexicon.scan(joined)
    indicator_starts = [h[0] for h in indicators]
    dates = [(m.start(), m.end(), original[m.start():m.end()]) for m in DATE_RE.finditer(joined)
             if re.search(r"\S", m.group())]
    date_starts = [h[0] for h in dates]
    sentence_ends = [m.start() for m in _SENTENCE_END.finditer(joined)]

    list_units = {}
    for found in LIST_RE.finditer(joined):
        for item in _LIST_ITEM.finditer(joined, found.start(), found.start("unit")):
            list_units[item.start()] = found["unit"]
    rows = []
    for m in _figures(joined):
        n1, unit = m["n1"] or "", m["unit"] or m["u1"] or ""
        if not unit and not m["full"] and m.start() in list_units and m.group() == n1:
            unit = list_units[m.start()]
        chinese = bool(n1) and not re.search(r"\d", n1) and not n1.startswith(("百分之", "千分之"))
        if chinese and not unit and not PLAN_NAMES.match(n1) and not re.search("[万亿]", n1):
            continue  # a Chinese numeral needs a unit to be a figure (一是, 统一 are not)
        loc, end = m.start(), m.end()
        if m["fn"]:  # 3,210①人: the marker is not a digit; the figure is what stands before it
            written = original[loc:m.start("fn")]
            parsed, error = _parse(joined[loc:m.start("fn")] + joined[m.end("fn"):end])
            qualifier_word = m["trail"] or ""
            if qualifier_word:
                parsed, error = _parse(joined[loc:m.start("fn")] + joined[m.end("fn"):m.start("trail")])
        else:
            written, qualifier_word = original[loc:end], ""
            parsed, error = _parse(joined[loc:end])
        flags = _flags(joined, m, unit, spans, line_starts)
        if unit and not (m["unit"] or m["u1"]):  # the list's unit
            parsed, error = _parse(joined[loc:end] + unit)
            flags.append("unit_from_list")
        if header_unit and not unit and not m["full"] and parsed is not None and not parsed.is_percent:
            parsed, error = _parse(re.sub(r"\s+", "", joined[loc:end]) + header_unit)
            unit = header_unit
            flags.append("header_unit")
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
        is_percent = parsed.is_percent if parsed else unit in PERCENT_UNITS
        fits = compatible_units(unit, is_percent)
        suggested = next((key for _, word in near_words for key in keys_of[word]
                          if fits is None or book_units[key] in fits), "")
        date = _before(dates, date_starts, max(sentence_start, loc - DATE_WINDOW), loc)
        if error and "unparsed" not in flags:
            flags.append("unparsed")
        row = {"source_id": source_id, "locator": loc, "value_as_written": written,
               "value": parsed.value if parsed else None, "low": parsed.low if parsed else None,
               "high": parsed.high if parsed else None, "qualifier": parsed.qualifier if parsed else "",
               "is_percent": is_percent, "unit_as_written": unit, "qualifier_as_written": qualifier_word,
               "parse_error": error, "region_words": _unique(original[s:e] for s, e, _ in near_regions),
               "indicator_words": _unique(w for _, w in near_words), "indicator_suggested": suggested,
               "date_phrase": date[0][2].strip() if date else "",
               "context": original[max(0, loc - CONTEXT):end + CONTEXT], "flags": ";".join(flags),
               "reasons": "; ".join(FLAG_REASONS.get(f, f) for f in flags),
               "skip": any(f in HARD_FLAGS for f in flags)}
        row["score"] = _score(n1, unit, m.group(), [f for f in flags if f != "unparsed"], error, suggested,
                              row["indicator_words"], row["region_words"], row["date_phrase"])
        rows.append(row)
    frame = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
    for column in ("value", "low", "high"):
        frame[column] = frame[column].astype(float)
    return frame.astype({"locator": int, "skip": bool, "is_percent": bool, "score": int})


def ranked(candidates: pd.DataFrame, min_score: int | None = DEFAULT_MIN_SCORE, keep_flagged: bool = False
           ) -> pd.DataFrame:
    """The curator's view: highest score first (then text order), without hard-flagged non-figures unless
    `keep_flagged`, and without candidates scoring below `min_score` (None: keep all)."""
    out = candidates
    if not keep_flagged:
        out = out[~out["skip"]]
    if min_score is not None:  # --keep-flagged lists the flagged ones whatever their score
        out = out[(out["score"] >= min_score) | (out["skip"] & keep_flagged)]
    return out.sort_values(["score", "source_id", "locator"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True)
