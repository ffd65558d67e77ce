"""Charts with Chinese labels and a source note on every one (MODELS.md chart conventions)."""

from __future__ import annotations

import base64
import io
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from swtoolkit.fonts import configure_matplotlib  # noqa: E402
from swtoolkit.labels import QUALIFIERS  # noqa: E402

# Marker per qualifier: filled dot exact; ▲ lower bound; ▼ upper bound; hollow dot approximate.
QUALIFIER_MARKERS = {
    "exact": dict(marker="o", fillstyle="full"),
    "at_least": dict(marker="^", fillstyle="full"),
    "more_than": dict(marker="^", fillstyle="full"),
    "at_most": dict(marker="v", fillstyle="full"),
    "less_than": dict(marker="v", fillstyle="full"),
    "approx": dict(marker="o", fillstyle="none"),
    "rounded": dict(marker="o", fillstyle="none"),
    "range": dict(marker="o", fillstyle="none"),
}
QUALIFIER_LABELS = QUALIFIERS
COLOR = "#1f5f8b"
TARGET_COLOR = "#b03a2e"
# Chart text is always literal: a `$…$`, `_` or `^` in a region name or label is drawn as written, never parsed
# as mathtext or handed to TeX (which would change it or stop the report).
LITERAL_TEXT = {"text.parse_math": False, "text.usetex": False}


def _new_figure(width: float = 7.0, height: float = 3.8):
    configure_matplotlib()
    matplotlib.rcParams.update(LITERAL_TEXT)
    fig, ax = plt.subplots(figsize=(width, height), dpi=150)
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def chinese_number(value: float, _pos=None) -> str:
    """An axis number in Chinese style: 8万, 1,100万, 2.5亿; below 10,000 with thousands separators; never 1e7."""
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    size = abs(value)
    for unit, scale in (("亿", 1e8), ("万", 1e4)):
        if size >= scale:
            return f"{sign}{size / scale:,.2f}".rstrip("0").rstrip(".") + unit
    return f"{sign}{size:,.2f}".rstrip("0").rstrip(".")


def percent_number(value: float, _pos=None) -> str:
    """An axis tick in percent (whole percents). For a figure's own label use :func:`figure_number`."""
    return f"{value:.0f}%"


def figure_number(value: float, percent: bool = False) -> str:
    """A figure's value as a chart label, never rounded (referee-6a R6a-11: 86.6% drawn as 87%): 86.6%, 44,080,
    152,985, 20万, 151.6万, 1.2亿. Counts take 万/亿 only where that writes the value exactly to two decimals of the
    unit (1516000 → 151.6万, 152985 → 152,985); otherwise every digit with thousands separators. Axis ticks keep
    :func:`chinese_number`/:func:`percent_number`, which round (a tick is a position, not a figure)."""
    if percent:
        return f"{value:.10g}%"
    sign = "-" if value < 0 else ""
    size = abs(value)
    for unit, scale in (("亿", 1e8), ("万", 1e4)):
        if size >= scale and abs(size / scale * 100 - round(size / scale * 100)) < 1e-6:
            return f"{sign}{size / scale:,.10g}{unit}"
    return f"{sign}{size:,.10g}"


def _label_boxes_overlap(labels) -> bool:
    boxes = [t.get_window_extent() for t in labels if t.get_visible() and t.get_text()]
    return any(a.overlaps(b) for a, b in zip(boxes, boxes[1:], strict=False))


def tick_labels_overlap(fig) -> bool:
    """True when two neighbouring tick labels of any axis of a drawn figure overlap (the check the tests use)."""
    fig.canvas.draw()
    return any(_label_boxes_overlap(ax.get_xticklabels()) or _label_boxes_overlap(ax.get_yticklabels())
               for ax in fig.axes)


def _year_end_label(x, _pos=None) -> str:
    return f"{mdates.num2date(x).year}年末"


def _month_end_label(x, _pos=None) -> str:
    day = mdates.num2date(x)
    return f"{day.year}年{day.month}月末"


