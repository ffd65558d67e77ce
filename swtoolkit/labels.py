"""The one registry of words for code keys a reader sees (kinds, qualifiers, models, statistics, table columns).

Reports, charts and tables look labels up here; a key with no entry is shown as the key itself only through
:func:`label`, which tests check never happens for the keys the data and the models use.
"""

from __future__ import annotations

from collections.abc import Mapping

#: What kind of figure a row is (figures.csv ``kind``).
KINDS = {"actual": "现有量 level", "cumulative": "累计数 cumulative", "increment": "新增量 increment",
         "ratio": "比例 share", "target": "目标 target", "norm": "配备标准 norm", "plan": "计划 plan"}
#: How a value is qualified (figures.csv ``qualifier``).
QUALIFIERS = {"exact": "确数 exact", "at_least": "≥ 下限 lower bound", "more_than": "> 下限 lower bound",
              "at_most": "≤ 上限 upper bound", "less_than": "< 上限 upper bound", "approx": "约数 approximate",
              "rounded": "取整数 rounded", "range": "区间 range"}
#: Models a report quotes (model results ``model``).
MODELS = {"gap": "目标差距 Gap to target", "required_growth": "所需增速 Required growth",
          "cagr": "复合年增长率 Compound annual growth rate", "projection": "情景推算 Scenario projection",
          "loglinear": "对数线性趋势 Log-linear trend", "logistic": "逻辑斯蒂覆盖 Logistic coverage",
          "attainment": "达标时间 Attainment year", "staffing_gap": "配备标准缺口 Staffing-norm gap",
          "gini": "基尼系数 Gini", "theil": "泰尔指数 Theil", "sigma": "σ收敛 σ-convergence",
          "level": "最新水平 Latest level", "beta": "β收敛 β-convergence",
          "ets": "指数平滑 Exponential smoothing (Holt)",
          "hac": "HAC稳健标准误 Autocorrelation-robust standard errors",
          "logistic_free": "上限自由的逻辑斯蒂 Logistic, free ceiling",
          "mixedlm": "混合效应模型 Mixed-effects model", "series": "同一序列 One series",
          "density": "每万常住人口密度 Density per 10,000 residents"}
#: Statistics of model results (model results ``statistic``).
STATISTICS = {"attainment y/T": "目标完成度（对数尺度） Attainment of target",
              "gap to target": "距目标差额 Gap to target",
              "latest level": "最新水平 Latest level",
              "required annual growth": "所需年均增速 Required annual growth",
              "staffing need": "按标准所需人数 Staff the norm requires",
              "log-scale progress": "对数尺度进度 Log-scale progress",
              "plan elapsed": "规划期已过 Plan period elapsed", "gini": "基尼系数 Gini", "theil": "泰尔指数 Theil",
              "sigma": "标准差 σ", "annual growth": "年均增长率 Annual growth",
              "annual growth (trend)": "趋势年均增长率 Annual growth (trend)",
              "attainment year": "达标年份 Attainment year", "projected level": "推算水平 Projected level",
              "per 10,000 residents": "每万常住人口 Per 10,000 residents", "beta": "β系数 β",
              "mixedlm": "混合效应模型 Mixed-effects model",
              "gini across regions": "地区间基尼系数 Gini across regions",
              "theil across regions": "地区间泰尔指数 Theil across regions",
              "years behind": "落后领先地区的年数 Years behind the leader",
              "years behind (lower bound)": "落后领先地区的年数（下限） Years behind the leader (lower bound)",
              "years behind (not behind: above the leader's latest figure)":
                  "未落后（高于领先地区的最新数字） Not behind (above the leader's latest figure)"}
#: A statistic computed on densities is named '<statistic> per 10,000 residents'.
PER_RESIDENTS = " per 10,000 residents"
#: What a hedge word apart from a figure (clean ``qualifier_as_written``, swtoolkit.cleaning.numbers.HEDGE_WORDS)
#: says about the statement; shown beside the figure, since the interval does not carry it.
HEDGES = {"力争": "［力争目标 an aim］", "争取": "［争取目标 an aim］", "初步统计": "［初步统计 preliminary count］",
          "原则上": "［原则上 in principle, exceptions allowed］"}
