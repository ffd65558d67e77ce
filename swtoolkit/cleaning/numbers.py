"""Figures as written (1100多万元, 超过 2万人, 600—1000元, 两名, 63.7%, 全覆盖) → value and honest interval.

cn2an reads the numerals (Arabic, Chinese and mixed with 万/亿); this module only splits off qualifiers, units
and ranges around them. A qualifier never invents a bound: 余/多/超过 give a lower end and no upper end.
`parse_value` is the one definition of the grammar; `parse_values` applies it to many strings at once and reads
the common Arabic forms column-wise on the way (the fast path, tested to agree with parse_value).
"""

from __future__ import annotations

import math
import re
import unicodedata
import warnings
from dataclasses import dataclass
from decimal import Decimal

import cn2an
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from swtoolkit.errors import AmbiguousValueError, ValueParseError
from swtoolkit.script import to_simplified, to_simplified_many

# Qualifier words → qualifier code. One place for the vocabulary; order = longest first when matching.
PREFIX_QUALIFIERS = {
    "超过": "more_than", "突破": "more_than", "逾": "more_than", "多于": "more_than", "超": "more_than",
    ">": "more_than",
    "≥": "at_least", "<": "less_than", "≤": "at_most",
    "不少于": "at_least", "至少": "at_least", "不低于": "at_least", "最少": "at_least",
    "不超过": "at_most", "最多": "at_most", "不高于": "at_most",
    "不到": "less_than", "不足": "less_than", "少于": "less_than", "低于": "less_than", "高于": "more_than",
    "将近": "at_most", "接近": "at_most", "近": "at_most",
    "大约": "approx", "约": "approx",
}
#: Qualifier words that may stand apart from their number, with a linking verb between (至少达到6万人, 超过了6000人,
#: 约为370名, 约需增聘370名, 至少配备1名): the word still bounds the number. The same words and QUALIFIER_LINK are
#: used by swtoolkit.extract (a qualifier before a candidate) and by parse_value (a figure written with the verb).
#: A share may name its whole between (约占总数的67%, 约占全省的一半: 占, up to four characters, 的).
APART_QUALIFIERS = ("大约", "超过", "逾", "至少", "最少", "不少于", "不低于", "将近", "接近", "约")
QUALIFIER_LINK = (r"了?(?:为|是|有|达到?|计|共有?|占(?:[\u4e00-\u9fff]{1,4}的)?|需要?)?了?"
                  r"(?:新增|增加|增聘|招聘|聘用|配备|投入|培养|培育|建成|设立|开发|覆盖|服务)?了?")
SUFFIX_QUALIFIERS = {
    "以上": "at_least", "以下": "at_most", "以内": "at_most", "左右": "approx", "上下": "approx",
    "余": "more_than", "多": "more_than",
}
#: Qualifier words that stand apart from a figure only (qualifier_as_written), never touching it: 基本实现全覆盖
#: (basically achieved) is about, not exactly, 100%; 据不完全统计 (by an incomplete count) makes the figure a
#: lower bound.
SEPARATE_QUALIFIERS = {"基本": "approx", "据不完全统计": "at_least", "不完全统计": "at_least"}
#: Words apart from a figure that say what kind of statement it is without changing its interval: 力争 (an aim the
#: plan strives for, softer than a binding target),
#: 初步统计 (a preliminary count) and 原则上 (a rule "in principle", which allows exceptions; review R6b-16).
#: They are kept (clean ``qualifier_as_written``) and shown beside the figure (swtoolkit.labels.HEDGES); a
#: figure's own bound stays.
HEDGE_WORDS = ("力争", "初步统计", "原则上")
#: Hedge words read only where a curator put them in ``qualifier_as_written``, never looked for in a clause: 争取
#: ("strive for") before a target is an aim like 力争, but the word also means "seek" (积极争取福彩公益金, seeking
#: lottery money), so its presence in a clause says nothing about a figure (review refseed).
CURATED_HEDGE_WORDS = ("争取",)
WORD_VALUES = {"全覆盖": 100.0}  # "full coverage" is a coverage of 100 percent
#: 基本全覆盖, 基本实现全覆盖: "basically" full coverage is near 100 percent, not 100: approx (no bound stated).
WORD_VALUE_HEDGE = re.compile(r"^基本(?:实现)?(?=全覆盖$)")
TENTHS = re.compile(r"^([一二两三四五六七八九十]|[0-9.]+)成(.*)$")  # 九成 = 90 percent, 两成 = 20, 八成以上 ≥ 80
#: 一半 / 半数 = half = 50 percent (一半以上: at least 50); 过半 = more than half.
HALF = re.compile(r"^(一半|半数|过半)(.*)$")
# 百分之八十 = 80 percent; 千分之五 = 5 per mille = 0.5 percent (the divisor turns the numeral into percent points).
PER_WORDS = {"百分之": 1.0, "千分之": 0.1}
PER_WORD = re.compile(r"^(百分之|千分之)([零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
                      r"|[0-9.]+)(.*)$")
#: 10万+ (web style): the number or more. Only as the last sign of a figure.
PLUS_SIGNS = "+＋"
#: A footnote marker closing a figure after its unit (3393人①, 63.7%※, 3393人[1]) is dropped; anywhere else (①3393人,
#: 3393①人) it is refused, since NFKC would read ① as the digit 1.
FOOTNOTE_MARK = re.compile(r"(?<=[%‰％\u4e00-\u9fff])(?<![〇零一二两三四五六七八九十百千万亿萬億兩])"
                           r"(?:[①-⑳⑴-⒇⒈-⒛¹²³⁰⁴-⁹*※†‡]|[\[［][0-9]{1,2}[\]］])$")