def date_axis(ax, dates: pd.Series) -> None:
    """Ticks at the ends of years (or of months for spans under two years), labelled with the period they close.

    A figure dated 2020-12-31 sits on the tick "2020年末", never beside a "2021" tick. The tick interval grows
    until no two labels overlap.
    """
    first, last = pd.Timestamp(min(dates)), pd.Timestamp(max(dates))
    span_days = max((last - first).days, 1)
    pad = pd.Timedelta(days=max(span_days * 0.06, 12))
    ax.set_xlim(first - pad, last + pad)
    yearly = span_days > 2 * 365
    for interval in (1, 2, 3, 4, 5, 6, 10, 12, 20, 24, 50):
        if yearly:
            ax.xaxis.set_major_locator(mdates.YearLocator(base=interval, month=12, day=31))
            ax.xaxis.set_major_formatter(FuncFormatter(_year_end_label))
        else:
            ax.xaxis.set_major_locator(mdates.MonthLocator(bymonthday=-1, interval=interval))
            ax.xaxis.set_major_formatter(FuncFormatter(_month_end_label))
        # The tick labels and their boxes only (Axis.get_tightbbox sets them as a draw would): a full draw of
        # the figure per interval tried cost ≈ 10 % of a county's cells (benchmarks/report_cost.md, fifth pass).
        ax.xaxis.get_tightbbox(ax.figure.canvas.get_renderer())
        labels = ax.get_xticklabels()
        if not _label_boxes_overlap(labels) and len([t for t in labels if t.get_text()]) <= 8:
            return
    ax.xaxis.set_major_locator(mdates.YearLocator(base=100, month=12, day=31))  # pragma: no cover


def value_axis(axis, percent: bool = False) -> None:
    """Counts and shares from zero, numbers in Chinese style, at most six ticks."""
    axis.set_major_formatter(FuncFormatter(percent_number if percent else chinese_number))
    axis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))


