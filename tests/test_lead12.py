"""Lead review of the stop-26 merge (issue 11): kinds a referee found in one table, checked over every raw table.

- A count of townships is not a count of stations, in the web tables too (Yunnan WP035-03: the page's 1419 are the
  townships (streets) that all have a station, the denominator of its full coverage, not a number of stations).
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit import regions
from tests.test_ref_c import STATION_INDICATORS

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"

#: A number followed by the noun of a place (not of a station): a count of townships, villages or counties.
_PLACE_COUNT = re.compile(r"\d[\d.,]*\s*[万]?\s*个?\s*(?:乡镇|街道|村|社区|县)(?!.*(?:站|室))")


def place_count_under_station_indicator(rows: pd.DataFrame) -> list[str]:
    """figure_ids of rows under a station indicator whose value as written counts places (乡镇, 村, 县 …) or
    whose notes call the number a count of townships that have a station."""
    station = rows["indicator"].isin(STATION_INDICATORS)
    written = rows["value_as_written"].str.contains(_PLACE_COUNT)
    noted = rows["notes"].str.contains(r"(?i)\b(?:all )?\d+ townships\b.*\bcovered\b|townships with stations")
    return sorted(rows.loc[station & (written | noted), "figure_id"])


@pytest.mark.parametrize(("written", "notes", "bad"), [
    ("1419个乡镇(街道)", "", True),                          # the noun counts townships
    ("33个乡镇（街道）", "", True),
    ("1419个", "All 1419 townships (streets) covered", True),  # the note says what the number counts
    ("143个", "stations of the whole prefecture", False),
    ("66个乡镇（街道）社工站", "", False),                    # a station noun: a station count
])
def test_a_place_count_is_never_a_station_count(written, notes, bad):
    rows = pd.DataFrame([{"figure_id": "X-1", "indicator": "township_stations", "value_as_written": written,
                          "notes": notes}])
    assert place_count_under_station_indicator(rows) == (["X-1"] if bad else [])
    rows["indicator"] = "townships"
    assert place_count_under_station_indicator(rows) == []


def test_no_raw_table_holds_a_place_count_under_a_station_indicator():
    tables = [RAW / "figures.csv", *sorted((RAW / "web").glob("*_figures.csv"))]
    found = {t.name: place_count_under_station_indicator(pd.read_csv(t, dtype=str, keep_default_na=False))
             for t in tables}
    assert not any(found.values()), found
    web = pd.read_csv(RAW / "web" / "provincial_figures.csv", dtype=str, keep_default_na=False)
    for fid in ("WP035-03", "WP010-06", "WP011-02"):  # Yunnan, Shandong (twice): townships, all with a station
        assert web.set_index("figure_id").loc[fid, "indicator"] == "townships"


# ---- a bound the curator read is a bound in the value as written -------------------------------------------------
#: Curator's words that say the page gives a bound (首次突破 → "first time above"), and the words that carry one.
_NOTED_BOUND = re.compile(r"(?i)\b(?:first time above|described as (?:above|over|more than|at least))\b")
_WRITTEN_BOUND = re.compile(r"突破|超过|超|以上|逾|余|多|近|约|不到|不足|至少|不少于|不低于|over|more than|at least")


def bound_lost(rows: pd.DataFrame) -> list[str]:
    """figure_ids of rows whose notes say the page states a bound that neither the value nor the qualifier as
    written carries (Chongqing WP031-01: 首次突破6.8万人 recorded as 6.8万人, a card of 67,500–68,500)."""
    noted = rows["notes"].str.contains(_NOTED_BOUND)
    written = (rows["value_as_written"] + " " + rows["qualifier_as_written"]).str.contains(_WRITTEN_BOUND)
    return sorted(rows.loc[noted & ~written, "figure_id"])


@pytest.mark.parametrize(("written", "notes", "lost"), [
    ("6.8万人", "Described as first time above 68,000", True),
    ("突破6.8万人", "Described as first time above 68,000", False),
    ("6.8万人", "up 128% year on year", False),
])
def test_a_bound_read_on_the_page_stays_in_the_value(written, notes, lost):
    rows = pd.DataFrame([{"figure_id": "X-1", "value_as_written": written, "qualifier_as_written": "",
                          "notes": notes}])
    assert bound_lost(rows) == (["X-1"] if lost else [])


def test_no_web_row_loses_a_bound_its_notes_record():
    for table in sorted((RAW / "web").glob("*_figures.csv")):
        assert not bound_lost(pd.read_csv(table, dtype=str, keep_default_na=False)), table.name


def test_a_rate_given_after_two_counts_without_naming_one_says_so():
    """Heilongjiang's 20%左右 a year follows both its talent total and its exam passes and names neither: what the
    rate counts is unclear (scope unclear_scope), never shown as the passes' growth."""
    raw = pd.read_csv(RAW / "figures.csv", dtype=str, keep_default_na=False).set_index("figure_id")
    assert raw.loc["S002-000534", "scope"] == "unclear_scope"


