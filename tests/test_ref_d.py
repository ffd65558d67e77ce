"""Referee ref-d (issue 11, the Yunnan prefecture reports, on ref-c's "left unchanged" items): four curation kinds,
each tested by kind on small synthetic text and checked over the real raw table against the seed texts.

- A date carries over ； within one statement, not over a full stop into a new statement that holds no date word
  of its own (Yuxi's 119万/977/226 after the 截至2022年6月 of the sentence before): such figures are undated.
- One item of a list of honours of individual workers (1名通过全省高级社会工作师评审) is not the region's stock of
  holders: it is an honour count, never the level of certified senior workers.
- What places did (重点打造了1-2个示范点) is observed practice, never an adopted rule, and demonstration points are
  not pilot townships.
- Counties named as the place of an activity (分别到五个县（市、区）开展培训) are a part, never the region's county
  count: only a statement of what the region comprises (辖, 下辖, 全市…) gives that.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit.cleaning.clauses import carry_problems, statement_bounds

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw" / "figures.csv"
CLEAN = ROOT / "data" / "clean" / "figures.csv"


def _raw() -> pd.DataFrame:
    return pd.read_csv(RAW, dtype=str, keep_default_na=False)


def _seed_rows(raw: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    return raw[raw["source_id"].isin(texts) & raw["locator"].str.fullmatch(r"\d+")]


# ---- a date carries within its statement, not over a full stop --------------------------------------------------

def _row(fid: str, text: str, figure: str, date: str, kind: str = "actual") -> dict:
    return {"figure_id": fid, "source_id": "S990", "locator": str(text.index(figure)), "kind": kind,
            "date_as_written": date}


def test_a_date_carries_over_a_semicolon_and_into_a_date_word_but_not_into_a_new_statement():
    text = ("截至2022年6月，全市建成社工站75个；社工室314个。社工站（室）累计投入经费119万元，配备人才977人。"
            "2021年，新建机构13家。全年召开会议31次。活动期间开展宣传60余场。到2025年建成100个。")
    rows = pd.DataFrame([
        _row("S990-1", text, "75个", "截至2022年6月"),      # written in its sentence
        _row("S990-2", text, "314个", "截至2022年6月"),     # over ；: the same statement
        _row("S990-3", text, "119万元", "截至2022年6月"),   # over 。 into a statement with no date word
        _row("S990-4", text, "977人", "截至2022年6月"),
        _row("S990-5", text, "31次", "2021年"),             # 全年 refers back to the year just named
        _row("S990-6", text, "60余场", "2021年"),           # 活动期间 is a date word of its own
        _row("S990-7", text, "100个", "截至2022年6月", kind="target"),  # targets keep their own rules
        _row("S990-8", text, "13家", ""),                   # undated: nothing to carry
    ])
    found = [(rows.at[p, "figure_id"], e.value) for p, e in carry_problems(rows, {"S990": text})]
    assert found == [("S990-3", "截至2022年6月"), ("S990-4", "截至2022年6月")]
    assert statement_bounds(text, text.index("314个"))[0] == 0  # ； does not end a statement
    assert carry_problems(rows, {"S990": None}) == []


def test_no_real_seed_figure_takes_a_date_over_a_full_stop_into_a_statement_without_a_date_word(joined_texts):
    raw = _seed_rows(_raw(), joined_texts)
    found = [raw.at[p, "figure_id"] for p, _ in carry_problems(raw, joined_texts)]
    assert not found, found
    clean = pd.read_csv(CLEAN, dtype=str, keep_default_na=False).set_index("figure_id")
    for fid in ("S003-027264", "S003-027281", "S003-027293", "S003-027860", "S003-023195", "S003-023206",
                "S003-051714", "S003-051732", "S003-051747", "S003-051758", "S003-051770"):
        assert clean.loc[fid, "date_basis"] == "undated", fid
    # the 314 rooms and 44.16% after ； keep the statement's 截至2022年6月
    assert clean.loc["S003-027230", "date_basis"] == "stated"


# ---- one honour of a list of individual honours is not the region's stock -------------------------------------

#: A count of people followed, in its own clause, by the honour they received (获 but not 获取, 当选, 通过…评审 …).
HONOUR = re.compile(r"^\s*[\d.]+\s*[名人位]([^，。；、]{0,8}?)(荣获|获评|获(?!取|得到)|当选|被评为|入选|"
                    r"通过[^，。；]{0,12}评审)")


def honour_item(after: str) -> bool:
    """Whether the figure at the start of ``after`` counts people who received an honour, prize or post."""
    return bool(HONOUR.match(after))


@pytest.mark.parametrize(("after", "honour"), [
    ("1名通过全省高级社会工作师评审，1名获", True),   # Zhaotong's 1: one honour among others
    ("1名社工人才获全国乡村振兴青年先锋，", True),
    ("3名当选市人大代表、市政协委员。", True),
    ("8名困境儿童顺利获取爱心人士认领", False),       # 获取: received help, no honour
    ("5人。保山市借助社工站平台", False),               # 高级才5人: a stock
    ("97人。三是联合培训一批", False),
])
def test_honour_item(after, honour):
    assert honour_item(after) is honour


def test_no_honour_item_is_read_as_a_stock_of_certificate_holders(joined_texts):
    raw = _seed_rows(_raw(), joined_texts)
    wrong = [r["figure_id"] for r in raw.to_dict("records")
             if honour_item(joined_texts[r["source_id"]][int(r["locator"]):int(r["locator"]) + 40])
             and r["indicator"] != "sw_talent_honours" and r["kind"] not in ("increment",)
             and not r["indicator"].startswith(("service_", "assistance_"))]
    assert not wrong, wrong
    clean = pd.read_csv(CLEAN, dtype=str, keep_default_na=False)
    zhaotong = clean[clean["region_code"].eq("530600") & clean["indicator"].eq("certified_senior")]
    assert zhaotong.empty, zhaotong["figure_id"].tolist()


# ---- what places did is practice; demonstration points are not pilot townships ----------------------------------

#: A perfective verb right before the figure (打造了, 配备了, 建成了): the text reports what was done.
DONE = re.compile(r"(打造|配备|建成|建立|选出|给予|安排|提取)了\s*$")
#: A clause that asks or proposes.
PROPOSED = re.compile(r"建议")


def norm_status_from_clause(before: str) -> str | None:
    """'proposal' or 'practice' when the clause before a per-unit figure says so; None when it does not tell."""
    clause = re.split(r"[，。；：]", before)[-1]
    if PROPOSED.search(before[-60:]):
        return "proposal"
    if DONE.search(clause):
        return "practice"
    return None


@pytest.mark.parametrize(("before", "status"), [
    ("各县（市）依托社工站试点服务项目重点打造了", "practice"),   # Diqing's 1-2 demonstration points
    ("全市仅易门县按要求对每个社工站提取、配备了", "practice"),
    ("建议从省级层面加强投入。一是通过购买人头的方式，解决每个社工站", "proposal"),
    ("按照每个社工站不少于", None),
])
def test_norm_status_from_clause(before, status):
    assert norm_status_from_clause(before) == status


def test_real_norm_rows_say_practice_or_proposal_where_their_text_does(joined_texts):
    raw = _seed_rows(_raw(), joined_texts)
    norms = raw[raw["kind"].eq("norm")]
    wrong = []
    for r in norms.to_dict("records"):
        text, at = joined_texts[r["source_id"]], int(r["locator"])
        said = norm_status_from_clause(text[max(0, at - 120):at])
        if said and r["norm_status"] != said:
            wrong.append((r["figure_id"], r["norm_status"], said))
        after = text[at:at + 12]
        if "示范" in after and r["indicator"] == "norm_pilots_per_county":
            wrong.append((r["figure_id"], "demonstration points filed as pilot townships"))
    assert not wrong, wrong
    assert raw.set_index("figure_id").loc["S003-049998", ["indicator", "norm_status"]].tolist() == [
        "demo_points_per_county", "practice"]


# ---- counties named as where something happened are a part ------------------------------------------------------

#: Words of a statement of what a region comprises, in the clause before a count of counties.
COMPRISES = re.compile(r"辖|全市|全州|全省|全县|共有|共计")
COUNT_INDICATORS = ("counties", "county_level_cities")


def comprises(before: str) -> bool:
    """Whether the clause before a count of counties states what the region comprises (辖两市三县, 全市10个县)."""
    return bool(COMPRISES.search(re.split(r"[，。；：]", before)[-1]))


@pytest.mark.parametrize(("before", "whole"), [
    ("今年以来，市级社会工作专业团队分别到", False),   # Baoshan's five: counties visited
    ("指导", False),
    ("结合", False),
    ("楚雄州下辖8县", True),
    ("德宏地处边疆少数民族地区，辖两市", True),
    ("但全市", True),
])
def test_comprises(before, whole):
    assert comprises(before) is whole


def test_no_count_of_counties_named_for_an_activity_is_the_region_county_count(joined_texts):
    raw = _seed_rows(_raw(), joined_texts)
    wrong = [r["figure_id"] for r in raw[raw["indicator"].isin(COUNT_INDICATORS)].to_dict("records")
             if not r["subset"] and not comprises(joined_texts[r["source_id"]][max(0, int(r["locator"]) - 40):
                                                                               int(r["locator"])])]
    assert not wrong, wrong
    assert raw.set_index("figure_id").loc["S003-010026", "subset"] != ""


# ---- every line of the comparison report is a claim of the audit ------------------------------------------------

#: A source note (built from the figure ids a table or chart shows; provenance, not a claim) and the codebook's.
SOURCE_NOTE = re.compile(r"资料来源 Source: .*?Full references: Sources list\.|"
                         r"资料来源：本工具的指标说明（[^）]*）。 "
                         r"Source: the toolkit's indicator definitions \([^)]*\)\.")


def _plain(fragment: str) -> str:
    import html as html_lib

    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def unclaimed(html: str, claims: list[str]) -> list[str]:
    """Each visible line of ``html`` (paragraph, list item, caption of a chart) that the claims do not cover: a
    line is covered when, its source note taken out, it is part of a claim or what is left is made of claim texts
    (a table note may join a few claims). Table captions (表 N) name a table whose rows are claims of their own;
    they are labels."""
    said = sorted({_plain(c) for c in claims if _plain(c)}, key=len, reverse=True)
    out = []
    for tag in ("p", "li", "figcaption"):
        for fragment in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", html, flags=re.S):
            line = _plain(fragment)
            if tag == "figcaption":
                if re.match(r"表 \d+ Table \d+ ", line):
                    continue
                line = line.removesuffix(" 数据 Data (CSV)")
            rest = SOURCE_NOTE.sub(" ", line).strip()
            if any(rest in s for s in said):  # a line printed under its table's name, claimed with the name
                continue
            for s in said:
                rest = rest.replace(s, " ")
            if rest.strip(" 。.;；"):
                out.append(line)
    return out


def test_unclaimed_finds_a_line_no_claim_covers():
    html = ("<p>甲乙。 A. 资料来源 Source: S1 (1). 文献全称见“资料来源列表”。 Full references: Sources list.</p>"
            "<li>丙丁。 C.</li><figcaption>图 1 Figure 1 各省份X X by province 数据 Data (CSV)</figcaption>"
            "<figcaption>表 2 Table 2 标签 Label</figcaption>")
    assert unclaimed(html, ["甲乙。 A.", "图 1 Figure 1 各省份X X by province"]) == ["丙丁。 C."]
    assert unclaimed(html, ["甲乙。 A.", "丙丁。 C.", "图 1 Figure 1 各省份X X by province"]) == []


def _table_rows(html: str) -> list[tuple[str, list[str]]]:
    """(caption, first cells of the body rows) of each table of ``html``."""
    out = []
    for figure in re.findall(r"<figure[^>]*>(.*?)</figure>", html, flags=re.S):
        if "<table" not in figure:
            continue
        caption = _plain((re.findall(r"<figcaption[^>]*>(.*?)</figcaption>", figure, flags=re.S) or [""])[0])
        body = (re.findall(r"<tbody[^>]*>(.*?)</tbody>", figure, flags=re.S) or [figure])[0]
        firsts = [_plain(re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)[0])
                  for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S) if "<td" in row]
        out.append((caption, firsts))
    return out


def test_every_line_table_row_and_chart_of_the_comparison_report_is_in_the_audit():
    """The comparison report is built as its notebook builds it (charts drawn, so every chart's caption and note is
    seen) and its claims are those the audit writes: every paragraph, list item and chart caption is covered by
    claims, every table's body rows are claims (their first cell named by a table-row claim), and every chart is a
    chart claim."""
    from swtoolkit.models import fit_all
    from swtoolkit.reports.audit import comparison_claims
    from swtoolkit.reports.comparison import SECTIONS, ComparisonReport
    from swtoolkit.reports.inputs import load_clean

    clean = load_clean()
    results = fit_all(clean)
    report = ComparisonReport.from_tables(clean, results, draw_charts=True)
    report.attach_checks()
    html = "".join(report.show(key).body for key, _, _ in SECTIONS)
    claims = report.national.claims
    texts = [c.text for c in claims]
    assert not unclaimed(html, texts), unclaimed(html, texts)
    rows = [_plain(c.text) for c in claims if c.kind == "table_row"]
    for caption, firsts in _table_rows(html):
        missing = [f for f in firsts if not any(f.split(" ")[0] in r for r in rows)]
        assert firsts and not missing, (caption, missing)
    charts = len(re.findall(r"<img|<svg", html))
    assert charts == sum(c.kind == "chart" for c in claims) > 0
    # the audit lists the same claims, each limitation and method line with a decision in words
    audit = comparison_claims(clean, results)
    assert {c.text for c in audit} >= {c.text for c in claims if c.block in ("limits", "methods")}
    assert all(c.gates for c in audit if c.block in ("limits", "methods", "appendix"))
    from swtoolkit.reports.audit import with_words

    worded = with_words(pd.DataFrame([c.__dict__ for c in audit]), clean)
    blind = worded.loc[worded["gates_zh"].str.contains("另一项审核规则"), "gates"].unique().tolist()
    assert not blind, blind
