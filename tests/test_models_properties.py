"""Property tests: growth arithmetic round-trips, inequality identities, Fieller sanity."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from swtoolkit.models import cagr, gini, project, required_growth, theil, theil_decomposition, year_fraction
from swtoolkit.models.gaps import fieller_attainment
from swtoolkit.models.timebase import decimal_year, from_decimal_year

values = st.floats(min_value=1.0, max_value=1e8, allow_nan=False, allow_infinity=False)
ratios = st.floats(min_value=0.02, max_value=50.0)  # what a workforce series can do over a year or more
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
spans = st.integers(min_value=365, max_value=20 * 366)


@given(values, dates, ratios, spans)
def test_cagr_projected_forward_returns_end_value(y1, d1, ratio, days):
    d2, y2 = d1 + dt.timedelta(days=days), y1 * ratio
    g = cagr(y1, d1, y2, d2)
    assert math.isclose(project(y1, g, year_fraction(d1, d2)), y2, rel_tol=1e-9)


@given(values, dates, ratios, spans)
def test_required_growth_then_projection_hits_target(y, d, ratio, days):
    td, target = d + dt.timedelta(days=days), y * ratio
    g = required_growth(y, d.isoformat(), target, td.isoformat())
    assert math.isclose(project(y, g, year_fraction(d, td)), target, rel_tol=1e-9)


@given(dates)
def test_decimal_year_round_trip(d):
    assert from_decimal_year(decimal_year(d)) == d


positive_lists = st.lists(st.floats(min_value=0.1, max_value=1e6), min_size=1, max_size=30)


@given(positive_lists, st.data())
@settings(max_examples=60)
def test_weighted_gini_equals_duplicated(xs, data):
    ws = data.draw(st.lists(st.integers(min_value=1, max_value=5), min_size=len(xs), max_size=len(xs)))
    dup = [x for x, w in zip(xs, ws, strict=True) for _ in range(w)]
    assert math.isclose(gini(xs, ws), gini(dup), rel_tol=1e-9, abs_tol=1e-12)
    assert 0 <= gini(xs) < 1


@given(positive_lists, st.data())
@settings(max_examples=60)
def test_theil_between_plus_within_is_total(xs, data):
    groups = data.draw(st.lists(st.sampled_from("abc"), min_size=len(xs), max_size=len(xs)))
    table = theil_decomposition(xs, groups).set_index("group")["theil"]
    assert math.isclose(table["between"] + table["within"], table["total"], rel_tol=1e-9, abs_tol=1e-12)
    assert math.isclose(table["total"], theil(xs), rel_tol=1e-12, abs_tol=1e-15)


@given(st.floats(min_value=0.01, max_value=0.5), st.floats(min_value=1e-6, max_value=1e-2),
       st.floats(min_value=0.5, max_value=3.0))
def test_fieller_interval_contains_point_estimate(b, vbb, dl):
    cov = np.array([[1e-3, 0.0], [0.0, vbb]])
    u_star, interval = fieller_attainment(0.0, b, cov, dl, 4.3)
    if interval is not None:
        assert interval[0] <= u_star <= interval[1]
    else:
        assert b * b <= 4.3**2 * vbb
