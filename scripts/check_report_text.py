"""Machine check of built reports: generated text must be true of what the report prints (referee 8a/8b).

    python scripts/check_report_text.py reports/*.html      # one line per problem; exit status 1 when any

Reads each report's HTML (stdlib html.parser, no project code: it checks the output, not the code that wrote it)
and flags, per report:
  xref     a cross-reference to a table, column, section or appendix the report does not print
  missing  an indicator said to have "no figure" (缺少以下指标的数据) while the figures table prints a row of it
  number   count words that do not agree (1 … runs, (s), 1项…均, all 1)
  range    the range note with no range printed in the sentence
  unit     a definitions-table unit cell with an empty Chinese part
  date     an English date phrase pasted after a preposition ('run to in 2025'), a Chinese one after 至/有至
  cite     a citation that does not reproduce the title page's title (Chinese and English)
  heading  a section headed as holding league tables (排名 / league tables / ranked) with no league table (a
           table with a 排名 Rank column) in it; in the comparison report, a heading or caption calling its
           provinces or prefectures 下辖地区 / sub-regions (editor 9 N-7)
  promise  a limitation promising a one-sided rate that no growth table prints; a limitation about a scenario of
           the resident population
  quote    a refused row quoted by its date phrase as 原文
  absent   an indicator whose region-wide level the limitations list as collected and refused, called absent
           elsewhere in the report (the no-finding statement, a missing-indicator line, the title page's basis
           line, a target or deadline line that does not say it speaks of the figures read): referee 10a R10a-1…4
  tables   "each figure is listed in the key-figures table" when the key-figures table holds only the latest of
           each indicator (R10a-8)
  english  a number or date in Chinese style (4.4万人, 截至2018年底) inside English text, outside quotes (R10a-11);
           Chinese words inside an English phrase ("131 stations (乡镇 only)") or an English half that begins with
           Chinese ("［仅乡镇 乡镇 only］"), in text, captions and table cells, unless quoted (editor 11 E11-8)
  header   a table header cell not in Chinese and English; a column with no entry ("—") in any row (referee 11
           R11-5: such a column was squeezed to one character wide in the PDF)
  conflict a conflict clause said twice in one table cell or sentence (editor 9, N-3)
  per-date a table of computed values (density) with two rows for one region and count date, or rows of a region
           out of date order (editor 9, N-3)
  opener   a sentence that opens with "日期未注明（见于…的文件），" as if that were its date (editor 12: the fact comes
           first, then "（原文未注明日期，见于…的文件）")
  long     a methods-document bullet whose Chinese half exceeds BULLET_ZH or English half BULLET_EN characters
           (editor s28)
  nested   a date bracketed after a figure that holds a bracket of its own ('82个（截至文件日期（约2022年7月））'):
           its inner bracket is opened into commas (editor2 s28)
  long     (also) a limitation line on figures refused in cleaning whose Chinese half exceeds REFUSED_ZH
           characters (editor2 s28)
  repeat   the rule on undated figures (只知在所在文件的日期之前…) said in more than one limitation line (editor s28)
  undated  an undated figure said to be "in a document of about July 2022" / "见于约2022年7月的文件": it reads as if
           the figure were of that month; the one wording is 未注明日期，文件日期约为2022年7月 / undated, document
           dated about July 2022 (editor s28)
  title    a reference whose English description follows the title (or 原题名未记录) unmarked, so it reads as the
           title or its translation (editor 12: it says 编者说明 our description)
  caption  a caption dated by ISO months ("by province (2022-12 to 2023-06)"): 2022年12月至2023年6月 / December 2022
           to June 2023 (editor 12)
  empty    an empty bracket pair （） or () in the text: a clause whose words were never written (a merge once left
           the parts-against-total clause empty in China's findings)
  datecell a table's date cell ("日期 Date" column) narrating curation (紧接…给出, 该处同样未注明日期) instead of
           giving a date: that provenance is a bilingual note under the table (editor 12); a blank 日期原文 Date as
           written cell (the source writes no date: it says so, editor s28)
  audit    (audit.csv beside a listed audit.html) a claim whose decision words promise a computed number (a rate,
           a trend, a gap: 只计算…/改用…/列出各段的增长率…) that the claim's text, as the report prints it, does not
           give (editor 9 N-6); or names a fallback done elsewhere in the report (a trend's t-interval, growth rates
           per region, densities listed) that the report built beside it does not show (referee 11 R11-2/R11-3)
"""
from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

