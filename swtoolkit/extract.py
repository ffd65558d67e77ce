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

from swtoolkit.cleaning.numbers import (
    APART_QUALIFIERS,
    PLAN_NAMES,
    PREFIX_QUALIFIERS,
    QUALIFIER_LINK,
    SUFFIX_QUALIFIERS,
    ParsedValue,
    apply_separate_qualifier,
    parse_value,
)
from swtoolkit.codebook import codebook
from swtoolkit.errors import AmbiguousValueError, ValueParseError
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
    "header_unit": "the unit of its table column, from the column's header (人数, 百分比, 薪酬(HK$)) or declared "
    "with --header-unit",
    "table_index": "in a table column of ranks, points or codes (序号, 排名, 起薪点), not a count",
    "ambiguous": "two readings (3萬1: 31,000 or 30,001? 約5至8人: are 5 and 8 bounds?): the likelier is shown; "
    "clean refuses the figure as written",
    "unit_shared": "a bare number in a change or sum of one quantity (1.2变2, 1+0.2+0.5): the unit is unstated",
    "share_follows": "its share follows in brackets (355(14.99%)): a count whose unit is not written",
    "qualifier_apart": "a qualifier word stands before the number with a verb between (約為370名, 最少有3名): it is "
    "in qualifier_as_written",
    "article": "一 used as 'a', 'this' or 'each' (是一个, 这一次, 一所小学), not a count (再加一人, 配备一名 are)",
    "text_length": "a length of text (输入5个字, 500字以内), not a count",
    "enumeration": "the number of aspects, steps or parts a text goes through (三个方面, 两个阶段), not a count",
    "currency": "a currency sign or name before the number ($3億, 港币3亿): a sum of money in that currency (元 on a "
    "Hong Kong or Taiwan page is not renminbi); no indicator is suggested",
}
#: Flags that explain a reading without lowering the score.
NEUTRAL_FLAGS = {"footnote_marker", "unit_from_list", "header_unit", "qualifier_apart", "currency", "ambiguous",
                 "unit_shared", "share_follows"}
HARD_FLAGS = {"year", "date", "duration", "anniversary", "age", "doc_number", "page_marker", "plan_name", "ordinal",
              "code", "list_number", "repeat", "timestamp", "view_counter", "phone", "floor_or_page", "url",
              "bare_magnitude", "article", "text_length", "table_index", "enumeration"}
#: Candidates scoring below this are left out of the default view (--min-score changes it).
DEFAULT_MIN_SCORE = 2

_SP = r"[ \u3000\t]*"
_WORDED_SHARES = ("百分之", "千分之", "一半", "半数", "过半")
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
_FOOTNOTE = "①-⑳⑴-⒇⒈-⒛¹²³⁰⁴-⁹*※†‡"


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# 区/县/市 are units only when they do not start a longer word (1.4区域, 县域, 市场)
_UNIT = (rf"平方{_SP}米|{_alternation(w for w in UNIT_WORDS + ('平方',) if w not in '区县市')}"
         r"|区(?!域)|县(?!域)|市(?![场民])")
_INNER = _alternation(_INNER_WORDS)
# A digit may follow an ASCII comma or colon (社工站,52个; 人数:52) but not a digit and a comma (1,234 is one number).
_NUM_A = (rf"(?<![0-9.])(?<![0-9],)(?:\d+[万亿](?:\d{{1,4}}[万千百十]?)+(?![0-9])"
          rf"|(?:\d{{1,3}}(?:,\d{{3}})+(?![0-9])|\d+)(?:\.\d+)?(?:{_SP}(?:{_INNER}))?(?:{_SP}[万亿千])?"
          rf"(?:{_SP}(?:{_INNER}))?)")
_NUM_C = rf"(?<![{_CN_CHARS}])[{_CN_CHARS}]+(?:[点．.][零〇一二三四五六七八九]+)?(?:{_INNER})?"
_NUM_W = (rf"(?:百分之|千分之)(?:[{_CN_CHARS}]+(?:点[零〇一二三四五六七八九]+)?|\d+(?:\.\d+)?)"
          r"|(?<![另其])(?:一半|半数)|过半(?![年月天日])")
