"""Every sentence a report prints about a figure or a model result, written in one place.

Models return numbers and reasons; this module turns them into Chinese and English sentences that keep what the
data say and no more:

- each figure keeps its bound (至少 / at least, 超过 / more than, 约 / about, a range), and a gap or a growth rate
  computed from a bounded figure says which way it is bounded;
- each date keeps its precision and basis: 截至2022年6月底 (a stock, stated), 2022年1—6月 / 2022年上半年 (a flow
  counted over a stated period, never 截至), 2022年7月前后（文件日期，估计） for "now" in a
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

from swtoolkit.codebook import codebook, scope_label, units, written_units

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
PLAN_EN = {"十一五": "11th", "十二五": "12th", "十三五": "13th", "十四五": "14th", "十五五": "15th"}
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


def _source_number_zh(x: float, unit: str = "", count: bool | None = None) -> str:
    """A source's figure in Chinese style, never rounded: number_zh, except that a figure of 100,000 or more that
    万 with two decimals would round keeps every digit (152985 → 15.2985万, not 15.3万)."""
    said = number_zh(x, unit, count)
    if said.endswith("万") and x is not None and math.isfinite(x) and abs(x) >= 1e5 and unit != "percent":
        exact = _trim(x / 1e4, 4 if abs(x - round(x)) < 1e-9 else 6)
        return f"{exact}万"
    return said


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


def unit_zh(unit: str, written: str = "") -> str:
    """The Chinese unit word after a figure: the word the source wrote (名, 位, 个 for 个家庭) when it is a word of
    the figure's codebook unit and not a rate, else the unit's own word (人, 户, 人次, 元/站); '' for percent. The
    one place a figure's unit is worded in Chinese, so a 户 figure never reads as 人 and a 人 figure never as 人次."""
    if unit == "percent":
        return ""
    if written and " per " not in unit and written in written_units().get(unit, ()):
        return written  # (a rate's word names only its numerator: 20,000元 a station stays 元/站)
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
    num = _source_number_zh if lang == "zh" else number_en
    tail = unit_zh(unit, _s(row, "unit_as_written")) if lang == "zh" else unit_en(unit, value)
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
    return text + also_note(row, lang)


def also_note(row: Row, lang: str = "zh") -> str:
    """The note after a fact stated twice (comparability.merge_facts ``also_written``): the other statement named,
    and when the date is borrowed from it, that too: '（另一处记为4.4万人，日期据该处）'; '' for a single statement.
    The one wording, for sentences and table cells alike."""
    also = _s(row, "also_written")  # one fact stated twice: the other statement is named, not hidden
    if not also:
        return ""
    dated_there = _s(row, "date_from").replace(" ", "") == also.replace(" ", "")
    also = also.replace(" ", "")
    if dated_there:  # the value is undated; its date is the other statement's, and the words say so
        return (f"（另一处记为{also}，日期据该处）" if lang == "zh"
                else f" (also given as {also}, the statement that carries the date)")
    return f"（另一处记为{also}）" if lang == "zh" else f" (also given as {also})"


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


def _point(d: dt.date, precision: str, lang: str, year_end: bool = True, month_end: bool = True) -> str:
    """A stated reference date in words at its precision: 2021年底 / end-2021, 2022年6月底 / end-June 2022.

    ``year_end=False`` (a year written without 底/末): the year alone, 2021年 / 2021. ``month_end=False`` (a month
    written without 底/末, 2021年5月): the month alone, 2021年5月 / May 2021, never its last day (review R6b-18).
    """
    zh = lang == "zh"
    if precision == "year" and not year_end:
        return f"{d.year}年" if zh else str(d.year)
    if precision == "month" and not month_end:
        return f"{d.year}年{d.month}月" if zh else f"{MONTHS_EN[d.month - 1]} {d.year}"
    if d.month == 12 and d.day == 31 and precision in ("year", "period", "month"):
        return f"{d.year}年底" if zh else f"end-{d.year}"
    if precision in ("month", "period") and (d + dt.timedelta(days=1)).day == 1:
        return f"{d.year}年{d.month}月底" if zh else f"end-{MONTHS_EN[d.month - 1]} {d.year}"
    if precision == "year":
        return f"{d.year}年" if zh else str(d.year)
    return f"{d.year}年{d.month}月{d.day}日" if zh else f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


#: A month named in a written date (2021年 5月, 今年9月, 五月) and no day: without 底/末 it is the month, not its end.
_MONTH_WRITTEN = re.compile(r"(\d{1,2}|[一二三四五六七八九十]{1,2})\s*月(?!\s*\d|\s*[一二三四五六七八九十]+日)")


def _month_end_written(row: Row) -> bool:
    """False when the written date names a month without 底/末 (2021年5月): the point is that month, not its end."""
    written = _s(row, "date_as_written")
    return bool(YEAR_END_WORDS.search(written)) or not _MONTH_WRITTEN.search(written)


def _period(start: dt.date, end: dt.date, written: str, lang: str) -> str:
    """A stated period a flow is counted over, in words: 2022年 / 2022年5月 / 2022年上半年 / 2022年1—6月 /
    2021年12月—2022年3月 / 2022年5月31日—6月2日 (in 2022, May 2022, first half of 2022, January–June 2022 …).
    A period written without its year (5月31日至6月2日) says that the year is the document's."""
    words = _period_words(start, end, written, lang)
    if written and not re.search(r"\d{4}|[〇零一二三四五六七八九]{4}", written):
        words += "（年份据文件日期）" if lang == "zh" else " (year from the document's date)"
    return words


def _period_words(start: dt.date, end: dt.date, written: str, lang: str) -> str:
    zh = lang == "zh"
    whole_months = start.day == 1 and (end + dt.timedelta(days=1)).day == 1
    if whole_months and start.year == end.year:
        y, m1, m2 = start.year, start.month, end.month
        if (m1, m2) == (1, 12):
            return f"{y}年" if zh else f"in {y}"
        if m1 == m2:
            return f"{y}年{m1}月" if zh else f"in {MONTHS_EN[m1 - 1]} {y}"
        if (m1, m2) == (1, 6) and "上半年" in written:
            return f"{y}年上半年" if zh else f"in the first half of {y}"
        return f"{y}年{m1}—{m2}月" if zh else f"{MONTHS_EN[m1 - 1]}–{MONTHS_EN[m2 - 1]} {y}"
    if whole_months:
        if zh:
            return f"{start.year}年{start.month}月—{end.year}年{end.month}月"
        return f"{MONTHS_EN[start.month - 1]} {start.year}–{MONTHS_EN[end.month - 1]} {end.year}"
    if zh:
        tail = f"{end.month}月{end.day}日" if start.year == end.year else f"{end.year}年{end.month}月{end.day}日"
        return f"{start.year}年{start.month}月{start.day}日—{tail}"
    return f"{start.day} {MONTHS_EN[start.month - 1]} {start.year}–{end.day} {MONTHS_EN[end.month - 1]} {end.year}"


def figure_date(row: Row, lang: str = "zh") -> str:
    """When a figure refers to, with its precision and basis (see module docstring); '' when nothing is known.

    The one wording of a figure's date: a flow counted over a stated period (clean ``period_start``) is the period
    (2022年1—6月, 2022年5月, 2022年上半年), never 截至 its end; a stock at a stated date is 截至 that date. A flow
    whose source gives only the end of its period (369 projects run 截至2022年6月底) is counted up to that date
    from a start the source does not give: '至2022年6月底（起始未注明）', never 截至 as if it were a stock.
    """
    words = _figure_date(row, lang)
    if not is_flow(row):
        return words
    if lang == "zh" and words.startswith("截至"):
        return f"至{words[2:]}（起始未注明）"
    if lang != "zh" and words.startswith(("at ", "as of ")):
        return f"up to {words.split(' ', 2 if words.startswith('as of') else 1)[-1]} (start not stated)"
    return words


def _figure_date(row: Row, lang: str = "zh") -> str:
    """The words of :func:`figure_date` before a flow's point is turned into the end of its period."""
    basis, precision = _s(row, "date_basis") or "stated", _s(row, "ref_date_precision")
    ref, high = _date(_s(row, "ref_date")), _date(_s(row, "ref_date_high"))
    estimated = _s(row, "date_estimated") in ("True", "true", "1")
    if ref is None:
        return ""
    start = _date(_s(row, "period_start"))
    if start is not None and basis == "stated":
        return _period(start, ref, _s(row, "date_as_written"), lang)
    inferred = relative_year_inferred(row)
    if start is not None and basis == "document":  # since the start of a year, to the document's date (今年以来)
        if lang == "zh":
            since = f"{start.year}年" if start.year == ref.year else f"{start.year}年以来"
            return f"{since}{'（年份据文件日期推定）' if inferred else ''}（至文件日期{document_when(row, 'zh')}）"
        since = f"{start.year}" if start.year == ref.year else f"since {start.year}"
        return (f"{since}{' (year inferred from the document' + chr(39) + 's date)' if inferred else ''}"
                f" (to the document's date, {document_when(row, 'en')})")
    if basis == "document" and per_year(row):  # 每年 1500人: a quota for each year, never a level 截至 a date
        if lang == "zh":
            return f"每年（见于{document_when(row, 'zh')}的文件）"
        return f"each year (in a document of {document_when(row, 'en')})"
    span = span_as_written(row)
    if basis == "document" and (is_flow(row) or _s(row, "kind") == "plan" or since_start(row)
                                or (span and _s(row, "kind") in ("cumulative", "ratio"))):
        # a flow or a plan carries its span (两年来, 2021年以来, 今年), never 截至; a running total, a share or a rule
        # counted or in force since a written start (posts bought 2010年开始, a reward paid “十四五”以来) says that
        # start; a flow whose span is not written says so
        low = _date(_s(row, "ref_date_low"))
        month_known = low is None or (low.year, low.month) == (ref.year, ref.month)
        # a bare year (the 2022 course in a document of July 2022): that year, up to the document
        year = None if span else re.fullmatch(r"(\d{4})年(?:度)?", re.sub(r"\s", "", _s(row, "date_as_written")))
        if lang == "zh":  # the span is said in its own relative words (去年以来), so no year is inferred here
            when = (f"{'约' if estimated else ''}{_month_zh(ref)}" if month_known else f"，{ref.year}年，月份未知")
            if not (span or year):  # 截至目前 on a flow: up to the document, from a start the source does not give
                return f"至文件日期{when}（起始未注明）"
            return f"{span or year[0]}（至文件日期{when}）"
        when = (f"{'about ' if estimated else ''}{MONTHS_EN[ref.month - 1]} {ref.year}" if month_known
                else f"{ref.year}, month not known")
        if year:
            return f"in {year[1]} (to the document's date, {when})"
        if not span:
            return f"up to the document's date ({when}) (start not stated)"
        return f"{span_en(span)}, up to the document's date ({when})"
    if basis == "undated":
        if lang == "zh":
            return f"日期未注明（见于{document_when(row, 'zh')}的文件）"
        return f"undated (in a document of {document_when(row, 'en')})"
    if basis == "before":
        year = (high or ref).year + 1
        return f"{year}年以前" if lang == "zh" else f"before {year}"
    low = _date(_s(row, "ref_date_low"))
    if basis == "document" and low is not None and (low.year, low.month) != (ref.year, ref.month):
        # a page dated to its year only: its month is not known and is never printed (flows, plans and figures
        # since a written start are said up to the page above, never 截至 it)
        if lang == "zh":
            return f"截至文件日期（{ref.year}年，月份未知）"
        return f"as of the document's date ({ref.year}, month not known)"
    if basis == "document":
        if lang == "zh":
            return f"截至文件日期{'（约' if estimated else '（'}{_month_zh(ref)}）"
        return f"as of {'about ' if estimated else ''}{MONTHS_EN[ref.month - 1]} {ref.year} (the document's date)"
    if basis == "plan" and _s(row, "target_type") == "annual_flow":  # 今年计划投入: one year's amount, not a level
        relative = bool(RELATIVE_YEAR.search(_s(row, "date_as_written")))
        note = "（年份据文件日期推定）" if inferred else "（年份据文件日期）" if relative else ""
        return f"{ref.year}年全年计划{note}" if lang == "zh" else f"planned for {ref.year}"
    if basis == "plan":
        return f"到{ref.year}年" if lang == "zh" else f"by {ref.year}"
    plan_end = plan_end_of(row)
    if plan_end:  # 截至“十二五”末: a point, the plan's last day (end-2015), not a period
        if lang == "zh":
            return f"截至{ref.year}年底（“{plan_end}”末）"
        return f"at end-{ref.year} (end of the {PLAN_EN.get(plan_end, plan_end)} five-year plan)"
    plan = re.search(r"(十[一二三四五]五)", _s(row, "date_as_written"))
    if plan:  # a five-year plan period: its end is the reference date, and the words say so
        if lang == "zh":
            return f"“{plan[1]}”时期（至{ref.year}年底）"
        return f"over the {PLAN_EN.get(plan[1], plan[1])} five-year plan period (to end-{ref.year})"
    if re.search(r"年初", _s(row, "date_as_written")):  # 今年年初: early in the year, never a month's end
        if lang == "zh":
            return f"{ref.year}年年初" + ("（年份据文件日期推定）" if inferred else "")
        return f"early {ref.year}" + (" (year inferred from the document's date)" if inferred else "")
    if year_inferred(row):  # 12月1日 with no year, or 今年9月底 in a page of estimated year: the year is inferred
        day = _point(ref, precision, lang, bool(YEAR_END_WORDS.search(_s(row, "date_as_written"))),
                     _month_end_written(row))
        if is_flow(row):  # an addition made on that day (10 named on 12月1日), or in 去年: its day or year, not 截至
            return (f"{day}（年份据文件日期推定）" if lang == "zh"
                    else f"{'in' if precision == 'year' else 'on'} {day} (year inferred from the document's date)")
        return (f"截至{day}（年份据文件日期推定）" if lang == "zh"
                else f"{'at' if _month_end_written(row) else 'as of'} {day} (year inferred from the document's date)")
    year_end = bool(YEAR_END_WORDS.search(_s(row, "date_as_written")))
    if precision == "year" and not year_end:  # "2021年": the year, with no claim about its last day
        return f"{ref.year}年" if lang == "zh" else f"in {ref.year}"
    month_end = _month_end_written(row)
    return (f"截至{_point(ref, precision, 'zh', month_end=month_end)}" if lang == "zh"
            else f"{'as of' if precision == 'month' and not month_end else 'at'} "
                 f"{_point(ref, precision, 'en', month_end=month_end)}")


