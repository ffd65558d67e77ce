"""Every sentence a report prints about a figure or a model result, written in one place.

Models return numbers and reasons; this module turns them into Chinese and English sentences that keep what the
data say and no more:

- each figure keeps its bound (至少 / at least, 超过 / more than, 约 / about, a range), and a gap or a growth rate
  computed from a bounded figure says which way it is bounded;
- each date keeps its precision and basis: 截至2022年6月底 (stated), 2022年7月前后（文件日期，估计） for "now" in a
  document whose date is estimated, 日期未注明 for an undated figure, 2021年以前 for a bound; never an estimated day;
- a definition scope other than the codebook's plain one is named (口径：专兼职合计);
- a count is never printed with a fraction; a projection never runs beyond the span of the data (the models'
  rule, repeated in the words);
- Chinese sentences use Chinese number and date style (万, 亿, 年月); English ones English style.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from swtoolkit.codebook import codebook, scope_label, units

Row = Mapping[str, Any]
COUNT_UNITS = ("persons", "person-times", "stations", "units", "organisations", "sessions", "projects", "teams",
               "cases", "visits", "activities", "households", "posts", "sites", "bases", "groups", "institutions",
               "events", "meetings", "documents", "files", "items", "records", "reports", "sets")
UNIT_ZH = {"persons": "人", "person-times": "人次", "stations": "个", "units": "个", "organisations": "家",
           "sessions": "期", "yuan": "元", "percent": "%", "projects": "个", "teams": "支", "hours": "小时",
           "cases": "个", "visits": "次", "activities": "次", "households": "户"}
BOUND_ZH = {"at_least": "不少于", "more_than": "超过", "at_most": "不超过", "less_than": "不到", "approx": "约",
            "rounded": "约"}
BOUND_EN = {"at_least": "at least ", "more_than": "more than ", "at_most": "at most ", "less_than": "less than ",
            "approx": "about ", "rounded": "about "}
PLAN_EN = {"十二五": "12th", "十三五": "13th", "十四五": "14th", "十五五": "15th"}
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def _s(row: Row, key: str) -> str:
    value = row.get(key, "") if row is not None else ""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _f(row: Row, key: str) -> float:
    try:
        return float(row.get(key))
    except (TypeError, ValueError):
        return math.nan


# ---- numbers ------------------------------------------------------------------------------------------------------
def number_zh(x: float, unit: str = "", count: bool | None = None) -> str:
    """A number in Chinese style: 3393, 7.93万, 1.3亿; a count has no fraction (a model's 15.7 家 prints 16 家)."""
    if x is None or not math.isfinite(x):
        return "—"
    count = unit in COUNT_UNITS if count is None else count
    if unit == "percent":
        return f"{_trim(x, 1)}%"
    if count:
        x = float(round(x))
    for factor, word in ((1e8, "亿"), (1e4, "万")):
        if abs(x) >= factor and abs(x / factor * 100 - round(x / factor * 100)) < 1e-6:
            return f"{_trim(x / factor, 2)}{word}"
    if abs(x) >= 1e5:
        return f"{_trim(x / 1e4, 2)}万"
    return _trim(x, 0 if count or abs(x - round(x)) < 1e-9 else 2)


def number_en(x: float, unit: str = "", count: bool | None = None) -> str:
    """A number in English style: 3,393, 79,300, 12.5%."""
    if x is None or not math.isfinite(x):
        return "n/a"
    count = unit in COUNT_UNITS if count is None else count
    if unit == "percent":
        return f"{_trim(x, 1)}%"
    if count or abs(x - round(x)) < 1e-9:
        return f"{round(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def _trim(x: float, places: int) -> str:
    text = f"{x:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def unit_zh(unit: str) -> str:
    if unit == "percent":
        return ""
    table = units()
    return UNIT_ZH.get(unit, table.loc[unit, "zh"] if unit in table.index else unit)


def unit_en(unit: str, value: float | None = None) -> str:
    """' persons', ' stations' ('' for percent); one person per …, not one persons."""
    if unit == "percent":
        return ""
    if value == 1 and unit.startswith("persons"):
        unit = "person" + unit[len("persons"):]
    return f" {unit}"


def axis_unit(unit: str) -> str:
    """The unit a chart writes beside its value axis: '单位：人 Unit: persons', '单位：% Unit: percent'. A chart's
    caption names what is drawn; the chart itself names only the unit (never the caption a second time)."""
    zh = "%" if unit == "percent" else unit_zh(unit)
    return f"单位：{zh} Unit: {unit}"


def figure_value(row: Row, lang: str = "zh") -> str:
    """One figure with its bound and unit: 超过1600人 / more than 1,600 persons; 约7.93万人; 600—1000元."""
    unit, qual = _s(row, "unit"), _s(row, "qualifier") or "exact"
    value, low, high = _f(row, "value"), _f(row, "value_low"), _f(row, "value_high")
    num = number_zh if lang == "zh" else number_en
    tail = unit_zh(unit) if lang == "zh" else unit_en(unit, value)
    if qual == "range":
        sep = "—" if lang == "zh" else "–"
        return f"{num(low, unit, False)}{sep}{num(high, unit, False)}{tail}"
    # a figure is printed as written, never rounded: 4.4万 stays 4.4万 (no count rounding of source figures)
    body = num(value, unit, False)
    if qual == "more_than" and math.isfinite(high) and high > value:
        if lang == "zh":
            return f"超过{body}{tail}、不足{num(high, unit, False)}{tail}"
        return f"more than {body} and below {num(high, unit, False)}{tail}"
    words = BOUND_ZH if lang == "zh" else BOUND_EN
    text = f"{words.get(qual, '')}{body}{tail}"
    also = _s(row, "also_written")  # one fact stated twice: the other statement is named, not hidden
    if also:
        also = also.replace(" ", "")
        text += f"（另一处记为{also}）" if lang == "zh" else f" (also given as {also})"
    return text


def be_zh(value_phrase: str) -> str:
    """'为' before a figure in Chinese, placed as a bound word needs it: 为3393人, 约为4.4万人, 超过300人."""
    if value_phrase.startswith("约"):
        return "约为" + value_phrase[1:]
    if value_phrase.startswith(("超过", "不少于", "不超过", "不到")):
        return value_phrase
    return "为" + value_phrase


# ---- dates --------------------------------------------------------------------------------------------------------
def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def _month_zh(d: dt.date) -> str:
    return f"{d.year}年{d.month}月"


#: Words that make a year's date its end (截至2021年底); a bare "2021年" is the year, never its last day.
YEAR_END_WORDS = re.compile(r"底|末|年终|end", re.I)


def _point(d: dt.date, precision: str, lang: str, year_end: bool = True) -> str:
    """A stated reference date in words at its precision: 2021年底 / end-2021, 2022年6月底 / end-June 2022.

    ``year_end=False`` (a year written without 底/末): the year alone, 2021年 / 2021.
    """
    zh = lang == "zh"
    if precision == "year" and not year_end:
        return f"{d.year}年" if zh else str(d.year)
    if d.month == 12 and d.day == 31 and precision in ("year", "period", "month"):
        return f"{d.year}年底" if zh else f"end-{d.year}"
    if precision in ("month", "period") and (d + dt.timedelta(days=1)).day == 1:
        return f"{d.year}年{d.month}月底" if zh else f"end-{MONTHS_EN[d.month - 1]} {d.year}"
    if precision == "year":
        return f"{d.year}年" if zh else str(d.year)
    return f"{d.year}年{d.month}月{d.day}日" if zh else f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


def figure_date(row: Row, lang: str = "zh") -> str:
    """When a figure refers to, with its precision and basis (see module docstring); '' when nothing is known."""
    basis, precision = _s(row, "date_basis") or "stated", _s(row, "ref_date_precision")
    ref, high = _date(_s(row, "ref_date")), _date(_s(row, "ref_date_high"))
    estimated = _s(row, "date_estimated") in ("True", "true", "1")
    if ref is None:
        return ""
    if basis == "undated":
        when = high or ref
        if lang == "zh":
            return f"日期未注明（见于{'约' if estimated else ''}{_month_zh(when)}的文件）"
        return f"undated (in a document of {'about ' if estimated else ''}{MONTHS_EN[when.month - 1]} {when.year})"
    if basis == "before":
        year = (high or ref).year + 1
        return f"{year}年以前" if lang == "zh" else f"before {year}"
    low = _date(_s(row, "ref_date_low"))
    if basis == "document" and low is not None and (low.year, low.month) != (ref.year, ref.month):
        # a page dated to its year only: its month is not known and is never printed
        if lang == "zh":
            return f"截至文件日期（{ref.year}年，月份未知）"
        return f"as of the document's date ({ref.year}, month not known)"
    if basis == "document":
        if lang == "zh":
            return f"截至文件日期{'（约' if estimated else '（'}{_month_zh(ref)}）"
        return f"as of {'about ' if estimated else ''}{MONTHS_EN[ref.month - 1]} {ref.year} (the document's date)"
    if basis == "plan":
        return f"到{ref.year}年" if lang == "zh" else f"by {ref.year}"
    plan = re.search(r"(十[二三四五]五)", _s(row, "date_as_written"))
    if plan:  # a five-year plan period: its end is the reference date, and the words say so
        if lang == "zh":
            return f"“{plan[1]}”时期（至{ref.year}年底）"
        return f"over the {PLAN_EN.get(plan[1], plan[1])} five-year plan period (to end-{ref.year})"
    year_end = bool(YEAR_END_WORDS.search(_s(row, "date_as_written")))
    if precision == "year" and not year_end:  # "2021年": the year, with no claim about its last day
        return f"{ref.year}年" if lang == "zh" else f"in {ref.year}"
    return f"截至{_point(ref, precision, 'zh')}" if lang == "zh" else f"at {_point(ref, precision, 'en')}"


def figure_point(row: Row, lang: str = "zh") -> str:
    """A figure's stated date as a bare point (no 截至 / at): 2021年底, 2020年 (a year without 底), 2022年6月底."""
    ref = _date(_s(row, "ref_date"))
    if ref is None:
        return ""
    if _s(row, "date_basis") == "document":  # a document's date: its month, said to be the document's
        if lang == "zh":
            return f"{_month_zh(ref)}（文件日期）"
        return f"{MONTHS_EN[ref.month - 1]} {ref.year} (document date)"
    year_end = bool(YEAR_END_WORDS.search(_s(row, "date_as_written")))
    return _point(ref, _s(row, "ref_date_precision"), lang, year_end)


def result_date(text: str, lang: str = "zh", precision: str = "day") -> str:
    """A date computed by a model (start or end of a fit): month precision at most, never an invented day."""
    d = _date(text)
    if d is None:
        return ""
    if lang == "zh":
        return f"{d.year}年底" if (d.month, d.day) == (12, 31) else f"{d.year}年{d.month}月"
    return f"end-{d.year}" if (d.month, d.day) == (12, 31) else f"{MONTHS_EN[d.month - 1]} {d.year}"


def decimal_year_phrase(t: float, lang: str = "zh") -> str:
    """A model's decimal year as a year and a half: 2028.05 → 2028年上半年 / first half of 2028."""
    if not math.isfinite(t):
        return "无法确定" if lang == "zh" else "cannot be determined"
    year, half = int(t), (t - int(t)) >= 0.5
    if lang == "zh":
        return f"{year}年{'下' if half else '上'}半年"
    return f"the {'second' if half else 'first'} half of {year}"


# ---- names --------------------------------------------------------------------------------------------------------
def indicator_name(key: str, lang: str = "zh") -> str:
    book = codebook()
    if key not in book.index:
        return key
    name = str(book.loc[key, "name_zh" if lang == "zh" else "name_en"])
    return name if lang == "zh" else (name[:1].lower() + name[1:] if not name[1:2].isupper() else name)


def scope_note(row: Row, lang: str = "zh") -> str:
    """（口径：专兼职人员合计） / (scope: full- and part-time staff) — '' for the plain definition."""
    key = _s(row, "scope")
    if not key:
        return ""
    if lang == "zh":
        return f"（口径：{scope_label(key, 'zh')}）"
    name = scope_label(key, "en")
    return f" (scope: {name[:1].lower() + name[1:]})"


def level_sentence(region_zh: str, region_en: str, row: Row) -> tuple[str, str]:
    """The latest level of one indicator in a region, with its bound, date basis and scope."""
    key = _s(row, "indicator")
    zh = (f"{figure_date(row, 'zh')}，{region_zh}{indicator_name(key, 'zh')}{scope_note(row, 'zh')}"
          f"{be_zh(figure_value(row, 'zh'))}。")
    en = (f"{region_en}: {indicator_name(key, 'en')}{scope_note(row, 'en')} {figure_value(row, 'en')}, "
          f"{figure_date(row, 'en')}.")
    return zh, en


def parts_sentence(region_zh: str, region_en: str, rows: list[Row]) -> tuple[str, str]:
    """Dated figures for named parts of a region (``subset``: 乡镇 only, 街道 only …) shown beside an undated total.

    The parts are never added up (they may not cover the region, or date from another day than the total); each
    keeps its own value phrase and the label of its part. ``rows`` share one indicator and one reference date.
    """
    key, first = _s(rows[0], "indicator"), rows[0]

    def part_zh(r: Row) -> str:
        label = _s(r, "subset")
        if label.endswith(" only"):  # the curators' form for one named part: "乡镇 only"
            return f"{label.removesuffix(' only')}{figure_value(r, 'zh')}"
        return f"{figure_value(r, 'zh')}（{label}）"

    zh_parts = "、".join(part_zh(r) for r in rows)
    en_parts = ", ".join(f"{figure_value(r, 'en')} ({_s(r, 'subset')})" for r in rows)
    zh = (f"{figure_date(first, 'zh')}，{region_zh}{indicator_name(key, 'zh')}另有分项数（分项不相加，也不替代合计）："
          f"{zh_parts}。")
    en = (f"{region_en}: {indicator_name(key, 'en')} for parts of the region, {figure_date(first, 'en')}: {en_parts} "
          f"(parts are not added up and do not replace the total).")
    return zh, en


# ---- model results ------------------------------------------------------------------------------------------------
def _rate(x: float) -> str:
    """A growth rate in percent: one decimal, or two below 0.1% (never 0.0% for a non-zero rate, never rounded up
    to 0.1% from a floored lower bound)."""
    if not math.isfinite(x):
        return "—"
    pct = x * 100
    return f"{pct:.2f}%" if 0 < abs(pct) < 0.1 else f"{pct:.1f}%"


def figure_ids_of(result: Row) -> list[str]:
    """The figure ids a result rests on (its `;`-joined figure_ids split)."""
    return [i for i in _s(result, "figure_ids").replace(" ", ";").split(";") if i]


def _figures(result: Row, figures: Mapping[str, Row]) -> tuple[list[Row], list[Row]]:
    """(levels, targets) a result rests on, from the clean rows."""
    from swtoolkit.models.comparability import merge_facts

    rows = [figures[i] for i in figure_ids_of(result) if i in figures]
    levels = merge_facts([r for r in rows if _s(r, "kind") != "target"])  # one fact stated twice: one level
    return levels, [r for r in rows if _s(r, "kind") == "target"]


def _gap_amount(result: Row, target: Row, lang: str) -> str:
    """The gap with the bound it inherits: an open target (超10万) makes the gap open too."""
    unit = _s(result, "unit")
    low, high, est = _f(result, "band_low"), _f(result, "band_high"), _f(result, "estimate")
    low = low if math.isfinite(low) else est
    high = high if math.isfinite(high) else est
    num = number_zh if lang == "zh" else number_en
    tail = unit_zh(unit) if lang == "zh" else unit_en(unit)
    tq = _s(target, "qualifier")
    if tq in ("at_least", "more_than"):
        word = {"at_least": ("至少", "at least "), "more_than": ("超过", "more than ")}[tq]
        return f"{word[0] if lang == 'zh' else word[1]}{num(low, unit, False)}{tail}"
    if abs(high - low) > 1e-9:
        sep = "—" if lang == "zh" else "–"
        return f"{num(low, unit, False)}{sep}{num(high, unit, False)}{tail}"
    return f"{num(est, unit, False)}{tail}"


def _gap(result: Row, figures: Mapping[str, Row], stats: Mapping[str, Row]) -> tuple[str, str] | None:
    levels, targets = _figures(result, figures)
    if not levels or not targets:
        return None
    level, target = levels[-1], targets[-1]
    key = _s(result, "indicator")
    rz, re_ = _s(result, "region_name"), _s(level, "region_name_en") or _s(result, "region_name")
    est = _f(result, "estimate")
    reached = est <= 0 and _s(target, "qualifier") not in ("at_least", "more_than")
    zh = (f"{rz}{indicator_name(key)}{scope_note(level)}{figure_date(level)}{be_zh(figure_value(level))}，"
          f"{_target_year(target)}年的目标{be_zh(figure_value(target))}，")
    en = (f"{re_}: {indicator_name(key, 'en')}{scope_note(level, 'en')} {figure_value(level, 'en')} "
          f"{figure_date(level, 'en')}, against a target of {figure_value(target, 'en')} "
          f"{figure_date(target, 'en')}; ")
    if reached:
        zh += "已达到目标"
        en += "the target is reached"
    else:
        zh += f"尚差{_gap_amount(result, target, 'zh')}"
        en += f"{_gap_amount(result, target, 'en')} short"
    progress, elapsed = stats.get("log-scale progress"), stats.get("plan elapsed")
    if progress is not None and elapsed is not None:
        zh += (f"；按对数尺度已完成自规划起点以来所需增长的{_f(progress, 'estimate'):.0%}，"
               f"规划期已过{_f(elapsed, 'estimate'):.0%}")
        en += (f"; on a log scale {_f(progress, 'estimate'):.0%} of the growth needed since the plan's start, with "
               f"{_f(elapsed, 'estimate'):.0%} of the plan period elapsed")
    return zh + "。", en + "."


def _required(result: Row, figures: Mapping[str, Row], stats: Mapping[str, Row]) -> tuple[str, str] | None:
    levels, targets = _figures(result, figures)
    if not levels or not targets:
        return None
    level, target = levels[-1], targets[-1]
    key, rz = _s(result, "indicator"), _s(result, "region_name")
    re_ = _s(level, "region_name_en") or rz
    at_least_zh, at_least_en, g = _required_rate(result, target)
    band = [_f(result, "band_low"), _f(result, "band_high")]
    rng_zh = rng_en = ""
    if all(math.isfinite(b) for b in band) and _rate(band[0]) != _rate(band[1]):
        rng_zh = f"（按该数字的取整区间，为{_rate(band[0])}—{_rate(band[1])}）"
        rng_en = f" ({_rate(band[0])} to {_rate(band[1])} across the figure's bounds)"
    zh = (f"{rz}{indicator_name(key)}{scope_note(level)}{figure_date(level)}{be_zh(figure_value(level))}，从该水平"
          f"到{_target_year(target)}年{figure_value(target)}的目标，所需年均增速为{at_least_zh}{_rate(g)}{rng_zh}。")
    en = (f"{re_}: to go from {figure_value(level, 'en')} ({figure_date(level, 'en')}) to the target of "
          f"{figure_value(target, 'en')} {figure_date(target, 'en')}, {indicator_name(key, 'en')} needed "
          f"{at_least_en}{_rate(g)} a year from that level{rng_en}.")
    return zh, en


def _target_year(target: Row) -> str:
    return _s(target, "target_year") or _s(target, "ref_date")[:4]


def region_en(result: Row) -> str:
    """The English (pinyin) name of a result's region, from the region table."""
    from swtoolkit import regions

    try:
        return regions.get(_s(result, "region_code")).name_en
    except Exception:  # noqa: BLE001 - a comparison group's code (CN, a province's prefectures) is no region
        return _s(result, "region_name")


def _required_rate(result: Row, target: Row) -> tuple[str, str, float]:
    """(bound word zh, bound word en, rate) of a required growth rate: toward a floor target (不少于, 超过) the rate
    is itself a lower bound, rounded down from the lowest rate the current figure's bounds allow."""
    g = _f(result, "estimate")
    zh, en = {"at_least": ("至少", "at least "), "more_than": ("超过", "more than ")}.get(_s(target, "qualifier"),
                                                                                       ("", ""))
    if zh:
        low = min(x for x in (g, _f(result, "band_low")) if math.isfinite(x))
        g = math.floor(low * 1000) / 1000
        if g == 0 and low > 0:  # a small positive floor is never printed as 0.0%: round down at 0.01% instead
            g = math.floor(low * 10000) / 10000
    return zh, en, g


def _cagr(result: Row, figures: Mapping[str, Row], stats: Mapping[str, Row]) -> tuple[str, str] | None:
    levels, _ = _figures(result, figures)
    if len(levels) < 2:
        return None
    first, last = levels[0], levels[-1]
    key, rz = _s(result, "indicator"), _s(result, "region_name")
    re_ = _s(last, "region_name_en") or rz
    g = _f(result, "estimate")
    band = [_f(result, "band_low"), _f(result, "band_high")]
    rng_zh = rng_en = ""
    if all(math.isfinite(b) for b in band) and _rate(band[0]) != _rate(band[1]):  # bounded or rounded figures
        rng_zh = f"；按两数的取整或上下限，在{_rate(band[0])}—{_rate(band[1])}之间"
        rng_en = f"; {_rate(band[0])} to {_rate(band[1])} across the figures' rounding or bounds"
    if _s(last, "kind") == "cumulative":  # a cumulative count (ever certified …) is named as such
        rz += "累计"
    verb_zh, verb_en = ("降至", "fell from") if g < 0 else ("增至", "went from")
    zh = (f"{rz}{indicator_name(key)}{scope_note(last)}从{figure_date(first)}的{figure_value(first)}{verb_zh}"
          f"{figure_date(last)}的{figure_value(last)}，年均{'变化' if g < 0 else '增长'}{_rate(g)}"
          f"（两点之间的复合增长率{rng_zh}）。")
    cumulative = " (cumulative count)" if _s(last, "kind") == "cumulative" else ""
    en = (f"{re_}: {indicator_name(key, 'en')}{scope_note(last, 'en')}{cumulative} {verb_en} "
          f"{figure_value(first, 'en')} "
          f"({figure_date(first, 'en')}) to {figure_value(last, 'en')} ({figure_date(last, 'en')}), "
          f"{_rate(g)} a year (compound rate between two points{rng_en}).")
    return zh, en


def _projection(result: Row, figures: Mapping[str, Row], stats: Mapping[str, Row]) -> tuple[str, str] | None:
    levels, _ = _figures(result, figures)
    if len(levels) < 2:
        return None
    key, rz, unit = _s(result, "indicator"), _s(result, "region_name"), _s(result, "unit")
    re_ = _s(levels[-1], "region_name_en") or rz
    end = _s(result, "end_date")
    est, lo, hi = _f(result, "estimate"), _f(result, "low"), _f(result, "high")
    zh = (f"情景推算（非预测）：若保持此前的年均增速，{rz}{indicator_name(key)}到{result_date(end)}约为"
          f"{number_zh(est, unit)}{unit_zh(unit)}（增速上下浮动5个百分点时为{number_zh(lo, unit)}—"
          f"{number_zh(hi, unit)}{unit_zh(unit)}；推算期不超过数据跨度）。")
    en = (f"Scenario, not a forecast: at the past annual rate, {indicator_name(key, 'en')} in {re_} would be about "
          f"{number_en(est, unit)}{unit_en(unit)} by {result_date(end, 'en')} (growth ± 5 points: "
          f"{number_en(lo, unit)}–{number_en(hi, unit)}; no further ahead than the data span).")
    return zh, en


def _loglinear(result: Row, figures: Mapping[str, Row], stats: Mapping[str, Row]) -> tuple[str, str] | None:
    key, rz = _s(result, "indicator"), _s(result, "region_name")
    g, lo, hi, n = _f(result, "estimate"), _f(result, "low"), _f(result, "high"), _s(result, "n_points")
    start, end = _s(result, "start_date"), _s(result, "end_date")
    span_zh = f"（{result_date(start)}至{result_date(end)}）" if start and end else ""
    span_en = f" ({result_date(start, 'en')} to {result_date(end, 'en')})" if start and end else ""
    zh = (f"按{n}个日期点{span_zh}的对数线性趋势，{rz}{indicator_name(key)}年均增长{_rate(g)}"
          f"（趋势的95%置信区间{_rate(lo)}—{_rate(hi)}）。")
    en = (f"On a log-linear trend through {n} dated points{span_en}, {indicator_name(key, 'en')} in "
          f"{region_en(result)} grew {_rate(g)} a year (95% confidence interval of the trend {_rate(lo)} to "
          f"{_rate(hi)}).")
    return zh, en


def _attainment(result: Row, figures: Mapping[str, Row], stats: Mapping[str, Row]) -> tuple[str, str] | None:
    levels, targets = _figures(result, figures)
    if not targets:
        return None
    key, rz = _s(result, "indicator"), _s(result, "region_name")
    t, lo, hi = _f(result, "estimate"), _f(result, "low"), _f(result, "high")
    fieller = "Fieller" in _s(result, "interval")
    zh = f"按当前增速，{rz}{indicator_name(key)}约在{decimal_year_phrase(t)}达到{figure_value(targets[-1])}"
    en = (f"At the current pace, {indicator_name(key, 'en')} in {region_en(result)} reaches "
          f"{figure_value(targets[-1], 'en')} in {decimal_year_phrase(t, 'en')}")
    if fieller and math.isfinite(lo) and math.isfinite(hi):
        zh += f"（95% Fieller区间：{decimal_year_phrase(lo)}至{decimal_year_phrase(hi)}）"
        en += f" (95% Fieller interval: {decimal_year_phrase(lo, 'en')} to {decimal_year_phrase(hi, 'en')})"
    elif math.isfinite(lo) and math.isfinite(hi):
        zh += f"（增速±5个百分点的情景：{decimal_year_phrase(lo)}至{decimal_year_phrase(hi)}，非置信区间）"
        en += (f" (scenario, growth ± 5 points: {decimal_year_phrase(lo, 'en')} to "
               f"{decimal_year_phrase(hi, 'en')}; not a confidence interval)")
    return zh + "。", en + "."


def _staffing(result: Row, figures: Mapping[str, Row], stats: Mapping[str, Row]) -> tuple[str, str] | None:
    rows = [figures[i] for i in figure_ids_of(result) if i in figures]
    norms = [r for r in rows if _s(r, "kind") == "norm"]
    if not norms:
        return None
    key, rz, unit = _s(result, "indicator"), _s(result, "region_name"), _s(result, "unit")
    re_ = region_en(result)
    est = _f(result, "estimate")
    norm_zh = "；".join(figure_value(n) for n in norms)
    norm_en = "; ".join(figure_value(n, "en") for n in norms)
    what = "需求" if _s(result, "statistic") == "staffing need" else "缺口"
    floor = any(_s(n, "qualifier") in ("at_least", "more_than") for n in norms)
    zh = (f"按已采纳的配备标准（{norm_zh}），{rz}{indicator_name(key)}的{what}{'至少' if floor else ''}为"
          f"{number_zh(est, unit)}{unit_zh(unit)}。")
    en = (f"By the adopted staffing norms ({norm_en}), the {'need' if what == '需求' else 'gap'} for "
          f"{indicator_name(key, 'en')} in {re_} is {'at least ' if floor else ''}{number_en(est, unit)}"
          f"{unit_en(unit)}.")
    return zh, en


def _logistic(result: Row, figures: Mapping[str, Row], stats: Mapping[str, Row]) -> tuple[str, str] | None:
    key, rz = _s(result, "indicator"), _s(result, "region_name")
    zh = (f"{rz}{indicator_name(key)}的逻辑斯蒂覆盖模型（上限100%）：{_s(result, 'statistic')} = "
          f"{_f(result, 'estimate'):.3g}。")
    en = (f"Logistic coverage model (ceiling 100%) for {indicator_name(key, 'en')} in {region_en(result)}: "
          f"{_s(result, 'statistic')} = {_f(result, 'estimate'):.3g}.")
    return zh, en


def _inequality(result: Row, figures: Mapping[str, Row], stats: Mapping[str, Row]) -> tuple[str, str] | None:
    key, rz, n = _s(result, "indicator"), _s(result, "region_name"), _s(result, "n_points")
    name = {"gini": ("基尼系数", "Gini coefficient"), "theil": ("泰尔指数", "Theil index"),
            "sigma": ("变异系数", "coefficient of variation")}[_s(result, "model")]
    when = result_date(_s(result, "end_date"))
    zh = f"{when}{rz}{n}个地区{indicator_name(key)}的{name[0]}为{_f(result, 'estimate'):.3f}（描述性，地区为普查）。"
    en = (f"{name[1].capitalize()} of {indicator_name(key, 'en')} across {n} regions ({rz}), "
          f"{result_date(_s(result, 'end_date'), 'en')}: {_f(result, 'estimate'):.3f} (descriptive; regions are a "
          "census).")
    return zh, en


def result_value(result: Row, figures: Mapping[str, Row]) -> str:
    """A gap's or a required rate's value for a results table, with the bound its sentence states ('' for the
    others, which the table formats itself): 'more than 20,650 persons', 'more than 5.9%'."""
    model = _s(result, "model")
    if model not in ("gap", "required_growth"):
        return ""
    levels, targets = _figures(result, figures)
    if not targets:
        return ""
    if model == "gap":
        return _gap_amount(result, targets[-1], "en")
    _, word, g = _required_rate(result, targets[-1])
    return f"{word}{_rate(g)}"


#: Results-table families: each table holds one kind of number, so each of its columns has one style.
RESULT_FAMILIES = {"cagr": "rate", "loglinear": "rate", "required_growth": "rate", "gap": "level",
                   "projection": "level", "staffing_gap": "level", "attainment": "year"}
BOUND_SIGN = {"at_least": "≥", "more_than": ">"}


def _year_month(x: float) -> str:
    """A decimal year as the month it falls in, ISO style: 2023.83 → '2023-11'."""
    year = math.floor(x)
    return f"{year}-{min(int((x - year) * 12) + 1, 12):02d}"


def _pair(low: float, high: float, write: Callable[[float], str]) -> str:
    """'a – b' when both ends are known and differ as written, else ''."""
    if not (math.isfinite(low) and math.isfinite(high)) or write(low) == write(high):
        return ""
    return f"{write(low)} – {write(high)}"


def result_cells(result: Row, figures: Mapping[str, Row]) -> tuple[str, str, str]:
    """(family, value, range) of one model result for a results table, in the one number style of its family
    (RESULT_FAMILIES): 'rate' in percent with one decimal ('23.6%', '>0.05%'); 'level' in whole numbers with
    thousands separators ('56,135', '>150'), the unit in its own column; 'year' as year and month ('2023-11').
    The range is the band from rounded or bounded figures, or the model's interval ('' when there is none). A bound
    inherited from an open target is a sign before the number (≥, >), never words in a number column."""
    model = _s(result, "model")
    family = RESULT_FAMILIES.get(model, "level")
    est, low, high = _f(result, "estimate"), _f(result, "low"), _f(result, "high")
    band = (_f(result, "band_low"), _f(result, "band_high"))
    _, targets = _figures(result, figures)
    open_target = BOUND_SIGN.get(_s(targets[-1], "qualifier"), "") if targets else ""
    if family == "rate":
        if model == "required_growth" and targets:
            _, _, g = _required_rate(result, targets[-1])
            return family, f"{open_target}{_rate(g)}", ""
        spread = _pair(*band, _rate) if model == "cagr" else _pair(low, high, _rate)
        return family, _rate(est), spread
    if family == "year":
        return family, _year_month(est), _pair(low, high, _year_month)
    whole = lambda x: f"{round(x):,}"  # noqa: E731
    if model == "gap":
        lo = band[0] if math.isfinite(band[0]) else est
        if open_target:
            return family, f"{open_target}{whole(lo)}", ""
        return family, whole(est), _pair(*band, whole)
    return family, whole(est), _pair(low, high, whole)


#: Sentence writers by model key; one entry per model a report quotes.
PHRASES: dict[str, Callable[[Row, Mapping[str, Row], Mapping[str, Row]], tuple[str, str] | None]] = {
    "gap": _gap, "required_growth": _required, "cagr": _cagr, "projection": _projection, "loglinear": _loglinear,
    "attainment": _attainment, "staffing_gap": _staffing, "logistic": _logistic, "gini": _inequality,
    "theil": _inequality, "sigma": _inequality,
}
#: Statistics of a model that belong in its headline sentence and are not quoted on their own.
COMPANION_STATS = {"gap": ("attainment y/T", "log-scale progress", "plan elapsed")}


def result_sentence(result: Row, figures: Mapping[str, Row], companions: Mapping[str, Row] | None = None
                    ) -> tuple[str, str] | None:
    """(Chinese, English) sentence for one allowed model result, or None when it cannot be phrased honestly.

    ``figures`` maps figure_id → clean row; ``companions`` maps statistic → result row of the same model and
    figures (a gap's attainment, log-scale progress and plan share elapsed).
    """
    writer = PHRASES.get(_s(result, "model"))
    if writer is None:
        return None
    return writer(result, figures, companions or {})


# ---- a province against the nation ---------------------------------------------------------------------------------
def _side_date(side: Mapping[str, Any], key: str, figure_id: str | None, figures: Mapping[str, Row],
               lang: str) -> str:
    """The date of one side of a comparison in words: from its figure (precision as written) where known."""
    row = figures.get(figure_id) if figure_id else None
    if row is None or _s(row, "ref_date")[:10] != str(side[key])[:10]:
        # a merged fact carries the better-dated statement's date: find that statement among the side's figures
        row = next((figures[i] for i in side.get("figure_ids") or [] if i in figures
                    and _s(figures[i], "ref_date")[:10] == str(side[key])[:10]), None)
    return figure_point(row, lang) if row is not None else result_date(str(side[key]), lang)


def _density_phrase(side: Mapping[str, Any], lang: str, figures: Mapping[str, Row]) -> str:
    v, lo, hi = (float(side.get(k, math.nan)) for k in ("value", "low", "high"))
    shown = f"{v:.2f}" if not (math.isfinite(lo) and math.isfinite(hi)) or f"{lo:.2f}" == f"{hi:.2f}" \
        else f"{lo:.2f}–{hi:.2f}"
    ids = list(side.get("figure_ids") or [])
    count = _side_date(side, "end", ids[0] if ids else None, figures, lang)
    people = _side_date(side, "population_date", ids[-1] if len(ids) > 1 else None, figures, lang)
    if lang == "zh":
        return f"{shown}人（{count}，人口按{people}计）"
    return f"{shown} ({count}; population of {people})"


def national_context_sentence(comparison: Any, region_zh: str, region_en: str,
                              figures: Mapping[str, Row] | None = None) -> tuple[str, str]:
    """Zh and en sentences for one province-vs-nation comparison (swtoolkit.models.national.Comparison): the two
    numbers with their dates where the gate allowed it, else what was not compared and why.

    ``figures`` (figure_id → clean row) gives each date its precision as written (2020年, not 2020年底)."""
    what, p, n = comparison.what, comparison.province, comparison.national
    figures = figures or {}
    name_zh, name_en = indicator_name("certified_social_workers"), indicator_name("certified_social_workers", "en")
    if not comparison.allowed:
        label_zh = "每万名常住人口" + name_zh if what == "density" else name_zh + "增速"
        label_en = f"{name_en} per 10,000 residents" if what == "density" else f"growth of {name_en}"
        return (f"{region_zh}{label_zh}未与全国比较。", f"{region_en}: {label_en} not compared with the national "
                f"figure: {comparison.reason}.")
    if what == "density":
        pz, nz = _density_phrase(p, "zh", figures), _density_phrase(n, "zh", figures)
        pe, ne = _density_phrase(p, "en", figures), _density_phrase(n, "en", figures)
        zh = (f"每万名常住人口{name_zh}：{region_zh}为{pz}，全国为{nz}"
              "（区间来自原文数字的取整或上下限）。")
        en = (f"{name_en[:1].upper() + name_en[1:]} per 10,000 residents: {region_en} {pe}, "
              f"China {ne} (ranges from the rounding or bounds of the figures as written).")
        return zh, en

    def ends(side: Mapping[str, Any], lang: str) -> tuple[str, str]:
        ids = list(side.get("figure_ids") or [None, None])
        return (_side_date(side, "start", ids[0], figures, lang), _side_date(side, "end", ids[-1], figures, lang))

    (p0, p1), (n0, n1) = ends(p, "zh"), ends(n, "zh")
    (p0e, p1e), (n0e, n1e) = ends(p, "en"), ends(n, "en")
    same = (p["start"], p["end"]) == (n["start"], n["end"])  # else the national span is only close to it
    zh = (f"{region_zh}{name_zh}从{p0}到{p1}年均增长{_rate(p['value'])}；"
          f"全国{'同期' if same else '在相近时期'}（{n0}至{n1}）年均增长{_rate(n['value'])}"
          "（均为两点之间的复合增长率）。")
    en = (f"{region_en}: {name_en} grew {_rate(p['value'])} a year from {p0e} to {p1e}; China "
          f"{_rate(n['value'])} a year over {'the same' if same else 'a close'} period "
          f"({n0e} to {n1e}; compound rates between two points).")
    return zh, en