#: The hedge words as a page in traditional characters writes them (力爭 on a big5 gateway page): the clean
#: ``qualifier_as_written`` keeps the word as written, so the lookups below read it in simplified characters.
_HEDGES_TRADITIONAL = {"力爭": "力争", "初步統計": "初步统计", "原則上": "原则上"}


def hedge_word(word: object) -> str:
    """The hedge word of :data:`HEDGES` that ``word`` (a clean ``qualifier_as_written``) is, in simplified
    characters (力爭 → 力争); '' when it is no hedge word or not a string."""
    if not isinstance(word, str):
        return ""
    word = _HEDGES_TRADITIONAL.get(word.strip(), word.strip())
    return word if word in HEDGES else ""


def hedge_note(row: Mapping[str, object]) -> str:
    """'［力争目标 an aim］' for a figure whose statement is hedged by a word apart from it (written in simplified
    or traditional characters); '' otherwise."""
    word = hedge_word(row.get("qualifier_as_written", ""))
    return HEDGES[word] if word else ""


def as_written(row: Mapping[str, object]) -> str:
    """The figure's words for an as-written column: ``value_as_written``, preceded by a word standing apart from
    it that sets its interval (clean ``qualifier_as_written`` other than a hedge of :data:`HEDGES`: 基本, 至少,
    不低于, 据不完全统计 …), joined by '…' since other words may stand between them in the source ('基本…全覆盖',
    '至少…3 名'). A table shows the words that make a figure approximate or a bound wherever it shows the figure
    (editor 7, E7-22: 基本 dropped beside ≈100%). A bare number whose unit the source gives in a table header or in
    words beside it (notes ``header_unit=万人;``, cleaning.rows.HEADER_UNIT) says where its unit comes from:
    '4.4（单位见表头：万人）' (E7-13). Missing values give ''."""
    from swtoolkit.cleaning.rows import HEADER_UNIT

    value = row.get("value_as_written", "")
    value = value if isinstance(value, str) else ""
    notes = row.get("notes", "")
    unit = HEADER_UNIT.search(notes) if isinstance(notes, str) and value else None
    if unit:  # a bare number whose unit the source gives in a table header or in words beside it (4.4 under 万人)
        where = "表头" if "table header" in notes else "原文旁述"
        value = f"{value}（单位见{where}：{unit.group(1)}）"
    word = row.get("qualifier_as_written", "")
    if not isinstance(word, str) or not word or hedge_word(word) or not value:
        return value
    return f"{word}…{value}"


#: Target types (figures.csv ``target_type``).
TARGET_TYPES = {"level": "存量目标 level target", "cumulative_flow": "规划期累计目标 cumulative over the plan",
                "annual_flow": "年度目标 annual flow"}

#: A norm's status (figures.csv ``norm_status``): only an adopted rule is a standard; the others are said as what
#: they are, never as 配备标准. A proposal is said as a proposal only: whether it was later adopted is not in the
#: data, so neither 未采纳 nor "not adopted" is said (review R8b-23).
NORM_STATUSES = {"adopted": "规定标准 adopted rule", "proposal": "建议 proposal",
                 "practice": "实际做法（非规定） practice, not a rule",
                 "requirement": "引述的工作要求 requirement cited, not a staffing rule"}
#: A level (kind ``actual``) named by what its indicator measures (codebook ``measure``): a yearly count of
#: registrants or a year's spending is a flow, never a 现有量.
MEASURE_KINDS = {"stock": "现有量 level", "flow": "期间量 flow in a period", "cumulative": "累计数 cumulative",
                 "rate": "比例 share", "ratio": "比值 ratio", "norm": "标准 norm",
                 "change": "变化率 change on an earlier period", "multiple": "倍数 multiple of an earlier period",
                 "difference": "增减额（水平或比率的变动） change in a level or rate"}
