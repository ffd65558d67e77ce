"""Fresh referee fresh2 (2026-12-02): kinds found in the reports built at 03:05, each with synthetic rows."""
from swtoolkit.reports import phrasing


def _span_row(**over) -> dict:
    row = {"figure_id": "S-01", "indicator": "service_activities", "kind": "cumulative", "ref_date": "2022-08-16",
           "ref_date_precision": "period", "ref_date_low": "2022-08-15", "ref_date_high": "2022-08-16",
           "date_basis": "stated", "period_start": "", "date_as_written": "8月15日至16日", "date_estimated": "True",
           "date_flag": "8月15日至16日: period ending 2022-08-16; year taken from the document", "value": 23000.0,
           "qualifier": "more_than", "value_as_written": "2.3万多次", "unit": "activities", "place": "", "subset": ""}
    return {**row, **over}


def test_a_running_total_dated_by_a_day_span_is_reached_by_a_day_of_it_never_counted_during_it():
    # Hebei S001: 2.3万多次 activities, 5.5万余人 served, 1.3亿 volunteer hours, all told at a 15–16 August meeting;
    # '2022年8月15—16日期间' / 'during 15–16 August 2022' said they were done in those two days.
    row = _span_row()
    zh, en = phrasing.figure_date(row), phrasing.figure_date(row, "en")
    assert zh.startswith("截至2022年8月15—16日中某日（年份据文件日期推定"), zh
    assert en.startswith("up to a day in 15–16 August 2022 (year inferred"), en
    assert "期间" not in zh and "during" not in en
    # a level keeps the span as it is (the stock held during the meeting); a point date keeps 截至
    level = _span_row(indicator="township_stations", kind="actual", value_as_written="1435家", qualifier="exact")
    assert phrasing.figure_date(level).startswith("2022年8月15—16日期间")
    point = _span_row(ref_date_low="2022-08-16", date_as_written="2022年8月16日", date_flag="", date_estimated="")
    assert phrasing.figure_date(point) == "截至2022年8月16日"
