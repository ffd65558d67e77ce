"""Referee-5 findings R5-4, R5-7, R5-11, R5-12, R5-13, each tested by kind on small inputs."""
from __future__ import annotations

import csv
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "swtoolkit" / "data"
_INTERNAL = re.compile(
    r"do not use|kept only until|is recoded|recode|for new rows|TODO|FIXME|curator|for now|legacy",
    re.IGNORECASE,
)


def test_published_definitions_carry_no_internal_curation_notes():
    """R5-7: scope and codebook definitions are printed in methods.html; none may be a note to curators."""
    for name in ("scopes.csv", "codebook.csv", "units.csv"):
        with (DATA / name).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                for col in ("definition", "note", "notes"):
                    text = row.get(col) or ""
                    assert not _INTERNAL.search(text), f"{name} {row.get('key') or row}: {text}"


def _stmt(fid: str, low: float, high: float, qualifier: str, written: str, **kw) -> dict:
    base = {"figure_id": fid, "source_id": fid.split("-")[0], "region_code": "000000", "place": "", "subset": "",
            "scope": "", "indicator": "exam_registrants", "kind": "actual", "target_year": "",
            "value": 600000.0, "value_low": low, "value_high": high, "qualifier": qualifier, "unit": "persons",
            "ref_date": "2020-12-31", "value_as_written": written}
    base.update(kw)
    return base


def test_a_strict_bound_and_the_bound_it_excludes_are_a_conflict():
    """R5-12: 近60万 (≤600,000) and >60万 (>600,000) are disjoint, so the pair is a conflict, not a duplicate;
    ≤60万 and ≥60万 still meet (at 600,000) and stay a duplicate at different precision."""
    import pandas as pd

    from swtoolkit.cleaning.checks import _intervals_meet, check_duplicates_and_conflicts

    nan = float("nan")
    disjoint = pd.DataFrame([_stmt("W900-01", nan, 600000.0, "at_most", "近60万"),
                             _stmt("W901-01", 600000.0, nan, "more_than", ">60万")])
    found = check_duplicates_and_conflicts(disjoint)
    assert [c["check"] for c in found] == ["conflict"]
    below = pd.DataFrame([_stmt("W900-01", nan, 600000.0, "less_than", "不到60万"),
                          _stmt("W901-01", 600000.0, nan, "at_least", "至少60万")])
    assert [c["check"] for c in check_duplicates_and_conflicts(below)] == ["conflict"]
    touching = pd.DataFrame([_stmt("W900-01", nan, 600000.0, "at_most", "近60万"),
                             _stmt("W901-01", 600000.0, nan, "at_least", "60万以上")])
    assert [c["check"] for c in check_duplicates_and_conflicts(touching)] == ["duplicate"]
    assert _intervals_meet([(1.0, 2.0), (2.0, 3.0)])


def test_a_part_never_dates_the_region_while_a_whole_figure_is_dated():
    """R5-13: Honghe's title page rested on 街道 only stations (10); a subset or a place within the region never
    sets data-as-of beside a dated whole figure, and when it is all there is, the words name the part."""
    from swtoolkit.models import comparability as cmp
    from swtoolkit.reports import phrasing
    from tests.test_semantics import _row

    keys = ["township_stations"]
    whole = _row("S900-000001", 135, "2022-03-31", indicator="township_stations", unit="stations")
    part = _row("S900-000002", 10, "2022-06-30", indicator="township_stations", unit="stations", subset="街道 only")
    place = _row("S900-000003", 12, "2022-09-30", indicator="township_stations", unit="stations", place="个旧市")
    assert cmp.as_of_figure([whole, part, place], keys)["figure_id"] == "S900-000001"
    alone = cmp.as_of_figure([part, place], keys)
    assert alone["figure_id"] == "S900-000002"
    words = phrasing.as_of_words(alone)
    assert "streets only" in words and "街道 only" not in words and "仅部分" in words and "a part only" in words
    assert "仅部分" not in phrasing.as_of_words(cmp.as_of_figure([whole], keys))


