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


def _joined_lines(ax):
    """Lines of more than one point drawn with a line style (the joins between points)."""
    return [ln for ln in ax.lines if ln.get_linestyle() not in ("None", "none", "") and len(ln.get_xdata()) > 1]


def test_points_of_different_runs_are_never_joined():
    points = pd.DataFrame({"ref_date": ["2019-12-31", "2020-12-31", "2021-12-31", "2022-06-30"],
                           "value": [143, 150, 160, 135], "qualifier": "exact", "run": [0, 0, 0, 1]})
    fig = charts.series(points, NO_TARGETS, "stations")
    joined = _joined_lines(fig.axes[0])
    assert len(joined) == 1 and len(joined[0].get_xdata()) == 3  # run 0 only; 135 of another source stands alone
    charts.plt.close(fig)


def test_bounds_are_open_markers_with_an_arrow_and_their_qualifier():
    points = pd.DataFrame({"ref_date": ["2019-12-31", "2020-12-31", "2021-12-31"], "value": [300.0, 400.0, 1e5],
                           "qualifier": ["exact", "at_least", "more_than"]})
    fig = charts.series(points, NO_TARGETS, "x")
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert "≥400" in texts and ">10万" in texts
    arrows = [t for t in ax.texts if getattr(t, "arrow_patch", None) is not None]
    assert len(arrows) == 2
    bounded = [ln for ln in ax.lines if ln.get_marker() == "^"]
    assert bounded and all(ln.get_fillstyle() == "none" for ln in bounded)
    charts.plt.close(fig)


def test_a_target_is_a_labelled_star_never_joined_to_the_data():
    targets = pd.DataFrame({"ref_date": ["2025-12-31"], "value": [20000.0], "qualifier": ["exact"]})
    fig = charts.series(LONG.iloc[:4], targets, "x")
    ax = fig.axes[0]
    red = [ln for ln in ax.lines if ln.get_color() == charts.TARGET_COLOR]
    assert red and all(ln.get_linestyle() in ("None", "none") for ln in red)
    assert any(t.get_text().startswith("目标") for t in ax.texts)
    charts.plt.close(fig)


def test_one_series_joins_one_source_and_one_definition_only():
    from swtoolkit.models.comparability import one_series, series_runs

    def row(fid, source, date, **kw):
        return {"figure_id": fid, "source_id": source, "locator": "10", "indicator": "township_stations",
                "scope": "", "unit_as_written": "个", "ref_date": date, "date_basis": "stated", "value_as_written": "1",
                **kw}

    a, b, c = row("S1-1", "S1", "2020-12-31"), row("S1-2", "S1", "2021-12-31"), row("S2-1", "S2", "2022-06-30")
    assert one_series(a, b).allowed
    refused = one_series(b, c)
    assert not refused.allowed and "different sources" in refused.rule
    assert not one_series(a, row("S1-3", "S1", "2022-12-31", date_basis="undated")).allowed
    assert series_runs([a, b, c]) == [0, 0, 1]


def test_level_bars_draw_a_bound_as_an_open_bar_with_its_qualifier():
    table = pd.DataFrame({"region_code": ["A", "B", "C"], "value": [140.0, 300.0, 82.0],
                          "qualifier": ["exact", "more_than", "exact"]})
    fig = charts.level_bars(table, pd.Series({"A": "甲", "B": "乙", "C": "丙"}), "x")
    ax = fig.axes[0]
    faces = {round(p.get_width()): p.get_facecolor()[:3] for p in ax.patches}
    assert faces[300] == (1.0, 1.0, 1.0) and faces[140] != (1.0, 1.0, 1.0)
    assert ">300" in [t.get_text().strip() for t in ax.texts]
    assert ax.get_xlim()[1] > 300 and not charts.tick_labels_overlap(fig)
    charts.plt.close(fig)


def test_comparable_set_keeps_one_definition_within_six_months():
    from swtoolkit.reports.content import comparable_set

    def row(code, date, basis="stated", scope=""):
        return {"figure_id": f"S1-{code}", "source_id": "S1", "locator": str(int(code) * 1000),
                "indicator": "township_stations", "scope": scope, "unit_as_written": "个", "ref_date": date,
                "date_basis": basis, "value_as_written": "1", "value": float(code), "region_code": code}

    rows = [row("1", "2022-06-30"), row("2", "2022-07-31"), row("3", "2022-05-31"), row("4", "2020-12-31"),
            row("5", "2022-07-31", basis="undated"), row("6", "2022-06-30", scope="incl_farm_stations")]
    assert sorted(r["region_code"] for r in comparable_set(rows)) == ["1", "2", "3"]


def test_one_legend_entry_per_marker():
    """Approximate and rounded figures are drawn with the same open circle: one legend entry names both (an editor
    reads two identical symbols with different words as an error)."""
    points = pd.DataFrame({"ref_date": ["2018-12-31", "2019-12-31", "2020-12-31", "2021-12-31"],
                           "value": [1.0, 2.0, 3.0, 4.0], "qualifier": ["approx", "rounded", "exact", "at_least"]})
    fig = charts.series(points, pd.DataFrame({"ref_date": [], "value": []}), "单位：人 Unit: persons")
    handles = fig.axes[0].get_legend_handles_labels()[0]
    styles = [(h.get_marker(), h.get_fillstyle()) for h in handles]
    assert len(styles) == len(set(styles)) == 3
    charts.plt.close(fig)
