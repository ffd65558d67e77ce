"""Charts: date ticks that never collide, Chinese number style, counts from zero, vector output."""

from __future__ import annotations

import base64

import matplotlib.dates as mdates
import pandas as pd
import pytest

from swtoolkit import charts


def _points(dates, values):
    return pd.DataFrame({"ref_date": dates, "value": values, "qualifier": "exact"})


NO_TARGETS = pd.DataFrame({"ref_date": pd.Series([], dtype=str), "value": pd.Series([], dtype=float)})
LONG = _points([f"{y}-12-31" for y in range(2015, 2026)], [8000 * 1.3**i for i in range(11)])
SHORT = _points(["2021-04-30", "2021-05-31", "2021-06-30"], [1.1e7, 1.2e7, 1.25e7])


def _labels(axis):
    return [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]


@pytest.mark.parametrize("points", [LONG, SHORT, _points(["2015-06-30", "2026-12-31"], [3, 5]),
                                    _points([f"2020-{m:02d}-28" for m in range(1, 13)] + ["2021-12-31"],
                                            list(range(13)))],
                         ids=["2015-2026", "3-months", "two-ends", "monthly-2-years"])
def test_date_tick_labels_never_overlap(points):
    fig = charts.series(points, NO_TARGETS, "持证社会工作者 Licensed social workers")
    fig.canvas.draw()
    ax = fig.axes[0]
    for axis in (ax.xaxis, ax.yaxis):
        boxes = [t.get_window_extent() for t in _labels(axis)]
        assert len(boxes) >= 2
        for a, b in zip(boxes, boxes[1:], strict=False):
            assert not a.overlaps(b), [t.get_text() for t in _labels(axis)]
    assert not charts.tick_labels_overlap(fig)
    charts.plt.close(fig)


def test_a_year_end_figure_sits_on_the_tick_of_its_own_year():
    fig = charts.series(LONG, NO_TARGETS, "x")
    fig.canvas.draw()
    ax = fig.axes[0]
    plotted = {mdates.num2date(x).date().isoformat() for x in ax.lines[0].get_xdata(orig=False)}
    assert "2020-12-31" in plotted  # drawn at its date
    ticks = {t.get_text(): mdates.num2date(t.get_position()[0]).date().isoformat() for t in _labels(ax.xaxis)}
    assert all(day.endswith("-12-31") and label.startswith(day[:4]) for label, day in ticks.items()), ticks
    assert "2021" not in " ".join(label for label, day in ticks.items() if day == "2020-12-31")
    short = charts.series(SHORT, NO_TARGETS, "x")
    short.canvas.draw()
    labels = [t.get_text() for t in _labels(short.axes[0].xaxis)]
    assert labels == ["2021年4月末", "2021年5月末", "2021年6月末"]


def test_counts_start_at_zero_in_chinese_number_style():
    fig = charts.series(SHORT, NO_TARGETS, "x")
    fig.canvas.draw()
    ax = fig.axes[0]
    assert ax.get_ylim()[0] == 0
    assert ax.get_ylim()[1] >= 1.25e7  # the highest point is inside the axis
    labels = [t.get_text() for t in _labels(ax.yaxis)]
    assert labels[0] == "0" and all(t == "0" or t.endswith("万") for t in labels), labels
    assert not any("e" in t or "E" in t for t in labels)
    assert ax.yaxis.get_offset_text().get_text() == ""  # no "1e7" above the axis


@pytest.mark.parametrize("value, text", [(0, "0"), (80000, "8万"), (100000, "10万"), (11_000_000, "1,100万"),
                                         (12500, "1.25万"), (250_000_000, "2.5亿"), (9999, "9,999"), (0.5, "0.5"),
                                         (-20000, "-2万")])
def test_chinese_number(value, text):
    assert charts.chinese_number(value) == text


def test_svg_output_is_vector_with_chinese_drawn_as_outlines():
    uri = charts.to_svg(charts.series(LONG, NO_TARGETS, "持证社会工作者 Licensed"))
    assert uri.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(uri.split(",", 1)[1]).decode("utf-8")
    assert "<svg" in svg and "<image" not in svg  # no embedded raster
    assert "<path" in svg and "<text" not in svg  # glyphs as paths: no font needed wherever it is viewed