def document_when(row: Row, lang: str = "zh") -> str:
    """The date of the document a figure rests on (undated or 目前/今年以来 figures), at the precision it is known:
    约2022年7月 / about July 2022, or 2018年 / 2018 for a page dated to its year only (an undated figure's
    ``ref_date_precision`` ``year``, or a document date whose ``ref_date_low`` is in another month). Never a month
    the source does not give (referee-6a R6a-4: 见于2018年12月的文件 for a page of 2018)."""
    when = _date(_s(row, "ref_date_high")) or _date(_s(row, "ref_date"))
    if when is None:
        return ""
    low = _date(_s(row, "ref_date_low"))
    year_only = _s(row, "ref_date_precision") == "year" or (
        low is not None and (low.year, low.month) != (when.year, when.month))
    about = _s(row, "date_estimated") in ("True", "true", "1")
    if year_only:
        return (f"{'约' if about else ''}{when.year}年" if lang == "zh"
                else f"{'about ' if about else ''}{when.year}")
    return (f"{'约' if about else ''}{_month_zh(when)}" if lang == "zh"
            else f"{'about ' if about else ''}{MONTHS_EN[when.month - 1]} {when.year}")


def since_start(row: Row) -> bool:
    """True for a figure whose date as written names a start (“十四五”以来, 2010年开始, 自2008年起, 至今): what it
    states holds or accrued over a period up to the document, so its date keeps the start and is never 截至."""
    written = re.sub(r"\s", "", _s(row, "date_as_written"))
    return bool(written) and bool(re.search(r"(以来|开始|至今|起)$", written) or re.match(r"(自|从)", written))


def is_flow(row: Row) -> bool:
    """True for a figure counted over a period (kind ``increment``, or ``actual`` of an indicator whose codebook
    measure is a flow, such as exam registrants): its date is a period, never a point with 截至."""
    kind = _s(row, "kind")
    if kind == "increment":
        return True
    book = codebook()
    indicator = _s(row, "indicator")
    return kind == "actual" and indicator in book.index and str(book.loc[indicator, "measure"]) == "flow"


#: Written date phrases that name a span up to the document (两年来, 2021年以来, 社工站成立以来, 自2020年6月以来, 今年).
SPAN_WORDS = re.compile(r"(以来|年来|至今|开始|起)$|^(自|从)|^(今年|去年|本年)$")
#: Relative years: their year is the document's (or the one before), inferred when the document's date is estimated.
RELATIVE_YEAR = re.compile(r"今年|去年|本年|前年")


def span_as_written(row: Row) -> str:
    """The span a figure's written date names, without a leading 截至 and spaces ('两年来', '2021年以来', '今年'),
    or '' when the phrase names a point or the present only (截至目前, 目前, 累计)."""
    written = re.sub(r"\s", "", _s(row, "date_as_written"))
    written = re.sub(r"^(截至|截止)(?=.*(以来|年来)$)", "", written)
    return written if written and SPAN_WORDS.search(written) else ""


_SPAN_EN = ((re.compile(r"^(?:自|从)?(\d{4})年(\d{1,2})月"), lambda m: f"since {MONTHS_EN[int(m[2]) - 1]} {m[1]}"),
            (re.compile(r"^(?:自|从)?(\d{4})年"), lambda m: f"since {m[1]}"),
            (re.compile(r"^去年以来$"), lambda m: "since last year"),
            (re.compile(r"^今年以来$|^今年$|^本年$"), lambda m: "this year so far"),
            (re.compile(r"^去年$"), lambda m: "last year"),
            (re.compile(r"^(近)?(两|2|二|三|3|五|5|十|10)年来$"),
             lambda m: f"over the {'nearly ' if m[1] else ''}{_N_EN.get(m[2], m[2])} years before"),
            (re.compile(r"^“?(十[一二三四五]五)”?(?:以来|开始)$"),
             lambda m: f"since the start of the {PLAN_EN[m[1]]} five-year plan"),
            (re.compile(r"社工站.*(成立|挂牌)"), lambda m: "since the stations were set up"),
            (re.compile(r"项目启动以来"), lambda m: "since the project started"))
_N_EN = {"两": "two", "2": "two", "二": "two", "三": "three", "3": "three", "五": "five", "5": "five", "十": "ten",
         "10": "ten"}


def span_en(span: str) -> str:
    """A written span (两年来, 2021年以来, 自2020年6月以来, 社工站成立以来) in English words; a span the table does not
    know is said to be stated in the source, never translated by guess."""
    for pattern, words in _SPAN_EN:
        found = pattern.search(span)
        if found:
            return words(found)
    return "over a period the source states"


def per_year(row: Row) -> bool:
    """True for a figure written as an amount for each year (每年1500人): a quota, dated by its document."""
    return re.sub(r"\s", "", _s(row, "date_as_written")) in ("每年", "每年度", "年均")


def relative_year_inferred(row: Row) -> bool:
    """True when the date's year is relative (今年, 去年以来) and the document's own date is an estimate."""
    return _s(row, "date_estimated") in ("True", "true", "1") and bool(
        RELATIVE_YEAR.search(_s(row, "date_as_written")))


def year_inferred(row: Row) -> bool:
    """True when a stated date's year is not written but taken from the document: a day with no year (12月1日), or
    a relative year (截至今年9月底) in a document whose own date is an estimate (clean ``date_estimated`` on a
    ``stated`` date; referee-3 NF9)."""
    if "year taken from the document" in _s(row, "date_flag"):
        return True
    return ((_s(row, "date_basis") or "stated") == "stated" and _s(row, "date_estimated") in ("True", "true", "1")
            and bool(re.search("今年|去年|本年|前年", _s(row, "date_as_written"))))


def plan_end_of(row: Row) -> str:
    """The plan name when a figure's date is a plan's end written as a point (截至“十二五”末, 十三五期末), else ''.

    The grammar is the cleaning's (swtoolkit.cleaning.dates.PLAN_END), so the words and the date agree."""
    from swtoolkit.cleaning.dates import PLAN_END

    written = re.sub(r"[“”\"\s]", "", _s(row, "date_as_written"))
    found = PLAN_END.search(written)
    return found[1] if found else ""


def figure_point(row: Row, lang: str = "zh") -> str:
    """A figure's stated date as a bare point (no 截至 / at): 2021年底, 2020年 (a year without 底), 2022年6月底."""
    ref = _date(_s(row, "ref_date"))
    if ref is None:
        return ""
    start = _date(_s(row, "period_start"))
    if start is not None and (_s(row, "date_basis") or "stated") == "stated":  # a flow: its period, not its end
        return _period(start, ref, _s(row, "date_as_written"), lang)
    if _s(row, "date_basis") == "document":  # a document's date: its month, said to be the document's
        about = _s(row, "date_estimated") in ("True", "true", "1")  # an estimated document date keeps its 约
        low = _date(_s(row, "ref_date_low"))
        if low is not None and (low.year, low.month) != (ref.year, ref.month):  # known to the year only
            return (f"{ref.year}年（文件日期，月份未知）" if lang == "zh"
                    else f"{ref.year} (document date, month not known)")
        if lang == "zh":
            return f"{'约' if about else ''}{_month_zh(ref)}（文件日期）"
        return f"{'about ' if about else ''}{MONTHS_EN[ref.month - 1]} {ref.year} (document date)"
    if plan_end_of(row):
        return f"{ref.year}年底（“{plan_end_of(row)}”末）" if lang == "zh" else f"end-{ref.year}"
    if re.search(r"年初", _s(row, "date_as_written")):  # 今年年初: early in the year, never a month's end
        return f"{ref.year}年年初" if lang == "zh" else f"early {ref.year}"
    if year_inferred(row):  # 12月1日 with no year, or 今年9月底 in a page of estimated year: the year is inferred
        day = _point(ref, _s(row, "ref_date_precision"), lang, month_end=_month_end_written(row))
        return f"{day}（年份据文件日期推定）" if lang == "zh" else f"{day} (year inferred from the document's date)"
    year_end = bool(YEAR_END_WORDS.search(_s(row, "date_as_written")))
    return _point(ref, _s(row, "ref_date_precision"), lang, year_end, _month_end_written(row))


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


def cumulative_note(row: Row, lang: str = "zh") -> str:
    """（累计数） / (cumulative count) after a running total of a stock indicator (everyone counted since a start,
    Chongqing's 累计 4.4万 talent), so that a table setting it beside other regions' stocks says what it is; ''
    for a stock, or for an indicator that is itself cumulative (certificate holders are counted so everywhere)."""
    from swtoolkit.codebook import codebook

    book = codebook()
    key = _s(row, "indicator")
    if _s(row, "kind") != "cumulative" or key not in book.index or book.loc[key, "measure"] != "stock":
        return ""
    return "（累计数）" if lang == "zh" else " (cumulative count)"


def conflict_note(figure_id: str, conflicts, lang: str = "zh") -> str:
    """（另有记载不一：S003-029281，见 checks.csv） after a table cell whose figure another source states differently
    (a recorded conflict: ``conflicts`` are id sets, checks.recorded_conflicts); '' when none. A cross-region table
    that shows one side of a conflict says so, as the region's own report does."""
    ids = set(str(figure_id).split(";"))
    others = sorted({i for group in conflicts if ids & group for i in group} - ids)
    if not others:
        return ""
    if lang == "zh":
        return f"（另有记载不一：{'、'.join(others)}，见 data/clean/checks.csv）"
    return f" (stated differently in {', '.join(others)}: see data/clean/checks.csv)"


def level_sentence(region_zh: str, region_en: str, row: Row) -> tuple[str, str]:
    """The latest level of one indicator in a region, with its bound, date basis and scope; a figure known only
    from a secondary site says so (:func:`with_source_caveat`)."""
    key = _s(row, "indicator")
    # a running total (everyone trained or certified so far) is named as such, never read as the stock
    cum_zh, cum_en = ("（累计数）", " (cumulative count)") if _s(row, "kind") == "cumulative" else ("", "")
    if _s(row, "qualifier_as_written") == "初步统计":  # a preliminary count says so
        cum_zh, cum_en = cum_zh + "（初步统计）", cum_en + " (preliminary count)"
    zh = (f"{figure_date(row, 'zh')}，{region_zh}{indicator_name(key, 'zh')}{scope_note(row, 'zh')}{cum_zh}"
          f"{be_zh(figure_value(row, 'zh'))}。")
    en = (f"{region_en}: {indicator_name(key, 'en')}{scope_note(row, 'en')}{cum_en} {figure_value(row, 'en')}, "
          f"{figure_date(row, 'en')}.")
    return with_source_caveat((zh, en), [row])


def beside_dated_clause(said: tuple[str, str], beside: Row) -> tuple[str, str]:
    """An undated finding's sentence with a clause saying that the source gives it right beside another figure
    (``beside``, carrying ``dated_as``: the dated statement it restates), undated there too, whose date in the
    findings comes from that other statement (review R6b-20: two figures of one clause must not seem to stand on
    different dates without a word)."""
    zh, en = said
    other = beside.get("dated_as") or beside
    name_zh, name_en = indicator_name(_s(beside, "indicator")), indicator_name(_s(beside, "indicator"), "en")
    value_zh, value_en = figure_value(beside), figure_value(beside, "en")
    zh = zh.rstrip("。") + (f"（原文中该数紧接{name_zh}{value_zh}给出，该处同样未注明日期；{value_zh}的日期"
                           f"（{figure_date(other)}）取自另一处表述）。")
    en = en.rstrip(".") + (f" (the source gives it right beside {name_en} {value_en}, also undated there; that "
                           f"figure's date ({figure_date(other, 'en')}) comes from another statement).")
    return zh, en


