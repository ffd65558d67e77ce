"""An outside check of issue 11 (session 2026-12-02, helper `breaker`, third round): new instances of the listed
kinds, built from small synthetic rows run through the real fit → phrasing path, that gave a number or a sentence
stronger than the data. Each test fails if its kind came back:

- a figure dated only by its document's year (a page of "2022") taken as a series point at an invented 31
  December: a growth rate, projection and gap rest on that day, and it is put after a figure of June 2022 that it
  may precede; alone, it gave a required yearly rate and an attainment year from that day;
- progress on a log scale toward a floor target (超10万) stated as one share ("67% of the growth needed"), when
  more than the floor's growth is needed and the share done is at most that; and progress measured from a
  plan-start figure with an open end (超过5万) as if from its bound;
- a staffing need of 1.5 per station × 143 stations (214.5 people) less 100 printed as a gap of 114 (half rounded
  to even), when 215 people are needed; a supply that meets a floor norm (不少于2人) said to leave "a gap of at
  least 0";
- staff of stations and village rooms together, or everyone at the stations over only the stations with site,
  money and staff in place (or over grassroots stations of any level), ranked as "staff per station";
- a Gini and Theil index over six prefectures' station coverage, two of which count only stations with site, money
  and staff in place: two definitions pooled into one spread;
"""

from __future__ import annotations

import pandas as pd
import pytest

from swtoolkit.cleaning.columns import CLEAN_COLUMNS
from swtoolkit.reports import phrasing
from tests.test_breaker_claims import row


def _fit(rows: list[dict]) -> tuple[pd.DataFrame, dict]:
    from swtoolkit.models.fit import fit_all

    clean = pd.DataFrame(rows, columns=CLEAN_COLUMNS)
    return fit_all(clean), {r["figure_id"]: r for r in clean.to_dict("records")}


def _allowed(res: pd.DataFrame, model: str) -> list[dict]:
    return res[(res["model"] == model) & res["allowed"]].to_dict("records")


# ---- a figure known only to its document's year is no point of a series -------------------------------------------
YEAR_ONLY = {"date_basis": "document", "date_estimated": True, "ref_date_low": "2022-01-01",
             "ref_date_high": "2022-12-31", "ref_date_precision": "year", "date_as_written": ""}


def _stations(fid: str, value: int, date: str, **extra) -> dict:
    return row(fid, "532500", "township_stations", value, date, **extra)


def test_a_year_only_figure_is_never_a_growth_end_at_an_invented_day():
    target = _stations("Y9-T", 200, "2025-12-31", kind="target", target_type="level", target_year="2025",
                       date_basis="plan", date_as_written="到2025年")
    res, figures = _fit([_stations("Y9-1", 100, "2020-12-31"), _stations("Y9-2", 143, "2022-06-30"),
                         _stations("Y9-3", 150, "2022-12-31", **YEAR_ONLY), target])
    for model in ("cagr", "projection", "gap", "required_growth"):
        for r in _allowed(res, model):
            assert "Y9-3" not in r["figure_ids"], (model, r["figure_ids"])
    cagr = _allowed(res, "cagr")[0]
    assert "Y9-3" in cagr["notes"] and "document's year" in cagr["notes"]
    zh, en = phrasing.result_sentence(cagr, figures)
    assert "143个" in zh and "150个" not in zh and "month not known" not in en
    # alone, it is still the region's one level (listed with its year), never dropped
    res, _ = _fit([_stations("Y9-3", 150, "2022-12-31", **YEAR_ONLY)])
    assert _allowed(res, "level")[0]["figure_ids"] == "Y9-3"


def _cw(fid: str, value: float, date: str, **extra) -> dict:
    """A Jiangsu certified-social-workers row (tests.test_breaker_claims.row)."""
    return row(fid, "320000", "certified_social_workers", value, date, **extra)


def _floor_target() -> dict:
    """超10万人 by 2025: a level target with a floor only."""
    return _cw("F9-T", 100000, "2025-12-31", kind="target", target_type="level", target_year="2025",
               date_basis="plan", date_as_written="到2025年", qualifier="more_than", value_low=100000.0,
               value_high=float("nan"), value_as_written="超10万人")


# ---- progress toward a floor target (超10万) is at most the share measured to the floor ---------------------------
def test_progress_toward_a_floor_target_keeps_its_bound():
    from swtoolkit.reports import findings

    cw, target = _cw, _floor_target()
    res, figures = _fit([cw("F9-0", 50000, "2020-12-31"), cw("F9-1", 79300, "2022-06-30"), target])
    progress = res[(res["model"] == "gap") & (res["statistic"] == "log-scale progress")].iloc[0]
    assert progress["band_low"] == float("-inf") and progress["band_high"] >= progress["estimate"]
    (gap, companions), = findings.quoted_with_companions(res, "320000", ("gap",))
    zh, en = phrasing.result_sentence(gap, figures, companions)
    assert "至少差2.07万人" in zh and "at least 20,700 persons short" in en
    assert "不超过67%" in zh and "at most 67%" in en
    assert "所需增长的67%" not in zh and "scale 67%" not in en


# ---- a staffing need is whole people: never rounded down to the nearest ------------------------------------------
def test_a_fractional_staffing_need_is_rounded_up_in_words():
    def at(fid: str, indicator: str, value: float, **extra) -> dict:
        return row(fid, "532500", indicator, value, **extra)

    norm = at("N9-1", "norm_staff_per_station", 1.5, kind="norm", unit="persons per station", unit_as_written="人",
              value_as_written="每站1.5人", norm_status="adopted")
    res, figures = _fit([norm, at("N9-2", "township_stations", 143), at("N9-3", "station_staff", 100)])
    gap = _allowed(res, "staffing_gap")[0]
    assert gap["estimate"] == 115  # 1.5 × 143 = 214.5 people are met only by 215
    zh, en = phrasing.result_sentence(gap, figures)
    assert "缺口为115人" in zh and "is 115 persons" in en
    assert "114" not in zh + en


