"""Dated parts of a region beside an undated total: when the parts alone pass the total, the sentence says the two
sources disagree (referee-4 R4-7: Honghe's undated 135 stations beside its dated 131 乡镇 and 10 街道)."""

from __future__ import annotations

from swtoolkit.reports import phrasing
from swtoolkit.reports.content import parts_exceed_total


def _row(fid: str, value: float, subset: str = "", low: float | None = None, high: float | None = None) -> dict:
    return {"figure_id": fid, "indicator": "township_stations", "subset": subset, "value": value,
            "value_low": value if low is None else low, "value_high": value if high is None else high,
            "value_as_written": f"{value:g}个", "qualifier": "", "unit": "stations", "unit_as_written": "个",
            "ref_date": "2022-06-30", "date_precision": "month", "date_basis": "stated", "date_as_written":
            "2022年6月底", "kind": "actual", "scope": "", "source_id": "S900"}


def test_parts_that_pass_the_total_are_a_disagreement():
    total = _row("T", 135)
    parts = [_row("A", 131, "乡镇 only"), _row("B", 10, "街道 only")]
    assert parts_exceed_total(total, parts)
    zh, en = phrasing.parts_sentence("甲州", "Jia", parts, exceed=True)
    assert "不一致" in zh and "disagree" in en


def test_parts_within_the_total_or_an_open_total_are_not():
    parts = [_row("A", 131, "乡镇 only"), _row("B", 10, "街道 only")]
    assert not parts_exceed_total(_row("T", 150), parts)
    assert not parts_exceed_total(_row("T", 135, low=135, high=float("inf")), parts)  # 超过135: open upper end
    assert not parts_exceed_total(_row("T", 140, low=140, high=150), parts)  # 140多: up to 150
    zh, en = phrasing.parts_sentence("甲州", "Jia", parts)
    assert "不一致" not in zh and "disagree" not in en