#: The one wording of the secondary-source flag (provenance.secondary_kind), in sentences, table cells and the
#: title page: a number seen only on a secondary web page says so wherever it is used.
SOURCE_FLAG = {"secondary": ("据二手网页转述，非官方发布", "restated by a secondary web page, not an official release"),
               "exam-prep": ("据二手网页（考试培训网站）转述，非官方发布",
                             "restated by a secondary web page (an exam-prep site), not an official release")}


def source_flag(row: Row, lang: str = "zh") -> str:
    """The flag of one figure known only from a secondary site (:data:`SOURCE_FLAG`), '' for any other figure."""
    from swtoolkit.provenance import secondary_kind

    kind = secondary_kind(row)
    return SOURCE_FLAG[kind][0 if lang == "zh" else 1] if kind else ""


def _flag_clauses(rows: list[Row]) -> tuple[str, str]:
    """('151.6万人：据二手网页…转述，非官方发布', '1,516,000 persons: restated by …') for the rows known only from a
    secondary site, grouped by flag; ('', '') when there are none."""
    by_zh: dict[str, list[str]] = {}
    by_en: dict[str, list[str]] = {}
    for r in rows:
        if r is None or not source_flag(r):
            continue
        by_zh.setdefault(source_flag(r), []).append(figure_value(r))
        by_en.setdefault(source_flag(r, "en"), []).append(figure_value(r, "en"))
    return ("；".join(f"{'、'.join(dict.fromkeys(v))}：{f}" for f, v in by_zh.items()),
            "; ".join(f"{', '.join(dict.fromkeys(v))}: {f}" for f, v in by_en.items()))


def source_cell(rows: list[Row]) -> str:
    """The text of a table's source column (content.SOURCE_COLUMN) for a row resting on ``rows``: the flag of each
    figure known only from a secondary site, in both languages; '' when every figure has an official or report
    source. A row of one figure gets the flag alone (the row shows the figure); a row computed from several names
    each flagged figure. The one rule for tables, as :func:`with_source_caveat` is for sentences."""
    real = [r for r in rows if r is not None]
    if len(real) == 1:
        zh = source_flag(real[0])
        return f"{zh} {source_flag(real[0], 'en')}" if zh else ""
    zh, en = _flag_clauses(real)
    return f"{zh} {en}" if zh else ""


def with_source_caveat(said: tuple[str, str], rows: list[Row]) -> tuple[str, str]:
    """The sentence with a clause naming each figure known only from a secondary site (an exam-prep or training
    company's page, a forum or a mirror restating a figure): '（151.6万人：据二手网页转述，非官方发布）'. Every
    sentence that states a figure, or a number computed from one, passes its figures through here."""
    clause_zh, clause_en = _flag_clauses(rows)
    if not clause_zh:
        return said
    zh, en = said
    return zh.rstrip("。") + f"（{clause_zh}）。", en.rstrip(".") + f" ({clause_en})."


def with_conflict_caveat(said: tuple[str, str], inside: list[Row], outside: list[Row]) -> tuple[str, str]:
    """The sentence with a clause saying that a figure it states is in a recorded disagreement (checks.csv
    ``conflict`` of verdict ``disagree``: another source gives the same fact a different number): ``inside`` are
    the sentence's own figures in the conflict, ``outside`` the other statements (empty when the sentence states
    every side). '（152985人（WN008-01）与WN001-01（20.6万人）、WN001-05（28.8%）的记载不能同时成立：来源不一致，
    记为冲突，说明见data/clean/checks.csv）'. The one wording, in both languages; ``said`` unchanged when
    ``inside`` is empty."""
    clause = conflict_clause(inside, outside)
    if clause is None:
        return said
    zh, en = said
    return zh.rstrip("。") + f"（{clause[0]}）。", en.rstrip(".") + f" ({clause[1]})."


def conflict_clause(inside: list[Row], outside: list[Row]) -> tuple[str, str] | None:
    """(zh, en) words of a recorded disagreement between ``inside`` (the figures a sentence or table states) and
    ``outside`` (the other statements): '152985人（WN008-01）与WN001-01（20.6万人）的记载不能同时成立：来源不一致，
    记为冲突，说明见data/clean/checks.csv'; None when there is nothing to set against (no figure inside, or one
    figure and no other). The one wording for sentences (:func:`with_conflict_caveat`) and table notes."""
    if not inside or (not outside and len(inside) < 2):
        return None
    if not outside:  # every side is stated: they are named against each other
        inside, outside = inside[:1], inside[1:]

    def named(rows: list[Row], lang: str) -> str:
        sep = "、" if lang == "zh" else ", "
        return sep.join(f"{_s(r, 'figure_id')}（{figure_value(r, 'zh')}）" if lang == "zh"
                        else f"{_s(r, 'figure_id')} ({figure_value(r, 'en')})" for r in rows)

    mine_zh = "、".join(f"{figure_value(r, 'zh')}（{_s(r, 'figure_id')}）" for r in inside)
    mine_en = ", ".join(f"{figure_value(r, 'en')} ({_s(r, 'figure_id')})" for r in inside)
    return (f"{mine_zh}与{named(outside, 'zh')}的记载不能同时成立：来源不一致，记为冲突，说明见data/clean/checks.csv",
            f"{mine_en} cannot hold together with {named(outside, 'en')}: the sources disagree, a recorded conflict "
            "explained in data/clean/checks.csv")


def fact_row(ids: str | list[str], figures: Mapping[str, Row]) -> Row | None:
    """One row standing for a fact given by one or more statement ids ('A;B' or [A, B]): the first known statement's
    row, named by every id (so provenance.is_secondary reads each statement's source: a fact also stated by an
    official source is not flagged). None when no id is in ``figures``."""
    found = [i for i in split_ids(ids) if i in figures]
    if not found:
        return None
    return {**figures[found[0]], "figure_id": ";".join(split_ids(ids)), "statements": None}


def split_ids(ids: str | list[str]) -> list[str]:
    """Figure ids from 'A;B', 'A B' or a list of such strings."""
    texts = [ids] if isinstance(ids, str) else list(ids)
    return [i for t in texts for i in re.split(r"[;\s]+", str(t)) if i]


def secondary_inputs_clause(rows: list[Row]) -> tuple[str, str]:
    """For a result that prints none of its inputs (a trend over many points, an index): how many of the figures it
    rests on are known only from a secondary site, with their ids ('', '' when none)."""
    second = [r for r in rows if source_flag(r)]
    if not second:
        return "", ""
    ids = ", ".join(dict.fromkeys(_s(r, "figure_id") for r in second))
    return (f"所用数据中有{len(second)}个仅见于二手网页，非官方发布（{ids}）",
            f"{len(second)} of the figures used are known only from secondary web pages, not official "
            f"releases ({ids})")


def as_of_words(row: Row | None, later: Row | None = None) -> str:
    """A title page's data-as-of line for the figure it rests on (comparability.as_of_figure): its date in words,
    then the indicator, its scope and, for a figure known only from a secondary site, the flag:
    '2024年底（依据：持证社会工作者151.6万；据二手网页（考试培训网站）转述，非官方发布） end-2024 (…)'. None: no dated
    stock figure, said so. ``later``: the report's latest dated figure of another kind (services, funding, a flow)
    when it is later than ``row``; the line then says why the cover's date is older (review R6b-21: the workforce,
    station and organisation figures stop there, other figures run later)."""
    if row is None:
        return ("资料中没有任何注明日期的社工人才、社工站或机构总量数字（其他数字的日期见各表） no dated whole count "
                "of the workforce, stations or organisations (the other figures are dated one by one in the tables)")
    key = _s(row, "indicator")
    flag_zh, flag_en = source_flag(row), source_flag(row, "en")
    part = _s(row, "subset")  # a part of the region (街道 only) stands only when no whole figure is dated: named
    part_zh, part_en = (f"［仅部分：{part}］", f" [a part only: {part}]") if part else ("", "")
    # a running total says so: never read as the current stock (referee-6a R6a-15, station professionals 累计)
    total_zh, total_en = ("累计", " (running total)") if _s(row, "kind") == "cumulative" else ("", "")
    if "累计" in indicator_name(key):  # the name says it already (累计通过职业水平考试人数): never 累计…累计
        total_zh = ""
    if "cumulative" in indicator_name(key, "en").lower():
        total_en = ""
    zh = (f"{figure_point(row, 'zh')}（依据：{indicator_name(key)}{part_zh}{scope_note(row)}{total_zh}"
          f"{figure_value(row)}" + (f"；{flag_zh}" if flag_zh else "") + "）")
    en = (f"{figure_point(row, 'en')} (rests on: {indicator_name(key, 'en')}{total_en}{part_en}"
          f"{scope_note(row, 'en')} {figure_value(row, 'en')}" + (f"; {flag_en}" if flag_en else "") + ")")
    if later is not None and _s(later, "ref_date")[:10] > _s(row, "ref_date")[:10]:
        # the later date stands alone after a colon: a date phrase ('in 2025', 'as of end-June 2025', '截至…') is
        # never pasted after a preposition of the template (referee 8a R8a-17: 'run to in 2025', '有至截至…')
        zh += (f"；此为人才、社工站和机构存量数字中最新的有日期者，期间量、服务、资金等其他数字的日期更晚"
               f"（最晚：{figure_point(later, 'zh')}），见正文")
        en += (f"; the latest dated stock of the workforce, stations and organisations; other figures (flows, "
               f"services, funding) are dated later (the latest: {figure_point(later, 'en')}), see the tables")
    return f"{zh} {en}"


def with_points_caveat(said: tuple[str, str], levels: list[Row]) -> tuple[str, str]:
    """A fitted trend's sentence with a clause saying how many of its dated points rest only on secondary sites
    (:func:`source_flag`, the one flag rule, counted per date: a date is secondary when every figure of it is):
    '（12个日期点中有7个仅见于二手网页转述，非官方发布）'. Unchanged when none is."""
    by_date: dict[str, list[Row]] = {}
    for r in levels:
        by_date.setdefault(str(_s(r, "ref_date"))[:10], []).append(r)
    second = sum(all(source_flag(r) for r in rows) for rows in by_date.values())
    if not second:
        return said
    zh, en = said
    zh = zh.rstrip("。") + f"（{len(by_date)}个日期点中有{second}个仅见于二手网页转述，非官方发布）。"
    verb = "rests" if second == 1 else "rest"
    en = en.rstrip(".") + (f" ({second} of the {len(by_date)} dated points {verb} only on secondary web pages, not "
                           "official releases).")
    return zh, en


def joined_figures(rows: list[Row], lang: str = "zh") -> str:
    """Figures joined in one clause, each with its own date where the dates are said differently, else with the
    one date they share: '349人（日期未注明…）与82个（截至文件日期（约2022年7月））' / '317人与66个（截至…）'.

    Any sentence that sets figures side by side goes through here, so no clause silently gives two figures of
    different date bases one date."""
    said = [(figure_value(r, lang), figure_date(r, lang)) for r in rows]
    sep = "与" if lang == "zh" else " and "
    if len({d for _, d in said}) <= 1:
        when = said[0][1] if said else ""
        return sep.join(v for v, _ in said) + (f"（{when}）" if lang == "zh" else f" ({when})") * bool(when)
    if lang == "zh":
        return sep.join(f"{v}（{d or '日期未知'}）" for v, d in said)
    return sep.join(f"{v} ({d or 'date unknown'})" for v, d in said)