# 近 and 余 together (近万余人) say "about": neither bound is stated.
CONTRADICTORY = {frozenset({"at_most", "more_than"}): "approx"}
# 十三五, 十四五: five-year plan names, not numbers (九十五 is ninety-five; 十三五 is no numeral at all).
PLAN_NAMES = re.compile(r"^十[一二三四五六七八九]五$")

#: Limits on what one figure can be. Longer text, more digits in a row, or a value at or above MAX_VALUE (ten
#: trillion: more than any count, sum of money or rate in these documents) is refused, not read.
MAX_FIGURE_CHARS = 40
MAX_DIGITS = 15
MAX_VALUE = 1e13
#: A figure is stored as a float64 that holds it exactly: at most MAX_DECIMALS places after the point once 万/亿 are
#: multiplied out, and at most MAX_DIGITS significant digits. A figure written more finely (3393.0000000000001人,
#: 1.00005万 read as 10,000 by cn2an) would be read rounded, at another precision than written, so it is refused.
MAX_DECIMALS = 6
_FIGURE_DIGITS = frozenset("0123456789０１２３４５６７８９〇")
# Checked on the NFKC text (full-width comma and ideographic space are then "," and " "); the fast path of
# parse_values uses the same patterns, so both refuse the same strings.
BAD_SPACE = re.compile(r"[0-9.万亿千百十]\s+[0-9.]")
BAD_COMMA = re.compile(r"(?<![0-9]),|,(?![0-9]{3}(?![0-9]))|[0-9]{4},|\.[0-9]+,")
LEADING_ZERO = re.compile(r"(?<![0-9.])0[0-9]")
#: What a unit as written may hold: Chinese characters, with brackets and a slash (个县(区), 元/站). Anything else
#: (10万+, 5人*, a letter) is not understood, so the figure is refused.
UNIT_CHARS = re.compile(r"[\u4e00-\u9fff()/]*")

_DIGITS = r"[0-9.]+"
_CN = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"
_MAG = r"[万亿千]?"
# Digits and 万 mixed (1万3千, 4万5418, 1万0088, 2亿3000万): a numeral of its own, read whole.
_MIXED = r"[0-9]+[万亿](?:[0-9]{1,4}[千百十万]?)+"
_NUM = rf"(?:{_MIXED}|{_DIGITS}\s*{_MAG}|{_CN})"
_RANGE_SEP = r"(?:—|－|-|~|～|至|到)"
# sorted() is stable: words of equal length keep the order of the tables above.
_PREFIXES_LONGEST_FIRST = sorted(PREFIX_QUALIFIERS, key=len, reverse=True)
# A range: low end, its unit, a separator, a qualifier word on the high end (30%至近50%), high end, unit and suffix.
_RANGE = re.compile(rf"({_NUM})([^\d]*?){_RANGE_SEP}((?:{'|'.join(map(re.escape, _PREFIXES_LONGEST_FIRST))})?)"
                    rf"({_NUM})(.*)")
_SUFFIXES_LONGEST_FIRST = sorted(SUFFIX_QUALIFIERS, key=len, reverse=True)


# ---- Figures written in English ---------------------------------------------------------------------------------
# A figure on a page in English (over 20,000; Nearly 1.89 million; 27.6 percent; 5.11 billion yuan) is read by the
# same grammar as a Chinese one: english_figure rewrites it word for word into the Chinese form with the same
# meaning (超过20000, 近189万, 27.6%, 51.1亿元), and everything after (qualifier, interval, the rounding of 4.4万 and
# 近X, units) is the Chinese grammar's. A million is 100万 and a billion 10亿, so the last written digit keeps its
# place: 1.16 million → 116万 (rounded to the 万 as 116万 is), 1.161 million → 116.1万, 2 million → 200万.
# Anything in Latin letters that this table does not hold is refused with its reason, never read at a guessed scale.
#: English bound words → the Chinese word of the same meaning (PREFIX_QUALIFIERS): over / more than are 超过 (a lower
#: bound), nearly / almost are 近 (just under: an upper bound with 近's rounding), about / around / approximately 约.
EN_QUALIFIERS = {
    "more than": "超过", "over": "超过", "at least": "至少", "less than": "不到", "fewer than": "不到",
    "nearly": "近", "almost": "近", "about": "约", "around": "约", "approximately": "约",
}
#: English scale words → (Chinese magnitude, places the decimal point moves right): 1.16 million = 116万.
EN_SCALES = {"million": ("万", 2), "billion": ("亿", 1)}
#: English unit words → the unit as Chinese writes it (swtoolkit/data/units.csv then checks it fits the indicator).
EN_UNITS = {"yuan": "元"}
_EN_FIGURE = re.compile(
    rf"(?:(?P<word>{'|'.join(sorted(EN_QUALIFIERS, key=len, reverse=True))})\s+)?"
    r"(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<fraction>[0-9]+))?"
    rf"(?:\s*(?P<scale>{'|'.join(EN_SCALES)}))?(?:\s*(?P<percent>percent|per cent))?"
    rf"(?:\s*(?P<unit>{'|'.join(EN_UNITS)}|[\u4e00-\u9fff()/]+))?", re.IGNORECASE)
#: Portuguese figures (mais de 1 milhão, 208 mil) are not read: one page (WN017) of three figures, whose number
#: format reverses English (1,45 milhão is 1.45 million, 4.686 is 4,686) and whose 'mil' (thousand) is the English
#: abbreviation of million; a second word table for three figures would be a second grammar to keep right.
_PORTUGUESE_WORDS = re.compile(r"\b(?:mais|menos|cerca|de|mil|milh[ãa]o|milh[õo]es|bilh[ãa]o|até)\b|[ãõç]",
                               re.IGNORECASE)


