"""Referee-6a kinds fixed in code (cleaning dates, reports layer, charts, report config): each test is built from
small synthetic rows and fails if its kind came back (R6a-4 year-only document dates, R6a-7 bounds of derived
ratios, R6a-11 chart labels as written, R6a-15 data-as-of rule, R6a-19 growth point counts)."""

from __future__ import annotations

import pandas as pd
import pytest

from swtoolkit.reports import phrasing


def row(fid: str, indicator: str, value: float, kind: str = "actual", **extra: str) -> dict:
    base = {"figure_id": fid, "source_id": fid.split("-")[0], "locator": "1", "indicator": indicator,
            "kind": kind, "value": value, "value_low": value, "value_high": value, "qualifier": "exact",
            "ref_date": "2022-12-31", "ref_date_precision": "year", "date_basis": "stated",
            "ref_date_low": "2022-12-31", "ref_date_high": "2022-12-31", "scope": "", "subset": "", "place": "",
            "unit_as_written": "", "value_as_written": str(value), "target_type": "", "norm_status": "",
            "date_as_written": "", "date_estimated": "False", "period_start": ""}
    return {**base, **extra}


# ---- R6a-4: a document known to its year only never gains a month -------------------------------------------

def _web_clean(tmp_path, precision: str, pub_date: str, figures: list[dict]) -> pd.DataFrame:
    from swtoolkit.cleaning.columns import SOURCE_COLUMNS
    from swtoolkit.cleaning.pipeline import document_date
    from swtoolkit.cleaning.rows import clean_rows
    from swtoolkit.cleaning.web import WEB_FIGURE_COLUMNS, WEB_SOURCE_COLUMNS, all_sources, read_web

    (tmp_path / "web").mkdir()
    source = dict(zip(WEB_SOURCE_COLUMNS, ["WX001", "outlet", "A page about the workforce", pub_date, precision,
                                           "http://example.org/a", "2026-11-30", "report", ""], strict=True))
    pd.DataFrame([source]).to_csv(tmp_path / "web" / "x_sources.csv", index=False)
    rows = [{c: "" for c in WEB_FIGURE_COLUMNS} | {"source_id": "WX001", "region_as_written": "浙江省",
                                                  "kind": "actual"} | f for f in figures]
    pd.DataFrame(rows).to_csv(tmp_path / "web" / "x_figures.csv", index=False)
    figures_raw, sources, _, problems = read_web(tmp_path)
    assert not problems
    every = all_sources(pd.DataFrame(columns=SOURCE_COLUMNS).set_index("source_id"), sources)
    clean, found = clean_rows(figures_raw.reset_index(drop=True), every,
                              {sid: document_date(src) for sid, src in sources.iterrows()}, web=True)
    assert not found, list(found)
    return clean.set_index("figure_id")


UNDATED = {"figure_id": "WX001-01", "locator": "opening words, service organisations fostered",
           "value_as_written": "787家", "date_as_written": "", "indicator": "sw_organisations"}
NOW = {"figure_id": "WX001-02", "locator": "closing words, certified workers at present",
       "value_as_written": "2万人", "date_as_written": "目前", "indicator": "certified_social_workers"}


def test_an_undated_figure_in_a_page_of_a_known_year_keeps_the_year_only(tmp_path):
    clean = _web_clean(tmp_path, "year", "2018", [UNDATED, NOW])
    undated = clean.loc["WX001-01"]
    assert undated["date_basis"] == "undated" and undated["ref_date_precision"] == "year"
    for figure in (undated, clean.loc["WX001-02"]):
        zh, en = phrasing.figure_date(figure), phrasing.figure_date(figure, "en")
        assert "12月" not in zh and "December" not in en and "2018" in zh and "2018" in en, (zh, en)
    assert phrasing.figure_date(undated) == "日期未注明（见于2018年的文件）"
    assert phrasing.figure_date(undated, "en") == "undated (in a document of 2018)"
    assert "12月" not in phrasing.figure_point(undated) and "底" not in phrasing.figure_point(undated)


def test_an_undated_figure_in_a_page_of_a_known_month_keeps_the_month(tmp_path):
    clean = _web_clean(tmp_path, "month", "2022-07", [UNDATED])
    assert phrasing.figure_date(clean.loc["WX001-01"]) == "日期未注明（见于2022年7月的文件）"


@pytest.mark.parametrize("extra", [
    {"date_basis": "undated", "ref_date_precision": "year", "ref_date_low": "", "ref_date_high": "2018-12-31",
     "ref_date": "2018-12-31"},
    # a flow counted 今年以来 up to a page dated to its year only: the span ends in that year, not in December
    {"date_basis": "document", "ref_date_precision": "period", "ref_date_low": "2018-01-01",
     "ref_date_high": "2018-12-31", "ref_date": "2018-12-31", "period_start": "2017-01-01",
     "date_as_written": "去年以来"},
    {"date_basis": "document", "ref_date_precision": "period", "ref_date_low": "2018-01-01",
     "ref_date_high": "2018-12-31", "ref_date": "2018-12-31", "date_as_written": "今年", "kind": "increment"},
])
def test_no_wording_of_a_year_only_document_invents_its_month(extra):
    from swtoolkit.models.comparability import date_words

    figure = row("WX2-01", "exam_registrants", 86_000, **extra)
    for lang in ("zh", "en"):
        words = phrasing.figure_date(figure, lang)
        assert "12月" not in words and "December" not in words and "2018" in words, words
    assert date_words(figure) == "2018"