def parts_sentence(region_zh: str, region_en: str, rows: list[Row], exceed: bool = False) -> tuple[str, str]:
    """Dated figures for named parts of a region (``subset``: 乡镇 only, 街道 only …) shown beside an undated total.

    The parts are never added up into a figure (they may not cover the region, or date from another day than the
    total); each keeps its own value phrase and the label of its part. ``rows`` share one indicator and one
    reference date. ``exceed``: the parts' lower ends alone already pass the total's upper end (models' check,
    content.level_sentences), so the two sources disagree and the sentence says so (referee-4 R4-7: Honghe's
    undated 135 beside its dated 131 and 10).
    """
    key, first = _s(rows[0], "indicator"), rows[0]

    def part_zh(r: Row) -> str:
        label = _s(r, "subset")
        if label.endswith(" only"):  # the curators' form for one named part: "乡镇 only"
            return f"{label.removesuffix(' only')}{figure_value(r, 'zh')}"
        return f"{figure_value(r, 'zh')}（{label}）"

    one_date = len({figure_date(r) for r in rows}) == 1  # else each part says its own date (one clause, one basis)
    zh_parts = "、".join(part_zh(r) + ("" if one_date else f"（{figure_date(r)}）") for r in rows)
    en_parts = ", ".join(f"{figure_value(r, 'en')} ({_s(r, 'subset')}"
                         + ("" if one_date else f", {figure_date(r, 'en')}") + ")" for r in rows)
    when_zh = f"{figure_date(first, 'zh')}，" if one_date else ""
    when_en = f", {figure_date(first, 'en')}" if one_date else ""
    zh = (f"{when_zh}{region_zh}{indicator_name(key, 'zh')}另有分项数（分项不相加，也不替代合计）："
          f"{zh_parts}。")
    en = (f"{region_en}: {indicator_name(key, 'en')} for parts of the region{when_en}: {en_parts} "
          f"(parts are not added up and do not replace the total).")
    if exceed:
        zh += "仅这些分项已多于上述未注明日期的合计，两处资料不一致，合计不能视为最新情况。"
        en += (" These parts alone already exceed the undated total above: the two sources disagree, and the total "
               "cannot be read as the latest position.")
    return zh, en


# ---- model results ------------------------------------------------------------------------------------------------
def _rate(x: float) -> str:
    """A growth rate in percent: one decimal, or two below 0.1% (never 0.0% for a non-zero rate, never rounded up
    to 0.1% from a floored lower bound)."""
    if not math.isfinite(x):
        return "—"
    pct = x * 100
    return f"{pct:.2f}%" if 0 < abs(pct) < 0.1 else f"{pct:.1f}%"


def side_of(result: Row, target: Row | None = None) -> str:
    """'at_least', 'at_most' or '' for a result row (a one-sided result has a NaN estimate and one infinite band
    end: swtoolkit.models.results.one_sided_band). A gap or required rate toward a floor ``target`` (超10万) is
    'at least' even when the row carries a two-sided band."""
    from swtoolkit.models.results import result_side

    side = result_side(_f(result, "band_low"), _f(result, "band_high"))
    if not side and target is not None and _s(target, "qualifier") in ("at_least", "more_than"):
        return "at_least"
    return side


def side_bound(result: Row, target: Row | None = None) -> float:
    """The finite bound of a one-sided result (NaN for a two-sided one); toward a floor target the least value
    its band and estimate allow."""
    side = side_of(result, target)
    low, high = _f(result, "band_low"), _f(result, "band_high")
    if side == "at_least":
        return min(x for x in (low, _f(result, "estimate"), math.inf) if not math.isnan(x))
    return high if side == "at_most" else math.nan


def _rate_bound(x: float, side: str) -> str:
    """A rate bound in percent rounded away from the claim: an 'at least' bound down, an 'at most' bound up (a
    one-decimal figure never claims more than the data show); two decimals below 0.1%."""
    pct = x * 100
    places = 2 if 0 < abs(pct) < 0.1 else 1
    step = 10 ** places
    value = math.floor(pct * step + 1e-9) / step if side == "at_least" else math.ceil(pct * step - 1e-9) / step
    return f"{value:.{places}f}%"


def _growth_words(g_or_bound: float, side: str, lang: str) -> str:
    """'年均增长至少21.6%' / 'at least 21.6% a year'; a falling bound: '年均下降至少25.8%' / 'a fall of at least
    25.8% a year'. Two-sided (side ''): '年均增长8.8%' / '8.8% a year'."""
    if not side:
        if lang == "zh":
            return f"年均{'变化' if g_or_bound < 0 else '增长'}{_rate(g_or_bound)}"
        return f"{_rate(g_or_bound)} a year"
    falling = g_or_bound < 0
    if lang == "zh":
        if side == "at_least":
            return (f"年均增长至少{_rate_bound(g_or_bound, side)}" if not falling
                    else f"年均下降至多{_rate_bound(-g_or_bound, 'at_most')}")
        return (f"年均下降至少{_rate_bound(-g_or_bound, 'at_least')}" if falling
                else f"年均增长至多{_rate_bound(g_or_bound, side)}")
    if side == "at_least":
        return (f"at least {_rate_bound(g_or_bound, side)} a year" if not falling
                else f"a fall of at most {_rate_bound(-g_or_bound, 'at_most')} a year")
    return (f"a fall of at least {_rate_bound(-g_or_bound, 'at_least')} a year" if falling
            else f"at most {_rate_bound(g_or_bound, side)} a year")


def figure_ids_of(result: Row) -> list[str]:
    """The figure ids a result rests on (its `;`-joined figure_ids split)."""
    return [i for i in _s(result, "figure_ids").replace(" ", ";").split(";") if i]


#: Models whose sentence states only the first and last level of the series (a two-point rate), and those that
#: state only the last level beside a target or norm; every other model's sentence rests on all its figures.
ENDS_MODELS = ("cagr",)
LAST_MODELS = ("gap", "required_growth", "attainment", "staffing_gap")


def stated_ids(result: Row, figures: Mapping[str, Row]) -> list[str]:
    """The figure ids a result's sentence states or computes from: the two ends of a two-point rate
    (:data:`ENDS_MODELS`), the last level and the targets of a gap (:data:`LAST_MODELS`), else every figure the
    result rests on (a trend is fitted through all its points). A fact stated twice gives both statements."""
    model = _s(result, "model")
    if model not in ENDS_MODELS + LAST_MODELS:
        return figure_ids_of(result)
    levels, targets = _figures(result, figures)
    if not levels:
        return figure_ids_of(result)
    chosen = [levels[0], levels[-1]] if model in ENDS_MODELS else [levels[-1]]
    return [i for r in [*chosen, *targets] for i in split_ids(_s(r, "figure_id"))]


def _figures(result: Row, figures: Mapping[str, Row]) -> tuple[list[Row], list[Row]]:
    """(levels, targets) a result rests on, from the clean rows."""
    from swtoolkit.models.comparability import merge_facts

    rows = [figures[i] for i in figure_ids_of(result) if i in figures]
    levels = merge_facts([r for r in rows if _s(r, "kind") != "target"])  # one fact stated twice: one level
    return levels, [r for r in rows if _s(r, "kind") == "target"]


def _points(x: float, unit: str = "", count: bool | None = None) -> str:
    """A difference of two percentages as a bare number of points (13.4), for 个百分点 / percentage points."""
    return _trim(x, 1) if math.isfinite(x) else "—"


def _gap_amount(result: Row, target: Row, lang: str) -> str:
    """The gap with the bound it carries: toward a floor target (超10万) the gap is 至少 / at least its bound; from a
    level with an open upper end it is 至多 / at most. A two-sided band is a range."""
    unit = _s(result, "unit")
    num = number_zh if lang == "zh" else number_en
    tail = unit_zh(unit) if lang == "zh" else unit_en(unit)
    if unit == "percent":  # a gap between two shares is in percentage points, never a percent of anything
        num = _points
        tail = "个百分点" if lang == "zh" else " percentage points"
    side = side_of(result, target)
    if side:
        word = {"at_least": ("至少", "at least "), "at_most": ("至多", "at most ")}[side]
        return f"{word[0] if lang == 'zh' else word[1]}{num(side_bound(result, target), unit, False)}{tail}"
    low, high, est = _f(result, "band_low"), _f(result, "band_high"), _f(result, "estimate")
    low = low if math.isfinite(low) else est
    high = high if math.isfinite(high) else est
    if abs(high - low) > 1e-9:
        sep = "—" if lang == "zh" else "–"
        return f"{num(low, unit, False)}{sep}{num(high, unit, False)}{tail}"
    return f"{num(est, unit, False)}{tail}"


def _gap_reached(result: Row, target: Row) -> bool:
    """Whether the data show the target reached: a two-sided gap at or below zero (never toward a floor target,
    whose "more than" a figure equal to it cannot show met), or a gap at most zero."""
    side = side_of(result, target)
    floor = _s(target, "qualifier") in ("at_least", "more_than")
    return (not side and not floor and _f(result, "estimate") <= 0) or (
        side == "at_most" and side_bound(result, target) <= 0)


def _gap(result: Row, figures: Mapping[str, Row], stats: Mapping[str, Row]) -> tuple[str, str] | None:
    levels, targets = _figures(result, figures)
    if not levels or not targets:
        return None
    level, target = levels[-1], targets[-1]
    key = _s(result, "indicator")
    rz, re_ = _s(result, "region_name"), _s(level, "region_name_en") or _s(result, "region_name")
    side = side_of(result, target)
    reached = _gap_reached(result, target)
    aim = _s(target, "qualifier_as_written") == "力争"  # an aim the plan strives for is said as one
    against = "an aim (力争)" if aim else "a target"
    zh = (f"{rz}{indicator_name(key)}{scope_note(level)}{figure_date(level)}{be_zh(figure_value(level))}，"
          f"{_target_year(target)}年的{'力争目标' if aim else '目标'}{be_zh(figure_value(target))}，")
    en = (f"{re_}: {indicator_name(key, 'en')}{scope_note(level, 'en')} {figure_value(level, 'en')} "
          f"{figure_date(level, 'en')}, against {against} of {figure_value(target, 'en')} "
          f"{figure_date(target, 'en')}; ")
    passed = _s(result, "horizon") == "deadline_passed"  # models.horizon: due after the figure, past at the edition
    passed = passed and not reached  # reached before its deadline: met, whatever came after
    then_zh, then_en = ("按该数字，当时" if passed else ""), (" at that date" if passed else "")
    if reached:
        zh += "已达到目标"
        en += "the target is reached"
    elif side == "at_least" and side_bound(result, target) <= 0:  # the floor is passed: whether 超X is met is not known
        zh += "已达到目标所定的下限"
        en += "the target's floor is reached"
    elif side:
        zh += then_zh + f"{_gap_amount(result, target, 'zh').replace('至少', '至少差').replace('至多', '至多差')}"
        en += f"{_gap_amount(result, target, 'en')} short{then_en}"
    else:
        zh += f"{then_zh or '尚'}差{_gap_amount(result, target, 'zh')}"
        en += f"{_gap_amount(result, target, 'en')} short{then_en}"
    progress, elapsed = stats.get("log-scale progress"), stats.get("plan elapsed")
    own_date = not _s(level, "date_from") and _s(level, "date_basis") == "stated"
    if progress is not None and elapsed is not None and not own_date:
        # the share of the plan elapsed rests on a date the figure does not state itself (borrowed from another
        # statement of the fact, or the document's date): set against it, progress could read ahead or behind
        zh += "；该数的日期不是其本身所注明的，其增长进度不与规划时间进度对照"
        en += ("; the figure's date is not stated with it, so its progress on a log scale is not set against the "
               "share of the plan period elapsed")
    elif progress is not None and elapsed is not None:
        p, lo, hi = _f(progress, "estimate"), _f(progress, "band_low"), _f(progress, "band_high")
        ranged = math.isfinite(lo) and math.isfinite(hi) and f"{lo:.0%}" != f"{hi:.0%}"
        p_zh = f"{min(lo, hi):.0%}—{max(lo, hi):.0%}（按该数的取整区间）" if ranged else f"{p:.0%}"
        p_en = f"{min(lo, hi):.0%} to {max(lo, hi):.0%} (across the figure's rounding)" if ranged else f"{p:.0%}"
        then_z, then_e = ("至该数字日期，", "by that date, ") if passed else ("", "")
        zh += f"；{then_z}按对数尺度已完成自规划起点以来所需增长的{p_zh}，规划期已过{_f(elapsed, 'estimate'):.0%}"
        en += (f"; {then_e}on a log scale {p_en} of the growth needed since the plan's start, with "
               f"{_f(elapsed, 'estimate'):.0%} of the plan period elapsed")
    if passed:
        zh += (f"。目标期限（{result_date(_s(result, 'deadline'), 'zh', 'month')}）在本版（"
               f"{result_date(_s(result, 'edition'))}）之前已过，而资料中没有期限时或之后的数字，目标是否完成无从得知")
        en += (f". The deadline ({result_date(_s(result, 'deadline'), 'en', 'month')}) has passed by this edition "
               f"({result_date(_s(result, 'edition'), 'en')}) and no figure is dated at or after it: whether the "
               "target was met is not known")
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
    if not at_least_zh and all(math.isfinite(b) for b in band) and _rate(band[0]) != _rate(band[1]):
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
    """(bound word zh, bound word en, rate) of a required growth rate. A one-sided result (toward a floor target
    超10万, or from a level with an open end) gives its bound, rounded away from the claim; else the estimate."""
    side = side_of(result, target)
    if not side:
        return "", "", _f(result, "estimate")
    bound = side_bound(result, target)
    step = 1000 if abs(bound) >= 0.001 else 10000
    g = math.floor(bound * step) / step if side == "at_least" else math.ceil(bound * step) / step
    zh, en = {"at_least": ("至少", "at least "), "at_most": ("至多", "at most ")}[side]
    return zh, en, g