_NUM = rf"(?:{_NUM_W}|{_NUM_A}|{_NUM_C})"
# 约 and 近 inside a word are not qualifiers: 节约200元, 签约30家, 最近30天, 附近3个.
_NOT_BEFORE = {"约": "节签预公条制契邀相隐婚和违履践赴誓", "近": "最附亲靠临就邻"}
_PREFIX = "|".join(rf"(?<![{_NOT_BEFORE[w]}]){re.escape(w)}" if w in _NOT_BEFORE else re.escape(w)
                   for w in sorted(PREFIX_QUALIFIERS, key=len, reverse=True))
FIGURE_RE = re.compile(
    rf"(?P<full>(?:基本(?:实现)?)?全覆盖)"
    rf"|(?:(?P<pre>{_PREFIX}){_SP})?(?P<n1>{_NUM})"
    rf"(?:(?:{_SP}(?P<u1>{_UNIT}))?{_SP}(?:—|－|-|~|～|至|到){_SP}(?:(?P<pre2>{_PREFIX}){_SP})?(?P<n2>{_NUM}))?"
    rf"(?P<fn>[{_FOOTNOTE}])?"
    rf"(?:{_SP}(?P<unit>{_UNIT}))?(?P<plus>[+＋](?![0-9]))?"
    rf"(?:{_SP}(?P<trail>{_alternation(w for w in SUFFIX_QUALIFIERS if w not in _INNER_WORDS)}))?"
)
# Non-figures found as spans of their own; a candidate overlapping one gets the span's flag.
NOISE_PATTERNS = {
    "doc_number": r"[〔\[［]\s*\d{4}\s*[〕\]］]\s*(?:\d+\s*)?号?",
    "page_marker": r"[-－—]\s+\d{1,3}\s+[-－—]",
    "timestamp": r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?"
                 r"|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|(?<![0-9])\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?![0-9])"
                 r"|(?<![0-9/])\d{1,2}[/-]\d{1,2}\s+\d{1,2}[:：]\d{2}",  # 10/18 18:41: month/day and a time
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
    "text_length": r"(?<![0-9])\d+\s*个?\s*字(?![母号节])|(?:字数|篇幅)\s*[:：]?\s*\d+",
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
# A qualifier word before the number with a verb between (約為370名, 约需增聘370名, 最少有3名, 至少配备2名): the
# word is the figure's qualifier_as_written (clean applies it with apply_separate_qualifier). Only these words and
# these linking verbs: 约 not inside a word (节约, 签约, 预约), and no other number, sign or clause break between.
_APART_WORD = "|".join(rf"(?<![{_NOT_BEFORE[w]}]){w}" if w in _NOT_BEFORE else w
                       for w in sorted(APART_QUALIFIERS, key=len, reverse=True))
QUALIFIER_APART_RE = re.compile(rf"(?P<word>{_APART_WORD}){QUALIFIER_LINK}[ \u3000]*$")
# A currency sign or name right before a number ($3億, HK$ 3億, 港币3亿, 新台幣2.5億元).
CURRENCY_BEFORE_RE = re.compile(r"(?:(?:HK|NT|US|MOP|RMB)?\s*[$＄¥￥€£]|港币|港元|新台币|台币|人民币|澳门币|美元)"
                                r"[ \u3000]*$")
# 一 with a unit is the article or a demonstrative (是一个, 这一次, 一所小学, 每一名), not a count, unless a verb of
# adding, staffing or lacking comes right before it (再加一人, 配备一名, 缺一人, 只有一名, 共一个).
_COUNTED_ONE = re.compile(r"(?:[加增添补聘招缺减派]|配备|[只仅]有?|共有?|合计|达到?|建成|新建|设立|成立|开设|设有|拥有"
                          r"|选派|培养|培育|评为|获评)[ \u3000]*$")
# A list of numbers whose last one carries the unit for all (20630、14612、2573人; 3、2、1人).
LIST_RE = re.compile(rf"(?<![0-9.,])\d+(?:\.\d+)?(?:{_SP}、{_SP}\d+(?:\.\d+)?)+{_SP}(?P<unit>{_UNIT})")
# 三个方面, 两个阶段: a text's own outline, not a count of anything it reports.
_ENUMERATED = re.compile(r"方面|层面|维度|环节|步骤|阶段|原则|特点|途径|要点|部分")
_LIST_ITEM = re.compile(r"\d+(?:\.\d+)?")
_FULLWIDTH_GROUP = re.compile(r"，\d{3}(?!\d)")
_SENTENCE_END = re.compile(r"[。！？!?]")
_CLAUSE = re.compile(r"[，；：、,;:]")


# ---------------------------------------------------------------------------------------------------------------
# Candidates
# ---------------------------------------------------------------------------------------------------------------
# Bare numbers joined as a change or a sum of one quantity (由1变2, 1.2變2, 1+0.2+0.5+1): each is a figure in a unit
# the text leaves unstated. A sum counts only with a fraction in it (staffing 0.2, 1.2): whole numbers joined by +
# name policy packages (“1+7”文件, 1+N模式).
CHAIN_RE = re.compile(r"(?<![0-9.])(?<![0-9],)\d+(?:\.\d+)?"
                      r"(?:[ \u3000]*(?:变为|变成|变|→|[+＋])[ \u3000]*\d+(?:\.\d+)?)+(?![0-9.%％A-Za-z])(?!,[0-9]{3})")
# A number with its share in brackets right after it (355(14.99%)): a count, whatever unit it lacks.
SHARE_AFTER_RE = re.compile(r"[ \u3000]*[(（][ \u3000]*\d+(?:\.\d+)?[ \u3000]*[%％][ \u3000]*[)）]")
# Tables as pages render them (cells between |): a header row without digits names each column, and a cell that is
# a bare number takes its column's unit. Header words, first match wins: a column of ranks, points or codes
# (None: not a figure), a share, a count of persons, a sum of money.
TABLE_HEADER_UNITS = (
    (re.compile(r"序号|编号|代码|排名|名次|排序|薪点|起薪点|顶薪点|薪级|职级|等级"), None),
    (re.compile(r"百分比|比例|占比|比率|比重|[%％]|率"), "%"),
    (re.compile(r"[(（]\s*(万人|人|名|个|家|元|万元|亿元)\s*[)）]"), "unit"),
    (re.compile(r"人数|人次|名额"), "人"),
    (re.compile(r"[(（]\s*(?:HK|NT|US)?\s*[$＄]\s*[)）]|金额|薪酬|工资|薪金|月薪|经费"), "元"),
)
_TABLE_NUMBER = re.compile(r"\s*[$＄]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*")


def table_column_units(text: str) -> dict[int, str | None]:
    """Offsets (in the line-joined, simplified text) of table cells holding a bare number → the unit its column's
    header gives (``"%"`` for a share, ``None`` for a column of ranks, points or codes). Tables are lines of cells
    separated by ``|``; a row without digits is a header for the rows after it, until a line that is no table row.
    A header one cell shorter than its rows (empty cells at the end left out) lacks the row labels' header: its
    cells name the rows' cells from the second on; any other difference leaves the columns unread.
    """
    out: dict[int, str | None] = {}
    header: list[str] | None = None
    offset = 0
    for line in text.split("\n"):
        cells = line.split("|")
        if len(cells) >= 3 or (len(cells) == 2 and cells[1].strip()):
            if not re.search(r"\d", line):
                header = _trimmed([c.strip() for c in cells])
            elif header is not None:
                shift = len(_trimmed([c.strip() for c in cells])) - len(header)
                pos = offset
                for i, cell in enumerate(cells):
                    number = _TABLE_NUMBER.fullmatch(cell)
                    if number and shift in (0, 1) and 0 <= i - shift < len(header):
                        unit = _header_unit(header[i - shift])
                        if unit != "":
                            out[pos + number.start(1)] = unit
                    pos += len(cell) + 1
        else:
            header = None
        offset += len(line)
    return out


def _trimmed(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells = cells[:-1]
    return cells


def _header_unit(header: str) -> str | None:
    """The unit a column header gives ("" for none, None for a column of ranks, points or codes)."""
    for pattern, unit in TABLE_HEADER_UNITS:
        found = pattern.search(header)
        if found:
            return found[1] if unit == "unit" else unit
    return ""


@lru_cache(maxsize=8192)
def _parse(written: str) -> tuple[ParsedValue | None, str, bool]:
    """(reading, error, ambiguous): a figure with two readings gives the likelier one with its error."""
    try:
        return parse_value(written), "", False
    except AmbiguousValueError as exc:
        return exc.proposal, str(exc), exc.proposal is not None
    except ValueParseError as exc:
        return None, str(exc), False


def _flags(joined: str, m: re.Match, unit: str, spans: list[_Spans], line_starts: frozenset[int] = frozenset(),
           chained: frozenset[int] = frozenset()) -> list[str]:
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
    if (re.match(r"[A-Za-z]", joined[end:end + 1]) and not unit) or (start > 0 and re.match(r"[A-Za-z]",
                                                                                           joined[start - 1])):
        flags.append("code")
    elif arabic and not unit and re.fullmatch(r"\d{7,}", n1):
        flags.append("code")
    elif arabic and not unit and _in_ascii_junk(joined, start, end):
        flags.append("code")  # ]8 B8 Q3: a forum's scrambled anti-copy characters
    if m["fn"]:
        flags.append("footnote_marker")
    n1_end = m.end("n1") if m["n1"] else end
    if (arabic and start > 1 and joined[start - 1] == "，" and joined[start - 2].isdigit()
            and re.fullmatch(r"\d{3}", n1)) or (arabic and _FULLWIDTH_GROUP.match(joined, n1_end)):
        flags.append("fullwidth_comma")
    if not unit and not re.search(r"[万亿%％‰+＋]|百分之|千分之|一半|半数|过半", m.group()):
        after, before = joined[end:end + 2].lstrip()[:1], joined[max(0, start - 1):start]
        if re.fullmatch(r"\d+", n1) and ((after and after in ".．、)）】]") or (before and before in "(（【[")):
            flags.append("list_number")  # 1.张三, 2、, （3）, 【1】
        elif start in line_starts:
            flags.append("list_number")  # a bare number opening a line: an outline number (1.1政策背景)
        elif after in ("底", "末"):
            flags.append("date")  # 2022年 6底: a month with the 月 left out
        if start in chained:
            flags.append("unit_shared")  # 1.2变2, 1+0.2+0.5: one quantity, its unit unstated
        elif arabic and SHARE_AFTER_RE.match(joined, end):
            flags.append("share_follows")  # 355(14.99%): a count with its share
        else:
            flags.append("no_unit")
    left = joined.rfind("“", max(0, start - 12), start)
    if left != -1 and "”" not in joined[left:start] and joined.find("”", end, end + 12) != -1:
        flags.append("quoted")
    if re.fullmatch("[百千]?[万亿]|[百千]", n1) and not m["pre"]:
        flags.append("bare_magnitude")
    if unit == "个" and _ENUMERATED.match(joined, end):
        flags.append("enumeration")
    if n1 == "一":
        flags.append("chinese_one")
        if unit and not m["pre"] and not _COUNTED_ONE.search(joined, max(0, start - 3), start):
            flags.append("article")
    elif not arabic and len(n1) == 1 and n1 in "两二三四五六七八九十" and unit not in PERCENT_UNITS:
        flags.append("small_word_numeral")
    return sorted(set(flags), key=flags.index)


def _in_ascii_junk(joined: str, start: int, end: int) -> bool:
    """A bare number inside a run of Latin letters and signs with no Chinese character near (Q5 d/ N# ?! H%): two
    letters or more within six characters either side, and no ideograph there."""
    near = joined[max(0, start - 6):start] + joined[end:end + 6]
    return len(re.findall(r"[A-Za-z]", near)) >= 2 and not re.search(r"[\u3400-\u9fff]", near)


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
    scaled = unit or re.search(r"[万亿%％‰+＋]|全覆盖|百分之|千分之|一半|半数|过半", written)
    score = (2 if len(n1) > 1 or n1.isdigit() or not n1 else 0) + (2 if scaled else 0)
    score += (2 if suggested else 1 if indicators else 0) + bool(regions) + bool(date)
    score -= 10 * any(f in HARD_FLAGS for f in flags)
    score -= 2 * sum(f not in HARD_FLAGS and f not in NEUTRAL_FLAGS for f in flags)
    return score - (2 if parse_error else 0)


def _line_starts(text: str) -> frozenset[int]:
    """Offsets in the joined text where a line of the original begins (after spaces and a bracket or ◎)."""
    starts, offset = set(), 0
    for line in text.split("\n"):
        lead = len(line) - len(line.lstrip(" \u3000\t(（【[◎●·-/"))
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
    any 万/亿); ``qualifier_as_written`` (a qualifier word after a footnote marker: 3,210①人以上, or before the
    number with a verb between: 約為370名, read into ``qualifier``); ``region_words``
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

    chained = frozenset(item.start() for chain in CHAIN_RE.finditer(joined)
                        if "." in chain.group() or not re.search(r"[+＋]", chain.group())
                        for item in _LIST_ITEM.finditer(joined, chain.start(), chain.end()))
    column_units = table_column_units(to_simplified(text))
    list_units = {}
    for found in LIST_RE.finditer(joined):
        for item in _LIST_ITEM.finditer(joined, found.start(), found.start("unit")):
            list_units[item.start()] = found["unit"]
    rows = []
    for m in _figures(joined):
        n1, unit = m["n1"] or "", m["unit"] or m["u1"] or ""
        if not unit and not m["full"] and m.start() in list_units and m.group() == n1:
            unit = list_units[m.start()]
        chinese = bool(n1) and not re.search(r"\d", n1) and not n1.startswith(_WORDED_SHARES)
        if chinese and not unit and not PLAN_NAMES.match(n1) and not re.search("[万亿]", n1):
            continue  # a Chinese numeral needs a unit to be a figure (一是, 统一 are not)
        loc, end = m.start(), m.end()
        if m["fn"]:  # 3,210①人: the marker is not a digit; the figure is what stands before it
            written = original[loc:m.start("fn")]
            parsed, error, ambiguous = _parse(joined[loc:m.start("fn")] + joined[m.end("fn"):end])
            qualifier_word = m["trail"] or ""
            if qualifier_word:
                parsed, error, ambiguous = _parse(joined[loc:m.start("fn")] + joined[m.end("fn"):m.start("trail")])
        else:
            written, qualifier_word = original[loc:end], ""
            parsed, error, ambiguous = _parse(joined[loc:end])
        flags = _flags(joined, m, unit, spans, line_starts, chained)
        if unit and not (m["unit"] or m["u1"]):  # the list's unit
            parsed, error, ambiguous = _parse(joined[loc:end] + unit)
            flags.append("unit_from_list")
        if not m["pre"] and not qualifier_word and parsed is not None and parsed.qualifier == "exact":
            apart = QUALIFIER_APART_RE.search(joined, max(0, loc - 12), loc)
            if apart is not None:
                try:
                    parsed = apply_separate_qualifier(parsed, apart["word"])
                except ValueParseError:
                    pass
                else:
                    qualifier_word = original[apart.start():apart.end("word")]
                    flags.append("qualifier_apart")
        column_unit = column_units.get(loc, "") if loc in column_units else header_unit
        if loc in column_units and column_unit is None:
            flags.append("table_index")
        elif column_unit and not unit and not m["full"] and parsed is not None and not parsed.is_percent:
            parsed, error, ambiguous = _parse(re.sub(r"\s+", "", joined[loc:end]) + column_unit)
            unit = column_unit
            if "no_unit" in flags:
                flags.remove("no_unit")
            flags.append("header_unit")
        if ambiguous:
            flags.append("ambiguous")
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
        currency = None if is_percent else CURRENCY_BEFORE_RE.search(joined, max(0, loc - 8), loc)
        if currency is not None and not (unit.startswith("元") and re.match(r"人民币|RMB|[¥￥]", currency.group())):
            flags.append("currency")  # $3億, 新台幣2.5億元: money in that currency, never persons nor renminbi
            fits = frozenset()
        suggested = next((key for _, word in near_words for key in keys_of[word]
                          if fits is None or book_units[key] in fits), "")
        date = _before(dates, date_starts, max(sentence_start, loc - DATE_WINDOW), loc)
        if error and parsed is None and "unparsed" not in flags:
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
