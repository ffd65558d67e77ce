"""The fast paths of fit_all give the same answers as the plain ones.

- worker processes (``fit_all(workers=2)``) return the very table the serial path returns;
- the formula-free trend regression is bit-for-bit the formula one;
- the free-ceiling logistic stops early only on fits that leave the data behind, and is unchanged otherwise;
- the BLAS thread limit is restored after use.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_info

import swtoolkit.models.fit as fit_module
from swtoolkit.errors import ModelRefusedError
from swtoolkit.models import fit_all, fit_logistic, fit_loglinear
from swtoolkit.models._pool import ordered_map, worker_pool
from swtoolkit.models._threads import single_threaded_blas
from swtoolkit.models.growth import ols_fit, trend_arrays, trend_ols, trend_slope
from swtoolkit.models.logistic import _LSQ_CALLBACK, FitDrift, logistic_curve_fit
from swtoolkit.reports.content import load_clean

YEARS = [f"{2012 + k}-12-31" for k in range(10)]


def panel(n_regions: int = 16, seed: int = 7) -> pd.DataFrame:
    """Counties of one province × 10 year-ends: a stock, a cumulative count and a coverage rate, some qualified.

    Sixteen regions with ten points each let every model run: ETS, the free-ceiling logistic, β-convergence and
    MixedLM.
    """
    rng = np.random.default_rng(seed)
    rows = []
    for r in range(n_regions):
        code, name = f"99{r:04d}", f"县{r}"
        staff = np.exp(rng.normal(4, 0.5) + rng.normal(0.1, 0.06) * np.arange(10) + rng.normal(0, 0.05, 10))
        exams = np.cumsum(np.exp(rng.normal(3, 0.5, 10)))
        cover = 100 / (1 + np.exp(-rng.uniform(0.5, 1.2) * (np.arange(10) - rng.uniform(2, 7))))
        for key, kind, unit, values in (("station_staff", "actual", "persons", np.round(staff)),
                                        ("exam_passes_cumulative", "cumulative", "persons", np.round(exams)),
                                        ("township_station_coverage", "actual", "percent",
                                         np.clip(np.round(cover, 1), 0.1, 99.9))):
            for date, value in zip(YEARS, values, strict=True):
                qualifier = "more_than" if rng.random() < 0.1 else "exact"
                rows.append({"figure_id": f"T-{len(rows):05d}", "source_id": "T", "region_code": code,
                             "region_name": name, "region_name_en": f"County {r}", "region_level": "county",
                             "province_code": "990000", "indicator": key, "value": float(value),
                             "value_low": float(value), "value_high": float(value) if qualifier == "exact" else None,
                             "qualifier": qualifier, "unit": unit, "ref_date": date, "ref_date_precision": "year",
                             "kind": kind, "target_year": ""})
        if r % 5 == 0:
            rows.append({**rows[-1], "figure_id": f"T-{len(rows):05d}", "indicator": "station_staff", "unit": "persons",
                         "kind": "target", "value": 400.0, "value_low": 400.0, "value_high": 400.0,
                         "qualifier": "exact", "ref_date": "2020-06-30", "target_year": "2026"})
    return pd.DataFrame(rows)


def test_workers_give_the_serial_table(monkeypatch):
    """Real data plus a synthetic panel, fitted serially and over two spawned workers: identical frames."""
    clean = pd.concat([load_clean(), panel()], ignore_index=True)
    monkeypatch.setattr(fit_module, "CHUNK_GROUPS", 25)  # many small chunks, so the order of results is exercised
    monkeypatch.setattr(fit_module, "MIN_GROUPS_FOR_WORKERS", 2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        serial = fit_all(clean)
        parallel = fit_all(clean, workers=2)
    assert {"ets", "logistic_free", "mixedlm", "beta", "loglinear"} <= set(serial.loc[serial.allowed, "model"])
    pd.testing.assert_frame_equal(serial, parallel, check_exact=True)


def test_workers_must_be_positive():
    with pytest.raises(ValueError, match="workers"):
        fit_all(panel(2), workers=0)


def test_trend_ols_is_the_formula_fit_bit_for_bit():
    rng = np.random.default_rng(1)
    for _ in range(50):
        n = int(rng.integers(3, 18))
        t = np.sort(rng.uniform(2010, 2025, n))
        y = np.exp(rng.normal(6, 1) + 0.12 * (t - 2010) + rng.normal(0, 0.1, n))
        tc = t - t.mean()
        for lags in (None, 2):
            a = ols_fit("ly ~ tc", pd.DataFrame({"ly": np.log(y), "tc": tc}), lags)
            b = trend_ols(y, tc, lags)
            pd.testing.assert_series_equal(a.params, b.params, check_exact=True)
            pd.testing.assert_frame_equal(a.cov_params(), b.cov_params(), check_exact=True)
            pd.testing.assert_frame_equal(a.conf_int(0.1), b.conf_int(0.1), check_exact=True)
            pd.testing.assert_frame_equal(
                a.get_prediction(pd.DataFrame({"tc": tc})).summary_frame(0.05),
                b.get_prediction(pd.DataFrame({"Intercept": np.ones(n), "tc": tc})).summary_frame(0.05),
                check_exact=True)
            plain = trend_arrays(y, tc, lags)  # what fit_loglinear reads: the same numbers without labels
            np.testing.assert_array_equal(plain.params, a.params.to_numpy())
            np.testing.assert_array_equal(plain.cov_params(), a.cov_params().to_numpy())
            np.testing.assert_array_equal(plain.conf_int(0.1), a.conf_int(0.1).to_numpy())
            assert trend_slope(y, tc, lags) == float(a.params["tc"])


def _years(n: int) -> np.ndarray:
    return np.arange(n, dtype=float)


def test_free_logistic_unchanged_where_it_converges():
    """An S-curve crossing its inflection: the watched fit follows exactly the unwatched one."""
    t = _years(10)
    y = 90 / (1 + np.exp(-(t - 4.5) / 1.2)) + np.array([0.3, -0.2, 0.1, 0.4, -0.3, 0.2, -0.1, 0.3, -0.2, 0.1])
    plain = logistic_curve_fit(t, y, max_asym=100.0)
    watched = logistic_curve_fit(t, y, max_asym=100.0, stop_on_drift=True)
    for a, b in zip(plain, watched, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.skipif(not _LSQ_CALLBACK, reason="least_squares takes a callback from SciPy 1.16 on")
@pytest.mark.parametrize("values, why", [
    ([100, 113, 126, 143, 160, 181, 204, 240, 259, 290], "ceiling passed"),  # exponential: Asym runs away
    ([22, 23, 22, 22, 21, 19, 21, 22, 21, 22], "spans outside"),  # flat: the inflection runs away
])
def test_free_logistic_stops_when_the_fit_leaves_the_data(values, why):
    t, y = _years(10), np.asarray(values, dtype=float)
    plain_start = (1.5 * float(y.max()), float(np.median(t)), float(np.ptp(t)) / 4)  # not R's self-start (which may
    with pytest.raises(FitDrift, match=why) as info:  # settle on a far inflection itself): the optimiser must walk
        logistic_curve_fit(t, y, p0=plain_start, stop_on_drift=True)
    xmid = info.value.params[1]
    assert not 0 <= xmid <= t[-1]  # where it stopped, the inflection is outside the data
    frame = pd.DataFrame({"ref_date": YEARS, "value": values, "indicator": "station_staff"})
    with pytest.raises(ModelRefusedError, match="inflection lies outside the observed range"):
        fit_logistic(frame, ceiling=None)


def _blas_threads() -> list[int]:
    return [info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"]


def test_blas_limit_is_restored():
    before = _blas_threads()
    assert before, "numpy/scipy load a BLAS: threadpoolctl must see it"
    with single_threaded_blas():
        assert set(_blas_threads()) == {1}
    assert _blas_threads() == before


def test_worker_processes_run_one_blas_thread():
    """The pool's initializer limits BLAS in each worker, for libraries loaded before and after it ran."""
    with worker_pool(2) as pool:
        threads = list(ordered_map(pool, _threads_in_worker, [0, 1]))
    assert threads == [{1}, {1}]


def _threads_in_worker(_: int) -> set[int]:
    import scipy.linalg  # noqa: F401  (loads scipy's own OpenBLAS, if it has one)

    return set(_blas_threads())


def test_loglinear_raw_is_the_labelled_fit_built_on_first_read():
    t = np.arange(2014, 2024, dtype=float)
    y = np.exp(5 + 0.1 * (t - 2014) + np.random.default_rng(4).normal(0, 0.05, len(t)))
    frame = pd.DataFrame({"region_code": "530100", "region_name": "昆明市", "indicator": "certified_social_workers",
                          "value": y, "ref_date": [f"{int(v)}-12-31" for v in t], "unit": "persons"})
    res = fit_loglinear(frame)
    assert res._raw is None  # nothing labelled yet
    assert list(res.raw.params.index) == ["Intercept", "tc"]
    assert math.expm1(float(res.raw.params["tc"])) == res.estimate
    assert res.tables["params"].loc["tc", "coef"] == float(res.raw.params["tc"])
    assert res.t_test_growth(0.0).tvalue > 0
