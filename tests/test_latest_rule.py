"""One "latest" rule for every table (referee 11, R11-1): the comparison and sub-region tables
(ratios.latest_levels) and a region's own key-figures table (content.latest_of_each) pick the same figure."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit import provenance
from swtoolkit.models import comparability as cmp
from swtoolkit.models.ratios import latest_levels
from swtoolkit.reports.content import latest_disagreements, latest_of_each
from tests.test_semantics import _row


def _two_undated(monkeypatch):
    # an undated figure on an older news report and an undated figure on a newer secondary page
    monkeypatch.setattr(provenance, "release_types", lambda: {"S901": "report", "S902": "secondary"})
    old = _row("S901-000001", 130, "2014-03-19", basis="undated", indicator="sw_organisations", unit="organisations")
    new = _row("S902-000001", 787, "2018-12-31", basis="undated", indicator="sw_organisations", unit="organisations")
    return [old, new]


def test_undated_only_the_latest_document_is_latest_in_every_path(monkeypatch):
    rows = _two_undated(monkeypatch)
    assert [r["figure_id"] for r in cmp.latest_pool(rows)] == ["S902-000001"]
    assert cmp.latest(rows)["figure_id"] == "S902-000001"  # not the older page by its release rank
    frame = pd.DataFrame(rows)
    assert latest_levels(frame, "sw_organisations").loc["530100", "figure_id"] == "S902-000001"
    assert list(latest_of_each(frame)["figure_id"]) == ["S902-000001"]
    assert latest_disagreements(frame, ["sw_organisations"]) == []


def test_dated_before_undated_in_the_pool():
    dated = _row("S900-000001", 143, "2022-06-30")
    undated = _row("S900-000002", 135, "2022-07-31", basis="undated")
    assert [r["figure_id"] for r in cmp.latest_pool([undated, dated])] == ["S900-000001"]
    assert cmp.latest_pool([]) == []


def test_disagreement_is_found_when_the_paths_differ(monkeypatch):
    rows = _two_undated(monkeypatch)
    frame = pd.DataFrame(rows)
    import swtoolkit.reports.content as content
    monkeypatch.setattr(content, "latest_levels", lambda clean, ind, codes=None: frame[frame["figure_id"].eq(
        "S901-000001")].assign(statements=None).set_index("region_code"))
    found = latest_disagreements(frame, ["sw_organisations"])
    assert found == [{"region_code": "530100", "indicator": "sw_organisations", "shown": "S901-000001",
                      "own": ["S902-000001"]}]


def test_real_data_every_table_agrees_with_the_regions_own_latest():
    """Over data/clean: every cell the comparison, national and sub-region tables show equals the region's own
    Table-1 latest figure (or a statement of the same fact). Before R11-1's fix this found Zhejiang's 130 家."""
    from swtoolkit.reports.comparison import PROVINCE_INDICATORS
    from swtoolkit.reports.content import SUBREGION_INDICATORS
    from swtoolkit.reports.inputs import load_clean

    path = Path(__file__).resolve().parents[1] / "data" / "clean" / "figures.parquet"
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} missing")
        pytest.skip("no data/clean")
    clean = load_clean()
    indicators = list(dict.fromkeys([*SUBREGION_INDICATORS, *PROVINCE_INDICATORS]))
    assert latest_disagreements(clean, indicators) == []


def test_same_fact_links_are_transitive():
    """A dated statement two links away (C → B → A) dates the fact, as a direct one would (R11-8)."""
    a = _row("S903-000001", 326000, "2018-06-30", basis="document")
    b = _row("S904-000001", 326000, "2018-06-30", basis="document", same_fact_as="S903-000001")
    c = _row("S905-000001", 326574, "2017-12-31", same_fact_as="S904-000001")
    for order in ([a, b, c], [c, b, a]):
        merged = cmp.merge_facts(order)
        assert len(merged) == 1 and merged[0]["ref_date"] == "2017-12-31"
        assert "S905-000001" in merged[0]["figure_id"]


def test_fact_date_note_follows_the_whole_chain():
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    a = _row("S003-900001", 326574, "2017-12-31")
    b = _row("S003-900002", 326000, "2018-06-30", basis="document", same_fact_as="S003-900001")
    c = _row("S003-900003", 326000, "2018-06-30", basis="document", same_fact_as="S003-900002")
    report = RegionReport(regions.get("530100"), pd.DataFrame([a, b, c]), draw_charts=False)
    notes = {f: report._fact_date_note(report.figures[f]) for f in ("S003-900002", "S003-900003")}
    assert notes["S003-900002"] and notes["S003-900003"]
    assert notes["S003-900002"].split("按其注明的日期为")[1] == notes["S003-900003"].split("按其注明的日期为")[1]


def test_series_chart_note_names_figures_of_another_scope_no_chart_draws():
    """R11-10: under a series chart, a figure of the same indicator and kind but another definition that no chart
    draws (one incubated-organisations count) is named as not drawn, with its scope."""
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    kw = {"indicator": "sw_organisations", "unit": "organisations", "unit_as_written": "家"}
    rows = [_row("S003-900011", 100, "2019-12-31", **kw), _row("S003-900012", 150, "2020-12-31", **kw),
            _row("S003-900013", 200, "2021-12-31", **kw),
            _row("S003-900014", 30, "2021-06-30", scope="incubated", **kw)]
    report = RegionReport(regions.get("530100"), pd.DataFrame(rows))
    html = str(report.series_charts())
    assert "S003-900014" in html and "未绘出" in html
