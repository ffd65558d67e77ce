"""Referee ref-c (issue 11, the Yunnan prefecture reports): three curation kinds, each tested by kind on small
synthetic text or rows and checked over the real raw table against the seed texts.

- A count of townships is not a count of stations (33个乡镇（街道）已完成社工站全覆盖: the 33 are townships; the
  value as written must keep the noun it counts, and a station indicator never holds a township count).
- Holders or passes written 其中 after a count of the people in social work are a part of that workforce (scope
  ``in_social_work``, like Kunming's 3,393 of its 19,442; Honghe's 381 of its 6,875 talent), never the plain
  running total.
- A subjectless count that follows one county's item is not silently the prefecture's: whose count it is stays
  open (scope ``unclear_scope``) unless the curator records the place or a part (Dehong's 3483/157/65 after Ruili).
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw" / "figures.csv"
SCOPES = ROOT / "swtoolkit" / "data" / "scopes.csv"

# ---- a township count is not a station count --------------------------------------------------------------------

#: Indicators that count stations or rooms (a figure under them must count stations, not the places that have one).
STATION_INDICATORS = ("township_stations", "village_stations", "sw_stations_all", "school_stations",
                      "pilot_stations", "county_hubs")
_PLACE_NOUN = re.compile(r"^\s*(乡镇（街道）|乡镇\(街道\)|乡镇|街道|村（社区）|村\(社区\)|行政村|社区"
                         r"|县（市、区）|县（区）|县市|县)")
_STATION_WORD = re.compile(r"^\s*(社工站|社会工作站|社会工作服务站|社工室|社会工作服务室|社会工作室|社工服务站)")
_LIST_JOIN = re.compile(r"^\s*[和及、与]")
_CLAUSE_END = re.compile(r"[，,。；;：:！？]")


def counted_noun(after: str) -> str:
    """What a count counts, read from the words right after it (``after``, the text following the figure as
    written, its classifier 个 included): 'places' when a township, village or county noun follows and is not itself
    the head of a station noun (乡镇（街道）社工站) or one member of a list ending in one
    (51个乡镇（街道）和5个农场社工站); 'stations' when it is; 'other' when no place noun follows."""
    after = after[1:] if after.startswith("个") else after
    place = _PLACE_NOUN.match(after)
    if not place:
        return "other"
    rest = after[place.end():]
    if _STATION_WORD.match(rest):
        return "stations"
    if _LIST_JOIN.match(rest):
        clause = _CLAUSE_END.split(rest, maxsplit=1)[0]
        return "stations" if re.search(r"社工站|社会工作站|服务站|社工室", clause) else "places"
    return "places"


@pytest.mark.parametrize(("after", "counted"), [
    ("乡镇（街道）已完成社工站全覆盖。", "places"),      # Xishuangbanna's 33: townships that have a station
    ("乡镇（街道）已实现社工站全覆盖，共有", "places"),    # Nujiang's opening 30
    ("乡镇（街道）设立了社工站，各县加大投入", "places"),
    ("乡镇（街道）社工站全覆盖，社工站工作人员", "stations"),  # Lijiang's 66 stations
    ("乡镇社工站共有专兼职社工", "stations"),
    ("乡镇（街道）和 5个农场社工站挂牌全覆盖", "stations"),  # Dehong: a list ending in the station noun
    ("乡镇（街道）、社区社会工作服务站（其中", "stations"),  # Honghe's 143
    ("乡镇（街道）和5个农场已挂牌", "places"),
    ("，社区 162个", "other"),
    ("个乡镇（街道）已完成", "places"),
])
def test_counted_noun_tells_townships_from_stations(after, counted):
    assert counted_noun(after) == counted


def test_real_station_counts_count_stations(joined_texts):
    """No seed figure under a station indicator counts townships or villages (the noun after it is the place's,
    with no station noun it heads)."""
    raw = pd.read_csv(RAW, dtype=str, keep_default_na=False)
    rows = raw[raw["indicator"].isin(STATION_INDICATORS) & raw["source_id"].isin(joined_texts)]
    bad = []
    for r in rows.to_dict("records"):
        text = joined_texts[r["source_id"]]
        end = int(r["locator"]) + len(r["value_as_written"])
        if counted_noun(text[end:end + 40]) == "places":
            bad.append(f"{r['figure_id']} {r['value_as_written']}{text[end:end + 15]}")
    assert not bad, bad
    assert len(rows) > 20  # the check ran over the Yunnan station counts


def test_real_township_counts_keep_their_noun():
    """The two opening counts are townships, written with the noun they count, and the stations are counted where
    the report counts them (Nujiang's problems section), undated there."""
    raw = pd.read_csv(RAW, dtype=str, keep_default_na=False).set_index("figure_id")
    for fid, written in (("S003-035775", "33个乡镇（街道）"), ("S003-047189", "30个乡镇（街道）")):
        assert raw.loc[fid, "indicator"] == "townships" and raw.loc[fid, "value_as_written"] == written
    stations = raw.loc["S003-048441"]
    assert stations["indicator"] == "township_stations" and stations["date_as_written"] == ""


# ---- holders written as a part of the workforce -----------------------------------------------------------------

#: Indicators of certificate holders or exam passes: written 其中 after a count of the people in social work, they
#: count only the holders among that workforce (scope in_social_work).
HOLDER_INDICATORS = ("certified_social_workers", "certified_assistant", "certified_intermediate",
                     "certified_senior", "exam_passes_cumulative")
_WORKFORCE_COUNT = re.compile(r"(各类社工|社会工作人才总量|社会工作专业人才总量|社会工作人才|社工人才"
                              r"|社会工作从业人员|从业人员)[^，,。；]{0,6}?\s*[\d.]+\s*万?\s*[人名]")


def among_workforce(before: str) -> bool:
    """True when a figure is written as a part (其中) of a count of the people in social work: within its own
    sentence (text back to 。！？；), a 其中 comes after such a count (全市共有各类社工19442人，其中：持证社工…;
    社会工作人才总量达6875人，其中通过…考试人员…)."""
    sentence = re.split(r"[。！？；]", before)[-1]
    at = sentence.rfind("其中")
    return at >= 0 and bool(_WORKFORCE_COUNT.search(sentence[:at]))


@pytest.mark.parametrize(("before", "part"), [
    ("截至 2022年 6月底，全市共有各类社工 19442人，其中：持证社工 ", True),
    ("截至 2022年 6月底，全市共有各类社工 19442人，其中：持证社工 3393人（初级 ", True),
    ("截至 2021年底，全州社会工作人才总量达 6875人，其中通过全国社会工作者职业水平考试人员 ", True),
    ("目前，注册登记社会工作服务机构 18家，社会工作从业人员达到 1602人，持证社工 ", False),  # beside, not 其中
    ("全州现有持证社工 ", False),
    ("组建了共计 1581人的驻站队伍，其中持证 ", False),  # a station team, not the workforce
    ("全市共有各类社工 19442人。其中", False),  # another sentence
])
def test_among_workforce_reads_the_sentence(before, part):
    assert among_workforce(before) is part


def test_real_holders_written_among_the_workforce_carry_the_scope(joined_texts):
    raw = pd.read_csv(RAW, dtype=str, keep_default_na=False)
    rows = raw[raw["indicator"].isin(HOLDER_INDICATORS) & raw["source_id"].isin(joined_texts)]
    found, bad = [], []
    for r in rows.to_dict("records"):
        if among_workforce(joined_texts[r["source_id"]][:int(r["locator"])]):
            found.append(r["figure_id"])
            if r["scope"] != "in_social_work":
                bad.append(f"{r['figure_id']} {r['value_as_written']} scope={r['scope']!r}")
    assert not bad, bad
    assert {"S003-017573", "S003-030542"} <= set(found)


def test_the_scope_may_qualify_exam_passes():
    scopes = pd.read_csv(SCOPES, dtype=str, keep_default_na=False).set_index("key")
    assert "exam_passes_cumulative" in scopes.loc["in_social_work", "indicators"].split(";")


# ---- a subjectless count after one county's item ----------------------------------------------------------------

_LEAD = r"^[\s（）()一二三四五六七八九十、0-9是]*"


def sentence_subject(sentence: str, region_short: str, county_shorts: list[str]) -> str | None:
    """Whose sentence it is: 'region' when it names the prefecture itself (全州, 我市, 州本级, its name), a county's
    short name when it opens with one, None when it names neither (a subjectless sentence continuing the last)."""
    if re.search(r"全州|全市|我州|我市|州本级|市本级|州级|市级|州民政局|市民政局", sentence) or (
            region_short and re.match(_LEAD + re.escape(region_short), sentence)):
        return "region"
    for name in county_shorts:
        if name != region_short and re.match(_LEAD + re.escape(name) + r"(?!州)", sentence):
            return name
    return None


def speaker_of(before: str, region_short: str, county_shorts: list[str], reach: int = 4) -> str | None:
    """The subject a figure's sentence inherits: its own, else that of the nearest earlier sentence (at most
    ``reach`` back) that names one."""
    for sentence in reversed(re.split(r"[。！？；]", before)[-reach:]):
        found = sentence_subject(sentence, region_short, county_shorts)
        if found:
            return found
    return None


def test_speaker_of_walks_back_over_subjectless_sentences():
    counties = ["瑞丽", "梁河", "芒市"]
    text = ("梁河县组织义诊义剪活动。瑞丽市投入资金 20万元购买第三方服务。"
            "通过“社工+志愿者”的服务模式，围绕对象提供帮助。据不完全统计，共为 ")
    assert speaker_of(text, "德宏", counties) == "瑞丽"
    assert speaker_of("截至目前，全州 56个社工站配备 ", "德宏", counties) == "region"
    assert speaker_of("红河 135个乡镇（街道）社工站 ", "红河", ["红河", "个旧"]) == "region"  # the prefecture's name
    assert speaker_of("文山州以项目点为载体。累计投入资金 ", "文山", ["文山", "砚山"]) == "region"
    assert speaker_of("一是加强业务培训。对5 个社区社会组织开展了 ", "怒江", ["福贡"]) is None


def test_real_prefecture_figures_after_a_county_item_say_whose_they_are(joined_texts):
    """A prefecture's seed figure whose sentence inherits a county as its subject is that county's (place), a part
    (subset), or open (scope unclear_scope), never the prefecture's plain figure."""
    from swtoolkit import regions

    table = regions.region_table().set_index("code")
    clean = pd.read_csv(ROOT / "data" / "clean" / "figures.csv", dtype=str, keep_default_na=False)
    rows = clean[clean["source_id"].isin(joined_texts) & clean["region_level"].eq("prefecture")
                 & clean["place"].eq("")]
    bad, seen = [], []
    for r in rows.to_dict("records"):
        counties = [n for n in table[table["parent_code"].eq(r["region_code"])]["short_zh"] if len(n) >= 2]
        who = speaker_of(joined_texts[r["source_id"]][:int(r["locator"])], table.loc[r["region_code"], "short_zh"],
                         counties)
        if who and who != "region":
            seen.append(r["figure_id"])
            if r["subset"] == "" and r["scope"] != "unclear_scope":
                bad.append(f"{r['figure_id']} {r['value_as_written']} follows {who}")
    assert not bad, bad
    assert {"S003-044415", "S003-044431", "S003-044444"} <= set(seen)


def test_a_part_is_named_for_what_the_source_names():
    """Wuding's 5400 and 926 are the beneficiaries of its services for left-behind children, women and families; the
    paper names no school project (the former subset invented one)."""
    raw = pd.read_csv(RAW, dtype=str, keep_default_na=False).set_index("figure_id")
    for fid in ("S003-016326", "S003-016342"):
        assert "school" not in raw.loc[fid, "subset"] and "school" not in raw.loc[fid, "notes"].split("no school")[0]


# ---- every limitation and sub-region line a report prints is in the audit ---------------------------------------

def _items(html: str) -> list[str]:
    import html as html_lib

    found = re.findall(r"<li[^>]*>(.*?)</li>", html, flags=re.S) + re.findall(r"<p[^>]*>(.*?)</p>", html, flags=re.S)
    return [re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", "", t))).strip() for t in found]


@pytest.mark.parametrize("code", ["530100", "532600", "533300"])
def test_every_limitation_and_subregion_line_is_a_claim(code):
    """Kunming (sub-regions with figures but nothing to rank, indicators missing, no series), Wenshan (no
    sub-regions), Nujiang (one county's figure): each line of the limitations and each 'no league table' or 'no
    column' line of the sub-region section is recorded as a claim, so the audit lists it."""
    from swtoolkit import regions
    from swtoolkit.models import fit_all
    from swtoolkit.reports.content import SHARED_LIMITS, RegionReport
    from swtoolkit.reports.inputs import load_clean

    clean = load_clean()
    results = fit_all(clean[clean["region_code"].str[:2].eq(code[:2])])
    report = RegionReport(regions.get(code), clean, results=results)
    for key in report.section_keys:
        report.show(key)
    said = [re.sub(r"\s+", " ", c.text).strip() for c in report.claims]
    shared = {re.sub(r"\s+", " ", s).strip() for s in SHARED_LIMITS}
    lines = [t for t in _items(report.limitations().body) if t not in shared]
    lines += [t for t in _items(report._bodies()["subregions"].body)
              if "不足两个" in t or "未列为一列" in t] if "subregions" in report._bodies() else []
    # a table note opens with its claim and goes on with the source note
    missing = [t for t in lines if not any(t in s or ("未列为一列" in t and t.startswith(s)) for s in said)]
    assert lines and not missing, missing
