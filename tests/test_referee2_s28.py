"""Referee 2 (session 28): charts never draw a line through a value no source states.

A one-sided bound (超过6万, 突破100万) has no central value: joined by a line it would be drawn as if it were the
value, and two bounds joined (Hubei's registrants >6万 in 2023 and >6万 in 2024, one page) would draw a level
that no source states. Built from synthetic rows (no built chart joins such points today: see the referee2 report).
"""
from __future__ import annotations

import math

import pandas as pd

from swtoolkit import charts
from swtoolkit.models.comparability import one_series, series_runs


def row(fid: str, source: str, date: str, value: float, qualifier: str = "exact", low: float = math.nan,
        high: float = math.nan) -> dict:
    """A synthetic dated exam-registrant figure of one source."""
    return {"figure_id": fid, "source_id": source, "locator": "10", "indicator": "exam_registrants", "scope": "",
            "unit": "persons", "unit_as_written": "人", "ref_date": date, "date_basis": "stated",
            "value_as_written": str(value), "value": value, "qualifier": qualifier, "value_low": low,
            "value_high": high}


def test_two_one_sided_bounds_of_one_source_are_never_joined():
    a = row("X1-1", "X1", "2023-12-31", 60000.0, "more_than", low=60000.0)
    b = row("X1-2", "X1", "2024-12-31", 60000.0, "more_than", low=60000.0)
    decision = one_series(a, b)
    assert not decision.allowed and "one bound" in decision.rule
    assert series_runs([a, b]) == [0, 1]


def test_the_line_of_a_source_runs_past_its_bound_and_keeps_its_values():
    before = row("X1-1", "X1", "2022-12-31", 890000.0)
    bound = row("X1-2", "X1", "2023-12-31", 1000000.0, "more_than", low=1000000.0)
    after = row("X1-3", "X1", "2024-12-31", 1889000.0)
    upper = row("X1-4", "X1", "2025-06-30", 2000000.0, "less_than", high=2000000.0)
    runs = series_runs([before, bound, after, upper])
    assert runs[0] == runs[2]  # the two values are still one line
    assert len({runs[0], runs[1], runs[3]}) == 3  # each bound is its own marker
    # a bound its rounding closes (80余万: 80万 to 90万) is an interval with a middle: still on the line
    closed = row("X1-5", "X1", "2021-12-31", 800000.0, "more_than", low=800000.0, high=900000.0)
    assert one_series(closed, before).allowed
    # a share's bound is not open (0% and 100% are its ends)
    share = {**bound, "indicator": "township_station_coverage", "unit": "percent", "value": 90.0}
    assert one_series({**before, "indicator": "township_station_coverage", "unit": "percent"}, share).allowed


def test_the_chart_draws_no_line_through_a_bound():
    rows = [row("X1-1", "X1", "2022-12-31", 890000.0),
            row("X1-2", "X1", "2023-12-31", 1000000.0, "more_than", low=1000000.0),
            row("X1-3", "X1", "2024-12-31", 1889000.0)]
    points = pd.DataFrame(rows)
    points["run"] = series_runs(rows)
    fig = charts.series(points, pd.DataFrame(columns=["ref_date", "value", "qualifier"]), "x")
    joined = [ln for ln in fig.axes[0].lines if ln.get_linestyle() not in ("None", "none")]
    assert len(joined) == 1
    assert 1000000.0 not in list(joined[0].get_ydata())
    charts.plt.close(fig)


def test_the_audit_words_the_chart_rule():
    from swtoolkit.reports.phrasing import decision_words

    zh, en = decision_words("no line through a one-sided bound")
    assert "不连线" in zh and "never joined by a line" in en