def test_reader_text_cites_the_published_data_files_not_the_repository_folder():
    """A report names data/checks.csv (published beside it by reports.downloads), never data/clean/…, which a
    reader of the published folder does not have (fresh editor, stop 26)."""
    package = ROOT / "swtoolkit" / "reports"
    cited = {p.name for p in package.glob("*.py")
             if p.name not in ("inputs.py", "downloads.py")
             and re.search(r"data/clean/(checks|figures|codebook)\.csv", p.read_text(encoding="utf-8"))}
    assert not cited, cited


@pytest.mark.parametrize(("row", "differs", "dated", "said"), [
    ({"same_fact_as": "A-1"}, False, True, ("与A-1为同一数字的另一表述", "another statement of A-1")),
    ({"same_fact_as": ""}, True, True, ("口径不同", "another definition")),
    ({"same_fact_as": ""}, False, False,
     ("没有日期，不能作为时间上的一点", "with no date, it cannot be a point in time")),
])
def test_a_figure_left_out_of_a_chart_says_why(row, differs, dated, said):
    """The 'not drawn' list under a chart names each figure's reason (fresh editor, stop 26: Hubei's 30,149, the
    figure its finding rests on, was listed as not drawn with no reason: it restates the drawn WP019-01)."""
    from swtoolkit.reports import phrasing

    assert phrasing.not_drawn_why(row, differs=differs, restates={"A-1"}, dated=dated) == said


# ---- a growth finding names a refused figure of its end level that may be as new --------------------------------
def test_a_growth_finding_names_a_refused_figure_that_may_be_as_new_as_its_end():
    """China's assistants 'grew to 33.3万余 at end-2018' while a refused 33.2万 (date 2019年度累計, unread) says
    otherwise: the finding is said of the figures read and names it (fresh referee, stop 26); a refused figure
    older than the end level is not named (it cannot touch the end)."""
    from swtoolkit.models.fit import fit_all
    from swtoolkit.reports.content import RegionReport
    from tests.test_referee12_ref_a import _refused, _row

    clean = pd.DataFrame([_row("S002-990001", "certified_social_workers", 5000.0, "2018-12-31"),
                          _row("S002-990002", "certified_social_workers", 8000.0, "2021-12-31")])
    results = fit_all(clean)

    def finding(refused: pd.DataFrame) -> str:
        report = RegionReport(regions.get("610000"), clean, results=results, draw_charts=False, refused=refused)
        said = [s for s in report.model_sentences(limit=None) if "5000人" in s]
        assert said, report.model_sentences(limit=None)
        return said[0]

    newer = finding(pd.DataFrame([_refused("WP9-01", "over 9,000", "By the end of 2022")]))
    assert "此为读入的数字" in newer and "“over 9,000”" in newer and "of the figures read" in newer
    older = finding(pd.DataFrame([_refused("WP9-02", "over 4,000", "By the end of 2015")]))
    assert "此为读入的数字" not in older and "over 4,000" not in older


def test_a_level_also_stated_by_a_news_report_is_not_flagged_as_known_only_from_a_secondary_page():
    """A growth sentence's level is a fact: when a news report (WP020, 荆楚网) also gives the figure a mirror
    (WP019, secondary) gives, the sentence does not call it known only from a secondary page (fresh referee, stop
    26: Hubei's 30,149); a figure only the mirror gives keeps its flag."""
    from swtoolkit.reports import phrasing

    def level(fid: str, value: int, date: str, **kw) -> dict:
        return {"figure_id": fid, "source_id": fid.split("-")[0], "indicator": "sw_talent_total", "kind": "actual",
                "value": float(value), "value_low": float(value), "value_high": float(value), "qualifier": "exact",
                "unit": "persons", "value_as_written": f"{value}人", "ref_date": date, "same_fact_as": "", **kw}

    figures = {r["figure_id"]: r for r in [
        level("WP019-90", 30149, "2018-12-31"), level("WP020-90", 30149, "2018-12-31", same_fact_as="WP019-90"),
        level("WP019-91", 50000, "2021-12-31")]}
    levels, _ = phrasing._figures({"figure_ids": "WP019-90;WP019-91"}, figures)
    flags = {r["figure_id"]: phrasing.source_flag(r) for r in levels}
    assert flags["WP019-90"] == "" and flags["WP019-91"] != "", flags