def english_figure(text: str) -> str:
    """A figure written in English as the Chinese grammar writes it (over 20,000 → 超过20000, Nearly 1.89 million →
    近189万, 27.6 percent → 27.6%, over 1.3 billion yuan → 超过13亿元); text without Latin letters is returned as it
    is. A unit the curator declared after it (header_unit=人) may follow in Chinese.

    Raises ValueParseError for Latin text not fully understood: a word outside EN_QUALIFIERS, EN_SCALES and EN_UNITS
    (thousand, mil, up to), Portuguese (see _PORTUGUESE_WORDS), or a scaled figure whose fraction ends in 0 (1.50
    million is written to the 10,000, which 150万 would read as rounded to the 100,000)."""
    text = str(text)
    if not re.search("[A-Za-z]", text):
        return text
    plain = re.sub(r"\s+", " ", text.strip())
    if _PORTUGUESE_WORDS.search(plain):
        raise ValueParseError(f"cannot read {text!r} as a figure: written in Portuguese, which the grammar does not "
                              "read (its 'mil' is a thousand but an English abbreviation of a million, and its "
                              "number format reverses the English one); left refused")
    found = _EN_FIGURE.fullmatch(plain)
    if not found:
        words = [w for w in re.findall("[A-Za-z]+", plain)
                 if w.lower() not in {*" ".join(EN_QUALIFIERS).split(), *EN_SCALES, *EN_UNITS, "percent", "per",
                                      "cent"}]
        why = (f"the word(s) {', '.join(map(repr, words))} are not in the English grammar (numbers.EN_QUALIFIERS, "
               "EN_SCALES, EN_UNITS)" if words else "its words are not in the order number, scale, percent, unit")
        raise ValueParseError(f"cannot read {text!r} as a figure: {why}")
    word, whole, fraction, scale, percent, unit = (found[g] or "" for g in
                                                   ("word", "whole", "fraction", "scale", "percent", "unit"))
    whole = whole.replace(",", "")
    magnitude = ""
    if scale:
        magnitude, shift = EN_SCALES[scale.lower()]
        if fraction.endswith("0"):
            raise ValueParseError(f"cannot read {text!r} as a figure: the fraction ends in 0, so it is written to "
                                  f"a finer place than the {magnitude} form keeps; write it as the source's digits")
        fraction = fraction.ljust(shift, "0")
        whole, fraction = (whole + fraction[:shift]).lstrip("0") or "0", fraction[shift:]
    number = whole + (f".{fraction}" if fraction else "")
    return (EN_QUALIFIERS.get(word.lower(), "") + number + magnitude + ("%" if percent else "")
            + EN_UNITS.get(unit.lower(), unit))


@dataclass(frozen=True)
class ParsedValue:
    """A figure read from text. `value` is None for a range (its honest value is the interval)."""

    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit_as_written: str
    is_percent: bool


def _odd_numeral(ch: str) -> bool:
    """A character that stands for a number but is not a digit of a figure: ① ² ½ Ⅻ ٣ (footnote markers,
    superscripts, fractions, Roman and other scripts' numerals). NFKC would turn some of them into digits (①3393人 →
    13393), so they are refused before normalising. ASCII and full-width digits and 〇 are digits of figures."""
    if ch in _FIGURE_DIGITS:
        return False
    return unicodedata.category(ch) in ("Nd", "Nl", "No")


def _normalise(text: str) -> str:
    """NFKC, spaces and thousands separators dropped; refuses what would otherwise be read as a different number.

    Refused: text longer than MAX_FIGURE_CHARS; numeral signs that are not digits (①, ², ½); a space inside the
    digits (12 34人 is not 1234); a comma that is not a thousands separator (1,2人; 1234,567; 1.5,000; any ，).
    """
    text = FOOTNOTE_MARK.sub("", str(text).rstrip())
    if len(text) > MAX_FIGURE_CHARS:
        raise ValueParseError(f"too long to be one figure ({len(text)} characters; at most {MAX_FIGURE_CHARS})")
    odd = next((ch for ch in text if _odd_numeral(ch)), None)
    if odd is not None:
        raise ValueParseError(f"{odd!r} (U+{ord(odd):04X}) is not a digit of a figure: a footnote marker, superscript "
                              "or other numeral sign; write the figure as the source's digits")
    if "，" in text:
        raise ValueParseError("a full-width comma (，) separates clauses, not thousands: one figure or two?")
    text = english_figure(unicodedata.normalize("NFKC", text))  # over 20,000 → 超过20000
    if BAD_SPACE.search(text):
        raise ValueParseError("a space inside the digits: one figure or two?")
    if BAD_COMMA.search(text):
        raise ValueParseError("a comma that is not a thousands separator (1,234): one figure or two?")
    return re.sub(r"\s+", "", text).replace(",", "")


# two or more digits in a row, or one before 万/亿 when digits follow it (一万〇〇八八 = 1万0088)
_CN_DIGIT_RUN = re.compile("[〇零一二三四五六七八九]{2,}|[〇零一二三四五六七八九](?=[万亿][〇零一二三四五六七八九]{2})")
_CN_DIGIT_VALUE = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}


def _cn_digits(text: str) -> str:
    """Chinese numerals written digit by digit (二三五万, 一万〇〇八八, 五四七) in Arabic digits; a run with 十, 百 or
    千 in it (八十五) is a numeral in words and is left to cn2an; a decimal point between numerals is 点."""
    text = re.sub(r"(?<=[零〇一二三四五六七八九十百千])\.(?=[零〇一二三四五六七八九])", "点", text)
    if re.search(r"[十百千]", text):
        return text
    return _CN_DIGIT_RUN.sub(_cn_digit_run, text)