def test_refusal_lines_name_the_regions_own_languages_and_values():
    """R5-4: 'English or Portuguese' only where both occur among the region's own refused values."""
    import pandas as pd

    from swtoolkit.cleaning.checks import refusals, written_language
    from swtoolkit.reports.content import refusal_sentence

    def check(fid, region, value):
        return {"check": "refused", "status": "note", "region_code": region, "indicator": "sw_organisations",
                "ref_date": "", "figure_ids": fid, "explanation": "",
                "detail": f"web/x.csv, row 2, column 'value_as_written': cannot read '{value}' as a figure "
                          f"(value: '{value}')"}

    checks = pd.DataFrame([check("W1-01", "000000", "mais de 3 mil"), check("W1-02", "000000", "over 3,000"),
                           check("W2-01", "610000", "over 10,000"),
                           {**check("W3-01", "", "x"), "detail": "web/x.csv, row 9, column 'region_as_written': "
                            "unknown region '全省(推定青海)' (value: '全省（推定青海）')"}])
    assert written_language("mais de 1 milhão") == "pt" and written_language("over 20,000") == "en"
    both = refusal_sentence(refusals(checks, "000000"))
    # English is read now (cleaning.numbers.english_figure): only Portuguese is a language the grammar does not
    # read; an English value refused is a value the grammar does not read (review english)
    assert "以葡萄牙文书写" in both and "英文" not in both and "Portuguese" in both and "“mais de 3 mil”" in both
    assert "“over 3,000”" in both
    one = refusal_sentence(refusals(checks, "610000"))
    assert "以英文书写" not in one and "Portuguese" not in one and "“over 10,000”" in one
    unplaced = refusals(checks, "")
    assert list(unplaced["figure_id"]) == ["W3-01"] and list(unplaced["reason"]) == ["region"]


def test_the_comparison_discloses_rows_refused_for_an_unknown_region():
    """R5-4: rows refused because their region could not be told (全省（推定青海）) belong to no region report; the
    comparison's limitations say how many and for what."""
    import pandas as pd

    from swtoolkit.cleaning.checks import refusals
    from swtoolkit.reports.comparison import ComparisonReport
    from tests.test_league_scopes import _row

    clean = pd.DataFrame([_row("S003-900003", 317, region_code="530700", region_name="丽江市",
                               indicator="station_staff", family="station_staff")])
    checks = pd.DataFrame([{"check": "refused", "status": "note", "region_code": "", "indicator": "township_stations",
                            "ref_date": "", "figure_ids": f"W9-0{i}", "explanation": "",
                            "detail": f"web/x.csv, row {i}, column 'region_as_written': unknown region 'x' "
                                      "(value: '全省（推定青海）')"} for i in (1, 2)])
    report = ComparisonReport.from_tables(clean, pd.DataFrame(), draw_charts=False)
    assert "region could not be identified" not in report.limitations().body
    report.unplaced = refusals(checks, "")
    text = report.limitations().body
    assert "另有2条收集到的数据因地区无法确定" in text and "2 more collected figures were" in text
    assert "乡镇（街道）社工站" in text


def test_a_brief_never_calls_its_table_every_figure_when_some_were_refused():
    """R5-11: the brief's one table says 'every figure used' and points to the limitations when the cleaner left
    figures of the region out; with none left out it may say 'every figure'."""
    from swtoolkit import regions
    from swtoolkit.cleaning.checks import refusals
    from swtoolkit.reports.content import RegionReport
    from tests.test_refused_rows import CHECKS
    from tests.test_refused_rows import _report as _fixture

    # the refused-rows test's one-row region, its figure from a real source (the table names its source)
    clean = _fixture(None).clean.assign(figure_id="S003-000001", source_id="S003")

    def _report(left_out):
        return RegionReport(regions.get("440000"), clean, refused=left_out)

    refused = _report(refusals(CHECKS, "440000"))
    assert refused.kind == "brief"
    body = refused.key_figures().body
    assert "Every figure of the region used" in body and "3 more set aside in data cleaning" in body
    assert "所用全部数据（另有3条在数据清理中被拒收" in body
    plain = _report(None).key_figures().body
    assert "Every figure of the region, as written" in plain and "left out" not in plain


def test_the_methods_say_which_measures_set_data_as_of():
    """R5-11: the methods text names every measure comparability.as_of_figure takes (a share included)."""
    import datetime as dt

    from swtoolkit.models.comparability import AS_OF_MEASURES
    from swtoolkit.reports.content import methods_items

    text = " ".join(methods_items(dt.date(2026, 1, 1)))
    said = {"stock": "dated stock", "cumulative": "running total", "rate": "share"}
    assert all(said[m] in text for m in AS_OF_MEASURES)
    assert "streets only" in text and "仅街道" in text


def test_a_chart_drawing_both_sides_of_a_conflict_names_it():
    """R5-12: two drawn statements the data-cleaning check records as a conflict get a note naming the conflict."""
    import pandas as pd

    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport
    from tests.test_refused_rows import _report as _fixture

    conflicts = pd.DataFrame([{"check": "conflict", "status": "explained", "region_code": "000000",
                               "indicator": "exam_registrants", "ref_date": "2020-12-31",
                               "figure_ids": "WN027-08 WN029-10", "detail": "x", "explanation": "y"}])
    report = RegionReport(regions.get("000000"), _fixture(None).clean, conflicts=conflicts)
    notes = report._conflict_notes({"WN027-08", "WN029-10", "WN027-07"})
    assert len(notes) == 1 and notes[0][1] == ["WN027-08", "WN029-10"] and "conflict" in notes[0][0]
    assert report._conflict_notes({"WN027-08"}) == []  # one side drawn: nothing drawn as one fact
