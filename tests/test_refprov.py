"""Referee refprov (issue 11, session 2026-12-02): kinds found reading the provincial reports against their pages."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from swtoolkit.cleaning.web import ESTIMATE_NOTE, WEB_FIGURE_COLUMNS, WEB_SOURCE_COLUMNS, read_web, unmarked_estimate

ROOT = Path(__file__).resolve().parents[1]


def _web(tmp_path: Path, notes: str, pub_date: str = "2018", precision: str = "year") -> tuple:
    (tmp_path / "web").mkdir()
    source = dict(zip(WEB_SOURCE_COLUMNS, ["WX001", "outlet", "A page on exam registrations", pub_date, precision,
                                           "http://example.org/a", "2026-11-30", "secondary", notes], strict=True))
    pd.DataFrame([source]).to_csv(tmp_path / "web" / "x_sources.csv", index=False)
    figure = {c: "" for c in WEB_FIGURE_COLUMNS} | {
        "figure_id": "WX001-01", "source_id": "WX001", "locator": "middle of paragraph, certificate holders now",
        "region_as_written": "浙江省", "value_as_written": "26413人", "date_as_written": "目前",
        "indicator": "certified_social_workers", "kind": "actual"}
    pd.DataFrame([figure]).to_csv(tmp_path / "web" / "x_figures.csv", index=False)
    _, sources, _, problems = read_web(tmp_path)
    return sources, problems


@pytest.mark.parametrize("notes", [
    "Mirror; year inferred from comparison with 2017 in the text; publication date not shown",
    "Page date not shown in excerpt; refers to the exam just held",
    "Mirror page; no visible page date; figures from the bulletin",
    "Repost (7 May); year inferred as 2024 from the registration figure",
    "Summary of a circular; exact page date not shown in the excerpt.",
])
def test_a_page_that_shows_no_date_must_mark_its_date_an_estimate(tmp_path, notes):
    """A page date the curator inferred is an estimate: unmarked, the report prints it as the document's date."""
    _, problems = _web(tmp_path, notes)
    assert [p for p in problems if "estimate" in str(p)], problems


def test_a_marked_estimate_or_a_dated_address_passes(tmp_path):
    sources, problems = _web(tmp_path, "Estimated date: the page shows none; year inferred from the text")
    assert not problems and sources.loc["WX001", "pub_date_note"] == ESTIMATE_NOTE
    assert not unmarked_estimate("Exam-prep site; date from the URL path 202112/06")
    assert not unmarked_estimate("Dateline 26 April 2022; page dated 27 April.")


def test_no_real_web_source_prints_an_inferred_date_as_its_own():
    for part in ("national", "provincial"):
        frame = pd.read_csv(ROOT / "data" / "raw" / "web" / f"{part}_sources.csv", dtype=str).fillna("")
        bad = frame.loc[frame["notes"].map(unmarked_estimate), "source_id"].tolist()
        assert not bad, f"{part}: {bad}"


def _page_year_row(estimated: bool, indicator: str = "certified_social_workers", kind: str = "actual",
                   written: str = "目前") -> dict:
    return {"figure_id": "WX001-04", "source_id": "WX001", "locator": "1", "indicator": indicator, "kind": kind,
            "value": 26413, "value_low": 26413, "value_high": 26413, "qualifier": "exact",
            "ref_date": "2018-12-31", "ref_date_precision": "period", "date_basis": "document",
            "ref_date_low": "2018-01-01", "ref_date_high": "2018-12-31", "scope": "", "subset": "", "place": "",
            "unit_as_written": "", "value_as_written": "26413人", "target_type": "", "norm_status": "",
            "date_as_written": written, "date_estimated": str(estimated)}


@pytest.mark.parametrize("indicator,kind,written", [("certified_social_workers", "actual", "目前"),
                                                    ("exam_registrants", "actual", "今年")])
def test_an_estimated_page_year_keeps_its_about(indicator, kind, written):
    """A page dated by the curator to a year (the page shows none) is said as 约2018年 / about 2018 wherever its
    year dates a figure: the title page, the finding, the table's date cell; a known page year stays bare."""
    from swtoolkit.reports.phrasing import figure_date, figure_point

    guessed, known = _page_year_row(True, indicator, kind, written), _page_year_row(False, indicator, kind, written)
    for words in (figure_date(guessed), figure_point(guessed)):
        assert "约2018年" in words, words
    for words in (figure_date(guessed, "en"), figure_point(guessed, "en")):
        assert "about 2018" in words, words
    for words in (figure_date(known), figure_point(known), figure_date(known, "en"), figure_point(known, "en")):
        assert "约" not in words and "about" not in words, words


@pytest.mark.parametrize("n", [1, 7])
def test_the_comparison_counts_provinces_by_their_key_findings(n):
    """Liaoning has a gap result (coverage at a passed deadline) that is no key finding: the lead counts the
    provinces whose key findings state a growth or gap result, never all provinces with such a result."""
    from swtoolkit.reports.phrasing import province_statements_lead

    lead = province_statements_lead(n)
    assert f"主要发现中有增长或差距结论的{n}个省份" in lead and "whose key findings state a growth or gap" in lead
    assert "有增长或差距结果的" not in lead and "provinces with a growth or gap result" not in lead
