"""Charts with Chinese labels and a source note on every one (MODELS.md chart conventions)."""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

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
    if percent:
        ax.set_ylim(0, 100)
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=7, frameon=False)
    return fig
