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
QUALIFIER_LABELS = {"exact": "确数 exact", "at_least": "≥ 下限 lower bound", "more_than": "> 下限 lower bound",
                    "at_most": "≤ 上限 upper bound", "less_than": "< 上限 upper bound", "approx": "约数 approximate",
                    "rounded": "取整数 rounded", "range": "区间 range"}
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
    return f"{value:.0f}%"


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
        ax.figure.canvas.draw()
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
    """Horizontal league-table bars; bounds (≥, ≈) printed beside the bar."""
    fig, ax = _new_figure(7.0, max(2.2, 0.32 * len(table) + 1.0))
    ordered = table.iloc[::-1]
    labels = [names.get(code, code) for code in ordered["region_code"]]
    ax.barh(labels, ordered["ratio"], color=COLOR)
    for y, (value, bound) in enumerate(zip(ordered["ratio"], ordered["bound"], strict=True)):
        text = f"{bound}{value:.1f}%" if percent else f"{bound}{value:.2f}"
        ax.text(value, y, " " + text, va="center", fontsize=8)
    ax.set_xlabel(xlabel)
    value_axis(ax.xaxis, percent)
    ax.set_xlim(left=0)
    ax.margins(x=0.15)
    return fig


def series(points: pd.DataFrame, targets: pd.DataFrame, ylabel: str, percent: bool = False):
    """Dated values with qualifier markers; targets as open stars on a dashed line labelled 目标/target."""
    fig, ax = _new_figure(6.4, 3.4)
    dates = pd.to_datetime(points["ref_date"])
    ax.plot(dates, points["value"], color=COLOR, linewidth=1, alpha=0.6)
    for qualifier, group in points.groupby("qualifier"):
        ax.plot(pd.to_datetime(group["ref_date"]), group["value"], linestyle="none", color=COLOR, markersize=7,
                label=QUALIFIER_LABELS[qualifier], **QUALIFIER_MARKERS[qualifier])
    if not targets.empty:
        tdates = pd.to_datetime(targets["ref_date"])
        last = points.sort_values("ref_date").iloc[-1]
        for tdate, tvalue in zip(tdates, targets["value"], strict=True):
            ax.plot([pd.to_datetime(last["ref_date"]), tdate], [last["value"], tvalue], linestyle="--",
                    color=TARGET_COLOR, linewidth=1)
        ax.plot(tdates, targets["value"], linestyle="none", marker="*", fillstyle="none", markersize=12,
                color=TARGET_COLOR, label="目标 target")
    value_axis(ax.yaxis, percent)
    if percent:
        ax.set_ylim(0, 100)
    else:
        highest = max([*points["value"], *(targets["value"] if not targets.empty else [])])
        ax.set_ylim(bottom=0, top=max(highest * 1.1, 1))
    date_axis(ax, pd.concat([dates, pd.to_datetime(targets["ref_date"])]) if not targets.empty else dates)
    # The label reads horizontally above the axis (never rotated past it), wrapped to the chart's width.
    ax.set_title(textwrap.fill(ylabel, 60), loc="left", fontsize=8, color="#333")
    ax.legend(fontsize=7, frameon=False)
    return fig
