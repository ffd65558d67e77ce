"""Issue 11 U1/N6/DT1: a figure keeps the kind of thing it counts (persons, households, person-times, acts,
sessions) and the period it is counted over; small synthetic rows, so a returning fault fails here."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from swtoolkit.cleaning.dates import parse_date
from swtoolkit.codebook import codebook, units, units_agree, written_units
from swtoolkit.errors import ModelRefusedError
from swtoolkit.models import comparability as cmp
from swtoolkit.models.ratios import ratio_table
from swtoolkit.models.series import from_frame
from swtoolkit.reports import phrasing
from swtoolkit.reports.content import format_value


def _row(fid: str, value: float, unit: str = "persons", written: str = "人", **kw) -> dict:
    base = {"figure_id": fid, "source_id": fid[:4], "region_code": "530500", "region_name": "保山市",
            "region_name_en": "Baoshan", "region_level": "prefecture", "province_code": "530000", "place": "",
            "subset": "", "scope": "", "indicator": "station_staff", "family": "station_staff",
            "value": float(value), "value_low": float(value), "value_high": float(value), "qualifier": "exact",
            "unit": unit, "unit_as_written": written, "ref_date": "2022-06-30", "ref_date_precision": "month",
            "date_basis": "stated", "ref_date_low": "2022-06-30", "ref_date_high": "2022-06-30", "period_start": "",
            "date_estimated": False, "kind": "actual", "target_year": "", "target_type": "", "norm_status": "",
            "same_fact_as": "", "value_as_written": f"{value}{written}", "date_as_written": "截至2022年6月底",
            "region_as_written": "保山", "notes": ""}
    base.update(kw)
    return base


# ---- the codebook declares what each indicator counts ----------------------------------------------------------
def test_every_indicator_counts_one_unit_of_the_units_table():
    book = codebook()
    assert set(book["unit"]) <= set(units().index)


@pytest.mark.parametrize(("a", "b", "same"), [("人", "名", True), ("人", "位", True), ("人次", "名次", True),
                                              ("人", "人次", False), ("人", "户", False), ("户", "人次", False),
                                              ("次", "人", False), ("节", "个", False)])
def test_unit_words_agree_only_when_they_count_one_kind(a, b, same):
    assert units_agree(a, b) is same
    assert cmp.written_units_agree(a, b) is same


def test_no_near_synonyms_of_another_kind():
    fits = written_units()
    assert "户" not in fits["persons"] and "人次" not in fits["persons"] and "次" not in fits["persons"]
    assert "人" not in fits["person-times"] and "人" not in fits["households"] and "节" not in fits["groups"]


# ---- the comparability gate: never two units in one comparison ------------------------------------------------
def test_gate_refuses_persons_beside_households():
    a, b = _row("S900-000001", 735), _row("S900-000002", 735, "households", "户")
    for model in ("gap", "series", "compare"):
        d = cmp.same_definition(a, b, model)
        assert not d.allowed and "units differ: persons vs households" in d.rule
    assert cmp.same_definition(a, _row("S900-000003", 730, "persons", "名")).allowed


def test_gap_gate_refuses_a_target_in_another_unit():
    actual = _row("S900-000001", 2731, "person-times", "人次")
    target = _row("S900-000002", 3000, kind="target", target_year="2025", target_type="level", date_basis="plan")
    assert not cmp.gap_gate(actual, target).allowed


def test_league_table_refuses_a_region_in_another_unit():
    staff = [_row("S900-000001", 100, region_code="530100"), _row("S900-000002", 200, region_code="530300"),
             _row("S900-000003", 300, "households", "户", region_code="530400"),
             _row("S900-000004", 400, region_code="530500")]
    stations = [_row(f"S900-00001{i}", 10, "stations", "个", region_code=c, indicator="township_stations",
                     family="township_stations") for i, c in enumerate(["530100", "530300", "530400", "530500"])]
    table = ratio_table(pd.DataFrame(staff + stations), "station_staff", "township_stations",
                        ["530100", "530300", "530400", "530500"])
    assert sorted(table["region_code"]) == ["530100", "530300", "530500"]
    assert set(table["units"]) == {"persons/stations"}
    refused = table.attrs["refused"].set_index("region_code")["reason"]
    assert "units differ" in refused["530400"] and "households" in refused["530400"]


def test_a_series_never_mixes_units():
    frame = pd.DataFrame([_row("S900-000001", 100, ref_date="2020-12-31"),
                          _row("S900-000002", 150, "households", "户", ref_date="2021-12-31"),
                          _row("S900-000003", 200, ref_date="2022-12-31")])
    with pytest.raises(ModelRefusedError, match="mixes units"):
        from_frame(frame)


# ---- tables and sentences print the figure's own unit ----------------------------------------------------------
@pytest.mark.parametrize(("unit", "written", "table", "sentence"), [
    ("persons", "人", "735 人", "735人"), ("persons", "名", "430 名", "430名"),
    ("households", "户", "735 户", "735户"), ("households", "个", "926 个", "926个"),
    ("person-times", "人次", "2,731 人次", "2731人次"),
    ("activities", "次", "158万次 1,580,000 activities", "158万次"),
    ("sessions", "节", "83 节", "83节")])
def test_a_figure_is_printed_in_its_own_unit(unit, written, table, sentence):
    value = {"735 人": 735, "430 名": 430, "735 户": 735, "926 个": 926, "2,731 人次": 2731,
             "158万次 1,580,000 activities": 1_580_000, "83 节": 83}[table]
    assert format_value(value, "exact", unit, written=written) == table
    row = _row("S900-000001", value, unit, written)
    assert phrasing.figure_value(row, "zh") == sentence


def test_a_word_of_another_kind_is_never_printed_for_a_unit():
    # a row that somehow carries a foreign word still prints its unit's own word, never the foreign one
    assert format_value(735, "exact", "households", written="人") == "735 户"
    assert phrasing.unit_zh("persons", "户") == "人"


# ---- a flow over a stated period is worded as the period --------------------------------------------------------
@pytest.mark.parametrize(("written", "start"), [("2022年1月至6月", dt.date(2022, 1, 1)),
                                                ("2022年 1-6月", dt.date(2022, 1, 1)),
                                                ("2022年上半年", dt.date(2022, 1, 1)),
                                                ("2022 年 5 月", dt.date(2022, 5, 1)),
                                                ("2021年", dt.date(2021, 1, 1)),
                                                ("截至2022年6月底", None), ("2021年底", None),
                                                ("截至 2022 年 6 月", None), ("目前", None), ("今年以来", None)])
def test_the_date_grammar_keeps_a_stated_period(written, start):
    assert parse_date(written, dt.date(2022, 8, 1)).start == start


@pytest.mark.parametrize(("written", "start", "end", "zh", "en"), [
    ("2022年1月至6月", "2022-01-01", "2022-06-30", "2022年1—6月", "January–June 2022"),
    ("2022年上半年", "2022-01-01", "2022-06-30", "2022年上半年", "in the first half of 2022"),
    ("2022年5月", "2022-05-01", "2022-05-31", "2022年5月", "in May 2022"),
    ("2021年", "2021-01-01", "2021-12-31", "2021年", "in 2021"),
    ("2021年12月至2022年3月", "2021-12-01", "2022-03-31", "2021年12月—2022年3月", "December 2021–March 2022")])
def test_a_flow_over_a_period_is_worded_as_the_period_never_as_of(written, start, end, zh, en):
    row = _row("S900-000001", 316, "households", "户", kind="increment", ref_date=end, ref_date_low=end,
               ref_date_high=end, period_start=start, date_as_written=written, ref_date_precision="period")
    assert phrasing.figure_date(row, "zh") == zh and "截至" not in phrasing.figure_date(row, "zh")
    assert phrasing.figure_date(row, "en") == en
    assert phrasing.figure_point(row, "zh") == zh


def test_a_stock_at_a_date_keeps_as_of():
    row = _row("S900-000001", 143, "stations", "个", ref_date_precision="month")
    assert phrasing.figure_date(row, "zh") == "截至2022年6月底"


def test_clean_keeps_the_period_of_flows_only(tmp_path):
    from swtoolkit.cleaning.rows import _period_starts

    column = {"kind": pd.Series(["increment", "actual", "increment", "actual"]),
              "indicator": pd.Series(["assistance_enrolment_changes", "township_stations", "training_persons",
                                      "exam_registrants"])}
    when = [parse_date(t, dt.date(2022, 8, 1)) for t in ("2022 年 5 月", "2022年5月", "截至2022年6月底", "2021年")]
    starts = list(_period_starts(column, when, ["stated"] * 4))
    assert starts == ["2022-05-01", "", "", "2021-01-01"]


@pytest.mark.parametrize(("a", "b"), [("个", "支"), ("次", "人次"), ("户次", "次"), ("个", "件")])
def test_two_words_of_one_unit_are_compared_only_when_declared_alike(a, b):
    """个 vs 支 (issue 11's example) and 次 vs 人次 count differently even under one indicator."""
    assert not units_agree(a, b)
    row_a = _row("S900-000001", 10, "teams", a, indicator="volunteer_teams")
    row_b = _row("S900-000002", 12, "teams", b, indicator="volunteer_teams")
    assert not cmp.same_definition(row_a, row_b, "series").allowed


def test_extract_suggests_the_indicator_of_the_written_kind(tmp_path):
    """The draft stage reads the same units table as clean: 户 → households, 人次 → person-times, 节 → sessions."""
    from swtoolkit.extract_lexicons import compatible_units

    assert "households" in compatible_units("户", False) and "persons" not in compatible_units("户", False)
    assert "persons" not in compatible_units("人次", False) and "person-times" in compatible_units("人次", False)
    assert "groups" not in compatible_units("节", False) and "sessions" in compatible_units("节", False)


def test_a_period_written_without_its_year_says_the_year_is_the_documents():
    row = _row("S900-000001", 410, kind="increment", ref_date="2022-06-02", ref_date_high="2022-06-02",
               ref_date_low="2022-06-02", period_start="2022-05-31", date_as_written="5月 31日至 6月 2日")
    assert phrasing.figure_date(row, "zh") == "2022年5月31日—6月2日（年份据文件日期推定）"


def test_a_rate_keeps_its_whole_unit_though_written_with_its_numerator_only():
    assert format_value(20000, "at_least", "yuan per station", written="元") == "≥2万元/站 ≥20,000 yuan per station"
    assert phrasing.unit_zh("persons per station", "名") == "人/站"