# ---- a count is divided only by the number of the places it covers -------------------------------------------------
@pytest.mark.parametrize("side,scope", [("station_staff", "incl_village_rooms"),
                                        ("township_stations", "three_in_place"),
                                        ("township_stations", "grassroots_stations")])
def test_a_count_over_places_it_does_not_cover_is_never_a_figure_per_station(side, scope):
    from swtoolkit.models.ratios import ratio_table
    from tests.test_breaker_claims import PREFECTURES, league, ranking

    clean = league([(100, 20), (90, 30), (50, 20), (40, 20)])
    clean.loc[clean["indicator"] == side, "scope"] = scope  # every prefecture alike: one shared scope
    table = ratio_table(clean, "station_staff", "township_stations", PREFECTURES)
    assert table.empty
    refused = table.attrs["refused"]
    assert set(refused["code"]) == {"places"} and len(refused) == 4
    said = ranking(clean)
    assert "最高" not in said and "highest" not in said
    zh, en = phrasing.league_refusal_words("places", clean[clean["region_code"] == "530100"].to_dict("records"))
    assert "覆盖的站点范围不同" in zh and "cover different places" in en
    # a narrower numerator of the same places (social workers posted to the stations) is still a ratio
    clean.loc[:, "scope"] = ""
    clean.loc[clean["indicator"] == "station_staff", "scope"] = "sw_posted"
    assert len(ratio_table(clean, "station_staff", "township_stations", PREFECTURES)) == 4


# ---- regions are compared only within one definition scope ----------------------------------------------------------
def test_an_inequality_measure_never_pools_two_definitions():
    codes = ["530100", "530300", "530400", "530500", "530600", "530700"]
    rows = [row(f"G9-{i}", code, "township_station_coverage", value, unit="percent", unit_as_written="%",
                value_as_written=f"{value}%", **({"scope": "three_in_place"} if i < 2 else {}))
            for i, (code, value) in enumerate(zip(codes, [60, 70, 80, 90, 50, 65], strict=True))]
    res, _ = _fit(rows)
    cross = res[res["model"].isin(["gini", "theil"]) & res["figure_ids"].str.startswith("G9-")]
    assert not cross["allowed"].any()  # two prefectures count three-in-place stations only: 4 + 2, never 6
    assert {"G9-0;G9-1", "G9-2;G9-3;G9-4;G9-5"} == set(cross["figure_ids"])
    # one definition across all six: measured
    res, _ = _fit([{**r, "scope": ""} for r in rows])
    assert res[(res["model"] == "gini") & res["allowed"]]["figure_ids"].tolist() == [";".join(f"G9-{i}"
                                                                                             for i in range(6))]


def test_no_progress_is_measured_from_a_plan_start_figure_with_an_open_end():
    from swtoolkit.reports import findings

    cw, target = _cw, _floor_target()
    start = cw("F9-0", 50000, "2020-12-31", qualifier="more_than", value_low=50000.0, value_high=float("nan"),
               value_as_written="超过5万人")
    level = cw("F9-1", 80000, "2022-06-30", qualifier="at_most", value_low=70000.0, value_high=80000.0,
               value_as_written="近8万人")
    res, figures = _fit([start, level, target])
    assert res[(res["model"] == "gap") & (res["statistic"] == "log-scale progress")].empty
    (gap, companions), = findings.quoted_with_companions(res, "320000", ("gap",))
    zh, en = phrasing.result_sentence(gap, figures, companions)
    assert "至少差2万人" in zh and "对数尺度" not in zh and "log scale" not in en


def test_a_lone_year_only_level_gives_a_gap_but_no_rate_to_the_deadline():
    target = _stations("Y9-T", 200, "2025-12-31", kind="target", target_type="level", target_year="2025",
                       date_basis="plan", date_as_written="到2025年")
    res, figures = _fit([_stations("Y9-3", 150, "2022-12-31", **YEAR_ONLY), target])
    assert _allowed(res, "gap") and not _allowed(res, "required_growth") and not _allowed(res, "attainment")
    reason = res[res["model"] == "required_growth"].iloc[0]["reason"]
    zh, en = phrasing.model_refusal_words(reason, ["township_stations"], figures, "required_growth")
    assert "文件年份" in zh and "invented day" in en


def test_a_supply_that_meets_a_floor_norm_is_never_a_gap_of_at_least_zero():
    def at(fid: str, indicator: str, value: float, **extra) -> dict:
        return row(fid, "532500", indicator, value, **extra)

    norm = at("N9-1", "norm_staff_per_station", 2, kind="norm", unit="persons per station", unit_as_written="人",
              value_as_written="每站不少于2人", norm_status="adopted", qualifier="at_least", value_low=2.0,
              value_high=float("nan"))
    res, figures = _fit([norm, at("N9-2", "township_stations", 143), at("N9-3", "station_staff", 300)])
    zh, en = phrasing.result_sentence(_allowed(res, "staffing_gap")[0], figures)
    assert "至少为0" not in zh and "at least 0" not in en
    assert "没有缺口" in zh and "no gap" in en
    res, figures = _fit([norm, at("N9-2", "township_stations", 143), at("N9-3", "station_staff", 200)])
    zh, en = phrasing.result_sentence(_allowed(res, "staffing_gap")[0], figures)
    assert "缺口至少为86人" in zh and "at least 86 persons" in en  # 2 × 143 − 200