def _cagr(result: Row, figures: Mapping[str, Row], stats: Mapping[str, Row]) -> tuple[str, str] | None:
    levels, _ = _figures(result, figures)
    if len(levels) < 2:
        return None
    first, last = levels[0], levels[-1]
    key, rz = _s(result, "indicator"), _s(result, "region_name")
    re_ = _s(last, "region_name_en") or rz
    side = side_of(result)
    g = side_bound(result) if side else _f(result, "estimate")
    band = [_f(result, "band_low"), _f(result, "band_high")]
    rng_zh = rng_en = ""
    if side:  # an open end: only one side of the rate is known, and the words say which
        rng_zh = "；原文一端只给出上限或下限，增速只能给出一侧的界"
        rng_en = "; a figure gives only one bound, so only one side of the rate is known"
    elif all(math.isfinite(b) for b in band) and _rate(band[0]) != _rate(band[1]):  # rounded figures
        rng_zh = f"；按两数的取整或上下限，在{_rate(band[0])}—{_rate(band[1])}之间"
        rng_en = f"; {_rate(band[0])} to {_rate(band[1])} across the figures' rounding or bounds"
    if _s(last, "kind") == "cumulative":  # a cumulative count (ever certified …) is named as such
        rz += "累计"
    rising = (g > 0 and side != "at_most") or (not side and g >= 0)
    falling = g < 0 and side != "at_least"
    verb_zh, verb_en = ("增至", "went from") if rising else ("降至", "fell from") if falling else ("变为", "went from")
    growth_zh, growth_en = _growth_words(g, side, "zh"), _growth_words(g, side, "en")
    if direction_unknown(result):  # 917 → 900多: the rounding allows a rise or a fall; no central rate
        verb_zh, verb_en = "变为", "went from"
        growth_zh = f"年均变化在{_rate(band[0])}—{_rate(band[1])}之间，增减方向不能确定"
        growth_en = f"a yearly change between {_rate(band[0])} and {_rate(band[1])}: the direction is not known"
        rng_zh = rng_en = ""
    zh = (f"{rz}{indicator_name(key)}{scope_note(last)}从{figure_date(first)}的{figure_value(first)}{verb_zh}"
          f"{figure_date(last)}的{figure_value(last)}，{growth_zh}"
          f"（两点之间的复合增长率{rng_zh}）。")
    cumulative = " (cumulative count)" if _s(last, "kind") == "cumulative" else ""
    en = (f"{re_}: {indicator_name(key, 'en')}{scope_note(last, 'en')}{cumulative} {verb_en} "
          f"{figure_value(first, 'en')} "
          f"({figure_date(first, 'en')}) to {figure_value(last, 'en')} ({figure_date(last, 'en')}), "
          f"{growth_en} (compound rate between two points{rng_en}).")
    return zh, en


def direction_unknown(result: Row) -> bool:
    """True for a two-sided rate whose band (from the figures' rounding or bounds) runs from a fall to a rise: the
    central rate is only the midpoints' and says no more than the band (Guangxi 917 → 900多)."""
    low, high = _f(result, "band_low"), _f(result, "band_high")
    return not side_of(result) and math.isfinite(low) and math.isfinite(high) and low < 0 < high


def _scenario_words(interval: str, lang: str) -> str:
    """What a scenario range rests on, from the model's ``interval`` text (never a fixed offset of growth)."""
    if "log-linear" in interval:
        return "按对数线性趋势增速95%置信区间的两端" if lang == "zh" else \
            "growth at the ends of the trend's 95% confidence interval"
    if "CAGR band" in interval:
        return "按两数取整或上下限所允许的最慢与最快增速" if lang == "zh" else \
            "the slowest and fastest growth the figures' rounding or bounds allow"
    return ""


def _range_kind(interval: str, lang: str) -> str:
    """What a projection's range measures (the one policy, stated in the methods): a trend's confidence interval
    measures the trend's uncertainty; a range from two or three figures carries only their rounding or bounds."""
    if "CAGR band" in interval:
        return "区间只反映原文数字的取整或上下限，不反映趋势的不确定性" if lang == "zh" else \
            "the range carries only the rounding or bounds of the figures, not the uncertainty of the trend"
    return ""


def _no_range(levels: list[Row], lang: str) -> str:
    """Why a projection from two exact figures has no range, and which of its inputs has an estimated date (the
    projection depends on that date too, and no range shows it)."""
    estimated = [r for r in levels if _s(r, "date_estimated") in ("True", "true", "1")]
    if lang == "zh":
        out = "两个精确数字只给出一个增速，两点无法衡量趋势的不确定性，故不设区间"
        if estimated:
            flat = [figure_date(r).replace("（", "，").replace("）", "") for r in estimated]  # no nested brackets
            out += "；其中" + "、".join(f"{figure_value(r)}的日期为估计（{d}）" for r, d in zip(estimated, flat,
                                                                                       strict=True)) \
                + "，推算值同样取决于该日期"
        return out
    out = "two exact figures give one rate and no measure of the trend's uncertainty, so no range"
    if estimated:
        out += "; the date of " + ", ".join(f"{figure_value(r, 'en')} is estimated: {figure_date(r, 'en')}"
                                            for r in estimated) + ", and the projection depends on it too"
    return out


#: Significant digits of a scenario projection's levels: a level decades of growth away is not known to the
#: person (2352.1万 said 2350万); bounds round outward so they stay bounds.
PROJECTION_DIGITS = 3


def projected(x: float, side: str = "") -> float:
    """A projected level at ``PROJECTION_DIGITS`` significant digits; ``side`` "at_least" rounds down and
    "at_most" up, so a one-sided bound stays true. Non-finite values pass through."""
    if not math.isfinite(x) or x == 0:
        return x
    step = 10.0 ** (math.floor(math.log10(abs(x))) - PROJECTION_DIGITS + 1)
    how = {"at_least": math.floor, "at_most": math.ceil}.get(side, round)
    return float(how(x / step) * step)


def _projection(result: Row, figures: Mapping[str, Row], stats: Mapping[str, Row]) -> tuple[str, str] | None:
    levels, _ = _figures(result, figures)
    if len(levels) < 2:
        return None
    key, rz, unit = _s(result, "indicator"), _s(result, "region_name"), _s(result, "unit")
    re_ = _s(levels[-1], "region_name_en") or rz
    end = _s(result, "end_date")
    est, lo, hi = projected(_f(result, "estimate")), projected(_f(result, "low")), projected(_f(result, "high"))
    side = side_of(result)
    trend = "log-linear" in _s(result, "interval")
    head_zh = (f"情景推算（非预测）：若保持此前的年均增速{'（对数线性趋势）' if trend else ''}，{rz}"
               f"{indicator_name(key)}到{result_date(end)}")
    head_en = (f"Scenario, not a forecast: at the past annual rate{' (log-linear trend)' if trend else ''}, "
               f"{indicator_name(key, 'en')} in {re_} would be ")
    tail_zh = "推算期不超过数据跨度，也不超过五年；假定增速不变，不考虑饱和"
    tail_en = "no further ahead than the data span or five years; constant growth, saturation ignored"
    if side:
        b = projected(side_bound(result), side)
        word_zh, word_en = {"at_least": ("至少", "at least"), "at_most": ("至多", "at most")}[side]
        zh = (f"{head_zh}{word_zh}为{number_zh(b, unit)}{unit_zh(unit)}（原文一端只给出上限或下限，推算只能给出一侧"
              f"的界；{tail_zh}）。")
        en = (f"{head_en}{word_en} {number_en(b, unit)}{unit_en(unit)} by {result_date(end, 'en')} (a figure gives "
              f"only one bound, so only one side is known; {tail_en}).")
        return zh, en
    how_zh, how_en = _scenario_words(_s(result, "interval"), "zh"), _scenario_words(_s(result, "interval"), "en")
    kind_zh, kind_en = _range_kind(_s(result, "interval"), "zh"), _range_kind(_s(result, "interval"), "en")
    if how_zh and math.isfinite(lo) and math.isfinite(hi):
        rng_zh = f"{how_zh}，为{number_zh(lo, unit)}—{number_zh(hi, unit)}{unit_zh(unit)}{'，' if kind_zh else ''}" \
                 f"{kind_zh}；"
        rng_en = f"{how_en}: {number_en(lo, unit)}–{number_en(hi, unit)}{'; ' if kind_en else ''}{kind_en}; "
    else:
        rng_zh, rng_en = _no_range(levels, "zh") + "；", _no_range(levels, "en") + "; "
    zh = f"{head_zh}约为{number_zh(est, unit)}{unit_zh(unit)}（{rng_zh}{tail_zh}）。"
    en = (f"{head_en}about {number_en(est, unit)}{unit_en(unit)} by {result_date(end, 'en')} ({rng_en}{tail_en}).")
    return zh, en


def _loglinear(result: Row, figures: Mapping[str, Row], stats: Mapping[str, Row]) -> tuple[str, str] | None:
    key, rz = _s(result, "indicator"), _s(result, "region_name")
    g, lo, hi, n = _f(result, "estimate"), _f(result, "low"), _f(result, "high"), _s(result, "n_points")
    start, end = _s(result, "start_date"), _s(result, "end_date")
    span_zh = f"（{fit_date(start, result, figures)}至{fit_date(end, result, figures)}）" if start and end else ""
    span_en = (f" ({fit_date(start, result, figures, 'en')} to {fit_date(end, result, figures, 'en')})"
               if start and end else "")
    dw = re.search(r"Durbin–Watson ([0-9.]+)", _s(result, "interval"))
    dw_zh = f"；残差存在自相关（Durbin–Watson {dw.group(1)}），该区间可能偏窄" if dw else ""
    dw_en = (f"; the residuals are autocorrelated (Durbin–Watson {dw.group(1)}), so this interval is likely too "
             "narrow") if dw else ""
    zh = (f"按{n}个日期点{span_zh}的对数线性趋势，{rz}{indicator_name(key)}年均增长{_rate(g)}"
          f"（趋势的95%置信区间{_rate(lo)}—{_rate(hi)}{dw_zh}）。")
    en = (f"On a log-linear trend through {n} dated points{span_en}, {indicator_name(key, 'en')} in "
          f"{region_en(result)} grew {_rate(g)} a year (95% confidence interval of the trend {_rate(lo)} to "
          f"{_rate(hi)}{dw_en}).")
    return zh, en


def _attainment(result: Row, figures: Mapping[str, Row], stats: Mapping[str, Row]) -> tuple[str, str] | None:
    levels, targets = _figures(result, figures)
    if not targets:
        return None
    key, rz = _s(result, "indicator"), _s(result, "region_name")
    t, lo, hi = _f(result, "estimate"), _f(result, "low"), _f(result, "high")
    fieller = "Fieller" in _s(result, "interval")
    target = targets[-1]
    unit = _s(target, "unit")
    if _s(target, "qualifier") in ("at_least", "more_than"):
        # a floor target (超10万): the year is when the floor is reached, which is not the target met
        floor_zh, floor_en = f"{number_zh(_f(target, 'value'), unit, False)}{unit_zh(unit)}", \
            f"{number_en(_f(target, 'value'), unit, False)}{unit_en(unit)}"
        zh = (f"按当前增速，{rz}{indicator_name(key)}约在{decimal_year_phrase(t)}达到{floor_zh}（目标为"
              f"{figure_value(target)}：这是达到该下限的年份，并非目标完成的年份）")
        en = (f"At the current pace, {indicator_name(key, 'en')} in {region_en(result)} reaches {floor_en} in "
              f"{decimal_year_phrase(t, 'en')} (the target is {figure_value(target, 'en')}: this is the year its "
              "floor is reached, not the year the target is met)")
    else:
        zh = f"按当前增速，{rz}{indicator_name(key)}约在{decimal_year_phrase(t)}达到{figure_value(target)}"
        en = (f"At the current pace, {indicator_name(key, 'en')} in {region_en(result)} reaches "
              f"{figure_value(target, 'en')} in {decimal_year_phrase(t, 'en')}")
    how_zh, how_en = _scenario_words(_s(result, "interval"), "zh"), _scenario_words(_s(result, "interval"), "en")
    if fieller and math.isfinite(lo) and math.isfinite(hi):
        zh += f"（95% Fieller区间：{decimal_year_phrase(lo)}至{decimal_year_phrase(hi)}）"
        en += f" (95% Fieller interval: {decimal_year_phrase(lo, 'en')} to {decimal_year_phrase(hi, 'en')})"
    elif how_zh and math.isfinite(lo) and math.isfinite(hi):
        kind_zh, kind_en = _range_kind(_s(result, "interval"), "zh"), _range_kind(_s(result, "interval"), "en")
        zh += (f"（{how_zh}的情景：{decimal_year_phrase(lo)}至{decimal_year_phrase(hi)}，非置信区间"
               f"{'；' if kind_zh else ''}{kind_zh}）")
        en += (f" (scenario, {how_en}: {decimal_year_phrase(lo, 'en')} to "
               f"{decimal_year_phrase(hi, 'en')}; not a confidence interval{'; ' if kind_en else ''}{kind_en})")
    elif "two exact figures" in _s(result, "interval") and math.isfinite(t):
        zh += f"（{_no_range(levels, 'zh')}）"
        en += f" ({_no_range(levels, 'en')})"
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