#: A stated change or multiple whose year is known: year-on-year words naming the base year ({base}).
CHANGE_KINDS = {"change": "比{base}年变化 change on {base}", "multiple": "{base}年的倍数 multiple of {base}"}
#: An amount by which a level or a rate went up or down (codebook measure ``difference``: a monthly wage up by
#: 将近400元, registrants 6.4万 more than the year before) is a difference of two levels: neither a stock (现有量)
#: nor a flow of people or money (期间量), nor an addition to a stock (新增量). With its year known it is said as the
#: change on the year before (editor 9 on R8b-1).
DIFFERENCE_KINDS = {"year": "比{base}年增减 change on {base}"}
#: A change stated as an average over several years (scope ``average_annual``).
AVERAGE_CHANGE = "年均变化率 average annual change"
#: A target by its type: a level to reach, or a number to add over the plan period or in one year.
TARGET_KINDS = {"level": "目标 target", "cumulative_flow": "累计目标 cumulative target over the plan",
                "annual_flow": "年度目标 annual target"}

REGISTRY = {"kind": KINDS, "qualifier": QUALIFIERS, "model": MODELS, "statistic": STATISTICS,
            "target_type": TARGET_TYPES, "norm_status": NORM_STATUSES}


def label(family: str, key: str) -> str:
    """Bilingual words for a code key of one family ('kind', 'qualifier', 'model', 'statistic', 'target_type');
    an empty key gives ''; an unknown key is returned as written (tests keep the registry complete)."""
    if not key:
        return ""
    words = REGISTRY[family]
    if family == "statistic" and key not in words and key.endswith(PER_RESIDENTS):
        base = key[: -len(PER_RESIDENTS)]
        if base in words:
            return f"{words[base]}（每万常住人口 per 10,000 residents）"
    return words.get(key, key)


def kind_label(row: Mapping[str, object]) -> str:
    """Bilingual words for what one figure is, from its ``kind`` and what qualifies it: a norm by its
    ``norm_status`` (a proposal is never called 配备标准), a target by its ``target_type``, a level (``actual``) by
    its indicator's codebook measure (flow, stock, cumulative). A stated growth rate or multiple (measure
    ``change``/``multiple``) is named as a change on, or a multiple of, the year before its stated year (比2021年变化),
    never a share; an amount by which a level or a rate went up (measure ``difference``: a wage rise, registrants
    more than the year before) is a change in a level (比2023年增减 when its year is known), never a flow; an
    ``increment`` of a flow indicator (money spent, people served in a period) is a flow in a period. ``row`` is a
    clean figures row (a mapping); an unknown indicator falls back to the kind's own words."""
    def get(key: str) -> str:
        value = row.get(key, "")
        return "" if value is None or value != value else str(value)

    kind = get("kind")
    measure = _measure(get("indicator"))
    if measure == "difference" and kind in ("actual", "increment"):
        # a rise in a wage or in a yearly count is a change in a level, never 期间量 or 新增量 (editor 9 on R8b-1)
        year = (get("period_start") or (get("ref_date") if get("date_basis") == "stated" else ""))[:4]
        if year.isdigit():
            return DIFFERENCE_KINDS["year"].format(base=int(year) - 1)
        return MEASURE_KINDS[measure]
    if measure in CHANGE_KINDS and kind in ("actual", "ratio"):
        # a growth rate or a multiple is never a share (比例) nor dated 截至: it compares a year with the one before
        if get("scope") == "average_annual":
            return AVERAGE_CHANGE
        year = (get("period_start") or (get("ref_date") if get("date_basis") == "stated" else ""))[:4]
        if year.isdigit():
            return CHANGE_KINDS[measure].format(base=int(year) - 1)
        return MEASURE_KINDS[measure]
    if kind == "increment" and measure == "flow":
        return MEASURE_KINDS["flow"]  # an amount spent or served in a period is a flow, not an addition to a stock
    if kind == "norm":
        return NORM_STATUSES.get(get("norm_status"), KINDS["norm"])
    if kind == "target":
        return TARGET_KINDS.get(get("target_type"), KINDS["target"])
    if kind == "actual":
        return MEASURE_KINDS.get(measure, KINDS["actual"])
    return label("kind", kind)


def _measure(indicator: str) -> str:
    """The codebook ``measure`` of an indicator ('' for an unknown key)."""
    from swtoolkit.codebook import codebook

    book = codebook()
    return str(book.loc[indicator, "measure"]) if indicator in book.index else ""
