"""Lead review of the stop-26 merge (issue 11): kinds a referee found in one table, checked over every raw table.

- A count of townships is not a count of stations, in the web tables too (Yunnan WP035-03: the page's 1419 are the
  townships (streets) that all have a station, the denominator of its full coverage, not a number of stations).
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from tests.test_ref_c import STATION_INDICATORS

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"

#: A number followed by the noun of a place (not of a station): a count of townships, villages or counties.
_PLACE_COUNT = re.compile(r"\d[\d.,]*\s*[万]?\s*个?\s*(乡镇|街道|村|社区|县)(?!.*(站|室))")


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