#: The results tables' count column: one count with one meaning in every row (referee-6a R6a-19: a two-point
#: CAGR was shown with n = 12, the length of its series).
POINTS_USED = "所用数据点 Points used"


def points_used(result: Row) -> int:
    """The dated levels a result is computed from, as its sentence says: 2 for a rate between two points (cagr)
    and a scenario grown at such a rate; every point for a fitted trend (loglinear, logistic, attainment, ets)
    and a scenario grown along it; 1 for a gap, the growth a target needs and a staffing gap (the latest level,
    set against a target or norm, which is not a data point). Models' ``n_points`` is the series' length (what
    the gatekeeper counts), which a two-point rate does not use."""
    model, n = _s(result, "model"), int(_f(result, "n_points")) if _s(result, "n_points") else 0
    if model == "cagr" or (model == "projection" and "log-linear" not in _s(result, "interval")):
        return min(n, 2) if n else 2
    if model in ("gap", "required_growth", "staffing_gap", "level"):
        return 1
    return n


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


SIDE_SIGN = {"at_least": "≥", "at_most": "≤"}


def result_unit_cell(result: Row) -> str:
    """The unit column of a 'level' results row: the unit in Chinese and English ('人 persons'), but a gap between
    two shares in percentage points ('个百分点 percentage points', as its sentence says: _gap_amount), never
    'percent'."""
    unit = _s(result, "unit")
    if unit == "percent" and _s(result, "model") in ("gap", "staffing_gap"):
        return "个百分点 percentage points"
    return f"{unit_zh(unit)} {unit}".strip()


def result_cells(result: Row, figures: Mapping[str, Row]) -> tuple[str, str, str]:
    """(family, value, range) of one model result for a results table, in the one number style of its family
    (RESULT_FAMILIES): 'rate' in percent with one decimal ('23.6%', '>0.05%'); 'level' in whole numbers with
    thousands separators ('56,135', '>150'), the unit in its own column; 'year' as year and month ('2023-11').
    The range is the band from rounded or bounded figures, or the model's interval ('' when there is none). A bound
    is a sign before the number (≥, ≤, > from an open target), never words in a number column; a one-sided result
    shows only its bound, rounded away from the claim. A reached target's gap is '—' (its statement says reached;
    a negative gap is never printed); projected levels have PROJECTION_DIGITS significant digits."""
    model = _s(result, "model")
    family = RESULT_FAMILIES.get(model, "level")
    est, low, high = _f(result, "estimate"), _f(result, "low"), _f(result, "high")
    band = (_f(result, "band_low"), _f(result, "band_high"))
    _, targets = _figures(result, figures)
    target = targets[-1] if targets else None
    open_target = BOUND_SIGN.get(_s(target, "qualifier"), "") if target is not None else ""
    side = side_of(result, target)
    sign = SIDE_SIGN.get(side, "")
    if family == "rate":
        if model == "required_growth" and target is not None:
            _, _, g = _required_rate(result, target)
            return family, f"{open_target}{_rate(g)}", ""
        if side:
            return family, f"{sign}{_rate_bound(side_bound(result), side)}", ""
        spread = _pair(*band, _rate) if model == "cagr" else _pair(low, high, _rate)
        if model == "cagr" and direction_unknown(result):
            return family, "—", spread
        return family, _rate(est), spread
    if family == "year":
        if side:
            return family, f"{sign}{_year_month(side_bound(result))}", ""
        return family, _year_month(est), _pair(low, high, _year_month)

    def whole(x: float) -> str:  # a gap between shares is in points with one decimal, never rounded to whole
        if not math.isfinite(x):
            return "—"
        return _points(x) if _s(result, "unit") == "percent" else f"{round(x):,}"

    if model == "gap" and target is not None:
        if _gap_reached(result, target):
            return family, "—", ""
        if side:
            return family, f"{open_target or sign}{whole(side_bound(result, target))}", ""
        return family, whole(est), _pair(*band, whole)
    if model == "projection":
        if side:
            return family, f"{sign}{whole(projected(side_bound(result), side))}", ""
        return family, whole(projected(est)), _pair(projected(low), projected(high), whole)
    if side:
        return family, f"{sign}{whole(side_bound(result))}", ""
    return family, whole(est), _pair(low, high, whole)


#: Sentence writers by model key; one entry per model a report quotes.
PHRASES: dict[str, Callable[[Row, Mapping[str, Row], Mapping[str, Row]], tuple[str, str] | None]] = {
    "gap": _gap, "required_growth": _required, "cagr": _cagr, "projection": _projection, "loglinear": _loglinear,
    "attainment": _attainment, "staffing_gap": _staffing, "logistic": _logistic, "gini": _inequality,
    "theil": _inequality, "sigma": _inequality,
}
#: Models fitted through many points: the sentence counts the points known only from secondary sites.
TREND_MODELS = ("loglinear", "logistic", "attainment", "ets")
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
    said = writer(result, figures, companions or {})
    if said is None:
        return None
    levels, targets = _figures(result, figures)
    model = _s(result, "model")
    # the figures the sentence prints (a trend or an index prints none of them)
    shown = levels[:1] + levels[-1:] if model in ("cagr", "projection") else \
        levels[-1:] if model in ("gap", "required_growth") else []
    said = with_source_caveat(said, list({id(r): r for r in shown}.values()) + targets[-1:])
    if model in TREND_MODELS:  # a fit prints no figure: its dated points' provenance is counted instead
        said = with_points_caveat(said, levels)
    elif levels and not shown:  # an index prints none of its inputs: say how many are secondary
        zh_clause, en_clause = secondary_inputs_clause(levels)
        if zh_clause:
            said = (said[0].rstrip("。") + f"（{zh_clause}）。", said[1].rstrip(".") + f" ({en_clause}).")
    return with_target_origin(said, targets[-1]) if targets else said


def _published(source_id: str, lang: str) -> str:
    """A source's publication month in words ('2013年10月' / 'October 2013'), '' when unknown."""
    from swtoolkit.provenance import sources

    try:
        when = str(sources().loc[source_id, "pub_date"])
    except (KeyError, OSError, ValueError):
        return ""
    d = _date(when[:10]) if len(when) >= 10 else None
    if d is None:
        return f"{when[:4]}年" if lang == "zh" and when[:4].isdigit() else when[:4]
    return _month_zh(d) if lang == "zh" else f"{MONTHS_EN[d.month - 1]} {d.year}"


def target_origin(target: Row, lang: str = "zh") -> str:
    """Which document a target comes from: '目标出自来源WN034（2013年10月发布）' / 'target from source WN034
    (published October 2013)'. Targets of different plans are never one target revised."""
    sid = _s(target, "source_id") or _s(target, "figure_id").rsplit("-", 1)[0]
    when = _published(sid, lang)
    if lang == "zh":
        return f"目标出自来源{sid}" + (f"（{when}发布）" if when else "")
    return f"target from source {sid}" + (f" (published {when})" if when else "")


def with_target_origin(said: tuple[str, str], target: Row) -> tuple[str, str]:
    """The sentence with the document its target comes from, so two targets of different plans shown one after the
    other are never read as one target."""
    zh, en = said
    return (zh.rstrip("。") + f"（{target_origin(target)}）。",
            en.rstrip(".") + f" ({target_origin(target, 'en')}).")


def targets_apart_note(targets: list[Row]) -> str:
    """A note for a table or list that shows several targets of one indicator from different documents: they belong
    to different plans, dates or scopes and are listed side by side, not compared ('' when there is nothing to say).
    """
    from swtoolkit.models.comparability import distinct_facts

    by_key: dict[str, list[Row]] = {}
    for t in distinct_facts(targets):  # a target restated elsewhere is one target, not a second plan's
        by_key.setdefault(_s(t, "indicator"), []).append(t)
    zh_parts, en_parts = [], []
    for key, rows in by_key.items():
        docs = {_s(t, "source_id") or _s(t, "figure_id").rsplit("-", 1)[0] for t in rows}
        if len(docs) < 2:
            continue
        zh_parts.append(f"{indicator_name(key)}的目标" + "、".join(
            f"{figure_value(t)}{scope_note(t)}（{figure_date(t)}，{target_origin(t)}）" for t in rows))
        en_parts.append(f"targets for {indicator_name(key, 'en')}: " + "; ".join(
            f"{figure_value(t, 'en')}{scope_note(t, 'en')} ({figure_date(t, 'en')}, {target_origin(t, 'en')})"
            for t in rows))
    if not zh_parts:
        return ""
    en = "; ".join(en_parts)
    shown = [t for rows in by_key.values() if len({_s(t, "source_id") or _s(t, "figure_id").rsplit("-", 1)[0]
                                                     for t in rows}) > 1 for t in rows]
    zh, en = with_source_caveat(
        ("；".join(zh_parts) + "——出自不同的规划或文件，日期、口径或范围可能不同，并列列出，不互相比较，"
         "也不是同一目标的修订。",
         en[:1].upper() + en[1:] + " — from different plans or documents, whose dates, definitions or scopes may "
         "differ: listed side by side, not compared, and not one target revised."), shown)
    return f"{zh} {en}"


# ---- a province against the nation ---------------------------------------------------------------------------------
def _side_date(side: Mapping[str, Any], key: str, figure_id: str | None, figures: Mapping[str, Row],
               lang: str) -> str:
    """The date of one side of a comparison in words: from its figure (precision as written) where known."""
    row = figures.get(figure_id) if figure_id else None
    if row is None or _s(row, "ref_date")[:10] != str(side[key])[:10]:
        # a merged fact carries the better-dated statement's date: find that statement among the side's figures
        row = next((figures[i] for i in split_ids(list(side.get("figure_ids") or [])) if i in figures
                    and _s(figures[i], "ref_date")[:10] == str(side[key])[:10]), None)
    return figure_point(row, lang) if row is not None else result_date(str(side[key]), lang)


def fit_date(text: str, result: Row, figures: Mapping[str, Row], lang: str = "zh") -> str:
    """The start or end date of a fit in words, as the figure at that date writes it (2024年 for a list's bare
    year, 2022年底 for 截至2022年底), so one figure's date reads alike in every table and sentence; a date no
    figure of the result carries is a model's date (result_date)."""
    ids = split_ids(_s(result, "figure_ids"))
    row = next((figures[i] for i in ids if i in figures and _s(figures[i], "ref_date")[:10] == str(text)[:10]),
               None)
    return figure_point(row, lang) if row is not None else result_date(str(text), lang)


def _density_ranged(side: Mapping[str, Any]) -> bool:
    """Whether a density is printed as a range (its ends differ at two decimals)."""
    lo, hi = (float(side.get(k, math.nan)) for k in ("low", "high"))
    return math.isfinite(lo) and math.isfinite(hi) and f"{lo:.2f}" != f"{hi:.2f}"


def _density_phrase(side: Mapping[str, Any], lang: str, figures: Mapping[str, Row]) -> str:
    v, lo, hi = (float(side.get(k, math.nan)) for k in ("value", "low", "high"))
    shown = f"{lo:.2f}–{hi:.2f}" if _density_ranged(side) else f"{v:.2f}"
    ids = list(side.get("figure_ids") or [])
    count = _side_date(side, "end", ids[0] if ids else None, figures, lang)
    people = _side_date(side, "population_date", ids[-1] if len(ids) > 1 else None, figures, lang)
    if lang == "zh":
        return f"{shown}人（{count}，人口按{people}计）"
    return f"{shown} ({count}; population of {people})"


#: Why a density (certified per 10,000 residents) was not compared with the nation's, by the key the model returns
#: (models.national.Comparison ``province["refused"]``), in Chinese and English with the same content.
DENSITY_REFUSALS = {
    "no_count": ("本地区没有有日期的全境持证社会工作者人数，没有可除以人口的数字",
                 "the region has no dated region-wide count of certified social workers to divide by its "
                 "population"),
    "no_population": ("本地区有持证社会工作者人数，但没有常住人口数字，无法计算密度",
                      "the region has a count of certified social workers but no resident population figure to "
                      "divide it by"),
    "undated_population": ("本地区有持证社会工作者人数，但唯一的常住人口数字未注明日期，不能与人数对应",
                           "the region has a count of certified social workers, but its only resident population "
                           "figure is undated and cannot be matched to the count's date"),
    "population_far": ("本地区持证社会工作者人数与常住人口数字的日期相隔过远，不相除",
                       "the region's count of certified social workers and its resident population figure are "
                       "dated too far apart to be divided"),
    "open_end": ("所用数字只有一个界限（如“超过”），按它计算的密度会依赖一个编造的数值",
                 "a figure it would rest on states only one bound (such as “more than”), so a density from it "
                 "would rest on an invented value"),
    "no_national": ("没有与人口数字日期相近的全国持证社会工作者人数",
                    "there is no national count of certified social workers dated near a national population "
                    "figure"),
}


