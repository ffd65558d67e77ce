"""fit_all on a small synthetic clean frame: one tidy table, targets never data, families never mixed, no warnings."""

from __future__ import annotations

import math
import warnings

import pandas as pd
import pytest

from swtoolkit.models import OUTPUT_COLUMNS, BandSettings, fit_all

COLUMNS = ["figure_id", "source_id", "region_code", "region_name", "region_level", "province_code", "indicator",
           "value", "value_low", "value_high", "qualifier", "unit", "ref_date", "ref_date_precision", "kind",
           "target_year", "target_type", "norm_status"]


def row(fid, region, name, indicator, value, date, kind="actual", qualifier="exact", unit="persons", low=None,
        high=None, target_year=None, level="prefecture", province="530000"):
    exact = qualifier == "exact"
    return {"figure_id": fid, "source_id": fid.split("-")[0], "region_code": region, "region_name": name,
            "region_level": level, "province_code": province, "indicator": indicator, "value": value,
            "value_low": value if exact else low, "value_high": value if exact else high, "qualifier": qualifier,
            "unit": unit, "ref_date": date, "ref_date_precision": "day", "kind": kind, "target_year": target_year,
            # as clean records them: a target is a level to reach, a norm an adopted rule (unrecorded is refused)
            "target_type": "level" if kind == "target" else "", "norm_status": "adopted" if kind == "norm" else ""}