def _cn_digit_run(match: re.Match) -> str:
    run = match.group()
    if len(run) == 2 and not re.search("[〇零]", run) and match.string[match.start() - 1:match.start()] != "点":
        # 三五人, 一二人, 五六万: two numerals side by side are an estimate ("three to five"), not 35 digit by digit
        raise ValueParseError(f"{run!r}: two numerals side by side are an estimate (三五 = three to five), not a "
                              "figure written digit by digit; record the ends apart or the figure as the source "
                              "states it")
    return "".join(_CN_DIGIT_VALUE[c] for c in run)


_ARABIC = re.compile(r"([0-9]+)(?:\.([0-9]+))?([千万亿]?)")
_EXPONENTS = {"": 0, "十": 1, "百": 2, "千": 3, "万": 4, "亿": 8}
# digits closing a numeral after a place word (1万3, 1万3千5, 1亿3000): how many places they fill is not written
_TRAILING_DIGITS = re.compile(r"([十百千万亿])([0-9]+)$")


def _exact_arabic(core: str) -> float | None:
    """Arabic digits with an optional 千/万/亿 (1203.7, 7.93万, 1.00005万) read exactly, in decimal arithmetic
    (cn2an truncates 1.00005万 to 10,000); None for any other numeral. Raises ValueParseError for a figure finer
    than MAX_DECIMALS places or longer than MAX_DIGITS significant digits: float64 would not hold it as written."""
    found = _ARABIC.fullmatch(core)
    if not found:
        return None
    whole, fraction, magnitude = found[1], (found[2] or "").rstrip("0"), found[3]
    places = len(fraction) - _EXPONENTS[magnitude]
    if places > MAX_DECIMALS:
        raise ValueParseError(f"{core!r} is written to {places} decimal places; a figure keeps at most "
                              f"{MAX_DECIMALS} (swtoolkit.cleaning.numbers.MAX_DECIMALS), so it would be read "
                              "rounded: check the digits")
    significant = (whole + fraction).lstrip("0")
    if len(significant) > MAX_DIGITS:
        raise ValueParseError(f"{core!r} has {len(significant)} significant digits; a figure keeps at most "
                              f"{MAX_DIGITS} exactly")
    return float(Decimal(f"{whole}.{fraction or 0}").scaleb(_EXPONENTS[magnitude]))


def _to_number(core: str, lenient: bool = False) -> float:
    """Numeral with optional 万/亿 → float: Arabic digits exactly (_exact_arabic), other numerals via cn2an (its
    'smart' mode reads 一百二十 and 1万3千).

    Refuses a leading zero (0012), more than MAX_DIGITS digits in a row, one digit closing a numeral after a place
    word (1万3, 1亿3, 1万3千5: 13,000 as 两万五 is said, or 10,003?) or more digits than its places (1万35000), 两
    where it is not a numeral (一两 = one or two), and values that are not finite or not below MAX_VALUE: no figure
    of this domain comes near, so such a number is a typing or reading error. 1萬489 (Taiwan) is 10,489.
    One digit after 万 or 亿 (3万1, 2亿5) raises AmbiguousValueError: 31,000 as it is said aloud (三万一), or
    30,001? With ``lenient`` the spoken reading is returned instead (for a proposal, never for clean).
    """
    number = None
    trailing = _TRAILING_DIGITS.search(core)
    if trailing and core[: trailing.start()] and re.search("[0-9]", core[: trailing.start()]):
        place, digits = trailing[1], trailing[2]
        if len(digits) > _EXPONENTS[place]:
            raise ValueParseError(f"not a number: {core!r} ({len(digits)} digits after {place}, which has only "
                                  f"{_EXPONENTS[place]} places below it)")
        if len(digits) == 1 and _EXPONENTS[place] > 1 and place in "万亿" and re.fullmatch(r"[0-9.]+[万亿][0-9]", core):
            head = core[: trailing.start()].rstrip("万亿")
            if lenient and digits != "0":  # the spoken reading, for a proposal only
                return float(round(float(head) * 10 ** _EXPONENTS[place] + int(digits) * 10 ** (_EXPONENTS[place] - 1),
                                   MAX_DECIMALS))
            raise AmbiguousValueError(f"not a number: {core!r} (one digit after {place}: said aloud it is "
                                      f"{head}.{digits}{place}, but written it may mean {head}{place} and {digits}; "
                                      "write the number in full)")
        if len(digits) == 1 and _EXPONENTS[place] > 1:
            raise ValueParseError(f"not a number: {core!r} (one digit after {place}: 1万3 is 13,000 as 两万五 is said, "
                                  "or 10,003? write every place, e.g. 1万3千 or 1万0003)")
        if place in "万亿" and re.fullmatch(r"[0-9]+[万亿][0-9]+", core):
            # 1万0088, 4万5418 and 1萬489 (as Taiwan writes 10,489): the digits after 万 are its lower places
            number = float(int(core[: trailing.start()].rstrip("万亿")) * 10 ** _EXPONENTS[place] + int(digits))
    if re.search("两(?![百千万亿])", core) and core != "两":
        raise ValueParseError(f"not a number: {core!r} (两 counts only before 百, 千, 万 or 亿; 一两 is one or two)")
    if LEADING_ZERO.search(core if number is None else core[: trailing.start()]):  # 1万0088's zero is a place
        raise ValueParseError(f"not a number: {core!r} (a leading zero)")
    if re.search(rf"[0-9]{{{MAX_DIGITS + 1}}}", core):
        raise ValueParseError(f"not a number: {core[:20]!r}… has more than {MAX_DIGITS} digits")
    if number is None:
        exact = _exact_arabic(core)
        number = exact if exact is not None else _cn2an(core)
    # cn2an multiplies in binary floating point (0.3万 → 3000.0000000000005); the figure has at most 6 decimals.
    value = float(round(float(number), MAX_DECIMALS))
    if not math.isfinite(value) or abs(value) >= MAX_VALUE:
        raise ValueParseError(f"{core!r} is too large to be a figure (at least {MAX_VALUE:.0e}; the limit is "
                              "swtoolkit.cleaning.numbers.MAX_VALUE)")
    return value