#: The codebook (data, not code): indicator names as the reports print them.
CODEBOOK = Path(__file__).resolve().parents[1] / "swtoolkit" / "data" / "codebook.csv"
#: The indicators a title page's data-as-of line may rest on (as swtoolkit.reports.content.AS_OF_INDICATORS).
AS_OF_KEYS = ("certified_social_workers", "sw_talent_total", "township_stations", "station_staff",
              "township_station_coverage", "sw_talent_broad", "exam_passes_cumulative", "sw_practitioners",
              "station_staff_certified", "station_staff_professional", "sw_organisations")
#: How a sentence says a figure is absent, by the indicator it begins with (targets, deadlines, gaps).
ABSENCE_WORDS = ("没有注明日期在期限时或之后的数字", "期限前后六个月内没有注明日期的数字", "期限之后没有注明日期的数字",
                 "没有同一口径、同一范围并注明日期的现有数字", "本地区没有有日期的全境持证社会工作者人数",
                 "本地区没有该口径的有日期数字", "期限前后六个月内没有数字", "资料中没有期限时或之后的数字")


@cache
def indicator_names() -> dict[str, str]:
    """name_zh → key of every codebook indicator, longest name first."""
    with CODEBOOK.open(encoding="utf-8") as f:
        rows = {r["name_zh"]: r["key"] for r in csv.DictReader(f)}
    return dict(sorted(rows.items(), key=lambda kv: -len(kv[0])))


def refused_levels(items: list[str]) -> set[str]:
    """Names of the indicators the limitations' refused list names as refused levels (no kind in brackets after
    the name: a refused target is named '持证社会工作者（目标）1条')."""
    found: set[str] = set()
    for item in items:
        if "在数据清理中被拒收，未用于本报告" not in item:
            continue
        for name in indicator_names():
            for m in re.finditer(r"(?<=[（、])" + re.escape(name) + r"(（[^（）]*）)?\d+条", item):
                if not m.group(1):
                    found.add(name)
    return found


#: The refused rows the builds read (data/clean/checks.csv): a refused figure's date as written tells whether it
#: could bear on a deadline or a title page's basis (editor 11 E11-1, E11-2).
CHECKS = Path(__file__).resolve().parents[1] / "data" / "clean" / "checks.csv"
#: Plan periods a refused date phrase may name, with the year each ends.
PLAN_ENDS = {"13th five-year plan": 2020, "十三五": 2020, "12th five-year plan": 2015, "十二五": 2015,
             "14th five-year plan": 2025, "十四五": 2025}


@cache
def refused_years(region: str) -> dict[str, list[int | None]] | None:
    """indicator key → the year each refused level of ``region`` names in its date as written (None: it names
    none); None when checks.csv is not there (then every refused figure counts, as before)."""
    if not CHECKS.is_file():
        return None
    out: dict[str, list[int | None]] = {}
    with CHECKS.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r.get("check") != "refused" or r.get("region_code") != region:
                continue
            note = r.get("explanation") or ""
            kind = re.search(r"kind: (\w+)", note)
            if kind and kind.group(1) not in ("actual", "cumulative", "share"):
                continue
            date = (re.search(r"date as written: (.*)$", note) or [None, ""])[1].lower()
            year = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", date)
            plan = next((y for w, y in PLAN_ENDS.items() if w in date), None)
            out.setdefault(r.get("indicator") or "", []).append(int(year.group(1)) if year else plan)
    return out


def bears_on(region: str, name: str, year: int, after: bool = False) -> bool:
    """Whether a refused level of indicator ``name`` (as printed) names a year near ``year`` (that year or the
    next: within six months of a year-end deadline) or, with ``after``, not before it; True when not known."""
    years = refused_years(region)
    if years is None or not region:
        return True
    key = indicator_names().get(name, "")
    found = [y for y in years.get(key, []) if y is not None]
    return any(y >= year if after else year <= y <= year + 1 for y in found)