def density_refusal_words(side: Mapping[str, Any]) -> tuple[str, str]:
    """(Chinese, English) reason a density was not compared with the nation's, from the model's key
    (``side["refused"]``, :data:`DENSITY_REFUSALS`); both say the same. Unknown keys raise KeyError (a new reason
    of the model must be worded here before it reaches a report)."""
    key = str(side.get("refused", ""))
    if key == "national_far":
        days = side.get("apart_days", "")
        return (f"最接近的全国密度与本地区相隔{days}天，超过可比的期限",
                f"the nearest national density is {days} days from the region's, beyond the comparable window")
    return DENSITY_REFUSALS[key]


def growth_refusal_words(comparison: Any) -> tuple[str, str]:
    """(Chinese, English) reason a growth rate was not set against the nation's when both sides have points: the
    windows do not match or a figure has one bound only (models.national._growth)."""
    reason = str(comparison.reason)
    if "states only one bound" in reason or "one-sided" in reason:
        return ("所用数字只有一个界限（如“超过”），增速只能是单侧的，不与全国增速并列",
                "a figure it rests on states only one bound (such as “more than”), so its growth rate is one-sided "
                "and is not set against the nation's")
    if "share" in reason and "of the time" in reason:
        return ("全国数字与本地区数字覆盖的时期重合太少，全国增速逐年变化，不同时期的增速不并列",
                "the national and regional figures cover periods that overlap too little; national growth changes "
                "from year to year, so rates over different periods are not set side by side")
    return ("没有与本地区首尾日期相近的两个全国数字",
            "there are no two national figures dated near the region's first and last figures")


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
        why = p.get("refused", "")
        if what == "growth" and why:
            dates = list(p.get("dates") or [])
            zh_why, en_why = {
                "no_point": ("本地区没有该口径的有日期数字，无法计算增速",
                             "the region has no dated figure of this definition, so there is no growth rate"),
                "one_point": ("本地区该口径只有一个有日期的数字，无法计算增速",
                              "the region has only one dated figure of this definition, so there is no growth rate"),
                "short_span": (f"本地区该口径有日期的{len(dates)}个数字前后相距{p.get('span_days', 0)}天，不足一年，"
                               "不计算增速",
                               f"the region's {len(dates)} dated figures of this definition are "
                               f"{p.get('span_days', 0)} days apart, less than a year, so no growth rate is "
                               "computed"),
            }[why]
            return (f"{region_zh}{label_zh}未与全国比较：{zh_why}。", f"{region_en}: {label_en} not compared with "
                    f"the national figure: {en_why}.")
        zh_why, en_why = density_refusal_words(p) if what == "density" else growth_refusal_words(comparison)
        return (f"{region_zh}{label_zh}未与全国比较：{zh_why}。", f"{region_en}: {label_en} not compared with "
                f"the national figure: {en_why}.")
    if what == "density":
        pz, nz = _density_phrase(p, "zh", figures), _density_phrase(n, "zh", figures)
        pe, ne = _density_phrase(p, "en", figures), _density_phrase(n, "en", figures)
        ranged = _density_ranged(p) or _density_ranged(n)  # the note on ranges only where one is printed (R8a-20)
        zh = (f"每万名常住人口{name_zh}：{region_zh}为{pz}，全国为{nz}"
              + ("（区间来自原文数字的取整或上下限）" if ranged else "") + "。")
        en = (f"{name_en[:1].upper() + name_en[1:]} per 10,000 residents: {region_en} {pe}, "
              f"China {ne}" + (" (ranges from the rounding or bounds of the figures as written)" if ranged else "")
              + ".")
        return with_source_caveat((zh, en), density_rows(p, figures) + density_rows(n, figures))

    def ends(side: Mapping[str, Any], lang: str) -> tuple[str, str]:
        ids = list(side.get("figure_ids") or [None, None])
        return (_side_date(side, "start", ids[0], figures, lang), _side_date(side, "end", ids[-1], figures, lang))

    (p0, p1), (n0, n1) = ends(p, "zh"), ends(n, "zh")
    (p0e, p1e), (n0e, n1e) = ends(p, "en"), ends(n, "en")
    same = (p["start"], p["end"]) == (n["start"], n["end"])  # else the national span only overlaps it
    ends_rows = [r for r in (fact_row(i, figures) for side in (p, n) for i in list(side.get("figure_ids") or []))
                 if r is not None]
    if same:
        zh = (f"{region_zh}{name_zh}从{p0}到{p1}年均增长{_rate(p['value'])}；全国同期年均增长{_rate(n['value'])}"
              "（均为两点之间的复合增长率）。")
        en = (f"{region_en}: {name_en} grew {_rate(p['value'])} a year from {p0e} to {p1e}; China "
              f"{_rate(n['value'])} a year over the same period (compound rates between two points).")
        return with_source_caveat((zh, en), ends_rows)
    shared = float(n.get("shared", p.get("shared", 0.0)) or 0.0)
    zh = (f"{region_zh}{name_zh}从{p0}到{p1}年均增长{_rate(p['value'])}；全国从{n0}到{n1}年均增长{_rate(n['value'])}"
          f"（均为两点之间的复合增长率）。两段时期不同，重合部分占两者合计时段的{shared:.0%}；全国增速逐年变化，"
          "两数只作大致参照，不说明该地快于或慢于全国。")
    en = (f"{region_en}: {name_en} grew {_rate(p['value'])} a year from {p0e} to {p1e}; China "
          f"{_rate(n['value'])} a year from {n0e} to {n1e} (compound rates between two points). The two windows "
          f"differ and share {shared:.0%} of the time they cover together; national growth changes from year to "
          "year, so the pair is a rough reference, not a finding that the region grew faster or slower.")
    return with_source_caveat((zh, en), ends_rows)


def density_rows(side: Mapping[str, Any], figures: Mapping[str, Row]) -> list[Row]:
    """The count and the population a density rests on, as rows for the secondary-source flag: a density side's
    ``figure_ids`` are the count's statements then the population figure (models.density.density_points)."""
    ids = list(side.get("figure_ids") or [])
    if not ids:
        return []
    rows = [fact_row(ids[:-1] or ids, figures), fact_row(ids[-1], figures) if len(ids) > 1 else None]
    return [r for r in rows if r is not None]


# ---- why a model was not run, in both languages ---------------------------------------------------------------------
#: A figure id inside a model's reason (S003-019846, WP034-02, WN003-05).
_REASON_ID = re.compile(r"\b[A-Z][A-Z0-9]*\d-\d+\b")
#: What a series is when a growth model is refused for its measure (models.gatekeeper._growth_gate), in words.
_NOT_STOCK = {"a flow": ("期间量（一段时间内发生的数量）", "an amount in a period (a flow)"),
              "a rate": ("比率", "a rate"), "a ratio": ("比值", "a ratio"), "a norm": ("标准", "a norm"),
              "a stated growth rate": ("原文给出的增长率", "a growth rate as stated"),
              "a stated multiple": ("原文给出的倍数", "a multiple as stated")}


def _model_words(model: str) -> tuple[str, str]:
    """(Chinese, English) name of a model key, from the one label registry (labels.MODELS)."""
    from swtoolkit import labels

    text = labels.label("model", model) if model else ""
    zh, _, en = text.partition(" ")
    return (zh or "模型计算", en or "model run")


def _names(indicators: list[str], lang: str) -> str:
    keys = [k for k in dict.fromkeys(indicators) if k]
    if not keys:
        return "该指标" if lang == "zh" else "the indicator"
    names = [indicator_name(k, lang) for k in keys]
    return "、".join(names) if lang == "zh" else "; ".join(names)


def _figures_named(reason: str, figures: Mapping[str, Row], lang: str, ids: list[str] | None = None) -> str:
    """The figures a reason names, as values with their bounds and units ('12名、9个' / '12 persons; 9'), never
    their ids; '' when none of them is known."""
    found = [i for i in dict.fromkeys(ids if ids is not None else _REASON_ID.findall(reason)) if i in figures]
    said = list(dict.fromkeys(figure_value(figures[i], lang) + scope_note(figures[i], lang) for i in found))
    return ("、".join(said) if lang == "zh" else "; ".join(said))