def to_svg(fig) -> str:
    """Render and close a figure as an SVG data URI: vector, text drawn as outlines (no font needed to view it)."""
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "swtoolkit"}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def to_png_base64(fig) -> str:
    """Render and close a figure; the PNG is embedded in the report (nothing fetched at view time)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def ratio_bars(table: pd.DataFrame, names: pd.Series, xlabel: str, percent: bool = False):
    """Horizontal league-table bars; bounds (≥, ≈) printed beside the bar. ``xlabel`` names the unit (the caption
    above the chart names what is drawn: the chart never repeats it)."""
    fig, ax = _new_figure(7.0, max(2.2, 0.32 * len(table) + 1.0))
    ordered = table.iloc[::-1]
    labels = [names.get(code, code) for code in ordered["region_code"]]
    ax.barh(labels, ordered["ratio"], color=COLOR)
    from swtoolkit.models.ratios import ratio_words

    for y, (_, row) in enumerate(ordered.iterrows()):  # the label the table prints: an interval stays an interval
        text = ratio_words(row, 1, "%") if percent else ratio_words(row)
        ax.text(row["ratio"], y, " " + text, va="center", fontsize=8)
    ax.set_xlabel(xlabel, fontsize=8)
    value_axis(ax.xaxis, percent)
    ax.set_xlim(0, max(float(ordered["ratio"].max()) * 1.18, 1))  # room for the value written beside the bar
    return fig


BOUND_ARROW = {"at_least": 1, "more_than": 1, "at_most": -1, "less_than": -1}
MIN_CHART_POINTS = 3  # fewer comparable points or bars than this: a value card or a sentence, never a chart


def _mark(value: float, qualifier: str, percent: bool) -> str:
    from swtoolkit.models.ratios import BOUND_SYMBOL

    return f"{BOUND_SYMBOL.get(qualifier, '')}{figure_number(value, percent)}"


INTERVAL_LABEL = "区间 interval (余/多)"


def _interval_ends(frame: pd.DataFrame) -> list[tuple[float, float] | None]:
    """Per row: the two ends of a bound its rounding closes (1600多, 4万余; comparability.two_sided), else None."""
    from swtoolkit.models.comparability import two_sided

    if "value_low" not in frame or "value_high" not in frame:
        return [None] * len(frame)
    return [two_sided(q, lo, hi) for q, lo, hi in zip(frame["qualifier"], frame["value_low"], frame["value_high"],
                                                      strict=True)]


def _interval_text(ends: tuple[float, float], percent: bool) -> str:
    return f"{figure_number(ends[0], percent)}–{figure_number(ends[1], percent)}"


def series(points: pd.DataFrame, targets: pd.DataFrame, ylabel: str, percent: bool = False):
    """Dated values of one definition on a time axis; what is drawn says what is known.

    ``ylabel`` is the unit written above the value axis (e.g. "单位：人 Unit: persons"); what the chart shows is
    named by its caption, never repeated inside the image.

    ``points``: ref_date, value, qualifier and optionally ``run`` (points of one run, e.g. one source's series,
    are joined by a line; points of different runs are never joined, so no line suggests a trend between figures
    of different provenance) and ``label`` (text beside a bound, default the bound symbol and the number).
    A lower bound (≥, >) is an open triangle with an arrow up and its qualifier written beside it, an upper bound
    the same pointing down; a bound its rounding closes (8万多: ``value_low``/``value_high`` both stated) is an
    interval, a hollow dot at its middle with a bar from end to end (the point a fit uses, the ends the data
    state), never a one-sided arrow; a target is an open star labelled 目标/target and never joined to the data.
    """
    fig, ax = _new_figure(6.4, 3.4)
    points = points.sort_values("ref_date").copy()
    ends = _interval_ends(points)
    closed = pd.Series([e is not None for e in ends], index=points.index)
    if closed.any():  # the middle of the interval, as the fits read it; the qualifier says it is an interval
        points.loc[closed, "value"] = [(e[0] + e[1]) / 2 for e in ends if e is not None]
        points.loc[closed, "qualifier"] = "interval"
    dates = pd.to_datetime(points["ref_date"])
    runs = points["run"] if "run" in points else pd.Series(0, index=points.index)
    for _, run in points.groupby(runs, sort=False):
        if len(run) >= 2:
            ax.plot(pd.to_datetime(run["ref_date"]), run["value"], color=COLOR, linewidth=1, alpha=0.6)
    # one legend entry per marker drawn: qualifiers sharing a marker (approximate, rounded) share an entry
    by_marker: dict[tuple, list[str]] = {}
    for qualifier in sorted(points["qualifier"].unique()):
        style = dict(QUALIFIER_MARKERS.get(qualifier, QUALIFIER_MARKERS["range"]))
        if qualifier in BOUND_ARROW:
            style["fillstyle"] = "none"
        by_marker.setdefault((style["marker"], style["fillstyle"]), []).append(qualifier)
    for (marker, fill), qualifiers in by_marker.items():
        group = points[points["qualifier"].isin(qualifiers)]
        ax.plot(pd.to_datetime(group["ref_date"]), group["value"], linestyle="none", color=COLOR, markersize=7,
                marker=marker, fillstyle=fill,
                label=" / ".join(INTERVAL_LABEL if q == "interval" else QUALIFIER_LABELS[q] for q in qualifiers))
    for r, e in zip(points.to_dict("records"), ends, strict=True):
        if e is not None:
            when = pd.to_datetime(r["ref_date"])
            ax.errorbar([when], [r["value"]], yerr=[[r["value"] - e[0]], [e[1] - r["value"]]], fmt="none",
                        ecolor=COLOR, elinewidth=1, capsize=3)
            ax.annotate(_interval_text(e, percent), xy=(when, e[1]), xytext=(6, 0), textcoords="offset points",
                        fontsize=7, color=COLOR, va="center")
    highest = max([*points["value"], *[e[1] for e in ends if e is not None],
                   *(targets["value"] if not targets.empty else [])])
    top = 100.0 if percent else max(highest * 1.25, 1)
    for r in points.to_dict("records"):
        direction = BOUND_ARROW.get(r["qualifier"])
        if direction is None:
            continue
        when = pd.to_datetime(r["ref_date"])
        text = r.get("label") or _mark(r["value"], r["qualifier"], percent)
        ax.annotate("", xy=(when, r["value"] + direction * top * 0.09), xytext=(when, r["value"]),
                    arrowprops=dict(arrowstyle="-|>", color=COLOR, lw=1))
        ax.annotate(text, xy=(when, r["value"]), xytext=(6, 4 * direction), textcoords="offset points",
                    fontsize=7, color=COLOR, va="bottom" if direction > 0 else "top")
    if not targets.empty:
        tdates = pd.to_datetime(targets["ref_date"])
        ax.plot(tdates, targets["value"], linestyle="none", marker="*", fillstyle="none", markersize=12,
                color=TARGET_COLOR, label="目标 target")
        for tdate, tvalue, q in zip(tdates, targets["value"], targets.get("qualifier", ["exact"] * len(targets)),
                                    strict=True):
            ax.annotate(f"目标 {_mark(tvalue, q, percent)}", xy=(tdate, tvalue), xytext=(0, 8),
                        textcoords="offset points", fontsize=7, color=TARGET_COLOR, ha="center")
    value_axis(ax.yaxis, percent)
    ax.set_ylim(bottom=0, top=top)
    date_axis(ax, pd.concat([dates, pd.to_datetime(targets["ref_date"])]) if not targets.empty else dates)
    # The unit reads horizontally above the axis (never rotated past it), wrapped to the chart's width.
    ax.set_title(textwrap.fill(ylabel, 60), loc="left", fontsize=8, color="#333")
    ax.legend(fontsize=7, frameon=False, loc="lower right")
    return fig


def level_bars(table: pd.DataFrame, names: pd.Series, xlabel: str, percent: bool = False):
    """Horizontal bars of one indicator's comparable levels across regions.

    ``table``: region_code, value, qualifier (optionally value_low, value_high); ``xlabel`` names the unit (the
    caption names the indicator). Bars are ordered by region code, never by value, shares (``percent``) as well as
    counts: these levels are set side by side, not compared (a count measures size, not progress; shares dated up
    to six months apart are not ranked either), and bars sorted by value would read as a league table (referee
    10b R10b-11; the caller's note says so). Ranked ratios have their own chart (:func:`ratio_bars`).
    A one-sided bound (≥, >, ≤, <) is an open
    bar with its qualifier written beside it (the true value lies beyond its end); a bound its rounding closes
    (5.8万余: 58,000 to 59,000) is a filled bar to its lower end and an open segment to its upper end, labelled
    with both ends; an approximate value is written with ≈.
    """
    from swtoolkit.models.ratios import BOUND_SYMBOL

    fig, ax = _new_figure(7.0, max(2.2, 0.32 * len(table) + 1.0))
    ordered = table.sort_values("region_code", ascending=False).reset_index(drop=True)  # first code on top
    labels = [names.get(code, code) for code in ordered["region_code"]]
    ends = _interval_ends(ordered)
    bound = ordered["qualifier"].isin(list(BOUND_ARROW)) & pd.Series([e is None for e in ends])
    lows = [e[0] if e is not None else v for v, e in zip(ordered["value"], ends, strict=True)]
    ax.barh(labels, lows, color=[("white" if b else COLOR) for b in bound], edgecolor=COLOR,
            hatch=None, linewidth=1)
    for y, e in enumerate(ends):
        if e is not None:  # the span the rounding leaves open: drawn, but not filled
            ax.barh([y], [e[1] - e[0]], left=[e[0]], color="white", edgecolor=COLOR, hatch="///", linewidth=1)
    tops = [e[1] if e is not None else v for v, e in zip(ordered["value"], ends, strict=True)]
    for y, (top, value, qualifier, e) in enumerate(zip(tops, ordered["value"], ordered["qualifier"], ends,
                                                       strict=True)):
        text = (_interval_text(e, percent) if e is not None else
                f"{BOUND_SYMBOL.get(qualifier, '')}{figure_number(value, percent)}")
        ax.text(top, y, " " + text, va="center", fontsize=8)
    ax.set_xlabel(textwrap.fill(xlabel, 70), fontsize=8)
    value_axis(ax.xaxis, percent)
    ax.set_xlim(0, max(max(tops) * 1.18, 1))  # room for the value written beside the bar
    return fig
