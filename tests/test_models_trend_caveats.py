"""A fitted trend's sentence says what its interval and points rest on (referee-4 R4-17): autocorrelated residuals
flag the classical interval as likely too narrow, and points known only from secondary pages are counted."""

from __future__ import annotations

import math

import pandas as pd

from swtoolkit.models.growth import DW_FLAG, fit_loglinear, residual_autocorrelation
from swtoolkit.models.series import from_frame
from swtoolkit.reports import phrasing


def _series(values: list[float]) -> pd.DataFrame:
    return pd.DataFrame([{"figure_id": f"S900-{i:06d}", "source_id": "S900", "indicator": "certified_social_workers",
                          "ref_date": f"{2012 + i}-12-31", "value": v, "value_low": v, "value_high": v,
                          "qualifier": "exact", "kind": "actual", "unit": "persons"} for i, v in enumerate(values)])


# growth that speeds up and slows down in runs: residuals of a straight log trend keep their sign for years
WAVY = [1e4 * math.exp(0.25 * i + 0.15 * math.sin(i / 2.2)) for i in range(12)]
# the same trend with noise alternating in sign: no autocorrelation to speak of
ZIGZAG = [1e4 * math.exp(0.25 * i + 0.05 * (-1) ** i) for i in range(12)]


def test_durbin_watson_flags_runs_of_residuals_only():
    assert residual_autocorrelation([1, 1, 1, -1, -1, -1]) < DW_FLAG
    assert residual_autocorrelation([1, -1, 1, -1, 1, -1]) > 2


def test_an_autocorrelated_trend_carries_the_caveat_in_its_interval():
    wavy = fit_loglinear(from_frame(_series(WAVY)))
    assert "autocorrelated" in wavy.interval and "Durbin–Watson" in wavy.interval
    assert "autocorrelated" not in fit_loglinear(from_frame(_series(ZIGZAG))).interval
    assert "autocorrelated" not in fit_loglinear(from_frame(_series(WAVY[:4]))).interval  # too few points to tell


def _result(interval: str, ids: list[str]) -> dict:
    return {"model": "loglinear", "indicator": "certified_social_workers", "region_name": "全国",
            "region_code": "000000", "estimate": 0.2567, "low": 0.2363, "high": 0.2774, "n_points": str(len(ids)),
            "start_date": "2012-12-31", "end_date": "2023-12-31", "interval": interval, "figure_ids": ";".join(ids),
            "statistic": "annual growth (trend)", "unit": "fraction per year", "reason": "ok"}


def test_the_trend_sentence_states_the_autocorrelation_caveat():
    result = _result("95% confidence interval, t(10), classical covariance; residuals autocorrelated "
                     "(Durbin–Watson 0.82): the classical interval is likely too narrow", [])
    zh, en = phrasing.result_sentence(result, {})
    assert "Durbin–Watson 0.82" in zh and "偏窄" in zh and "too narrow" in en
    zh, en = phrasing.result_sentence(_result("95% confidence interval, t(10), classical covariance", []), {})
    assert "偏窄" not in zh and "too narrow" not in en


def test_the_trend_sentence_counts_points_known_only_from_secondary_pages(monkeypatch):
    from swtoolkit import provenance

    monkeypatch.setattr(provenance, "release_types", lambda: {"S900": "secondary", "S901": "official"})
    rows = _series([1e4 * 1.25 ** i for i in range(5)]).to_dict("records")
    for r in rows[:2]:
        r["source_id"], r["figure_id"] = "S901", r["figure_id"].replace("S900", "S901")
    figures = {r["figure_id"]: r for r in rows}
    zh, en = phrasing.result_sentence(_result("95% confidence interval, t(3), classical covariance",
                                              list(figures)), figures)
    assert "5个日期点中有3个仅见于二手网页" in zh and "3 of the 5 dated points" in en
    monkeypatch.setattr(provenance, "release_types", lambda: {"S900": "official", "S901": "official"})
    zh, _ = phrasing.result_sentence(_result("95% confidence interval, t(3), classical covariance",
                                             list(figures)), figures)
    assert "二手" not in zh
