"""余/多 figures are two-sided intervals in tables and charts (referee-4 R4-8), and bars of counts across regions are
never ordered by size (R4-25)."""

from __future__ import annotations

import math

import pandas as pd

from swtoolkit import charts
from swtoolkit.models.comparability import two_sided
from swtoolkit.reports.content import format_value

NAN = math.nan
NO_TARGETS = pd.DataFrame({"ref_date": pd.Series([], dtype=str), "value": pd.Series([], dtype=float)})


def test_two_sided_only_when_the_rounding_closes_the_bound():
    assert two_sided("more_than", 1600, 1700) == (1600, 1700)  # 1600多
    assert two_sided("more_than", 2000, NAN) is None  # 超过2000: truly open
    assert two_sided("at_least", 50, None) is None
    assert two_sided("approx", 43500, 44500) is None  # not a bound
    assert two_sided("exact", 5, 5) is None


def test_a_table_cell_shows_both_ends_of_a_rounded_bound():
    assert format_value(40000, "more_than", "persons", 40000, 50000, "名") == "4万—5万名 40,000–50,000 persons"
    assert format_value(1600, "more_than", "persons", 1600, 1700) .startswith("1,600–1,700")
    assert format_value(2000, "more_than", "persons", 2000, NAN).startswith(">2,000")  # 超过2000 stays one-sided
    assert format_value(90, "more_than", "percent", 90, NAN) == ">90%"


def test_series_draws_a_rounded_bound_as_an_interval_not_an_arrow():
    points = pd.DataFrame({"ref_date": ["2012-12-31", "2015-12-31", "2018-12-31"],
                           "value": [80000.0, 206000.0, 439000.0], "value_low": [80000.0, 206000.0, 439000.0],
                           "value_high": [90000.0, 206000.0, 439000.0],
                           "qualifier": ["more_than", "exact", "exact"]})
    fig = charts.series(points, NO_TARGETS, "x")
    ax = fig.axes[0]
    arrows = [t for t in ax.texts if getattr(t, "arrow_patch", None) is not None]
    assert not arrows  # no one-sided arrow for 8万多
    assert not [ln for ln in ax.lines if ln.get_marker() == "^"]
    texts = [t.get_text() for t in ax.texts]
    assert "8万–9万" in texts
    bars = [c for c in ax.collections if len(getattr(c, "get_segments", lambda: [])()) == 1]
    (segment,) = [s for c in bars for s in c.get_segments()]
    assert sorted(y for _, y in segment) == [80000.0, 90000.0]  # the bar spans the interval
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert charts.INTERVAL_LABEL in legend and not any("下限" in t for t in legend)
    charts.plt.close(fig)


def test_series_keeps_the_arrow_for_a_truly_open_bound():
    points = pd.DataFrame({"ref_date": ["2019-12-31", "2020-12-31", "2021-12-31"], "value": [300.0, 400.0, 1e5],
                           "value_low": [300.0, 400.0, 1e5], "value_high": [300.0, NAN, NAN],
                           "qualifier": ["exact", "at_least", "more_than"]})
    fig = charts.series(points, NO_TARGETS, "x")
    assert len([t for t in fig.axes[0].texts if getattr(t, "arrow_patch", None) is not None]) == 2
    charts.plt.close(fig)


def test_level_bars_show_a_rounded_bound_to_both_ends_and_order_counts_by_code():
    table = pd.DataFrame({"region_code": ["210000", "370000", "340000"], "value": [58000.0, 59000.0, 120000.0],
                          "value_low": [58000.0, 59000.0, 120000.0], "value_high": [59000.0, 59000.0, NAN],
                          "qualifier": ["more_than", "exact", "more_than"]})
    names = pd.Series({"210000": "辽宁", "370000": "山东", "340000": "安徽"})
    fig = charts.level_bars(table, names, "x")
    ax = fig.axes[0]
    texts = [t.get_text().strip() for t in ax.texts]
    assert "5.8万–5.9万" in texts and ">12万" in texts
    order = [t.get_text() for t in ax.get_yticklabels()][::-1]  # top to bottom
    assert order == ["辽宁", "安徽", "山东"]  # region code order, not size
    open_span = [p for p in ax.patches if p.get_hatch() == "///"]
    assert len(open_span) == 1 and round(open_span[0].get_x()) == 58000 and round(open_span[0].get_width()) == 1000
    charts.plt.close(fig)


def test_level_bars_of_shares_are_ordered_by_region_code_never_by_value():
    # shares set side by side are not compared: value order would be a league table (referee 10b R10b-11)
    table = pd.DataFrame({"region_code": ["1", "2", "3"], "value": [50.0, 95.0, 86.6], "qualifier": "exact"})
    fig = charts.level_bars(table, pd.Series({"1": "甲", "2": "乙", "3": "丙"}), "x", percent=True)
    order = [t.get_text() for t in fig.axes[0].get_yticklabels()][::-1]
    assert order == ["甲", "乙", "丙"]
    charts.plt.close(fig)
