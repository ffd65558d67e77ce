"""Progress on a log scale against the plan period elapsed (referee-4 R4-20): given as a range across the level's
rounding, and never set against time elapsed when the level's date is borrowed or not its own."""

from __future__ import annotations

from swtoolkit.models.gaps import gap_to_target
from swtoolkit.reports import phrasing


def _figures(level: dict) -> dict[str, dict]:
    base = {"indicator": "sw_talent_total", "unit": "persons", "kind": "actual", "region_name": "某省",
            "region_code": "990000", "ref_date_precision": "year", "qualifier": "exact"}
    return {"L-1": {**base, "figure_id": "L-1", **level},
            "T-1": {**base, "figure_id": "T-1", "kind": "target", "value": 60000.0, "value_low": 60000.0,
                    "value_high": 60000.0, "target_year": "2025", "ref_date": "2025-12-31", "date_basis": "plan"}}


def _stats(res) -> tuple[dict, dict]:
    rows = res.to_records()
    for r in rows:
        r.update(figure_ids="L-1;T-1", region_name="某省")
    return rows[0], {r["statistic"]: r for r in rows[1:]}


LEVEL = {"value": 44000.0, "value_low": 43500.0, "value_high": 44500.0, "qualifier": "rounded",
         "ref_date": "2021-12-31", "value_as_written": "4.4万人"}


def test_progress_is_a_range_across_the_rounding_of_the_level():
    res = gap_to_target(44000, "2021-12-31", 60000, 2025, 38553, "2020-12-31", band=(43500, 44500))
    lo, hi = res.progress_band
    assert 0.26 < lo < res.log_progress < hi < 0.33
    head, stats = _stats(res)
    zh, en = phrasing.result_sentence(head, _figures({**LEVEL, "date_basis": "stated"}), stats)
    # the ends rounded outward (breaker2): 27.3% to 32.4% is "27%—33%", never the narrower "27%—32%"
    assert "27%—33%" in zh and "规划期已过20%" in zh and "27% to 33%" in en


def test_progress_is_not_set_against_time_when_the_date_is_borrowed():
    res = gap_to_target(44080, "2021-12-31", 60000, 2025, 38553, "2020-12-31")
    head, stats = _stats(res)
    borrowed = {**LEVEL, "value": 44080.0, "value_low": 44080.0, "value_high": 44080.0, "qualifier": "exact",
                "value_as_written": "44080人", "date_basis": "stated", "date_from": "4.4万人"}
    zh, en = phrasing.result_sentence(head, _figures(borrowed), stats)
    assert "规划期已过" not in zh and "不与规划时间进度对照" in zh and "not set against" in en
    undated = {**borrowed, "date_from": "", "date_basis": "undated"}
    zh, _ = phrasing.result_sentence(head, _figures(undated), stats)
    assert "规划期已过" not in zh and "不与规划时间进度对照" in zh