#: Chinese-style numbers and dates: 4.4万人, 3萬余人, 截至2018年底.
_ZH_NUMBER = re.compile(r"(?:超过|约|近|逾|不足|不到)?\d[\d.,]*\s*[万萬亿億]|截至\d{4}")
#: Chinese characters and full-width punctuation: English text is what follows the last of them.
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
#: Chinese words inside English: a Chinese word opening a bracket or an English list and followed by English words
#: ("stations (乡镇 only)", "[a part only: 街道 only]"), or an English half that opens with a Chinese word after the
#: Chinese half ("仅乡镇 乡镇 only"). A gloss wholly in brackets ("(社会工作人才)"), a word in quotation marks
#: (“社工站专业”) and a source's publisher named before "via" are the source's own words and do not match.
_ZH_IN_EN = re.compile(r"(?:[(\[:]\s?|[\u4e00-\u9fff] )[\u4e00-\u9fff]+ (?!via\b)[a-z]{3,}")


#: A date cell that narrates how a figure was curated instead of giving its date ("原文中该数紧接社工站独立场所比例95%
#: 给出，该处同样未注明日期…"): that provenance is a sentence under the table, in both languages (editor 12).
_DATE_NARRATION = re.compile(r"紧接|给出|该处|另有表述|right beside")


#: The longest half of a methods bullet a reader takes in at once (editor s28: bullets of 300+ Chinese and 1,000+
#: English characters were split into one rule each).
BULLET_ZH, BULLET_EN = 200, 450
#: The longest Chinese half of a limitation line on figures refused in cleaning (content.REFUSAL_LINE_MAX_ZH,
#: with room for the line's head and quotes).
REFUSED_ZH = 400
#: The English of the same: '(as of November 2021 (the document's date))', '(latest: July 2022 (document date))'.
NESTED_DATE_EN = re.compile(r"\([^()]*\((?:the document's date|document date|est\.|year inferred|to the document's "
                            r"date)[^()]*\)[^()]*\)")
#: A date inside a bracket that itself sits in a bracket: 截至文件日期（…）, …年…月（文件日期/估计…）, 未注明日期（…）,
#: …年（至文件日期…） (editor2 s28).
NESTED_DATE = re.compile(r"（[^（）]*(?:截至文件日期|至文件日期[^（）]*|\d{4}年[^（）]*|未注明日期)"
                         r"（(?:约?\d{4}年|文件日期|估计|至文件日期|年份据)[^（）]*）[^（）]*）")


def bullet_halves(item: str) -> tuple[str, str]:
    """(Chinese, English) halves of a bilingual bullet: the Chinese ends at its first full stop followed by a space
    (or by the English); ('', item) when the bullet has no Chinese half."""
    m = re.search(r"。 ?(?=[A-Z余近“0-9])", item)
    return (item[:m.end()].strip(), item[m.end():].strip()) if m else ("", item)


#: Project words a reader cannot follow (editor2): the cleaning's grammar, the codebook, a checks.csv column value
#: given as a type, model runs. Plain words: 在数据清理中被拒收 / set aside in data cleaning, 计算 / calculation.
JARGON = re.compile(r"清洗语法|按语法|清洗步骤|清洗检查|代码表|检查类型|模型计算|grammar|codebook"
                    r"|check '(?:refused|conflict)'|model runs?\b")


#: Three bracketed clauses in a row, each holding at most one bracket of its own ('…%（A）（B）（C）').
_GROUP = r"（[^（）]*(?:（[^（）]*）[^（）]*)*）"
STACKED = re.compile(_GROUP * 3)