def model_refusal_words(reason: str, indicators: list[str], figures: Mapping[str, Row] | None = None,
                        model: str = "") -> tuple[str, str]:
    """(Chinese, English) sentences saying why a model was not run, with the same content in both languages.

    ``reason`` is the results row's ``reason`` (the gate's rule, in English, for the audit list); ``indicators``
    are the codebook keys of the refused series; ``figures`` maps figure ids to clean rows, so the sentences name
    figures by their values as written, never by id or code. The kinds of refusal are told apart here, in one
    place (the gate's rule wordings: models.gatekeeper, models.comparability, models.fit, models.density); a rule
    not known here gets a plain sentence that names the indicator and points to the audit list, which holds
    every refusal with its rule."""
    figures = figures or {}
    r = str(reason)
    name_zh, name_en = _names(indicators, "zh"), _names(indicators, "en")
    cap = name_en[:1].upper() + name_en[1:]
    vals_zh, vals_en = _figures_named(r, figures, "zh"), _figures_named(r, figures, "en")
    m = re.search(r"applies to stocks and cumulative counts, not (a [\w ]+?) \(", r) or \
        re.search(r"applies to stocks and cumulative counts, not (a [\w ]+)", r)
    if m:
        what_zh, what_en = _NOT_STOCK.get(m.group(1), ("非存量或累计数的指标", "not a stock or running total"))
        return (f"{name_zh}是{what_zh}，不是存量或累计数，不计算增长率或趋势，只列出数字。",
                f"{cap} is {what_en}, not a stock or running total: no growth rate or trend is computed; the "
                "figures are listed.")
    if r.startswith("refused: no dated figure of this definition"):
        undated = re.findall(r"(" + _REASON_ID.pattern + r") \([^)]*\) set aside: undated", r)
        repeats = re.findall(r"(" + _REASON_ID.pattern + r") \([^)]*\) set aside: the same value as", r)
        restated = bool(re.search(r"\) restates ", r))
        shown_zh = _figures_named(r, figures, "zh", undated + repeats) or vals_zh
        shown_en = _figures_named(r, figures, "en", undated + repeats) or vals_en
        zh = (f"{name_zh}的数字（{shown_zh}）未注明日期，只知在所在文件的日期之前，" if undated or not repeats else
              f"{name_zh}的数字（{shown_zh}）与另一来源较早的数字相同，可能是其重述，")
        en = (f"{cap}: the figure(s) ({shown_en}) state no date and lie somewhere before their document's date, "
              if undated or not repeats else f"{cap}: the figure(s) ({shown_en}) repeat an earlier figure of "
              "another source and may restate it, ")
        zh += "不作为时间序列的点，不计算增长或差距，按原文列出"
        en += "so they are no point of a series and no growth or gap is computed; they are listed as written"
        if restated:
            zh += "（同一数字在不同文件中的重述算作一个数字）"
            en += " (a figure restated in another document counts once)"
        return zh + "。", en + "."
    m = re.search(r"the target is (one year's amount|an amount to add over the plan period) \(", r)
    if m:  # a budget or a sum to add is no level to reach: the reason the models give (referee 8b R8b-9)
        what_zh = ("一年的计划量（年度目标）" if m.group(1).startswith("one year")
                   else "规划期内的累计增加量（累计目标）")
        what_en = ("one year's planned amount (an annual target)" if m.group(1).startswith("one year")
                   else "an amount to add over the plan period (a cumulative target)")
        return (f"{name_zh}的目标是{what_zh}，不是要达到的水平，不计算差距，目标按原文列出。",
                f"{cap}: the target is {what_en}, not a level to reach, so no gap is computed; the target is "
                "listed as written.")
    if "no dated level of this definition and scope to measure the target against" in r:
        return (f"{name_zh}的目标没有同一口径、同一范围并注明日期的现有数字可以对照，不计算差距，目标按原文列出。",
                f"{cap}: no dated figure of the target's own definition and scope to measure it against, so no "
                "gap is computed; the target is listed as written.")
    m = re.search(r"target due (\S+), long before the latest figure \((\S+)\)", r)
    if m:
        due_zh, due_en = result_date(m.group(1)), result_date(m.group(1), "en")
        last_zh, last_en = result_date(m.group(2)), result_date(m.group(2), "en")
        return (f"{name_zh}的目标期限为{due_zh}，远早于最新数字（{last_zh}），期限前后六个月内没有数字，无法判断是否"
                "按期完成；目标与其后的数字按原文列出。",
                f"{cap}: the target was due {due_en}, long before the latest figure ({last_en}), and no figure lies "
                "within six months of its deadline, so whether it was met on time is not known; the target and the "
                "later figures are listed as written.")
    m = re.search(r"target due (\S+) has passed by the edition \((\S+)\); the latest figure \((\S+)\)", r)
    if m:
        due, edition, last = m.group(1), m.group(2), m.group(3)
        return (f"{name_zh}的目标期限（{result_date(due)}）在本版报告日期（{result_date(edition)}）之前已到；最新数字"
                f"（{result_date(last)}）早于期限，期限之后没有数字，是否完成不得而知：差距只按最新数字的日期列出。",
                f"{cap}: the target was due {result_date(due, 'en')}, before this edition's date "
                f"({result_date(edition, 'en')}); the latest figure ({result_date(last, 'en')}) predates the deadline "
                "and none is dated after it, so whether it was met is not known: the gap is given at the latest "
                "figure's date only.")
    m = re.search(r"ends (\S+), on or before the edition \((\S+)\)", r)
    if m:
        return (f"{name_zh}的情景推算止于{result_date(m.group(1))}，不晚于本版报告的日期（{result_date(m.group(2))}）："
                "推算不代替资料本应给出的数字，只列出增长率和最新数字。",
                f"{cap}: the scenario ends {result_date(m.group(1), 'en')}, on or before this edition's date "
                f"({result_date(m.group(2), 'en')}); a projection does not stand in for a figure the sources could "
                "have given, so only the growth rate and the latest figure are listed.")
    if "open ends on opposite sides" in r:
        return (f"{name_zh}首尾两个数字一个只有下限、一个只有上限，二者之间的增长率没有界限，不计算；数字按原文列出。",
                f"{cap}: one end figure states only a lower bound and the other only an upper bound, so the growth "
                "rate between them has no bound and is not computed; the figures are listed as written.")
    if "open end" in r and "only one bound is known" in r:
        one_sided = "one-sided CAGR" in r
        return (f"{name_zh}的数字（{vals_zh}）只给出一个界限（如“超过”“以上”），没有中心值，"
                "不拟合趋势（否则要编造一个数值）"
                + ("；只计算首尾两点之间的单侧增长率" if one_sided else "；按原文列出") + "。",
                f"{cap}: the figure(s) ({vals_en}) state only one bound (such as “more than”), so there is no "
                "central value and no trend is fitted (it would invent one)"
                + ("; only a one-sided growth rate between the first and last points is given" if one_sided else
                   "; listed as written") + ".")
    if "saturation" in r and "logistic" in r:
        return (f"{name_zh}已达到100%（饱和），0%与100%之间的数字不够，不拟合饱和曲线，只注明已饱和。",
                f"{cap} has reached 100% (saturation); too few figures lie between 0% and 100% to fit a "
                "saturation curve, so saturation is noted instead.")
    if "is a proposal, not an adopted norm" in r:
        return (f"{name_zh}：{vals_zh}是建议，不是已通过的标准，不据以计算缺口，按原文列出。",
                f"{cap}: {vals_en} is a proposal, not an adopted norm, so no gap is computed from it; it is "
                "listed as written.")
    if "practice, not a norm" in r:
        return (f"{name_zh}：{vals_zh}是实际做法，不是规定的标准，不据以计算缺口，按原文列出。",
                f"{cap}: {vals_en} is a practice, not an adopted rule, so no gap is computed from it; it is "
                "listed as written.")
    if "not a staffing rule" in r or "requirement of a wider programme" in r:
        return (f"{name_zh}：{vals_zh}是所引其他规划或文件的要求，不是本地区通过的配备标准，"
                "不据以计算缺口，按原文列出。",
                f"{cap}: {vals_en} is a requirement cited from a wider programme, not a staffing rule adopted "
                "for the region, so no gap is computed from it; it is listed as written.")
    if "definition scopes differ" in r or "definitions differ" in r or "units as written" in r:
        return (f"{name_zh}的数字（{vals_zh}）口径或计量单位不同，不相互比较，按原文并列。",
                f"{cap}: the figures ({vals_en}) differ in definition or unit, so they are not compared; they are "
                "listed side by side as written.")
    if "six months apart" in r or "more than six months" in r:
        return (f"{name_zh}的数字（{vals_zh}）日期相隔超过六个月，不相除、不比较，按原文列出。",
                f"{cap}: the figures ({vals_en}) are dated more than six months apart, so they are not divided or "
                "compared; they are listed as written.")
    if "part of the region" in r:
        return (f"{name_zh}的数字（{vals_zh}）只涉及地区的一部分，不代表全境，不据以计算，按原文列出。",
                f"{cap}: the figure(s) ({vals_en}) cover only part of the region, so nothing is computed from "
                "them for the whole; they are listed as written.")
    model_zh, model_en = _model_words(model)
    if "raw counts" in r:
        return (f"{model_zh}比较的是比率或人均量，不比较规模不同地区的人数等原始数字，未计算，各地数字分别列出。",
                f"{model_en} compares rates or per-capita measures, not raw counts of regions of different sizes: "
                "not computed; the regions' figures are listed.")
    m = re.search(r"needs ≥ (\d+) (regions|provinces|points)", r)
    if m:
        unit_zh = {"regions": "个地区", "provinces": "个省份", "points": "个同口径数字"}[m.group(2)]
        unit_en = {"regions": "regions", "provinces": "provinces", "points": "figures of one definition"}[
            m.group(2)]
        return (f"{model_zh}至少需要{m.group(1)}{unit_zh}，数据不足，未计算（条件见与报告一同发布的审核清单"
                " audit.html）。",
                f"{model_en} needs at least {m.group(1)} {unit_en}: too few, not computed (conditions in the audit "
                "list published with the reports, audit.html).")
    return (f"{name_zh}的{model_zh}未计算：所用数字的口径、日期或性质不允许（原因逐条见与报告一同发布的审核清单 "
            "audit.html）。",
            f"{cap}: {model_en} not computed: the figures' definitions, dates or kinds do not allow it (each "
            "reason in the audit list published with the reports, audit.html).")


_CODE_WORD = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def public_words(text: str, lang: str = "en") -> str:
    """``text`` with every internal key of an indicator (codebook) or a definition scope (scopes.csv) replaced by
    its label in ``lang``, quoted ('sw_posted' → '“social workers posted to stations”'): public text names
    indicators and scopes by their labels, never by their codes. Words that are neither key are left as they are."""
    from swtoolkit.codebook import scopes

    book, scope_book = codebook(), scopes()

    def name(m: re.Match) -> str:
        key = m.group(0)
        if key in book.index:
            label = indicator_name(key, lang)
        elif key in scope_book.index:
            label = str(scope_book.loc[key, "name_zh" if lang == "zh" else "name_en"])
            label = label if lang == "zh" else label[:1].lower() + label[1:]
        else:
            return key
        return f"“{label}”"

    return _CODE_WORD.sub(name, str(text))


def no_findings_sentence(region_zh: str, region_en: str, headline: tuple[str, ...], allowed: int = 0,
                         refused: int = 0, shown: bool = True, limited: bool = True,
                         table: tuple[str, str] = ("主要数据表", "key-figures table")) -> tuple[str, str]:
    """(Chinese, English) key finding of a report that has no other: why none can be stated. The region has no
    figure of the headline indicators (``headline``: codebook keys) and no model result a finding may quote
    (``allowed`` results, all of them context or past targets; ``refused`` runs); its other figures are listed in
    the key-figures table, each with its date and definition.

    A cross-reference names only what the report prints (referee 8a R8a-8): ``shown`` says whether the growth
    table prints the allowed results (context figures such as population get no row there), ``limited`` whether the
    limitations name the refused runs; ``table`` names the table of figures the report prints (a brief's is the
    table of every figure). Counts agree in number in both languages (R8b-2: never 均/all with one)."""
    names_zh = "、".join(indicator_name(k) for k in headline)
    names_en = "; ".join(indicator_name(k, "en") for k in headline)
    if allowed:
        result_en = "result concerns a context figure or a target whose deadline has" if allowed == 1 else \
            "results concern context figures or targets whose deadline has"
        if shown:
            models_zh = f"{allowed}项模型结果只涉及背景数字或已过期限的目标，列于增长与差距表，"
            models_en = f"its {allowed} model {result_en} passed and {'is' if allowed == 1 else 'are'} shown in " \
                "the growth-and-gaps table, "
        else:
            models_zh = f"{allowed}项模型结果只涉及背景数字（如人口），不作为发现，"
            models_en = (f"its {allowed} model {'result concerns' if allowed == 1 else 'results concern'} only "
                         "context figures (such as population) and "
                         f"{'is' if allowed == 1 else 'are'} not a finding, ")
    elif refused:
        see_zh, see_en = ("（见“局限”）", " (see Limitations)") if limited else ("", "")
        if refused == 1:
            models_zh = f"1项模型计算因数据点太少或数字不可比而未进行{see_zh}，"
            models_en = f"the one model run was refused for too few or incomparable figures{see_en}, "
        else:
            models_zh = f"{refused}项模型计算均因数据点太少或数字不可比而未进行{see_zh}，"
            models_en = f"all {refused} model runs were refused for too few or incomparable figures{see_en}, "
    else:
        models_zh, models_en = "也没有可计算的模型，", "no model could be run, "
    zh = (f"本报告不陈述{region_zh}的主要发现：资料中没有{region_zh}全境的{names_zh}数字，{models_zh}"
          f"其余数字口径各异、多为单一时点，不足以概括规模或变化；各数字连同日期和口径列于{table[0]}。")
    en = (f"No key finding is stated for {region_en}: the sources give no region-wide figure for {names_en}; "
          f"{models_en}and the other figures differ in definition and are mostly single points, too few to sum up "
          f"size or change; each is listed with its date and definition in the {table[1]}.")
    return zh, en


def league_refusal_words(code: str, rows: list[Row], parts: list[str] | None = None, lone: str = ""
                         ) -> tuple[str, str]:
    """(Chinese, English) reason one sub-region is not ranked in a league table, from the key the model returns
    (models.ratios.ratio_table ``attrs["refused"]["code"]``): the same content in both languages, figures named by
    their values as written and definitions by their labels, never by id or code. ``rows`` are the clean rows of its
    numerator and denominator; ``parts`` the named parts a region gives figures for (code 'part_only', not named
    here: the data name them in English only; no table is cited, since a sub-region's figures are not in its
    parent's key-figures table, referee 8b R8b-4's kind); ``lone`` its ratio as shown (code 'lone':
    the only comparable region)."""
    vals_zh = "、".join(dict.fromkeys(figure_value(r) for r in rows))
    vals_en = "; ".join(dict.fromkeys(figure_value(r, "en") for r in rows))
    keys = [_s(r, "scope") for r in rows if _s(r, "scope")]
    scopes_zh = "、".join(dict.fromkeys(scope_label(k, "zh") for k in keys)) or "一般口径"
    scopes_en = "; ".join(dict.fromkeys(scope_label(k, "en")[:1].lower() + scope_label(k, "en")[1:] for k in keys)) \
        or "the plain definition"
    words = {
        "zero_denominator": ("分母为零，不计算比率", "the denominator is zero, so there is no ratio"),
        "undated": (f"所用数字（{vals_zh}）中有未注明日期的，不能与有日期的数字并列",
                    f"a figure it rests on ({vals_en}) states no date and cannot be set beside dated figures"),
        "apart": (f"分子与分母（{vals_zh}）的日期相隔超过六个月，不相除",
                  f"its numerator and denominator ({vals_en}) are dated more than six months apart, so they are not "
                  "divided"),
        "open_end": (f"所用数字（{vals_zh}）只给出一个界限，比率只是单侧的，名次无法确定",
                     f"a figure it rests on ({vals_en}) states only one bound, so the ratio is one-sided and its rank "
                     "is not known"),
        "units": ("计量单位与参与排名的地区不同（如人与人次），不放在同一排名中",
                  "its units differ from the ranked regions' (such as persons and person-times), so it is not "
                  "ranked beside them"),
        "scope": (f"口径（{scopes_zh}）与参与排名的地区不同，不放在同一排名中",
                  f"its definition ({scopes_en}) differs from the ranked regions', so it is not ranked beside them"),
        "window": ("数字日期与参与排名的地区相隔超过六个月，不放在同一排名中",
                   "its figures are dated more than six months from the ranked regions', so it is not ranked "
                   "beside them"),
        "part_only": ("只有地区中某一部分的数字，没有全境数字，不作为本地区的比率",
                      "figures are given only for a named part of the region, not for "
                      "the whole region, so no ratio of the region is computed"),
        "no_whole": ("没有全境的最新数字，不作为本地区的比率",
                     "there is no region-wide latest figure, so no ratio of the region is computed"),
        "lone": (f"只有这一个地区有可比的数字（{lone}），排名至少需要两个地区",
                 f"it is the only sub-region with comparable figures ({lone}); a league table needs at least two"),
    }
    return words[code]