def _cn2an(core: str) -> float:
    """cn2an's 'smart' reading of a Chinese or mixed numeral; ValueParseError where it fails."""
    places = re.search(r"点([0-9〇零一二三四五六七八九]+)([万亿千]?)", core)
    if places and len(places[1]) - _EXPONENTS[places[2]] > MAX_DECIMALS:
        raise ValueParseError(f"{core!r} is written to more than {MAX_DECIMALS} decimal places; a figure keeps at "
                              f"most {MAX_DECIMALS}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            number = cn2an.cn2an(core, "smart")
        except (ValueError, KeyError, TypeError, IndexError, OverflowError) as exc:
            raise ValueParseError(f"not a number: {core!r}") from exc
    return float(number)


_WRITTEN_FRACTION = re.compile(r"[0-9]\.([0-9]+)\s*(?:[余多]\s*)?([千万亿]?)")  # 3.5余万 is 35,000 and more


def written_as_fraction(written: str) -> bool:
    """True where the figure as written has digits after the point below its magnitude (1.000人, 3393.0人,
    1.23456万人): a count written so is a fraction of its unit, or a thousands point (1.000 = 1,000 in Portuguese
    and German) read at another scale, so a count is refused (swtoolkit.cleaning.rows). 7.93万 and 1.5万 are whole."""
    text = unicodedata.normalize("NFKC", to_simplified(str(written)))
    try:
        text = english_figure(text)  # 1.161 million is 116.1万: whole persons
    except ValueParseError:
        pass  # refused by parse_value with its reason
    return any(len(m[1]) > _EXPONENTS[m[2]] for m in _WRITTEN_FRACTION.finditer(text))


_LINK_BEFORE_NUMBER = re.compile(rf"{QUALIFIER_LINK}(?=[0-9零〇一二两三四五六七八九十百千万亿])")


def _strip_prefix(text: str) -> tuple[str, str | None]:
    """The qualifier word a figure starts with, and the rest; after a word of APART_QUALIFIERS a linking verb
    (至少达到6万人, 超过了6000人) is dropped too when a numeral follows it."""
    for word in _PREFIXES_LONGEST_FIRST:
        if text.startswith(word):
            rest = text[len(word):]
            if word in APART_QUALIFIERS:
                link = _LINK_BEFORE_NUMBER.match(rest)
                rest = rest[link.end():] if link else rest
            return rest, PREFIX_QUALIFIERS[word]
    return text, None


def parse_value(written: str) -> ParsedValue:
    """Read one figure as written.

    Returns
    -------
    ParsedValue with the value in base units (万 and 亿 multiplied out; percentages in percent points),
    the interval [low, high] (None where the source gives no bound) and the unit as written (人, 个, 元 …).
    Traditional characters are read as their simplified forms (2.6萬人 = 2.6万人); numbers in words
    (百分之八十 = 80 percent, 千分之五 = 0.5 percent, 八成以上 = at least 80 percent, 两成 = 20 percent, 一半以上 =
    at least 50 percent, 过半 = more than 50 percent, 九十五, 一三六), digits mixed
    with 万 (1万3千, 1万0088, 1萬489), per mille (5‰ = 0.5 percent), a + after the figure (10万+ and 10万+人 = at least
    100,000) and a footnote marker closing it after its unit (3393人①, 3393人[1]: dropped) are read. Arabic figures
    are read exactly in decimal arithmetic.

    A qualifier may be followed by a linking verb (至少达到6万人, 超过了6000人: APART_QUALIFIERS). A range reads
    each end's word as that end's bound (30%至近50% = 30 to 50 percent: 近 bounds the upper end).

    Raises
    ------
    ValueParseError
        Anything not fully understood: a footnote marker or superscript among the digits, a space or stray comma
        inside them, a unit holding another number or signs, conflicting qualifiers, a plan name (十三五), an
        estimate (三五人, 一两人, 十几人), one digit after a place word (1万3), a figure finer than MAX_DECIMALS places
        or MAX_DIGITS significant digits.
    AmbiguousValueError
        (a ValueParseError) a figure with two readings, with the likelier one as ``proposal``: one digit after
        万/亿 (3万1), a range hedged as a whole (约5至8人, 5至8人左右) or with a word that opens an end (5至8人以上).
    """
    try:
        return _parse_value(written, lenient=False)
    except AmbiguousValueError as exc:
        try:
            exc.proposal = _parse_value(written, lenient=True)
        except ValueParseError:
            exc.proposal = None
        raise


def _parse_value(written: str, lenient: bool) -> ParsedValue:
    """parse_value's grammar; ``lenient`` returns the likelier reading where parse_value raises
    AmbiguousValueError."""
    text = _cn_digits(_normalise(to_simplified(written)))
    if not text:
        raise ValueParseError("empty figure")
    if text in WORD_VALUES:
        v = WORD_VALUES[text]
        return ParsedValue(v, v, v, "exact", "", True)
    hedge = WORD_VALUE_HEDGE.match(text)
    if hedge:
        return ParsedValue(WORD_VALUES[text[hedge.end():]], None, None, "approx", "", True)
    if PLAN_NAMES.match(text.strip("“”\"")):
        raise ValueParseError(f"{written!r} is the name of a plan, not a number")
    text, qualifier = _strip_prefix(text)
    plus = None
    # 10万+ and 10万+人 (the figure or more, then its unit), never 10+万
    closing = re.fullmatch(r"(.*[0-9万亿千百十])[+＋](?![万亿千百十])([^0-9+＋]*)", text)
    if closing:
        text, plus = closing[1] + closing[2], "at_least"
    per = PER_WORD.match(text)
    if per:
        return _percent_figure(written, _to_number(per[2], lenient) * PER_WORDS[per[1]], per[3], qualifier, plus)
    half = HALF.match(text)
    if half:
        return _percent_figure(written, 50.0, half[2], "more_than" if half[1] == "过半" else qualifier, plus)
    tenths = TENTHS.match(text)
    if tenths:
        return _percent_figure(written, _to_number(tenths[1], lenient) * 10, tenths[2], qualifier, plus)

    ranged = _RANGE.fullmatch(text)
    if ranged and plus is None:
        low_core, mid_unit, high_word, high_core, rest = ranged.groups()
        rest_unit, suffix_q = _split_suffix(rest)
        if mid_unit not in ("", "%", "％", rest_unit) or re.search("[成‰]", mid_unit + rest_unit):
            raise ValueParseError(f"cannot read {written!r} as one range: its ends are in different units "
                                  f"({mid_unit!r}, {rest_unit!r}) or in tenths/per mille; record each end apart")
        mag = re.search(r"[万亿千]$", high_core)
        if mag and not re.search(r"[万亿千]$", low_core) and not mid_unit:
            low_core += mag.group()  # 1-2万 means 1万-2万
        low, high = _to_number(low_core, lenient), _to_number(high_core, lenient)
        if low > high:
            raise ValueParseError(f"range {written!r} runs backwards")
        pct = rest_unit.startswith("%") or mid_unit.startswith("%")  # 37%-94%, 37%-94
        unit = rest_unit.lstrip("%") or mid_unit.lstrip("%")
        if not UNIT_CHARS.fullmatch(unit):
            raise ValueParseError(f"cannot read {written!r} as a figure: the unit {unit!r} holds signs that are not "
                                  "a unit")
        high_q = combine_qualifiers(PREFIX_QUALIFIERS.get(high_word), None, suffix_q, written)
        if not lenient:
            _check_range_ends(written, qualifier, high_q)
        return ParsedValue(None, low, high, "range", unit, pct)

    match = re.fullmatch(rf"({_MIXED}|{_DIGITS}|{_CN})(余|多)?({_MAG})(余|多)?(.*)", text)
    if not match or not match.group(1):
        raise ValueParseError(f"cannot read {written!r} as a figure")
    digits, inner_q1, magnitude, inner_q2, rest = match.groups()
    if re.fullmatch(_CN, digits) and magnitude:
        digits, magnitude = digits + magnitude, ""
    if re.fullmatch("[百千]?[万亿]|[百千]", digits):
        if not qualifier:
            raise ValueParseError(f"cannot read {written!r} as a figure: a bare {digits} needs a qualifier (近万)")
        digits = "一" + digits  # 近万 = about one 万
    value = _to_number(digits + magnitude, lenient)
    inner = "more_than" if (inner_q1 or inner_q2) else None
    unit, suffix_q = _split_suffix(rest)
    if re.search(rf"[0-9几]|{_CN}", unit):  # 十几人: ten-odd, an estimate
        raise ValueParseError(f"cannot read {written!r} as one figure: the unit {unit!r} holds another number")
    if not UNIT_CHARS.fullmatch(unit.removeprefix("%").removeprefix("‰")):
        raise ValueParseError(f"cannot read {written!r} as a figure: the unit {unit!r} holds signs that are not a unit")
    if suffix_q and plus:
        raise ValueParseError(f"conflicting qualifiers in {written!r}: a closing + and {suffix_q}")
    qual = combine_qualifiers(qualifier, inner, suffix_q or plus, written)
    is_percent = unit.startswith("%") or unit.startswith("％") or unit.startswith("‰")
    if unit.startswith("‰"):
        value = round(value / 10, 6)  # per mille in percent points
    if is_percent:
        unit = unit[1:]
    low, high = _interval(value, qual)
    return ParsedValue(value, low, high, qual, unit, is_percent)


def _check_range_ends(written: str, low_q: str | None, high_q: str) -> None:
    """A range's ends are its bounds only if each end's word keeps it one: the high end exact or bounded above
    (30%至近50%, 5至不足8人), the low end written bare. 约/左右 on a range hedges both ends; a word before the
    whole range (不少于3-5人, 近5至8人) may bound the range or its low end only, and a word that opens the high
    end (5至8人以上, 5至10余人) leaves it unbounded: such a figure is refused (AmbiguousValueError), since clean
    would otherwise state bounds the source does not give."""
    if "approx" in (low_q, high_q):
        raise AmbiguousValueError(f"cannot read {written!r} as one range: 约/左右 makes both ends approximate, not "
                                  "bounds; record the ends apart with their word, or leave the figure out")
    if low_q is not None or high_q not in ("exact", "at_most", "less_than"):
        raise AmbiguousValueError(f"cannot read {written!r} as one range: its qualifier words leave an end "
                                  f"unclear or unbounded ({low_q or 'none'} before it, {high_q} on the high end)")


def _percent_figure(written: str, value: float, rest: str, prefix: str | None, plus: str | None) -> ParsedValue:
    """A percentage written in words (百分之八十, 八成以上): `rest` may hold only a qualifier word."""
    unit, suffix = _split_suffix(rest)
    if unit:
        raise ValueParseError(f"cannot read {written!r} as a figure: {unit!r} after a percentage in words")
    qual = combine_qualifiers(prefix, None, suffix or plus, written)
    value = float(round(value, 6))
    low, high = _interval(value, qual)
    return ParsedValue(value, low, high, qual, "", True)


def combine_qualifiers(prefix: str | None, inner: str | None, suffix: str | None, written: str) -> str:
    """The one qualifier of a figure from its prefix (超过), inner (余/多) and suffix (以上) words."""
    found = [q for q in (prefix, inner, suffix) if q]
    if frozenset(found) in CONTRADICTORY:
        found = [CONTRADICTORY[frozenset(found)]]
    if len(set(found)) > 1:
        raise ValueParseError(f"conflicting qualifiers in {written!r}: {found}")
    return found[0] if found else "exact"


def _split_suffix(rest: str) -> tuple[str, str | None]:
    """Split '人以上' into unit '人' and qualifier at_least; '余人' into '人' and more_than."""
    for word in _SUFFIXES_LONGEST_FIRST:
        if rest.endswith(word) and not (word in ("余", "多") and rest != word):
            return rest[: -len(word)], SUFFIX_QUALIFIERS[word]
        if rest.startswith(word) and word in ("余", "多"):
            return rest[len(word):], SUFFIX_QUALIFIERS[word]
    return rest, None


def _interval(value: float, qualifier: str) -> tuple[float | None, float | None]:
    """The honest interval: only the bounds the words give."""
    if qualifier == "exact":
        return value, value
    if qualifier in ("at_least", "more_than"):
        return value, None
    if qualifier in ("at_most", "less_than"):
        return None, value
    return None, None  # approx: the source gives no bound


def apply_separate_qualifier(parsed: ParsedValue, word: str) -> ParsedValue:
    """A qualifier written apart from the figure (至少配备 3 名 → 至少; 約為370名 → 約) turns an exact figure into a
    bound. The word may be in traditional characters (約, 不少於). A hedge word (HEDGE_WORDS: 力争, 初步统计,
    原则上; CURATED_HEDGE_WORDS: 争取) leaves
    the figure as it is. Raises ValueParseError for an unknown word or a figure that already carries a qualifier."""
    word = _normalise(to_simplified(word))
    if not word or word in HEDGE_WORDS or word in CURATED_HEDGE_WORDS:
        return parsed
    qualifier = PREFIX_QUALIFIERS.get(word) or SUFFIX_QUALIFIERS.get(word) or SEPARATE_QUALIFIERS.get(word)
    if qualifier is None:
        raise ValueParseError(f"unknown qualifier word {word!r}")
    if parsed.qualifier != "exact":
        raise ValueParseError(f"the figure already carries a qualifier ({parsed.qualifier}); {word!r} is a second")
    low, high = _interval(parsed.value, qualifier)
    return ParsedValue(parsed.value, low, high, qualifier, parsed.unit_as_written, parsed.is_percent)


# ---- Many figures at once ---------------------------------------------------------------------------------------
# The fast path reads the common Arabic forms column-wise: [prefix] digits [余|多] [万|亿|千] [余|多] [%]unit [suffix].
# It takes only text made of characters NFKC leaves alone (ASCII digits . , % space and CJK U+4E00-U+9FFF, where
# \s matches the space alone), of at most MAX_FIGURE_CHARS, without a space inside the digits or a comma that is not
# a thousands separator (BAD_SPACE, BAD_COMMA: what _normalise refuses), so _normalise is just dropping spaces and
# commas. A prefix is one of the CJK words of PREFIX_QUALIFIERS; only one of them can be followed by a digit, the
# one _strip_prefix takes (longest first). The integer has no leading zero. The unit may not hold digits,
# numerals, 余/多, 至/到 or 成, so parse_value's other branches (ranges, 九成, plan names, 全覆盖, a second number)
# cannot apply, and the digits are at most 9 + 6 long, so the arithmetic below is exact; a value at or above
# MAX_VALUE is left to parse_value, which refuses it. What the pattern does not take goes through parse_value
# itself. tests/test_numbers.py checks the two agree.
_FAST_CHARS = "[0-9., %\u4e00-\u9fff]+"
_FAST_PREFIXES = "|".join(w for w in _PREFIXES_LONGEST_FIRST if re.fullmatch("[\u4e00-\u9fff]+", w))
_NOT_IN_UNIT = "0-9.%零〇一二两三四五六七八九十百千万亿点余多至到成"
_FAST_FORM = (rf"^(?P<prefix>{_FAST_PREFIXES})?(?P<integer>0|[1-9][0-9]{{0,8}})(?:\.(?P<fraction>[0-9]{{1,6}}))?"
              rf"(?P<inner1>余|多)?(?P<magnitude>[万亿千])?(?P<inner2>余|多)?(?P<rest>%?[^{_NOT_IN_UNIT}]*)$")
_FAST_GROUPS = ("prefix", "integer", "fraction", "inner1", "magnitude", "inner2", "rest")
_FACTORS = {"": 1, "千": 1000, "万": 10**4, "亿": 10**8}
_PARSED_COLUMNS = ["value", "low", "high", "qualifier", "unit_as_written", "is_percent", "error"]


def parse_values(written: pd.Series) -> pd.DataFrame:
    """parse_value for many strings at once (pass distinct strings: each is read once).

    Returns
    -------
    DataFrame indexed like `written`, one row per string: value, low, high (float; NaN where parse_value gives
    None), qualifier, unit_as_written, is_percent, and error: the exception parse_value raised for that string
    (a ValueParseError when the text is not a figure), else None. Nothing is raised for a bad string.
    """
    written = to_simplified_many(written)  # same length; the grammar is in simplified characters
    fast = _fast_parse(written)
    rest = written.drop(fast.index)
    rows = []
    for text in rest.tolist():
        try:
            parsed = parse_value(text)
        except Exception as exc:  # noqa: BLE001 - kept and returned with its string, never dropped
            rows.append((np.nan, np.nan, np.nan, None, None, False, exc))
            continue
        rows.append((*(np.nan if v is None else v for v in (parsed.value, parsed.low, parsed.high)),
                     parsed.qualifier, parsed.unit_as_written, parsed.is_percent, None))
    slow = pd.DataFrame(rows, columns=_PARSED_COLUMNS, index=rest.index).astype({"is_percent": bool})
    fast = fast.assign(error=None).astype({"qualifier": object, "unit_as_written": object})
    return pd.concat([fast, slow.astype({c: object for c in ("qualifier", "unit_as_written", "error")})]).loc[
        written.index]



def _fast_parse(written: pd.Series) -> pd.DataFrame:
    """The rows of `written` in the fast form, read column-wise (the columns of parse_values but error)."""
    fits = (written.str.fullmatch(_FAST_CHARS) & written.str.len().le(MAX_FIGURE_CHARS)
            & ~written.str.contains(BAD_SPACE.pattern) & ~written.str.contains(BAD_COMMA.pattern))
    text = written[fits.fillna(False).astype(bool)]
    text = text.str.replace(" ", "", regex=False).str.replace(",", "", regex=False)
    # pyarrow's regex engine (RE2) reads this pattern as re does: only literals, classes, ? and *, and the one
    # choice it leaves (余 before or after an empty magnitude) gives the same inner qualifier either way.
    text_array = pa.array(text, type=pa.large_string())
    if isinstance(text_array, pa.ChunkedArray):
        text_array = text_array.combine_chunks()
    found = pc.extract_regex(text_array, _FAST_FORM)
    matched = pc.is_valid(found).to_numpy(zero_copy_only=False)
    parts = pd.DataFrame({g: found.field(g).to_pandas().array for g in _FAST_GROUPS}, index=text.index)[matched]
    # 1.00005万 is 10,000.5: a fraction finer than its magnitude is left to parse_value (exact, or refused)
    finer = (parts["magnitude"].ne("").to_numpy(dtype=bool)
             & (parts["fraction"].str.len().to_numpy(dtype="int64")
                > parts["magnitude"].map(_EXPONENTS).to_numpy(dtype="int64")))
    parts = parts[~finer]
    rest, unit, suffix = parts["rest"], parts["rest"], pd.Series("", index=parts.index, dtype="str")
    for word in _SUFFIXES_LONGEST_FIRST:  # the first word the rest ends with, as in _split_suffix (no 余/多 here)
        ends = suffix.eq("") & rest.str.endswith(word)
        suffix, unit = suffix.mask(ends, SUFFIX_QUALIFIERS[word]), unit.mask(ends, rest.str[: -len(word)])
    inner = np.where(parts["inner1"].ne("") | parts["inner2"].ne(""), "more_than", "")
    words = parts["prefix"].map(PREFIX_QUALIFIERS).fillna("") + "|" + inner + "|" + suffix
    resolved = {}
    for combo in words.unique():
        try:
            resolved[combo] = combine_qualifiers(*(w or None for w in combo.split("|")), combo)
        except ValueParseError:
            continue  # conflicting words: left to parse_value, which names the string in its error
    qualifier = words.map(resolved)
    keep = qualifier.notna().to_numpy(dtype=bool)
    parts, unit, qualifier = parts[keep], unit[keep], qualifier[keep]
    value = _fast_numbers(parts["integer"], parts["fraction"], parts["magnitude"])
    small = value < MAX_VALUE  # larger ones are refused by parse_value, with its message
    parts, unit, qualifier, value = parts[small], unit[small], qualifier[small], value[small]
    bounds = {q: _interval(1.0, q) for q in resolved.values()}
    low = np.where(qualifier.map({q: b[0] is not None for q, b in bounds.items()}).to_numpy(dtype=bool), value, np.nan)
    high = np.where(qualifier.map({q: b[1] is not None for q, b in bounds.items()}).to_numpy(dtype=bool), value, np.nan)
    return pd.DataFrame({"value": value, "low": low, "high": high, "qualifier": qualifier,
                         "unit_as_written": unit.str.removeprefix("%"),
                         "is_percent": unit.str.startswith("%").to_numpy(dtype=bool)}, index=parts.index)


def _fast_numbers(integer: pd.Series, fraction: pd.Series, magnitude: pd.Series) -> np.ndarray:
    """cn2an's reading of Arabic digits, in exact integer arithmetic.

    _to_number reads d and d万 exactly in decimal arithmetic and rounds to 6 decimals, which changes nothing here
    (d < 10⁹ < 2³³ has 6 decimals at most, and a fraction finer than its magnitude never reaches this function:
    _fast_parse leaves 1.00005万 to parse_value). With 9 + 6 digits at most, d × 10⁶ and d × 10⁸ fit int64, and
    float(d) is one correctly rounded division of two exactly represented numbers.
    """
    whole = integer.astype("int64").to_numpy()
    digits = fraction.str.len().to_numpy(dtype="int64")
    part = fraction.mask(fraction.eq(""), "0").astype("int64").to_numpy()
    scale = 10**digits
    factor = magnitude.map(_FACTORS).to_numpy(dtype="int64")
    plain = (whole * scale + part) / scale
    scaled = (whole * factor + part * factor // scale).astype("float64")
    return np.where(factor == 1, plain, scaled)


# The rounding a figure is written to (余/多, 4.4万) lives in swtoolkit.cleaning.rounding; its names are kept here.
from swtoolkit.cleaning.rounding import (  # noqa: E402, F401 - re-exported: one grammar, two modules
    ROUNDED_KINDS,
    Rounding,
    rounding_interval,
    rounding_of,
)