@pytest.fixture(scope="module")
def clean() -> pd.DataFrame:
    rows = [
        # 昆明市: four certified counts, a 2026 target, and a cumulative exam series (a different family)
        row("S1-000000", "530100", "昆明市", "certified_social_workers", 5000, "2017-12-31"),
        row("S1-000001", "530100", "昆明市", "certified_social_workers", 6000, "2018-12-31"),
        row("S1-000002", "530100", "昆明市", "certified_social_workers", 7700, "2020-06-30"),
        row("S1-000003", "530100", "昆明市", "certified_social_workers", 9690, "2021-12-31"),
        row("S1-000004", "530100", "昆明市", "certified_social_workers", 30000, "2022-01-31", kind="target",
            target_year=2026),
        row("S1-000005", "530100", "昆明市", "exam_passes_cumulative", 15000, "2019-12-31", kind="cumulative"),
        row("S1-000006", "530100", "昆明市", "exam_passes_cumulative", 21000, "2021-12-31", kind="cumulative",
            qualifier="more_than", low=21000),
        # 曲靖市: one qualified figure only, plus coverage with saturation
        row("S2-000001", "530300", "曲靖市", "certified_social_workers", 2000, "2021-12-31", qualifier="more_than",
            low=2000),
        row("S2-000002", "530300", "曲靖市", "township_station_coverage", 40.0, "2020-12-31", unit="percent"),
        row("S2-000003", "530300", "曲靖市", "township_station_coverage", 70.0, "2021-12-31", unit="percent"),
        row("S2-000004", "530300", "曲靖市", "township_station_coverage", 100.0, "2022-12-31", unit="percent"),
        # 玉溪市: staffing norm with its denominator and supply
        row("S3-000001", "530400", "玉溪市", "norm_staff_per_station", 2, "2022-07-31", kind="norm",
            unit="persons per station"),
        row("S3-000002", "530400", "玉溪市", "township_stations", 100, "2022-06-30", unit="stations"),
        row("S3-000003", "530400", "玉溪市", "station_staff", 150, "2022-06-30"),
        row("S3-000004", "530400", "玉溪市", "township_station_coverage", 80.0, "2020-12-31", unit="percent"),
        row("S3-000005", "530400", "玉溪市", "township_station_coverage", 95.0, "2022-12-31", unit="percent"),
        row("S4-000001", "530500", "保山市", "township_station_coverage", 30.0, "2022-12-31", unit="percent"),
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


@pytest.fixture(scope="module")
def results(clean) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any statsmodels/scipy/pandas warning escaping fit_all fails the test
        return fit_all(clean)


def pick(results, region, indicator, model, statistic=None):
    sel = results[(results.region_code == region) & (results.indicator == indicator) & (results.model == model)]
    if statistic is not None:
        sel = sel[sel.statistic == statistic]
    assert len(sel) == 1, sel
    return sel.iloc[0]


def test_one_tidy_table(results):
    assert list(results.columns) == OUTPUT_COLUMNS
    assert results["allowed"].dtype == bool
    assert results["reason"].notna().all() and (results["reason"] != "").all()
    allowed = results[results.allowed & results.model.isin(["level", "cagr", "loglinear", "gap", "attainment"])]
    assert allowed["reason"].str.len().gt(0).all()


def test_targets_never_data_points(results):
    loglin = pick(results, "530100", "certified_social_workers", "loglinear")
    assert loglin.n_points == 4 and loglin.allowed
    assert "S1-000004" not in loglin.figure_ids
    level = pick(results, "530100", "certified_social_workers", "level")
    assert level.estimate == 9690 and "S1-000004" not in level.figure_ids
    gap = pick(results, "530100", "certified_social_workers", "gap", "gap to target")
    assert gap.estimate == 30000 - 9690 and "S1-000004" in gap.figure_ids
    att = pick(results, "530100", "certified_social_workers", "attainment")
    # four years of data (2017–2021): an attainment year or interval past end-2025 is beyond the data span
    assert not att.allowed and "further ahead than the data span" in att.reason and "S1-000004" in att.figure_ids
    req = pick(results, "530100", "certified_social_workers", "required_growth")
    assert req.estimate == pytest.approx((30000 / 9690) ** (1 / (1826 / 365.25)) - 1)


def test_families_never_fitted_together(results):
    exam = pick(results, "530100", "exam_passes_cumulative", "cagr")
    assert exam.kind == "cumulative" and exam.family == "exam_cumulative" and exam.n_points == 2
    assert set(exam.figure_ids.split(";")) == {"S1-000005", "S1-000006"}
    certified = pick(results, "530100", "certified_social_workers", "cagr")
    assert not set(certified.figure_ids.split(";")) & {"S1-000005", "S1-000006"}


def test_open_ends_stay_open_and_make_growth_one_sided(results):
    """超过21000 at the end: the CAGR is "at least" its bound, with no central value and no invented far end."""
    exam = pick(results, "530100", "exam_passes_cumulative", "cagr")
    assert math.isnan(exam.estimate)
    assert exam.band_low == pytest.approx((21000 / 15000) ** (1 / 2.0) - 1, rel=1e-3)
    assert exam.band_high == math.inf
    assert "%" not in exam.notes and "open" in exam.notes
    level = pick(results, "530300", "certified_social_workers", "level")
    assert level.estimate == 2000 and level.low == 2000 and level.high == math.inf


def test_no_setting_invents_a_far_end(clean):
    with pytest.raises(TypeError):
        BandSettings(unbounded_pct=0.2)  # the convention that gave open figures a far end is gone
    level = pick(fit_all(clean, settings=BandSettings()), "530300", "certified_social_workers", "level")
    assert level.high == math.inf


def test_refusals_state_rule_and_fallback(results):
    one = pick(results, "530300", "certified_social_workers", "cagr")
    assert not one.allowed and "≥ 2 points" in one.reason and "fallback" in one.reason and one.n_points == 1
    ets = pick(results, "530100", "certified_social_workers", "ets")
    assert not ets.allowed and "10" in ets.reason
    att = pick(results, "530300", "certified_social_workers", "cagr")
    assert math.isnan(att.estimate)


def test_coverage_saturation_and_logistic(results):
    logi = pick(results, "530300", "township_station_coverage", "logistic")
    assert logi.allowed and logi.n_points == 2 and "saturation reached by 2022-12-31" in logi.notes
    cagr = pick(results, "530300", "township_station_coverage", "cagr")
    assert not cagr.allowed and "logistic coverage model" in cagr.reason  # no exponential growth of a share


def test_staffing_norm_gap(results):
    gap = pick(results, "530400", "station_staff", "staffing_gap")
    assert gap.allowed and gap.estimate == pytest.approx(max(2 * 100 - 150, 0))
    assert "S3-000001" in gap.figure_ids and "S3-000002" in gap.figure_ids


def test_cross_region_rows(results):
    gini = results[(results.model == "gini") & (results.indicator == "township_station_coverage")]
    # three prefectures are too thin a set for an inequality measure: refused by the gate, with its reason
    assert len(gini) == 1 and gini.iloc[0].n_points == 3 and gini.iloc[0].region_code == "530000"
    assert not gini.iloc[0].allowed and "≥ 5 regions" in gini.iloc[0].reason and "ceiling" in gini.iloc[0].reason
    behind = results[(results.model == "years_behind")]
    assert set(behind.region_code) == {"530400", "530500"}  # 曲靖市 leads (100% by end-2022)
    near = behind[behind.region_code == "530400"].iloc[0]  # 95%: between the leader's 70% (2021) and 100% (2022)
    assert 0 < near.estimate < 1
    bound = behind[behind.region_code == "530500"].iloc[0]  # 30% < leader's first 40%: only a bound
    assert math.isnan(bound.estimate) and bound.low == pytest.approx(2.0, abs=0.01)
    assert bound.statistic == "years behind (lower bound)"


def test_missing_columns_raise(clean):
    from swtoolkit.errors import SwtoolkitError

    with pytest.raises(SwtoolkitError, match="lacks column"):
        fit_all(clean.drop(columns=["kind"]))


def test_strings_from_csv_are_accepted(clean):
    as_text = clean.astype(str).replace({"None": "", "nan": ""})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = fit_all(as_text)
    assert pick(out, "530100", "certified_social_workers", "loglinear").allowed