class Page(HTMLParser):
    """Text of the page, with h1/subtitle, captions, table columns and rows, and list items kept apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.h1 = self.subtitle = self.cite = ""
        self.captions: list[str] = []
        self.headings: list[str] = []  # h2 section headings, in order; each table records the one it is under
        self.tables: list[dict] = []  # {"caption", "head": [...], "rows": [[...]]}
        self.items: list[str] = []
        self.paras: list[str] = []  # paragraphs and table notes outside lists
        self.text: list[str] = []
        self._para: list[str] | None = None
        self._cell: list[str] | None = None
        self._item: list[str] | None = None
        self._buf: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.stack.append((tag, attrs))
        if tag in ("h1", "h2", "figcaption") or (tag == "p" and attrs.get("class") == "subtitle") or \
                (tag == "div" and attrs.get("class") == "cite"):
            self._buf = []
        if tag == "table":
            self.tables.append({"caption": self.captions[-1] if self.captions else "", "head": [], "rows": [],
                                "section": len(self.headings) - 1})
        if tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        if tag in ("td", "th"):
            self._cell = []
        if tag == "li":
            self._item = []
        if tag == "p" and self._item is None:
            self._para = []

    def handle_endtag(self, tag):
        while self.stack:
            t, attrs = self.stack.pop()
            if t == tag:
                break
        if self._buf is not None and tag in ("h1", "h2", "figcaption", "p", "div"):
            text = "".join(self._buf).strip()
            if tag == "h1":
                self.h1, self._buf = text, None
            elif tag == "h2":
                self.headings.append(text)
                self._buf = None
            elif tag == "figcaption":
                self.captions.append(text)
                self._buf = None
            elif tag == "p" and attrs.get("class") == "subtitle":
                self.subtitle, self._buf = text, None
            elif tag == "div" and attrs.get("class") == "cite":
                self.cite, self._buf = text, None
        if tag in ("td", "th") and self._cell is not None and self.tables:
            cell = "".join(self._cell).strip()
            table = self.tables[-1]
            if tag == "th" and len(table["rows"]) <= 1:
                table["head"].append(cell)
            elif table["rows"]:
                table["rows"][-1].append(cell)
            self._cell = None
        if tag == "li" and self._item is not None:
            self.items.append("".join(self._item).strip())
            self._item = None
        if tag == "p" and self._para is not None:
            self.paras.append("".join(self._para).strip())
            self._para = None

    def handle_data(self, data):
        self.text.append(data)
        for buf in (self._buf, self._cell, self._item, self._para):
            if buf is not None:
                buf.append(data)


def tables_like(page: Page, word: str) -> list[dict]:
    return [t for t in page.tables if word in t["caption"]]


def problems(path: Path) -> list[str]:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    text = "".join(page.text)
    out: list[str] = []

    def flag(kind: str, what: str) -> None:
        out.append(f"{path.name}: {kind}: {what[:220]}")

    growth = [t for t in page.tables if any(w in t["caption"] for w in ("增长率 Growth rates", "目标差距", "情景推算",
                                                                        "配备标准缺口", "达标时间"))]
    rates = [t for t in page.tables if "增长率 Growth rates" in t["caption"]]
    sub = [t for t in page.tables if re.search(r"主要数据 [A-Z][^:]*: latest figures", t["caption"])]  # sub-regions
    appendix = tables_like(page, "本报告所用数据")
    figures = [t for t in page.tables if "主要数据 Key figures" in t["caption"]] or [
        t for t in page.tables if t["head"][:2] == ["指标 Indicator", "类型 Kind"]]
    for chunk in [*page.items, *page.paras, *(c for t in page.tables for r in t["rows"] for c in r)]:
        m = STACKED.search(chunk)
        if m:  # three brackets in a row: the third is a sentence of its own (editor2)
            flag("stacked", "three brackets in a row: " + chunk[max(0, m.start() - 40):m.end() + 20])
    raw_paras = re.findall(r"<p[^>]*>(.*?)</p>", path.read_text(encoding="utf-8"), re.S)
    for chunk in raw_paras:  # a file named once per language in one note (editor2: 'data/figures.csv' twice)
        for file, n in Counter(re.findall(r"data/(?:figures|codebook)\.csv", chunk)).items():
            if n > 2:
                flag("repeated", f"{file} named {n} times in one note: " + chunk[:160])
    for m in JARGON.finditer(text.replace("data/codebook.csv", "")):  # a file's name is no jargon
        flag("jargon", "a project word the reader cannot follow: " + text[max(0, m.start() - 60):m.end() + 40])
    for m in re.finditer(r"（\s*）|\(\s*\)", text):
        flag("empty", "an empty bracket: " + text[max(0, m.start() - 80):m.end() + 20])
    # -- cross-references ------------------------------------------------------------------------------------------
    if ("列于增长与差距表" in text or "growth-and-gaps table" in text) and not growth:
        flag("xref", "cites the growth-and-gaps table, which the report does not print")
    for item in page.items:
        if re.search(r"见各[^，；）]*主要数据表|见下辖地区表", item):
            if not sub:
                flag("xref", "cites the sub-region table, which the report does not print: " + item)
            else:
                named = item.split("：", 1)[-1].split("。")[0].split("、")
                for name in named:
                    if name and not any(name in h for h in sub[0]["head"]):
                        flag("xref", f"cites the sub-region table for {name}, a column it lacks")
    if ("见数据附录" in text or "in the data appendix" in text) and not appendix:
        flag("xref", "cites the data appendix, which the report does not print")
    if ("列于主要数据表" in text or "in the key-figures table" in text or "见主要数据表" in text) and not \
            [t for t in page.tables if "主要数据 Key figures" in t["caption"]]:
        flag("xref", "cites the key-figures table, which the report does not print")
    if ("见“局限”" in text or "see Limitations" in text) and "局限与缺失数据" not in text:
        flag("xref", "cites the limitations, which the report does not print")
    # -- missing indicators ------------------------------------------------------------------------------------------
    printed = {r[0].split(" ")[0] for t in figures for r in t["rows"] if r}
    for m in re.finditer(r"缺少以下指标的数据：([^。]*)。", text):
        for name in m.group(1).split("、"):
            if any(p == name or p.startswith((name + "（", name + "[")) for p in printed):
                flag("missing", f"'{name}' said to have no figure, but the figures table prints a row of it")
    # -- refused figures called absent -----------------------------------------------------------------------------
    refused = refused_levels(page.items)
    chunks = [*page.items, page.subtitle, *page.paras]
    code = re.search(r"\((\d{6})\)", text)
    region = code.group(1) if code else ""
    for name in sorted(refused):
        for chunk in chunks:
            for m in re.finditer(r"资料中没有[^：；。]*?全境的([^；。]*?)数字", chunk):
                if name in m.group(1).split("、"):
                    flag("absent", f"'{name}' said to have no region-wide figure, but a figure of it was refused: "
                         + m.group(0))
            for m in re.finditer(r"缺少(?:以下指标|[^：。]*全境合计)的数据(?:（[^：]*）)?：([^。]*)。", chunk):
                if name in m.group(1).split("、"):
                    flag("absent", f"'{name}' said to be missing, but a figure of it was refused: " + m.group(0))
            head = chunk.split("：")[0]  # the line's subject: '<indicator>的目标…', '<region>每万名…持证社会工作者…'
            due = re.search(r"目标期限(?:为|（)(\d{4})年", chunk)
            if due and not bears_on(region, name, int(due.group(1))):
                continue  # no refused figure near the deadline: the line need not name one (editor 11 E11-2)
            if (chunk.startswith(name + "的") or name in head) and any(w in chunk for w in ABSENCE_WORDS) and \
                    "只就读入的数字而言" not in chunk:
                flag("absent", f"'{name}' said to have no dated figure, but a figure of it was refused: " + chunk)
    for chunk in chunks:
        if any(w in chunk for w in ABSENCE_WORDS[-2:]):
            flag("absent", "a deadline line that counts no undated or refused figure: " + chunk)
    stock = {n for n, k in indicator_names().items() if k in AS_OF_KEYS} & refused
    as_of = re.search(r"数据截至\s*Data as of\s*约?(\d{4})年", text)  # 约: an estimated page date
    if as_of:  # only a refused stock figure that may be as new as the basis touches it (editor 11 E11-1)
        stock = {n for n in stock if bears_on(region, n, int(as_of.group(1)), after=True)}
    if stock:
        basis = r"资料中没有任何注明日期的社工人才|(?<!读入的)存量数字中最新者"
        for m in re.finditer(basis, text):
            flag("absent", f"the basis line ignores refused stock figures ({'、'.join(sorted(stock))}): "
                 + m.group(0))
    # -- where each figure is listed ------------------------------------------------------------------------------
    latest_only = [t for t in page.tables if "latest figure of each indicator" in t["caption"]]
    if latest_only and re.search(r"各数字连同日期和口径列于主要数据表。", text):
        flag("tables", "each figure said to be in the key-figures table, which holds the latest of each only")
    # -- Chinese number style in English text --------------------------------------------------------------------
    for chunk in [*page.items, *page.paras, *page.captions]:
        for m in _ZH_NUMBER.finditer(chunk):
            before = _CJK.split(chunk[:m.start()])[-1]  # the text since the last Chinese character
            if before.rstrip().endswith(("“", "‘", '"')) or len(re.findall(r"[A-Za-z]{3,}", before)) < 2 or \
                    chunk[m.end():].lstrip().startswith("→"):
                continue  # quoted as written, in Chinese text, or a written form shown with its reading (4.4万 → …)
            flag("english", chunk[max(0, m.start() - 60):m.end() + 20])
    cells = [c for t in page.tables for c in [*t["head"], *(c for r in t["rows"] for c in r)]]
    for chunk in [*page.items, *page.paras, *page.captions, *cells]:
        for m in _ZH_IN_EN.finditer(chunk):
            flag("english", "Chinese words in English text: " + chunk[max(0, m.start() - 40):m.end() + 20])
    # -- table headers: bilingual, and no column empty throughout -------------------------------------------------
    for t in page.tables:
        for i, h in enumerate(t["head"]):
            if not (re.search(r"[\u4e00-\u9fff]", h) and re.search(r"[A-Za-z]", h)):
                flag("header", f"header '{h}' not in Chinese and English: {t['caption'][:80]}")
            cells = [r[i] for r in t["rows"] if i < len(r)]
            if i and cells and all(c.strip() in ("—", "") for c in cells):
                flag("header", f"column '{h}' has no entry in any row: {t['caption'][:80]}")
    # -- a sentence opened by a non-date: 日期未注明（见于…的文件），… (editor 12) ------------------------
    for chunk in [*page.items, *page.paras]:
        if re.match(r"(?:日期未注明|未注明日期)（[^）]*），|未注明日期，文件日期[^，。]*，", chunk):
            flag("opener", f"a sentence opens with an undated phrase as if it were a date: {chunk[:80]}")
    # -- a methods bullet too long to read (editor s28): each half at most BULLET_ZH / BULLET_EN characters -------
    if path.name.startswith("methods"):
        for item in page.items:
            zh, en = bullet_halves(item)
            if len(zh) > BULLET_ZH or len(en) > BULLET_EN:
                flag("long", f"a bullet of {len(zh)} Chinese and {len(en)} English characters "
                     f"(at most {BULLET_ZH} and {BULLET_EN}): {item[:60]}")
    # -- a date bracketed after a figure holding a bracket of its own (editor2 s28:
    # '82个（截至文件日期（约2022年7月））', '（最晚：2018年6月（文件日期））'): its bracket is opened into commas
    for chunk in [*page.items, *page.paras, *page.captions,
                  *(c for t in page.tables for r in t["rows"] for c in r)]:
        for m in [*NESTED_DATE.finditer(chunk), *NESTED_DATE_EN.finditer(chunk)]:
            flag("nested", f"a date bracket inside a bracket: {m.group(0)[:80]}")
    # -- a limitation line on figures refused in cleaning too long to read (editor2 s28: China's ran to 2,000
    # characters in one bullet; refusal_lines splits it by reason) ---------------------------------------------
    for item in page.items:
        if "在数据清理中被拒收" in item and len(bullet_halves(item)[0]) > REFUSED_ZH:
            flag("long", f"a line of refused figures of {len(bullet_halves(item)[0])} Chinese characters "
                 f"(at most {REFUSED_ZH}): {item[:60]}")
    # -- one rule said again in line after line (editor s28: the undated rule, once per indicator) --------------
    said = [item for item in page.items if "只知在所在文件的日期之前，不作为时间序列的点" in item]
    if len(said) > 1:
        flag("repeat", f"the undated-figures rule said in {len(said)} lines: {said[1][:60]}")
    # -- an undated figure's document date said as if it were the figure's (editor s28) ---------------------------
    for m in re.finditer(r"undated \(in a document of|见于约?\d{4}年(?:\d{1,2}月)?的文件）", text):
        flag("undated", "an undated figure's wording reads as if dated by its document: "
             + text[max(0, m.start() - 40):m.end() + 20].replace("\n", " "))
    # -- a reference's English description is marked as ours, never read as a title (editor 12) ------------------
    for m in re.finditer(r"(?:original title not recorded|has no title of its own|》) “[A-Z]", text):
        flag("title", f"an English description after a title, not marked as ours: {text[max(0, m.start() - 40):][:90]}")
    # -- captions: dates in the caption's languages, never ISO months (editor 12) --------------------------------
    for caption in page.captions:
        m = re.search(r"[(（]\d{4}-\d{2}(?!-\d)", caption)
        if m:
            flag("caption", f"an ISO month in a caption, neither Chinese nor English style: {caption[:100]}")
    # -- date cells: a date, never the curation's narrative (editor 12); a date as written never blank (s28) -------
    for t in page.tables:
        for i, h in enumerate(t["head"]):
            if h.startswith("日期原文 Date as written"):
                blank = sum(1 for r in t["rows"] if i < len(r) and not r[i].strip())
                if blank:
                    flag("datecell", f"{blank} blank date-as-written cell(s): {t['caption'][:80]}")
            if not h.startswith("日期 Date"):
                continue
            for r in t["rows"]:
                if i < len(r) and _DATE_NARRATION.search(r[i]):
                    flag("datecell", f"date cell narrates curation: {r[i][:120]}")
    # -- number agreement --------------------------------------------------------------------------------------------
    for m in re.finditer(r"\(s\)|\ball 1 [a-z]+|\bthe 1 [a-z]+|上列1份|"
                         r"(?<![\d.,])\b1 (?:[a-z-]+ ){0,3}(?:runs|figures|documents|results|"
                         r"were|are)\b|(?<![\d.])1项[^，。]*均", text):
        flag("number", text[max(0, m.start() - 60):m.end() + 30].replace("\n", " "))
    # -- range note ----------------------------------------------------------------------------------------------------
    for m in re.finditer(r"[^。]*（区间来自原文数字的取整或上下限）", text):
        if not re.search(r"\d–\d", m.group(0)):
            flag("range", m.group(0))
    # -- unit cells ---------------------------------------------------------------------------------------------------
    for t in page.tables:
        if t["head"][:2] == ["指标 Indicator", "单位 Unit"]:
            for r in t["rows"]:
                if len(r) > 1 and not r[0].startswith("口径") and re.match(r"^\s*[A-Za-z]", r[1]):
                    flag("unit", f"{r[0]}: unit cell '{r[1]}' has no Chinese")
    # -- date phrases after a preposition ---------------------------------------------------------------------------
    for m in re.finditer(r"\b(?:to|from|since|by|until|at|of|on) (?:in|as of|at|up to|since) (?:\d|end-|early|the "
                         r"|about |[A-Z][a-z]+ \d)", text):
        flag("date", text[max(0, m.start() - 60):m.end() + 20].replace("\n", " "))
    for m in re.finditer(r"有至|(?<!增)[至到于]截至", text):
        flag("date", text[max(0, m.start() - 40):m.end() + 20].replace("\n", " "))
    for m in re.finditer(r"增至截至", text):  # growth sentences' Chinese (referee 8a R8a-18): listed apart
        flag("date-growth", text[max(0, m.start() - 40):m.end() + 20].replace("\n", " "))
    # -- headings fitted to what they hold -------------------------------------------------------------------------
    for i, head in enumerate(page.headings):
        if re.search(r"排名|league table|ranked", head) and not any(
                t["section"] == i and "排名 Rank" in t["head"] for t in page.tables):
            flag("heading", f"'{head}' promises a league table, and the section holds none")
    if path.name.startswith("comparison"):
        for text in [*page.headings, *page.captions]:
            if re.search(r"下辖地区|[Ss]ub-region", text):
                flag("heading", f"'{text}' calls the provinces or prefectures sub-regions")
    # -- citation ----------------------------------------------------------------------------------------------------
    if page.cite and (page.h1 not in page.cite or page.subtitle not in page.cite):
        flag("cite", f"citation does not reproduce the title '{page.h1}' / '{page.subtitle}'")
    # -- promises and context models in the limitations ----------------------------------------------------------------
    for item in page.items:
        if "单侧增长率" in item:
            name = item.split("的数字", 1)[0]
            if not any(name in " ".join(" ".join(r) for r in t["rows"]) for t in rates):
                flag("promise", "promises a one-sided rate no growth table prints: " + item)
        if item.startswith("常住人口") or "常住人口的情景推算" in item:
            flag("promise", "a limitation about a model of the resident population: " + item)
        for m in re.finditer(r"原文：((?:“[^”]*”(?:（[^）]*）)? / )*“[^”]*”)", item):
            quoted = re.sub(r"（日期“[^”]*”）", "", m.group(1))  # the date, quoted as a date beside its figure
            if re.search(r"“(?:by the end of|before|in |\d{4}”)", quoted):
                flag("quote", "a date phrase quoted as the figure: " + m.group(0))
    # -- conflicts: one clause per cell or sentence; one computed row per region and date (editor 9, N-3) -----------
    cells = [c for t in page.tables for r in t["rows"] for c in r] + page.items
    for cell in cells:
        if cell.count("另有记载不一") > 1 or cell.count("本行所据记载不能同时成立") > 1:
            flag("conflict", "a conflict clause twice in one cell: " + cell)
        clauses = re.findall(r"[^（）。；]*记载(?:亦)?不能同时成立", cell)
        if len(clauses) != len(set(clauses)):
            flag("conflict", "the same conflict clause twice: " + cell)
    for t in page.tables:
        head = t["head"]
        if "地区 Region" in head and "人数日期 Count dated" in head:
            where, when = head.index("地区 Region"), head.index("人数日期 Count dated")
            seen: dict[str, list[str]] = {}
            for r in t["rows"]:
                if len(r) > max(where, when):
                    seen.setdefault(r[where], []).append(r[when])
            for region, dates in seen.items():
                if len(dates) != len(set(dates)):
                    flag("per-date", f"{t['caption']}: two rows for {region} at one date ({', '.join(dates)})")
                years = [int(m.group()) for d in dates for m in [re.search(r"\d{4}", d)] if m]
                if years != sorted(years):
                    flag("per-date", f"{t['caption']}: rows for {region} out of date order ({', '.join(dates)})")
    return out


#: Pages a build writes beside the reports that are not reports: the audit list quotes every report's sentences
#: (their cross-references point into those reports), the index lists them.
NOT_REPORTS = {"audit.html", "index.html"}


#: A decision's words that promise a number computed beside a refusal (the audit's gates_zh, phrasing's fallback
#: words): a rate, a trend, a curve, a gap or a table given instead. "只列出数字" (the figure listed) promises nothing.
PROMISE = re.compile(r"(?:改为)?只计算[^；。，]*|改用[^；。，]*|列出各段的增长率|只列出增长率和最新数字|"
                     r"只给出距目标的差额|只按数字的日期给出差距|只列出数字和距目标的差距")
#: Audit claim kinds whose content is the figures themselves (cards, charts).
SHOWS_FIGURES = {"cards", "chart"}


#: Fallbacks a refusal names that are true only of something the report prints elsewhere (referee 11 R11-2/R11-3):
#: the words, and what in the report's own text shows it was done (the report page beside audit.html).
DONE_ELSEWHERE = {"改用普通最小二乘的t区间": re.compile(r"趋势的95%置信区间"),
                  "各地区分别计算增长率": re.compile(r"年均增长约?-?\d"),
                  "各省密度分别列出": re.compile(r"每万名常住人口持证社会工作者 Certified social workers per"),
                  # a fallback that is itself a model: its result must be printed (ref-b B-1)
                  "改用对数线性趋势": re.compile(r"趋势的95%置信区间"),
                  "改用上限为100%的逻辑斯蒂曲线或对数线性趋势": re.compile(r"趋势的95%置信区间|逻辑斯蒂覆盖模型")}


@cache
def _report_text(folder: Path, report: str) -> str | None:
    """The text of the report ``report`` (a region code or 'comparison') built into ``folder``; None when absent."""
    found = sorted(folder.glob(f"{report}.html")) or sorted(folder.glob(f"{report}_*.html"))
    if not found:
        return None
    page = Page()
    page.feed(found[0].read_text(encoding="utf-8"))
    return "".join(page.text) + " ".join(page.captions)


def audit_problems(path: Path) -> list[str]:
    """Rows of audit.csv whose decision words promise what the claim's text does not print, or name a fallback
    (:data:`DONE_ELSEWHERE`) that the report, when built beside the audit, does not show anywhere."""
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("kind") in SHOWS_FIGURES:
                continue
            report = _report_text(path.parent, str(row.get("report", "")))
            for words, shown in DONE_ELSEWHERE.items():
                if words in row.get("gates_zh", "") and report is not None and not shown.search(report):
                    out.append(f"{path.name}: audit: {row.get('report')} {row.get('block')}: the decision says "
                               f"'{words}', which the report does not do: {row.get('text', '')[:160]}")
            for m in PROMISE.finditer(row.get("gates_zh", "")):
                if m.group(0) not in row.get("text", ""):
                    out.append(f"{path.name}: audit: {row.get('report')} {row.get('block')}: the decision promises "
                               f"'{m.group(0)}', which the claim does not print: {row.get('text', '')[:160]}")
                    break
    return out


def main(paths: list[str]) -> int:
    audits = [Path(p).with_name("audit.csv") for p in paths if Path(p).name == "audit.html"]
    paths = [p for p in paths if Path(p).name not in NOT_REPORTS]
    found = [p for path in paths for p in problems(Path(path))]
    found += [p for path in audits if path.is_file() for p in audit_problems(path)]
    for line in found:
        print(line)
    print(f"{len(paths)} reports checked, {len(found)} problems", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
